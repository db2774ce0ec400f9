//! `GET /api/certificates/{id}.pdf`.

use actix_web::{HttpRequest, HttpResponse, http::header, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::models;
use crate::routes::certificates::PublicUrl;
use crate::routes::extract::CurrentUser;
use crate::services::{certificate_documents, certificates};

/// The certificate as a PDF (A4 landscape, the learner's name in Vietnamese, the QR code to
/// its verification page), for the same people who may see it.
#[utoipa::path(
    get,
    path = "/api/certificates/{id}.pdf",
    tag = "certificates",
    params(("id" = i32, Path, description = "Số của giấy chứng nhận")),
    responses(
        (status = 200, description = "Tệp PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem giấy chứng nhận của học viên này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có giấy chứng nhận này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn pdf(
    req: HttpRequest,
    current: CurrentUser,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let base = public_url.base(&req);
    let id = id.into_inner();
    let view = db
        .run(move |conn| {
            let row = certificates::find_for(conn, &principal, id)?;
            Ok::<_, crate::error::AppError>(certificates::view(&row, &base, models::now()))
        })
        .await?;
    let code = view.facts.verify_code.clone();
    let bytes = web::block(move || certificate_documents::pdf(&view))
        .await
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("PDF task: {e}")))??;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"giay-chung-nhan-{code}.pdf\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}
