//! "Gửi bài dự thi": 1–5 photos, a title and a short story. The text and the uploaded photos are
//! kept on the phone until the entry is sent, so a reload or a lost connection loses nothing.

use hoi_api::{
    contest::{EntryForm, EntryView, MAX_ENTRY_PHOTOS},
    feed::PhotoView,
};
use leptos::{ev, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::{
    api,
    components::form::{FormMessage, FormState, TextField},
    i18n::{contest::use_contest_texts, use_texts},
    photo,
    prefs::{draft, forget},
};

#[component]
pub fn EnterForm(contest_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let c = use_contest_texts();
    let t = use_texts();
    let key = format!("contest.{contest_id}.entry");
    let title = draft(format!("{key}.title"));
    let story = draft(format!("{key}.story"));
    let photos_text = draft(format!("{key}.photos"));
    let photos = RwSignal::new(
        serde_json::from_str::<Vec<PhotoView>>(&photos_text.get_untracked()).unwrap_or_default(),
    );
    Effect::new(move |_| photos_text.set(serde_json::to_string(&photos.get()).unwrap_or_default()));
    let form = FormState::new();
    let uploading = RwSignal::new(0u32);

    let picked = move |event: ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        form.clear_field("photos");
        let room = MAX_ENTRY_PHOTOS.saturating_sub(photos.with_untracked(Vec::len));
        let chosen: Vec<web_sys::File> = (0..files.length())
            .filter_map(|i| files.get(i))
            .take(room)
            .collect();
        input.set_value("");
        for file in chosen {
            uploading.update(|n| *n += 1);
            spawn_local(async move {
                let shrunk = photo::shrink(file.into()).await;
                match api::post_blob::<PhotoView>(&format!("/api/contests/{contest_id}/photos"), &shrunk)
                    .await
                {
                    Ok(view) => photos.update(|list| list.push(view)),
                    Err(failure) => form.show_failure(failure),
                }
                uploading.update(|n| *n -= 1);
            });
        }
    };

    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() || uploading.get_untracked() > 0 {
            return;
        }
        let request = EntryForm {
            title: title.get_untracked(),
            story: story.get_untracked(),
            photo_ids: photos.with_untracked(|list| list.iter().map(|p| p.id).collect()),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        form.clear();
        form.busy.set(true);
        let key = key.clone();
        spawn_local(async move {
            match api::post::<_, EntryView>(&format!("/api/contests/{contest_id}/entries"), &request).await {
                Ok(_) => {
                    for part in ["title", "story", "photos"] {
                        forget(&format!("{key}.{part}"));
                    }
                    reload.update(|n| *n += 1);
                }
                // The draft stays; the button sends it again.
                Err(failure) => form.show_failure(failure),
            }
            form.busy.set(false);
        });
    };
    let story_error = form.field("story");
    let photos_error = form.field("photos");
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>{c.enter_title}</h2>
            <TextField id="title" label=c.entry_title value=title form />
            <div class="field" class:has-error=move || story_error.get().is_some()>
                <label for="story">{c.story}</label>
                <textarea id="story" rows="3" bind:value=story on:input=move |_| form.clear_field("story")></textarea>
                <p class="field-error" role="alert">{move || story_error.get()}</p>
            </div>
            <div class="field" class:has-error=move || photos_error.get().is_some()>
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
                <label class="button">
                    {c.add_photos}
                    <input id="entry-photos" type="file" accept="image/*" multiple class="visually-hidden" on:change=picked />
                </label>
                <Show when=move || { uploading.get() > 0 }><p class="muted" role="status">{c.uploading}</p></Show>
                <p class="field-error" role="alert">{move || photos_error.get()}</p>
            </div>
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || { form.busy.get() || uploading.get() > 0 }>
                {c.send_entry}
            </button>
        </form>
    }
}
