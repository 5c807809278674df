//! Quiz contests: the server keeps the key and the clock. Nothing a member receives while the quiz
//! is open holds a correct answer; late answers, late submissions and extra attempts are refused;
//! the ranking at the close follows the rules and the export carries it.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::quizzes::{answer, create_quiz, exec, questions, quiz_form, right_option, submit, take};
use crate::helpers::{create_group, joined_member, spawn_app, Client, TestApp, GIA_LAM_UNIT};

struct PhotoContest {
    app: TestApp,
    admin: Client,
    group: i64,
}

async fn contest() -> PhotoContest {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Trần Thị Hoa").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    PhotoContest { app, admin, group }
}

/// Every key anywhere in a JSON value.
fn keys(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if !inner.is_null() {
                    found.push(key.clone());
                }
                keys(inner, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys(i, found)),
        _ => {}
    }
}

/// Fails when a response carries any part of the answer key.
fn assert_no_key(what: &str, body: &Value) {
    let mut found = Vec::new();
    keys(body, &mut found);
    for forbidden in ["correct", "key", "explanation", "right"] {
        assert!(
            !found.iter().any(|k| k == forbidden),
            "{what} leaks {forbidden:?}: {body}"
        );
    }
    assert!(
        !body.to_string().contains("Giải thích"),
        "{what} leaks an explanation"
    );
}

/// Moves the close into the past, past the grace for answers in flight.
async fn close(app: &TestApp, quiz: i64) {
    let past = chrono::Utc::now().timestamp() - 10;
    exec(app, "UPDATE quizzes SET closes_at = $1 WHERE id = $2", past, quiz).await;
}

/// Moves an attempt's start and deadline `seconds` into the past.
async fn age(app: &TestApp, attempt: i64, seconds: i64) {
    exec(
        app,
        "UPDATE quiz_attempts SET started_ms = started_ms - $1, deadline_ms = deadline_ms - $1 WHERE id = $2",
        seconds * 1000,
        attempt,
    )
    .await;
}

#[tokio::test]
async fn a_quiz_is_checked_field_by_field_and_only_its_groups_admins_may_run_it() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let mut bad_questions = questions(2);
    bad_questions[1]["correct"] = json!([0, 1]);
    let reply = admin
        .post(
            "/api/quizzes",
            quiz_form(
                group,
                json!({"title": "", "minutes": 0, "draw": 9, "questions": bad_questions}),
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, code) in [
        ("title", "required"),
        ("minutes", "out_of_range"),
        ("draw", "out_of_range"),
        ("questions.1.correct", "correct_option_required"),
    ] {
        assert_eq!(reply.field(field), code, "{field}: {}", reply.body);
    }
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let reply = lan.post("/api/quizzes", quiz_form(group, json!({}))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.field("audience"), "forbidden");
    assert!(lan.get("/api/quizzes").await.body["audiences"]["groups"]
        .as_array()
        .unwrap()
        .is_empty());
    let listed = admin.get("/api/quizzes").await.body;
    assert_eq!(listed["audiences"]["groups"][0]["id"], group);
}

#[tokio::test]
async fn no_response_carries_the_key_while_the_quiz_is_open_and_every_one_does_after() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({"draw": 3}))).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;

    let listed = lan.get("/api/quizzes").await;
    assert_no_key("the list", &listed.body);
    assert_eq!(listed.body["items"][0]["paper_size"], 3);
    assert_no_key("the quiz", &lan.get(&format!("/api/quizzes/{quiz}")).await.body);
    let paper = lan
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    assert_no_key("the paper", &paper.body);
    let attempt = paper.body["id"].as_i64().unwrap();
    let drawn = paper.body["questions"].as_array().unwrap();
    assert_eq!(drawn.len(), 3, "3 questions drawn of 5");
    let remaining = paper.body["remaining_ms"].as_i64().unwrap();
    assert!((110_000..=120_000).contains(&remaining), "{remaining}");
    let first = drawn[0]["id"].as_i64().unwrap();
    let reply = answer(&mut lan, attempt, first, vec![right_option(&drawn[0])]).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_no_key("a save", &reply.body);
    // A reload gives back the same paper with her answer, and no key.
    let again = lan
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    assert_eq!(again.body["id"], attempt);
    assert_eq!(
        again.body["questions"][0]["chosen"],
        json!([right_option(&drawn[0])])
    );
    assert_no_key("the resumed paper", &again.body);
    assert_no_key(
        "the attempt",
        &lan.get(&format!("/api/quiz-attempts/{attempt}")).await.body,
    );
    let done = submit(&mut lan, attempt).await;
    assert_no_key("the submitted paper", &done);
    assert_eq!(done["result"]["score"], 10, "her score now, as the rules allow");
    assert_no_key(
        "the quiz after submitting",
        &lan.get(&format!("/api/quizzes/{quiz}")).await.body,
    );
    // The admin's edit view has the key: that is where she wrote it.
    let draft = admin.get(&format!("/api/quizzes/{quiz}/form")).await;
    assert_eq!(draft.body["form"]["questions"][0]["correct"], json!([0]));
    assert_eq!(draft.body["started"], true);
    assert_eq!(
        lan.get(&format!("/api/quizzes/{quiz}/form")).await.status,
        StatusCode::FORBIDDEN
    );

    close(&app, quiz).await;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let reviewed = lan.get(&format!("/api/quiz-attempts/{attempt}")).await.body;
    let key = &reviewed["questions"][0]["key"];
    assert_eq!(key["right"], true);
    assert!(key["explanation"].as_str().unwrap().starts_with("Giải thích"));
    assert_eq!(reviewed["questions"][1]["key"]["right"], false);
}

