//! The one error type of request handling. Every failure becomes [`AppError`]; its
//! `ResponseError` impl is the only place that maps errors to HTTP status codes and to the
//! JSON shape `{"error": "code", "message": "Vietnamese text"}`. Causes of server faults are
//! logged with the request's span and never sent to the client.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use hocdvc_api::{ErrorBody, ErrorDetail};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is wrong; the message (Vietnamese) says which field and why.
    #[error("validation failed: {0}")]
    Validation(String),
    /// A file (or form) refused whole: the message says what, `details` every wrong line.
    #[error("rejected: {message} ({} details)", details.len())]
    Rejected {
        message: String,
        details: Vec<ErrorDetail>,
    },
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("not signed in")]
    Unauthenticated,
    /// Also used where revealing that a resource exists would leak information.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// A state-changing request without the session's CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// Unknown user and wrong password answer alike.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests,
    #[error("database error")]
    Database(#[from] diesel::result::Error),
    #[error("no database connection available")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The stable, machine-readable code in the `error` field.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::Rejected { .. } => "invalid_file",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthenticated => "unauthenticated",
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Conflict(_) => "conflict",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Database(diesel::result::Error::NotFound) => "not_found",
            AppError::Database(_) | AppError::Internal(_) => "internal",
            AppError::Pool(_) => "unavailable",
        }
    }

    /// The Vietnamese message shown to the user.
    pub fn message(&self) -> String {
        match self {
            AppError::Validation(msg) | AppError::BadRequest(msg) | AppError::Conflict(msg) => {
                msg.clone()
            }
            AppError::Rejected { message, .. } => message.clone(),
            AppError::Unauthenticated => "Bạn cần đăng nhập để tiếp tục.".into(),
            AppError::NotFound | AppError::Database(diesel::result::Error::NotFound) => {
                "Không tìm thấy trang hoặc dữ liệu yêu cầu.".into()
            }
            AppError::Forbidden => "Bạn không có quyền thực hiện thao tác này.".into(),
            AppError::Csrf => "Phiên làm việc đã thay đổi. Hãy tải lại trang rồi thử lại.".into(),
            AppError::InvalidCredentials => {
                "Tên đăng nhập hoặc mật khẩu (mã kích hoạt) không đúng.".into()
            }
            AppError::PayloadTooLarge => "Dữ liệu gửi lên quá lớn.".into(),
            AppError::TooManyRequests => {
                "Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.".into()
            }
            AppError::Pool(_) => "Máy chủ đang quá tải. Vui lòng thử lại sau ít phút.".into(),
            AppError::Database(_) | AppError::Internal(_) => {
                "Đã có lỗi ở máy chủ. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo quản trị viên."
                    .into()
            }
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.code().to_owned(),
            message: self.message(),
            details: match self {
                AppError::Rejected { details, .. } => details.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation(_) | AppError::Rejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::NotFound | AppError::Database(diesel::result::Error::NotFound) => {
                StatusCode::NOT_FOUND
            }
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Pool(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            // The cause stays in the log (with the request id from the span), not in the body.
            tracing::error!(error = ?self, "request failed");
        }
        HttpResponse::build(status)
            .insert_header(("cache-control", "no-store"))
            .json(self.body())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_faults_hide_their_cause_from_the_client() {
        let err = AppError::Internal(anyhow::anyhow!("secret table xyz is corrupt"));
        let body = err.body();
        assert_eq!(body.error, "internal");
        assert!(!body.message.contains("xyz"));
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_missing_row_reads_as_not_found() {
        let err = AppError::from(diesel::result::Error::NotFound);
        assert_eq!(err.status_code(), StatusCode::NOT_FOUND);
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn validation_messages_reach_the_user_unchanged() {
        let err = AppError::Validation("Trường «Họ và tên» không được để trống.".into());
        assert_eq!(err.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            err.body().message,
            "Trường «Họ và tên» không được để trống."
        );
    }
}
