//! `PUT /api/creative-contests/{id}/judges`.

use actix_web::web;
use hocdvc_api::{PanelJudge, SetJudgesRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Sets the judging panel (usernames holding the judge role).
#[utoipa::path(
    put,
    path = "/api/creative-contests/{id}/judges",
    tag = "judging",
    request_body = SetJudgesRequest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Hội đồng giám khảo", body = [PanelJudge]),
        (status = 422, description = "Tài khoản không phải giám khảo", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn set_judges(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<SetJudgesRequest>,
) -> AppResult<web::Json<Vec<PanelJudge>>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::set_judges(conn, &principal, id, &request.usernames))
            .await?,
    ))
}
