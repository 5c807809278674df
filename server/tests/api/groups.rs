use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{create_group, joined_member, spawn_app, write_post, GIA_LAM_UNIT, HA_NOI_UNIT};

#[tokio::test]
async fn the_creator_of_a_group_is_its_admin() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut admin, "Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày").await;
    let group = admin.get(&format!("/api/groups/{id}")).await;
    assert_eq!(group.body["summary"]["me"]["role"], "admin");
    assert_eq!(group.body["summary"]["member_count"], 1);
    assert_eq!(group.body["board"][0]["display_name"], "Hương");
    assert_eq!(group.body["questions"].as_array().unwrap().len(), 2);
    assert_eq!(group.body["summary"]["unit"]["name"], "Xã Gia Lâm");
}

#[tokio::test]
async fn a_group_asks_at_most_three_questions_and_needs_a_commune() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let four = admin
        .post(
            "/api/groups",
            json!({"unit_id": GIA_LAM_UNIT, "name": "Nhóm", "description": "", "rules": "",
            "questions": ["1", "2", "3", "4"], "privacy": "public"}),
        )
        .await;
    assert_eq!(four.field("questions"), "too_many_questions");
    let central = admin
        .post("/api/groups", json!({"unit_id": 1, "name": "Nhóm", "description": "", "rules": "", "questions": [], "privacy": "public"}))
        .await;
    assert_eq!(central.field("unit_id"), "unknown_unit");
    assert_eq!(
        admin.get("/api/groups").await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn the_directory_finds_groups_by_name_or_commune_without_diacritics() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    create_group(&mut admin, "Phụ nữ khỏe đẹp").await;
    let mut anyone = app.client();
    for q in ["khoe%20dep", "gia%20lam", "Gia%20L%C3%A2m", "ha%20noi"] {
        let reply = anyone.get(&format!("/api/groups?q={q}")).await;
        assert_eq!(reply.body["items"].as_array().unwrap().len(), 1, "q={q}");
    }
    assert_eq!(
        anyone.get("/api/groups?q=da%20nang").await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn the_directory_pages_with_a_cursor() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    for n in 0..5 {
        create_group(&mut admin, &format!("Nhóm số {n}")).await;
    }
    let mut client = app.client();
    let first = client.get("/api/groups?limit=2").await;
    assert_eq!(first.body["items"].as_array().unwrap().len(), 2);
    let mut names: Vec<String> = Vec::new();
    let mut next = Some(String::new());
    while let Some(cursor) = next {
        let path = if cursor.is_empty() {
            "/api/groups?limit=2".to_owned()
        } else {
            format!("/api/groups?limit=2&cursor={cursor}")
        };
        let page = client.get(&path).await;
        names.extend(
            page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["name"].as_str().unwrap().to_owned()),
        );
        next = page.body["next"].as_str().map(str::to_owned);
    }
    assert_eq!(names, (0..5).map(|n| format!("Nhóm số {n}")).collect::<Vec<_>>());
    assert_eq!(
        client.get("/api/groups?cursor=abc").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn only_the_level_above_sets_the_verified_badge() {
    let app = spawn_app().await;
    let mut group_admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut group_admin, "Phụ nữ Gia Lâm").await;
    let refused = group_admin
        .put(&format!("/api/groups/{id}/verified"), json!({"verified": true}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut commune_admin = app.member("0987000001", "Xã").await;
    let commune_admin_id = app.user_id(&mut commune_admin).await;
    hoi_server::db::units::add_admin(&app.state.db, GIA_LAM_UNIT, commune_admin_id)
        .await
        .unwrap();
    let same_level = commune_admin
        .put(&format!("/api/groups/{id}/verified"), json!({"verified": true}))
        .await;
    assert_eq!(
        same_level.status,
        StatusCode::FORBIDDEN,
        "the commune's own admin is not the level above"
    );
    assert_eq!(
        group_admin.get(&format!("/api/groups/{id}")).await.body["summary"]["verified"],
        false
    );

    let mut city = app.member("0987654321", "Hà Nội").await;
    let city_id = app.user_id(&mut city).await;
    hoi_server::db::units::add_admin(&app.state.db, HA_NOI_UNIT, city_id)
        .await
        .unwrap();
    assert_eq!(
        city.put(&format!("/api/groups/{id}/verified"), json!({"verified": true}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        group_admin.get(&format!("/api/groups/{id}")).await.body["summary"]["verified"],
        true
    );
}

#[tokio::test]
async fn the_invite_qr_code_is_an_svg_for_the_group_page() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let reply = app.client().get(&format!("/api/groups/{id}/qr.svg")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "image/svg+xml");
    assert!(reply.body.as_str().unwrap().contains("<svg"));
    assert_eq!(
        app.client().get("/api/groups/999999/qr.svg").await.status,
        StatusCode::NOT_FOUND
    );
}

/// "Cài đặt nhóm": the body an admin sends, changed from what the group was created with.
fn settings(name: &str, privacy: &str, joining_paused: bool) -> serde_json::Value {
    json!({"name": name, "description": "Nhóm của chị em Gia Lâm", "rules": "Không quảng cáo",
           "questions": ["Chị ở thôn nào?"], "privacy": privacy, "joining_paused": joining_paused})
}

#[tokio::test]
async fn its_admin_edits_a_group_and_nobody_else_can() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut member, member_id) =
        crate::helpers::joined_member(&app, &mut admin, id, "0987000011", "Lan").await;
    let made_moderator = admin
        .put(
            &format!("/api/groups/{id}/members/{member_id}/role"),
            json!({"role": "moderator"}),
        )
        .await;
    assert_eq!(made_moderator.status, StatusCode::NO_CONTENT);
    let mut other_admin = app.member("0912345679", "Mai").await;
    let other = create_group(&mut other_admin, "Phụ nữ Thạch Bàn").await;

    // Its moderator, another group's admin, a visitor: refused, and the group is as it was.
    let path = format!("/api/groups/{id}");
    assert_eq!(
        member
            .put(&path, settings("Đổi tên", "closed", true))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other_admin
            .put(&path, settings("Đổi tên", "closed", true))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client()
            .put(&path, settings("Đổi tên", "closed", true))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        admin
            .put("/api/groups/999999", settings("Đổi tên", "closed", true))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let unchanged = admin.get(&path).await.body;
    assert_eq!(unchanged["summary"]["name"], "Phụ nữ Gia Lâm");
    assert_eq!(unchanged["summary"]["privacy"], "public");
    assert_eq!(unchanged["joining_paused"], false);
    assert_eq!(
        admin.get(&format!("/api/groups/{other}")).await.body["summary"]["name"],
        "Phụ nữ Thạch Bàn"
    );

    // Bad input: the shared rules' codes, field by field, and nothing changes.
    let bad = admin
        .put(
            &path,
            json!({"name": " ", "description": "x".repeat(5001), "rules": "", "questions": ["1", "2", "3", "4"],
                   "privacy": "public", "joining_paused": false}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.field("name"), "required");
    assert_eq!(bad.field("description"), "text_too_long");
    assert_eq!(bad.field("questions"), "too_many_questions");
    assert_eq!(admin.get(&path).await.body["summary"]["name"], "Phụ nữ Gia Lâm");

    // Its admin: everything she changed reads back, and the directory finds the new name.
    let saved = admin
        .put(&path, settings("  Chị em   Gia Lâm ", "closed", false))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let group = admin.get(&path).await.body;
    assert_eq!(group["summary"]["name"], "Chị em Gia Lâm");
    assert_eq!(group["summary"]["privacy"], "closed");
    assert_eq!(group["description"], "Nhóm của chị em Gia Lâm");
    assert_eq!(group["rules"], "Không quảng cáo");
    assert_eq!(group["questions"], json!(["Chị ở thôn nào?"]));
    let found = app.client().get("/api/groups?q=chi%20em").await.body;
    assert_eq!(found["items"][0]["id"], id);
}

#[tokio::test]
async fn a_group_closed_to_new_members_refuses_requests_until_it_opens_again() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let paused = admin
        .put(
            &format!("/api/groups/{id}"),
            settings("Phụ nữ Gia Lâm", "public", true),
        )
        .await;
    assert_eq!(paused.body["joining_paused"], true);

    let mut newcomer = app.member("0987000012", "Hoa").await;
    let join = format!("/api/groups/{id}/membership");
    let answers = json!({"answers": ["Thôn Đông"]});
    let refused = newcomer.post(&join, answers.clone()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.body["code"], "joining_paused");
    assert_eq!(
        admin.get(&format!("/api/groups/{id}/requests")).await.body,
        json!([])
    );

    admin
        .put(
            &format!("/api/groups/{id}"),
            settings("Phụ nữ Gia Lâm", "public", false),
        )
        .await;
    assert_eq!(newcomer.post(&join, answers).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_public_group_made_closed_stops_showing_its_posts_to_visitors_at_once() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    crate::helpers::write_post(&mut admin, id, "Lịch họp chi hội tuần sau", "hoi_news").await;
    let mut visitor = app.client();
    let posts = format!("/api/groups/{id}/posts");
    // Read twice, so the page is in the feed cache as a public group's page.
    for _ in 0..2 {
        let read = visitor.get(&posts).await;
        assert_eq!(read.status, StatusCode::OK);
        assert_eq!(read.body["items"].as_array().unwrap().len(), 1);
    }
    admin
        .put(
            &format!("/api/groups/{id}"),
            settings("Phụ nữ Gia Lâm", "closed", false),
        )
        .await;
    let after = visitor.get(&posts).await;
    assert_ne!(after.status, StatusCode::OK, "{}", after.body);
    assert!(after.status.is_client_error());
}

#[tokio::test]
async fn the_hoi_refuses_to_verify_a_group_with_a_reason_only_its_board_reads() {
    let app = spawn_app().await;
    let mut group_admin = app.member("0912345678", "Hương").await;
    let id = create_group(&mut group_admin, "Phụ nữ Gia Lâm").await;
    let mut city = app.member("0987654321", "Hà Nội").await;
    let city_id = app.user_id(&mut city).await;
    hoi_server::db::units::add_admin(&app.state.db, HA_NOI_UNIT, city_id)
        .await
        .unwrap();
    let verified = format!("/api/groups/{id}/verified");

    // Refusing needs a reason her admins can act on; a verification does not.
    let bare = city.put(&verified, json!({"verified": false})).await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bare.field("reason"), "required");
    let long = city
        .put(&verified, json!({"verified": false, "reason": "x".repeat(501)}))
        .await;
    assert_eq!(long.field("reason"), "text_too_long");
    let reason = "Tên nhóm giống nhóm của Hội xã; xin đổi tên và thêm nội quy.";
    let refused = city
        .put(&verified, json!({"verified": false, "reason": reason}))
        .await;
    assert_eq!(refused.status, StatusCode::NO_CONTENT);

    // Her admin reads the reason; anyone else sees only that it is not verified.
    let page = group_admin.get(&format!("/api/groups/{id}")).await.body;
    assert_eq!(page["verification_note"], reason);
    assert_eq!(page["summary"]["verified"], false);
    let visitor = app.client().get(&format!("/api/groups/{id}")).await.body;
    assert_eq!(visitor["verification_note"], serde_json::Value::Null);

    // The city lists it among the commune's groups it may verify, and verifies it.
    let unit = city
        .get(&format!("/api/units/{GIA_LAM_UNIT}/overview"))
        .await
        .body;
    assert_eq!(unit["verifiable"], json!([id]));
    assert_eq!(
        city.put(&verified, json!({"verified": true})).await.status,
        StatusCode::NO_CONTENT
    );
    let page = group_admin.get(&format!("/api/groups/{id}")).await.body;
    assert_eq!(page["summary"]["verified"], true);
    assert_eq!(page["verification_note"], serde_json::Value::Null);
}

#[tokio::test]
async fn an_archived_group_is_read_not_written_and_an_empty_one_can_be_deleted() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let post = write_post(&mut admin, group, "Chào các chị", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    let mut newcomer = app.member("0987000002", "Mai").await;

    // Only its admins end a group; one with posts is archived, not deleted.
    assert_eq!(
        lan.delete(&format!("/api/groups/{group}")).await.status,
        StatusCode::FORBIDDEN
    );
    let refused = admin.delete(&format!("/api/groups/{group}")).await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::CONFLICT, "group_in_use")
    );
    assert_eq!(
        lan.put(&format!("/api/groups/{group}/archive"), json!({"archived": true}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let archived = admin
        .put(&format!("/api/groups/{group}/archive"), json!({"archived": true}))
        .await;
    assert_eq!(archived.status, StatusCode::NO_CONTENT);

    // Read as before; nothing new in it, and nobody new joins.
    assert_eq!(
        lan.get(&format!("/api/groups/{group}")).await.body["archived"],
        true
    );
    assert_eq!(feed_len(&mut lan, group).await, 1);
    let write = lan
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "hoi_news", "body": "Còn ai không?"}),
        )
        .await;
    assert_eq!(
        (write.status, write.code()),
        (StatusCode::FORBIDDEN, "group_archived")
    );
    let comment = lan
        .post(
            &format!("/api/posts/{post}/comments"),
            json!({"body": "Chào chị"}),
        )
        .await;
    assert_eq!(comment.code(), "group_archived");
    let join = newcomer
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Gia Lâm", "Chưa"]}),
        )
        .await;
    assert_eq!(
        (join.status, join.code()),
        (StatusCode::CONFLICT, "group_archived")
    );
    // The directory no longer offers it; her own list keeps it.
    let found = newcomer.get("/api/groups?q=phu%20nu%20gia%20lam").await.body["items"].clone();
    assert_eq!(found, json!([]));
    let mine = lan.get("/api/groups?mine=true").await.body["items"].clone();
    assert_eq!(mine[0]["id"], group);

    // Opened again: she writes.
    admin
        .put(
            &format!("/api/groups/{group}/archive"),
            json!({"archived": false}),
        )
        .await;
    let written = lan
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "hoi_news", "body": "Chào"}),
        )
        .await;
    assert_eq!(written.status, StatusCode::CREATED, "{}", written.body);

    // A group made by mistake, where nothing happened, is deleted with its members.
    let empty = create_group(&mut admin, "Nhóm thử nhầm").await;
    assert_eq!(
        admin.delete(&format!("/api/groups/{empty}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin.get(&format!("/api/groups/{empty}")).await.status,
        StatusCode::NOT_FOUND
    );
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM group_days WHERE group_id = $1")
        .bind(empty)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "nothing of it stays in the report's tables");
}

async fn feed_len(client: &mut crate::helpers::Client, group: i64) -> usize {
    client.get(&format!("/api/groups/{group}/posts")).await.body["items"]
        .as_array()
        .map_or(0, Vec::len)
}
