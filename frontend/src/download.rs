//! Files the browser makes and saves by itself, without asking the server: the roster
//! templates. A UTF-8 byte-order mark leads the text so Excel opens Vietnamese letters right.

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the file's temporary address lives: some browsers read it after `click` returns.
const KEEP_URL_MS: u32 = 60_000;

/// Offers `content` as a download named `file_name` (a CSV file, UTF-8 with BOM).
pub fn save_csv(file_name: &str, content: &str) -> Result<(), JsValue> {
    let text = format!("\u{feff}{content}");
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_class_name("visually-hidden");
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    body.remove_child(&link)?;
    Timeout::new(KEEP_URL_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
