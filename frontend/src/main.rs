//! Học DVC browser UI: Yew, compiled to WebAssembly, embedded in and served by `hocdvc`.

mod app;
mod autosave;
mod components;
mod download;
mod format;
mod hooks;
mod i18n;
mod pages;
mod services;
mod session;

fn main() {
    // The static "loading" line in index.html is for slow connections; the app replaces it.
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("tai-trang"))
    {
        loading.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
