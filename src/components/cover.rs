//! "Ảnh bìa": choosing a cover photo for a group or a quiz. The photo is shrunk on the phone and
//! uploaded to `/api/covers` at once (it belongs to no group yet); the form then names it.

use leptos::{ev, prelude::*};

use crate::{
    components::{FieldError, FormState},
    i18n::use_texts,
    photo,
};

/// The cover as the form keeps it: its id as text (a draft), empty for none.
pub fn cover_id(text: &str) -> Option<i64> {
    text.parse().ok()
}

#[component]
pub fn CoverPicker(cover: RwSignal<String>, form: FormState) -> impl IntoView {
    let t = use_texts();
    let uploading = RwSignal::new(false);
    let pick = move |event: ev::Event| {
        form.clear_field("cover");
        let sent = photo::upload_one(&event, "/api/covers", move |answer| {
            match answer {
                Ok(view) => cover.set(view.id.to_string()),
                Err(failure) => form.show_failure(failure),
            }
            uploading.set(false);
        });
        uploading.set(sent);
    };
    let chosen = move || cover.with(|text| cover_id(text));
    view! {
        <div class="field">
            {move || chosen().map(|id| view! { <img class="cover" src=format!("/api/covers/{id}/thumb") alt="" /> })}
            <label class="button">
                {move || if uploading.get() { t.loading } else { t.cover }}
                <input type="file" accept="image/*" class="visually-hidden" on:change=pick />
            </label>
            {move || chosen().map(|_| view! {
                <button type="button" class="link" on:click=move |_| cover.set(String::new())>{t.remove_cover}</button>
            })}
            <FieldError error=form.field("cover") />
        </div>
    }
}
