//! Lesson feedback through the API, with the shipped curriculum in the demo province — each on
//! SQLite and on PostgreSQL: a learner's rating and comment (one per lesson, editable), the
//! content owners' queue and its statuses (đã nhận → đã trả lời → đã cập nhật), and the public
//! view that never names the learner.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, Session, on_both_backends_curriculum};
use serde_json::{Value, json};

const LESSON: &str = "/api/lessons/thpt-01/feedback";

async fn json_of(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

async fn queue(session: &Session<'_>, status: &str) -> Vec<Value> {
    let path = if status.is_empty() {
        "/api/feedback".to_owned()
    } else {
        format!("/api/feedback?status={status}")
    };
    json_of(session.get(&path).await, 200)
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// The id of the (only) feedback on thpt-01 in the queue.
async fn feedback_id(owner: &Session<'_>) -> i64 {
    let all = queue(owner, "").await;
    let mine: Vec<&Value> = all.iter().filter(|i| i["lesson_id"] == "thpt-01").collect();
    assert_eq!(mine.len(), 1, "{all:?}");
    mine[0]["id"].as_i64().unwrap()
}

on_both_backends_curriculum! {
    async fn a_learner_rates_a_lesson_and_edits_their_own_feedback(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let owner = app.login("gv.thpt", DEMO_PASSWORD).await;
        let empty = json_of(student.get(LESSON).await, 200).await;
        assert_eq!(empty["mine"], Value::Null);

        let saved = json_of(student.post(LESSON, &json!({"rating": 4, "comment": "  Bài   dễ hiểu\r\n\r\n\r\nnhưng hơi dài "})).await, 200).await;
        let edited = json_of(student.post(LESSON, &json!({"rating": 5, "comment": "Bài dễ hiểu\n\nnhưng hơi dài"})).await, 200).await;

        assert_eq!(saved["status"], "received");
        assert_eq!(saved["comment"], "Bài dễ hiểu\n\nnhưng hơi dài");
        assert_eq!(edited["rating"], 5);
        let view = json_of(student.get(LESSON).await, 200).await;
        assert_eq!(view["mine"]["rating"], 5);
        assert_eq!(view["public"], json!([]));
        feedback_id(&owner).await; // exactly one row for this learner and lesson

        // Stored NFC, whatever the keyboard sent.
        let nfc = json_of(student.post(LESSON, &json!({"rating": 3, "comment": "Nguye\u{0302}\u{0303}n"})).await, 200).await;
        assert_eq!(nfc["comment"], "Nguyễn");
        let no_comment = json_of(student.post(LESSON, &json!({"rating": 2, "comment": "   "})).await, 200).await;
        assert_eq!(no_comment["comment"], Value::Null);
    }

    async fn feedback_is_checked_with_vietnamese_messages_naming_the_field(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let zero = json_of(student.post(LESSON, &json!({"rating": 0})).await, 422).await;
        let six = student.post(LESSON, &json!({"rating": 6, "comment": "x"})).await;
        let long = json_of(student.post(LESSON, &json!({"rating": 3, "comment": "a".repeat(1001)})).await, 422).await;
        let closed = student.post("/api/lessons/thcs-01/feedback", &json!({"rating": 3})).await;
        let unknown = student.get("/api/lessons/khong-co/feedback").await;

        assert!(zero["message"].as_str().unwrap().contains("Điểm đánh giá (rating)"), "{zero}");
        assert_eq!(six.status(), 422);
        assert!(long["message"].as_str().unwrap().contains("Góp ý (comment)"), "{long}");
        assert!(long["message"].as_str().unwrap().contains("1000"), "{long}");
        assert_eq!(closed.status(), 404);
        assert_eq!(unknown.status(), 404);
        assert_eq!(app.get(LESSON).await.status(), 401);
        let ok = student.post(LESSON, &json!({"rating": 3, "comment": "a".repeat(1000)})).await;
        assert_eq!(ok.status(), 200);
    }

    async fn only_content_owners_see_the_queue_and_answer(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        json_of(student.post(LESSON, &json!({"rating": 4, "comment": "Hay"})).await, 200).await;
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let id = feedback_id(&admin).await;
        let path = format!("/api/feedback/{id}");
        let answer = json!({"status": "answered", "answer": "Cảm ơn em."});

        for account in ["hs.thpt", "hs.thcs", "canbo", "sogddt", "btc"] {
            let session = app.login(account, DEMO_PASSWORD).await;
            assert_eq!(session.get("/api/feedback").await.status(), 403, "{account}");
            assert_eq!(session.patch(&path, &answer).await.status(), 403, "{account}");
        }
        for account in ["admin", "qt.thpt", "gv.thpt"] {
            let session = app.login(account, DEMO_PASSWORD).await;
            assert_eq!(session.get("/api/feedback?status=received").await.status(), 200, "{account}");
        }
        assert_eq!(admin.patch("/api/feedback/999999", &answer).await.status(), 404);
        assert_eq!(admin.get("/api/feedback?status=khong-ro").await.status(), 422);
    }

    async fn feedback_moves_forward_only_and_needs_a_public_answer(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        json_of(student.post(LESSON, &json!({"rating": 2, "comment": "Hình bước 3 bị mờ"})).await, 200).await;
        let owner = app.login("gv.thpt", DEMO_PASSWORD).await;
        let id = feedback_id(&owner).await;
        let path = format!("/api/feedback/{id}");

        let without_answer = json_of(owner.patch(&path, &json!({"status": "answered"})).await, 422).await;
        let blank_answer = owner.patch(&path, &json!({"status": "answered", "answer": "   "})).await;
        let skipped = json_of(owner.patch(&path, &json!({"status": "updated"})).await, 422).await;
        let answered = json_of(owner.patch(&path, &json!({"status": "answered", "answer": "Cảm ơn em, thầy cô sẽ thay hình."})).await, 200).await;
        let back = json_of(owner.patch(&path, &json!({"status": "received"})).await, 422).await;
        let updated = json_of(owner.patch(&path, &json!({"status": "updated"})).await, 200).await;

        assert!(without_answer["message"].as_str().unwrap().contains("Câu trả lời công khai (answer)"), "{without_answer}");
        assert_eq!(blank_answer.status(), 422);
        assert!(skipped["message"].as_str().unwrap().contains("status"), "{skipped}");
        assert_eq!(answered["status"], "answered");
        assert_eq!(answered["answer"], "Cảm ơn em, thầy cô sẽ thay hình.");
        assert!(back["message"].as_str().unwrap().contains("không thể chuyển"), "{back}");
        assert_eq!(updated["status"], "updated");
        assert_eq!(updated["answer"], answered["answer"]);
        let ids = |items: Vec<Value>| items.iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>();
        assert_eq!(ids(queue(&owner, "updated").await), vec![id]);
        assert!(ids(queue(&owner, "received").await).is_empty());
        assert!(ids(queue(&owner, "answered").await).is_empty());

        // A changed comment is new feedback to answer; a changed rating alone is not.
        json_of(student.post(LESSON, &json!({"rating": 3, "comment": "Hình bước 3 bị mờ"})).await, 200).await;
        assert_eq!(ids(queue(&owner, "updated").await), vec![id]);
        let changed = json_of(student.post(LESSON, &json!({"rating": 3, "comment": "Đã rõ, cảm ơn thầy cô"})).await, 200).await;
        assert_eq!(changed["status"], "received");
        assert_eq!(changed["answer"], Value::Null);
        assert_eq!(ids(queue(&owner, "received").await), vec![id]);
    }

    async fn the_lesson_shows_answered_feedback_without_the_learners_name(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let full_name = student.body["user"]["full_name"].as_str().unwrap().to_owned();
        let user_id = student.body["user"]["id"].as_i64().unwrap();
        json_of(student.post(LESSON, &json!({"rating": 5, "comment": "<b>Rất</b> hay"})).await, 200).await;
        let owner = app.login("admin", DEMO_PASSWORD).await;
        let id = feedback_id(&owner).await;
        let before = json_of(owner.get(LESSON).await, 200).await;
        assert_eq!(before["public"], json!([]), "unanswered feedback is not public");

        json_of(owner.patch(&format!("/api/feedback/{id}"), &json!({"answer": "Cảm ơn em!"})).await, 200).await;
        let view = json_of(owner.get(LESSON).await, 200).await;
        let queue_text = serde_json::to_string(&queue(&owner, "").await).unwrap();

        let public = view["public"].as_array().unwrap();
        assert_eq!(public.len(), 1, "{view}");
        let item = public[0].as_object().unwrap();
        let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, vec!["answer", "answered_at", "comment", "rating", "status"]);
        assert_eq!(item["comment"], "<b>Rất</b> hay", "kept as text; the UI escapes it");
        assert_eq!(item["answer"], "Cảm ơn em!");
        assert_eq!(item["status"], "answered");
        let text = view.to_string();
        assert!(!text.contains("hs.thpt") && !text.contains(&full_name), "{text}");
        assert!(!queue_text.contains("hs.thpt") && !queue_text.contains(&full_name), "{queue_text}");
        assert!(!queue_text.contains(&format!("\"user_id\":{user_id}")), "{queue_text}");
        // The learner sees the answer under their own feedback too.
        let own = json_of(student.get(LESSON).await, 200).await;
        assert_eq!(own["mine"]["answer"], "Cảm ơn em!");
        assert_eq!(own["public"].as_array().unwrap().len(), 1);
    }
}
