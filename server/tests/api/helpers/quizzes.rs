//! Quiz contests for tests: a form, a quiz, an attempt taken with so many right answers.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::{Client, Reply, TestApp};

/// Five single-choice questions whose first option is right (the paper shuffles them).
pub(crate) fn questions(count: usize) -> Value {
    (0..count)
        .map(|i| {
            json!({"text": format!("Câu hỏi số {i}?"), "kind": "single",
                   "options": [format!("Đúng {i}"), format!("Sai {i}"), format!("Cũng sai {i}")],
                   "correct": [0], "points": 10, "explanation": format!("Giải thích {i}")})
        })
        .collect()
}

pub(crate) fn quiz_form(group: i64, changes: Value) -> Value {
    let now = chrono::Utc::now();
    let mut form = json!({
        "title": "Tìm hiểu Luật Bình đẳng giới",
        "rules": "Mỗi hội viên dự thi một lần.",
        "opens_at": (now - chrono::Duration::minutes(1)).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "closes_at": (now + chrono::Duration::days(1)).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "minutes": 2, "attempts": 1, "draw": 0, "shuffle_options": true,
        "group_ids": [group], "unit_ids": [],
        "prediction": "perfect_scores", "tie_breaks": ["prediction", "time", "submitted"],
        "prizes": {"first": 1, "second": 1, "third": 1, "consolation": 0},
        "score_after_submit": true,
        "questions": questions(5)
    });
    if let Value::Object(changes) = changes {
        for (key, value) in changes {
            form[&key] = value;
        }
    }
    form
}

pub(crate) async fn create_quiz(admin: &mut Client, form: Value) -> i64 {
    let reply = admin.post("/api/quizzes", form).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["summary"]["id"].as_i64().expect("quiz id")
}

/// The option whose text starts with "Đúng": the right one, found by reading, as a person would.
pub(crate) fn right_option(question: &Value) -> i64 {
    question["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["text"].as_str().unwrap().starts_with("Đúng"))
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

pub(crate) async fn answer(client: &mut Client, attempt: i64, question: i64, chosen: Vec<i64>) -> Reply {
    client
        .put(
            &format!("/api/quiz-attempts/{attempt}/answers/{question}"),
            json!({ "chosen": chosen }),
        )
        .await
}

/// Answers every question of her paper, the first `right` of them correctly.
pub(crate) async fn take(client: &mut Client, quiz: i64, right: usize, prediction: i64) -> i64 {
    let paper = client
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    assert_eq!(paper.status, StatusCode::OK, "{}", paper.body);
    let attempt = paper.body["id"].as_i64().unwrap();
    for (i, question) in paper.body["questions"].as_array().unwrap().iter().enumerate() {
        let good = right_option(question);
        let chosen = if i < right { good } else { (good + 1) % 3 };
        let reply = answer(client, attempt, question["id"].as_i64().unwrap(), vec![chosen]).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    }
    let reply = client
        .put(
            &format!("/api/quiz-attempts/{attempt}/prediction"),
            json!({ "value": prediction }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    attempt
}

pub(crate) async fn submit(client: &mut Client, attempt: i64) -> Value {
    let reply = client
        .post(&format!("/api/quiz-attempts/{attempt}/submit"), json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

pub(crate) async fn exec(app: &TestApp, sql: &str, a: i64, b: i64) {
    sqlx::query(sql)
        .bind(a)
        .bind(b)
        .execute(&app.state.db.pool)
        .await
        .expect(sql);
}
