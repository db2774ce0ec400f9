//! The browser UI, compiled from `frontend/` to WebAssembly by `backend/build.rs` and embedded
//! in the binary: file names carry a content hash, bodies come precompressed (brotli, gzip).

/// One embedded file.
#[derive(Debug)]
pub struct Asset {
    /// URL path, e.g. `/assets/app-3f2a….js`.
    pub path: &'static str,
    pub content_type: &'static str,
    /// Hashed names never change content, so browsers may keep them for a year.
    pub immutable: bool,
    /// Strong validator for conditional requests.
    pub etag: &'static str,
    pub identity: &'static [u8],
    pub brotli: Option<&'static [u8]>,
    pub gzip: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/ui_assets.rs"));

/// The embedded file served at `path`, if any.
pub fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|asset| asset.path == path)
}

/// The app shell (`index.html`) served for every page of the single-page UI.
pub fn index() -> &'static Asset {
    &INDEX
}

/// What the browser downloads on its first visit: the shell plus every asset, compressed the
/// best way each is served. Reported in the README's budget line and checked by a test.
pub fn first_load_bytes() -> usize {
    std::iter::once(&INDEX)
        .chain(ASSETS.iter())
        .map(|a| a.brotli.or(a.gzip).unwrap_or(a.identity).len())
        .sum()
}
