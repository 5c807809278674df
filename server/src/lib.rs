//! Chi hội số server: the `/api` the member app talks to, and the built app itself.

pub mod auth;
pub mod backup;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod export;
pub mod limits;
pub mod media;
pub mod photo_contests;
pub mod photos;
pub mod quizzes;
mod routes;
pub mod state;
pub mod stopping;
pub mod surveys;
pub mod web;

use std::net::SocketAddr;

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderName, HeaderValue},
    Router,
};
use tower_http::{set_header::SetResponseHeaderLayer, trace::TraceLayer};

pub use crate::{config::Config, db::Db, routes::publish_scheduled, state::AppState};

/// JSON bodies above this answer 413 in the API's error shape. Photo uploads are not JSON and
/// have their own limit (`photos::MAX_UPLOAD_BYTES`), read by their handler.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// The whole server as a router, testable without a socket.
pub fn app(state: AppState) -> Router {
    let csp = web::content_security_policy(&state.config.dist);
    let files = web::app_files(&state.config.dist);
    let https = state.config.https();
    let mut router = routes::api()
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::read_only::advisors_read_only,
        ))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .with_state(state);
    router = match files {
        Some(files) => router.merge(files),
        None => router.fallback(|| async { error::AppError::not_found() }),
    };
    let headers: [(HeaderName, HeaderValue); 5] = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'self'")),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ];
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    if https {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router.layer(TraceLayer::new_for_http())
}

/// Whether this instance runs job `name` now (see `db::jobs`); a failed claim skips a turn.
async fn holds(db: &Db, name: &str, lease: i64) -> bool {
    match db::jobs::claim(db, name, db::jobs::instance(), db::now(), lease).await {
        Ok(mine) => mine,
        Err(error) => {
            tracing::error!(%error, job = name, "claiming a job failed");
            false
        }
    }
}

/// Erases decided applications past their retention now and then once a day, so the privacy
/// notice's "kept 12 months after the decision" stays true; sweeps the photos nobody attached.
fn spawn_retention(db: Db, media: std::sync::Arc<dyn media::MediaStore>) {
    tokio::spawn(async move {
        let mut daily = tokio::time::interval(std::time::Duration::from_secs(86_400));
        loop {
            daily.tick().await;
            // Once a day across instances: the first to ask runs it.
            if !holds(&db, "retention", 20 * 3600).await {
                continue;
            }
            match db::privacy::purge_expired(&db, db::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(n, "erased applications past their retention"),
                Err(error) => tracing::error!(%error, "retention purge failed"),
            }
            match photos::sweep_unattached(&db, media.as_ref(), db::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(n, "swept photos uploaded and never attached"),
                Err(error) => tracing::error!(%error, "photo sweep failed"),
            }
        }
    });
}

/// Ranks quizzes and announces photo contests within a minute of their close, so results are
/// ready before anyone asks (a request for a closed one does it too, whichever comes first),
/// publishes the board's scheduled posts within 30 seconds of their time, and forgets attempts
/// the limits no longer count.
fn spawn_closer(state: AppState) {
    tokio::spawn(async move {
        let db = state.db.clone();
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            tick.tick().await;
            // One instance ticks while it lives; another takes over within a lease of its death.
            if !holds(&db, "tick", 45).await {
                continue;
            }
            if let Err(error) = routes::publish_scheduled(&state, db::now()).await {
                tracing::error!(%error, "publishing scheduled posts failed");
            }
            if let Err(error) = db::quiz_attempts::rank_closed(&db).await {
                tracing::error!(%error, "ranking closed quizzes failed");
            }
            if let Err(error) = photo_contests::results::announce_closed(&db).await {
                tracing::error!(%error, "announcing closed photo contests failed");
            }
            if let Err(error) = limits::prune(&db).await {
                tracing::error!(%error, "pruning the limits' old attempts failed");
            }
        }
    });
}

/// Connects, migrates, seeds the demo when asked, and serves until Ctrl-C.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    if config.demo {
        let media = media::LocalFolder::new(config.media_dir.clone());
        if let Some(logins) = demo::seed_if_empty(&db, &media).await? {
            println!("{logins}");
        }
    }
    let addr = config.addr;
    let state = AppState::new(db.clone(), config);
    let stopping = state.stopping.clone();
    spawn_closer(state.clone());
    spawn_retention(state.db.clone(), state.media.clone());
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Chi hội số listening on http://{addr}");
    println!("Chi hội số: http://{addr}");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stopping::signal().await;
        tracing::info!("stopping: no new connections; finishing the requests in flight");
        stopping.stop();
    })
    .await?;
    db::jobs::release_all(&db, db::jobs::instance()).await?;
    Ok(())
}
