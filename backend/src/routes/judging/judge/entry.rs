//! `GET /api/judging/entries/{entry_id}`.

use actix_web::web;
use hocdvc_api::JudgeEntryView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

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
