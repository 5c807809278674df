//! Two server instances on one PostgreSQL (issue 22): what a woman does through one, the phones
//! and browsers served by the other know at once. SQLite is one instance by design (its caches
//! and events stay in the process), so there these tests check nothing and say so.

use axum::{body::Body, http::Request, response::Response};
use hoi_server::db::Backend;
use serde_json::json;
use tower::ServiceExt;

use crate::{
    feed::next_event,
    helpers::{
        create_group, joined_member,
        photo_contests::{approve, contest_form, create_contest, enter, vote},
        second_instance, spawn_app, write_post, Client, TestApp,
    },
    photo_contests::next_tally,
};

/// Two instances on one database, or `None` (with a line in the test's output) on SQLite.
async fn two_instances() -> Option<(TestApp, TestApp)> {
    let a = spawn_app().await;
    if a.state.db.backend != Backend::Postgres {
        eprintln!("one instance on SQLite: run with HOI_TEST_DATABASE_URL=postgres://… to test two");
        return None;
    }
    let b = second_instance(&a).await;
    Some((a, b))
}

async fn open_events(app: &TestApp, client: &Client, last_seen: Option<&str>) -> Response {
    let mut request = Request::builder()
        .uri("/api/events")
        .header("cookie", client.cookie.clone().unwrap());
    if let Some(last) = last_seen {
        request = request.header("last-event-id", last);
    }
    app.router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

fn event_id(event: &str) -> String {
    event
        .lines()
        .find_map(|line| line.strip_prefix("id: "))
        .expect("an event id")
        .trim()
        .to_owned()
}

/// Asks `check` every 50 ms for up to 2 s: what one instance tells the other travels through the
/// database, so "at once" is a few milliseconds, not the session cache's minute.
async fn within_moments(mut check: impl AsyncFnMut() -> bool) -> bool {
    for _ in 0..40 {
        if check().await {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_post_on_one_instance_reaches_a_phone_listening_on_the_other_which_resumes_on_either() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let mut admin = a.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (lan, _) = joined_member(&a, &mut admin, group, "0987000001", "Lan").await;

    // Lan's phone listens on B; the admin posts through A.
    let mut on_b = open_events(&b, &lan, None).await.into_body();
    write_post(&mut admin, group, "Tin mới", "hoi_news").await;
    let event = next_event(&mut on_b).await;
    assert!(
        event.contains("event: post") && event.contains(&format!("data: {group}")),
        "{event}"
    );
    let seen = event_id(&event);
    drop(on_b);

    // Her phone is offline while two more posts go out; the admin's own phone on A hears them.
    let mut admins_phone = open_events(&a, &admin, None).await.into_body();
    write_post(&mut admin, group, "Tin thứ hai", "hoi_news").await;
    write_post(&mut admin, group, "Tin thứ ba", "hoi_news").await;
    // A may hand her phone the first post too, if it reached A after her phone opened: skip it.
    let mut heard = Vec::new();
    while heard.len() < 2 {
        let event = next_event(&mut admins_phone).await;
        if event_id(&event) != seen {
            heard.push(event);
        }
    }
    // She comes back through the other instance with the last id she saw: A gives her what
    // she missed, under the same ids.
    let mut on_a = open_events(&a, &lan, Some(&seen)).await.into_body();
    let replayed = [next_event(&mut on_a).await, next_event(&mut on_a).await];
    assert_eq!(
        replayed.iter().map(|e| event_id(e)).collect::<Vec<_>>(),
        heard.iter().map(|e| event_id(e)).collect::<Vec<_>>(),
        "{replayed:?}"
    );
}

#[tokio::test]
async fn a_logout_on_one_instance_is_refused_on_the_other_at_once() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let mut on_a = a.member("0987000001", "Lan").await;
    let mut on_b = on_a.on(&b);
    // B has checked her session, and would trust it for a minute.
    assert_eq!(on_b.get("/api/me").await.status, 200);
    assert_eq!(on_a.post("/api/auth/logout", json!({})).await.status, 204);
    assert!(
        within_moments(async || on_b.get("/api/me").await.status == 401).await,
        "B still took the session A revoked"
    );
}

#[tokio::test]
async fn a_post_on_one_instance_is_in_the_other_instances_cached_feed_at_once() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let mut admin = a.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    write_post(&mut admin, group, "Tin cũ", "hoi_news").await;
    // A visitor reads the public group's feed through B, which caches the page.
    let mut visitor = a.client().on(&b);
    let path = format!("/api/groups/{group}/posts");
    let count = |reply: crate::helpers::Reply| reply.body["items"].as_array().map_or(0, Vec::len);
    assert_eq!(count(visitor.get(&path).await), 1);
    assert_eq!(count(visitor.get(&path).await), 1);
    write_post(&mut admin, group, "Tin mới", "hoi_news").await;
    assert!(
        within_moments(async || count(visitor.get(&path).await) == 2).await,
        "B kept serving the page from before A's post"
    );
}

#[tokio::test]
async fn wrong_passwords_spread_over_both_instances_meet_one_limit() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    a.member("0912345678", "Lan").await;
    // A stranger alternates between the instances, as the load balancer sends her.
    let mut stranger = a.client();
    let mut clients = [stranger.clone(), stranger.on(&b)];
    let wrong = json!({"phone": "0912345678", "password": "sai mật khẩu"});
    for n in 0..5 {
        let reply = clients[n % 2].post("/api/auth/login", wrong.clone()).await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    // Three went to A and two to B: each alone is under the five allowed, together they are not.
    for client in [&mut stranger, &mut clients[1]] {
        let limited = client.post("/api/auth/login", wrong.clone()).await;
        assert_eq!(limited.status, 429, "{}", limited.body);
        assert_eq!(limited.body["retry_after_minutes"], 15);
    }
}

/// A group on A with its admin and `n` members, each signed in on A.
async fn group_with_members(a: &TestApp, n: usize) -> (Client, i64, Vec<Client>) {
    let mut admin = a.member("0912000001", "Trần Thị Hoa").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let mut members = Vec::new();
    for k in 0..n {
        let phone = format!("09870000{k:02}");
        members.push(joined_member(a, &mut admin, group, &phone, "Hội viên").await.0);
    }
    (admin, group, members)
}

/// A contest with live counts in a group of `n` members on `app`, and the first member's entry,
/// approved: `(contest, entry, members)`.
async fn contest_with_an_entry(app: &TestApp, n: usize) -> (i64, i64, Vec<Client>) {
    let (mut admin, group, mut members) = group_with_members(app, n).await;
    let rules = json!({"judge_weight": 0, "criteria": [], "judge_phones": []});
    let contest = create_contest(&mut admin, contest_form(group, rules)).await;
    let entry = enter(&mut members[0], contest, "Áo dài đỏ").await;
    approve(&mut admin, entry).await;
    (contest, entry, members)
}

#[tokio::test]
async fn a_vote_on_one_instance_moves_the_live_tally_on_the_other() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let (contest, entry, mut members) = contest_with_an_entry(&a, 3).await;
    // The contest's page is open on a phone served by B; the votes go through A.
    let request = Request::get(format!("/api/photo-contests/{contest}/tally"))
        .body(Body::empty())
        .unwrap();
    let mut on_b = b.router.clone().oneshot(request).await.unwrap().into_body();
    assert_eq!(next_tally(&mut on_b).await, json!({"counts": [[entry, 0]]}));
    vote(&mut members[1], entry).await;
    vote(&mut members[2], entry).await;
    let mut latest = next_tally(&mut on_b).await;
    if latest["counts"][0][1] != 2 {
        latest = next_tally(&mut on_b).await;
    }
    assert_eq!(latest, json!({"counts": [[entry, 2]]}));
}

