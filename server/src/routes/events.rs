//! `/api/events`: server-sent events for the open app. `post` carries the group id of a newly
//! published post (the "N bài mới" pill); `queue` tells the board its counts changed.

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
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
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let roles = memberships::active_roles(&state.db, user.id).await?;
    let stream = BroadcastStream::new(state.events.subscribe()).filter_map(move |event| {
        let wanted = event.ok().filter(|event| {
            roles.iter().any(|(group, role)| {
                *group == event.group_id
                    && (event.kind == EventKind::NewPost
                        || role.is_board()
                        || *role == hoi_api::groups::Role::Advisor)
            })
        });
        std::future::ready(wanted.map(|event| {
            Ok(Event::default()
                .event(event.kind.name())
                .data(event.group_id.to_string()))
        }))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(25))))
}
