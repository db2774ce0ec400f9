//! `POST /api/creative-contests/{id}/publish`.

use actix_web::web;
use hocdvc_api::ContestResults;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Publishes the ranking and prizes: the gallery shows the winners, and every member of a
/// winning entry receives a prize certificate.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/publish",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Kết quả đã công bố", body = ContestResults),
        (status = 409, description = "Chưa đến lúc hoặc đã công bố", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn publish(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::publish(conn, &principal, id))
            .await?,
    ))
}
