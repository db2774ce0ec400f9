//! `PATCH /api/creative-contests/{id}`.

use actix_web::web;
use hocdvc_api::{CreativeContestView, UpdateCreativeContest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Changes aggregation, disagreement threshold, prize counts, popular vote or deadline.
#[utoipa::path(
    patch,
    path = "/api/creative-contests/{id}",
    tag = "judging",
    request_body = UpdateCreativeContest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Cuộc thi sau khi sửa", body = CreativeContestView),
        (status = 409, description = "Đã công bố", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<UpdateCreativeContest>,
) -> AppResult<web::Json<CreativeContestView>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::update_contest(conn, &principal, id, &request))
            .await?,
    ))
}
