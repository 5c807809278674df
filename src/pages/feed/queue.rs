//! The board's queue for one group: held posts, members' flags, unanswered questions, with the
//! count of join requests beside them, live; and the audit log of every decision.

use hoi_api::{
    feed::PostDecision,
    moderation::{AuditEntry, BoardCounts, FlagAction, FlagDecision, FlagView, Queue},
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use super::{rules::RulesForm, PostCard};
use crate::{
    api,
    components::form::{waiting, FormMessage},
    components::FormState,
    i18n::{post::use_post_texts, queue::use_queue_texts, use_texts},
    live,
    pages::groups::use_group_id,
    time,
};

#[component]
pub fn QueuePage() -> impl IntoView {
    let t = use_texts();
    let qt = use_queue_texts();
    let pt = use_post_texts();
    let group = use_group_id();
    let version = RwSignal::new(0u32);
    // Someone else's decision or a new flag refreshes the page by itself.
    live::listen("queue", move |id| {
        if id == group.get_untracked() {
            version.update(|v| *v += 1);
        }
    });
    let queue = api::fetched::<Queue>(move || {
        version.track();
        Some(format!("/api/groups/{}/queue", group.get()))
    });
    let counts = api::fetched::<BoardCounts>(move || {
        version.track();
        Some(format!("/api/groups/{}/board-counts", group.get()))
    });
    let form = FormState::new();
    // Rejecting asks for the reason in the browser's own prompt: large, familiar, one tap.
    let decide_post = move |id: i64, approve: bool| {
        let reason = web_sys::window()
            .filter(|_| !approve)
            .and_then(|w| w.prompt_with_message(pt.reason_label).ok().flatten());
        if !approve && reason.is_none() {
            return;
        }
        spawn_local(async move {
            let request = PostDecision { approve, reason };
            match api::post::<_, ()>(&format!("/api/posts/{id}/decision"), &request).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    view! {
        <A href=move || format!("/groups/{}", group.get()) attr:class="back">"← " {t.back_to_group}</A>
        <h1>{t.queue_title}</h1>
        <FormMessage form />
        {move || counts.get().and_then(Result::ok).map(|c| view! {
            <p class="counts-line">
                <A href=format!("/groups/{}/requests", group.get_untracked())>{qt.queue_members} ": " {c.members}</A>
                " · " {qt.queue_posts} ": " {c.posts} " · " {qt.queue_flags} ": " {c.flags}
                " · " {qt.queue_questions} ": " {c.questions}
            </p>
        })}
        {move || match queue.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(queue)) => {
                let empty = queue.posts.is_empty() && queue.flags.is_empty() && queue.questions.is_empty();
                view! {
                    {empty.then(|| view! { <p class="empty">{qt.queue_empty}</p> })}
                    {(!queue.posts.is_empty()).then(|| view! { <h2>{qt.queue_posts}</h2> })}
                    {queue.posts.into_iter().map(|post| {
                        let id = post.id;
                        view! {
                            <PostCard post />
                            <div class="actions queue-actions">
                                <button type="button" class="button primary" on:click=move |_| decide_post(id, true)>{t.approve}</button>
                                <button type="button" class="button" on:click=move |_| decide_post(id, false)>{pt.reject}</button>
                                <A href=format!("/posts/{id}#comments") attr:class="button ghost">{pt.note_to_author}</A>
                            </div>
                        }
                    }).collect_view()}
                    {(!queue.flags.is_empty()).then(|| view! { <h2>{qt.queue_flags}</h2> })}
                    {queue.flags.into_iter().map(|flag| view! { <FlagItem flag version form /> }).collect_view()}
                    {(!queue.questions.is_empty()).then(|| view! { <h2>{qt.queue_questions}</h2> })}
                    <ul class="question-list">
                        {queue.questions.into_iter().map(|q| view! {
                            <li>
                                <A href=format!("/posts/{}", q.id)>{q.body.chars().take(120).collect::<String>()}</A>
                                <span class="muted">" · " {q.author.display_name} " · " {qt.asked} " " {time::relative(q.created_at, time::now(), t)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <RulesForm group=group.get_untracked() />
        <AuditLog group=group.get_untracked() />
    }
}

#[component]
fn FlagItem(flag: FlagView, version: RwSignal<u32>, form: FormState) -> impl IntoView {
    let t = use_texts();
    let qt = use_queue_texts();
    let pt = use_post_texts();
    let id = flag.id;
    let decide = move |action: FlagAction, mute_days: Option<u32>, ban: bool| {
        spawn_local(async move {
            let request = FlagDecision {
                action,
                mute_days,
                ban,
            };
            match api::post::<_, ()>(&format!("/api/flags/{id}/decision"), &request).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    view! {
        <article class="card flag">
            <p class="muted">
                {if flag.comment_id.is_some() { qt.flagged_comment } else { t.kind_post }} " · "
                <span class="author">{flag.author.display_name.clone()}</span>
            </p>
            <blockquote>{flag.excerpt.clone()}</blockquote>
            <p><strong>{pt.flag_reason} ": "</strong> {flag.reason.clone()}</p>
            <p class="muted">{qt.flagged_by} " " {flag.flagger_name.clone()} " · " {time::relative(flag.created_at, time::now(), t)}</p>
            <A href=format!("/posts/{}", flag.post_id) attr:class="link">{qt.open_post}</A>
            <div class="actions">
                <button type="button" class="button danger" on:click=move |_| decide(FlagAction::Remove, None, false)>{pt.remove}</button>
                <button type="button" class="button" on:click=move |_| decide(FlagAction::Remove, Some(7), false)>{qt.remove_and_mute}</button>
                <button type="button" class="button" on:click=move |_| decide(FlagAction::Remove, None, true)>{qt.remove_and_ban}</button>
                <button type="button" class="button ghost" on:click=move |_| decide(FlagAction::Dismiss, None, false)>{qt.dismiss}</button>
            </div>
        </article>
    }
}

/// The audit log, loaded when opened.
#[component]
fn AuditLog(group: i64) -> impl IntoView {
    let t = use_texts();
    let qt = use_queue_texts();
    let open = RwSignal::new(false);
    let entries =
        api::fetched::<Vec<AuditEntry>>(move || open.get().then(|| format!("/api/groups/{group}/audit")));
    view! {
        <details class="card audit" on:toggle=move |_| open.set(true)>
            <summary>{qt.audit_title}</summary>
            <ul>
                {move || entries.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|e| view! {
                    <li>
                        <span class="muted">{time::relative(e.created_at, time::now(), t)}</span> " · "
                        <strong>{e.actor_name}</strong> " · " {t.audit_action(&e.action).to_owned()}
                        {(!e.detail.is_empty()).then(|| view! { <span>" · " {e.detail}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}
