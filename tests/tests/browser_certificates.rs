//! Browser journeys of certificates, in real headless Chromium at phone size (360 px), on
//! SQLite and on PostgreSQL, in the demo province: the student opens "Giấy chứng nhận" from
//! the menu, opens their certificate and finds it ready to print (A4 landscape print style,
//! the QR code loaded from the server); an anonymous visitor opens `/verify/{code}` from the
//! QR code, and types codes into `/xac-thuc`. Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use diesel::prelude::*;
use hocdvc::db::Location;
use hocdvc::schema::users;
use hocdvc::services::certificates::{self as service, CertificateIssue};
use hocdvc_api::CertificateKind;
use hocdvc_tests::{Browser, TestApp, on_both_backends_demo};
use unicode_normalization::UnicodeNormalization;

const TITLE: &str = "Kỹ năng sử dụng dịch vụ công trực tuyến — THPT";

/// Issues hs.thpt a module-completion certificate; returns (its id, its code, the name).
fn issue_for_student(app: &TestApp) -> (i32, String, String) {
    let mut conn = Location::from_settings(&app.database.settings())
        .unwrap()
        .connect()
        .unwrap();
    let (user_id, name): (i32, String) = users::table
        .filter(users::username.eq("hs.thpt"))
        .select((users::id, users::full_name))
        .first(&mut conn)
        .unwrap();
    let issued = service::issue(
        &mut conn,
        &CertificateIssue {
            kind: CertificateKind::ModuleCompletion,
            user_id,
            subject_id: "thpt-core".into(),
            period: "2026-2027".into(),
            subject_title: TITLE.into(),
            detail: None,
            unit_name: None,
            issued_at: hocdvc::models::now(),
            expires_at: None,
        },
    )
    .unwrap();
    (
        issued.certificate.id,
        issued.certificate.verify_code,
        name.nfc().collect(),
    )
}

on_both_backends_demo! {
    async fn a_student_opens_their_certificate_from_the_menu_ready_to_print_with_its_qr_code(app) {
        let (id, code, name) = issue_for_student(&app);
        let browser = Browser::start().await;
        browser.sign_in(&app, "hs.thpt").await;
        browser.wait_for("a[href='/giay-chung-nhan']").await.click().await.unwrap();
        browser.wait_for_path("/giay-chung-nhan").await;
        browser.wait_for_text("main h1", "Giấy chứng nhận của tôi").await;
        let item = browser.wait_for_text(&format!("li[data-code='{code}']"), TITLE).await;
        assert!(item.contains("Còn hiệu lực"), "{item}");
        browser.screenshot("certificates-list").await;

        browser
            .wait_for(&format!("li[data-code='{code}'] a[href='/giay-chung-nhan/{id}']"))
            .await
            .click()
            .await
            .unwrap();
        browser.wait_for_path(&format!("/giay-chung-nhan/{id}")).await;
        browser.wait_for_text(".certificate-title", "GIẤY CHỨNG NHẬN").await;
        let shown: String = browser.wait_for_text(".certificate-name", &name).await.nfc().collect();
        assert_eq!(shown, name);
        browser.wait_for_text(".certificate-subject", TITLE).await;
        browser.wait_for_text(".certificate-code", &code).await;
        browser.wait_for_text(".certificate-url", &format!("/verify/{code}")).await;
        let issued = hocdvc::models::now().format("%d/%m/%Y").to_string();
        browser.wait_for_text(".certificate-dates", &issued).await;
        browser.wait_for_image("img.certificate-qr").await;
        assert_eq!(
            browser.eval("return document.querySelector('img.certificate-qr').getAttribute('src')").await,
            format!("/api/certificates/{id}/qr.svg")
        );
        // On paper: A4 landscape, the page's buttons and menus hidden.
        let landscape = browser
            .eval(
                "return [...document.styleSheets].flatMap(s => [...s.cssRules])
                    .some(r => r instanceof CSSPageRule && r.selectorText === 'certificate'
                        && r.style.getPropertyValue('size').includes('landscape'))",
            )
            .await;
        assert_eq!(landscape, serde_json::Value::Bool(true));
        browser.wait_for("#in-giay").await;
        browser.screenshot("certificate-print-page").await;
        browser.close().await;
    }

    async fn an_anonymous_visitor_verifies_a_certificate_by_link_and_by_typing_its_code(app) {
        let (_, code, name) = issue_for_student(&app);
        let browser = Browser::start().await;
        browser.client.goto(&app.url(&format!("/verify/{code}"))).await.unwrap();
        browser.wait_for_text("main h1", "Xác thực giấy chứng nhận").await;
        let result: String = browser.wait_for_text("#ket-qua-xac-thuc", "Còn hiệu lực").await.nfc().collect();
        assert!(result.contains(&name), "{result}");
        assert!(result.contains(TITLE), "{result}");
        assert!(!result.contains("hs.thpt"), "no username: {result}");
        browser.screenshot("certificate-verify").await;

        browser.client.goto(&app.url("/xac-thuc")).await.unwrap();
        browser.wait_for_text("main h1", "Xác thực giấy chứng nhận").await;
        browser.wait_for("#ma-xac-thuc").await.send_keys("ABCDE-FGHJK").await.unwrap();
        browser.wait_for("#kiem-tra").await.click().await.unwrap();
        browser
            .wait_for_text("#khong-tim-thay-giay", "Không có giấy chứng nhận nào mang mã xác thực này")
            .await;
        browser.screenshot("certificate-verify-unknown").await;

        let field = browser.wait_for("#ma-xac-thuc").await;
        field.clear().await.unwrap();
        field.send_keys(&code.to_lowercase()).await.unwrap();
        browser.wait_for("#kiem-tra").await.click().await.unwrap();
        browser.wait_for_path(&format!("/verify/{code}")).await;
        browser.wait_for_text("#ket-qua-xac-thuc", &name).await;
        browser.close().await;
    }
}
