//! The authorization matrix for the signed-in roles: every operation of the OpenAPI document that
//! acts on the Gia Lâm group's things (the demo's world), called by a member, a pending and a
//! banned one, its moderator, admin and advisor, the admin of another group and a cadre of
//! another unit. Each operation names who may call it (the rule, written here from the domain,
//! not read off the answers); everyone else is refused with 403 or 404 (or, where the audience
//! is checked field by field, 422 on `audience` or a `forbidden` group) and their requests change no row. Then each one
//! allowed gets through (2xx, or 409 when the thing is in the wrong phase), which also shows that
//! the bodies sent are valid, so the refusals above were refusals and not 422s.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::{call_with, operations, rows};
use crate::helpers::{Client, Reply, TestApp};

const PASSWORD: &str = "chihoiso2025";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Member,
    Pending,
    Banned,
    Moderator,
    Admin,
    Advisor,
    OtherGroupAdmin,
    OtherUnitCadre,
}

use Role::*;

const ROLES: [Role; 8] = [
    Member,
    Pending,
    Banned,
    Moderator,
    Admin,
    Advisor,
    OtherGroupAdmin,
    OtherUnitCadre,
];

/// Everyone signed in.
const ANYONE: &[Role] = &ROLES;
/// Everyone signed in whom the group has not banned.
const NOT_BANNED: &[Role] = &[
    Member,
    Pending,
    Moderator,
    Admin,
    Advisor,
    OtherGroupAdmin,
    OtherUnitCadre,
];
/// Who may read the group's board pages (queues, members, audit): the board and its advisors.
const READERS: &[Role] = &[Moderator, Admin, Advisor];
/// Who decides for the group.
const DECIDERS: &[Role] = &[Moderator, Admin];
/// Who writes in the group (posts, comments, reactions, flags, votes, entries, answers).
const WRITERS: &[Role] = &[Member, Moderator, Admin];
/// Who reads the group's members-only things (its quizzes, surveys) as members do.
const ACTIVE: &[Role] = &[Member, Moderator, Admin, Advisor];
const ADMIN: &[Role] = &[Admin];
/// The member's own things (her quiz attempt).
const HERSELF: &[Role] = &[Member];
/// Nobody among these roles: it is someone else's to do (the post's author, the contest's
/// judges, the cadres of Gia Lâm's own units).
const NOBODY: &[Role] = &[];

/// The demo's Gia Lâm world, with the ids each path parameter takes.
struct World {
    group: i64,
    unit: i64,
    /// The member whose role or password the board changes.
    member: i64,
    /// The woman whose request to join the board decides.
    pending: i64,
    post: i64,
    /// The demo's poll, in the same group.
    poll: i64,
    comment: i64,
    flag: i64,
    photo: i64,
    quiz: i64,
    attempt: i64,
    question: i64,
    contest: i64,
    entry: i64,
    vote: i64,
    survey: i64,
}

/// The first id `sql` finds in the demo, which the matrix needs to exist.
async fn one(app: &TestApp, sql: &str, bind: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(bind)
        .fetch_optional(&app.state.db.pool)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the demo has no row for {sql}"))
}

