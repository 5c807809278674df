//! A group's page: what it is, who runs it, its rules, and asking to join.

use hoi_api::{
    feed::PostView,
    groups::{GroupDetail, JoinGroupRequest, MembershipStatus, MyMembership, Privacy, Role},
    moderation::BoardCounts,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api,
    components::{
        form::{waiting, Field, FormMessage},
        share::share_or_copy,
        FormState,
    },
    i18n::{group::use_group_texts, group_setup::use_group_setup_texts, hoi::use_hoi_texts, use_texts},
    live,
    outbox::{use_outbox, About},
    pages::feed::{FeedList, FeedScope, PostCard},
    prefs::{draft, forget},
    session::use_session,
};

#[component]
pub fn GroupPage() -> impl IntoView {
    let session = use_session();
    let id = super::use_group_id();
    // Fetched once it is known who reads (a member sees more than a visitor), and again only when
    // that changes: a page drawn twice moves under her thumb.
    let reader = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|me| me.id)));
    let group = api::fetched::<GroupDetail>(move || {
        session.groups_version.track();
        reader.track();
        session.known.get().then(|| format!("/api/groups/{}", id.get()))
    });
    view! {
        {move || match group.get() {
            None => waiting(None),
            Some(Ok(detail)) => view! { <GroupView detail /> }.into_any(),
            Some(Err(failure)) => waiting(Some(failure)),
        }}
    }
}

