//! `/api/auth/*` and `/api/me`: sign in, first-login activation, sign out, password change.

pub mod activate;
pub mod login;
pub mod logout;
pub mod me;
pub mod password;

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time};
use hocdvc_api::{RoleGrant, SessionInfo, UserInfo};

use crate::models::{grant::Grant, user::User};
use crate::services::auth::{SESSION_COOKIE, SESSION_HOURS};

pub fn session_info(user: &User, grants: &[Grant], csrf_token: &str) -> SessionInfo {
    SessionInfo {
        user: UserInfo {
            id: user.id,
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            roles: grants
                .iter()
                .map(|g| RoleGrant {
                    role: g.role.as_str().to_owned(),
                    unit_code: g.unit_code.clone(),
                    unit_name: g.unit_name.clone(),
                    unit_kind: g.unit_kind.clone(),
                })
                .collect(),
        },
        csrf_token: csrf_token.to_owned(),
    }
}

/// The answer to a successful sign-in: the session cookie and the session's description.
pub fn signed_in(
    policy: &CookiePolicy,
    user: &User,
    session: &crate::services::auth::NewSession,
    grants: &[Grant],
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .cookie(session_cookie(&session.token, policy.secure))
        .json(session_info(user, grants, &session.csrf_token))
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure behind TLS.
pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_owned())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::hours(SESSION_HOURS))
        .finish()
}

pub fn expired_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}

/// The client address used for throttling (the direct peer; proxies are not trusted).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Settings the auth handlers need.
#[derive(Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}
