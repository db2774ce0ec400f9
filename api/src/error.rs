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
}