async fn phone_of(app: &TestApp, user: i64) -> String {
    sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn signed_in(app: &TestApp, phone: &str) -> Client {
    let mut client = app.client();
    let reply = client
        .post("/api/auth/login", json!({"phone": phone, "password": PASSWORD}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{phone}: {}", reply.body);
    client
}

/// The path's parameters filled from the world, by what the path is about.
fn filled(path: &str, world: &World) -> String {
    let mut out = Vec::new();
    let mut about = "";
    for segment in path.split('/') {
        let value = match segment {
            "{id}" => match about {
                "groups" => world.group,
                "posts" if path.contains("/poll") => world.poll,
                "posts" => world.post,
                "comments" => world.comment,
                "flags" => world.flag,
                "photos" => world.photo,
                "quizzes" => world.quiz,
                "quiz-attempts" => world.attempt,
                "photo-contests" => world.contest,
                "photo-contest-entries" => world.entry,
                "surveys" => world.survey,
                "units" => world.unit,
                other => panic!("no id for {other} in {path}"),
            }
            .to_string(),
            "{user_id}" if path.contains("/requests/") => world.pending.to_string(),
            "{user_id}" => world.member.to_string(),
            "{question}" => world.question.to_string(),
            "{purpose}" => "sensitive".to_owned(),
            plain => {
                about = plain;
                plain.to_owned()
            }
        };
        out.push(value);
    }
    out.join("/")
}

/// Who may call an operation on the Gia Lâm world, or `None` for operations this matrix leaves
/// to others: signing in and out, her own account (the visitor matrix and the account tests),
/// the cadres' Hội and report operations (`applications.rs`, `reports.rs`), and the streams.
fn rule(method: &str, path: &str) -> Option<&'static [Role]> {
    let rule = match (method, path) {
        (_, p) if p.starts_with("/api/auth/") || p.starts_with("/api/me") => return None,
        (_, "/api/events" | "/api/photo-contests/{id}/tally") => return None,
        // Covers are public images (the visitor matrix and `covers.rs`); anyone uploads one.
        ("get", "/api/covers/{id}" | "/api/covers/{id}/thumb") => return None,
        ("post", "/api/covers") => ANYONE,
        (_, p) if p.starts_with("/api/hoi/") || p.starts_with("/api/reports") => return None,
        ("get", "/api/health" | "/api/units" | "/api/units/{id}") => ANYONE,
        // The Hội's units are run by their cadres and those above: none of these roles.
        ("post", "/api/units/{id}/branches" | "/api/units/{id}/people") => NOBODY,
        ("get", "/api/units/{id}/overview") | ("delete", "/api/units/{id}/people/{user_id}") => NOBODY,
        ("put" | "delete", "/api/units/{id}") | ("post", "/api/units/{id}/merge") => NOBODY,
        ("get", "/api/notifications" | "/api/feed" | "/api/groups" | "/api/quizzes" | "/api/surveys")
        | ("get", "/api/photo-contests" | "/api/surveys/template")
        | ("post", "/api/notifications/read" | "/api/groups") => ANYONE,
        // A public group: its page and its contest's photos are for everyone; its posts and
        // their conversation for everyone but those it banned.
        ("get", "/api/groups/{id}" | "/api/groups/{id}/qr.svg" | "/api/groups/{id}/posts/mine") => ANYONE,
        ("get", "/api/photos/{id}" | "/api/photos/{id}/thumb") => ANYONE,
        ("get", "/api/groups/{id}/posts" | "/api/posts/{id}" | "/api/posts/{id}/comments") => NOT_BANNED,
        ("get", "/api/posts/{id}/reactions") => NOT_BANNED,
        // A poll is read like its post; its group's active members vote.
        ("get", "/api/posts/{id}/poll") => NOT_BANNED,
        ("post" | "put", "/api/posts/{id}/poll/vote") => ACTIVE,
        (
            "get",
            "/api/photo-contests/{id}"
            | "/api/photo-contests/{id}/results"
            | "/api/photo-contest-entries/{id}",
        ) => ANYONE,
        // Asking to join is hers to do, unless the group banned her; leaving is always hers.
        ("post", "/api/groups/{id}/membership") => NOT_BANNED,
        ("delete", "/api/groups/{id}/membership") => ANYONE,
        ("get", "/api/groups/{id}/queue" | "/api/groups/{id}/board-counts" | "/api/groups/{id}/requests")
        | ("get", "/api/groups/{id}/members" | "/api/groups/{id}/moderation" | "/api/groups/{id}/audit") => {
            READERS
        }
        ("post", "/api/groups/{id}/requests/{user_id}") => DECIDERS,
        (
            "put",
            "/api/groups/{id}" | "/api/groups/{id}/moderation" | "/api/groups/{id}/members/{user_id}/role",
        )
        | ("post", "/api/groups/{id}/members/{user_id}/password-reset") => ADMIN,
        // Verifying a group is the Hội's (its unit's cadres), not the group's own board.
        ("put", "/api/groups/{id}/verified") => NOBODY,
        // Ending a group is its admins'.
        ("delete", "/api/groups/{id}") | ("put", "/api/groups/{id}/archive") => ADMIN,
        ("post", "/api/groups/{id}/posts" | "/api/groups/{id}/photos") => WRITERS,
        ("put", "/api/posts/{id}/reaction") => WRITERS,
        // Taking back her own reaction (none is a no-op) is hers wherever she can read the post.
        ("delete", "/api/posts/{id}/reaction") => NOT_BANNED,
        ("post", "/api/posts/{id}/comments" | "/api/posts/{id}/flags") => WRITERS,
        // Someone else's post: its author edits it, the board takes it down.
        ("put", "/api/posts/{id}") => NOBODY,
        ("delete", "/api/posts/{id}" | "/api/comments/{id}") => DECIDERS,
        ("post", "/api/posts/{id}/decision" | "/api/posts/{id}/answer" | "/api/flags/{id}/decision")
        | ("put", "/api/posts/{id}/pin") => DECIDERS,
        // Quizzes: her group's active members take them; its admins run them.
        ("post", "/api/quizzes") => ADMIN,
        ("get", "/api/quizzes/{id}") => ACTIVE,
        ("post", "/api/quizzes/{id}/attempts") => WRITERS,
        ("put", "/api/quizzes/{id}" | "/api/quizzes/{id}/close")
        | ("get", "/api/quizzes/{id}/form" | "/api/quizzes/{id}/participation") => ADMIN,
        ("post", "/api/quizzes/{id}/close") => ADMIN,
        ("get", "/api/quizzes/{id}/ranking" | "/api/quizzes/{id}/ranking/export") => ADMIN,
        ("get", "/api/quiz-attempts/{id}") | ("post", "/api/quiz-attempts/{id}/submit") => HERSELF,
        ("put", "/api/quiz-attempts/{id}/answers/{question}" | "/api/quiz-attempts/{id}/prediction") => {
            HERSELF
        }
        // Photo contests: members enter and vote; the group's admins run them.
        ("post", "/api/photo-contests/{id}/entries" | "/api/photo-contests/{id}/photos") => WRITERS,
        // The demo contest lets anyone signed in vote (entrants share their links).
        ("post", "/api/photo-contest-entries/{id}/vote") => ANYONE,
        ("post", "/api/photo-contests") | ("put", "/api/photo-contests/{id}") => ADMIN,
        // Judging is for the judges the contest names by phone, none of whom is here.
        ("get", "/api/photo-contests/{id}/judging") | ("put", "/api/photo-contest-entries/{id}/score") => {
            NOBODY
        }
        ("get", "/api/photo-contests/{id}/form" | "/api/photo-contests/{id}/signals")
        | ("get", "/api/photo-contests/{id}/results/export") => ADMIN,
        ("post", "/api/photo-contests/{id}/close" | "/api/photo-contests/{id}/votes/void")
        | ("post", "/api/photo-contest-entries/{id}/decision") => ADMIN,
        // Surveys: her group's active members answer; its admins run them and read the results.
        ("post", "/api/surveys") => ADMIN,
        ("get", "/api/surveys/{id}") | ("post", "/api/surveys/{id}/responses") => ACTIVE,
        ("put", "/api/surveys/{id}") | ("post", "/api/surveys/{id}/close") => ADMIN,
        ("get", "/api/surveys/{id}/form" | "/api/surveys/{id}/results" | "/api/surveys/{id}/export") => ADMIN,
        (method, path) => panic!("the matrix has no rule for {method} {path}: add one"),
    };
    Some(rule)
}

/// Whether `role` may call the operation: the rule's roles, except that an advisor changes
/// nothing anywhere (she reads), beyond what is hers as a person: of the operations here, only
/// marking her notifications read.
fn may(role: Role, method: &str, path: &str, allowed: &[Role]) -> bool {
    allowed.contains(&role) && (role != Advisor || method == "get" || path == "/api/notifications/read")
}

/// Operations that end or change something later calls need (a session, a role, a membership,
/// a phase): their allowed callers are not called, only their refusals checked.
fn ends_something(method: &str, path: &str) -> bool {
    method == "delete"
        || path.ends_with("/close")
        || path.ends_with("/password-reset")
        || path.ends_with("/role")
        || path.ends_with("/decision")
        || path.ends_with("/submit")
        || path.ends_with("/votes/void")
        || path.ends_with("/verified")
        || path.ends_with("/archive")
        || path.ends_with("/moderation") && method == "put"
        || path == "/api/groups/{id}/requests/{user_id}"
}

/// A valid body for each write, so a refusal is the rules' and not the form's.
async fn body_for(method: &str, path: &str, world: &World, admin: &mut Client) -> Option<Value> {
    let form = |kind: &str, id: i64| format!("/api/{kind}/{id}/form");
    let body = match (method, path) {
        ("get" | "delete", _) => return None,
        (_, "/api/groups") => json!({"unit_id": world.unit, "name": "Nhóm thử quyền", "description": "Thử",
            "rules": "Tôn trọng nhau", "questions": [], "privacy": "public"}),
        // Its settings as they are, so the admin's allowed call changes nothing the others see.
        (_, "/api/groups/{id}") => {
            let group = admin.get(&format!("/api/groups/{}", world.group)).await.body;
            json!({"name": group["summary"]["name"], "description": group["description"], "rules": group["rules"],
                   "questions": group["questions"], "privacy": group["summary"]["privacy"], "joining_paused": false})
        }
        (_, "/api/groups/{id}/membership") => json!({"answers": ["Thử", "Thử", "Thử"]}),
        (_, "/api/groups/{id}/requests/{user_id}") => json!({"approve": true}),
        (_, "/api/groups/{id}/members/{user_id}/role") => json!({"role": "moderator"}),
        (_, "/api/groups/{id}/moderation") => {
            admin
                .get(&format!("/api/groups/{}/moderation", world.group))
                .await
                .body
        }
        (_, "/api/groups/{id}/verified") => json!({"verified": true}),
        (_, "/api/groups/{id}/archive") => json!({"archived": true}),
        (_, "/api/groups/{id}/posts" | "/api/posts/{id}") => {
            json!({"kind": "post", "category": "hoi_news", "body": "Kiểm tra quyền"})
        }
        (_, "/api/posts/{id}/reaction") => json!({"kind": "love"}),
        (_, "/api/posts/{id}/poll/vote") => json!({"choices": [0]}),
        (_, "/api/posts/{id}/comments") => json!({"body": "Kiểm tra quyền"}),
        (_, "/api/posts/{id}/flags") => json!({"reason": "Kiểm tra quyền"}),
        (_, "/api/posts/{id}/decision" | "/api/photo-contest-entries/{id}/decision") => {
            json!({"approve": true})
        }
        (_, "/api/posts/{id}/answer") => json!({"body": "Kiểm tra quyền"}),
        (_, "/api/posts/{id}/pin") => json!({"pinned": true}),
        (_, "/api/flags/{id}/decision") => json!({"action": "dismiss"}),
        (_, "/api/quizzes" | "/api/quizzes/{id}") => {
            admin.get(&form("quizzes", world.quiz)).await.body["form"].clone()
        }
        (_, "/api/surveys" | "/api/surveys/{id}") => admin.get(&form("surveys", world.survey)).await.body,
        (_, "/api/photo-contests" | "/api/photo-contests/{id}") => {
            admin.get(&form("photo-contests", world.contest)).await.body
        }
        (_, "/api/quiz-attempts/{id}/answers/{question}") => json!({"chosen": [0]}),
        (_, "/api/quiz-attempts/{id}/prediction") => json!({"value": 100}),
        (_, "/api/photo-contests/{id}/entries") => {
            json!({"title": "Thử", "story": "Thử", "photo_ids": [world.photo]})
        }
        (_, "/api/photo-contest-entries/{id}/score") => json!({"scores": [5]}),
        (_, "/api/photo-contests/{id}/votes/void") => {
            json!({"vote_ids": [world.vote], "reason": "Kiểm tra quyền"})
        }
        (_, "/api/surveys/{id}/responses") => json!({"token": "kiem-tra-quyen-0001", "answers": []}),
        (_, "/api/units/{id}/branches") => json!({"name": "Chi hội thử"}),
        (_, "/api/units/{id}/people") => json!({"phone": "0912000003", "role": "advisor"}),
        (_, "/api/units/{id}") => json!({"name": "Chi hội đổi tên"}),
        (_, "/api/units/{id}/merge") => json!({"into": world.unit}),
        (_, "/api/notifications/read" | "/api/photo-contests/{id}/close" | "/api/quizzes/{id}/close")
        | (_, "/api/surveys/{id}/close" | "/api/quizzes/{id}/attempts" | "/api/quiz-attempts/{id}/submit")
        | (_, "/api/photo-contest-entries/{id}/vote" | "/api/groups/{id}/members/{user_id}/password-reset") => {
            return None
        }
        (_, "/api/groups/{id}/photos" | "/api/photo-contests/{id}/photos" | "/api/covers") => return None,
        (method, path) => panic!("the matrix has no body for {method} {path}: add one"),
    };
    Some(body)
}

/// One call: a photo for the two uploads, JSON for the rest.
async fn send(client: &mut Client, method: &str, path: &str, url: &str, body: Option<Value>) -> Reply {
    if (path.ends_with("/photos") || path == "/api/covers") && method == "post" {
        client.post_bytes(url, small_jpeg(), "image/jpeg").await
    } else {
        call_with(client, method, url, body).await
    }
}

fn small_jpeg() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 48, image::Rgb([200, 80, 120])))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

