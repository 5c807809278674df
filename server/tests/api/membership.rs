use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{create_group, spawn_app, Client, TestApp, GIA_LAM_UNIT};

/// A group whose board has an admin, a moderator and an advisor, and one pending request.
struct Board {
    group: i64,
    admin: Client,
    moderator: Client,
    advisor: Client,
    applicant: Client,
    applicant_id: i64,
}

/// The admin board approves her request.
async fn approve(admin: &mut Client, group: i64, user: i64) {
    let reply = admin
        .post(
            &format!("/api/groups/{group}/requests/{user}"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
}

async fn board(app: &TestApp) -> Board {
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let mut staff = Vec::new();
    for (phone, name, role) in [
        ("0912000002", "Mai", "moderator"),
        ("0912000003", "Thu", "advisor"),
    ] {
        let mut client = app.member(phone, name).await;
        let id = app.user_id(&mut client).await;
        client
            .post(
                &format!("/api/groups/{group}/membership"),
                json!({"answers": ["Gia Lâm", "Rồi"]}),
            )
            .await;
        approve(&mut admin, group, id).await;
        let set = admin
            .put(
                &format!("/api/groups/{group}/members/{id}/role"),
                json!({"role": role}),
            )
            .await;
        assert_eq!(set.status, StatusCode::NO_CONTENT);
        staff.push(client);
    }
    let mut applicant = app.member("0987000001", "Lan").await;
    let applicant_id = app.user_id(&mut applicant).await;
    applicant
        .put("/api/me", json!({"display_name": "Lan", "home_unit_id": GIA_LAM_UNIT, "overseas": false, "hoi_member": false}))
        .await;
    let asked = applicant
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Xã Gia Lâm", "Chưa ạ"]}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let advisor = staff.pop().unwrap();
    let moderator = staff.pop().unwrap();
    Board {
        group,
        admin,
        moderator,
        advisor,
        applicant,
        applicant_id,
    }
}

#[tokio::test]
async fn she_asks_to_join_and_an_admin_approves_her() {
    let app = spawn_app().await;
    let Board {
        group,
        mut admin,
        mut applicant,
        applicant_id,
        ..
    } = board(&app).await;
    assert_eq!(
        applicant.get(&format!("/api/groups/{group}")).await.body["summary"]["me"]["status"],
        "pending"
    );

    let queue = admin.get(&format!("/api/groups/{group}/requests")).await;
    let request = &queue.body[0];
    assert_eq!(request["display_name"], "Lan");
    assert_eq!(request["home_unit"]["name"], "Xã Gia Lâm");
    assert_eq!(request["hoi_member"], false);
    assert_eq!(request["answers"][0]["question"], "Chị ở xã nào?");
    assert_eq!(request["answers"][0]["answer"], "Xã Gia Lâm");

    let approve = admin
        .post(
            &format!("/api/groups/{group}/requests/{applicant_id}"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(approve.status, StatusCode::NO_CONTENT);
    let page = applicant.get(&format!("/api/groups/{group}")).await;
    assert_eq!(page.body["summary"]["me"]["status"], "active");
    assert_eq!(page.body["summary"]["member_count"], 4);
    let mine = applicant.get("/api/groups?mine=true").await;
    assert_eq!(mine.body["items"][0]["id"], group);
    assert!(admin
        .get(&format!("/api/groups/{group}/requests"))
        .await
        .body
        .as_array()
        .unwrap()
        .is_empty());
    let audit = hoi_server::db::audit::actions_for_group(&app.state.db, group)
        .await
        .unwrap();
    assert_eq!(audit[0], "membership.approved");
}

#[tokio::test]
async fn a_declined_request_shows_her_the_reason_and_she_may_ask_again() {
    let app = spawn_app().await;
    let Board {
        group,
        mut moderator,
        mut applicant,
        applicant_id,
        ..
    } = board(&app).await;
    let decline = moderator
        .post(
            &format!("/api/groups/{group}/requests/{applicant_id}"),
            json!({"approve": false, "reason": "Nhóm dành cho chị em Gia Lâm"}),
        )
        .await;
    assert_eq!(decline.status, StatusCode::NO_CONTENT);
    let me = &applicant.get(&format!("/api/groups/{group}")).await.body["summary"]["me"];
    assert_eq!(me["status"], "declined");
    assert_eq!(me["decline_reason"], "Nhóm dành cho chị em Gia Lâm");
    let again = applicant
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Gia Lâm", "Chưa"]}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
}

#[tokio::test]
async fn every_question_must_be_answered_and_nobody_asks_twice() {
    let app = spawn_app().await;
    let Board {
        group, mut applicant, ..
    } = board(&app).await;
    let twice = applicant
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["a", "b"]}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.code(), "request_pending");

    let mut other = app.member("0987000002", "Hoa").await;
    let missing = other
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Gia Lâm"]}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.field("answers.1"), "answer_required");
    assert!(
        other.get(&format!("/api/groups/{group}")).await.body["summary"]["me"].is_null(),
        "no request was recorded"
    );

    let anonymous = app
        .client()
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["a", "b"]}),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn members_and_outsiders_cannot_see_or_decide_the_queue() {
    let app = spawn_app().await;
    let Board {
        group,
        mut applicant,
        applicant_id,
        mut admin,
        ..
    } = board(&app).await;
    let mut outsider = app.member("0987000003", "Thảo").await;
    for client in [&mut applicant, &mut outsider] {
        assert_eq!(
            client.get(&format!("/api/groups/{group}/requests")).await.status,
            StatusCode::FORBIDDEN
        );
        let decide = client
            .post(
                &format!("/api/groups/{group}/requests/{applicant_id}"),
                json!({"approve": true}),
            )
            .await;
        assert_eq!(decide.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        admin
            .get(&format!("/api/groups/{group}/requests"))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1,
        "still pending"
    );
}

#[tokio::test]
async fn an_advisor_reads_the_queue_but_changes_nothing() {
    let app = spawn_app().await;
    let Board {
        group,
        mut advisor,
        mut applicant,
        applicant_id,
        ..
    } = board(&app).await;
    assert_eq!(
        advisor.get(&format!("/api/groups/{group}/requests")).await.status,
        StatusCode::OK
    );
    let writes = [
        advisor
            .post(
                &format!("/api/groups/{group}/requests/{applicant_id}"),
                json!({"approve": true}),
            )
            .await,
        advisor
            .put(
                &format!("/api/groups/{group}/members/{applicant_id}/role"),
                json!({"role": "admin"}),
            )
            .await,
        advisor
            .post(
                &format!("/api/groups/{group}/members/{applicant_id}/password-reset"),
                json!({}),
            )
            .await,
        advisor
            .put(
                &format!("/api/groups/{group}/verified"),
                json!({"verified": true}),
            )
            .await,
    ];
    for reply in writes {
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    }
    assert_eq!(
        applicant.get(&format!("/api/groups/{group}")).await.body["summary"]["me"]["status"],
        "pending"
    );
}

#[tokio::test]
async fn only_admins_change_roles_and_the_last_admin_cannot_step_down() {
    let app = spawn_app().await;
    let Board {
        group,
        mut admin,
        mut moderator,
        ..
    } = board(&app).await;
    let admin_id = app.user_id(&mut admin).await;
    let by_moderator = moderator
        .put(
            &format!("/api/groups/{group}/members/{admin_id}/role"),
            json!({"role": "member"}),
        )
        .await;
    assert_eq!(by_moderator.status, StatusCode::FORBIDDEN);
    let step_down = admin
        .put(
            &format!("/api/groups/{group}/members/{admin_id}/role"),
            json!({"role": "member"}),
        )
        .await;
    assert_eq!(step_down.status, StatusCode::CONFLICT);
    assert_eq!(
        admin
            .delete(&format!("/api/groups/{group}/membership"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        admin.get(&format!("/api/groups/{group}")).await.body["summary"]["me"]["role"],
        "admin"
    );
}

#[tokio::test]
async fn an_admin_resets_a_members_forgotten_password() {
    let app = spawn_app().await;
    let Board {
        group,
        mut admin,
        mut moderator,
        mut applicant,
        applicant_id,
        ..
    } = board(&app).await;
    let not_yet_member = admin
        .post(
            &format!("/api/groups/{group}/members/{applicant_id}/password-reset"),
            json!({}),
        )
        .await;
    assert_eq!(
        not_yet_member.status,
        StatusCode::FORBIDDEN,
        "only active members of her group"
    );
    approve(&mut admin, group, applicant_id).await;

    let by_moderator = moderator
        .post(
            &format!("/api/groups/{group}/members/{applicant_id}/password-reset"),
            json!({}),
        )
        .await;
    assert_eq!(by_moderator.status, StatusCode::FORBIDDEN);
    let reply = admin
        .post(
            &format!("/api/groups/{group}/members/{applicant_id}/password-reset"),
            json!({}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let temporary = reply.body["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(
        applicant.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED,
        "her old sessions end"
    );
    let login = app
        .client()
        .post(
            "/api/auth/login",
            json!({"phone": "0987000001", "password": temporary}),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
}

#[tokio::test]
async fn she_withdraws_her_request() {
    let app = spawn_app().await;
    let Board {
        group,
        mut applicant,
        mut admin,
        ..
    } = board(&app).await;
    assert_eq!(
        applicant
            .delete(&format!("/api/groups/{group}/membership"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert!(admin
        .get(&format!("/api/groups/{group}/requests"))
        .await
        .body
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_board_lists_members_with_their_roles_and_plain_members_cannot() {
    let app = spawn_app().await;
    let Board {
        group,
        mut admin,
        mut advisor,
        mut applicant,
        applicant_id,
        ..
    } = board(&app).await;
    approve(&mut admin, group, applicant_id).await;

    let list = advisor.get(&format!("/api/groups/{group}/members?limit=2")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
    let cursor = list.body["next"].as_str().expect("a second page").to_owned();
    let rest = advisor
        .get(&format!("/api/groups/{group}/members?limit=2&cursor={cursor}"))
        .await;
    let last = &rest.body["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["display_name"], "Lan");
    assert_eq!(last["role"], "member");
    assert_eq!(last["home_unit"]["name"], "Xã Gia Lâm");
    assert!(rest.body["next"].is_null());

    let refused = applicant.get(&format!("/api/groups/{group}/members")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
