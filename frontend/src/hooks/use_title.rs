//! The browser tab's title follows the page ("Đăng nhập — Học DVC"), so history entries and
//! screen readers name where the user is. An empty page name leaves the application's name
//! alone (the home page).

use yew::prelude::*;

use crate::i18n::use_texts;

#[hook]
pub fn use_title(page: impl Into<AttrValue>) {
    let app = use_texts().app_name;
    let page = page.into();
    let title = if page.is_empty() {
        app.to_owned()
    } else {
        format!("{page} — {app}")
    };
    use_effect_with(title, |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(title);
        }
    });
}
