//! `GET /api/creative-contests/{id}/results`.

use actix_web::web;
use hocdvc_api::ContestResults;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// The organiser's table: entries with entrants, every judge's total, aggregates, flags and
/// the provisional ranking.
#[utoipa::path(
    get,
    path = "/api/creative-contests/{id}/results",
    tag = "judging",
    params(("id" = i32, Path, description = "Mã cuộc thi")),
    responses(
        (status = 200, description = "Bảng điểm", body = ContestResults),
        (status = 403, description = "Không phải ban tổ chức", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn results(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::results(conn, &principal, id))
            .await?,
    ))
}
