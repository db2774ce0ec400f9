//! Creative contests and panel judging through the API, in the demo province — each on SQLite
//! and on PostgreSQL: the demo poster contest in its judging phase, blind judging (every
//! judge-facing response checked for entrant names, schools and accounts), scores hidden until
//! one's own are submitted, conflicts, upload validation by content, the deadline, aggregation
//! with the disagreement flag, publication and the public gallery.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc::services::judging::files::{png_declaring, sample_png};
use hocdvc_tests::{DEMO_PASSWORD, Session, TestApp, on_both_backends_demo};
use serde_json::{Value, json};

const DEMO_TITLE: &str = "Áp phích: Em tuyên truyền dịch vụ công trực tuyến";
const HS_THPT_TITLE: &str = "Một chạm, hồ sơ về nhà";

async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "{body}");
    body
}

async fn demo_contest(session: &Session<'_>) -> i64 {
    let all = json_of(session.get("/api/creative-contests").await, 200).await;
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == DEMO_TITLE)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn results(btc: &Session<'_>, contest: i64) -> Value {
    json_of(
        btc.get(&format!("/api/creative-contests/{contest}/results"))
            .await,
        200,
    )
    .await
}

fn entry_by_title(results: &Value, title: &str) -> i64 {
    results["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Everything that identifies an entrant: names and schools of every entry's team (as the
/// organiser sees them), school codes, and the entrants' usernames.
fn identifying(results: &Value) -> Vec<String> {
    let mut words = vec![
        "hs.thpt".to_owned(),
        "hs.thcs".to_owned(),
        "Trần Minh Khoa".to_owned(),
        "AG-LX-THPT".to_owned(),
        "AG-CD".to_owned(),
        "AG-TT".to_owned(),
        "Trường".to_owned(),
    ];
    for e in results["entries"].as_array().unwrap() {
        words.push(e["school_name"].as_str().unwrap().to_owned());
        for m in e["members"].as_array().unwrap() {
            words.push(m.as_str().unwrap().to_owned());
        }
    }
    words
}

/// Fails when a judge-facing body names an entrant.
async fn assert_blind(response: reqwest::Response, status: u16, words: &[String]) -> Value {
    let got = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    for word in words {
        assert!(
            !text.contains(word.as_str()),
            "judge response names «{word}»: {text}"
        );
    }
    serde_json::from_str(&text).unwrap()
}

fn full_scores(view: &Value, value: i64) -> Value {
    let scores: Vec<Value> = view["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({"criterion_id": c["id"], "score": value.min(c["scale_max"].as_i64().unwrap())}))
        .collect();
    json!(scores)
}

fn minutes_from_now(minutes: i64) -> String {
    (chrono::Utc::now().naive_utc() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// A poster contest open for entries now (the organiser closes it early to move on).
async fn open_contest(btc: &Session<'_>, max_file_bytes: i64, judges_per_entry: i64) -> i64 {
    let created = json_of(
        btc.post(
            "/api/creative-contests",
            &json!({
                "title": "Áp phích thử nghiệm",
                "kind": "poster",
                "unit_code": "AG",
                "submission_opens_at": minutes_from_now(-60),
                "submission_closes_at": minutes_from_now(24 * 60),
                "team_size_max": 2,
                "max_file_bytes": max_file_bytes,
                "judges_per_entry": judges_per_entry,
                "rubric": [
                    {"name": "Nội dung", "weight": 40, "scale_max": 10, "guidance": "Thông điệp rõ"},
                    {"name": "Sáng tạo", "weight": 30, "scale_max": 10},
                    {"name": "Kỹ thuật", "weight": 20, "scale_max": 10},
                    {"name": "Tính lan tỏa", "weight": 10, "scale_max": 10}
                ]
            }),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(created["phase"], "submission");
    assert_eq!(created["rubric"].as_array().unwrap().len(), 4);
    created["id"].as_i64().unwrap()
}

async fn close_submission(btc: &Session<'_>, contest: i64) {
    json_of(
        btc.patch(
            &format!("/api/creative-contests/{contest}"),
            &json!({"submission_closes_at": minutes_from_now(-1)}),
        )
        .await,
        200,
    )
    .await;
}

async fn login<'a>(app: &'a TestApp, user: &str) -> Session<'a> {
    app.login(user, DEMO_PASSWORD).await
}

on_both_backends_demo! {
    async fn the_demo_poster_contest_is_judging_with_giamkhao_assigned_hs_thpts_entry(app) {
        let btc = login(&app, "btc").await;
        let judge = login(&app, "giamkhao").await;
        let contest = demo_contest(&btc).await;
        let table = results(&btc, contest).await;
        let mine = json_of(judge.get("/api/judging/assignments").await, 200).await;

        assert_eq!(table["contest"]["phase"], "judging");
        assert!(table["entries"].as_array().unwrap().len() >= 6);
        let titles: Vec<&str> = mine.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(titles.len() >= 3, "{titles:?}");
        assert!(titles.contains(&HS_THPT_TITLE));
        assert!(mine.as_array().unwrap().iter().all(|a| a["submitted"] == false));
    }

    async fn every_judge_facing_response_is_blind(app) {
        let btc = login(&app, "btc").await;
        let contest = demo_contest(&btc).await;
        let words = identifying(&results(&btc, contest).await);
        for username in ["giamkhao", "gk.tinh", "gk.thpt"] {
            let judge = login(&app, username).await;
            let list = assert_blind(judge.get("/api/judging/assignments").await, 200, &words).await;
            for item in list.as_array().unwrap() {
                let entry = item["entry_id"].as_i64().unwrap();
                let path = format!("/api/judging/entries/{entry}");
                let view = assert_blind(judge.get(&path).await, 200, &words).await;
                if view["submitted"] == false {
                    let scores = full_scores(&view, 7);
                    assert_blind(judge.put(&format!("{path}/scores"), &json!({"scores": scores, "comment": "Bố cục tốt"})).await, 200, &words).await;
                    assert_blind(judge.put(&format!("{path}/scores"), &json!({"scores": scores, "submit": true})).await, 200, &words).await;
                }
                let after = assert_blind(judge.get(&path).await, 200, &words).await;
                assert_eq!(after["submitted"], true);
                // Errors are judge-facing too.
                assert_blind(judge.put(&format!("{path}/scores"), &json!({"scores": scores_of(&after)})).await, 409, &words).await;
            }
            assert_blind(judge.get("/api/judging/assignments").await, 200, &words).await;
            assert_blind(judge.get("/api/judging/entries/999999").await, 404, &words).await;
        }
    }

    async fn a_judge_sees_other_judges_scores_only_after_submitting_their_own(app) {
        let btc = login(&app, "btc").await;
        let judge = login(&app, "giamkhao").await;
        let contest = demo_contest(&btc).await;
        let entry = entry_by_title(&results(&btc, contest).await, HS_THPT_TITLE);
        let path = format!("/api/judging/entries/{entry}");

        let before = json_of(judge.get(&path).await, 200).await;
        let scores = full_scores(&before, 9);
        let draft = json_of(judge.put(&format!("{path}/scores"), &json!({"scores": scores})).await, 200).await;
        let incomplete = json_of(judge.put(&format!("{path}/scores"), &json!({"scores": [scores[0]], "submit": true})).await, 422).await;
        let out_of_scale = json_of(judge.put(&format!("{path}/scores"), &json!({"scores": [{"criterion_id": scores[0]["criterion_id"], "score": 11}]})).await, 422).await;
        let submitted = json_of(judge.put(&format!("{path}/scores"), &json!({"scores": scores, "submit": true})).await, 200).await;
        let again = json_of(judge.put(&format!("{path}/scores"), &json!({"scores": scores, "submit": true})).await, 409).await;

        assert_eq!(before["peer_scores"], json!([]), "the other judge has submitted, yet nothing shows");
        assert_eq!(draft["peer_scores"], json!([]));
        assert_eq!(draft["submitted"], false);
        assert!(incomplete["message"].as_str().unwrap().contains("cần chấm điểm"));
        assert!(out_of_scale["message"].as_str().unwrap().contains("từ 0 đến 10"));
        assert_eq!(submitted["submitted"], true);
        assert_eq!(submitted["my_total"], 90.0);
        let peers = submitted["peer_scores"].as_array().unwrap();
        assert_eq!(peers.len(), 1);
        assert_eq!(peers[0]["judge_label"], "Giám khảo 1");
        assert!(again["message"].as_str().unwrap().contains("không sửa được"));
    }

    async fn assignment_never_gives_a_judge_their_own_schools_entry_nor_a_declared_conflict(app) {
        let btc = login(&app, "btc").await;
        let contest = demo_contest(&btc).await;
        let table = results(&btc, contest).await;
        let judge_id = |name: &str| table["judges"].as_array().unwrap().iter().find(|j| j["username"] == name).unwrap()["user_id"].as_i64().unwrap();
        let (gk_thpt, gk_tinh) = (judge_id("gk.thpt"), judge_id("gk.tinh"));
        let hs_entry = entry_by_title(&table, HS_THPT_TITLE);
        let hs_row = table["entries"].as_array().unwrap().iter().find(|e| e["id"] == hs_entry).unwrap().clone();
        let other = table["entries"].as_array().unwrap().iter()
            .find(|e| e["id"] != hs_entry && !e["scores"].as_array().unwrap().iter().any(|s| s["judge_id"] == gk_tinh))
            .unwrap()["id"].as_i64().unwrap();
        let path = format!("/api/creative-contests/{contest}/assignments");

        let own_school = json_of(btc.post(&path, &json!({"entry_id": hs_entry, "judge_id": gk_thpt})).await, 409).await;
        json_of(btc.post(&format!("/api/creative-contests/{contest}/conflicts"), &json!({"judge_id": gk_tinh, "entry_id": other, "reason": "Người thân của thí sinh"})).await, 200).await;
        let declared = json_of(btc.post(&path, &json!({"entry_id": other, "judge_id": gk_tinh})).await, 409).await;
        let rerun = json_of(btc.post(&format!("/api/creative-contests/{contest}/assign"), &json!({})).await, 200).await;

        assert!(!hs_row["scores"].as_array().unwrap().iter().any(|s| s["judge_id"] == gk_thpt));
        assert!(own_school["message"].as_str().unwrap().contains("cùng trường"));
        assert!(declared["message"].as_str().unwrap().contains("xung đột"));
        assert_eq!(rerun["created"], 0, "every entry already has its judges: {rerun}");
        let after = results(&btc, contest).await;
        for e in after["entries"].as_array().unwrap() {
            assert_eq!(e["scores"].as_array().unwrap().len(), 2, "{e}");
            if e["id"] == other {
                assert!(!e["scores"].as_array().unwrap().iter().any(|s| s["judge_id"] == gk_tinh));
            }
        }
        // The judge declares a conflict themself: the entry leaves their list.
        let judge = login(&app, "giamkhao").await;
        let list = json_of(judge.get("/api/judging/assignments").await, 200).await;
        let some = list.as_array().unwrap().iter().find(|a| a["title"] != HS_THPT_TITLE).unwrap()["entry_id"].as_i64().unwrap();
        let left = json_of(judge.post(&format!("/api/judging/entries/{some}/conflict"), &json!({"reason": "Học sinh lớp tôi dạy thêm"})).await, 200).await;
        assert!(!left.as_array().unwrap().iter().any(|a| a["entry_id"] == some));
        json_of(judge.get(&format!("/api/judging/entries/{some}")).await, 404).await;
    }

    async fn an_infeasible_assignment_is_reported_entry_by_entry(app) {
        let btc = login(&app, "btc").await;
        let student = login(&app, "hs.thpt").await;
        let contest = open_contest(&btc, 20 * 1024 * 1024, 3).await;
        let entry = json_of(student.post(&format!("/api/creative-contests/{contest}/entries"), &json!({"title": "Bài thử"})).await, 201).await;
        json_of(btc.put(&format!("/api/creative-contests/{contest}/judges"), &json!({"usernames": ["giamkhao", "gk.tinh", "gk.thpt"]})).await, 200).await;
        let not_a_judge = json_of(btc.put(&format!("/api/creative-contests/{contest}/judges"), &json!({"usernames": ["giamkhao", "gv.thpt"]})).await, 422).await;
        let too_early = json_of(btc.post(&format!("/api/creative-contests/{contest}/assign"), &json!({})).await, 409).await;
        close_submission(&btc, contest).await;

        let refused = json_of(btc.post(&format!("/api/creative-contests/{contest}/assign"), &json!({})).await, 422).await;

        assert!(not_a_judge["message"].as_str().unwrap().contains("gv.thpt"));
        assert!(too_early["message"].as_str().unwrap().contains("hết hạn nộp bài"));
        let details = refused["details"].as_array().unwrap();
        assert_eq!(details.len(), 1);
        let message = details[0]["message"].as_str().unwrap();
        assert!(message.contains(&format!("#{}", entry["id"])), "{message}");
        assert!(message.contains("chỉ có 2 giám khảo"), "{message}");
        assert!(results(&btc, contest).await["entries"][0]["scores"].as_array().unwrap().is_empty(), "nothing half-written");
    }

    async fn uploads_are_checked_by_their_content_not_their_name(app) {
        let btc = login(&app, "btc").await;
        let student = login(&app, "hs.thpt").await;
        let classmate_elsewhere = login(&app, "hs.thcs").await;
        let contest = open_contest(&btc, 1024 * 1024, 1).await;
        let entry = json_of(student.post(&format!("/api/creative-contests/{contest}/entries"), &json!({"title": "Áp phích của em", "statement": "Thuyết minh"})).await, 201).await;
        let files = format!("/api/entries/{}/files", entry["id"]);
        let png = sample_png(300, 200, [10, 120, 200]);
        let huge = png_declaring(50_000, 50_000);
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec();

        let png_named_pdf = json_of(student.upload(&files, "ap-phich.pdf", png.clone()).await, 201).await;
        let text_named_png = json_of(student.upload(&files, "ap-phich.png", b"day la van ban, khong phai anh".to_vec()).await, 422).await;
        let bomb = json_of(student.upload(&files, "bom.png", huge).await, 422).await;
        let truncated = json_of(student.upload(&files, "cut.png", png[..png.len() / 2].to_vec()).await, 422).await;
        let oversize = json_of(student.upload(&files, "to.pdf", vec![b'%'; 1024 * 1024 + 1]).await, 413).await;
        let with_pdf = json_of(student.upload(&files, "bai.png", pdf).await, 201).await;

        let image = &png_named_pdf["files"][0];
        assert_eq!(image["media_type"], "image/png");
        assert_eq!(image["width"], 300);
        assert!(text_named_png["message"].as_str().unwrap().contains("nội dung"));
        assert!(bomb["message"].as_str().unwrap().contains("quá lớn"), "{bomb}");
        assert!(truncated["message"].as_str().unwrap().contains("hỏng"));
        assert_eq!(oversize["error"], "payload_too_large");
        assert_eq!(with_pdf["files"][1]["media_type"], "application/pdf");
        assert_eq!(with_pdf["files"][1]["thumb_url"], Value::Null);

        let original = student.get(image["url"].as_str().unwrap()).await;
        assert_eq!(original.status(), 200);
        assert_eq!(original.headers()["content-type"], "image/png");
        let disposition = original.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(!disposition.contains("ap-phich"), "names on disk and in headers are ours: {disposition}");
        assert_eq!(original.bytes().await.unwrap().to_vec(), png);
        let thumb = student.get(image["thumb_url"].as_str().unwrap()).await;
        assert_eq!(thumb.headers()["content-type"], "image/jpeg");
        assert_eq!(classmate_elsewhere.get(image["url"].as_str().unwrap()).await.status(), 404);
        assert_eq!(app.get(image["url"].as_str().unwrap()).await.status(), 401);
        assert_eq!(btc.get(image["url"].as_str().unwrap()).await.status(), 200);
    }

    async fn an_entry_is_edited_or_withdrawn_only_before_the_deadline(app) {
        let btc = login(&app, "btc").await;
        let student = login(&app, "hs.thpt").await;
        let contest = open_contest(&btc, 20 * 1024 * 1024, 1).await;
        let url = format!("/api/creative-contests/{contest}/entries");
        let first = json_of(student.post(&url, &json!({"title": "Bản nháp"})).await, 201).await;
        let edit = format!("/api/entries/{}", first["id"]);
        let edited = json_of(student.patch(&edit, &json!({"title": "  Bản   chính thức ", "statement": "Nội dung"})).await, 200).await;
        let twice = json_of(student.post(&url, &json!({"title": "Bài thứ hai"})).await, 422).await;
        let outsider = json_of(student.post(&url, &json!({"title": "Nhóm", "members": ["hs.thcs"]})).await, 422).await;
        let withdrawn = json_of(student.post(&format!("{edit}/withdraw"), &json!({})).await, 200).await;
        let second = json_of(student.post(&url, &json!({"title": "Làm lại"})).await, 201).await;
        let no_video_link = json_of(student.patch(&format!("/api/entries/{}", second["id"]), &json!({"title": "Làm lại", "video_url": "https://www.youtube.com/watch?v=x"})).await, 422).await;

        close_submission(&btc, contest).await;
        let late_edit = json_of(student.patch(&format!("/api/entries/{}", second["id"]), &json!({"title": "Sửa muộn"})).await, 409).await;
        let late_withdraw = json_of(student.post(&format!("/api/entries/{}/withdraw", second["id"]), &json!({})).await, 409).await;
        let late_upload = json_of(student.upload(&format!("/api/entries/{}/files", second["id"]), "a.png", sample_png(8, 8, [0, 0, 0])).await, 409).await;
        let late_create = json_of(login(&app, "hs.thcs").await.post(&url, &json!({"title": "Muộn"})).await, 409).await;
        let mine = json_of(student.get("/api/me/entries").await, 200).await;

        assert_eq!(edited["title"], "Bản chính thức");
        assert!(twice["message"].as_str().unwrap().contains("một bài dự thi"));
        assert!(outsider["message"].as_str().unwrap().contains("cùng trường"));
        assert_eq!(withdrawn["status"], "withdrawn");
        assert!(no_video_link["message"].as_str().unwrap().contains("video"));
        for late in [&late_edit, &late_withdraw, &late_upload, &late_create] {
            assert!(late["message"].as_str().unwrap().contains("hết hạn"), "{late}");
        }
        let titles: Vec<&str> = mine.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Làm lại") && titles.contains(&"Bản chính thức"));
        assert!(mine.as_array().unwrap().iter().all(|e| e["editable"] == false));
    }

    async fn wide_disagreement_is_flagged_and_publication_fills_the_public_gallery(app) {
        let btc = login(&app, "btc").await;
        let judge = login(&app, "giamkhao").await;
        let contest = demo_contest(&btc).await;
        let hs_entry = entry_by_title(&results(&btc, contest).await, HS_THPT_TITLE);
        // giamkhao scores hs.thpt's poster 10/10 everywhere (the other judge gave about 7) and
        // the rest 1/10: wide disagreement everywhere but the first.
        for item in json_of(judge.get("/api/judging/assignments").await, 200).await.as_array().unwrap() {
            let entry = item["entry_id"].as_i64().unwrap();
            let path = format!("/api/judging/entries/{entry}");
            let view = json_of(judge.get(&path).await, 200).await;
            let value = if entry == hs_entry { 10 } else { 1 };
            json_of(judge.put(&format!("{path}/scores"), &json!({"scores": full_scores(&view, value), "submit": true})).await, 200).await;
        }
        let early_gallery = json_of(app.get("/api/gallery").await, 200).await;
        let judge_cannot = judge.get(&format!("/api/creative-contests/{contest}/results")).await.status();
        json_of(btc.patch(&format!("/api/creative-contests/{contest}"), &json!({"prize_counts": [1, 1, 1, 0], "aggregation": "trimmed_mean"})).await, 200).await;
        let table = results(&btc, contest).await;
        let published = json_of(btc.post(&format!("/api/creative-contests/{contest}/publish"), &json!({})).await, 200).await;
        let twice = json_of(btc.post(&format!("/api/creative-contests/{contest}/publish"), &json!({})).await, 409).await;
        let gallery = app.get("/api/gallery").await;
        let gallery_text = gallery.text().await.unwrap();
        let gallery: Value = serde_json::from_str(&gallery_text).unwrap();

        assert_eq!(early_gallery, json!([]));
        assert_eq!(judge_cannot, 403);
        assert!(table["flagged"].as_i64().unwrap() >= 1, "{table}");
        let hs_row = table["entries"].as_array().unwrap().iter().find(|e| e["id"] == hs_entry).unwrap();
        assert!(hs_row["mean"].as_f64().unwrap() > 80.0, "{hs_row}");
        let lows: Vec<&Value> = table["entries"].as_array().unwrap().iter().filter(|e| e["flagged"] == true).collect();
        assert!(lows.iter().all(|e| e["spread"].as_f64().unwrap() > 25.0));
        assert_eq!(published["contest"]["phase"], "published");
        assert!(twice["message"].as_str().unwrap().contains("đã được công bố"));
        let winners = gallery.as_array().unwrap();
        assert_eq!(winners.len(), 3);
        assert_eq!(winners[0]["entry_id"], hs_entry);
        assert_eq!(winners[0]["prize"], "first");
        for word in identifying(&table) {
            assert!(!gallery_text.contains(&word), "the gallery names «{word}»");
        }
        let thumb = app.get(winners[0]["thumb_url"].as_str().unwrap()).await;
        assert_eq!(thumb.status(), 200, "a winner's thumbnail is public");
        let student = login(&app, "hs.thcs").await;
        let vote_url = format!("/api/entries/{hs_entry}/vote");
        json_of(student.post(&vote_url, &json!({})).await, 200).await;
        let counted = json_of(student.post(&vote_url, &json!({})).await, 200).await;
        assert_eq!(counted["votes"], 1, "one vote per account per entry");
        let mine = json_of(login(&app, "hs.thpt").await.get("/api/me/entries").await, 200).await;
        assert_eq!(mine.as_array().unwrap().iter().find(|e| e["id"] == hs_entry).unwrap()["prize"], "first");
    }

    async fn only_organisers_create_contests_and_see_named_results(app) {
        let request = json!({"title": "Thử", "kind": "video", "unit_code": "AG", "submission_opens_at": minutes_from_now(0), "submission_closes_at": minutes_from_now(60), "team_size_max": 1, "judges_per_entry": 1, "rubric": [{"name": "Nội dung", "weight": 100, "scale_max": 10}]});
        let btc = login(&app, "btc").await;
        let contest = demo_contest(&btc).await;
        for (user, status) in [("hs.thpt", 403), ("giamkhao", 403), ("gv.thpt", 403), ("qt.thpt", 403), ("canbo", 403)] {
            let session = login(&app, user).await;
            assert_eq!(session.post("/api/creative-contests", &request).await.status(), status, "{user} creates");
            let seen = session.get(&format!("/api/creative-contests/{contest}/results")).await.status();
            assert!(seen == 403 || seen == 404, "{user} sees results: {seen}");
        }
        let bad_weights = json_of(btc.post("/api/creative-contests", &json!({"title": "Thử", "kind": "video", "unit_code": "AG", "submission_opens_at": minutes_from_now(0), "submission_closes_at": minutes_from_now(60), "team_size_max": 1, "judges_per_entry": 1, "rubric": [{"name": "Nội dung", "weight": 60, "scale_max": 10}]})).await, 422).await;
        assert!(bad_weights["message"].as_str().unwrap().contains("tổng trọng số"));
        json_of(btc.post("/api/creative-contests", &request).await, 201).await;
        assert_eq!(login(&app, "hs.thpt").await.get("/api/judging/assignments").await.status(), 403);
    }
}

fn scores_of(view: &Value) -> Value {
    view["my_scores"].clone()
}
