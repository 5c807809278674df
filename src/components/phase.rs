//! The badge a quiz, a photo contest and a survey wear for where they stand. Each feature names
//! its own phases; they all look like one of three: not open yet, open, closed.

use leptos::prelude::*;

/// Where a phase stands, for its look.
#[derive(Clone, Copy)]
pub enum Stage {
    Upcoming,
    Open,
    Closed,
}

/// The phase's words in the badge of its stage.
pub fn phase_badge(stage: Stage, text: &'static str) -> impl IntoView {
    let class = match stage {
        Stage::Upcoming => "badge phase-upcoming",
        Stage::Open => "badge phase-open",
        Stage::Closed => "badge phase-closed",
    };
    view! { <span class=class>{text}</span> }
}
