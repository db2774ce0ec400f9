//! `POST /api/contests/{contest_id}/rounds`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{ContestRoundView, CreateRoundRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Adds the next round: its window, the module and tags it draws from, how many questions,
/// the time limit and the attempts limit.
#[utoipa::path(
    post,
    path = "/api/contests/{contest_id}/rounds",
    tag = "contests",
    request_body = CreateRoundRequest,
    params(
        ("contest_id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 201, description = "Đã tạo vòng thi", body = ContestRoundView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải ban tổ chức cuộc thi này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Dữ liệu không hợp lệ (thông báo nêu trường sai)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create_round(
    current: CurrentUser,
    db: web::Data<Db>,
    contest_id: web::Path<i32>,
    body: web::Json<CreateRoundRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let contest_id = contest_id.into_inner();
    let request = body.into_inner();
    let view = db
        .run(move |conn| contests::create_round(conn, &principal, contest_id, request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
