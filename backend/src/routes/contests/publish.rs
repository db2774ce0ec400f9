//! `POST /api/contests/{contest_id}/rounds/{round_id}/publish`.

use actix_web::web;
use hocdvc_api::{ContestRoundView, PublishRoundRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::contests::RoundPath;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Publishes the round's results: entrants may now see the leaderboard, and each group's prize
/// winners get their certificates. Only the first publication counts.
#[utoipa::path(
    post,
    path = "/api/contests/{contest_id}/rounds/{round_id}/publish",
    tag = "contests",
    request_body = PublishRoundRequest,
    params(
        ("contest_id" = i32, Path, description = "Mã cuộc thi"),
        ("round_id" = i32, Path, description = "Mã vòng thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Đã công bố kết quả", body = ContestRoundView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải ban tổ chức cuộc thi này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi hoặc vòng thi này", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Vòng thi chưa kết thúc", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Số giải không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn publish(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<RoundPath>,
    body: web::Json<PublishRoundRequest>,
) -> AppResult<web::Json<ContestRoundView>> {
    let principal = current.0;
    let path = path.into_inner();
    let request = body.into_inner();
    let view = db
        .run(move |conn| {
            contests::publish(conn, &principal, path.contest_id, path.round_id, &request)
        })
        .await?;
    Ok(web::Json(view))
}
