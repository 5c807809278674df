//! A post's own page (its permalink): the post, who reacted, comments with one level of replies,
//! flagging, and the board's tools (decide, pin, announce, answer, remove).

use hoi_api::{
    feed::{
        check_text, CommentView, FlagRequest, NewComment, PinRequest, PostDecision, PostKind, PostStatus,
        PostView, Reactor, TextBody, COMMENT_MAX_CHARS,
    },
    groups::{GroupDetail, MembershipStatus},
};
use leptos::{ev, prelude::*, task::spawn_local};
use leptos_router::components::A;

use super::PostCard;
use crate::{
    api::{self, Failure},
    components::{
        form::{waiting, FieldError, FormMessage},
        rich_text::rich_text,
        Field, FormState,
    },
    i18n::{post::use_post_texts, schedule::use_schedule_texts, use_texts},
    outbox::{use_outbox, About, Letter},
    prefs::{draft, forget, send_key},
    session::use_session,
    time,
};

#[component]
pub fn PostPage() -> impl IntoView {
    let id = crate::pages::use_id_or_zero();
    let version = RwSignal::new(0u32);
    let session = use_session();
    // Waits for the session: opened directly, the page must know who reads before it offers
    // her tools (comment, flag, edit, the board's).
    let post = api::fetched::<PostView>(move || {
        version.track();
        session.me.track();
        session.known.get().then(|| format!("/api/posts/{}", id.get()))
    });
    view! {
        {move || match post.get() {
            None => waiting(None),
            Some(Ok(post)) => view! { <PostDetail post version /> }.into_any(),
            Some(Err(failure)) => waiting(Some(failure)),
        }}
    }
}

