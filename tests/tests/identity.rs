//! Identity and access: sign-in, sessions, CSRF, throttling, activation, the organisation tree
//! and the authorisation matrix — each on SQLite and on PostgreSQL, in the demo province.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, on_both_backends_demo};
use reqwest::Method;
use serde_json::json;

on_both_backends_demo! {
    async fn login_answers_with_the_user_their_roles_and_a_csrf_token_and_me_agrees(app) {
        let session = app.login("gv.thpt", DEMO_PASSWORD).await;
        let user = &session.body["user"];
        assert_eq!(user["username"], "gv.thpt");
        assert_eq!(user["full_name"], "Nguyễn Thị Giáo Viên");
        assert_eq!(user["roles"][0]["role"], "teacher");
        assert_eq!(user["roles"][0]["unit_name"], "10A1");
        assert_eq!(session.csrf_token.len(), 64);
        let me: serde_json::Value = session.get("/api/me").await.json().await.unwrap();
        assert_eq!(me, session.body);
    }

    async fn the_session_cookie_is_http_only_and_same_site_lax(app) {
        let response = app
            .post_json("/api/auth/login", &json!({"username": "hs.thpt", "password": DEMO_PASSWORD}))
            .await;
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
    }

    async fn a_wrong_password_and_an_unknown_user_get_the_same_answer(app) {
        let wrong = app
            .post_json("/api/auth/login", &json!({"username": "gv.thpt", "password": "sai-mat-khau"}))
            .await;
        let unknown = app
            .post_json("/api/auth/login", &json!({"username": "khong.co.ai", "password": "sai-mat-khau"}))
            .await;
        assert_eq!(wrong.status(), 401);
        assert_eq!(unknown.status(), 401);
        assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
    }

    async fn without_a_session_protected_endpoints_answer_401(app) {
        let response = app.get("/api/me").await;
        assert_eq!(response.status(), 401);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "unauthenticated");
        assert_eq!(app.get("/api/units/AG").await.status(), 401);
    }

    async fn a_state_changing_request_without_the_csrf_token_is_refused_and_changes_nothing(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let response = app
            .client
            .patch(app.url("/api/units/AG-LX"))
            .header("cookie", &admin.cookie)
            .json(&json!({"name": "Tên bị đổi lén"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "csrf");
        let unit: serde_json::Value = admin.get("/api/units/AG-LX").await.json().await.unwrap();
        assert_eq!(unit["unit"]["name"], "Phường Long Xuyên");
    }

    async fn logout_ends_the_session_on_the_server(app) {
        let session = app.login("hs.thcs", DEMO_PASSWORD).await;
        let response = session.send(Method::POST, "/api/auth/logout", None).await;
        assert_eq!(response.status(), 204);
        assert_eq!(session.get("/api/me").await.status(), 401, "the old cookie no longer works");
    }

    async fn repeated_wrong_passwords_are_slowed_down_with_429(app) {
        let wrong = json!({"username": "btc", "password": "sai"});
        for _ in 0..3 {
            assert_eq!(app.post_json("/api/auth/login", &wrong).await.status(), 401);
        }
        let throttled = app.post_json("/api/auth/login", &wrong).await;
        assert_eq!(throttled.status(), 429);
        let body: serde_json::Value = throttled.json().await.unwrap();
        assert_eq!(body["error"], "too_many_requests");
        // Even the right password waits until the delay has passed.
        let right = app
            .post_json("/api/auth/login", &json!({"username": "btc", "password": DEMO_PASSWORD}))
            .await;
        assert_eq!(right.status(), 429);
    }

    async fn a_student_activates_with_the_code_from_a_reset_and_then_signs_in_with_the_new_password(app) {
        let school_admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let reset = school_admin
            .send(Method::POST, "/api/users/hs.thpt/reset-password", None)
            .await;
        assert_eq!(reset.status(), 200);
        let code = reset.json::<serde_json::Value>().await.unwrap()["activation_code"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            app.post_json("/api/auth/login", &json!({"username": "hs.thpt", "password": DEMO_PASSWORD}))
                .await
                .status(),
            401,
            "the old password is gone"
        );
        let short = app
            .post_json(
                "/api/auth/activate",
                &json!({"username": "hs.thpt", "activation_code": code, "new_password": "ngan"}),
            )
            .await;
        assert_eq!(short.status(), 422);
        let typed_from_paper = code.to_lowercase().replace('-', " ");
        let activated = app
            .post_json(
                "/api/auth/activate",
                &json!({"username": "HS.THPT", "activation_code": typed_from_paper, "new_password": "Sen-hong-2026"}),
            )
            .await;
        assert_eq!(activated.status(), 200);
        let again = app
            .post_json(
                "/api/auth/activate",
                &json!({"username": "hs.thpt", "activation_code": code, "new_password": "Sen-hong-2027"}),
            )
            .await;
        assert_eq!(again.status(), 401, "an activation code works once");
        app.login("hs.thpt", "Sen-hong-2026").await;
    }

    async fn changing_the_password_ends_the_other_sessions(app) {
        let phone = app.login("canbo", DEMO_PASSWORD).await;
        let laptop = app.login("canbo", DEMO_PASSWORD).await;
        let wrong = laptop
            .post("/api/auth/password", &json!({"current_password": "sai", "new_password": "Moi-mat-khau-1"}))
            .await;
        assert_eq!(wrong.status(), 401);
        let changed = laptop
            .post(
                "/api/auth/password",
                &json!({"current_password": DEMO_PASSWORD, "new_password": "Moi-mat-khau-1"}),
            )
            .await;
        assert_eq!(changed.status(), 204);
        assert_eq!(laptop.get("/api/me").await.status(), 200);
        assert_eq!(phone.get("/api/me").await.status(), 401);
        app.login("canbo", "Moi-mat-khau-1").await;
    }

    async fn a_school_admin_creates_a_class_with_vietnamese_validation_messages(app) {
        let school_admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let bad_grade = school_admin
            .post(
                "/api/units",
                &json!({"code": "AG-LX-THPT-13A1", "name": "Lớp 13A1", "kind": "class",
                        "parent_code": "AG-LX-THPT", "grade": 13, "school_year": "2026-2027"}),
            )
            .await;
        assert_eq!(bad_grade.status(), 422);
        let message = bad_grade.json::<serde_json::Value>().await.unwrap()["message"].clone();
        assert_eq!(message, "Khối 13 không hợp lệ: khối phải từ 6 đến 12.");

        let created = school_admin
            .post(
                "/api/units",
                &json!({"code": "AG-LX-THPT-10A9", "name": "  Lớp   10A9 ", "kind": "class",
                        "parent_code": "AG-LX-THPT", "grade": 10, "school_year": "2026-2027"}),
            )
            .await;
        assert_eq!(created.status(), 201);
        let view: serde_json::Value = created.json().await.unwrap();
        assert_eq!(view["name"], "Lớp 10A9");
        assert_eq!(view["kind_label"], "Lớp");

        let duplicate = school_admin
            .post(
                "/api/units",
                &json!({"code": "AG-LX-THPT-10A9", "name": "Lớp 10A9", "kind": "class",
                        "parent_code": "AG-LX-THPT", "grade": 10, "school_year": "2026-2027"}),
            )
            .await;
        assert_eq!(duplicate.status(), 409);
    }

    async fn moving_a_school_to_another_commune_moves_its_whole_subtree_and_keeps_its_history(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let before: serde_json::Value = admin.get("/api/units/AG-LX").await.json().await.unwrap();
        let school: serde_json::Value = admin.get("/api/units/AG-LX-THPT").await.json().await.unwrap();
        let class_code = school["children"][0]["code"].as_str().unwrap().to_owned();
        let moved = admin.patch("/api/units/AG-LX-THPT", &json!({"parent_code": "AG-CD"})).await;
        assert_eq!(moved.status(), 200);
        assert_eq!(moved.json::<serde_json::Value>().await.unwrap()["parent_code"], "AG-CD");

        let lx: serde_json::Value = admin.get("/api/units/AG-LX").await.json().await.unwrap();
        let cd: serde_json::Value = admin.get("/api/units/AG-CD").await.json().await.unwrap();
        assert_eq!(lx["subtree_size"].as_i64().unwrap(), before["subtree_size"].as_i64().unwrap() - 4);
        assert!(cd["children"].as_array().unwrap().iter().any(|c| c["code"] == "AG-LX-THPT"));
        // A class of the moved school now lies under the new commune.
        let class: serde_json::Value = admin
            .get(&format!("/api/units/{class_code}"))
            .await
            .json()
            .await
            .unwrap();
        let path: Vec<_> = class["path"].as_array().unwrap().iter().map(|u| u["code"].clone()).collect();
        assert_eq!(path, vec![json!("AG"), json!("AG-CD"), json!("AG-LX-THPT")]);

        let into_itself = admin.patch("/api/units/AG-CD", &json!({"parent_code": "AG-LX-THPT"})).await;
        assert_eq!(into_itself.status(), 422);

        let renamed = admin.patch("/api/units/AG-LX-THPT", &json!({"name": "Trường THPT Châu Đốc 2"})).await;
        assert_eq!(renamed.status(), 200);
        let events = unit_history(&app, "AG-LX-THPT");
        assert_eq!(events, vec!["created", "moved", "renamed"]);
    }

    async fn the_authorisation_matrix_holds_for_every_role_and_endpoint_class(app) {
        use EndpointClass::*;
        // (account, expected status for each endpoint class, in EndpointClass::ALL order)
        // 404: the unit lies outside everything the account belongs to (its existence is not
        // revealed); 403: the account can see it (it holds a role above or below) but may not act.
        // Coverage: the THPT school's dashboard; Targets: changing the coverage targets.
        // Stats: item statistics of a module this demo (no curriculum loaded) does not have —
        // who passes the gate meets 404, everyone else 403 (the permission is checked first).
        // Cert / Revoke: the PDF of hs.thpt's certificate, and reinstating it (owner and the
        // staff of the student's school see it; only the administrator revokes).
        // Training (issue 9), on the demo agency AG-VPUB: the report and the cycle are for the
        // system admin (and an agency's training officer, tested in training.rs); a cycle
        // without modules is refused with 422 once past the gate; the member import checks the
        // permission before reading the file (403 for all who lack it anywhere).
        // Contest: create a knowledge contest of the province (organisers and the system admin).
        // NewContest: a creative contest of the province; Judging: the judge's assignments;
        // Results: the demo poster contest's named results (organisers only).
        let matrix: [(&str, [u16; 25]); 9] = [
            //          Me   List Prov School NewCls NewSch RenProv Reset People Sheet Import Progress Feedback Stats Coverage Targets TrRep TrCycle TrImport Cert Revoke Contest NewContest Judging Results
            ("admin",    [200, 200, 200, 200, 201, 201, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 422, 200, 200, 200, 201, 201, 200, 200]),
            ("sogddt",   [200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            ("qt.thpt",  [200, 200, 403, 200, 201, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200, 403, 404, 404, 403, 200, 403, 403, 403, 403, 403]),
            ("gv.thpt",  [200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 200, 403, 403, 403, 404, 404, 403, 200, 403, 403, 403, 403, 403]),
            ("hs.thpt",  [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 200, 403, 403, 403, 403, 403]),
            ("hs.thcs",  [200, 200, 403, 404, 404, 403, 403, 404, 404, 404, 403, 404, 403, 403, 404, 403, 404, 404, 403, 404, 404, 403, 403, 403, 403]),
            ("btc",      [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 201, 403, 200]),
            ("giamkhao", [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403]),
            ("canbo",    [200, 200, 403, 404, 404, 404, 403, 404, 404, 404, 403, 404, 403, 403, 404, 403, 403, 403, 403, 404, 404, 403, 403, 403, 403]),
        ];
        for (account, expected) in matrix {
            for (class, want) in EndpointClass::ALL.iter().zip(expected) {
                let session = app.login(account, DEMO_PASSWORD).await;
                let status = class.call(&session, account).await;
                assert_eq!(status, want, "{account} → {class:?}");
            }
            let _ = (Me, List);
        }
    }
}

fn unit_history(app: &hocdvc_tests::TestApp, code: &str) -> Vec<String> {
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    let mut conn = location.connect().unwrap();
    let unit = hocdvc::models::unit::find_by_code(&mut conn, code)
        .unwrap()
        .unwrap();
    hocdvc::models::unit::events(&mut conn, unit.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect()
}

/// Gives hs.thpt a certificate (idempotent), as a module completion would.
fn issue_student_certificate(app: &hocdvc_tests::TestApp) -> i32 {
    use diesel::prelude::*;
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    let mut conn = location.connect().unwrap();
    let user_id: i32 = hocdvc::schema::users::table
        .filter(hocdvc::schema::users::username.eq("hs.thpt"))
        .select(hocdvc::schema::users::id)
        .first(&mut conn)
        .unwrap();
    let request = hocdvc::services::certificates::CertificateIssue {
        kind: hocdvc_api::CertificateKind::ModuleCompletion,
        user_id,
        subject_id: "thpt-core".into(),
        period: "2026-2027".into(),
        subject_title: "Kỹ năng sử dụng dịch vụ công trực tuyến".into(),
        detail: None,
        unit_name: None,
        issued_at: hocdvc::models::now(),
        expires_at: None,
    };
    hocdvc::services::certificates::issue(&mut conn, &request)
        .unwrap()
        .certificate
        .id
}

fn school_year_start() -> i32 {
    hocdvc::domain::SchoolYear::containing(chrono::Utc::now().date_naive()).start_year()
}

/// One representative request per class of endpoint.
#[derive(Debug, Clone, Copy)]
enum EndpointClass {
    Me,
    List,
    ViewProvince,
    ViewOwnThptSchool,
    CreateClassInThptSchool,
    CreateSchoolInCommune,
    RenameProvince,
    ResetThptStudentPassword,
    SearchPeopleOfThptSchool,
    ActivationSheetOfThptClass,
    ImportRosterIntoThptSchool,
    ProgressOfThptClass,
    FeedbackQueue,
    ItemStatisticsOfThptCore,
    CoverageOfThptSchool,
    ChangeCoverageTargets,
    TrainingReportOfAgency,
    OpenTrainingCycleOfAgency,
    ImportAgencyMembers,
    CertificateOfThptStudent,
    RevokeCertificateOfThptStudent,
    CreateContestInProvince,
    CreateCreativeContest,
    JudgingAssignments,
    CreativeContestResults,
}

impl EndpointClass {
    const ALL: [EndpointClass; 25] = [
        EndpointClass::Me,
        EndpointClass::List,
        EndpointClass::ViewProvince,
        EndpointClass::ViewOwnThptSchool,
        EndpointClass::CreateClassInThptSchool,
        EndpointClass::CreateSchoolInCommune,
        EndpointClass::RenameProvince,
        EndpointClass::ResetThptStudentPassword,
        EndpointClass::SearchPeopleOfThptSchool,
        EndpointClass::ActivationSheetOfThptClass,
        EndpointClass::ImportRosterIntoThptSchool,
        EndpointClass::ProgressOfThptClass,
        EndpointClass::FeedbackQueue,
        EndpointClass::ItemStatisticsOfThptCore,
        EndpointClass::CoverageOfThptSchool,
        EndpointClass::ChangeCoverageTargets,
        EndpointClass::TrainingReportOfAgency,
        EndpointClass::OpenTrainingCycleOfAgency,
        EndpointClass::ImportAgencyMembers,
        EndpointClass::CertificateOfThptStudent,
        EndpointClass::RevokeCertificateOfThptStudent,
        EndpointClass::CreateContestInProvince,
        EndpointClass::CreateCreativeContest,
        EndpointClass::JudgingAssignments,
        EndpointClass::CreativeContestResults,
    ];

    async fn call(self, session: &hocdvc_tests::Session<'_>, account: &str) -> u16 {
        let suffix = account.replace('.', "");
        let response = match self {
            EndpointClass::Me => session.get("/api/me").await,
            EndpointClass::List => session.get("/api/units").await,
            EndpointClass::ViewProvince => session.get("/api/units/AG").await,
            EndpointClass::TrainingReportOfAgency => {
                session.get("/api/training/report/AG-VPUB?year=2026").await
            }
            EndpointClass::OpenTrainingCycleOfAgency => {
                session
                    .send(
                        reqwest::Method::PUT,
                        "/api/training/cycles/AG-VPUB/2026",
                        Some(&json!({"due_on": "2026-12-31", "modules": []})),
                    )
                    .await
            }
            EndpointClass::ImportAgencyMembers => {
                session
                    .upload(
                        "/api/imports?kind=members&dry_run=true",
                        "can-bo.csv",
                        "Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm\nMT01,Lê Văn Minh,AG-VPUB,Lãnh đạo\n"
                            .as_bytes()
                            .to_vec(),
                    )
                    .await
            }
            EndpointClass::CreateCreativeContest => {
                session
                    .post(
                        "/api/creative-contests",
                        &json!({"title": format!("Cuộc thi {suffix}"), "kind": "poster", "unit_code": "AG",
                                "submission_opens_at": "2026-01-01T00:00", "submission_closes_at": "2026-02-01T00:00",
                                "team_size_max": 1, "judges_per_entry": 1,
                                "rubric": [{"name": "Nội dung", "weight": 100, "scale_max": 10}]}),
                    )
                    .await
            }
            EndpointClass::JudgingAssignments => session.get("/api/judging/assignments").await,
            EndpointClass::CreativeContestResults => {
                // The demo poster contest is the first creative contest of the demo database.
                session.get("/api/creative-contests/1/results").await
            }
            EndpointClass::ViewOwnThptSchool => session.get("/api/units/AG-LX-THPT").await,
            EndpointClass::CreateClassInThptSchool => {
                session
                    .post(
                        "/api/units",
                        &json!({"code": format!("AG-LX-THPT-11Z-{suffix}"), "name": "Lớp 11Z", "kind": "class",
                                "parent_code": "AG-LX-THPT", "grade": 11, "school_year": "2026-2027"}),
                    )
                    .await
            }
            EndpointClass::CreateSchoolInCommune => {
                session
                    .post(
                        "/api/units",
                        &json!({"code": format!("AG-LX-MOI-{suffix}"), "name": "Trường THPT Mới", "kind": "school",
                                "school_level": "thpt", "parent_code": "AG-LX"}),
                    )
                    .await
            }
            EndpointClass::RenameProvince => {
                session.patch("/api/units/AG", &json!({"name": "Tỉnh An Giang"})).await
            }
            EndpointClass::ResetThptStudentPassword => {
                session.send(Method::POST, "/api/users/hs00033/reset-password", None).await
            }
            EndpointClass::SearchPeopleOfThptSchool => {
                session.get("/api/people?unit=AG-LX-THPT&q=an").await
            }
            EndpointClass::ActivationSheetOfThptClass => {
                session
                    .get(&format!("/api/units/AG-LX-THPT-10A1-{}/activation-sheet", school_year_start()))
                    .await
            }
            EndpointClass::ImportRosterIntoThptSchool => {
                let file = "Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\n\
                            HS7000001,Nguyễn Văn An,05/09/2010,Nam,11A2,11,AG-LX-THPT\n";
                session
                    .upload("/api/imports?kind=students&dry_run=true", "a.csv", file.as_bytes().to_vec())
                    .await
            }
            EndpointClass::ProgressOfThptClass => {
                session
                    .get(&format!("/api/units/AG-LX-THPT-10A1-{}/progress", school_year_start()))
                    .await
            }
            EndpointClass::FeedbackQueue => session.get("/api/feedback?status=received").await,
            EndpointClass::ItemStatisticsOfThptCore => {
                session.get("/api/modules/thpt-core/statistics").await
            }
            EndpointClass::CoverageOfThptSchool => session.get("/api/coverage/AG-LX-THPT").await,
            EndpointClass::ChangeCoverageTargets => {
                let targets = json!({
                    "targets": [{"indicator": "students_reached", "period": "2025-2026", "target": 84.0}],
                    "red_below": 50.0
                });
                session.put("/api/coverage-targets", &targets).await
            }
            EndpointClass::CertificateOfThptStudent => {
                let id = issue_student_certificate(session.app);
                session.get(&format!("/api/certificates/{id}.pdf")).await
            }
            EndpointClass::RevokeCertificateOfThptStudent => {
                let id = issue_student_certificate(session.app);
                session
                    .put(&format!("/api/certificates/{id}/revoked"), &json!({"revoked": false}))
                    .await
            }
            EndpointClass::CreateContestInProvince => {
                session
                    .post(
                        "/api/contests",
                        &json!({"title": format!("Cuộc thi {suffix}"), "unit_code": "AG",
                                "prediction_question": "Bao nhiêu?", "groups": ["thpt"]}),
                    )
                    .await
            }
        };
        response.status().as_u16()
    }
}