#[tokio::test]
async fn an_answer_or_a_submission_after_the_deadline_is_refused_and_the_paper_stands() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({}))).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let paper = lan
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await
        .body;
    let attempt = paper["id"].as_i64().unwrap();
    let questions = paper["questions"].as_array().unwrap().clone();
    for question in &questions[..2] {
        let reply = answer(
            &mut lan,
            attempt,
            question["id"].as_i64().unwrap(),
            vec![right_option(question)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
    }
    // Two minutes and five seconds later: past the limit and the grace for answers in flight.
    age(&app, attempt, 125).await;
    let late = answer(
        &mut lan,
        attempt,
        questions[2]["id"].as_i64().unwrap(),
        vec![right_option(&questions[2])],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.code(), "time_up");
    let late_submit = lan
        .post(&format!("/api/quiz-attempts/{attempt}/submit"), json!({}))
        .await;
    assert_eq!(late_submit.status, StatusCode::CONFLICT);
    assert_eq!(late_submit.code(), "time_up", "submitted by the server already");
    let stood = lan.get(&format!("/api/quiz-attempts/{attempt}")).await.body;
    assert_eq!(stood["submitted"], true);
    assert_eq!(stood["result"]["timed_out"], true);
    assert_eq!(
        stood["result"]["score"], 20,
        "the two answers saved in time count"
    );
    assert_eq!(
        stood["result"]["duration_ms"], 120_000,
        "she used the whole limit"
    );
    assert_eq!(stood["questions"][2]["chosen"], json!([]));
}

#[tokio::test]
async fn a_paper_left_to_time_out_is_submitted_by_the_server_when_she_comes_back() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({}))).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let paper = lan
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await
        .body;
    let attempt = paper["id"].as_i64().unwrap();
    age(&app, attempt, 200).await;
    let late_submit = lan
        .post(&format!("/api/quiz-attempts/{attempt}/submit"), json!({}))
        .await;
    assert_eq!(late_submit.status, StatusCode::CONFLICT);
    assert_eq!(late_submit.code(), "time_up");
    let view = lan.get(&format!("/api/quizzes/{quiz}")).await.body;
    assert_eq!(view["current_attempt"], Value::Null);
    assert_eq!(view["best"]["timed_out"], true);
    assert_eq!(view["best"]["score"], 0);
}

#[tokio::test]
async fn a_second_attempt_beyond_the_allowance_is_refused_and_two_taps_make_one_attempt() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({}))).await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let path = format!("/api/quizzes/{quiz}/attempts");
    let (mut phone, mut tablet) = (lan.clone(), lan.clone());
    let (a, b) = tokio::join!(phone.post(&path, json!({})), tablet.post(&path, json!({})));
    assert_eq!(a.body["id"], b.body["id"], "two taps, one attempt");
    submit(&mut lan, a.body["id"].as_i64().unwrap()).await;
    let second = lan.post(&path, json!({})).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.code(), "no_attempts_left");
    // With two allowed, the second is a fresh paper.
    let quiz_two = create_quiz(&mut admin, quiz_form(group, json!({"attempts": 2}))).await;
    let first = take(&mut lan, quiz_two, 5, 1).await;
    submit(&mut lan, first).await;
    let again = lan
        .post(&format!("/api/quizzes/{quiz_two}/attempts"), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_ne!(again.body["id"].as_i64(), Some(first));
    assert_eq!(again.body["questions"][0]["chosen"], json!([]));
}

