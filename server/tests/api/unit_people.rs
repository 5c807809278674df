//! Cadres name cadres and advisors for their unit and the units below it, by phone; she can
//! decline; nobody names people above her own unit; every change is in the unit's log.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{
    create_group, join_approved, joined_member, spawn_app, Client, TestApp, GIA_LAM_UNIT, HA_NOI_UNIT,
};

/// A woman with an account, and her id.
async fn person(app: &TestApp, phone: &str, name: &str) -> (Client, i64) {
    let mut client = app.member(phone, name).await;
    let id = app.user_id(&mut client).await;
    (client, id)
}

#[tokio::test]
async fn a_city_cadre_names_a_commune_cadre_who_names_an_advisor_and_nobody_goes_above_her_unit() {
    let app = spawn_app().await;
    let (mut city, city_id) = person(&app, "0912000101", "Trần Thị Hà").await;
    hoi_server::db::units::add_admin(&app.state.db, HA_NOI_UNIT, city_id)
        .await
        .unwrap();
    let (mut commune, commune_id) = person(&app, "0912000102", "Lê Thị Gấm").await;
    let (mut adviser, adviser_id) = person(&app, "0912000103", "Phạm Thị Cúc").await;

    // Before she is named, the commune's page is not hers to read, and she names nobody.
    let page = format!("/api/units/{GIA_LAM_UNIT}/overview");
    assert_eq!(commune.get(&page).await.status, StatusCode::FORBIDDEN);
    let people = format!("/api/units/{GIA_LAM_UNIT}/people");
    let refused = commune
        .post(&people, json!({"phone": "0912000103", "role": "advisor"}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The city's cadre names her by phone, written the way people write it.
    let named = city
        .post(&people, json!({"phone": "0912 000 102", "role": "cadre"}))
        .await;
    assert_eq!(named.status, StatusCode::CREATED, "{}", named.body);
    assert_eq!(named.body["display_name"], "Lê Thị Gấm");
    assert_eq!(named.body["phone_tail"], "102");
    let again = city
        .post(&people, json!({"phone": "0912000102", "role": "cadre"}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // She is told: the unit is in her list; she runs its page and names an advisor.
    let mine = commune.get("/api/me/units").await.body;
    assert_eq!(
        mine,
        json!([{"unit": commune.get(&format!("/api/units/{GIA_LAM_UNIT}")).await.body, "role": "cadre"}])
    );
    let overview = commune.get(&page).await;
    assert_eq!(overview.status, StatusCode::OK, "{}", overview.body);
    assert_eq!(overview.body["can_manage"], true);
    assert_eq!(overview.body["above"][0]["name"], "Thành phố Hà Nội");
    let advisor = commune
        .post(&people, json!({"phone": "0912000103", "role": "advisor"}))
        .await;
    assert_eq!(advisor.status, StatusCode::CREATED, "{}", advisor.body);

    // The advisor reads the page and changes nothing.
    let read = adviser.get(&page).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["can_manage"], false);
    let people_now: Vec<(String, String)> = read.body["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["display_name"].as_str().unwrap().to_owned(),
                p["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        people_now,
        vec![
            ("Lê Thị Gấm".to_owned(), "cadre".to_owned()),
            ("Phạm Thị Cúc".to_owned(), "advisor".to_owned())
        ]
    );
    assert_eq!(
        adviser
            .post(&people, json!({"phone": "0912000101", "role": "cadre"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Nobody names people for the units above her own: not for the city, not herself.
    let city_people = format!("/api/units/{HA_NOI_UNIT}/people");
    let above = commune
        .post(&city_people, json!({"phone": "0912000102", "role": "cadre"}))
        .await;
    assert_eq!(above.status, StatusCode::FORBIDDEN);
    assert_eq!(
        commune.delete(&format!("{city_people}/{city_id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let city_page = city.get(&format!("/api/units/{HA_NOI_UNIT}/overview")).await.body;
    assert_eq!(city_page["people"].as_array().unwrap().len(), 1);

    // No account with that phone, or no phone: named on the field, nothing changes.
    let unknown = commune
        .post(&people, json!({"phone": "0912999999", "role": "cadre"}))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.field("phone"), "account_not_found");
    let bad = commune
        .post(&people, json!({"phone": "12", "role": "cadre"}))
        .await;
    assert_eq!(bad.field("phone"), "invalid_phone");
    let no_role = commune
        .post(&people, json!({"phone": "0912000103", "role": "boss"}))
        .await;
    assert!(no_role.status.is_client_error() && no_role.status != StatusCode::NOT_FOUND);

    // The advisor declines; the city's cadre takes the commune's cadre off. All in the log,
    // which the city reads on the commune's page.
    assert_eq!(
        adviser.delete(&format!("{people}/{adviser_id}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(adviser.get(&page).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        city.delete(&format!("{people}/{commune_id}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        city.delete(&format!("{people}/{commune_id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(commune.get(&page).await.status, StatusCode::FORBIDDEN);
    assert_eq!(commune.get("/api/me/units").await.body, json!([]));
    let log: Vec<String> = city.get(&page).await.body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["actor_name"].as_str().unwrap(),
                c["action"].as_str().unwrap(),
                c["detail"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        log,
        vec![
            "Trần Thị Hà unit.cadre_removed Lê Thị Gấm (…102)",
            "Phạm Thị Cúc unit.advisor_declined Phạm Thị Cúc (…103)",
            "Lê Thị Gấm unit.advisor_named Phạm Thị Cúc (…103)",
            "Trần Thị Hà unit.cadre_named Lê Thị Gấm (…102)",
        ]
    );
}

#[tokio::test]
async fn a_units_page_counts_each_woman_once_and_lists_its_unverified_groups_first() {
    let app = spawn_app().await;
    let (mut city, city_id) = person(&app, "0912000101", "Trần Thị Hà").await;
    hoi_server::db::units::add_admin(&app.state.db, HA_NOI_UNIT, city_id)
        .await
        .unwrap();
    let mut admin = app.member("0912345678", "Hương").await;
    let first = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let second = create_group(&mut admin, "Chị em Gia Lâm trồng rau").await;
    // One woman in both groups, another in one: three women with the admin.
    let (mut lan, _) = joined_member(&app, &mut admin, first, "0987000021", "Lan").await;
    let lan_id = app.user_id(&mut lan).await;
    join_approved(&mut admin, &mut lan, lan_id, second).await;
    joined_member(&app, &mut admin, second, "0987000022", "Mai").await;
    city.put(
        &format!("/api/groups/{first}/verified"),
        json!({"verified": true}),
    )
    .await;

    let page = city
        .get(&format!("/api/units/{GIA_LAM_UNIT}/overview"))
        .await
        .body;
    assert_eq!(page["members"], 3);
    let groups: Vec<(&str, bool)> = page["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["verified"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        groups,
        vec![("Chị em Gia Lâm trồng rau", false), ("Phụ nữ Gia Lâm", true)]
    );
    // The city counts the same women once too.
    assert_eq!(
        city.get(&format!("/api/units/{HA_NOI_UNIT}/overview")).await.body["members"],
        3
    );
}
