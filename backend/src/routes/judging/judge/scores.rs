//! `PUT /api/judging/entries/{entry_id}/scores`.

use actix_web::web;
use hocdvc_api::{JudgeEntryView, ScoreRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

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
