//! Needs surveys: the server checks every answer by the shared rules and says why it refuses;
//! one response per member (or per device when anonymous), a retry recognised; results counted
//! per question and per scope; the structure locked once answers are in.

use axum::http::StatusCode;
use hoi_api::survey::{Question, QuestionKind, Section, ShowIf, SurveyForm, OTHER};
use serde_json::{json, Value};

use crate::helpers::{create_group, joined_member, spawn_app, Client, TestApp, GIA_LAM_UNIT, HA_NOI_UNIT};

fn question(id: u32, kind: QuestionKind, text: &str, options: &[&str]) -> Question {
    Question {
        id,
        kind,
        text: text.into(),
        help: String::new(),
        required: true,
        options: options.iter().map(|o| (*o).into()).collect(),
        other: false,
        max_choices: 0,
        min: None,
        max: None,
        show_if: None,
    }
}

/// Two sections, six questions; question 4 (children) shows only after "Có" to question 3.
fn survey_form(group: i64) -> SurveyForm {
    let now = chrono::Utc::now();
    let mut themes = question(
        2,
        QuestionKind::Multiple,
        "Chị quan tâm gì?",
        &["Sức khỏe", "Dân vũ", "Học nghề"],
    );
    themes.max_choices = 2;
    themes.other = true;
    let mut children = question(4, QuestionKind::Number, "Mấy con dưới 16 tuổi?", &[]);
    children.min = Some(0.0);
    children.max = Some(15.0);
    children.show_if = Some(ShowIf {
        question: 3,
        option: 0,
    });
    let mut wishes = question(6, QuestionKind::ShortText, "Chị mong gì?", &[]);
    wishes.required = false;
    SurveyForm {
        title: "Khảo sát nhu cầu hội viên".into(),
        intro: String::new(),
        opens_at: now - chrono::Duration::minutes(1),
        closes_at: now + chrono::Duration::days(7),
        group_ids: vec![group],
        unit_ids: vec![],
        anonymous: false,
        show_summary: true,
        sections: vec![
            Section {
                title: "Về chị".into(),
                questions: vec![
                    question(
                        1,
                        QuestionKind::Single,
                        "Tuổi?",
                        &["Dưới 30", "30 – 45", "Trên 45"],
                    ),
                    themes,
                    question(3, QuestionKind::YesNo, "Chị có con nhỏ không?", &[]),
                ],
            },
            Section {
                title: "Gia đình".into(),
                questions: vec![
                    children,
                    question(5, QuestionKind::Rating, "Chị hài lòng đến đâu?", &[]),
                    wishes,
                ],
            },
        ],
    }
}

struct Run {
    app: TestApp,
    admin: Client,
    group: i64,
}

async fn run() -> Run {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Trần Thị Hoa").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    Run { app, admin, group }
}

async fn create(admin: &mut Client, form: &SurveyForm) -> i64 {
    let reply = admin
        .post("/api/surveys", serde_json::to_value(form).unwrap())
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["summary"]["id"].as_i64().expect("survey id")
}

fn respond(token: &str, answers: Value) -> Value {
    let mut body = json!({ "token": token });
    body["answers"] = answers;
    body
}

/// A full response: age option `age`, themes, children or not, stars.
fn answers(age: u8, themes: &[u8], children: Option<f64>, stars: f64) -> Value {
    let mut list = vec![
        json!({"question": 1, "chosen": [age]}),
        json!({"question": 2, "chosen": themes}),
        json!({"question": 3, "chosen": [if children.is_some() { 0 } else { 1 }]}),
        json!({"question": 5, "number": stars}),
    ];
    if let Some(n) = children {
        list.push(json!({"question": 4, "number": n}));
    }
    Value::Array(list)
}

