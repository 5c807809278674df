//! Photo contests for tests: a form, a contest, an entry approved, a vote.

use std::io::Cursor;

use axum::http::StatusCode;
use image::{codecs::jpeg::JpegEncoder, DynamicImage, RgbImage};
use serde_json::{json, Value};

use super::Client;

pub(crate) fn jpeg() -> Vec<u8> {
    let image = RgbImage::from_fn(120, 90, |x, y| image::Rgb([(x * 2) as u8, (y * 2) as u8, 90]));
    let mut bytes = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_with_encoder(JpegEncoder::new_with_quality(Cursor::new(&mut bytes), 85))
        .unwrap();
    bytes
}

pub(crate) fn at(minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Entries and voting open now for a day; judges weigh 70; members of the group enter and vote.
pub(crate) fn contest_form(group: i64, changes: Value) -> Value {
    let mut form = json!({
        "group_id": group, "title": "Duyên dáng áo dài", "rules": "Mỗi chị gửi một bài.",
        "cover_photo_id": null,
        "entries_open_at": at(-1), "entries_close_at": at(60 * 24),
        "voting_open_at": at(-1), "voting_close_at": at(60 * 48),
        "who_enters": "group", "who_votes": "group", "unit_id": null,
        "entries_per_member": 1, "vote_rule": "per_entry", "votes_per_day": 0,
        "live_results": true, "judge_weight": 70,
        "criteria": [{"name": "Trang phục", "max_points": 10}, {"name": "Ảnh đẹp", "max_points": 10}],
        "judge_phones": ["0912000009"]
    });
    if let Value::Object(changes) = changes {
        for (key, value) in changes {
            form[&key] = value;
        }
    }
    form
}

pub(crate) async fn create_contest(admin: &mut Client, form: Value) -> i64 {
    let reply = admin.post("/api/photo-contests", form).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["id"].as_i64().expect("contest id")
}

/// Uploads a photo and sends an entry; returns the entry id.
pub(crate) async fn enter(member: &mut Client, contest: i64, title: &str) -> i64 {
    let photo = member
        .post_bytes(
            &format!("/api/photo-contests/{contest}/photos"),
            jpeg(),
            "image/jpeg",
        )
        .await;
    assert_eq!(photo.status, StatusCode::CREATED, "{}", photo.body);
    let reply = member
        .post(
            &format!("/api/photo-contests/{contest}/entries"),
            json!({"title": title, "story": "Áo dài mẹ may cho ngày cưới.", "photo_ids": [photo.body["id"]]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["status"], "pending");
    reply.body["id"].as_i64().expect("entry id")
}

pub(crate) async fn approve(admin: &mut Client, entry: i64) {
    let reply = admin
        .post(
            &format!("/api/photo-contest-entries/{entry}/decision"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

pub(crate) async fn vote(client: &mut Client, entry: i64) -> (StatusCode, Value) {
    let reply = client
        .post(&format!("/api/photo-contest-entries/{entry}/vote"), json!({}))
        .await;
    (reply.status, reply.body)
}
