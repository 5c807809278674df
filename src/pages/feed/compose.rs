//! Writing a post, a question to the board or a poll, with photos shrunk on the phone. The text, the
//! topic and the uploaded photos are kept on the phone until the post is sent; sent without a
//! connection, the post waits in the outbox and goes out when the connection returns.

use hoi_api::{
    feed::{Category, PostDraft, PostKind, PostView, MAX_PHOTOS},
    groups::{GroupDetail, MembershipStatus},
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api::{self, Failure},
    components::{form::FormMessage, Field, FieldError, FormState},
    i18n::{compose::use_compose_texts, poll::use_poll_texts, schedule::use_schedule_texts, use_texts},
    outbox::{use_outbox, About, Letter},
    pages::{
        groups::use_group_id,
        poll::{PollDraft, PollFields},
    },
    photo,
    prefs::{draft, forget, send_key},
    time,
};

#[component]
pub fn ComposePage() -> impl IntoView {
    let t = use_texts();
    let ct = use_compose_texts();
    let pl = use_poll_texts();
    let group = use_group_id().get_untracked();
    let navigate = use_navigate();
    let outbox = use_outbox();
    let asked = use_query_map().with_untracked(|q| q.get("kind"));
    let key = format!("draft.post.{group}");
    let body = draft(format!("{key}.body"));
    let category_text = draft(format!("{key}.category"));
    // The kind is part of the draft too: a poll half-written is still a poll after a reload.
    let kind_text = draft(format!("{key}.kind"));
    if let Some(asked) = asked {
        kind_text.set(asked);
    }
    let kind = Memo::new(move |_| kind_text.with(|k| PostKind::parse(k)).unwrap_or(PostKind::Post));
    let poll = PollDraft::new(&key);
    let photos = photo::drafted(format!("{key}.photos"));
    let uploading = RwSignal::new(0usize);
    let form = FormState::new();
    let photo_form = FormState::new();
    let category = move || Category::parse(&category_text.get()).unwrap_or(Category::HoiNews);
    // The board may schedule a post: the time as the form's `datetime-local` text, kept with
    // the draft; empty for "now".
    let publish_at = draft(format!("{key}.publish_at"));
    let detail = api::fetched::<GroupDetail>(move || Some(format!("/api/groups/{group}")));
    let board = move || {
        detail.with(|d| {
            d.as_ref().and_then(|d| d.as_ref().ok()).is_some_and(|d| {
                d.summary
                    .me
                    .as_ref()
                    .is_some_and(|m| m.status == MembershipStatus::Active && m.role.is_board())
            })
        })
    };

    let picked = move |event: ev::Event| {
        photo_form.clear();
        let url = format!("/api/groups/{group}/photos");
        photo::upload_picked(&event, &url, MAX_PHOTOS, photos, uploading, move |failure| {
            photo_form.show_failure(failure)
        });
    };

    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() || uploading.get_untracked() > 0 {
            return;
        }
        let request = PostDraft {
            kind: kind.get_untracked(),
            category: Category::parse(&category_text.get_untracked()).unwrap_or(Category::HoiNews),
            body: body.get_untracked(),
            photo_ids: photos.with_untracked(|list| list.iter().map(|p| p.id).collect()),
            idempotency_key: Some(send_key(&key)),
            publish_at: publish_at.with_untracked(|text| time::from_input(text)),
            poll: (kind.get_untracked() == PostKind::Poll).then(|| poll.poll()),
        };
        let mut errors = request.validate().err().unwrap_or_default();
        if publish_at.with_untracked(|text| !text.is_empty()) && request.publish_at.is_none() {
            errors.add("publish_at", hoi_api::ErrorCode::Required);
        }
        if let Err(code) = request.check_schedule(time::now()) {
            errors.add("publish_at", code);
        }
        if poll.closes.with_untracked(|text| !text.is_empty())
            && request.poll.as_ref().is_some_and(|p| p.closes_at.is_none())
        {
            errors.add("closes_at", hoi_api::ErrorCode::Required);
        }
        if let Err(code) = request.check_poll_close(time::now()) {
            errors.add("closes_at", code);
        }
        if !errors.is_empty() {
            form.show_local(errors);
            return;
        }
        form.clear();
        let key = key.clone();
        let navigate = navigate.clone();
        let path = format!("/api/groups/{group}/posts");
        let letter = Letter {
            about: About::Post(group),
            path: path.clone(),
            body: serde_json::to_string(&request).unwrap_or_default(),
            key: request.idempotency_key.clone().unwrap_or_default(),
            owner: None,
        };
        let sent = async move { api::post::<_, PostView>(&path, &request).await };
        form.send_and(sent, move |answer| {
            let next = match answer {
                Ok(post) => format!("/posts/{}", post.id),
                // No connection: the post waits in the outbox, with its idempotency key, and
                // the group's page says so.
                Err(Failure::Network) => {
                    outbox.queue(letter);
                    format!("/groups/{group}")
                }
                // Nothing is lost: the draft stays, the button sends it again.
                Err(failure) => return Err(failure),
            };
            for part in ["kind", "body", "category", "photos", "send", "publish_at"] {
                forget(&format!("{key}.{part}"));
            }
            PollDraft::forget(&key);
            navigate(&next, Default::default());
            Ok(())
        });
    };
    let body_error = form.field("body");
    let photos_error = form.field("photos");
    view! {
        <form class="card form compose" on:submit=submit novalidate>
            <h1>{move || match kind.get() {
                PostKind::Question => t.ask_board,
                PostKind::Poll => pl.kind,
                PostKind::Post => t.write_post,
            }}</h1>
            <fieldset class="choice">
                <legend>{ct.kind_label}</legend>
                {[(PostKind::Post, t.kind_post), (PostKind::Question, ct.kind_question), (PostKind::Poll, pl.kind)].map(|(value, label)| view! {
                    <label>
                        <input type="radio" name="kind" prop:checked=move || kind.get() == value on:change=move |_| kind_text.set(value.as_str().to_owned()) />
                        {label}
                    </label>
                })}
            </fieldset>
            <div class="field">
                <label for="category">{t.category_label}</label>
                <select id="category" on:change=move |ev| category_text.set(event_target_value(&ev))>
                    {Category::ALL.iter().map(|c| {
                        let c = *c;
                        view! { <option value=c.as_str() selected=move || category() == c>{t.category(c)}</option> }
                    }).collect_view()}
                </select>
            </div>
            // The question of a poll, the text of anything else: one draft, relabelled.
            {move || {
                let poll = kind.get() == PostKind::Poll;
                let (label, hint, rows) = if poll { (pl.question, pl.question_hint, "2") } else { (t.body_label, ct.body_hint, "6") };
                view! {
                    <Field id="body" label=label error=body_error>
                        <textarea id="body" rows=rows placeholder=hint aria-describedby="body-error" bind:value=body on:input=move |_| form.clear_field("body")></textarea>
                    </Field>
                }
            }}
            <Show when=move || kind.get() == PostKind::Poll>
                <PollFields poll form />
            </Show>
            <div class="field">
                <div class="photo-grid">
                    <For each=move || photos.get() key=|p| p.id let:photo>
                        <figure>
                            <img src=format!("/api/photos/{}/thumb", photo.id) width=photo.width height=photo.height alt="" />
                            <button type="button" class="link" on:click=move |_| photos.update(|list| list.retain(|p| p.id != photo.id))>
                                {t.remove_photo}
                            </button>
                        </figure>
                    </For>
                </div>
                <label class="button" class:disabled=move || photos.with(|p| p.len() >= MAX_PHOTOS)>
                    "📷 " {ct.add_photos}
                    <input type="file" accept="image/*" multiple class="visually-hidden" on:change=picked
                        disabled=move || photos.with(|p| p.len() >= MAX_PHOTOS) />
                </label>
                <p class="hint">{ct.photos_hint}</p>
                <Show when=move || { uploading.get() > 0 }><p class="muted" role="status">{ct.uploading}</p></Show>
                <FieldError error=photos_error />
                <FormMessage form=photo_form />
            </div>
            {move || board().then(|| view! { <Schedule publish_at form /> })}
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || { form.busy.get() || uploading.get() > 0 }>
                {move || if form.general.with(Option::is_some) || form.offline.get() { t.retry } else { ct.publish }}
            </button>
        </form>
    }
}

/// "Hẹn giờ đăng" for the board: off, or the Vietnam time the post appears at.
#[component]
fn Schedule(publish_at: RwSignal<String>, form: FormState) -> impl IntoView {
    let s = use_schedule_texts();
    let on = move || publish_at.with(|text| !text.is_empty());
    let toggle = move |ev: ev::Event| {
        let checked = event_target_checked(&ev);
        form.clear_field("publish_at");
        publish_at.set(if checked {
            time::to_input(time::now() + chrono::Duration::hours(1))
        } else {
            String::new()
        });
    };
    view! {
        <fieldset class="choice schedule">
            <label>
                <input type="checkbox" id="schedule" prop:checked=on on:change=toggle />
                <span><strong>{s.schedule}</strong><br /><span class="muted">{s.hint}</span></span>
            </label>
            <Show when=on>
                <Field id="publish_at" label=s.when error=form.field("publish_at")>
                    <input id="publish_at" type="datetime-local" aria-describedby="publish_at-error" bind:value=publish_at
                        on:input=move |_| form.clear_field("publish_at") />
                </Field>
            </Show>
        </fieldset>
    }
}
