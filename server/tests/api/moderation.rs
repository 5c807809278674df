//! Reports, removals, mutes, bans and the audit log that records them.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{create_group, decide_first_flag, joined_member, spawn_app, write_post};

#[tokio::test]
async fn a_reported_comment_is_removed_its_author_muted_and_the_audit_log_says_so() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut troll, troll_id) = joined_member(&app, &mut admin, group, "0987000002", "Kẻ phá").await;
    let post = write_post(&mut admin, group, "Họp chi hội tối thứ Sáu", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    let comments = troll
        .post(
            &format!("/api/posts/{post}/comments"),
            json!({"body": "Lời lẽ xúc phạm"}),
        )
        .await
        .body;
    let comment = comments[0]["id"].as_i64().unwrap();

    let no_reason = lan
        .post(
            &format!("/api/posts/{post}/flags"),
            json!({"comment_id": comment, "reason": ""}),
        )
        .await;
    assert_eq!(no_reason.field("reason"), "required");
    let reported = lan
        .post(
            &format!("/api/posts/{post}/flags"),
            json!({"comment_id": comment, "reason": "Xúc phạm chị em"}),
        )
        .await;
    assert_eq!(reported.status, StatusCode::CREATED);
    let queue = admin.get(&format!("/api/groups/{group}/queue")).await.body;
    let report = &queue["flags"][0];
    assert_eq!(report["excerpt"], "Lời lẽ xúc phạm");
    assert_eq!(report["author"]["display_name"], "Kẻ phá");
    assert_eq!(report["reason"], "Xúc phạm chị em");
    assert_eq!(
        admin.get(&format!("/api/groups/{group}/board-counts")).await.body["flags"],
        1
    );

    // Members cannot decide; the board removes and mutes for three days.
    let report_id = report["id"].as_i64().unwrap();
    let path = format!("/api/flags/{report_id}/decision");
    assert_eq!(
        lan.post(&path, json!({"action": "remove"})).await.status,
        StatusCode::FORBIDDEN
    );
    let removed = admin
        .post(&path, json!({"action": "remove", "mute_days": 3}))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);

    let comments = lan.get(&format!("/api/posts/{post}/comments")).await.body;
    assert!(comments.as_array().unwrap().is_empty());
    assert_eq!(
        lan.get(&format!("/api/posts/{post}")).await.body["comment_count"],
        0
    );
    let muted = troll
        .post(&format!("/api/posts/{post}/comments"), json!({"body": "Lại nữa"}))
        .await;
    assert_eq!((muted.status, muted.code()), (StatusCode::FORBIDDEN, "muted"));
    let audit = admin.get(&format!("/api/groups/{group}/audit")).await.body;
    let actions: Vec<_> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(&actions[..2], ["member.muted", "comment.removed"]);
    assert_eq!(audit[0]["target_id"], troll_id);
    assert_eq!(audit[1]["detail"], "Lời lẽ xúc phạm");
    assert_eq!(audit[1]["actor_name"], "Hương");
    assert_eq!(
        lan.get(&format!("/api/groups/{group}/audit")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        admin.get(&format!("/api/groups/{group}/queue")).await.body["flags"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_dismissed_report_leaves_the_post_and_a_ban_closes_the_group_to_its_author() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut spammer, _) = joined_member(&app, &mut admin, group, "0987000002", "Bán hàng").await;
    let good = write_post(&mut admin, group, "Luật mới", "law").await["id"]
        .as_i64()
        .unwrap();
    lan.post(&format!("/api/posts/{good}/flags"), json!({"reason": "Nhầm"}))
        .await;
    decide_first_flag(&mut admin, group, json!({"action": "dismiss"})).await;
    assert_eq!(
        lan.get(&format!("/api/posts/{good}")).await.status,
        StatusCode::OK
    );

    let spam = write_post(&mut spammer, group, "Mua hàng", "law").await["id"]
        .as_i64()
        .unwrap();
    admin
        .post(&format!("/api/posts/{spam}/decision"), json!({"approve": true}))
        .await;
    lan.post(
        &format!("/api/posts/{spam}/flags"),
        json!({"reason": "Quảng cáo"}),
    )
    .await;
    decide_first_flag(&mut admin, group, json!({"action": "remove", "ban": true})).await;
    assert_eq!(
        lan.get(&format!("/api/posts/{spam}")).await.status,
        StatusCode::NOT_FOUND
    );
    let banned = spammer
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "law", "body": "Lại"}),
        )
        .await;
    assert_eq!(banned.status, StatusCode::FORBIDDEN);
    let rejoin = spammer
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["a", "b"]}),
        )
        .await;
    assert_eq!(rejoin.code(), "banned");
    assert_eq!(
        spammer.get("/api/notifications").await.body[0]["kind"],
        "post_removed"
    );
}
