//! Tabs whose features are not built yet say so plainly, rather than showing an empty screen.

use leptos::prelude::*;

use crate::i18n::{use_texts, Texts};

#[component]
fn Coming(text: fn(&Texts) -> &'static str) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card coming">
            <h1>{t.coming_title}</h1>
            <p>{move || text(t)}</p>
        </section>
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    view! { <Coming text=|t| t.coming_surveys /> }
}
