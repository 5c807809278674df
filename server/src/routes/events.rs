//! `/api/events`: server-sent events for the open app. `post` carries the group id of a newly
//! published post (the "N bài mới" pill); `queue` tells the board its counts changed; `poll`
//! carries the post id of a poll whose counts changed. Each event
//! carries its id, and a reconnecting browser's `Last-Event-ID` replays what it missed.

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::State,
    http::HeaderMap,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use hoi_api::groups::Role;
use tokio_stream::wrappers::BroadcastStream;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{auth::CurrentUser, db::memberships, error::AppResult, events::EventKind, state::AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// Her groups' events, as `text/event-stream`. The group list is read when she connects; the
/// browser reconnects by itself, which refreshes it.
#[utoipa::path(get, path = "/api/events", tag = "feed",
    responses((status = 200, content_type = "text/event-stream")))]
async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let roles = memberships::active_roles(&state.db, user.id).await?;
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let (live, missed) = state.events.subscribe(last_seen);
    // Live events already replayed are skipped by id, not by "up to the last one": on PostgreSQL
    // the numbers of two instances' events may arrive out of order.
    let replayed: std::collections::HashSet<u64> = missed.iter().map(|e| e.id).collect();
    let live = BroadcastStream::new(live)
        .filter_map(move |event| std::future::ready(event.ok().filter(|e| !replayed.contains(&e.id))));
    let stream = futures_util::stream::iter(missed)
        .chain(live)
        .filter_map(move |event| {
            // Every member hears of new posts and votes; the queue is the board's and its
            // advisors' business.
            let wanted = roles.iter().any(|(group, role)| {
                *group == event.group_id
                    && (event.kind != EventKind::Queue || role.is_board() || *role == Role::Advisor)
            });
            std::future::ready(wanted.then(|| {
                Ok(Event::default()
                    .id(event.id.to_string())
                    .event(event.kind.name())
                    .data(event.kind.data(event.group_id).to_string()))
            }))
        });
    Ok(Sse::new(state.stopping.until_stop(stream))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(25))))
}
