//! Which browser bundle serves a page. The UI ships as two WebAssembly bundles built from the
//! same code: the **learner** bundle carries only what a student needs (sign-in, lessons, the
//! attempt, the to-do list, family tasks, search) so a phone on a slow connection downloads as
//! little as possible; the **full** bundle carries every page (staff pages: units, rosters,
//! assignments, progress, grading, statistics …). The server (choosing which shell to send for
//! a path) and the learner bundle (handing a staff page over to the full one) read this one
//! list, so they cannot disagree.

/// Paths the learner bundle serves; `*` stands for one path segment.
pub const LEARNER_PATHS: &[&str] = &[
    "/",
    "/gioi-thieu",
    "/dang-nhap",
    "/kich-hoat",
    "/doi-mat-khau",
    "/hoc",
    "/hoc/*",
    "/bai-hoc/*",
    "/tim-kiem",
    "/lam-bai/*",
    "/viec-can-lam",
    "/nhiem-vu-gia-dinh",
    "/khong-tim-thay",
];

/// Whether the learner bundle serves `path` (a URL path, without query).
pub fn is_learner_path(path: &str) -> bool {
    if path.contains("//") {
        return false;
    }
    let trimmed = match path.strip_suffix('/') {
        Some(rest) if !rest.is_empty() => rest,
        _ => path,
    };
    LEARNER_PATHS
        .iter()
        .any(|pattern| matches_pattern(pattern, trimmed))
}

fn matches_pattern(pattern: &str, path: &str) -> bool {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some("*"), Some(segment)) if !segment.is_empty() => {}
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learner_pages_are_recognised_with_or_without_a_trailing_slash() {
        for path in [
            "/",
            "/dang-nhap",
            "/hoc",
            "/hoc/",
            "/hoc/thpt-core",
            "/bai-hoc/thpt-core-01",
            "/lam-bai/42",
            "/viec-can-lam/",
        ] {
            assert!(is_learner_path(path), "{path}");
        }
    }

    #[test]
    fn staff_pages_and_deeper_paths_go_to_the_full_bundle() {
        for path in [
            "/giao-bai",
            "/quan-tri/don-vi",
            "/lop/AG-LX-THPT-10A1-2026/tien-do",
            "/hoc/thpt-core/extra",
            "/lam-bai/",
            "/bai-hoc",
            "//",
            "",
        ] {
            assert!(!is_learner_path(path), "{path}");
        }
    }
}
