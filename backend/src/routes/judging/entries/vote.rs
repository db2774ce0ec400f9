//! `POST /api/entries/{id}/vote`.

use actix_web::web;
use hocdvc_api::VoteResult;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Bình chọn: one vote per account per prize-winning entry (counted apart from the jury).
#[utoipa::path(
    post,
    path = "/api/entries/{id}/vote",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Số phiếu bình chọn", body = VoteResult),
        (status = 409, description = "Cuộc thi không mở bình chọn", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn vote(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<VoteResult>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::vote(conn, &principal, id))
            .await?,
    ))
}
