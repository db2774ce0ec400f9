//! `GET /api/certificates/{id}/qr.svg`.

use actix_web::{HttpRequest, HttpResponse, http::header, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::certificates::PublicUrl;
use crate::routes::extract::CurrentUser;
use crate::services::{certificate_documents, certificates};

/// The QR code of the certificate's verification address, as SVG, for the printable page
/// (made on the server so the UI carries no QR library).
#[utoipa::path(
    get,
    path = "/api/certificates/{id}/qr.svg",
    tag = "certificates",
    params(("id" = i32, Path, description = "Số của giấy chứng nhận")),
    responses(
        (status = 200, description = "Mã QR dạng SVG", content_type = "image/svg+xml", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem giấy chứng nhận của học viên này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có giấy chứng nhận này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn qr(
    req: HttpRequest,
    current: CurrentUser,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let base = public_url.base(&req);
    let id = id.into_inner();
    let svg = db
        .run(move |conn| {
            let row = certificates::find_for(conn, &principal, id)?;
            certificate_documents::qr_svg(&certificates::verify_url(&base, &row.verify_code))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(svg))
}
