//! `POST /api/entries/{id}/withdraw`.

use actix_web::web;
use hocdvc_api::MyEntry;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Withdraws an entry (before the deadline).
#[utoipa::path(
    post,
    path = "/api/entries/{id}/withdraw",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bài dự thi đã rút", body = MyEntry),
        (status = 409, description = "Đã hết hạn nộp bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn withdraw(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<MyEntry>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::withdraw_entry(conn, &principal, id))
            .await?,
    ))
}
