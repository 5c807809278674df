//! The feed: writing, waiting for the board, reading, reacting, commenting, searching.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{
    create_group, decide_first_flag, join_approved, joined_member, spawn_app, write_post, Client,
};

fn bodies(feed: &Value, list: &str) -> Vec<String> {
    feed[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["body"].as_str().unwrap().to_owned())
        .collect()
}

/// Turns post approval off, keeping the other rules; newcomers are not held.
async fn approval_off(admin: &mut Client, group: i64) {
    let reply = admin
        .put(
            &format!("/api/groups/{group}/moderation"),
            json!({"approve_posts": false, "hold_links": true, "hold_phones": true, "hold_money_words": true,
                   "new_member_days": 0, "trusted_domains": ["hoilhpn.org.vn"], "extra_words": []}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
}

#[tokio::test]
async fn a_members_post_waits_then_is_approved_and_gathers_reactions_and_comments() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut mai, _) = joined_member(&app, &mut admin, group, "0987000002", "Mai").await;

    let post = write_post(
        &mut lan,
        group,
        "Chia sẻ cách muối dưa cải ngon",
        "family_children",
    )
    .await;
    let id = post["id"].as_i64().unwrap();
    assert_eq!(post["status"], "pending");
    assert_eq!(post["held_for"], json!(["approval_required", "new_member"]));
    let feed = mai.get(&format!("/api/groups/{group}/posts")).await;
    assert!(bodies(&feed.body, "items").is_empty(), "nothing published yet");
    let mine = lan.get(&format!("/api/groups/{group}/posts/mine")).await;
    assert_eq!(mine.body[0]["status"], "pending");
    assert_eq!(
        mai.get(&format!("/api/posts/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    // The board comments to her before deciding; she is told, and only she and the board see it.
    let note = admin
        .post(
            &format!("/api/posts/{id}/comments"),
            json!({"body": "Chị thêm ảnh thành phẩm nhé?"}),
        )
        .await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.body);
    assert_eq!(note.body[0]["author"]["board"], true);
    let told = lan.get("/api/notifications").await;
    assert_eq!(told.body[0]["kind"], "board_comment");
    let mai_note = mai
        .post(&format!("/api/posts/{id}/comments"), json!({"body": "Hay quá"}))
        .await;
    assert_eq!(mai_note.status, StatusCode::NOT_FOUND);

    let approved = admin
        .post(&format!("/api/posts/{id}/decision"), json!({"approve": true}))
        .await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT);
    let again = admin
        .post(&format!("/api/posts/{id}/decision"), json!({"approve": false}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "decided once");
    let feed = mai.get(&format!("/api/groups/{group}/posts")).await;
    assert_eq!(bodies(&feed.body, "items"), ["Chia sẻ cách muối dưa cải ngon"]);

    assert_eq!(
        mai.put(&format!("/api/posts/{id}/reaction"), json!({"kind": "love"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    admin
        .put(&format!("/api/posts/{id}/reaction"), json!({"kind": "like"}))
        .await;
    mai.put(&format!("/api/posts/{id}/reaction"), json!({"kind": "like"}))
        .await;
    let comment = mai
        .post(
            &format!("/api/posts/{id}/comments"),
            json!({"body": "Cảm ơn chị!"}),
        )
        .await;
    let comment_id = comment.body.as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    let reply = lan
        .post(
            &format!("/api/posts/{id}/comments"),
            json!({"body": "Không có chi", "parent_id": comment_id}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(
        reply.body.as_array().unwrap().last().unwrap()["parent_id"],
        comment_id
    );

    let seen = lan.get(&format!("/api/posts/{id}")).await.body;
    assert_eq!(
        seen["reactions"],
        json!([{"kind": "like", "count": 2}]),
        "Mai changed love to like"
    );
    assert_eq!(seen["comment_count"], 3);
    let who = lan.get(&format!("/api/posts/{id}/reactions")).await.body;
    let mut names: Vec<_> = who
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["display_name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Hương", "Mai"]);
    assert_eq!(
        lan.get("/api/notifications").await.body[0]["kind"],
        "post_approved"
    );
}

#[tokio::test]
async fn rejected_posts_tell_their_author_why() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let id = write_post(&mut lan, group, "Bán hàng online giá rẻ", "entertainment").await["id"]
        .as_i64()
        .unwrap();
    admin
        .post(
            &format!("/api/posts/{id}/decision"),
            json!({"approve": false, "reason": "Nhóm không đăng bài bán hàng"}),
        )
        .await;
    let mine = lan.get(&format!("/api/groups/{group}/posts/mine")).await.body;
    assert_eq!(mine[0]["status"], "rejected");
    assert_eq!(mine[0]["reason"], "Nhóm không đăng bài bán hàng");
    assert_eq!(
        lan.get("/api/notifications").await.body[0]["kind"],
        "post_rejected"
    );
}

#[tokio::test]
async fn rules_hold_links_to_unknown_sites_phone_numbers_and_scam_words_when_approval_is_off() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    approval_off(&mut admin, group).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;

    let plain = write_post(&mut lan, group, "Chúc cả nhà cuối tuần vui vẻ", "entertainment").await;
    assert_eq!(plain["status"], "published");
    let trusted = write_post(
        &mut lan,
        group,
        "Tin Hội: https://hoilhpn.org.vn/tin-tuc/1",
        "hoi_news",
    )
    .await;
    assert_eq!(trusted["status"], "published");
    for (body, reason) in [
        ("Nhận quà tại https://qua-tang-mien-phi.xyz/nhan", "link"),
        ("Liên hệ em Hoa 0912 345 678", "phone"),
        ("Tuyển CTV việc nhẹ lương cao, làm tại nhà", "money_words"),
    ] {
        let held = write_post(&mut lan, group, body, "entertainment").await;
        assert_eq!(held["status"], "pending", "{body}");
        assert_eq!(held["held_for"], json!([reason]), "{body}");
    }
    let queue = admin.get(&format!("/api/groups/{group}/queue")).await.body;
    assert_eq!(queue["posts"].as_array().unwrap().len(), 3);
    let counts = admin.get(&format!("/api/groups/{group}/board-counts")).await.body;
    assert_eq!(counts["posts"], 3);

    // An edit that adds an unknown link sends a published post back to the queue, marked edited.
    let id = plain["id"].as_i64().unwrap();
    let edited = lan
        .put(
            &format!("/api/posts/{id}"),
            json!({"kind": "post", "category": "entertainment", "body": "Xem thêm ở meo-vat.top"}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["status"], "pending");
    assert_eq!(edited.body["held_for"], json!(["edited", "link"]));
    assert!(edited.body["edited_at"].is_string());
    // Members cannot change the rules.
    let refused = lan
        .put(
            &format!("/api/groups/{group}/moderation"),
            json!({"approve_posts": false}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn pinned_posts_and_announcements_lead_the_feed_which_pages_filters_and_searches() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let first = write_post(&mut admin, group, "Nội quy nhóm: tôn trọng nhau", "hoi_news").await;
    for n in 1..=24 {
        write_post(&mut admin, group, &format!("Bài số {n}"), "entertainment").await;
    }
    write_post(
        &mut admin,
        group,
        "Chăm sóc Sức Khỏe phụ nữ sau sinh",
        "health_beauty",
    )
    .await;
    let id = first["id"].as_i64().unwrap();
    admin
        .put(
            &format!("/api/posts/{id}/pin"),
            json!({"pinned": true, "announcement_days": null}),
        )
        .await;

    let mut reader = app.client();
    let page = reader.get(&format!("/api/groups/{group}/posts")).await.body;
    assert_eq!(bodies(&page, "top"), ["Nội quy nhóm: tôn trọng nhau"]);
    assert_eq!(page["top"][0]["pinned"], true);
    let items = bodies(&page, "items");
    assert_eq!(items[0], "Chăm sóc Sức Khỏe phụ nữ sau sinh", "newest first");
    assert_eq!(items.len(), 20);
    let next = page["next"].as_str().unwrap();
    let rest = reader
        .get(&format!("/api/groups/{group}/posts?cursor={next}"))
        .await
        .body;
    assert_eq!(
        bodies(&rest, "items").len(),
        5,
        "26 posts, the pinned one on top once"
    );
    assert!(rest["next"].is_null());
    assert!(rest["top"].as_array().unwrap().is_empty());

    let health = reader
        .get(&format!("/api/groups/{group}/posts?category=health_beauty"))
        .await
        .body;
    assert_eq!(bodies(&health, "items"), ["Chăm sóc Sức Khỏe phụ nữ sau sinh"]);
    for query in ["suc%20khoe", "S%E1%BB%A9c%20kh%E1%BB%8Fe", "SUC%20KHO"] {
        let found = reader
            .get(&format!("/api/groups/{group}/posts?q={query}"))
            .await
            .body;
        assert_eq!(
            bodies(&found, "items"),
            ["Chăm sóc Sức Khỏe phụ nữ sau sinh"],
            "{query}"
        );
    }
    let odd = reader
        .get(&format!("/api/groups/{group}/posts?q=%22%29%28*"))
        .await;
    assert_eq!(odd.status, StatusCode::OK, "punctuation cannot break the search");
}

#[tokio::test]
async fn questions_to_the_board_are_answered_under_the_question_and_the_asker_is_told() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    approval_off(&mut admin, group).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let asked = lan
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "question", "category": "law", "body": "Thủ tục vay vốn hộ nghèo cần giấy tờ gì?"}),
        )
        .await;
    let id = asked.body["id"].as_i64().unwrap();
    assert_eq!(asked.body["status"], "published");
    let queue = admin.get(&format!("/api/groups/{group}/queue")).await.body;
    assert_eq!(queue["questions"][0]["id"], id);

    let empty = admin
        .post(&format!("/api/posts/{id}/answer"), json!({"body": "  "}))
        .await;
    assert_eq!(empty.field("body"), "required");
    let answered = admin
        .post(
            &format!("/api/posts/{id}/answer"),
            json!({"body": "Chị mang CCCD và sổ hộ nghèo đến Hội xã."}),
        )
        .await;
    assert_eq!(answered.status, StatusCode::NO_CONTENT);
    let seen = app.client().get(&format!("/api/posts/{id}")).await.body;
    assert_eq!(seen["answer"]["body"], "Chị mang CCCD và sổ hộ nghèo đến Hội xã.");
    assert_eq!(seen["answer"]["author"]["board"], true);
    assert_eq!(
        lan.get("/api/notifications").await.body[0]["kind"],
        "question_answered"
    );
    let queue = admin.get(&format!("/api/groups/{group}/queue")).await.body;
    assert!(queue["questions"].as_array().unwrap().is_empty());
    let plain = write_post(&mut lan, group, "Không phải câu hỏi", "law").await["id"]
        .as_i64()
        .unwrap();
    let wrong = admin
        .post(&format!("/api/posts/{plain}/answer"), json!({"body": "x"}))
        .await;
    assert_eq!(wrong.code(), "not_a_question");
}

#[tokio::test]
async fn all_my_groups_feed_mixes_her_groups_and_nothing_else() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let first = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let second = create_group(&mut admin, "Dân vũ Gia Lâm").await;
    let other = create_group(&mut admin, "Nhóm khác").await;
    let (mut lan, _) = joined_member(&app, &mut admin, first, "0987000001", "Lan").await;
    let lan_id = app.user_id(&mut lan).await;
    join_approved(&mut admin, &mut lan, lan_id, second).await;
    write_post(&mut admin, first, "Tin xã", "hoi_news").await;
    write_post(&mut admin, second, "Lịch tập dân vũ", "arts_sports").await;
    write_post(&mut admin, other, "Tin nhóm khác", "hoi_news").await;
    let feed = lan.get("/api/feed").await.body;
    assert_eq!(bodies(&feed, "items"), ["Lịch tập dân vũ", "Tin xã"]);
    assert_eq!(feed["items"][0]["group_name"], "Dân vũ Gia Lâm");
    assert_eq!(
        app.client().get("/api/feed").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_posts_get_field_errors_not_server_errors() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let path = format!("/api/groups/{group}/posts");
    let empty = admin
        .post(&path, json!({"kind": "post", "category": "law", "body": "   "}))
        .await;
    assert_eq!(
        (empty.status, empty.field("body")),
        (StatusCode::UNPROCESSABLE_ENTITY, "required")
    );
    let long = admin
        .post(
            &path,
            json!({"kind": "post", "category": "law", "body": "a".repeat(5001)}),
        )
        .await;
    assert_eq!(long.field("body"), "text_too_long");
    let unknown = admin
        .post(&path, json!({"kind": "post", "category": "gossip", "body": "x"}))
        .await;
    assert!(unknown.status.is_client_error(), "{}", unknown.status);
    let photos = admin
        .post(
            &path,
            json!({"kind": "post", "category": "law", "body": "x", "photo_ids": [1,2,3,4,5,6,7,8,9,10,11]}),
        )
        .await;
    assert_eq!(photos.field("photos"), "too_many_photos");
    let cursor = admin.get(&format!("{path}?cursor=abc")).await;
    assert_eq!(cursor.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stranger = app.member("0987000009", "Người lạ").await;
    let mut stranger = stranger;
    let refused = stranger
        .post(&path, json!({"kind": "post", "category": "law", "body": "x"}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_cached_feed_page_changes_as_soon_as_the_group_does() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let id = write_post(&mut admin, group, "Họp chi hội", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/groups/{group}/posts");
    let mut visitor = app.client();
    assert_eq!(visitor.get(&path).await.body["items"][0]["reactions"], json!([]));

    lan.put(&format!("/api/posts/{id}/reaction"), json!({"kind": "care"}))
        .await;
    let seen = visitor.get(&path).await.body;
    assert_eq!(
        seen["items"][0]["reactions"],
        json!([{"kind": "care", "count": 1}])
    );
    assert!(
        seen["items"][0]["my_reaction"].is_null(),
        "a visitor has no reaction"
    );
    assert_eq!(lan.get(&path).await.body["items"][0]["my_reaction"], "care");
    assert!(admin.get(&path).await.body["items"][0]["my_reaction"].is_null());

    lan.post(&format!("/api/posts/{id}/comments"), json!({"body": "Em đi ạ"}))
        .await;
    assert_eq!(visitor.get(&path).await.body["items"][0]["comment_count"], 1);
    lan.put(
        "/api/me",
        json!({"display_name": "Lan Nguyễn", "home_unit_id": null, "overseas": false, "hoi_member": false}),
    )
    .await;
    write_post(&mut lan, group, "Bài của Lan", "family_children").await;
    assert_eq!(
        visitor.get(&path).await.body["items"].as_array().unwrap().len(),
        1,
        "Lan's post waits"
    );
    admin.delete(&format!("/api/posts/{id}")).await;
    assert!(visitor.get(&path).await.body["items"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_banned_member_cannot_read_even_a_cached_public_feed_signed_in() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut spammer, _) = joined_member(&app, &mut admin, group, "0987000002", "Bán hàng").await;
    write_post(&mut admin, group, "Tin Hội", "hoi_news").await;
    let path = format!("/api/groups/{group}/posts");
    assert_eq!(app.client().get(&path).await.status, StatusCode::OK, "cached now");
    let spam = write_post(&mut spammer, group, "Mua hàng đi", "entertainment").await["id"]
        .as_i64()
        .unwrap();
    spammer
        .post(&format!("/api/posts/{spam}/flags"), json!({"reason": "thử"}))
        .await;
    decide_first_flag(&mut admin, group, json!({"action": "remove", "ban": true})).await;
    assert_eq!(spammer.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.client().get(&path).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_retried_send_with_the_same_key_never_posts_or_comments_twice() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let draft = json!({"kind": "post", "category": "hoi_news", "body": "Lịch họp tháng 12", "idempotency_key": "k-1"});
    let first = admin
        .post(&format!("/api/groups/{group}/posts"), draft.clone())
        .await;
    let again = admin.post(&format!("/api/groups/{group}/posts"), draft).await;
    assert_eq!(first.body["id"], again.body["id"]);
    let id = first.body["id"].as_i64().unwrap();
    let comment = json!({"body": "Em nhớ rồi ạ", "idempotency_key": "c-1"});
    admin
        .post(&format!("/api/posts/{id}/comments"), comment.clone())
        .await;
    let comments = admin
        .post(&format!("/api/posts/{id}/comments"), comment)
        .await
        .body;
    assert_eq!(comments.as_array().unwrap().len(), 1);
    let feed = admin.get(&format!("/api/groups/{group}/posts")).await.body;
    assert_eq!(bodies(&feed, "items"), ["Lịch họp tháng 12"]);
    // Without a key (or with another one) it is a new post.
    write_post(&mut admin, group, "Lịch họp tháng 12", "hoi_news").await;
    assert_eq!(
        bodies(
            &admin.get(&format!("/api/groups/{group}/posts")).await.body,
            "items"
        )
        .len(),
        2
    );
}

/// Reads the next server-sent event's text from a streaming body (5 s at most).
pub(crate) async fn next_event(body: &mut axum::body::Body) -> String {
    use http_body_util::BodyExt;
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")
            .expect("the stream is open")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            let text = String::from_utf8_lossy(&data).into_owned();
            if text.contains("event:") {
                return text;
            }
        }
    }
}

#[tokio::test]
async fn members_hear_of_new_posts_live_and_a_reconnect_replays_what_was_missed() {
    use tower::ServiceExt;
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let open = |last: Option<&str>| {
        let mut request = axum::http::Request::builder()
            .uri("/api/events")
            .header("cookie", lan.cookie.clone().unwrap());
        if let Some(last) = last {
            request = request.header("last-event-id", last);
        }
        app.router
            .clone()
            .oneshot(request.body(axum::body::Body::empty()).unwrap())
    };
    let response = open(None).await.unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.into_body();
    write_post(&mut admin, group, "Tin mới", "hoi_news").await;
    let event = next_event(&mut body).await;
    assert!(
        event.contains("event: post") && event.contains(&format!("data: {group}")),
        "{event}"
    );
    let id: u64 = event
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("an event id");
    drop(body);

    // Offline while two more posts came; the browser reconnects with the last id it saw.
    write_post(&mut admin, group, "Tin thứ hai", "hoi_news").await;
    write_post(&mut admin, group, "Tin thứ ba", "hoi_news").await;
    let mut body = open(Some(&id.to_string())).await.unwrap().into_body();
    let replayed = [next_event(&mut body).await, next_event(&mut body).await].concat();
    assert!(
        replayed.contains(&format!("id: {}", id + 1)) && replayed.contains(&format!("id: {}", id + 2)),
        "{replayed}"
    );
}

/// The ids of a feed page's posts.
async fn feed_ids(client: &mut Client, path: &str) -> Vec<i64> {
    client.get(path).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_scheduled_post_stays_out_of_sight_until_its_time_then_leads_the_feed() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut member, _) = joined_member(&app, &mut admin, group, "0987000051", "Lan").await;
    let earlier = write_post(&mut admin, group, "Chào các chị", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    let now = chrono::Utc::now();
    let at = |hours: i64| (now + chrono::Duration::hours(hours)).to_rfc3339();
    let draft = |body: &str, when: String| json!({"kind": "post", "category": "hoi_news", "body": body, "publish_at": when});
    let posts = format!("/api/groups/{group}/posts");

    // Only the board schedules; not further than 90 days ahead.
    assert_eq!(
        member.post(&posts, draft("Lịch họp", at(2))).await.status,
        StatusCode::FORBIDDEN
    );
    let far = admin.post(&posts, draft("Lịch họp", at(91 * 24))).await;
    assert_eq!(far.field("publish_at"), "schedule_too_far");

    let scheduled = admin
        .post(&posts, draft("Họp chi hội sáng thứ Bảy lúc 8 giờ", at(2)))
        .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.body);
    assert_eq!(scheduled.body["status"], "scheduled");
    let id = scheduled.body["id"].as_i64().unwrap();
    // Another, taken back before its time: it never appears.
    let cancelled = admin.post(&posts, draft("Hoãn buổi họp", at(2))).await.body["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        admin.delete(&format!("/api/posts/{cancelled}")).await.status,
        StatusCode::NO_CONTENT
    );

    // Before its time: not in the feed, the search, the home feed or by its address, for a
    // member or a visitor; its author sees it among her posts that wait.
    assert_eq!(feed_ids(&mut member, &posts).await, vec![earlier]);
    assert_eq!(
        feed_ids(&mut member, &format!("{posts}?q=hop%20chi%20hoi")).await,
        Vec::<i64>::new()
    );
    assert_eq!(feed_ids(&mut member, "/api/feed").await, vec![earlier]);
    assert_eq!(feed_ids(&mut app.client(), &posts).await, vec![earlier]);
    assert_eq!(
        member.get(&format!("/api/posts/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let mine = admin.get(&format!("{posts}/mine")).await.body;
    assert_eq!(mine[0]["id"], id);
    assert!(mine[0]["publish_at"].is_string());

    // Its time comes (the tick, run here with a later clock): first in every feed.
    hoi_server::publish_scheduled(&app.state, (now + chrono::Duration::hours(3)).timestamp())
        .await
        .unwrap();
    assert_eq!(feed_ids(&mut member, &posts).await, vec![id, earlier]);
    assert_eq!(feed_ids(&mut app.client(), &posts).await, vec![id, earlier]);
    assert_eq!(
        member.get(&format!("/api/posts/{id}")).await.status,
        StatusCode::OK
    );

    // A time already past (the send waited offline in the outbox) publishes at once.
    let late = admin.post(&posts, draft("Nhắc lịch họp", at(-1))).await;
    assert_eq!(late.body["status"], "published");
}

#[tokio::test]
async fn the_board_moves_a_scheduled_post_to_another_time_or_to_now() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut member, _) = joined_member(&app, &mut admin, group, "0987000051", "Lan").await;
    let now = chrono::Utc::now();
    let at = |hours: i64| (now + chrono::Duration::hours(hours)).to_rfc3339();
    let draft = |when: String| json!({"kind": "post", "category": "hoi_news", "body": "Họp chi hội", "publish_at": when});
    let posts = format!("/api/groups/{group}/posts");
    let id = admin.post(&posts, draft(at(2))).await.body["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/posts/{id}");

    // Later: still hidden, at its new time.
    let moved = admin.put(&path, draft(at(5))).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.body["status"], "scheduled");
    let new_time = chrono::DateTime::parse_from_rfc3339(moved.body["publish_at"].as_str().unwrap()).unwrap();
    assert_eq!(
        new_time.timestamp(),
        (now + chrono::Duration::hours(5)).timestamp()
    );
    hoi_server::publish_scheduled(&app.state, (now + chrono::Duration::hours(3)).timestamp())
        .await
        .unwrap();
    assert_eq!(
        feed_ids(&mut member, &posts).await,
        Vec::<i64>::new(),
        "not at its old time"
    );
    assert_eq!(
        admin.put(&path, draft(at(91 * 24))).await.field("publish_at"),
        "schedule_too_far"
    );

    // Now: out at once, and a new time for a post that is out is a conflict.
    let out = admin.put(&path, draft(at(-1))).await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.body);
    assert_eq!(feed_ids(&mut member, &posts).await, vec![id]);
    let late = admin.put(&path, draft(at(4))).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(feed_ids(&mut member, &posts).await, vec![id]);
}
