//! Signing in and out, first-login activation, and who the signed-in user is.

use serde::{Deserialize, Serialize};

/// `POST /api/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/auth/activate`: first sign-in with the one-time code from the class sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivateRequest {
    pub username: String,
    pub activation_code: String,
    pub new_password: String,
}

/// `POST /api/auth/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// A role on an organisation unit (it covers the unit's subtree).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrant {
    /// `student`, `teacher`, `school_admin`, `department_viewer`, `organiser`, `judge`,
    /// `civil_servant` or `system_admin`.
    pub role: String,
    pub unit_code: String,
    pub unit_name: String,
    /// The unit's kind (`class`, `school` …), so a class named "10A1" can read "Lớp 10A1".
    pub unit_kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<RoleGrant>,
}

/// Answer of login, activation and `GET /api/me`. Every state-changing request must carry
/// `csrf_token` in the `X-CSRF-Token` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: UserInfo,
    pub csrf_token: String,
}