#[component]
fn PostDetail(post: PostView, version: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let id = post.id;
    let group_id = post.group_id;
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let own = me == Some(post.author.user_id);
    // Her role decides which tools she sees; the server checks again.
    let group = api::fetched::<GroupDetail>(move || me.map(|_| format!("/api/groups/{group_id}")));
    let deciding = Memo::new(move |_| {
        group.with(|g| {
            g.as_ref()
                .and_then(|g| g.as_ref().ok())
                .and_then(|g| g.summary.me.as_ref())
                .is_some_and(|m| m.status == MembershipStatus::Active && m.role.is_board())
        })
    });
    let comments = RwSignal::new(Vec::<CommentView>::new());
    let load_comments = move || {
        spawn_local(async move {
            if let Ok(list) = api::get::<Vec<CommentView>>(&format!("/api/posts/{id}/comments")).await {
                comments.set(list);
            }
        });
    };
    load_comments();
    // A comment written offline has arrived meanwhile: the list now holds it.
    let outbox = use_outbox();
    Effect::new(move |seen: Option<usize>| {
        let arrived = outbox
            .settled
            .with(|all| all.iter().filter(|(a, _)| *a == About::Comment(id)).count());
        if seen.is_some_and(|seen| seen < arrived) {
            load_comments();
        }
        arrived
    });
    provide_context(PostId(id));
    provide_context(comments);
    let pending = post.status == PostStatus::Pending;
    let published = post.status == PostStatus::Published;
    let scheduled = post.status == PostStatus::Scheduled;
    let can_comment = me.is_some() && (published || pending);
    let question = post.kind == PostKind::Question && post.answer.is_none() && published;
    let pinned = post.pinned;
    let group_name = post.group_name.clone();
    let top_level = move || {
        comments.with(|list| {
            list.iter()
                .filter(|c| c.parent_id.is_none())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let replies_to = move |parent: i64| {
        comments.with(|list| {
            list.iter()
                .filter(|c| c.parent_id == Some(parent))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <A href=format!("/groups/{group_id}") attr:class="back">"← " {group_name}</A>
        <PostCard post=post.clone() />
        <Show when=move || deciding.get()>
            <BoardTools id pending published scheduled pinned question version />
        </Show>
        {(own && (published || pending || scheduled)).then(|| view! { <AuthorTools post=post.clone() version /> })}
        {(me.is_some() && !own && published).then(|| view! {
            <div class="post-tools"><FlagButton post=Some(id) comment=None /></div>
        })}
        {published.then(|| view! { <Reactors id /> })}
        <section class="card comments" id="comments">
            <h2>{t.comments_label}</h2>
            <ul class="comment-list">
                <For each=top_level key=|c| c.id let:comment>
                    <CommentItem comment=comment.clone() can_reply=can_comment && published flag=me.is_some() && !own />
                    <ul class="replies">
                        <For each=move || replies_to(comment.id) key=|c| c.id let:reply>
                            <CommentItem comment=reply can_reply=false flag=me.is_some() />
                        </For>
                    </ul>
                </For>
                <WaitingComments id />
            </ul>
            {can_comment.then(|| view! { <CommentForm id parent=None comments /> })}
        </section>
    }
}

#[component]
fn CommentItem(comment: CommentView, can_reply: bool, flag: bool) -> impl IntoView {
    let t = use_texts();
    let pt = use_post_texts();
    let replying = RwSignal::new(false);
    let id = comment.id;
    view! {
        <li class="comment" id=format!("comment-{id}")>
            <span class="author">{comment.author.display_name.clone()}</span>
            {comment.author.board.then(|| view! { <span class="badge board">{t.group_board}</span> })}
            <span class="muted">" · " {time::relative(comment.created_at, time::now(), t)}</span>
            {rich_text(&comment.body)}
            <div class="comment-actions">
                {can_reply.then(|| view! {
                    <button type="button" class="link" on:click=move |_| replying.update(|r| *r = !*r)>{pt.reply}</button>
                })}
                {flag.then(|| view! { <FlagButton post=None comment=Some(id) /> })}
            </div>
            {move || replying.get().then(|| view! { <ReplyForm parent=id /> })}
        </li>
    }
}

/// A reply under a comment, with the post id and comment list `PostDetail` provides.
#[component]
fn ReplyForm(parent: i64) -> impl IntoView {
    let post = use_context::<PostId>().map_or(0, |p| p.0);
    let comments = use_context::<RwSignal<Vec<CommentView>>>().unwrap_or_else(|| RwSignal::new(Vec::new()));
    view! { <CommentForm id=post parent=Some(parent) comments /> }
}

#[derive(Clone, Copy)]
struct PostId(i64);

/// Her comments on this post that wait in the outbox for a connection, greyed, saying so.
#[component]
fn WaitingComments(id: i64) -> impl IntoView {
    let pt = use_post_texts();
    let outbox = use_outbox();
    move || {
        outbox
            .waiting_about(About::Comment(id))
            .into_iter()
            .filter_map(|letter| serde_json::from_str::<NewComment>(&letter.body).ok())
            .map(|comment| {
                view! {
                    <li class="comment waiting">
                        <span class="muted">{pt.waiting_to_send}</span>
                        {rich_text(&comment.body)}
                    </li>
                }
            })
            .collect_view()
    }
}

/// A comment (or reply) box. Its text is kept on the phone until it is sent.
#[component]
fn CommentForm(id: i64, parent: Option<i64>, comments: RwSignal<Vec<CommentView>>) -> impl IntoView {
    let t = use_texts();
    let pt = use_post_texts();
    let outbox = use_outbox();
    let key = format!("draft.comment.{id}.{}", parent.unwrap_or(0));
    let body = draft(key.clone());
    let form = FormState::new();
    let error = form.field("body");
    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        if let Err(code) = check_text(&body.get_untracked(), COMMENT_MAX_CHARS) {
            form.fields.set([("body".to_owned(), code)].into_iter().collect());
            return;
        }
        form.clear();
        let request = NewComment {
            body: body.get_untracked(),
            parent_id: parent,
            idempotency_key: Some(send_key(&key)),
        };
        let key = key.clone();
        let path = format!("/api/posts/{id}/comments");
        let letter = Letter {
            about: About::Comment(id),
            path: path.clone(),
            body: serde_json::to_string(&request).unwrap_or_default(),
            key: request.idempotency_key.clone().unwrap_or_default(),
            owner: None,
        };
        let sent = async move { api::post::<_, Vec<CommentView>>(&path, &request).await };
        form.send_and(sent, move |answer| {
            match answer {
                Ok(list) => comments.set(list),
                // No connection: the comment waits in the outbox (with its idempotency key)
                // and goes out when the connection returns; the box is free for the next one.
                Err(Failure::Network) => outbox.queue(letter),
                Err(failure) => return Err(failure),
            }
            body.set(String::new());
            forget(&key);
            forget(&format!("{key}.send"));
            Ok(())
        });
    };
    let field_id = format!("comment-{id}-{}", parent.unwrap_or(0));
    view! {
        <form class="comment-form" on:submit=submit novalidate>
            <label class="visually-hidden" for=field_id.clone()>{pt.comment_hint}</label>
            <textarea id=field_id rows="2" placeholder=pt.comment_hint bind:value=body on:input=move |_| form.clear_field("body")></textarea>
            <FieldError error />
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>
                {move || if form.offline.get() || form.general.with(Option::is_some) { t.retry } else { pt.send }}
            </button>
        </form>
    }
}

/// Flags the post, or one comment, to the board with a reason.
#[component]
pub fn FlagButton(post: Option<i64>, comment: Option<i64>) -> impl IntoView {
    let pt = use_post_texts();
    let open = RwSignal::new(false);
    let done = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let error = form.field("reason");
    let post = post.or_else(|| use_context::<PostId>().map(|p| p.0)).unwrap_or(0);
    let send = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let request = FlagRequest {
            comment_id: comment,
            reason: reason.get_untracked(),
        };
        let path = format!("/api/posts/{post}/flags");
        form.send(
            async move { api::post::<_, ()>(&path, &request).await },
            move |()| {
                open.set(false);
                done.set(true);
            },
        );
    };
    view! {
        <button type="button" class="link" on:click=move |_| open.update(|o| *o = !*o)>{pt.flag}</button>
        <Show when=move || done.get()><p class="notice" role="status">{pt.flagged}</p></Show>
        <Show when=move || open.get()>
            <form class="flag-form" on:submit=send novalidate>
                <label>{pt.flag_reason}<input type="text" bind:value=reason /></label>
                <FieldError error />
                <FormMessage form />
                <button type="submit" class="button" disabled=move || form.busy.get()>{pt.send}</button>
            </form>
        </Show>
    }
}

/// Who reacted, loaded when she opens the list.
#[component]
fn Reactors(id: i64) -> impl IntoView {
    let pt = use_post_texts();
    let open = RwSignal::new(false);
    let list = api::fetched::<Vec<Reactor>>(move || open.get().then(|| format!("/api/posts/{id}/reactions")));
    view! {
        <details class="card" on:toggle=move |_| open.set(true)>
            <summary>{pt.who_reacted}</summary>
            <ul>
                {move || list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| view! {
                    <li>{r.kind.emoji()} " " {r.display_name}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}

/// The author edits or deletes her post.
#[component]
fn AuthorTools(post: PostView, version: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let pt = use_post_texts();
    let editing = RwSignal::new(false);
    let body = RwSignal::new(post.body.clone());
    let form = FormState::new();
    let id = post.id;
    // A scheduled post can move to another time (or to now) before it is out.
    let scheduled = post.status == PostStatus::Scheduled;
    let when = RwSignal::new(post.publish_at.map(time::to_input).unwrap_or_default());
    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let request = hoi_api::feed::PostDraft {
            kind: post.kind,
            category: post.category,
            body: body.get_untracked(),
            photo_ids: Vec::new(),
            idempotency_key: None,
            publish_at: scheduled
                .then(|| when.with_untracked(|text| time::from_input(text)))
                .flatten(),
            poll: None,
        };
        let mut errors = request.validate().err().unwrap_or_default();
        if scheduled && request.publish_at.is_none() {
            errors.add("publish_at", hoi_api::ErrorCode::Required);
        }
        if let Err(code) = request.check_schedule(time::now()) {
            errors.add("publish_at", code);
        }
        if !errors.is_empty() {
            form.show_local(errors);
            return;
        }
        form.send(
            async move { api::put::<_, PostView>(&format!("/api/posts/{id}"), &request).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    let remove = move |_| {
        // One stray tap must not delete what she wrote.
        if !window().confirm_with_message(pt.confirm_delete).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            if api::delete(&format!("/api/posts/{id}")).await.is_ok() {
                version.update(|v| *v += 1);
            }
        });
    };
    let error = form.field("body");
    view! {
        <div class="post-tools">
            <button type="button" class="button ghost" on:click=move |_| editing.update(|e| *e = !*e)>{pt.edit}</button>
            <button type="button" class="button ghost danger" on:click=remove>{pt.delete}</button>
        </div>
        <Show when=move || editing.get()>
            <form class="card form" on:submit=save novalidate>
                <textarea rows="6" aria-label=t.body_label bind:value=body></textarea>
                <FieldError error />
                {scheduled.then(|| view! {
                    <Field id="publish_at" label=use_schedule_texts().when error=form.field("publish_at")>
                        <input id="publish_at" type="datetime-local" aria-describedby="publish_at-error" bind:value=when
                            on:input=move |_| form.clear_field("publish_at") />
                    </Field>
                })}
                <FormMessage form />
                <button type="submit" class="button primary">{t.save}</button>
            </form>
        </Show>
    }
}

/// The board's tools on one post.
#[component]
fn BoardTools(
    id: i64,
    pending: bool,
    published: bool,
    /// Not out yet: the board can only take it back.
    scheduled: bool,
    pinned: bool,
    question: bool,
    version: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let pt = use_post_texts();
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let answer = draft(format!("draft.answer.{id}"));
    // Every tool sends one request, then reloads the post (or shows why it failed).
    let act = move |call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), api::Failure>>>>| {
        form.send(call, move |()| version.update(|v| *v += 1));
    };
    let decide = move |approve: bool| {
        let reason = reason.get_untracked();
        let request = PostDecision {
            approve,
            reason: (!reason.trim().is_empty()).then_some(reason),
        };
        act(Box::pin(async move {
            api::post(&format!("/api/posts/{id}/decision"), &request).await
        }));
    };
    let top = move |pinned: bool, announcement_days: Option<u32>| {
        let request = PinRequest {
            pinned,
            announcement_days,
        };
        act(Box::pin(async move {
            api::put(&format!("/api/posts/{id}/pin"), &request).await
        }));
    };
    let remove = move |_| {
        act(Box::pin(
            async move { api::delete(&format!("/api/posts/{id}")).await },
        ))
    };
    let send_answer = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let request = TextBody {
            body: answer.get_untracked(),
        };
        act(Box::pin(async move {
            api::post::<_, ()>(&format!("/api/posts/{id}/answer"), &request).await?;
            forget(&format!("draft.answer.{id}"));
            Ok(())
        }));
    };
    view! {
        <section class="card board-tools">
            {pending.then(|| view! {
                <p class="hint">{pt.note_to_author} " ↓"</p>
                <label>{pt.reason_label}<input type="text" bind:value=reason /></label>
                <div class="actions">
                    <button type="button" class="button primary" on:click=move |_| decide(true)>{t.approve}</button>
                    <button type="button" class="button" on:click=move |_| decide(false)>{pt.reject}</button>
                </div>
            })}
            {published.then(|| view! {
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| top(!pinned, None)>{if pinned { pt.unpin } else { pt.pin }}</button>
                    <button type="button" class="button" on:click=move |_| top(false, Some(7))>{pt.announce}</button>
                    <button type="button" class="button danger" on:click=remove>{pt.remove}</button>
                </div>
            })}
            {scheduled.then(|| view! {
                <div class="actions">
                    <button type="button" class="button danger" on:click=remove>{pt.remove}</button>
                </div>
            })}
            {question.then(|| view! {
                <form class="form" on:submit=send_answer novalidate>
                    <label for="answer">{t.board_answer}</label>
                    <textarea id="answer" rows="3" bind:value=answer></textarea>
                    <button type="submit" class="button primary">{pt.answer_submit}</button>
                </form>
            })}
            <FormMessage form />
        </section>
    }
}
