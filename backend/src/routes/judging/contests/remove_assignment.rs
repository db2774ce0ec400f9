//! `DELETE /api/creative-contests/{id}/assignments/{assignment_id}`.

use actix_web::web;
use hocdvc_api::ContestResults;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Removes an assignment the judge has not submitted yet.
#[utoipa::path(
    delete,
    path = "/api/creative-contests/{id}/assignments/{assignment_id}",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("assignment_id" = i32, Path, description = "Mã phân công"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả sau khi gỡ", body = ContestResults),
        (status = 409, description = "Giám khảo đã nộp điểm", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn remove_assignment(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(i32, i32)>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let (id, assignment_id) = path.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::remove_assignment(conn, &principal, id, assignment_id))
            .await?,
    ))
}
