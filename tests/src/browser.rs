//! Headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`), with
//! the steps every journey takes: signing in as a demo account, clicking, typing, waiting for
//! a path or a condition. Journeys use these instead of their own copies.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::app::{TestApp, free_port};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One browser session with its own chromedriver and profile directory, ended when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A desktop-sized window (1280 × 900).
    pub async fn start() -> Browser {
        Browser::start_sized(1280, 900).await
    }

    /// A window of the given size, e.g. 360 × 740 for a cheap Android phone.
    pub async fn start_sized(width: u32, height: u32) -> Browser {
        for tool in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                std::path::Path::new(tool).exists(),
                "{tool} is missing: apt-get install -y chromium chromium-driver (tests/ci.sh does)"
            );
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("browser profile directory");
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--lang=vi-VN".to_owned(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        // Desktop Chromium will not shrink a window below ~500 px; phone sizes use Chrome's own
        // mobile emulation, which also sets a phone's touch and pixel ratio.
        let options = if width < 500 {
            serde_json::json!({
                "binary": CHROMIUM,
                "args": args,
                "mobileEmulation": {
                    "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true }
                }
            })
        } else {
            serde_json::json!({ "binary": CHROMIUM, "args": args })
        };
        caps.insert("goog:chromeOptions".to_owned(), options);
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        _profile: profile,
                    };
                }
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not start a session: {last_error:?}");
    }

    /// Waits (up to 30 s: a cold WASM start on a loaded CI machine) for an element.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    /// Waits until the element's text contains `expected`, and returns the text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let mut last = String::new();
        for _ in 0..300 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(expected) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed {expected:?}; last text: {last:?}");
    }

    /// Signs in as a demo account (password [`crate::DEMO_PASSWORD`]) from a clean slate (no
    /// cookies of an earlier account) and waits for the home page.
    pub async fn sign_in(&self, app: &TestApp, username: &str) {
        self.client
            .delete_all_cookies()
            .await
            .expect("cookies cleared");
        self.client
            .goto(&app.url("/dang-nhap"))
            .await
            .expect("sign-in page");
        self.wait_for_text("main h1", "Đăng nhập").await;
        self.type_into("#ten-dang-nhap", username).await;
        self.type_into("#mat-khau", crate::DEMO_PASSWORD).await;
        self.click("main form button[type=submit]").await;
        self.wait_for_path("/").await;
    }

    /// Opens a path of the app.
    pub async fn open(&self, app: &TestApp, path: &str) {
        self.client
            .goto(&app.url(path))
            .await
            .unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    }

    /// Scrolls the element into view (a phone's short screen) and clicks it.
    pub async fn click(&self, css: &str) {
        self.wait_for(css).await;
        self.eval(&format!(
            "document.querySelector({css:?}).scrollIntoView({{block: 'center'}}); return true"
        ))
        .await;
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Replaces the field's text.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("field cleared");
        field.send_keys(text).await.expect("text typed");
    }

    /// The path of the current page.
    pub async fn current_path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("current URL")
            .path()
            .to_owned()
    }

    /// Waits (up to 30 s) until the page is at `path`.
    pub async fn wait_for_path(&self, path: &str) {
        for _ in 0..300 {
            if self.current_path().await == path {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("never reached {path}; at {}", self.current_path().await);
    }

    /// Waits (up to 30 s) until the JavaScript expression `script` is true; `what` names it
    /// in the failure.
    pub async fn wait_until(&self, script: &str, what: &str) {
        for _ in 0..300 {
            if self.eval(&format!("return !!({script})")).await == serde_json::Value::Bool(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{what} never happened ({script})");
    }

    /// Waits (up to 30 s) until the image has loaded (its natural width is known).
    pub async fn wait_for_image(&self, css: &str) {
        self.wait_until(
            &format!("(() => {{ const i = document.querySelector({css:?}); return !!i && i.complete && i.naturalWidth > 0 }})()"),
            &format!("image {css} loading"),
        )
        .await;
    }

    /// Everything the page shows, as text.
    pub async fn page_text(&self) -> String {
        self.eval("return document.body.innerText")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Saves a PNG of the page as `target/screenshots/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Runs JavaScript in the page and returns its JSON result.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("script runs")
    }

    /// Ends the WebDriver session (the driver process ends on drop).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("screenshots")
}
