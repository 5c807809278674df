//! Branches of a commune, run by the commune's cadres (and those above): renamed, merged with
//! everything that points to them, removed when empty; each change in the commune's log.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, GIA_LAM_UNIT, HA_NOI_UNIT};

#[tokio::test]
async fn the_communes_cadre_renames_merges_and_removes_branches_and_nothing_is_lost() {
    let app = spawn_app().await;
    let mut commune = app.member("0912000102", "Lê Thị Gấm").await;
    let commune_id = app.user_id(&mut commune).await;
    hoi_server::db::units::add_admin(&app.state.db, GIA_LAM_UNIT, commune_id)
        .await
        .unwrap();
    let branch = |name: &str| json!({"name": name});
    let add = format!("/api/units/{GIA_LAM_UNIT}/branches");
    let east = commune.post(&add, branch("Chi hội thôn Đông")).await.body["id"]
        .as_i64()
        .unwrap();
    let west = commune.post(&add, branch("Chi hội thôn Tây")).await.body["id"]
        .as_i64()
        .unwrap();

    // The east branch has a group, a woman who chose it and a leader.
    let mut member = app.member("0987000031", "Hoa").await;
    let profile = member
        .put(
            "/api/me",
            json!({"display_name": "Hoa", "home_unit_id": east, "overseas": false, "hoi_member": false}),
        )
        .await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.body);
    let group = member
        .post(
            "/api/groups",
            json!({"unit_id": east, "name": "Chị em thôn Đông", "description": "", "rules": "", "questions": [], "privacy": "public"}),
        )
        .await;
    let group = group.body["summary"]["id"].as_i64().unwrap();
    let mut leader = app.member("0987000032", "Thảo").await;
    let named = commune
        .post(
            &format!("/api/units/{east}/people"),
            json!({"phone": "0987000032", "role": "cadre"}),
        )
        .await;
    assert_eq!(named.status, StatusCode::CREATED);

    // Renaming: not a member's, not the branch's own leader's, not a commune's name.
    let rename = format!("/api/units/{east}");
    assert_eq!(
        member.put(&rename, branch("Thôn mới")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        leader.put(&rename, branch("Thôn mới")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        commune
            .put(&format!("/api/units/{GIA_LAM_UNIT}"), branch("Xã mới"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(commune.put(&rename, branch(" ")).await.field("name"), "required");
    let renamed = commune.put(&rename, branch("Chi hội thôn Đông Dư")).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.body["name"], "Chi hội thôn Đông Dư");

    // A branch with a group is not removed: it is merged, into a sibling branch only.
    let removed = commune.delete(&rename).await;
    assert_eq!(removed.status, StatusCode::CONFLICT);
    assert_eq!(removed.body["code"], "branch_not_empty");
    let merge = format!("/api/units/{east}/merge");
    for into in [east, GIA_LAM_UNIT, HA_NOI_UNIT, 999_999] {
        let refused = commune.post(&merge, json!({"into": into})).await;
        assert_eq!(refused.field("into"), "unknown_unit", "into {into}");
    }
    assert_eq!(
        leader.post(&merge, json!({"into": west})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        commune.post(&merge, json!({"into": west})).await.status,
        StatusCode::NO_CONTENT
    );

    // Everything moved: the group, the woman's choice, the leader; the east branch is gone.
    assert_eq!(
        app.client().get(&format!("/api/units/{east}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        member.get(&format!("/api/groups/{group}")).await.body["summary"]["unit"]["id"],
        west
    );
    assert_eq!(member.get("/api/me").await.body["home_unit"]["id"], west);
    assert_eq!(leader.get("/api/me/units").await.body[0]["unit"]["id"], west);

    // An empty branch is removed.
    let empty = commune.post(&add, branch("Chi hội tạm")).await.body["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        commune.delete(&format!("/api/units/{empty}")).await.status,
        StatusCode::NO_CONTENT
    );
    let left: Vec<String> = commune
        .get(&format!("/api/units?parent={GIA_LAM_UNIT}"))
        .await
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .filter(|name| name.starts_with("Chi hội"))
        .collect();
    assert!(
        left.contains(&"Chi hội thôn Tây".to_owned())
            && !left.iter().any(|n| n.contains("Đông") || n.contains("tạm"))
    );

    // The commune's log has it all, the branch leader's naming included.
    let log: Vec<String> = commune
        .get(&format!("/api/units/{GIA_LAM_UNIT}/overview"))
        .await
        .body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["action"].as_str().unwrap(),
                c["detail"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        log,
        vec![
            "unit.branch_removed Chi hội tạm",
            "unit.branch_created Chi hội tạm",
            "unit.branch_merged Chi hội thôn Đông Dư → Chi hội thôn Tây",
            "unit.branch_renamed Chi hội thôn Đông → Chi hội thôn Đông Dư",
            "unit.cadre_named Thảo (…032)",
            "unit.branch_created Chi hội thôn Tây",
            "unit.branch_created Chi hội thôn Đông",
        ]
    );
}
