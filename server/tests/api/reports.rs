//! Reports up the tree: every figure of a group's and of the city's report compared with what this
//! test did (its own count of the seeded data, and a plain count of the tables); who may read which
//! scope; the spreadsheet's sheets; the advisors' oversight; and that an advisor changes nothing.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    create_group,
    hoi::{form, with},
    joined_member,
    photo_contests::{approve, contest_form, create_contest, enter, vote},
    quizzes::{create_quiz, exec, quiz_form, submit, take},
    spawn_app, write_post, Client, TestApp, HA_NOI_UNIT,
};
use hoi_server::db::units;

const LONG_BIEN_UNIT: i64 = 100_148;

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect(sql)
}

fn n(value: &Value) -> i64 {
    value.as_i64().unwrap_or(-1)
}

struct City {
    app: TestApp,
    admin: Client,
    city: Client,
    a: i64,
    b: i64,
    m1: i64,
    posts: Vec<i64>,
}

/// Group A in Xã Gia Lâm (an admin and four members, one of whom leaves) and group B in Phường
/// Long Biên (an admin and one member), with a month of activity, a quiz, a contest, a survey
/// response and an application; and a Hà Nội cadre.
async fn city() -> City {
    let app = spawn_app().await;
    let mut admin = app.member("0912300001", "Chủ nhóm A").await;
    let a = create_group(&mut admin, "Nhóm A Gia Lâm").await;
    let mut admin_b = app.member("0912300002", "Chủ nhóm B").await;
    let reply = admin_b
        .post(
            "/api/groups",
            json!({"unit_id": LONG_BIEN_UNIT, "name": "Nhóm B Long Biên", "description": "Nhóm thử", "rules": "Tôn trọng",
                   "questions": [], "privacy": "public"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let b = reply.body["summary"]["id"].as_i64().unwrap();
    // Members' posts go straight out here (p3 below is made a held-then-approved post).
    for (client, group) in [(&mut admin, a), (&mut admin_b, b)] {
        let settings = json!({"approve_posts": false, "hold_links": true, "hold_phones": true, "hold_money_words": true,
                              "new_member_days": 0, "trusted_domains": [], "extra_words": []});
        let reply = client
            .put(&format!("/api/groups/{group}/moderation"), settings)
            .await;
        assert!(reply.status.is_success(), "{}", reply.body);
    }
    let (mut m1, id1) = joined_member(&app, &mut admin, a, "0987300001", "Thành viên Một").await;
    let (mut m2, id2) = joined_member(&app, &mut admin, a, "0987300002", "Thành viên Hai").await;
    let (mut m3, id3) = joined_member(&app, &mut admin, a, "0987300003", "Thành viên Ba").await;
    let (mut m4, id4) = joined_member(&app, &mut admin, a, "0987300004", "Thành viên Bốn").await;
    let (mut n1, _) = joined_member(&app, &mut admin_b, b, "0987300011", "Thành viên Long Biên").await;
    // Where they live and whether they are Hội members: m1 in the commune and a member, m2 in
    // Long Biên (outside), m3 overseas; the admins are not Hội members (the default).
    exec(
        &app,
        "UPDATE users SET home_unit_id = $1, hoi_member = TRUE WHERE id = $2",
        100_565,
        id1,
    )
    .await;
    exec(
        &app,
        "UPDATE users SET home_unit_id = $1 WHERE id = $2",
        LONG_BIEN_UNIT,
        id2,
    )
    .await;
    exec(
        &app,
        "UPDATE users SET overseas = TRUE WHERE id = $1 AND $2 = $2",
        id3,
        0,
    )
    .await;
    // Approval waits of 10, 20, 30 and 40 minutes (m4's leaves with her).
    for (k, id) in [id1, id2, id3, id4].into_iter().enumerate() {
        exec(
            &app,
            "UPDATE memberships SET requested_at = decided_at - $1 WHERE user_id = $2",
            600 * (k as i64 + 1),
            id,
        )
        .await;
    }
    assert_eq!(
        m4.delete(&format!("/api/groups/{a}/membership")).await.status,
        StatusCode::NO_CONTENT
    );

    let p1 = n(&write_post(&mut m1, a, "Bài một", "hoi_news").await["id"]);
    let p2 = n(&write_post(&mut m1, a, "Bài hai", "hoi_news").await["id"]);
    let p3 = n(&write_post(&mut m2, a, "Bài ba, đã chờ duyệt", "hoi_news").await["id"]);
    let old = n(&write_post(&mut m3, a, "Bài cũ", "hoi_news").await["id"]);
    let question = m2
        .post(
            &format!("/api/groups/{a}/posts"),
            json!({"kind": "question", "category": "law", "body": "Hỏi thủ tục vay vốn?"}),
        )
        .await;
    let q = n(&question.body["id"]);
    let answered = admin
        .post(
            &format!("/api/posts/{q}/answer"),
            json!({"body": "Chị mang sổ hộ khẩu."}),
        )
        .await;
    assert_eq!(answered.status, StatusCode::NO_CONTENT, "{}", answered.body);
    // The question waited two hours; p3 was held an hour; the old post is 40 days old.
    exec(
        &app,
        "UPDATE posts SET created_at = created_at - $1 WHERE id = $2",
        7200,
        q,
    )
    .await;
    exec(
        &app,
        "UPDATE posts SET held_for = 'link', created_at = published_at - $1 WHERE id = $2",
        3600,
        p3,
    )
    .await;
    exec(
        &app,
        "UPDATE posts SET published_at = published_at - $1, created_at = created_at - $1 WHERE id = $2",
        40 * 86_400,
        old,
    )
    .await;
    for (client, body) in [(&mut m3, "Hay quá"), (&mut admin, "Cảm ơn chị")] {
        let reply = client
            .post(&format!("/api/posts/{p1}/comments"), json!({"body": body}))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    for (client, post) in [(&mut m2, p1), (&mut m3, p1), (&mut m1, p3)] {
        let reply = client
            .put(&format!("/api/posts/{post}/reaction"), json!({"kind": "like"}))
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    }
    write_post(&mut n1, b, "Bài của Long Biên", "hoi_news").await;

    // A quiz: m1 hands in, m2 leaves her paper open.
    let quiz = create_quiz(&mut admin, quiz_form(a, json!({}))).await;
    let attempt = take(&mut m1, quiz, 5, 1).await;
    submit(&mut m1, attempt).await;
    take(&mut m2, quiz, 2, 1).await;
    // A contest: one entry, two votes.
    let contest = create_contest(
        &mut admin,
        contest_form(a, json!({"judge_weight": 0, "judge_phones": []})),
    )
    .await;
    let entry = enter(&mut m1, contest, "Áo dài của mẹ").await;
    approve(&mut admin, entry).await;
    for voter in [&mut m2, &mut m3] {
        assert_eq!(vote(voter, entry).await.0, StatusCode::CREATED);
    }
    // A survey answered once in A (rows as the survey page writes them).
    exec(
        &app,
        "INSERT INTO surveys (id, title, intro, opens_at, closes_at, anonymous, show_summary, sections, created_by, created_at) \
         VALUES (900, 'Khảo sát', '', 0, 4000000000, FALSE, FALSE, '[]', $1, $2)",
        id1,
        0,
    )
    .await;
    sqlx::query(
        "INSERT INTO survey_responses (survey_id, user_id, token_hash, group_id, unit_id, submitted_at) \
         VALUES (900, $1, 'x', $2, 100565, $3)",
    )
    .bind(id2)
    .bind(a)
    .bind(chrono::Utc::now().timestamp())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    // An application to join the Hội sent from group A.
    let applied = m3
        .post(
            "/api/hoi/applications",
            with(form("0987300003"), json!({"source_group_id": a})),
        )
        .await;
    assert_eq!(applied.status, StatusCode::CREATED, "{}", applied.body);

    let mut city = app.member("0912300009", "Cán bộ Hội Hà Nội").await;
    let city_id = app.user_id(&mut city).await;
    units::add_admin(&app.state.db, HA_NOI_UNIT, city_id)
        .await
        .unwrap();
    City {
        app,
        admin,
        city,
        a,
        b,
        m1: id1,
        posts: vec![p1, p2, p3, q, old],
    }
}

#[tokio::test]
async fn every_figure_of_a_group_report_matches_what_happened() {
    let mut w = city().await;
    let report = w
        .admin
        .get(&format!("/api/reports?scope=group:{}&period=month", w.a))
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let r = &report.body;
    assert_eq!(r["scope"]["name"], "Nhóm A Gia Lâm");
    // The report reads comments and reactions by their own group, which is their post's.
    for table in ["comments", "reactions"] {
        let rows = format!("FROM {table} x JOIN posts p ON p.id = x.post_id");
        assert!(
            scalar(&w.app, &format!("SELECT COUNT(*) {rows}")).await > 0,
            "{table}"
        );
        assert_eq!(
            scalar(
                &w.app,
                &format!("SELECT COUNT(*) {rows} WHERE x.group_id <> p.group_id")
            )
            .await,
            0,
            "{table}"
        );
    }
    assert_eq!(n(&r["groups"]), 1);
    // Members: the admin and m1–m3 now; five joined this month (m4 too), one left.
    let m = &r["members"];
    assert_eq!((n(&m["total"]), n(&m["joined"]), n(&m["left"])), (4, 5, 1), "{m}");
    assert_eq!(
        (n(&m["not_hoi"]), n(&m["outside"]), n(&m["overseas"])),
        (3, 1, 1),
        "{m}"
    );
    // And the plain count of the table agrees.
    let active = scalar(
        &w.app,
        &format!(
            "SELECT COUNT(*) FROM memberships WHERE group_id = {} AND status = 'active'",
            w.a
        ),
    )
    .await;
    assert_eq!(active, n(&m["total"]));
    // Activity: four posts of this month (not the 40-day-old one), two comments, three reactions,
    // four active members (m1, m2, m3 and the admin who commented).
    let act = &r["activity"];
    assert_eq!(
        (n(&act["posts"]), n(&act["comments"]), n(&act["reactions"])),
        (4, 2, 3),
        "{act}"
    );
    assert_eq!(n(&act["active_members"]), 4);
    let sum = |v: &Value| v.as_array().unwrap().iter().map(n).sum::<i64>();
    assert_eq!(sum(&act["by_weekday"]), 9);
    assert_eq!(sum(&act["by_hour"]), 9);
    assert_eq!(n(&act["median_member_approval"]), 1200, "10, 20 and 30 minutes");
    assert_eq!(n(&act["median_post_approval"]), 3600);
    assert!((7200..=7202).contains(&n(&act["median_answer"])), "{act}");
    // The series adds up to the same, and ends at today's members.
    let series = r["series"].as_array().unwrap();
    assert_eq!(series.iter().map(|p| n(&p["posts"])).sum::<i64>(), 4);
    assert_eq!(series.iter().map(|p| n(&p["joined"])).sum::<i64>(), 5);
    assert_eq!(n(&series.last().unwrap()["members"]), 4);
    assert_eq!(n(&r["step_days"]), 1);
    // Top post: the first, two reactions and two comments; no author named anywhere.
    assert_eq!(n(&r["top_posts"][0]["id"]), w.posts[0]);
    assert_eq!(
        (
            n(&r["top_posts"][0]["reactions"]),
            n(&r["top_posts"][0]["comments"])
        ),
        (2, 2)
    );
    assert!(!r.to_string().contains("Thành viên Một"));
    // Programmes and applications.
    let p = &r["programmes"];
    assert_eq!(
        (
            n(&p["quizzes"]),
            n(&p["quiz_entrants"]),
            n(&p["quiz_attempts"]),
            n(&p["quiz_submitted"])
        ),
        (1, 2, 2, 1),
        "{p}"
    );
    assert_eq!(
        (
            n(&p["photo_contests"]),
            n(&p["photo_contest_entries"]),
            n(&p["photo_contest_votes"])
        ),
        (1, 1, 2),
        "{p}"
    );
    assert_eq!((n(&p["surveys"]), n(&p["survey_responses"])), (1, 1), "{p}");
    assert_eq!(r["applications"], json!([{"status": "new", "count": 1}]));

    // A custom period of 60 days takes the old post in; a week before the group existed has nothing.
    // Today in Vietnam, as the report counts days: from 17:00 UTC it is already tomorrow there.
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let custom = w
        .admin
        .get(&format!(
            "/api/reports?scope=group:{}&period=custom&from={}&to={today}",
            w.a,
            today - chrono::Days::new(60)
        ))
        .await;
    assert_eq!(n(&custom.body["activity"]["posts"]), 5, "{}", custom.body);
    let before = w
        .admin
        .get(&format!(
            "/api/reports?scope=group:{}&period=week&at={}",
            w.a,
            today - chrono::Days::new(14)
        ))
        .await;
    assert_eq!(n(&before.body["members"]["total"]), 0);
    assert_eq!(n(&before.body["activity"]["posts"]), 0);
    // Bad periods are the caller's to fix.
    let backwards = w
        .admin
        .get(&format!(
            "/api/reports?scope=group:{}&period=custom&from={today}&to={}",
            w.a,
            today - chrono::Days::new(1)
        ))
        .await;
    assert_eq!(
        (backwards.status, backwards.field("to")),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_period")
    );
    let garbled = w
        .admin
        .get(&format!("/api/reports?scope=group:{}&period=month&at=22-11", w.a))
        .await;
    assert_eq!(garbled.field("at"), "invalid_date");
    assert_eq!(
        w.admin.get("/api/reports?scope=city:1").await.field("scope"),
        "unknown_choice"
    );
}

#[tokio::test]
async fn the_city_report_puts_its_communes_side_by_side_and_only_those_above_may_read_it() {
    let mut w = city().await;
    let reply = w
        .city
        .get(&format!("/api/reports?scope=unit:{HA_NOI_UNIT}&period=month"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let r = &reply.body;
    assert_eq!(n(&r["groups"]), 2);
    assert_eq!(n(&r["members"]["total"]), 6);
    assert_eq!(n(&r["activity"]["posts"]), 5);
    let posts = scalar(&w.app, &format!(
        "SELECT COUNT(*) FROM posts WHERE group_id IN ({}, {}) AND status = 'published' AND published_at > {}",
        w.a, w.b, chrono::Utc::now().timestamp() - 20 * 86_400
    )).await;
    assert_eq!(posts, 5, "the table's own count");
    let rows: Vec<(String, i64, i64, i64)> = r["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                n(&c["groups"]),
                n(&c["members"]["total"]),
                n(&c["posts"]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Phường Long Biên".to_owned(), 1, 2, 1),
            ("Xã Gia Lâm".to_owned(), 1, 4, 4)
        ]
    );
    let gia_lam = r["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Xã Gia Lâm")
        .unwrap();
    assert_eq!(n(&gia_lam["applications"]), 1);
    assert_eq!(gia_lam["key"], "unit:100565");
    // The city reads its groups too; the groups' admins read neither the city nor each other.
    assert_eq!(
        w.city
            .get(&format!("/api/reports?scope=group:{}", w.a))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        w.admin
            .get(&format!("/api/reports?scope=unit:{HA_NOI_UNIT}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        w.admin
            .get(&format!("/api/reports?scope=group:{}", w.b))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut member = w.app.client();
    assert_eq!(
        member
            .get(&format!("/api/reports?scope=group:{}", w.a))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let scopes = w.city.get("/api/reports/scopes").await.body;
    assert_eq!(scopes, json!([{"key": "unit:1001", "name": "Thành phố Hà Nội"}]));

    // The workbook: the summary, one sheet per commune, the time series.
    let (status, bytes) = w
        .city
        .get_bytes(&format!(
            "/api/reports/export?scope=unit:{HA_NOI_UNIT}&period=month"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let book = crate::helpers::workbook(bytes);
    let sheets: Vec<&str> = book.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        sheets,
        vec![
            "Tổng hợp",
            "1. Phường Long Biên",
            "2. Xã Gia Lâm",
            "Theo thời gian"
        ]
    );
    let strings: Vec<&String> = book.iter().flat_map(|(_, rows)| rows.iter().flatten()).collect();
    for heading in [
        "Tổng số thành viên cuối kỳ",
        "Chưa là hội viên Hội LHPN",
        "Thời gian trả lời câu hỏi (trung vị)",
        "Thành viên cuối kỳ",
    ] {
        assert!(strings.iter().any(|cell| *cell == heading), "{heading}");
    }
    assert!(
        !strings.iter().any(|cell| cell.contains("Thành viên Một")),
        "counts, not names"
    );
}

#[tokio::test]
async fn advisors_see_overdue_queues_and_the_audit_log_and_change_nothing() {
    let mut w = city().await;
    // m1 becomes the group's advisor; a Hà Nội advisor oversees the city.
    let promoted = w
        .admin
        .put(
            &format!("/api/groups/{}/members/{}/role", w.a, w.m1),
            json!({"role": "advisor"}),
        )
        .await;
    assert_eq!(promoted.status, StatusCode::NO_CONTENT, "{}", promoted.body);
    let mut advisor = w.app.client();
    let login = advisor
        .post(
            "/api/auth/login",
            json!({"phone": "0987300001", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    let mut city_advisor = w.app.member("0912300010", "Ban kiểm tra Hà Nội").await;
    let id = w.app.user_id(&mut city_advisor).await;
    units::add_advisor(&w.app.state.db, HA_NOI_UNIT, id)
        .await
        .unwrap();
    // A request waiting five days, and one waiting an hour.
    let mut late = w.app.member("0987300020", "Chờ lâu").await;
    let late_id = w.app.user_id(&mut late).await;
    late.post(
        &format!("/api/groups/{}/membership", w.a),
        json!({"answers": ["Gia Lâm", "Chưa"]}),
    )
    .await;
    exec(
        &w.app,
        "UPDATE memberships SET requested_at = requested_at - $1 WHERE user_id = $2",
        5 * 86_400,
        late_id,
    )
    .await;
    let mut recent = w.app.member("0987300021", "Mới hỏi").await;
    recent
        .post(
            &format!("/api/groups/{}/membership", w.a),
            json!({"answers": ["Gia Lâm", "Chưa"]}),
        )
        .await;

    for (client, scope) in [
        (&mut advisor, format!("group:{}", w.a)),
        (&mut city_advisor, format!("unit:{HA_NOI_UNIT}")),
    ] {
        let oversight = client
            .get(&format!("/api/reports/oversight?scope={scope}&days=3"))
            .await;
        assert_eq!(oversight.status, StatusCode::OK, "{}", oversight.body);
        let o = &oversight.body;
        assert_eq!(o["overdue"].as_array().unwrap().len(), 1, "{o}");
        assert_eq!(
            n(&o["overdue"][0]["requests"]),
            1,
            "only the five-day-old request"
        );
        assert_eq!(n(&o["applications"]), 0, "the application is new, not overdue");
        let actions: Vec<&str> = o["audit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"membership.approved") && actions.contains(&"question.answered"),
            "{actions:?}"
        );
        assert!(o["audit"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["actor"] == "Chủ nhóm A" || a["actor"] == "Chủ nhóm B"));
        assert!(
            !o.to_string().contains("Chờ lâu"),
            "counts, not the member's name"
        );
        let report = client.get(&format!("/api/reports?scope={scope}")).await;
        assert_eq!(report.status, StatusCode::OK);
    }
    let days = advisor
        .get(&format!("/api/reports/oversight?scope=group:{}&days=0", w.a))
        .await;
    assert_eq!(days.field("days"), "out_of_range");

    // Every write operation of the API answers 403 to both advisors, except what is hers as a
    // person, and nothing in the database changes.
    let doc = w.app.client().get("/api/openapi.json").await.body;
    let tables = [
        "posts",
        "comments",
        "reactions",
        "memberships",
        "community_groups",
        "photo_contest_votes",
        "quiz_attempts",
        "survey_responses",
        "hoi_applications",
        "audit_log",
        "units",
        "flags",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(scalar(&w.app, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "delete", "patch"] {
            if item.get(method).is_none() {
                continue;
            }
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let concrete = path
                .replace("{id}", &w.a.to_string())
                .replace("{user_id}", &late_id.to_string())
                .replace("{question}", "1")
                .replace("{purpose}", "sensitive");
            if hoi_server::auth::read_only::personal(&method, &concrete) {
                continue;
            }
            for client in [&mut advisor, &mut city_advisor] {
                let reply = client
                    .send(method.clone(), &concrete, None, "application/json")
                    .await;
                assert_eq!(
                    reply.status,
                    StatusCode::FORBIDDEN,
                    "{method} {concrete}: {}",
                    reply.body
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 45, "{checked} write operations checked");
    for (table, count) in tables.iter().zip(before) {
        assert_eq!(
            scalar(&w.app, &format!("SELECT COUNT(*) FROM {table}")).await,
            count,
            "{table}"
        );
    }
    // Her own profile stays hers.
    let mine = advisor.put("/api/me", json!({"display_name": "Thành viên Một", "home_unit_id": 100565, "overseas": false, "hoi_member": true})).await;
    assert_ne!(mine.status, StatusCode::FORBIDDEN, "{}", mine.body);
}

/// The daily figures as stored, and as recounted from the rows: `(group, day, posts, comments,
/// reactions, joins, leaves)`, days with something only.
async fn daily_figures(app: &TestApp) -> (Vec<[i64; 7]>, Vec<[i64; 7]>) {
    let read = |sql: String| async move {
        let rows: Vec<(i64, i64, i64, i64, i64, i64, i64)> =
            sqlx::query_as(&sql).fetch_all(&app.state.db.pool).await.unwrap();
        rows.into_iter()
            .map(|(g, d, p, c, r, j, l)| [g, d, p, c, r, j, l])
            .collect::<Vec<_>>()
    };
    let stored = read(
        "SELECT group_id, day, posts, comments, reactions, joins, leaves FROM group_days \
         WHERE posts <> 0 OR comments <> 0 OR reactions <> 0 OR joins <> 0 OR leaves <> 0 ORDER BY group_id, day"
            .into(),
    )
    .await;
    let day = |column: &str| format!("({column} + 25200) / 86400");
    let recount = read(format!(
        "SELECT group_id, day, CAST(SUM(p) AS BIGINT), CAST(SUM(c) AS BIGINT), CAST(SUM(r) AS BIGINT), \
         CAST(SUM(j) AS BIGINT), CAST(SUM(l) AS BIGINT) FROM ( \
           SELECT group_id, {} AS day, 1 AS p, 0 AS c, 0 AS r, 0 AS j, 0 AS l FROM posts WHERE status = 'published' \
           UNION ALL SELECT group_id, {}, 0, 1, 0, 0, 0 FROM comments WHERE status = 'published' \
           UNION ALL SELECT group_id, {}, 0, 0, 1, 0, 0 FROM reactions \
           UNION ALL SELECT group_id, {}, 0, 0, 0, 1, 0 FROM memberships WHERE status = 'active' \
           UNION ALL SELECT group_id, {}, 0, 0, 0, 1, 0 FROM membership_leaves \
           UNION ALL SELECT group_id, {}, 0, 0, 0, 0, 1 FROM membership_leaves) x \
         GROUP BY group_id, day ORDER BY group_id, day",
        day("published_at"),
        day("created_at"),
        day("created_at"),
        day("COALESCE(decided_at, requested_at)"),
        day("joined_at"),
        day("left_at"),
    ))
    .await;
    (stored, recount)
}

/// The daily members' columns `[group, day, members, not Hội, outside, overseas]` as stored, and
/// recounted from the memberships and their women, with the classes spelled out here again.
async fn member_figures(app: &TestApp) -> (Vec<[i64; 6]>, Vec<[i64; 6]>) {
    let read = |sql: &'static str| async move {
        let rows: Vec<(i64, i64, i64, i64, i64, i64)> =
            sqlx::query_as(sql).fetch_all(&app.state.db.pool).await.unwrap();
        rows.into_iter()
            .map(|(g, d, m, n, o, v)| [g, d, m, n, o, v])
            .collect::<Vec<_>>()
    };
    let stored = read(
        "SELECT group_id, day, members, members_not_hoi, members_outside, members_overseas FROM group_days \
         WHERE members <> 0 OR members_not_hoi <> 0 OR members_outside <> 0 OR members_overseas <> 0 \
         ORDER BY group_id, day",
    )
    .await;
    let recount = read(
        "SELECT m.group_id, (COALESCE(m.decided_at, m.requested_at) + 25200) / 86400 AS day, COUNT(*), \
         CAST(SUM(CASE WHEN u.hoi_member THEN 0 ELSE 1 END) AS BIGINT), \
         CAST(SUM(CASE WHEN u.overseas OR u.home_unit_id IS NULL OR u.home_unit_id = g.unit_id \
           OR h.parent_id = g.unit_id THEN 0 ELSE 1 END) AS BIGINT), \
         CAST(SUM(CASE WHEN u.overseas THEN 1 ELSE 0 END) AS BIGINT) \
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN community_groups g ON g.id = m.group_id \
         LEFT JOIN units h ON h.id = u.home_unit_id WHERE m.status = 'active' \
         GROUP BY m.group_id, (COALESCE(m.decided_at, m.requested_at) + 25200) / 86400 ORDER BY 1, 2",
    )
    .await;
    (stored, recount)
}

#[tokio::test]
async fn the_daily_figures_equal_a_recount_from_the_rows_after_a_mixed_day_of_writes() {
    let app = crate::helpers::spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = crate::helpers::create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let other = crate::helpers::create_group(&mut admin, "Phụ nữ Long Biên").await;
    let (mut lan, lan_id) = crate::helpers::joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut mai, _) = crate::helpers::joined_member(&app, &mut admin, group, "0987000002", "Mai").await;
    let (mut thu, _) = crate::helpers::joined_member(&app, &mut admin, group, "0987000003", "Thu").await;
    crate::helpers::join_approved(&mut admin, &mut lan, lan_id, other).await;
    let post = |body: &str| json!({"kind": "post", "category": "hoi_news", "body": body});
    let id = |reply: crate::helpers::Reply| {
        reply.body["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{}", reply.body))
    };

    // Posts: the board's go out; a member's waits, one is approved and one rejected; one is
    // removed by the board, one deleted by its author.
    let kept = id(admin
        .post(&format!("/api/groups/{group}/posts"), post("Họp chi hội"))
        .await);
    let removed = id(admin
        .post(&format!("/api/groups/{group}/posts"), post("Tin cũ"))
        .await);
    let approved = id(lan
        .post(&format!("/api/groups/{group}/posts"), post("Chia sẻ của Lan"))
        .await);
    let rejected = id(mai
        .post(&format!("/api/groups/{group}/posts"), post("Bài của Mai"))
        .await);
    let deleted = id(admin
        .post(&format!("/api/groups/{other}/posts"), post("Nhầm nhóm"))
        .await);
    for (post, approve) in [(approved, true), (rejected, false)] {
        let decided = admin
            .post(
                &format!("/api/posts/{post}/decision"),
                json!({"approve": approve, "reason": "Thử"}),
            )
            .await;
        assert_eq!(decided.status, StatusCode::NO_CONTENT, "{}", decided.body);
    }
    assert_eq!(
        admin.delete(&format!("/api/posts/{removed}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin.delete(&format!("/api/posts/{deleted}")).await.status,
        StatusCode::NO_CONTENT
    );

    // Comments and reactions come and go; a reaction changes kind.
    let comment = |body: &str| json!({"body": body});
    let first = lan
        .post(&format!("/api/posts/{kept}/comments"), comment("Em đến ạ"))
        .await
        .body[0]["id"]
        .as_i64()
        .unwrap();
    mai.post(&format!("/api/posts/{kept}/comments"), comment("Em cũng đến"))
        .await;
    thu.post(&format!("/api/posts/{approved}/comments"), comment("Hay quá"))
        .await;
    assert_eq!(
        lan.delete(&format!("/api/comments/{first}")).await.status,
        StatusCode::NO_CONTENT
    );
    for (client, kind) in [(&mut lan, "love"), (&mut mai, "like"), (&mut thu, "care")] {
        client
            .put(&format!("/api/posts/{kept}/reaction"), json!({"kind": kind}))
            .await;
    }
    lan.put(&format!("/api/posts/{kept}/reaction"), json!({"kind": "haha"}))
        .await;
    assert_eq!(
        mai.delete(&format!("/api/posts/{kept}/reaction")).await.status,
        StatusCode::NO_CONTENT
    );

    // Lan moves overseas and joins the Hội, in both her groups at once.
    let moved = lan
        .put(
            "/api/me",
            json!({"display_name": "Lan", "home_unit_id": null, "overseas": true, "hoi_member": true}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);

    // Memberships end: Mai leaves, Thu erases her account (her posts, comments and reactions go).
    assert_eq!(
        mai.delete(&format!("/api/groups/{group}/membership"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let erased = thu
        .send(
            Method::DELETE,
            "/api/me",
            Some(axum::body::Body::from(
                json!({"password": "hoa sen tím 1975"}).to_string(),
            )),
            "application/json",
        )
        .await;
    assert!(erased.status.is_success(), "{}", erased.body);

    let (stored, recount) = daily_figures(&app).await;
    assert!(
        stored.iter().any(|row| row[2] > 0 && row[3] > 0 && row[4] > 0),
        "{stored:?}"
    );
    assert_eq!(stored, recount);
    // The group's figures (summed, should the test cross a Vietnam midnight): two posts out, Mai's
    // comment, Lan's reaction (its changed kind counts once; Thu's went with her account), four
    // joins (the admin and three members, counted also for those who left), two leaves.
    let mut figures = [0; 5];
    for row in stored.iter().filter(|row| row[0] == group) {
        for (sum, n) in figures.iter_mut().zip(&row[2..]) {
            *sum += n;
        }
    }
    assert_eq!(figures, [2, 1, 1, 4, 2], "{stored:?}");

    // Members now: the admin and Lan (overseas, a Hội member), in the group's columns.
    let (stored, recount) = member_figures(&app).await;
    assert_eq!(stored, recount);
    let mut members = [0; 4];
    for row in stored.iter().filter(|row| row[0] == group) {
        for (sum, n) in members.iter_mut().zip(&row[2..]) {
            *sum += n;
        }
    }
    assert_eq!(members, [2, 1, 0, 1], "{stored:?}");
}
