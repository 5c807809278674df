//! The admin board's queue of join requests: enough to decide in seconds, one tap to approve.

use hoi_api::groups::{DecideJoinRequest, GroupDetail, JoinRequestView, MembershipStatus, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api,
    components::{
        form::{failure_of, waiting, FormMessage},
        FormState,
    },
    i18n::{members::use_members_texts, use_texts},
    time,
};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let id = super::use_group_id();
    let group = api::fetched::<GroupDetail>(move || Some(format!("/api/groups/{}", id.get())));
    let requests =
        api::fetched::<Vec<JoinRequestView>>(move || Some(format!("/api/groups/{}/requests", id.get())));
    view! {
        {move || match (group.get(), requests.get()) {
            (Some(Ok(group)), Some(Ok(requests))) => view! { <Queue group requests /> }.into_any(),
            (group, requests) => waiting(failure_of(&group).or_else(|| failure_of(&requests))),
        }}
    }
}

#[component]
fn Queue(group: GroupDetail, requests: Vec<JoinRequestView>) -> impl IntoView {
    let t = use_texts();
    let mt = use_members_texts();
    let id = group.summary.id;
    let read_only = group.summary.me.as_ref().is_none_or(|m| {
        m.status != MembershipStatus::Active || !m.role.is_board() || m.role == Role::Advisor
    });
    let pending = RwSignal::new(requests);
    view! {
        <h1>{mt.requests_title}</h1>
        <p class="muted">{group.summary.name}</p>
        <A href=format!("/groups/{id}") attr:class="link">{t.back_to_group}</A>
        {read_only.then(|| view! { <p class="notice">{mt.read_only_note}</p> })}
        <Show when=move || pending.with(Vec::is_empty)>
            <p class="empty">{mt.requests_empty}</p>
        </Show>
        <ul class="requests">
            <For each=move || pending.get() key=|r| r.user_id let:request>
                <RequestCard group=id request read_only on_done=move |user| pending.update(|list| list.retain(|r| r.user_id != user)) />
            </For>
        </ul>
    }
}

#[component]
fn RequestCard(
    group: i64,
    request: JoinRequestView,
    read_only: bool,
    on_done: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let mt = use_members_texts();
    let user = request.user_id;
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let decide = move |approve: bool| {
        form.clear();
        let body = DecideJoinRequest {
            approve,
            reason: (!approve).then(|| reason.get_untracked()),
        };
        let path = format!("/api/groups/{group}/requests/{user}");
        form.send(async move { api::post::<_, ()>(&path, &body).await }, move |()| {
            on_done(user)
        });
    };
    let place = request.home_unit.map(|u| u.place());
    let requested = request.requested_at;
    let hoi_member = request.hoi_member;
    view! {
        <li class="card request">
            <p class="who"><strong>{request.display_name}</strong>
                <span class="muted">" · " {move || time::relative(requested, time::now(), t)}</span>
            </p>
            <p class="muted">{move || place.clone().unwrap_or_else(|| mt.no_home_unit.to_owned())}</p>
            <p>
                <span class="chip" class:ok=hoi_member>{move || if hoi_member { mt.hoi_member_yes } else { mt.hoi_member_no }}</span>
                {request.overseas.then(|| view! { <span class="chip">{mt.overseas_tag}</span> })}
            </p>
            <dl class="answers">
                {request.answers.into_iter().map(|qa| view! { <dt>{qa.question}</dt><dd>{qa.answer}</dd> }).collect_view()}
            </dl>
            <FormMessage form />
            {(!read_only).then(|| view! {
                <Show
                    when=move || declining.get()
                    fallback=move || view! {
                        <div class="actions">
                            <button type="button" class="button primary" disabled=move || form.busy.get() on:click=move |_| decide(true)>{t.approve}</button>
                            <button type="button" class="button" on:click=move |_| declining.set(true)>{mt.decline}</button>
                        </div>
                    }
                >
                    <div class="field">
                        <label for=format!("reason-{user}")>{mt.decline_reason_label}</label>
                        <textarea id=format!("reason-{user}") rows="2" bind:value=reason></textarea>
                    </div>
                    <div class="actions">
                        <button type="button" class="button danger" disabled=move || form.busy.get() on:click=move |_| decide(false)>{mt.confirm_decline}</button>
                        <button type="button" class="button ghost" on:click=move |_| declining.set(false)>{t.cancel}</button>
                    </div>
                </Show>
            })}
        </li>
    }
}
