//! `GET /api/contests/{contest_id}`.

use actix_web::web;
use hocdvc_api::ContestView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// One contest with its groups and rounds; for an entrant also where they stand in each round.
#[utoipa::path(
    get,
    path = "/api/contests/{contest_id}",
    tag = "contests",
    params(("contest_id" = i32, Path, description = "Mã cuộc thi")),
    responses(
        (status = 200, description = "Cuộc thi", body = ContestView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi này (hoặc không dành cho người dùng này)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    contest_id: web::Path<i32>,
) -> AppResult<web::Json<ContestView>> {
    let principal = current.0;
    let contest_id = contest_id.into_inner();
    let view = db
        .run(move |conn| contests::show(conn, &principal, contest_id))
        .await?;
    Ok(web::Json(view))
}
