//! Browser journeys in real headless Chromium, on SQLite and on PostgreSQL. Each keeps a
//! screenshot in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{Browser, on_both_backends};

on_both_backends! {
    async fn a_visitor_sees_the_vietnamese_home_page_and_the_health_page_names_the_database(app) {
        let browser = Browser::start().await;
        browser.client.goto(&app.url("/")).await.unwrap();
        let heading = browser.wait_for_text("main h1", "dịch vụ công trực tuyến").await;
        assert_eq!(heading, "Học để dùng dịch vụ công trực tuyến thành thạo");
        assert_eq!(browser.eval("return document.documentElement.lang").await, "vi");
        assert_eq!(browser.client.title().await.unwrap(), "Học DVC");
        browser
            .screenshot(&format!("home-{}", app.backend.api_name()))
            .await;

        browser
            .client
            .find(fantoccini::Locator::LinkText("Giới thiệu"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser.wait_for_text("main h1", "Thông tin hệ thống").await;
        let database = browser
            .wait_for_text("#co-so-du-lieu", app.backend.display_name())
            .await;
        assert_eq!(database, app.backend.display_name());
        assert!(browser.client.current_url().await.unwrap().path().ends_with("/gioi-thieu"));
        let current = browser.eval(
            "return document.querySelector('nav a[aria-current=page]').textContent",
        ).await;
        assert_eq!(current, "Giới thiệu");
        browser
            .screenshot(&format!("health-{}", app.backend.api_name()))
            .await;
        browser.close().await;
    }

    async fn on_a_360_pixel_phone_the_home_page_fits_without_sideways_scrolling(app) {
        let browser = Browser::start_sized(360, 740).await;
        browser.client.goto(&app.url("/")).await.unwrap();
        browser.wait_for_text("main h1", "dịch vụ công").await;
        let width = browser.eval("return window.innerWidth").await;
        assert_eq!(width, 360);
        let scroll_width = browser.eval("return document.documentElement.scrollWidth").await;
        assert!(
            scroll_width.as_u64().unwrap() <= width.as_u64().unwrap(),
            "page is {scroll_width} px wide in a {width} px window"
        );
        browser
            .screenshot(&format!("home-phone-{}", app.backend.api_name()))
            .await;
        browser.close().await;
    }

    async fn a_deep_link_to_an_unknown_page_shows_a_vietnamese_not_found_page_with_a_way_home(app) {
        let browser = Browser::start().await;
        browser.client.goto(&app.url("/lop/9A1")).await.unwrap();
        browser.wait_for_text("main h2", "Không tìm thấy trang").await;
        browser
            .client
            .find(fantoccini::Locator::LinkText("Về trang chủ"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser.wait_for_text("main h1", "dịch vụ công trực tuyến").await;
        browser.close().await;
    }

    async fn choosing_english_translates_the_page_and_is_remembered_after_a_reload(app) {
        let browser = Browser::start().await;
        browser.client.goto(&app.url("/")).await.unwrap();
        browser.wait_for_text("main h1", "dịch vụ công").await;
        let select = browser.wait_for("#chon-ngon-ngu").await;
        select.select_by_value("en").await.unwrap();
        browser.wait_for_text("main h1", "online public services").await;
        assert_eq!(browser.eval("return document.documentElement.lang").await, "en");
        browser.client.refresh().await.unwrap();
        browser.wait_for_text("main h1", "online public services").await;
        browser.close().await;
    }
}
