//! An entry's own page (the link entrants share to win votes) and the vote button.

use hoi_api::photo_contest::{EntryView, VoteOutcome};
use leptos::prelude::*;
use leptos_router::components::A;

use super::Counts;
use crate::{
    api,
    components::form::{loaded, FormMessage, FormState},
    connection,
    i18n::photo_contest::use_photo_contest_texts,
    session::use_session,
};

/// The count (when shown) and "Bình chọn". Her vote is sent at once; the answer's count includes
/// it. A second tap, a retry after a lost answer or another phone is told she already voted.
#[component]
pub fn VoteButton(entry_id: i64, voted: bool, counts: Counts, may_vote: bool) -> impl IntoView {
    let c = use_photo_contest_texts();
    let voted = RwSignal::new(voted);
    let form = FormState::new();
    let note = RwSignal::new(None::<&'static str>);
    let count = move || counts.with(|known| known.get(&entry_id).copied());
    let cast = move |_| {
        if form.busy.get_untracked() {
            return;
        }
        form.clear();
        note.set(None);
        // Nothing is lost on a failure: the button stays, another tap sends again.
        let path = format!("/api/photo-contest-entries/{entry_id}/vote");
        form.send(
            async move { api::post::<_, VoteOutcome>(&path, &()).await },
            move |outcome| {
                voted.set(true);
                if let Some(votes) = outcome.votes {
                    counts.update(|known| {
                        known.insert(entry_id, votes);
                    });
                }
                if !outcome.counted {
                    note.set(Some(c.already_voted));
                }
            },
        );
    };
    view! {
        <div class="vote">
            {move || count().map(|n| view! { <span class="count" data-entry=entry_id>{n} " " {c.votes}</span> })}
            {may_vote.then(|| view! {
                <button type="button" class="button" class:primary=move || !voted.get()
                    disabled=move || form.busy.get() || !connection::online() on:click=cast>
                    {move || if voted.get() { c.voted } else { c.vote }}
                </button>
                // Votes are never queued offline: the server's clock and rules decide each one.
                {move || (!connection::online() && !voted.get()).then(|| view! { <p class="hint">{c.vote_needs_network}</p> })}
            })}
            {move || note.get().map(|text| view! { <p class="hint" role="status">{text}</p> })}
            <FormMessage form />
        </div>
    }
}

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = crate::pages::use_id_param();
    let entry = api::fetched::<EntryView>(move || Some(format!("/api/photo-contest-entries/{}", id.get()?)));
    view! {
        {move || loaded(entry.get(), |entry| view! { <EntryDetails entry /> }.into_any())}
    }
}

#[component]
fn EntryDetails(entry: EntryView) -> impl IntoView {
    let c = use_photo_contest_texts();
    let session = use_session();
    let counts: Counts = RwSignal::new(entry.votes.map(|n| (entry.id, n)).into_iter().collect());
    let copied = RwSignal::new(false);
    let share = move |_| {
        let window = window();
        let link = window.location().href().unwrap_or_default();
        let _ = window.navigator().clipboard().write_text(&link);
        copied.set(true);
    };
    let signed_in = move || session.me.with(Option::is_some);
    let here = format!("/entries/{}", entry.id);
    view! {
        <A href=format!("/photo-contests/{}", entry.contest_id) attr:class="back">"← " {entry.contest_title.clone()}</A>
        <h1>{entry.title.clone()}</h1>
        <p class="muted">{entry.author_name.clone()} " · " {c.status(entry.status)}</p>
        {entry.reason.clone().map(|r| view! { <p class="field-error">{r}</p> })}
        <div class="entry-photos">
            {entry.photos.iter().map(|p| view! {
                <img src=format!("/api/photos/{}", p.id) width=p.width height=p.height alt="" />
            }).collect_view()}
        </div>
        {(!entry.story.is_empty()).then(|| view! { <p class="story">{entry.story.clone()}</p> })}
        {move || if signed_in() {
            view! { <VoteButton entry_id=entry.id voted=entry.voted counts may_vote=true /> }.into_any()
        } else {
            view! {
                <p>{move || counts.with(|k| k.get(&entry.id).copied()).map(|n| format!("{n} {}", c.votes))}</p>
                <A href=format!("/login?next={here}") attr:class="button primary">{c.vote_sign_in}</A>
            }.into_any()
        }}
        <button type="button" class="button" on:click=share>{c.share}</button>
        {move || copied.get().then(|| view! { <p class="hint" role="status">{c.link_copied}</p> })}
    }
}
