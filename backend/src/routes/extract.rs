//! `CurrentUser`: the signed-in principal, taken from the session cookie. State-changing
//! requests (anything but GET/HEAD/OPTIONS) must also carry the session's CSRF token in
//! `X-CSRF-Token`; this extractor is where that is enforced for every protected endpoint.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use crate::db::Db;
use crate::error::AppError;
use crate::services::auth::{self, Principal, SESSION_COOKIE};

pub const CSRF_HEADER: &str = "x-csrf-token";

pub struct CurrentUser(pub Principal);

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<CurrentUser, AppError>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let db = req.app_data::<web::Data<Db>>().cloned();
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
        let needs_csrf = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let csrf = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Box::pin(async move {
            let db = db.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no database")))?;
            let token = token.ok_or(AppError::Unauthenticated)?;
            let principal = auth::principal_for(&db, &token)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            if needs_csrf && csrf.as_deref() != Some(principal.csrf_token.as_str()) {
                return Err(AppError::Csrf);
            }
            Ok(CurrentUser(principal))
        })
    }
}

/// The uploaded file's name from `X-File-Name` (percent-encoded UTF-8), NFC, at most 200
/// characters; "tệp tải lên" when absent.
pub fn uploaded_file_name(request: &actix_web::HttpRequest) -> String {
    let raw = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let name: String = crate::domain::text::clean(&decoded)
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    if name.is_empty() {
        "tệp tải lên".to_owned()
    } else {
        name
    }
}
