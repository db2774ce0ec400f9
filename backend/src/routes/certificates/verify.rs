//! `GET /api/verify/{code}`: public, no sign-in.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use hocdvc_api::{CertificateVerification, ErrorBody};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::auth::client_ip;
use crate::services::certificates;

/// Verifies a certificate by its code: the facts the certificate states (name, what, date,
/// expiry, whether it still holds) and nothing else about the person. Anyone may ask; a client
/// that keeps asking for unknown codes is slowed down (429).
#[utoipa::path(
    get,
    path = "/api/verify/{code}",
    tag = "certificates",
    params(("code" = String, Path, description = "Mã xác thực in trên giấy chứng nhận (10 ký tự)")),
    responses(
        (status = 200, description = "Giấy chứng nhận mang mã này", body = CertificateVerification),
        (status = 404, description = "Không có giấy chứng nhận nào mang mã này", body = hocdvc_api::ErrorBody),
        (status = 429, description = "Tra cứu sai quá nhiều lần, cần chờ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn verify(
    req: HttpRequest,
    db: web::Data<Db>,
    code: web::Path<String>,
) -> AppResult<HttpResponse> {
    let code = code.into_inner();
    let ip = client_ip(&req);
    let found = db
        .run(move |conn| certificates::verify(conn, &code, &ip))
        .await?;
    Ok(match found {
        Some(facts) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(facts),
        None => HttpResponse::NotFound().json(ErrorBody {
            error: "not_found".into(),
            message: "Không có giấy chứng nhận nào mang mã xác thực này. Hãy kiểm tra lại mã \
                      (10 ký tự, in dưới mã QR)."
                .into(),
            details: Vec::new(),
        }),
    })
}
