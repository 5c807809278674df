//! Photo contests: entries wait for approval, a vote counts once whatever the taps, retries and
//! devices, voided votes stop counting, and at the close the ranking follows the weights and is
//! announced as a pinned post.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::helpers::photo_contests::{approve, at, contest_form, create_contest, enter, jpeg, vote};
use crate::helpers::{create_group, joined_member, spawn_app, Client, TestApp};

struct Setting {
    app: TestApp,
    admin: Client,
    judge: Client,
    group: i64,
    members: Vec<Client>,
}

/// A group with its admin, a judge (not a member) and four members.
async fn setting() -> Setting {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Trần Thị Hoa").await;
    let judge = app.member("0912000009", "Lê Thị Giám Khảo").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let mut members = Vec::new();
    for (phone, name) in [
        ("0987000001", "Nguyễn Thị Lan"),
        ("0987000002", "Phạm Thị Mai"),
        ("0987000003", "Đỗ Thị Cúc"),
        ("0987000004", "Vũ Thị Đào"),
    ] {
        members.push(joined_member(&app, &mut admin, group, phone, name).await.0);
    }
    Setting {
        app,
        admin,
        judge,
        group,
        members,
    }
}

/// Valid vote rows for an entry, counted straight from the table.
async fn rows(app: &TestApp, entry: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM photo_contest_votes WHERE entry_id = $1 AND voided_at IS NULL")
        .bind(entry)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The count the server shows for an entry, checked against the rows.
async fn shown_votes(app: &TestApp, client: &mut Client, entry: i64) -> i64 {
    let shown = client
        .get(&format!("/api/photo-contest-entries/{entry}"))
        .await
        .body["votes"]
        .as_i64()
        .expect("votes shown");
    assert_eq!(shown, rows(app, entry).await, "the count is the rows");
    shown
}

#[tokio::test]
async fn a_contest_runs_from_entries_to_an_announced_ranking_that_follows_the_weights() {
    let Setting {
        app,
        mut admin,
        mut judge,
        group,
        mut members,
    } = setting().await;
    let contest = create_contest(&mut admin, contest_form(group, json!({}))).await;
    let lan = enter(&mut members[0], contest, "Áo dài mẹ may").await;
    let mai = enter(&mut members[1], contest, "Áo dài ngày đi học").await;

    // Waiting entries are not in the gallery, their photos not public, and they take no votes.
    let mut outsider = app.member("0977000001", "Người ngoài").await;
    let page = outsider.get(&format!("/api/photo-contests/{contest}")).await.body;
    assert_eq!(page["gallery"].as_array().unwrap().len(), 0);
    let entry = members[0]
        .get(&format!("/api/photo-contest-entries/{lan}"))
        .await
        .body;
    let photo = entry["photos"][0]["id"].as_i64().unwrap();
    assert_eq!(
        outsider.get_bytes(&format!("/api/photos/{photo}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(vote(&mut members[2], lan).await.0, StatusCode::NOT_FOUND);
    // A second entry is over her quota.
    let again = members[0]
        .post_bytes(
            &format!("/api/photo-contests/{contest}/photos"),
            jpeg(),
            "image/jpeg",
        )
        .await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::CONFLICT, "no_entries_left")
    );

    approve(&mut admin, lan).await;
    approve(&mut admin, mai).await;
    assert_eq!(
        outsider.get_bytes(&format!("/api/photos/{photo}")).await.0,
        StatusCode::OK
    );
    let page = outsider.get(&format!("/api/photo-contests/{contest}")).await.body;
    assert_eq!(page["gallery"].as_array().unwrap().len(), 2);
    assert_eq!(page["may_vote"], false, "she is not in the group");
    let refused = outsider
        .post(&format!("/api/photo-contest-entries/{lan}/vote"), json!({}))
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "not_eligible")
    );

    // Three members vote for Lan; the count each sees includes her vote at once. Cúc taps twice.
    for (i, expected) in [(1, 1), (2, 2), (3, 3)] {
        let (status, body) = vote(&mut members[i], lan).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(
            (body["counted"].as_bool(), body["votes"].as_i64()),
            (Some(true), Some(expected))
        );
    }
    let (status, body) = vote(&mut members[2], lan).await;
    assert_eq!(status, StatusCode::OK, "a second tap is not an error");
    assert_eq!(
        (body["counted"].as_bool(), body["votes"].as_i64()),
        (Some(false), Some(3))
    );
    vote(&mut members[0], mai).await;
    assert_eq!(shown_votes(&app, &mut outsider, lan).await, 3);
    assert_eq!(shown_votes(&app, &mut outsider, mai).await, 1);
    let page = members[2]
        .get(&format!("/api/photo-contests/{contest}"))
        .await
        .body;
    let voted: Vec<bool> = page["gallery"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["voted"] == true)
        .collect();
    assert_eq!(
        voted,
        [false, true],
        "newest first, Mai's then Lan's: she voted for Lan only"
    );

    // Results are the insiders' until the close.
    assert_eq!(
        outsider
            .get(&format!("/api/photo-contests/{contest}/results"))
            .await
            .code(),
        "results_hidden"
    );
    let not_judge = members[0]
        .put(
            &format!("/api/photo-contest-entries/{mai}/score"),
            json!({"scores": [10, 10]}),
        )
        .await;
    assert_eq!(not_judge.code(), "not_a_judge");
    let over = judge
        .put(
            &format!("/api/photo-contest-entries/{mai}/score"),
            json!({"scores": [11, 10]}),
        )
        .await;
    assert_eq!(
        (over.status, over.field("scores.0")),
        (StatusCode::UNPROCESSABLE_ENTITY, "out_of_range")
    );
    // Judges prefer Mai: 20/20 against 10/20. At 70/30: Mai 0.7×100 + 0.3×33.33 = 80;
    // Lan 0.7×50 + 0.3×100 = 65. Mai wins despite fewer votes.
    for (entry, scores) in [(mai, [10, 10]), (lan, [5, 5])] {
        let reply = judge
            .put(
                &format!("/api/photo-contest-entries/{entry}/score"),
                json!({"scores": scores}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    }
    let sheet = judge
        .get(&format!("/api/photo-contests/{contest}/judging"))
        .await
        .body;
    assert_eq!(sheet["entries"].as_array().unwrap().len(), 2);

    assert_eq!(
        admin
            .post(&format!("/api/photo-contests/{contest}/close"), json!({}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let late = vote(&mut members[3], mai).await;
    assert_eq!(late.1["code"], "voting_closed");
    // The results are worked out once the few seconds' grace after the close has passed.
    sqlx::query("UPDATE photo_contests SET voting_close_at = voting_close_at - 10 WHERE id = $1")
        .bind(contest)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let results = outsider
        .get(&format!("/api/photo-contests/{contest}/results"))
        .await
        .body;
    assert_eq!(results["final_results"], true, "{results}");
    let order: Vec<(i64, i64, f64)> = results["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["entry_id"].as_i64().unwrap(),
                r["rank"].as_i64().unwrap(),
                r["total"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(order, [(mai, 1, 80.0), (lan, 2, 65.0)]);
    assert_eq!(
        outsider
            .get(&format!("/api/photo-contest-entries/{mai}"))
            .await
            .body["rank"],
        1
    );

    // Announced once, pinned in the group's feed.
    let post = results["announcement_post_id"].as_i64().expect("announced");
    let feed = members[0].get(&format!("/api/groups/{group}/posts")).await.body;
    let top = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(feed["top"].as_array().into_iter().flatten())
        .find(|p| p["id"] == post)
        .expect("the announcement is in the feed")
        .clone();
    let body = top["body"].as_str().unwrap();
    assert!(
        body.contains("Hạng 1: \"Áo dài ngày đi học\" của chị Phạm Thị Mai, 80 điểm (1 lượt bình chọn)"),
        "{body}"
    );
    let again = outsider
        .get(&format!("/api/photo-contests/{contest}/results"))
        .await
        .body;
    assert_eq!(again["announcement_post_id"], post);

    // The export carries the same ranking.
    let csv = admin
        .get(&format!(
            "/api/photo-contests/{contest}/results/export?format=csv"
        ))
        .await;
    let text = csv.body.as_str().unwrap().to_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Điểm tổng"), "{text}");
    assert!(
        lines[1].starts_with("1,Áo dài ngày đi học,Phạm Thị Mai,100,1,33.33,80"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("2,Áo dài mẹ may,Nguyễn Thị Lan,50,3,100,65"),
        "{text}"
    );
    assert_eq!(
        members[0]
            .get(&format!("/api/photo-contests/{contest}/results/export"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn simultaneous_votes_from_two_phones_and_retries_count_once() {
    let Setting {
        app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let contest = create_contest(
        &mut admin,
        contest_form(
            group,
            json!({"judge_weight": 0, "criteria": [], "judge_phones": []}),
        ),
    )
    .await;
    let entry = enter(&mut members[0], contest, "Áo dài xanh").await;
    approve(&mut admin, entry).await;
    // Her phone and her tablet (the same account), each tapping ten times at once.
    let phone = members[1].clone();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let mut device = phone.clone();
            tokio::spawn(async move { vote(&mut device, entry).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap().0);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CREATED).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 19);
    assert_eq!(rows(&app, entry).await, 1);
    assert_eq!(shown_votes(&app, &mut members[2], entry).await, 1);
}

#[tokio::test]
async fn the_per_day_rule_caps_her_votes_and_gives_new_ones_the_next_day() {
    let Setting {
        app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let form = contest_form(
        group,
        json!({"vote_rule": "per_day", "votes_per_day": 2, "judge_weight": 0, "criteria": [], "judge_phones": []}),
    );
    let contest = create_contest(&mut admin, form).await;
    let mut entries = Vec::new();
    for (i, title) in ["Một", "Hai", "Ba"].iter().enumerate() {
        let entry = enter(&mut members[i], contest, title).await;
        approve(&mut admin, entry).await;
        entries.push(entry);
    }
    let voter = &mut members[3];
    let (status, first) = vote(voter, entries[0]).await;
    assert_eq!(
        (status, first["votes_left_today"].as_i64()),
        (StatusCode::CREATED, Some(1))
    );
    assert_eq!(
        vote(voter, entries[0]).await.0,
        StatusCode::OK,
        "one vote per entry a day"
    );
    let (_, second) = vote(voter, entries[1]).await;
    assert_eq!(second["votes_left_today"], 0);
    let (status, third) = vote(voter, entries[2]).await;
    assert_eq!(
        (status, third["code"].as_str()),
        (StatusCode::CONFLICT, Some("vote_limit_reached"))
    );
    let page = voter.get(&format!("/api/photo-contests/{contest}")).await.body;
    assert_eq!(page["votes_left_today"], 0);

    // Yesterday's votes: move them back a day. Today she has two again, for the same entries too.
    sqlx::query("UPDATE photo_contest_votes SET day = day - 1 WHERE contest_id = $1")
        .bind(contest)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(vote(voter, entries[2]).await.0, StatusCode::CREATED);
    assert_eq!(vote(voter, entries[0]).await.0, StatusCode::CREATED);
    assert_eq!(rows(&app, entries[0]).await, 2);
    assert_eq!(shown_votes(&app, &mut admin, entries[0]).await, 2);
}

#[tokio::test]
async fn signals_flag_new_accounts_and_shared_addresses_and_voided_votes_stop_counting() {
    let Setting {
        app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let form = contest_form(
        group,
        json!({"who_votes": "anyone", "judge_weight": 0, "criteria": [], "judge_phones": []}),
    );
    let contest = create_contest(&mut admin, form).await;
    let entry = enter(&mut members[0], contest, "Áo dài hồng").await;
    approve(&mut admin, entry).await;
    // Three accounts made after the contest opened, voting from one address.
    for n in 1..=3 {
        let mut fresh = app
            .member(&format!("09660000{n:02}"), &format!("Tài khoản mới {n}"))
            .await;
        fresh.address = "203.0.113.7".into();
        assert_eq!(vote(&mut fresh, entry).await.0, StatusCode::CREATED);
    }
    assert_eq!(
        members[1]
            .get(&format!("/api/photo-contests/{contest}/signals"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let signals = admin
        .get(&format!("/api/photo-contests/{contest}/signals"))
        .await
        .body;
    let flagged = &signals["entries"][0];
    assert_eq!(
        (
            flagged["votes"].as_i64(),
            flagged["new_accounts"].as_i64(),
            flagged["most_from_one_address"].as_i64()
        ),
        (Some(3), Some(3), Some(3))
    );
    assert_eq!(flagged["flagged"], true);
    let votes = signals["votes"].as_array().unwrap();
    assert_eq!(votes.len(), 3);
    assert!(votes
        .iter()
        .all(|v| v["shared_address"] == 2 && v["new_account"] == true));
    assert!(
        votes[0]["voter_phone"].as_str().unwrap().contains("***"),
        "phones are masked"
    );

    let no_reason = admin
        .post(
            &format!("/api/photo-contests/{contest}/votes/void"),
            json!({"vote_ids": [votes[0]["id"]], "reason": " "}),
        )
        .await;
    assert_eq!(no_reason.field("reason"), "required");
    let ids: Vec<Value> = votes.iter().take(2).map(|v| v["id"].clone()).collect();
    let voided = admin
        .post(
            &format!("/api/photo-contests/{contest}/votes/void"),
            json!({"vote_ids": ids, "reason": "Tài khoản lập hàng loạt từ một máy"}),
        )
        .await;
    assert_eq!(voided.body["voided"], 2, "{}", voided.body);
    // Voiding twice changes nothing.
    let again = admin
        .post(
            &format!("/api/photo-contests/{contest}/votes/void"),
            json!({"vote_ids": ids, "reason": "Lần nữa"}),
        )
        .await;
    assert_eq!(again.body["voided"], 0);
    assert_eq!(shown_votes(&app, &mut admin, entry).await, 1);
    let signals = admin
        .get(&format!("/api/photo-contests/{contest}/signals"))
        .await
        .body;
    assert_eq!(signals["entries"][0]["voided"], 2);
    let log = admin
        .get(&format!("/api/groups/{group}/audit"))
        .await
        .body
        .to_string();
    assert!(log.contains("votes_voided"), "{log}");
}

#[tokio::test]
async fn bad_input_and_wrong_moments_get_clear_codes() {
    let Setting {
        app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let broken = contest_form(
        group,
        json!({"title": "", "voting_close_at": at(60), "judge_phones": ["0900000000", "12"], "entries_per_member": 9}),
    );
    let reply = admin.post("/api/photo-contests", broken).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.field("title"), "required");
    assert_eq!(reply.field("voting_close_at"), "voting_ends_before_entries");
    assert_eq!(reply.field("judge_phones.1"), "invalid_phone");
    assert_eq!(reply.field("entries_per_member"), "out_of_range");
    let unknown_judge = admin
        .post(
            "/api/photo-contests",
            contest_form(group, json!({"judge_phones": ["0900000000"]})),
        )
        .await;
    assert_eq!(unknown_judge.field("judge_phones.0"), "account_not_found");
    let not_admin = members[0]
        .post("/api/photo-contests", contest_form(group, json!({})))
        .await;
    assert_eq!(not_admin.field("group_id"), "forbidden");

    // Entries open tomorrow; voting hidden until the close.
    let later = contest_form(
        group,
        json!({"entries_open_at": at(60 * 24), "entries_close_at": at(60 * 48), "voting_open_at": at(60 * 24),
               "live_results": false}),
    );
    let contest = create_contest(&mut admin, later).await;
    let early = members[0]
        .post_bytes(
            &format!("/api/photo-contests/{contest}/photos"),
            jpeg(),
            "image/jpeg",
        )
        .await;
    assert_eq!(
        (early.status, early.code()),
        (StatusCode::CONFLICT, "entries_closed")
    );

    let open = create_contest(&mut admin, contest_form(group, json!({"live_results": false}))).await;
    let empty = members[0]
        .post(
            &format!("/api/photo-contests/{open}/entries"),
            json!({"title": "Ảnh", "story": "", "photo_ids": []}),
        )
        .await;
    assert_eq!(empty.field("photos"), "required");
    let not_hers = members[1]
        .post(
            &format!("/api/photo-contests/{open}/entries"),
            json!({"title": "Ảnh", "story": "", "photo_ids": [999]}),
        )
        .await;
    assert_eq!(not_hers.field("photos"), "unknown_photo");
    let entry = enter(&mut members[0], open, "Áo dài tím").await;
    let reject = admin
        .post(
            &format!("/api/photo-contest-entries/{entry}/decision"),
            json!({"approve": false, "reason": ""}),
        )
        .await;
    assert_eq!(reject.field("reason"), "required");
    let rejected = admin
        .post(
            &format!("/api/photo-contest-entries/{entry}/decision"),
            json!({"approve": false, "reason": "Ảnh bị mờ, chị gửi ảnh rõ hơn nhé."}),
        )
        .await;
    assert_eq!(rejected.body["status"], "rejected");
    let seen = members[0]
        .get(&format!("/api/photo-contest-entries/{entry}"))
        .await
        .body;
    assert_eq!(
        seen["reason"], "Ảnh bị mờ, chị gửi ảnh rõ hơn nhé.",
        "the entrant reads why"
    );
    assert_eq!(
        members[1]
            .get(&format!("/api/photo-contest-entries/{entry}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A rejected entry does not use up her quota.
    let second = enter(&mut members[0], open, "Áo dài tím, ảnh rõ").await;
    approve(&mut admin, second).await;
    let (status, hidden) = vote(&mut members[1], second).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(hidden["votes"].is_null(), "counts stay hidden: {hidden}");
    assert!(members[1]
        .get(&format!("/api/photo-contest-entries/{second}"))
        .await
        .body["votes"]
        .is_null());
    assert_eq!(
        members[1]
            .get(&format!("/api/photo-contests/{open}/tally"))
            .await
            .code(),
        "results_hidden"
    );
    assert_eq!(
        shown_votes(&app, &mut admin, second).await,
        1,
        "admins see counts"
    );
    assert_eq!(
        members[1]
            .post("/api/photo-contest-entries/abc/vote", json!({}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Reads the next `tally` event's data from an event stream.
pub(crate) async fn next_tally(body: &mut Body) -> Value {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")
            .expect("the stream stays open")
            .expect("a frame");
        if let Some(data) = frame.data_ref() {
            text.push_str(&String::from_utf8_lossy(data));
        }
        if let Some(end) = text.find("\n\n") {
            let event = text[..end].to_owned();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                return serde_json::from_str(data).expect("JSON data");
            }
            text = text[end + 2..].to_owned();
        }
    }
}

#[tokio::test]
async fn the_live_tally_starts_with_every_count_and_follows_the_votes() {
    let Setting {
        app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let contest = create_contest(
        &mut admin,
        contest_form(
            group,
            json!({"judge_weight": 0, "criteria": [], "judge_phones": []}),
        ),
    )
    .await;
    let entry = enter(&mut members[0], contest, "Áo dài đỏ").await;
    approve(&mut admin, entry).await;
    vote(&mut members[1], entry).await;
    let response = app
        .router
        .clone()
        .oneshot(
            Request::get(format!("/api/photo-contests/{contest}/tally"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut body = response.into_body();
    assert_eq!(next_tally(&mut body).await, json!({"counts": [[entry, 1]]}));
    vote(&mut members[2], entry).await;
    vote(&mut members[3], entry).await;
    // Both votes arrive in the same half-second: one event with the latest count, or two.
    let mut latest = next_tally(&mut body).await;
    if latest["counts"][0][1] != 3 {
        latest = next_tally(&mut body).await;
    }
    assert_eq!(latest, json!({"counts": [[entry, 3]]}));
}

#[tokio::test]
async fn an_admin_edits_her_contest_but_not_its_vote_rule_once_votes_are_in() {
    let Setting {
        app: _app,
        mut admin,
        group,
        mut members,
        ..
    } = setting().await;
    let contest = create_contest(&mut admin, contest_form(group, json!({}))).await;
    let mut form = admin
        .get(&format!("/api/photo-contests/{contest}/form"))
        .await
        .body;
    assert_eq!(form["judge_phones"], json!(["0912 000 009"]), "{form}");
    form["title"] = json!("Duyên dáng áo dài 2026");
    let edited = admin
        .put(&format!("/api/photo-contests/{contest}"), form.clone())
        .await;
    assert_eq!(
        (edited.status, edited.body["title"].as_str()),
        (StatusCode::OK, Some("Duyên dáng áo dài 2026"))
    );
    assert_eq!(
        members[1]
            .put(&format!("/api/photo-contests/{contest}"), form.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let entry = enter(&mut members[0], contest, "Áo dài xanh").await;
    approve(&mut admin, entry).await;
    assert_eq!(vote(&mut members[1], entry).await.0, StatusCode::CREATED);
    form["vote_rule"] = json!("per_day");
    form["votes_per_day"] = json!(3);
    let refused = admin.put(&format!("/api/photo-contests/{contest}"), form).await;
    assert_eq!(
        (refused.status, refused.field("vote_rule")),
        (StatusCode::CONFLICT, "conflict")
    );
}
