//! Organisation units (province, commune, school, class, agency, team …).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub code: String,
    pub name: String,
    /// `province`, `commune`, `area`, `school`, `class`, `agency` or `team`.
    pub kind: String,
    /// The kind in Vietnamese, e.g. "Trường".
    pub kind_label: String,
    /// Schools: `thcs`, `thpt`, `lien_cap`, `dai_hoc`, `nghe`, `gdtx`.
    pub school_level: Option<String>,
    /// Classes: 6–12.
    pub grade: Option<i32>,
    /// Classes: e.g. `2025-2026`.
    pub school_year: Option<String>,
    pub parent_code: Option<String>,
}

/// `GET /api/units/{code}`: a unit with its path from the root and its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPage {
    pub unit: UnitView,
    /// From the root down to the unit's parent.
    pub path: Vec<UnitView>,
    pub children: Vec<UnitView>,
    /// Units in the subtree, the unit itself included.
    pub subtree_size: i64,
}

/// `POST /api/units`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUnitRequest {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: String,
    #[serde(default)]
    pub school_level: Option<String>,
    #[serde(default)]
    pub grade: Option<i32>,
    #[serde(default)]
    pub school_year: Option<String>,
}

/// `PATCH /api/units/{code}`: rename, move, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUnitRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent_code: Option<String>,
}

/// `POST /api/users/{username}/reset-password`: the new one-time code to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPasswordResponse {
    pub username: String,
    pub activation_code: String,
}
