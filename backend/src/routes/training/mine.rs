//! `GET /api/me/training`.

use actix_web::web;
use hocdvc_api::MyTraining;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::training;

/// The signed-in member's annual training this year: the cycle's due date, each assigned
/// module with its status, and the overall status.
#[utoipa::path(
    get,
    path = "/api/me/training",
    tag = "training",
    responses(
        (status = 200, description = "Đào tạo hằng năm của tôi", body = MyTraining),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn mine(current: CurrentUser, db: web::Data<Db>) -> AppResult<web::Json<MyTraining>> {
    let principal = current.0;
    let mine = db.run(move |conn| training::mine(conn, &principal)).await?;
    Ok(web::Json(mine))
}
