//! `PUT /api/certificates/{id}/revoked`.

use actix_web::{HttpRequest, web};
use hocdvc_api::{CertificateRevocation, CertificateView};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::certificates::PublicUrl;
use crate::routes::extract::CurrentUser;
use crate::services::certificates;

/// Withdraws a certificate (`revoked: true`; it then verifies as "đã thu hồi") or reinstates it.
#[utoipa::path(
    put,
    path = "/api/certificates/{id}/revoked",
    tag = "certificates",
    request_body = CertificateRevocation,
    params(
        ("id" = i32, Path, description = "Số của giấy chứng nhận"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Giấy chứng nhận sau khi thay đổi", body = CertificateView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền thu hồi giấy chứng nhận", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có giấy chứng nhận này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn revoke(
    req: HttpRequest,
    current: CurrentUser,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
    id: web::Path<i32>,
    body: web::Json<CertificateRevocation>,
) -> AppResult<web::Json<CertificateView>> {
    let principal = current.0;
    let base = public_url.base(&req);
    let id = id.into_inner();
    let revoked = body.revoked;
    let view = db
        .run(move |conn| certificates::set_revoked(conn, &principal, id, revoked, &base))
        .await?;
    Ok(web::Json(view))
}
