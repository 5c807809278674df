//! `/api/photo-contests/{id}/tally`: the live counts as server-sent events. The first event carries
//! every approved entry's count; then one event each period that counts changed (see
//! `crate::photo_contests::votes::Tallies`). A browser that reconnects gets the full counts again.

use std::{convert::Infallible, sync::Arc, time::Duration};

use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use hoi_api::{
    photo_contest::{EntryStatus, TallyUpdate},
    ApiError, ErrorCode,
};
use tokio_stream::wrappers::BroadcastStream;

use super::{contest_or_404, counts_shown};
use crate::{
    auth::MaybeUser,
    db::{photo_contest_entries, photo_contests},
    error::{ApiPath, AppError, AppResult},
    photo_contests::votes::TallyMessage,
    state::AppState,
};

#[utoipa::path(get, path = "/api/photo-contests/{id}/tally", tag = "photo_contests",
    responses((status = 200, content_type = "text/event-stream"), (status = 409, body = ApiError)))]
pub(super) async fn tally(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let contest = contest_or_404(&state, id).await?;
    let can_manage = match &user {
        Some(user) => photo_contests::manages_group(&state.db, contest.group_id, user.id).await?,
        None => false,
    };
    if !counts_shown(&contest, can_manage) {
        return Err(AppError::conflict(ErrorCode::ResultsHidden));
    }
    // Subscribed before the first counts are read, so no change falls between the two.
    let live = BroadcastStream::new(state.tallies.subscribe());
    let counts = photo_contest_entries::list(&state.db, id, Some(EntryStatus::Approved), None)
        .await?
        .into_iter()
        .map(|e| (e.id, e.votes))
        .collect();
    let first = serde_json::to_string(&TallyUpdate { counts }).unwrap_or_default();
    let updates = live.filter_map(move |message| {
        let message: Option<Arc<TallyMessage>> = message.ok().filter(|m| m.contest_id == id);
        std::future::ready(message.map(|m| Ok(Event::default().event("tally").data(m.json.as_str()))))
    });
    let stream = futures_util::stream::once(std::future::ready(Ok(Event::default()
        .event("tally")
        .data(first))))
    .chain(updates);
    Ok(Sse::new(state.stopping.until_stop(stream))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(25))))
}
