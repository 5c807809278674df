//! "Gửi bài dự thi": 1–5 photos, a title and a short story. The text and the uploaded photos are
//! kept on the phone until the entry is sent, so a reload or a lost connection loses nothing.

use hoi_api::photo_contest::{EntryForm, EntryView, MAX_ENTRY_PHOTOS};
use leptos::{ev, prelude::*};

use crate::{
    api,
    components::{
        form::{FormMessage, FormState, TextField},
        Field, FieldError,
    },
    i18n::{photo_contest::use_photo_contest_texts, use_texts},
    photo,
    prefs::{draft, forget},
};

#[component]
pub fn EnterForm(contest_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let t = use_texts();
    let key = format!("contest.{contest_id}.entry");
    let title = draft(format!("{key}.title"));
    let story = draft(format!("{key}.story"));
    let photos = photo::drafted(format!("{key}.photos"));
    let form = FormState::new();
    let uploading = RwSignal::new(0usize);

    let picked = move |event: ev::Event| {
        form.clear_field("photos");
        let url = format!("/api/photo-contests/{contest_id}/photos");
        photo::upload_picked(
            &event,
            &url,
            MAX_ENTRY_PHOTOS,
            photos,
            uploading,
            move |failure| form.show_failure(failure),
        );
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
        let key = key.clone();
        let path = format!("/api/photo-contests/{contest_id}/entries");
        form.send(
            async move { api::post::<_, EntryView>(&path, &request).await },
            move |_| {
                for part in ["title", "story", "photos"] {
                    forget(&format!("{key}.{part}"));
                }
                reload.update(|n| *n += 1);
            },
        );
    };
    let story_error = form.field("story");
    let photos_error = form.field("photos");
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>{c.enter_title}</h2>
            <TextField id="title" label=c.entry_title value=title form />
            <Field id="story" label=c.story error=story_error>
                <textarea id="story" rows="3" aria-describedby="story-error" bind:value=story on:input=move |_| form.clear_field("story")></textarea>
            </Field>
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
                <FieldError error=photos_error />
            </div>
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || { form.busy.get() || uploading.get() > 0 }>
                {c.send_entry}
            </button>
        </form>
    }
}
