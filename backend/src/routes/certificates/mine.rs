//! `GET /api/me/certificates`.

use actix_web::{HttpRequest, web};
use hocdvc_api::CertificateView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::certificates::PublicUrl;
use crate::routes::extract::CurrentUser;
use crate::services::certificates;

/// "Giấy chứng nhận của tôi": the signed-in learner's certificates, newest first.
#[utoipa::path(
    get,
    path = "/api/me/certificates",
    tag = "certificates",
    responses(
        (status = 200, description = "Giấy chứng nhận của người đang đăng nhập", body = [CertificateView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn mine(
    req: HttpRequest,
    current: CurrentUser,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
) -> AppResult<web::Json<Vec<CertificateView>>> {
    let principal = current.0;
    let base = public_url.base(&req);
    let list = db
        .run(move |conn| certificates::mine(conn, &principal, &base))
        .await?;
    Ok(web::Json(list))
}
