//! The one JSON error shape every failing API request answers with.

use serde::{Deserialize, Serialize};

/// `{"error": "snake_case_code", "message": "Vietnamese text for the user"}`.
///
/// `error` is stable and meant for programs; `message` is meant for people and may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Machine-readable code, e.g. `not_found`, `forbidden`, `validation`.
    #[cfg_attr(feature = "openapi", schema(example = "not_found"))]
    pub error: String,
    /// A message in Vietnamese that can be shown to the user as it is.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Không tìm thấy trang hoặc dữ liệu yêu cầu.")
    )]
    pub message: String,
    /// For a refused file or form: every wrong line or field. Empty (and omitted) otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
}

/// One wrong line (files) or field (forms), with a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// 1-based line in the file, counting the header line.
    pub line: Option<usize>,
    /// The column or field, as the user named it (e.g. "Ngày sinh").
    pub column: Option<String>,
    pub message: String,
}
