//! "Ảnh bìa": choosing a cover photo for a group or a quiz. The photo is shrunk on the phone and
//! uploaded to `/api/covers` at once (it belongs to no group yet); the form then names it.

use hoi_api::feed::PhotoView;
use leptos::{ev, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::{
    api,
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
        let Some(file) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        form.clear_field("cover");
        uploading.set(true);
        spawn_local(async move {
            let shrunk = photo::shrink(file.into()).await;
            match api::post_blob::<PhotoView>("/api/covers", &shrunk).await {
                Ok(view) => cover.set(view.id.to_string()),
                Err(failure) => form.show_failure(failure),
            }
            uploading.set(false);
        });
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
