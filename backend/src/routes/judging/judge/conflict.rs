//! `POST /api/judging/entries/{entry_id}/conflict`.

use actix_web::web;
use hocdvc_api::{ConflictRequest, JudgeAssignment};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// The judge declares a conflict of interest with an entry they were given.
#[utoipa::path(
    post,
    path = "/api/judging/entries/{entry_id}/conflict",
    tag = "judging",
    request_body = ConflictRequest,
    params(
        ("entry_id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Danh sách bài còn lại", body = [JudgeAssignment]),
        (status = 404, description = "Không được phân công bài này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn conflict(
    current: CurrentUser,
    db: web::Data<Db>,
    entry_id: web::Path<i32>,
    body: web::Json<ConflictRequest>,
) -> AppResult<web::Json<Vec<JudgeAssignment>>> {
    let principal = current.0;
    let entry_id = entry_id.into_inner();
    let reason = body.into_inner().reason;
    Ok(web::Json(
        db.run(move |conn| judging::declare_conflict(conn, &principal, entry_id, &reason))
            .await?,
    ))
}
