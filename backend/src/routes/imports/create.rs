//! `POST /api/imports?kind=students&dry_run=true&school_year=2025-2026` (body: the file).

use actix_web::{HttpRequest, web};
use hocdvc_api::{ImportSummary, RosterKind};
use serde::Deserialize;

use crate::db::Db;
use crate::domain::SchoolYear;
use crate::error::{AppError, AppResult};
use crate::roster::table::{ParseOptions, today_in_vietnam};
use crate::routes::extract::{CurrentUser, uploaded_file_name};
use crate::services::gate::{self, Permission};
use crate::services::roster_import::{self, RosterRequest};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// `students`, `teachers` hoặc `members` (cán bộ cơ quan, thành viên tổ CNSCĐ)
    pub kind: RosterKind,
    /// Chỉ kiểm tra, không ghi gì
    #[serde(default)]
    pub dry_run: bool,
    /// Năm học, ví dụ 2025-2026 (mặc định: năm học hiện tại)
    #[serde(default)]
    pub school_year: Option<String>,
}

/// Checks and imports a school's student or teacher list (CSV UTF-8 with or without BOM,
/// UTF-16 "Unicode text", or Windows-1258). All or nothing: a file with any wrong row is
/// refused with 422 and every wrong row in `details`.
#[utoipa::path(
    post,
    path = "/api/imports",
    tag = "imports",
    params(
        ImportQuery,
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên"),
        ("X-File-Name" = Option<String>, Header, description = "Tên tệp, mã hóa phần trăm")
    ),
    request_body(content = String, content_type = "text/csv", description = "Nội dung tệp"),
    responses(
        (status = 200, description = "Đã nhập (hoặc đã kiểm tra)", body = ImportSummary),
        (status = 403, description = "Không có quyền nhập danh sách", body = hocdvc_api::ErrorBody),
        (status = 413, description = "Tệp quá lớn", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Tệp có lỗi; details liệt kê từng dòng", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<ImportQuery>,
    request: HttpRequest,
    body: web::Bytes,
) -> AppResult<web::Json<ImportSummary>> {
    let principal = current.0;
    let needed = match query.kind {
        RosterKind::Members => Permission::ManageTraining,
        RosterKind::Students | RosterKind::Teachers => Permission::ImportRoster,
    };
    if !gate::may_anywhere(&principal, needed) {
        return Err(AppError::Forbidden);
    }
    let query = query.into_inner();
    let school_year = match &query.school_year {
        Some(text) if !text.trim().is_empty() => {
            SchoolYear::parse(text).map_err(AppError::Validation)?
        }
        _ => SchoolYear::containing(today_in_vietnam()),
    };
    let file_name = uploaded_file_name(&request);
    let summary = db
        .run(move |conn| {
            let request = RosterRequest {
                kind: query.kind,
                bytes: &body,
                file_name,
                school_year,
                dry_run: query.dry_run,
                by: Some(&principal),
                options: ParseOptions::default(),
            };
            Ok(roster_import::import(conn, &request)?)
        })
        .await?;
    Ok(web::Json(summary))
}
