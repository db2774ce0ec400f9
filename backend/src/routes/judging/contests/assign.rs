//! `POST /api/creative-contests/{id}/assign`.

use actix_web::web;
use hocdvc_api::AssignmentRun;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Assigns judges automatically: k per entry, balanced, respecting conflicts; keeps the
/// assignments already made.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/assign",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Kết quả phân công", body = AssignmentRun),
        (status = 409, description = "Chưa hết hạn nộp bài", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Không đủ giám khảo đủ điều kiện; details từng bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn assign(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<AssignmentRun>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::auto_assign(conn, &principal, id))
            .await?,
    ))
}
