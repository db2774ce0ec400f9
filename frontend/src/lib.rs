//! Học DVC browser UI: Yew, compiled to WebAssembly, embedded in and served by `hocdvc`.
//!
//! Two bundles are built from this library (see `hocdvc_api::bundle`): the learner bundle
//! (`src/bin/learner.rs`, [`app::LearnerApp`]) with the pages a student uses, small enough for
//! a phone on a slow connection, and the full bundle (`src/main.rs`, [`app::FullApp`]) with
//! every page. The server sends the learner shell for learner pages and the full one for the
//! rest; a learner bundle asked for a staff page hands over to the full bundle by loading it.

pub mod app;
mod autosave;
mod components;
mod download;
mod format;
mod hooks;
mod i18n;
mod pages;
mod services;
mod session;

/// Mounts `App` on the page, replacing the static "loading" line of index.html (shown on slow
/// connections while the bundle downloads).
pub fn start<App: yew::BaseComponent<Properties = ()>>() {
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("tai-trang"))
    {
        loading.remove();
    }
    yew::Renderer::<App>::new().render();
}