fn tallies(result: &Value, question: usize) -> Vec<(String, u64)> {
    result["questions"][question]["tallies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["label"].as_str().unwrap().to_owned(),
                t["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(l, c)| ((*l).to_owned(), *c)).collect()
}

#[tokio::test]
async fn answers_add_up_per_question_and_per_scope() {
    let Run {
        app,
        mut admin,
        group,
    } = run().await;
    let id = create(&mut admin, &survey_form(group)).await;
    let path = format!("/api/surveys/{id}/responses");
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000101", "Nguyễn Thị Lan").await;
    let (mut mai, _) = joined_member(&app, &mut admin, group, "0987000102", "Lê Thị Mai").await;
    let (mut hue, _) = joined_member(&app, &mut admin, group, "0987000103", "Phạm Thị Huệ").await;

    let listed = lan.get("/api/surveys").await;
    assert_eq!(listed.body["items"][0]["responded"], false, "{}", listed.body);
    let mut other = answers(0, &[0, OTHER], Some(2.0), 5.0);
    other.as_array_mut().unwrap()[1]["text"] = json!("Nấu ăn");
    other
        .as_array_mut()
        .unwrap()
        .push(json!({"question": 6, "text": "Lớp dân vũ buổi tối"}));
    assert_eq!(
        lan.post(&path, respond("lan-phone", other)).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        mai.post(&path, respond("mai-phone", answers(1, &[0, 1], Some(1.0), 4.0)))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        hue.post(&path, respond("hue-phone", answers(1, &[1], None, 3.0)))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(lan.get("/api/surveys").await.body["items"][0]["responded"], true);

    let results = admin.get(&format!("/api/surveys/{id}/results")).await;
    assert_eq!(results.status, StatusCode::OK, "{}", results.body);
    let body = &results.body;
    assert_eq!(body["responses"], 3);
    assert_eq!(body["members"], 4, "three members and the admin");
    assert_eq!(
        tallies(body, 0),
        pairs(&[("Dưới 30", 1), ("30 – 45", 2), ("Trên 45", 0)])
    );
    assert_eq!(
        tallies(body, 1),
        pairs(&[("Sức khỏe", 2), ("Dân vũ", 2), ("Học nghề", 0), ("Khác", 1)])
    );
    assert_eq!(body["questions"][1]["answered"], 3);
    assert_eq!(body["questions"][1]["texts"], json!(["Nấu ăn"]));
    assert_eq!(tallies(body, 2), pairs(&[("Có", 2), ("Không", 1)]));
    assert_eq!(
        body["questions"][3]["answered"], 2,
        "only those with children were asked"
    );
    assert_eq!(body["questions"][3]["average"], 1.5);
    assert_eq!(body["questions"][4]["average"], 4.0);
    assert_eq!(
        tallies(body, 4),
        pairs(&[
            ("1 sao", 0),
            ("2 sao", 0),
            ("3 sao", 1),
            ("4 sao", 1),
            ("5 sao", 1)
        ])
    );
    assert_eq!(body["questions"][5]["texts"], json!(["Lớp dân vũ buổi tối"]));

    // Scopes: the group, Hà Nội rolling up the group's commune, and a province with nobody.
    let keys: Vec<&str> = body["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&format!("group:{group}").as_str()), "{keys:?}");
    assert!(keys.contains(&format!("unit:{HA_NOI_UNIT}").as_str()), "{keys:?}");
    assert!(
        keys.contains(&format!("unit:{GIA_LAM_UNIT}").as_str()),
        "{keys:?}"
    );
    for (scope, expected) in [
        (format!("group:{group}"), 3),
        (format!("unit:{HA_NOI_UNIT}"), 3),
        (format!("unit:{GIA_LAM_UNIT}"), 3),
        ("unit:1048".to_owned(), 0),
    ] {
        let narrowed = admin
            .get(&format!("/api/surveys/{id}/results?scope={scope}"))
            .await;
        assert_eq!(narrowed.body["responses"], expected, "{scope}: {}", narrowed.body);
    }
    assert_eq!(
        admin
            .get(&format!("/api/surveys/{id}/results?scope=street:1"))
            .await
            .code(),
        "validation_failed"
    );

    // A respondent reads the counts, not the others' words; the export is the board's.
    let summary = lan.get(&format!("/api/surveys/{id}/results")).await;
    assert_eq!(summary.status, StatusCode::OK);
    assert_eq!(summary.body["questions"][5]["texts"], json!([]));
    assert_eq!(summary.body["scopes"], json!([]));
    assert_eq!(
        lan.get(&format!("/api/surveys/{id}/export")).await.status,
        StatusCode::FORBIDDEN
    );

    let (status, csv) = admin
        .get_bytes(&format!("/api/surveys/{id}/export?format=csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[0].contains("Họ và tên") && lines[0].contains("Câu 2. Chị quan tâm gì?"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("Nguyễn Thị Lan") && lines[1].contains("Sức khỏe; Khác: Nấu ăn"),
        "{}",
        lines[1]
    );
    assert!(lines[3].contains("Không"), "{}", lines[3]);
    let (status, xlsx) = admin.get_bytes(&format!("/api/surveys/{id}/export")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&xlsx[..2], b"PK", "an XLSX is a zip");
}

#[tokio::test]
async fn refused_responses_say_why() {
    let Run {
        app,
        mut admin,
        group,
    } = run().await;
    let id = create(&mut admin, &survey_form(group)).await;
    let path = format!("/api/surveys/{id}/responses");
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000101", "Nguyễn Thị Lan").await;

    // A required answer missing.
    let missing =
        json!([{"question": 1, "chosen": [0]}, {"question": 3, "chosen": [1]}, {"question": 5, "number": 4}]);
    let reply = lan.post(&path, respond("t1", missing)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(reply.field("answers.2"), "answer_required");
    // A number out of range, and stars beyond five.
    let reply = lan
        .post(&path, respond("t1", answers(0, &[0], Some(16.0), 6.0)))
        .await;
    assert_eq!(reply.field("answers.4"), "out_of_range");
    assert_eq!(reply.field("answers.5"), "out_of_range");
    // A choice that does not exist, and too many ticks.
    let reply = lan
        .post(&path, respond("t1", answers(7, &[0, 1, 2], None, 3.0)))
        .await;
    assert_eq!(reply.field("answers.1"), "unknown_choice");
    assert_eq!(reply.field("answers.2"), "too_many_choices");
    // An answer to the conditional question her answer hid ("Không" has no children to count).
    let mut hidden = answers(0, &[0], None, 3.0);
    hidden
        .as_array_mut()
        .unwrap()
        .push(json!({"question": 4, "number": 2}));
    let reply = lan.post(&path, respond("t1", hidden)).await;
    assert_eq!(reply.field("answers.4"), "question_hidden");
    // A question the survey does not have.
    let mut unknown = answers(0, &[0], None, 3.0);
    unknown
        .as_array_mut()
        .unwrap()
        .push(json!({"question": 99, "text": "?"}));
    assert_eq!(
        lan.post(&path, respond("t1", unknown)).await.field("answers.99"),
        "unknown_question"
    );
    assert_eq!(
        lan.post(&path, respond(" ", answers(0, &[0], None, 3.0)))
            .await
            .field("token"),
        "required"
    );

    // Nothing refused was stored; the good one is; its retry is recognised, a second is refused.
    let good = answers(0, &[0], None, 3.0);
    let first = lan.post(&path, respond("t1", good.clone())).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let retry = lan.post(&path, respond("t1", good.clone())).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.body["response_id"], first.body["response_id"]);
    let second = lan.post(&path, respond("another-phone", good.clone())).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.code(), "already_responded");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);

    // Outsiders may not answer; nobody answers after the close.
    let mut outsider = app.member("0987000199", "Người ngoài").await;
    assert_eq!(
        outsider.post(&path, respond("t9", good.clone())).await.code(),
        "not_eligible"
    );
    assert_eq!(
        outsider.get(&format!("/api/surveys/{id}")).await.code(),
        "not_eligible"
    );
    let (mut mai, _) = joined_member(&app, &mut admin, group, "0987000102", "Lê Thị Mai").await;
    let mut commune = survey_form(group);
    commune.sections[1]
        .questions
        .push(question(7, QuestionKind::Commune, "Xã/phường?", &[]));
    let with_commune = create(&mut admin, &commune).await;
    let mut wrong_unit = answers(0, &[0], None, 3.0);
    wrong_unit
        .as_array_mut()
        .unwrap()
        .push(json!({"question": 7, "unit": HA_NOI_UNIT}));
    let reply = mai
        .post(
            &format!("/api/surveys/{with_commune}/responses"),
            respond("m1", wrong_unit),
        )
        .await;
    assert_eq!(
        reply.field("answers.7"),
        "unknown_unit",
        "a province is not a commune"
    );
    assert_eq!(
        admin
            .post(&format!("/api/surveys/{id}/close"), json!({}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(mai.post(&path, respond("m1", good)).await.code(), "survey_closed");
}

#[tokio::test]
async fn an_anonymous_survey_counts_devices_and_keeps_no_name() {
    let Run {
        app,
        mut admin,
        group,
    } = run().await;
    let mut form = survey_form(group);
    form.anonymous = true;
    let id = create(&mut admin, &form).await;
    let path = format!("/api/surveys/{id}/responses");
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000101", "Nguyễn Thị Lan").await;
    let good = answers(0, &[0], None, 3.0);
    assert_eq!(
        lan.post(&path, respond("phone-a", good.clone())).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        lan.post(&path, respond("phone-a", good.clone())).await.status,
        StatusCode::OK
    );
    assert_eq!(
        lan.post(&path, respond("phone-b", good)).await.status,
        StatusCode::CREATED,
        "another device"
    );
    let named: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND user_id IS NOT NULL",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(named, 0);
    assert_eq!(
        lan.get(&format!("/api/surveys/{id}?token=phone-a")).await.body["summary"]["responded"],
        true
    );
    assert_eq!(
        lan.get(&format!("/api/surveys/{id}?token=phone-c")).await.body["summary"]["responded"],
        false
    );
    assert_eq!(
        lan.get(&format!("/api/surveys/{id}/results?token=phone-a"))
            .await
            .body["responses"],
        2
    );
    assert_eq!(
        lan.get(&format!("/api/surveys/{id}/results")).await.status,
        StatusCode::FORBIDDEN
    );
    let (_, csv) = admin
        .get_bytes(&format!("/api/surveys/{id}/export?format=csv"))
        .await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        !csv.contains("Họ và tên") && !csv.contains("Nguyễn Thị Lan"),
        "{csv}"
    );
}

#[tokio::test]
async fn once_answered_only_wording_may_change() {
    let Run {
        app,
        mut admin,
        group,
    } = run().await;
    let mut form = survey_form(group);
    let id = create(&mut admin, &form).await;
    let edit = format!("/api/surveys/{id}");

    // Before the first response anything may change.
    form.sections[1].questions[2].kind = QuestionKind::Paragraph;
    assert_eq!(
        admin
            .put(&edit, serde_json::to_value(&form).unwrap())
            .await
            .status,
        StatusCode::OK
    );
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000101", "Nguyễn Thị Lan").await;
    assert_eq!(
        lan.put(&edit, serde_json::to_value(&form).unwrap()).await.status,
        StatusCode::FORBIDDEN
    );
    let sent = lan
        .post(
            &format!("{edit}/responses"),
            respond("t", answers(0, &[0], None, 3.0)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    assert_eq!(admin.get(&edit).await.body["summary"]["responses"], 1);
    assert_eq!(
        admin.get(&format!("{edit}/form")).await.body["title"],
        form.title.as_str()
    );

    let mut fewer = form.clone();
    fewer.sections[0].questions[0].options.pop();
    let refused = admin.put(&edit, serde_json::to_value(&fewer).unwrap()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.field("questions.1"), "survey_answered");
    let mut anonymous = form.clone();
    anonymous.anonymous = true;
    assert_eq!(
        admin
            .put(&edit, serde_json::to_value(&anonymous).unwrap())
            .await
            .field("anonymous"),
        "survey_answered"
    );

    let mut reworded = form.clone();
    reworded.sections[0].questions[0].options[2] = "Từ 46 tuổi".into();
    reworded.sections[1].title = "Con cái".into();
    let saved = admin.put(&edit, serde_json::to_value(&reworded).unwrap()).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        saved.body["sections"][0]["questions"][0]["options"][2],
        "Từ 46 tuổi"
    );

    // The template is a survey the builder can send once an audience is picked.
    let template = admin.get("/api/surveys/template").await;
    let mut template: SurveyForm = serde_json::from_value(template.body).unwrap();
    template.group_ids = vec![group];
    create(&mut admin, &template).await;
}