/// A form refused for naming a place she does not run: `audience` (a quiz's or a survey's
/// groups and units) or a field marked `forbidden` (a contest's group).
fn refuses_a_place(body: &Value) -> bool {
    body["fields"].as_object().is_some_and(|fields| {
        fields
            .iter()
            .any(|(name, code)| name == "audience" || code == "forbidden")
    })
}

#[tokio::test]
async fn each_role_is_refused_what_its_place_does_not_allow_and_changes_nothing() {
    let app = crate::helpers::spawn_app().await;
    hoi_server::demo::seed_if_empty(&app.state.db, app.state.media.as_ref())
        .await
        .unwrap();
    let mut admin = signed_in(&app, "0912000001").await;
    let admin_id = app.user_id(&mut admin).await;
    let group = one(
        &app,
        "SELECT group_id FROM memberships WHERE user_id = $1 AND role = 'admin' ORDER BY group_id",
        admin_id,
    )
    .await;
    let unit = one(&app, "SELECT unit_id FROM community_groups WHERE id = $1", group).await;
    let member = one(
        &app,
        "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 AND m.role = 'member' AND m.status = 'active' ORDER BY m.user_id",
        group,
    )
    .await;
    let banned = one(
        &app,
        "SELECT user_id FROM memberships WHERE group_id = $1 AND role = 'member' AND status = 'active' \
         ORDER BY user_id DESC",
        group,
    )
    .await;
    sqlx::query("UPDATE memberships SET status = 'banned' WHERE group_id = $1 AND user_id = $2")
        .bind(group)
        .bind(banned)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    // A woman who registered and asked to join, not yet decided.
    let mut pending_client = app.member("0987000777", "Lò Thị Chờ").await;
    let pending = app.user_id(&mut pending_client).await;
    let asked = pending_client
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Tôi ở Gia Lâm", "Có", "Qua Zalo"]}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    // A cadre of Đà Nẵng's Cẩm Lệ ward, far from Gia Lâm.
    let mut cadre = signed_in(&app, "0905000001").await;
    let cadre_id = app.user_id(&mut cadre).await;
    let other_unit = one(
        &app,
        "SELECT g.unit_id FROM community_groups g JOIN memberships m ON m.group_id = g.id \
         WHERE m.user_id = $1 AND m.role = 'admin'",
        cadre_id,
    )
    .await;
    assert_ne!(other_unit, unit);
    hoi_server::db::units::add_admin(&app.state.db, other_unit, cadre_id)
        .await
        .unwrap();

    let post = one(
        &app,
        "SELECT p.id FROM posts p WHERE p.group_id = $1 AND p.status = 'published' \
         AND EXISTS (SELECT 1 FROM comments c WHERE c.post_id = p.id) ORDER BY p.id",
        group,
    )
    .await;
    let quiz = one(
        &app,
        "SELECT quiz_id FROM quiz_groups WHERE group_id = $1 ORDER BY quiz_id",
        group,
    )
    .await;
    let mut member_client = signed_in(&app, &phone_of(&app, member).await).await;
    let started = member_client
        .post(&format!("/api/quizzes/{quiz}/attempts"), json!({}))
        .await;
    let attempt = started.body["attempt_id"]
        .as_i64()
        .or_else(|| started.body["id"].as_i64())
        .unwrap_or_else(|| panic!("an attempt: {} {}", started.status, started.body));
    let flagged = member_client
        .post(&format!("/api/posts/{post}/flags"), json!({"reason": "Lừa đảo"}))
        .await;
    assert_eq!(flagged.status, StatusCode::CREATED, "{}", flagged.body);
    let contest = one(
        &app,
        "SELECT id FROM photo_contests WHERE group_id = $1 ORDER BY id",
        group,
    )
    .await;
    let world = World {
        group,
        unit,
        member,
        pending,
        post,
        poll: one(
            &app,
            "SELECT post_id FROM polls p JOIN posts q ON q.id = p.post_id WHERE q.group_id = $1",
            group,
        )
        .await,
        comment: one(
            &app,
            "SELECT id FROM comments WHERE post_id = $1 ORDER BY id",
            post,
        )
        .await,
        flag: one(
            &app,
            "SELECT id FROM flags WHERE group_id = $1 ORDER BY id",
            group,
        )
        .await,
        photo: one(
            &app,
            "SELECT id FROM photos WHERE group_id = $1 ORDER BY id",
            group,
        )
        .await,
        quiz,
        attempt,
        question: one(
            &app,
            "SELECT question_id FROM quiz_attempt_questions WHERE attempt_id = $1",
            attempt,
        )
        .await,
        contest,
        entry: one(
            &app,
            "SELECT id FROM photo_contest_entries WHERE contest_id = $1 ORDER BY id",
            contest,
        )
        .await,
        vote: one(
            &app,
            "SELECT v.id FROM photo_contest_votes v JOIN photo_contest_entries e ON e.id = v.entry_id \
             WHERE e.contest_id = $1 ORDER BY v.id",
            contest,
        )
        .await,
        survey: one(
            &app,
            "SELECT survey_id FROM survey_groups WHERE group_id = $1 ORDER BY survey_id",
            group,
        )
        .await,
    };

    let mut clients = [
        (Member, member_client),
        (Pending, pending_client),
        (Banned, signed_in(&app, &phone_of(&app, banned).await).await),
        (Moderator, signed_in(&app, "0912000002").await),
        (Admin, admin.clone()),
        (Advisor, signed_in(&app, "0912000003").await),
        (OtherGroupAdmin, signed_in(&app, "0913000001").await),
        (OtherUnitCadre, cadre),
    ];

    // Every operation, every role not allowed: refused, and nothing changed.
    let mut calls = Vec::new();
    for (method, path) in operations(&app).await {
        let Some(allowed) = rule(&method, &path) else {
            continue;
        };
        let body = body_for(&method, &path, &world, &mut admin).await;
        calls.push((method, path, allowed, body));
    }
    let before = rows(&app).await;
    let mut refusals = 0;
    for (method, path, allowed, body) in &calls {
        let url = filled(path, &world);
        for (role, client) in clients.iter_mut() {
            if may(*role, method, path, allowed) {
                continue;
            }
            let reply = send(client, method, path, &url, body.clone()).await;
            let refused = matches!(reply.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
                || (reply.status == StatusCode::UNPROCESSABLE_ENTITY && refuses_a_place(&reply.body));
            assert!(
                refused,
                "{role:?} {method} {url} must be refused, got {} {}",
                reply.status, reply.body
            );
            refusals += 1;
        }
    }
    let after = rows(&app).await;
    assert_eq!(before, after, "a refused request changed a row");

    // Then those allowed get through, with the same bodies.
    let mut allowed_calls = 0;
    for (method, path, allowed, body) in &calls {
        if ends_something(method, path) {
            continue;
        }
        let url = filled(path, &world);
        for (role, client) in clients.iter_mut() {
            if !may(*role, method, path, allowed) {
                continue;
            }
            let mut body = body.clone();
            if path == "/api/photo-contests/{id}/entries" {
                // An entry names her own photo, uploaded first.
                let upload = format!("/api/photo-contests/{}/photos", world.contest);
                let photo = client.post_bytes(&upload, small_jpeg(), "image/jpeg").await;
                if let (Some(body), Some(id)) = (body.as_mut(), photo.body["id"].as_i64()) {
                    body["photo_ids"] = json!([id]);
                }
            }
            let reply = send(client, method, path, &url, body).await;
            // The survey's required questions are its own business (`surveys.rs`): a response
            // refused only for its answers has passed the door.
            let answers_only = path == "/api/surveys/{id}/responses"
                && reply.body["fields"]
                    .as_object()
                    .is_some_and(|fields| fields.keys().all(|field| field.starts_with("answers")));
            assert!(
                reply.status.is_success() || reply.status == StatusCode::CONFLICT || answers_only,
                "{role:?} {method} {url} is allowed, got {} {}",
                reply.status,
                reply.body
            );
            allowed_calls += 1;
        }
    }
    println!(
        "matrix: {} operations × {} signed-in roles: {refusals} refusals changing no row, {allowed_calls} allowed calls through",
        calls.len(),
        ROLES.len()
    );
}
