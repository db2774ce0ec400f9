//! `POST /api/creative-contests/{id}/assignments`.

use actix_web::web;
use hocdvc_api::{ContestResults, ManualAssignment};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Assigns one judge to one entry by hand (conflicts still refused).
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/assignments",
    tag = "judging",
    request_body = ManualAssignment,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả sau khi phân công", body = ContestResults),
        (status = 409, description = "Xung đột lợi ích hoặc đã phân công", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn add_assignment(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<ManualAssignment>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::add_assignment(conn, &principal, id, &request))
            .await?,
    ))
}
