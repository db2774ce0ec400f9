//! `POST /api/creative-contests`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{CreateCreativeContest, CreativeContestView};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Creates a creative contest (poster, model or video) with its rubric.
#[utoipa::path(
    post,
    path = "/api/creative-contests",
    tag = "judging",
    request_body = CreateCreativeContest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Cuộc thi đã tạo", body = CreativeContestView),
        (status = 403, description = "Không phải ban tổ chức của đơn vị", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CreateCreativeContest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let request = body.into_inner();
    let view = db
        .run(move |conn| judging::create_contest(conn, &principal, &request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
