//! The judge's routes, blind: `/api/judging/…`.

use actix_web::web;
use hocdvc_api::{ConflictRequest, JudgeAssignment, JudgeEntryView, ScoreRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// The signed-in judge's entries to score (no entrant names, schools or accounts).
#[utoipa::path(
    get,
    path = "/api/judging/assignments",
    tag = "judging",
    responses(
        (status = 200, description = "Bài được phân công chấm", body = [JudgeAssignment]),
        (status = 403, description = "Không phải giám khảo", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn assignments(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<JudgeAssignment>>> {
    let principal = current.0;
    Ok(web::Json(
        db.run(move |conn| judging::my_assignments(conn, &principal))
            .await?,
    ))
}

/// What the judge sees of one entry: title, statement, files, rubric, their scores, and the
/// other judges' scores once their own are submitted.
#[utoipa::path(
    get,
    path = "/api/judging/entries/{entry_id}",
    tag = "judging",
    params(("entry_id" = i32, Path, description = "Mã bài dự thi")),
    responses(
        (status = 200, description = "Bài dự thi (ẩn danh)", body = JudgeEntryView),
        (status = 404, description = "Không được phân công bài này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn entry(
    current: CurrentUser,
    db: web::Data<Db>,
    entry_id: web::Path<i32>,
) -> AppResult<web::Json<JudgeEntryView>> {
    let principal = current.0;
    let entry_id = entry_id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::judge_entry(conn, &principal, entry_id))
            .await?,
    ))
}

/// Saves the judge's scores as a draft, or submits them (final).
#[utoipa::path(
    put,
    path = "/api/judging/entries/{entry_id}/scores",
    tag = "judging",
    request_body = ScoreRequest,
    params(
        ("entry_id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bài dự thi sau khi lưu", body = JudgeEntryView),
        (status = 409, description = "Đã nộp, hoặc không ở giai đoạn chấm", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Điểm không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn scores(
    current: CurrentUser,
    db: web::Data<Db>,
    entry_id: web::Path<i32>,
    body: web::Json<ScoreRequest>,
) -> AppResult<web::Json<JudgeEntryView>> {
    let principal = current.0;
    let entry_id = entry_id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::save_scores(conn, &principal, entry_id, &request))
            .await?,
    ))
}

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
