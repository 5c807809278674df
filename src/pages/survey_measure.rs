//! Empty stand-ins for the survey pages, compiled only without the `surveys` feature: the build
//! that measures what the real pages add to the download (see `cargo xtask build`).

use leptos::prelude::*;

pub mod outbox {
    pub fn provide() {}
}

#[component]
pub fn SurveysPage() -> impl IntoView {}

#[component]
pub fn SurveyBuilderPage() -> impl IntoView {}

#[component]
pub fn SurveyPage() -> impl IntoView {}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {}
