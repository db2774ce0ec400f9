//! `POST /api/creative-contests/{id}/conflicts`.

use actix_web::web;
use hocdvc_api::{ConflictRequest, ContestResults};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Records a judge's conflict of interest with an entry.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/conflicts",
    tag = "judging",
    request_body = ConflictRequest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả", body = ContestResults),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn conflict(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<ConflictRequest>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::organiser_conflict(conn, &principal, id, &request))
            .await?,
    ))
}
