//! A fresh server per test, on SQLite by default or on PostgreSQL when
//! `HOI_TEST_DATABASE_URL=postgres://…` names a cluster (each test gets its own database there).

pub mod hoi;
/// Fixtures of one feature that other features' tests need too (a report counts contests,
/// quizzes and applications), beside the shared clients and the app above.
pub mod photo_contests;
pub mod quizzes;
use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use hoi_server::{auth::sms::RecordingSender, db::Db, AppState, Config};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub sms: Arc<RecordingSender>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!("hoi_test_{}_{}_{n}", std::process::id(), rand_suffix())
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0)
}

pub async fn fresh_database_url() -> String {
    match std::env::var("HOI_TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = unique_name();
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&base)
                .await
                .expect("connect to the test cluster");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            let (prefix, _) = base.rsplit_once('/').expect("URL with a database name");
            format!("{prefix}/{name}")
        }
        _ => {
            let path = std::env::temp_dir().join(format!("{}.sqlite", unique_name()));
            format!("sqlite://{}", path.display())
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A fresh server whose settings `change` adjusts first (an https public address, say).
pub async fn spawn_app_with(change: impl FnOnce(&mut Config)) -> TestApp {
    // Server errors (logged, never shown to the client) appear beside a failing test.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,hoi_server=info")
        .with_test_writer()
        .try_init();
    let url = fresh_database_url().await;
    let db = Db::connect(&url).await.expect("connect and migrate");
    let mut config = Config::for_database(&url);
    // Each client has an address of its own (see `Client::address`), as phones do.
    config.trust_proxy = true;
    config.dist = std::path::PathBuf::from("/nonexistent-dist");
    config.media_dir = std::env::temp_dir().join(format!("{}-media", unique_name()));
    change(&mut config);
    instance(db, config)
}

/// Another server instance on `app`'s database, with its own caches, events and jobs, as a
/// second process behind the load balancer would be.
pub async fn second_instance(app: &TestApp) -> TestApp {
    let config = (*app.state.config).clone();
    let db = Db::connect(&config.database_url)
        .await
        .expect("connect the second instance");
    instance(db, config)
}

fn instance(db: Db, config: Config) -> TestApp {
    let sms = Arc::new(RecordingSender::default());
    let state = AppState::new(db, config).with_sms(sms.clone());
    TestApp {
        router: hoi_server::app(state.clone()),
        state,
        sms,
    }
}

/// A browser: keeps the session cookie between calls.
#[derive(Clone)]
pub struct Client {
    router: Router,
    pub cookie: Option<String>,
    /// The address the server sees (sent as X-Forwarded-For): each client its own, like women on
    /// their own phones, so the limits per address only meet when a test means them to.
    pub address: String,
}

static ADDRESSES: AtomicU64 = AtomicU64::new(1);

impl Client {
    /// The same browser (session and address) talking to `app`'s router, rebuilt after a test
    /// changed its state (a media store that is full, say).
    pub fn on(&self, app: &TestApp) -> Client {
        Client {
            router: app.router.clone(),
            ..self.clone()
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: axum::http::HeaderMap,
}

impl Reply {
    /// The error code of an error body.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub fn field(&self, name: &str) -> &str {
        self.body["fields"][name].as_str().unwrap_or("")
    }
}

impl TestApp {
    pub fn client(&self) -> Client {
        let n = ADDRESSES.fetch_add(1, Ordering::SeqCst);
        Client {
            router: self.router.clone(),
            cookie: None,
            address: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
        }
    }

    /// The last code texted to `phone`.
    pub fn code_for(&self, phone: &str) -> String {
        let phone = hoi_api::Phone::parse(phone).expect("a valid phone");
        let sent = self.sms.sent.lock().unwrap();
        let (_, text) = sent
            .iter()
            .rev()
            .find(|(to, _)| *to == phone)
            .expect("a code was texted to the phone");
        text.split(|c: char| !c.is_ascii_digit())
            .find(|digits| digits.len() == 6)
            .expect("six digits in the SMS")
            .to_owned()
    }

    /// Registers as the app does: asks for a code, then sends the form with it.
    pub async fn register(&self, client: &mut Client, phone: &str, name: &str, password: &str) -> Reply {
        let sent = client.post("/api/auth/otp", json!({ "phone": phone })).await;
        assert_eq!(
            sent.status,
            StatusCode::ACCEPTED,
            "code for {phone}: {}",
            sent.body
        );
        let code = self.code_for(phone);
        client
            .post(
                "/api/auth/register",
                json!({"phone": phone, "display_name": name, "password": password, "code": code}),
            )
            .await
    }

    /// A registered, signed-in member.
    pub async fn member(&self, phone: &str, name: &str) -> Client {
        let mut client = self.client();
        let reply = self.register(&mut client, phone, name, "hoa sen tím 1975").await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "register {phone}: {}",
            reply.body
        );
        client
    }

    pub async fn user_id(&self, client: &mut Client) -> i64 {
        client.get("/api/me").await.body["id"]
            .as_i64()
            .expect("signed in")
    }
}

impl Client {
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Body>,
        content_type: &str,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("x-forwarded-for", &self.address);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = match body {
            Some(body) => request.header(header::CONTENT_TYPE, content_type).body(body),
            None => request.body(Body::empty()),
        }
        .expect("request");
        let response = self.router.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(set) = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()) {
            let pair = set.split(';').next().unwrap_or("").to_owned();
            self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
        }
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Reply {
            status,
            body,
            headers,
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Method::GET, path, None, "").await
    }
    pub async fn delete(&mut self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None, "").await
    }
    pub async fn post(&mut self, path: &str, body: Value) -> Reply {
        self.send(
            Method::POST,
            path,
            Some(Body::from(body.to_string())),
            "application/json",
        )
        .await
    }
    pub async fn put(&mut self, path: &str, body: Value) -> Reply {
        self.send(
            Method::PUT,
            path,
            Some(Body::from(body.to_string())),
            "application/json",
        )
        .await
    }
}

