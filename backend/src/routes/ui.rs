//! Serves the embedded UI: hashed assets with year-long caching and precompressed bodies, and
//! the app shell for every other path so deep links such as `/lop/9A1` open the right page.

use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::ui_assets::{self, Asset};

pub async fn asset(req: HttpRequest, file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = ui_assets::find(&format!("/assets/{file}")).ok_or(AppError::NotFound)?;
    Ok(respond(&req, asset))
}

/// Any non-API path without a file extension gets the app shell; the router in the browser
/// decides what to show (and shows its own "not found" page).
pub async fn app_shell(req: HttpRequest) -> Result<HttpResponse, AppError> {
    let last_segment = req.path().rsplit('/').next().unwrap_or_default();
    if !matches!(*req.method(), Method::GET | Method::HEAD) || last_segment.contains('.') {
        return Err(AppError::NotFound);
    }
    Ok(respond(&req, ui_assets::index_for(req.path())))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The best encoding the client accepts (`q=0` means "not acceptable").
fn negotiate(accept_encoding: &str) -> Encoding {
    let accepts = |name: &str| {
        accept_encoding.split(',').any(|part| {
            let mut pieces = part.split(';').map(str::trim);
            let token = pieces.next().unwrap_or_default();
            let refused = pieces.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            token.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn respond(req: &HttpRequest, asset: &'static Asset) -> HttpResponse {
    let cache = if asset.immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == asset.etag));
    let mut builder = if not_modified {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    builder
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::ETAG, asset.etag))
        .insert_header((header::VARY, "Accept-Encoding"));
    if not_modified {
        return builder.finish();
    }
    builder.insert_header((
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    ));
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (body, encoding) = match (negotiate(accept), asset.brotli, asset.gzip) {
        (Encoding::Brotli, Some(br), _) => (br, Some("br")),
        (Encoding::Brotli | Encoding::Gzip, _, Some(gz)) => (gz, Some("gzip")),
        _ => (asset.identity, None),
    };
    if let Some(encoding) = encoding {
        builder.insert_header((header::CONTENT_ENCODING, encoding));
    }
    builder.body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_is_preferred_over_gzip_when_both_are_accepted() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(negotiate("gzip"), Encoding::Gzip);
        assert_eq!(negotiate(""), Encoding::Identity);
    }

    #[test]
    fn an_encoding_with_q_zero_is_not_used() {
        assert_eq!(negotiate("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0.5"), Encoding::Brotli);
    }
}
