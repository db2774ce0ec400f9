//! `GET /api/people?unit=CODE&q=TEXT&page=N`.

use actix_web::web;
use hocdvc_api::PeoplePage;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::people;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PeopleQuery {
    /// Mã đơn vị (trường, lớp, xã …)
    pub unit: String,
    /// Tên, tên đăng nhập hoặc mã học sinh; không phân biệt hoa thường và dấu
    #[serde(default)]
    pub q: String,
    /// Trang, bắt đầu từ 1
    #[serde(default)]
    pub page: Option<i64>,
}

/// People with a role in the unit's subtree whose name, username or student code matches.
#[utoipa::path(
    get,
    path = "/api/people",
    tag = "users",
    params(PeopleQuery),
    responses(
        (status = 200, description = "Một trang kết quả (50 người)", body = PeoplePage),
        (status = 403, description = "Không có quyền xem người của đơn vị", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn search(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<PeopleQuery>,
) -> AppResult<web::Json<PeoplePage>> {
    let principal = current.0;
    let query = query.into_inner();
    let page = db
        .run(move |conn| {
            people::search(
                conn,
                &principal,
                &query.unit,
                &query.q,
                query.page.unwrap_or(1),
            )
        })
        .await?;
    Ok(web::Json(page))
}
