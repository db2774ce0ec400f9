//! `POST /api/questions/import?dry_run=…&category=…&format=…` (body: the file).

use actix_web::{HttpRequest, web};
use hocdvc_api::QuestionImportSummary;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::{CurrentUser, uploaded_file_name};
use crate::services::question_import::{self, Format};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct QuestionImportQuery {
    /// Chỉ xem trước, không ghi gì
    #[serde(default)]
    pub dry_run: bool,
    /// Danh mục, ví dụ `Chủ đề 1/Bài 2` (giáo viên: nằm trong `Giáo viên/<tên đăng nhập>`)
    #[serde(default)]
    pub category: String,
    /// `gift`, `xml` hoặc `csv`; mặc định đoán theo tên và nội dung tệp
    #[serde(default)]
    pub format: Option<String>,
}

/// Checks, previews and (unless a dry run) imports a GIFT, Moodle XML or CSV question file.
/// All or nothing: a file with any error is refused with 422 and every error in `details`.
#[utoipa::path(
    post,
    path = "/api/questions/import",
    tag = "questions",
    params(
        QuestionImportQuery,
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên"),
        ("X-File-Name" = Option<String>, Header, description = "Tên tệp, mã hóa phần trăm")
    ),
    request_body(content = String, content_type = "text/plain", description = "Nội dung tệp"),
    responses(
        (status = 200, description = "Đã xem trước hoặc đã nhập", body = QuestionImportSummary),
        (status = 403, description = "Không có quyền nhập câu hỏi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Tệp có lỗi; details liệt kê từng dòng", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn import(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<QuestionImportQuery>,
    request: HttpRequest,
    body: web::Bytes,
) -> AppResult<web::Json<QuestionImportSummary>> {
    let principal = current.0;
    let query = query.into_inner();
    let format = match query.format.as_deref() {
        Some("gift") => Some(Format::Gift),
        Some("xml") => Some(Format::Xml),
        Some("csv") => Some(Format::Csv),
        Some("") | None => None,
        Some(other) => {
            return Err(crate::error::AppError::Validation(format!(
                "Định dạng «{other}» không được hỗ trợ: hãy chọn gift, xml hoặc csv."
            )));
        }
    };
    let file_name = uploaded_file_name(&request);
    let summary = db
        .run(move |conn| {
            question_import::import_upload(
                conn,
                &principal,
                &body,
                &file_name,
                format,
                &query.category,
                query.dry_run,
            )
        })
        .await?;
    Ok(web::Json(summary))
}