/// A contest on A under the per-day rule with `votes_per_day`, `count` approved entries (one per
/// member), and one more member to vote: `(contest, entries, voter)`.
async fn per_day_contest(a: &TestApp, votes_per_day: u32, count: usize) -> (i64, Vec<i64>, Client) {
    let (mut admin, group, mut members) = group_with_members(a, count + 1).await;
    let rules = json!({"vote_rule": "per_day", "votes_per_day": votes_per_day,
                       "judge_weight": 0, "criteria": [], "judge_phones": []});
    let contest = create_contest(&mut admin, contest_form(group, rules)).await;
    let voter = members.pop().expect("a voter");
    let mut entries = Vec::new();
    for (k, member) in members.iter_mut().enumerate() {
        let entry = enter(member, contest, &format!("Ảnh {k}")).await;
        approve(&mut admin, entry).await;
        entries.push(entry);
    }
    (contest, entries, voter)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_twenty_simultaneous_votes_for_her_last_vote_of_the_day_split_over_both_instances_one_counts() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let (contest, entries, mut voter) = per_day_contest(&a, 2, 3).await;
    // She is the only voter.
    assert_eq!(vote(&mut voter, entries[0]).await.0, 201);
    // One vote left today. Her twenty taps for the two other entries reach both instances at once.
    let taps = (0..20).map(|n| {
        let mut client = if n % 2 == 0 { voter.clone() } else { voter.on(&b) };
        let entry = entries[1 + n % 4 / 2];
        async move { vote(&mut client, entry).await.0 }
    });
    // Each tap on a thread of its own, as requests arrive at two processes.
    let answers: Vec<_> = futures_util::future::join_all(taps.map(tokio::spawn))
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photo_contest_votes WHERE contest_id = $1")
        .bind(contest)
        .fetch_one(&a.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        stored, 2,
        "her first vote and exactly one of the twenty: {answers:?}"
    );
    let refused = answers.iter().filter(|status| **status == 409).count();
    assert!(refused >= 9, "the other entry's taps are refused: {answers:?}");
    assert!(
        answers
            .iter()
            .all(|status| [200, 201, 409].contains(&status.as_u16())),
        "{answers:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_vote_writers_deciding_her_last_vote_at_the_same_moment_count_one() {
    use hoi_server::db::photo_contest_votes::{write_batch, Ballot, Verdict};
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let (contest, entries, mut voter) = per_day_contest(&a, 1, 2).await;
    let voter = a.user_id(&mut voter).await;
    let ballot = |entry: i64, day: i64| Ballot {
        contest_id: contest,
        entry_id: entry,
        voter_id: voter,
        day,
        cap: Some(1),
        members_of: None,
        address: "1.2.3.4".into(),
        at_ms: 0,
    };
    // Ten days, each her only vote of the day asked of both writers at once, for two entries.
    for day in 1..=10 {
        let (first, second) = ([ballot(entries[0], day)], [ballot(entries[1], day)]);
        let (on_a, on_b) = tokio::join!(
            write_batch(&a.state.db, &first),
            write_batch(&b.state.db, &second)
        );
        let verdicts = [on_a.unwrap().0[0], on_b.unwrap().0[0]];
        let counted = verdicts
            .iter()
            .filter(|v| matches!(v, Verdict::Counted { .. }))
            .count();
        assert_eq!(counted, 1, "day {day}: {verdicts:?}");
        assert!(
            verdicts.contains(&Verdict::LimitReached),
            "day {day}: {verdicts:?}"
        );
    }
}

/// The rest of a streaming body as text, until it ends (5 s at most).
async fn rest_of(body: &mut Body) -> String {
    use http_body_util::BodyExt;
    let mut text = String::new();
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .expect("the stream ends within 5 s")
        {
            Some(frame) => {
                if let Ok(data) = frame.expect("a frame").into_data() {
                    text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            None => return text,
        }
    }
}

/// On either backend: a rolling restart stops one instance, whose open streams must end (the
/// server would otherwise wait on them forever) and send the phones to another soon.
#[tokio::test]
async fn a_stopping_instance_ends_its_streams_telling_phones_to_come_back_in_half_a_second() {
    let app = spawn_app().await;
    let (contest, entry, members) = contest_with_an_entry(&app, 2).await;
    let mut events = open_events(&app, &members[1], None).await.into_body();
    let tally = Request::get(format!("/api/photo-contests/{contest}/tally"))
        .body(Body::empty())
        .unwrap();
    let mut tally = app.router.clone().oneshot(tally).await.unwrap().into_body();
    assert_eq!(next_tally(&mut tally).await, json!({"counts": [[entry, 0]]}));

    app.state.stopping.stop();
    for body in [&mut events, &mut tally] {
        let rest = rest_of(body).await;
        assert!(rest.contains("retry: 500"), "{rest:?}");
    }
}