#[tokio::test]
async fn only_its_audience_may_take_a_quiz_and_only_while_it_is_open() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let upcoming = chrono::Utc::now() + chrono::Duration::hours(1);
    let quiz = create_quiz(
        &mut admin,
        quiz_form(
            group,
            json!({"opens_at": upcoming.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "closes_at": (upcoming + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%SZ").to_string()}),
        ),
    )
    .await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let early = lan
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    assert_eq!(early.code(), "quiz_not_open");
    let mut outsider = app.member("0987000099", "Người ngoài").await;
    let reply = outsider
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.code(), "not_eligible");
    assert!(outsider.get("/api/quizzes").await.body["items"]
        .as_array()
        .unwrap()
        .is_empty());
    // A quiz for the commune takes everyone whose home is there, in a group or not.
    let commune_admin = app.user_id(&mut admin).await;
    hoi_server::db::units::add_admin(&app.state.db, GIA_LAM_UNIT, commune_admin)
        .await
        .unwrap();
    let for_commune = create_quiz(
        &mut admin,
        quiz_form(group, json!({"group_ids": [], "unit_ids": [GIA_LAM_UNIT]})),
    )
    .await;
    let reply = outsider
        .put("/api/me", json!({"display_name": "Người ngoài", "home_unit_id": GIA_LAM_UNIT, "overseas": false, "hoi_member": false}))
        .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let reply = outsider
        .post(&format!("/api/quizzes/{for_commune}/attempts"), json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Once closed, nobody starts.
    close(&app, for_commune).await;
    let late = lan
        .post(&format!("/api/quizzes/{for_commune}/attempts"), json!({}))
        .await;
    assert_eq!(late.code(), "quiz_closed");
}

#[tokio::test]
async fn the_ranking_at_the_close_follows_score_then_prediction_then_time_and_the_export_matches() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({}))).await;
    let mut members = Vec::new();
    for (phone, name) in [
        ("0987000001", "Nguyễn Thị Lan"),
        ("0987000002", "Lê Thị Hằng"),
        ("0987000003", "Phạm Thị Thảo"),
        ("0987000004", "Đỗ Thị Mai"),
    ] {
        members.push(joined_member(&app, &mut admin, group, phone, name).await.0);
    }
    // Lan, Hằng and Mai answer all five right: 3 perfect papers. Lan and Mai predict 2 (1 off),
    // Hằng 5 (2 off), and Mai takes a minute longer than Lan. Thảo gets four right.
    let lan = take(&mut members[0], quiz, 5, 2).await;
    let hang = take(&mut members[1], quiz, 5, 5).await;
    let thao = take(&mut members[2], quiz, 4, 2).await;
    let mai = take(&mut members[3], quiz, 5, 2).await;
    age(&app, mai, 60).await;
    for (client, attempt) in [(0, lan), (1, hang), (2, thao), (3, mai)] {
        submit(&mut members[client], attempt).await;
    }
    let before = admin.get(&format!("/api/quizzes/{quiz}/ranking/export")).await;
    assert_eq!(before.code(), "quiz_not_closed");
    close(&app, quiz).await;
    let view = members[1].get(&format!("/api/quizzes/{quiz}")).await.body;
    assert_eq!(view["results"]["truth"], 3, "three perfect papers");
    assert_eq!(view["results"]["entrants"], 4);
    let winners: Vec<&str> = view["results"]["winners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(winners, ["Nguyễn Thị Lan", "Đỗ Thị Mai", "Lê Thị Hằng"]);
    assert_eq!(view["best"]["rank"], 3);
    assert_eq!(view["best"]["prize"], "third");
    assert!(!view.to_string().contains("+84"), "no phone in public results");

    let ranking = admin.get(&format!("/api/quizzes/{quiz}/ranking")).await.body;
    let names: Vec<&str> = ranking
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Nguyễn Thị Lan", "Đỗ Thị Mai", "Lê Thị Hằng", "Phạm Thị Thảo"]
    );
    assert_eq!(ranking[3]["score"], 40);
    assert_eq!(ranking[2]["gap"], 2);

    let (status, bytes) = admin
        .get_bytes(&format!("/api/quizzes/{quiz}/ranking/export"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = crate::helpers::workbook(bytes).remove(0).1;
    let row_of = |name: &str| {
        rows.iter()
            .position(|row| row.iter().any(|cell| cell.contains(name)))
    };
    let positions: Vec<usize> = names.iter().map(|n| row_of(n).expect(n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "XLSX keeps the ranking order"
    );
    let cells: Vec<&String> = rows.iter().flatten().collect();
    assert!(cells.iter().any(|c| *c == "0987 *** 001"), "phones masked");
    assert!(cells.iter().any(|c| c.contains("Giải Nhất")));
    let (_, csv) = admin
        .get_bytes(&format!("/api/quizzes/{quiz}/ranking/export?format=csv"))
        .await;
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[1].starts_with("1,Nguyễn Thị Lan,0987 *** 001"),
        "{}",
        lines[1]
    );
    assert!(lines[4].starts_with("4,Phạm Thị Thảo"), "{}", lines[4]);
    assert_eq!(
        members[0]
            .get(&format!("/api/quizzes/{quiz}/ranking/export"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let figures = admin
        .get(&format!("/api/quizzes/{quiz}/participation"))
        .await
        .body;
    assert_eq!(figures["max_score"], 50);
    let row = &figures["by_group"][0];
    assert_eq!(row["entrants"], 4);
    assert_eq!(row["completed"], 4);
    assert_eq!(row["average_score"], 47.5);
}

#[tokio::test]
async fn the_quiz_cannot_be_rewritten_once_somebody_started_it_and_the_admin_can_end_it_early() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let quiz = create_quiz(&mut admin, quiz_form(group, json!({}))).await;
    let edited = admin
        .put(
            &format!("/api/quizzes/{quiz}"),
            quiz_form(group, json!({"title": "Tìm hiểu Luật Hôn nhân"})),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["summary"]["title"], "Tìm hiểu Luật Hôn nhân");
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Nguyễn Thị Lan").await;
    let attempt = take(&mut lan, quiz, 3, 1).await;
    let refused = admin
        .put(&format!("/api/quizzes/{quiz}"), quiz_form(group, json!({})))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.code(), "quiz_started");
    assert_eq!(
        lan.post(&format!("/api/quizzes/{quiz}/close"), json!({}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let closed = admin.post(&format!("/api/quizzes/{quiz}/close"), json!({})).await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT);
    // Her paper in progress ends with the quiz: no time left, and once the grace for answers in
    // flight has passed, nothing more is saved.
    let paper = lan.get(&format!("/api/quiz-attempts/{attempt}")).await.body;
    assert_eq!(paper["remaining_ms"], 0);
    age(&app, attempt, 10).await;
    let question = paper["questions"][0]["id"].as_i64().unwrap();
    let late = answer(&mut lan, attempt, question, vec![0]).await;
    assert_eq!(late.code(), "time_up");
    assert_eq!(
        lan.get(&format!("/api/quizzes/{quiz}")).await.body["summary"]["phase"],
        "closed"
    );
}

/// The hostile walk's finding: option ids were the author's positions, and authors put the right
/// answer first, so always choosing id 0 scored full marks. Ids are now drawn per attempt: a
/// member who always picks the lowest id, or the first option shown, scores what guessing scores.
/// 40 questions of 4 options, right answer written first; chance is 10 of 40, and 24 or more by
/// luck has a probability under one in a million.
#[tokio::test]
async fn choosing_the_lowest_or_the_first_option_id_scores_no_better_than_chance() {
    let PhotoContest {
        app,
        mut admin,
        group,
    } = contest().await;
    let questions: Vec<Value> = (0..40)
        .map(|i| {
            json!({"text": format!("Câu {i}?"), "kind": "single",
                   "options": [format!("Đúng {i}"), "Sai một", "Sai hai", "Sai ba"],
                   "correct": [0], "points": 1, "explanation": ""})
        })
        .collect();
    let mut scores = Vec::new();
    for (shuffle, strategy) in [(true, "lowest"), (true, "first shown"), (false, "lowest")] {
        let quiz = create_quiz(
            &mut admin,
            quiz_form(
                group,
                json!({"questions": questions, "shuffle_options": shuffle, "minutes": 30}),
            ),
        )
        .await;
        let phone = format!("09120{:05}", scores.len() + 100);
        let (mut member, _) = joined_member(&app, &mut admin, group, &phone, "Đoán mò").await;
        let paper = member
            .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
            .await;
        assert_eq!(paper.status, StatusCode::OK, "{}", paper.body);
        let attempt = paper.body["id"].as_i64().unwrap();
        for question in paper.body["questions"].as_array().unwrap() {
            let ids: Vec<i64> = question["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap())
                .collect();
            let pick = if strategy == "lowest" {
                *ids.iter().min().unwrap()
            } else {
                ids[0]
            };
            let reply = answer(&mut member, attempt, question["id"].as_i64().unwrap(), vec![pick]).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        }
        let done = submit(&mut member, attempt).await;
        let score = done["result"]["score"].as_i64().unwrap();
        assert!(
            score < 24,
            "shuffle {shuffle}, {strategy} id: {score} of 40 beats chance"
        );
        scores.push(score);
    }
    assert!(
        scores.iter().sum::<i64>() > 0,
        "some guesses are right: the answers were scored"
    );
}
