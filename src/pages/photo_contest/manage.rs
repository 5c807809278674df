//! The contest's admins: waiting entries to approve or reject with a reason, the fraud signals
//! with voiding, "Kết thúc ngay", and the results' downloads.

use std::collections::BTreeSet;

use hoi_api::photo_contest::{
    EntryDecision, EntryView, PhotoContestPhase, PhotoContestView, SignalsView, VoidOutcome, VoidRequest,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api,
    components::{
        form::{FormMessage, FormState},
        Field,
    },
    i18n::photo_contest::use_photo_contest_texts,
    time,
};

#[component]
pub fn ManageCard(contest: PhotoContestView, reload: RwSignal<u32>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let PhotoContestView {
        id, pending, phase, ..
    } = contest;
    let form = FormState::new();
    let close = move |_| {
        if !window().confirm_with_message(c.close_confirm).unwrap_or(false) {
            return;
        }
        form.send(
            async move { api::post::<_, ()>(&format!("/api/photo-contests/{id}/close"), &()).await },
            move |()| reload.update(|n| *n += 1),
        );
    };
    view! {
        {(!pending.is_empty()).then(|| view! {
            <section class="card">
                <h2>{c.waiting_title} " (" {pending.len()} ")"</h2>
                {pending.into_iter().map(|entry| view! { <Waiting entry reload /> }).collect_view()}
            </section>
        })}
        <Signals contest_id=id />
        <section class="card">
            <A href=format!("/photo-contests/{id}/edit") attr:class="button">{c.edit_link}</A>
            <a class="button" href=format!("/api/photo-contests/{id}/results/export") download>{c.download_xlsx}</a>
            <a class="button" href=format!("/api/photo-contests/{id}/results/export?format=csv") download>{c.download_csv}</a>
            {(phase != PhotoContestPhase::Closed).then(|| view! {
                <button type="button" class="button danger" on:click=close>{c.close_now}</button>
            })}
            <FormMessage form />
        </section>
    }
}

#[component]
fn Waiting(entry: EntryView, reload: RwSignal<u32>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let id = entry.id;
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let decide = move |approve: bool| {
        let request = EntryDecision {
            approve,
            reason: reason.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        spawn_local(async move {
            match api::post::<_, EntryView>(&format!("/api/photo-contest-entries/{id}/decision"), &request)
                .await
            {
                Ok(_) => reload.update(|n| *n += 1),
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    let reason_error = form.field("reason");
    view! {
        <div class="waiting-entry">
            <A href=format!("/entries/{id}")>
                {entry.photos.first().map(|p| view! { <img src=format!("/api/photos/{}/thumb", p.id) alt="" /> })}
                <strong>{entry.title.clone()}</strong>
            </A>
            <span class="muted">{entry.author_name}</span>
            <Field id=format!("reason-{id}") label=c.reject_reason error=reason_error>
                <input id=format!("reason-{id}") aria-describedby=format!("reason-{id}-error") bind:value=reason on:input=move |_| form.clear_field("reason") />
            </Field>
            <button type="button" class="button primary" on:click=move |_| decide(true)>{c.approve}</button>
            <button type="button" class="button" on:click=move |_| decide(false)>{c.reject}</button>
            <FormMessage form />
        </div>
    }
}

/// Per entry: new accounts, most accounts from one address, the busiest minute; then the votes
/// that raised a signal, to tick and void with a reason.
#[component]
fn Signals(contest_id: i64) -> impl IntoView {
    let c = use_photo_contest_texts();
    let reload = RwSignal::new(0u32);
    let signals = api::fetched::<SignalsView>(move || {
        reload.track();
        Some(format!("/api/photo-contests/{contest_id}/signals"))
    });
    let chosen = RwSignal::new(BTreeSet::<i64>::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let void = move |_| {
        let request = VoidRequest {
            vote_ids: chosen.with_untracked(|c| c.iter().copied().collect()),
            reason: reason.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        spawn_local(async move {
            match api::post::<_, VoidOutcome>(
                &format!("/api/photo-contests/{contest_id}/votes/void"),
                &request,
            )
            .await
            {
                Ok(_) => {
                    chosen.set(BTreeSet::new());
                    reload.update(|n| *n += 1);
                }
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    let reason_error = form.field("reason");
    view! {
        {move || signals.get().and_then(Result::ok).map(|s| {
            let flagged: Vec<_> = s.entries.iter().filter(|e| e.flagged).cloned().collect();
            let reviewable = s.votes.iter().any(|v| v.voided.is_none());
            view! {
                <section class="card signals">
                    <h2>{c.signals_title}</h2>
                    {flagged.is_empty().then(|| view! { <p class="muted">{c.signals_none}</p> })}
                    <ul class="plain">
                        {flagged.into_iter().map(|e| view! {
                            <li>
                                <strong>{e.title.clone()}</strong> ": " {e.votes} " " {c.votes} " · "
                                {e.new_accounts} " " {c.new_accounts} " · "
                                {e.most_from_one_address} " " {c.one_address} " · "
                                {e.busiest_minute} " " {c.busiest_minute}
                            </li>
                        }).collect_view()}
                    </ul>
                    <ul class="plain votes-to-review">
                        {s.votes.into_iter().map(|v| {
                            let vote = v.id;
                            view! {
                                <li>
                                    <label>
                                        <input type="checkbox" disabled=v.voided.is_some()
                                            on:change=move |_| chosen.update(|c| if !c.remove(&vote) { c.insert(vote); }) />
                                        {v.voter_name.clone()} " (" {v.voter_phone.clone()} ") · " {time::date_time(v.at)}
                                        " · #" {v.address.clone()}
                                        {v.voided.map(|r| view! { " · " <em>{c.voided} ": " {r}</em> })}
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {reviewable.then(|| view! {
                        <Field id="void-reason" label=c.void_reason error=reason_error>
                            <input id="void-reason" aria-describedby="void-reason-error" bind:value=reason on:input=move |_| form.clear_field("reason") />
                        </Field>
                        <button type="button" class="button" on:click=void
                            disabled=move || chosen.with(BTreeSet::is_empty)>{c.void_selected}</button>
                    })}
                    <FormMessage form />
                </section>
            }
        })}
    }
}
