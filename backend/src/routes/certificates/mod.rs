//! Certificates: the learner's list, one certificate (JSON, QR code, PDF), revocation, and the
//! public verification by code.

pub mod mine;
pub mod pdf;
pub mod qr;
pub mod revoke;
pub mod show;
pub mod verify;

use actix_web::HttpRequest;

/// The `public_url` setting: the base of verification links, when configured.
#[derive(Debug, Clone)]
pub struct PublicUrl(pub Option<String>);

impl PublicUrl {
    /// The configured public address, or else the scheme and host this request came to.
    pub fn base(&self, req: &HttpRequest) -> String {
        match &self.0 {
            Some(url) => url.clone(),
            None => {
                let info = req.connection_info();
                format!("{}://{}", info.scheme(), info.host())
            }
        }
    }
}
