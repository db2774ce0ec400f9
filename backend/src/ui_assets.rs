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

/// The app shell (`index.html`) for a page of the single-page UI: the learner bundle's for the
/// pages it serves (`hocdvc_api::bundle`), the full bundle's for every other.
pub fn index_for(path: &str) -> &'static Asset {
    if hocdvc_api::bundle::is_learner_path(path) {
        &INDEX_LEARNER
    } else {
        &INDEX
    }
}

fn served_bytes(asset: &Asset) -> usize {
    asset.brotli.or(asset.gzip).unwrap_or(asset.identity).len()
}

fn load_bytes(shell: &Asset, files: &[&str]) -> usize {
    served_bytes(shell)
        + files
            .iter()
            .filter_map(|p| find(p))
            .map(served_bytes)
            .sum::<usize>()
}

/// What a student's browser downloads on its first visit (any learner page): the learner
/// shell and the files it loads, compressed the best way each is served. Reported in the
/// README's budget line and checked by a test.
pub fn first_load_bytes() -> usize {
    load_bytes(&INDEX_LEARNER, LEARNER_FILES)
}

/// What the first visit of a staff page downloads: the full shell and the files it loads.
pub fn full_load_bytes() -> usize {
    load_bytes(&INDEX, FULL_FILES)
}