/// Xã Gia Lâm, Hà Nội (GSO 565) and Hà Nội (GSO 1), by the seeded ids.
pub const GIA_LAM_UNIT: i64 = 100_565;
pub const HA_NOI_UNIT: i64 = 1_001;

/// A group with two questions, created by `admin`; returns its id.
pub async fn create_group(admin: &mut Client, name: &str) -> i64 {
    let reply = admin
        .post(
            "/api/groups",
            json!({"unit_id": GIA_LAM_UNIT, "name": name, "description": "Nhóm thử", "rules": "Tôn trọng nhau",
                   "questions": ["Chị ở xã nào?", "Chị đã là hội viên chưa?"], "privacy": "public"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["summary"]["id"].as_i64().expect("group id")
}

/// Registers her, asks to join `group` and has `admin` approve: an active member.
pub async fn joined_member(
    app: &TestApp,
    admin: &mut Client,
    group: i64,
    phone: &str,
    name: &str,
) -> (Client, i64) {
    let mut member = app.member(phone, name).await;
    let id = app.user_id(&mut member).await;
    join_approved(admin, &mut member, id, group).await;
    (member, id)
}

/// She (`member`, whose id is `id`) asks to join `group` and `admin` approves.
pub async fn join_approved(admin: &mut Client, member: &mut Client, id: i64, group: i64) {
    let asked = member
        .post(
            &format!("/api/groups/{group}/membership"),
            json!({"answers": ["Gia Lâm", "Rồi"]}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let approved = admin
        .post(
            &format!("/api/groups/{group}/requests/{id}"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT, "{}", approved.body);
}

impl Client {
    /// Sends raw bytes (a photo upload).
    pub async fn post_bytes(&mut self, path: &str, bytes: Vec<u8>, content_type: &str) -> Reply {
        self.send(Method::POST, path, Some(Body::from(bytes)), content_type)
            .await
    }

    /// The raw response body (a served photo).
    pub async fn get_bytes(&mut self, path: &str) -> (StatusCode, Vec<u8>) {
        let mut request = Request::builder().uri(path);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("response");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, bytes.to_vec())
    }
}

/// Writes a plain post and returns it (published or waiting, as the group decides).
pub async fn write_post(client: &mut Client, group: i64, body: &str, category: &str) -> Value {
    let reply = client
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": category, "body": body}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body
}

/// The board decides the oldest open flag of the group (`{"action": …, "mute_days"/"ban"}`).
pub async fn decide_first_flag(admin: &mut Client, group: i64, decision: Value) {
    let queue = admin.get(&format!("/api/groups/{group}/queue")).await.body;
    let flag = queue["flags"][0]["id"].as_i64().expect("an open flag");
    let reply = admin.post(&format!("/api/flags/{flag}/decision"), decision).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
}

/// An XLSX download as a spreadsheet program reads it (calamine): each sheet's name and its rows
/// of cells as text, in order. One reader for every export test.
pub fn workbook(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a readable sheet");
            let rows = range
                .rows()
                .map(|row| row.iter().map(ToString::to_string).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// Every cell of every sheet of an XLSX, one per line: for "the workbook says …" checks.
pub fn workbook_text(bytes: Vec<u8>) -> String {
    workbook(bytes)
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().flatten())
        .collect::<Vec<_>>()
        .join("\n")
}