#[component]
fn GroupView(detail: GroupDetail) -> impl IntoView {
    let t = use_texts();
    let gt = use_group_texts();
    let group = detail.summary.clone();
    let place = group.unit.place();
    let board_role = group
        .me
        .as_ref()
        .filter(|m| m.status == MembershipStatus::Active)
        .map(|m| m.role);
    let can_review = board_role.is_some_and(|r| r.is_board() || r == Role::Advisor);
    let member = board_role.is_some();
    let readable = member || group.privacy == Privacy::Public;
    let archived = detail.archived;
    let id = group.id;
    // Duty 7: the group page invites the women who are not yet in the Hội to join it formally.
    let not_in_hoi = !use_session()
        .me
        .with_untracked(|me| me.as_ref().is_some_and(|me| me.hoi_member));
    view! {
        <article class="group">
            <header class="card">
                {detail.cover_id.map(|id| view! { <img class="cover" src=format!("/api/covers/{id}") alt="" /> })}
                <h1>{group.name.clone()}</h1>
                {super::verified_badge(group.verified)}
                <p class="muted">{place}</p>
                <p class="muted">{group.member_count} " " {t.members}</p>
                {archived.then(|| view! { <p class="notice paused">{use_group_setup_texts().archived_notice}</p> })}
                {(detail.joining_paused && !archived).then(|| view! { <p class="notice paused">{use_group_setup_texts().paused}</p> })}
                {detail.verification_note.clone().map(|note| view! {
                    <p class="notice verification-note">{use_group_setup_texts().verification_note} " " {note}</p>
                })}
            </header>
            {(!member && !archived).then(|| view! {
                <JoinPanel id=id questions=detail.questions.clone() me=group.me.clone() paused=detail.joining_paused />
            })}
            {member.then(|| view! {
                {(!archived).then(|| view! {
                    <div class="actions">
                        <A href=format!("/groups/{id}/write") attr:class="button primary">"✎ " {t.write_post}</A>
                        <A href=format!("/groups/{id}/write?kind=question") attr:class="button">"? " {t.ask_board}</A>
                    </div>
                })}
                <MyWaitingPosts id />
                <QueuedPosts id />
            })}
            {can_review.then(|| view! {
                <div class="actions">
                    <BoardQueueButton id />
                    <A href=format!("/groups/{id}/requests") attr:class="button">{gt.review_requests}</A>
                    <A href=format!("/groups/{id}/members") attr:class="button ghost">{t.members_title}</A>
                    {(board_role == Some(Role::Admin)).then(|| view! {
                        <A href=format!("/groups/{id}/settings") attr:class="button ghost">"⚙ " {use_group_setup_texts().settings}</A>
                    })}
                </div>
            })}
            {not_in_hoi.then(|| view! {
                <A href=format!("/join-hoi?group={id}") attr:class="button ghost join-hoi">"♥ " {use_hoi_texts().title}</A>
            })}
            {readable.then(|| view! { <FeedList scope=FeedScope::Group(id) /> })}
            // Open for visitors deciding whether to join; folded under the feed for members.
            <details class="card about" open=!member>
                <summary>{gt.group_about}</summary>
                <p class="prose">{detail.description.clone()}</p>
                <h2>{gt.group_rules}</h2>
                <p class="prose">{detail.rules.clone()}</p>
                <h2>{t.group_board}</h2>
                <ul class="board">
                    {detail.board.into_iter().map(|member| {
                        let role = member.role;
                        view! {
                            <li>
                                <span>{member.display_name}</span>
                                // The badge marks the board's real accounts, so members can tell them from impostors.
                                {role.is_board().then(|| view! { <span class="badge board">{t.group_board}</span> })}
                                <span class="muted">{t.role(role)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
            {(!archived).then(|| view! { <Invite id=id name=group.name.clone() /> })}
        </article>
    }
}

/// Her posts written without a connection, waiting in the outbox.
#[component]
fn QueuedPosts(id: i64) -> impl IntoView {
    let gt = use_group_texts();
    let outbox = use_outbox();
    move || {
        let waiting = outbox.waiting_about(About::Post(id)).len();
        (waiting > 0).then(|| {
            view! {
                <p class="notice waiting" role="status">{gt.posts_waiting} " (" {waiting} ")"</p>
            }
        })
    }
}

/// Asking to join, or her status when she already has. Nothing to ask while the group is closed
/// to new members (its header says so).
#[component]
fn JoinPanel(id: i64, questions: Vec<String>, me: Option<MyMembership>, paused: bool) -> impl IntoView {
    let t = use_texts();
    let gt = use_group_texts();
    let session = use_session();
    let status = me.as_ref().map(|m| m.status);
    if paused && matches!(status, None | Some(MembershipStatus::Declined)) {
        return ().into_any();
    }
    if !session.me.with_untracked(Option::is_some) {
        return view! {
            <section class="card join">
                <A href=format!("/login?next=/groups/{id}") attr:class="button primary">{gt.login_to_join}</A>
            </section>
        }
        .into_any();
    }
    match status {
        Some(MembershipStatus::Active) => view! { <p class="notice joined">{gt.joined}</p> }.into_any(),
        Some(MembershipStatus::Pending) => view! { <Pending id /> }.into_any(),
        Some(MembershipStatus::Banned) => {
            view! { <p class="notice">{move || t.membership_status(MembershipStatus::Banned)}</p> }.into_any()
        }
        Some(MembershipStatus::Declined) | None => {
            let reason = me.and_then(|m| m.decline_reason);
            view! {
                {reason.map(|reason| view! { <p class="notice">{gt.declined_reason} " " {reason}</p> })}
                <JoinForm id questions />
            }
            .into_any()
        }
    }
}

#[component]
fn Pending(id: i64) -> impl IntoView {
    let gt = use_group_texts();
    let session = use_session();
    let withdraw = move |_| {
        spawn_local(async move {
            if api::delete(&format!("/api/groups/{id}/membership")).await.is_ok() {
                session.groups_version.update(|v| *v += 1);
            }
        });
    };
    view! {
        <section class="card join">
            <p class="notice pending" role="status">{gt.join_pending}</p>
            <button type="button" class="button ghost" on:click=withdraw>{gt.withdraw}</button>
        </section>
    }
}

#[component]
fn JoinForm(id: i64, questions: Vec<String>) -> impl IntoView {
    let gt = use_group_texts();
    let session = use_session();
    let form = FormState::new();
    // Each answer is kept on the phone until it is sent.
    let answers: Vec<RwSignal<String>> = (0..questions.len())
        .map(|i| draft(format!("draft.join.{id}.{i}")))
        .collect();
    let count = answers.len();
    let submit = {
        let answers = answers.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if form.busy.get_untracked() {
                return;
            }
            let request = JoinGroupRequest {
                answers: answers.iter().map(|a| a.get_untracked()).collect(),
            };
            if let Err(errors) = request.validate(count) {
                form.show_local(errors);
                return;
            }
            form.clear();
            let path = format!("/api/groups/{id}/membership");
            form.send(
                async move { api::post::<_, MyMembership>(&path, &request).await },
                move |_| {
                    (0..count).for_each(|i| forget(&format!("draft.join.{id}.{i}")));
                    session.groups_version.update(|v| *v += 1);
                },
            );
        }
    };
    view! {
        <form class="card form join" on:submit=submit novalidate>
            <h2>{gt.join_title}</h2>
            {(count > 0).then(|| view! { <p>{gt.join_lead}</p> })}
            {questions.into_iter().zip(answers).enumerate().map(|(i, (question, answer))| {
                let field = format!("answers.{i}");
                let input_id = format!("answer-{i}");
                let error = form.field(field.clone());
                view! {
                    <Field id=input_id.clone() label=question error>
                        <textarea id=input_id.clone() rows="2" aria-describedby=format!("{input_id}-error") bind:value=answer on:input=move |_| form.clear_field(&field)></textarea>
                    </Field>
                }
            }).collect_view()}
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>{gt.join_submit}</button>
        </form>
    }
}

/// The invite link (shared through the phone's share sheet) and its QR code.
#[component]
fn Invite(id: i64, name: String) -> impl IntoView {
    let t = use_texts();
    let gt = use_group_texts();
    let copied = RwSignal::new(false);
    let share = move |_| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        copied.set(share_or_copy(&name, &format!("{origin}/groups/{id}")));
    };
    view! {
        <section class="card invite">
            <h2>{gt.invite_title}</h2>
            <p>{gt.invite_lead}</p>
            <button type="button" class="button" on:click=share>{t.share}</button>
            <Show when=move || copied.get()><p class="notice" role="status">{gt.link_copied}</p></Show>
            <img class="qr" src=format!("/api/groups/{id}/qr.svg") alt="QR" width="200" height="200" loading="lazy" />
        </section>
    }
}

/// Her posts that wait for the board or were not approved, so she knows where each one is.
#[component]
fn MyWaitingPosts(id: i64) -> impl IntoView {
    let gt = use_group_texts();
    let posts = api::fetched::<Vec<PostView>>(move || Some(format!("/api/groups/{id}/posts/mine")));
    move || {
        let list = posts.get().and_then(Result::ok).unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <details class="card mine" open>
                    <summary>{gt.my_waiting} " (" {list.len()} ")"</summary>
                    {list.into_iter().map(|post| view! { <PostCard post /> }).collect_view()}
                </details>
            }
        })
    }
}

/// The way to the board's queue, with everything that waits (members, posts, reports, questions),
/// kept live by `/api/events`.
#[component]
fn BoardQueueButton(id: i64) -> impl IntoView {
    let t = use_texts();
    let version = RwSignal::new(0u32);
    live::listen("queue", move |group| {
        if group == id {
            version.update(|v| *v += 1);
        }
    });
    let counts = api::fetched::<BoardCounts>(move || {
        version.track();
        Some(format!("/api/groups/{id}/board-counts"))
    });
    view! {
        <A href=format!("/groups/{id}/queue") attr:class="button primary">
            {t.queue_title}
            {move || counts.get().and_then(Result::ok).map(|c| view! { <span class="count">{c.total()}</span> })}
        </A>
    }
}
