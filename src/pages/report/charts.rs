//! The report's charts as SVG drawn in the page: no chart library to download, and attributes
//! rather than inline styles (the content security policy forbids those). Coordinates live in a
//! 300 × 120 view box that scales to the phone's width.

use leptos::prelude::*;

const WIDTH: u32 = 300;
const HEIGHT: u32 = 120;
/// Room under the plot for the first and last labels.
const PLOT: u32 = 100;

/// The value's height in the plot, with the largest value at the top.
fn scaled(value: u32, max: u32) -> u32 {
    (u64::from(value) * u64::from(PLOT) / u64::from(max.max(1))) as u32
}

/// The first and last labels under the plot, and the largest value at the top left.
fn axis(labels: &[String], max: u32) -> impl IntoView {
    let first = labels.first().cloned().unwrap_or_default();
    let last = labels.last().cloned().unwrap_or_default();
    view! {
        <text x="0" y=HEIGHT class="axis">{first}</text>
        <text x=WIDTH y=HEIGHT text-anchor="end" class="axis">{last}</text>
        <text x="0" y="9" class="axis">{max}</text>
    }
}

/// A line: the members at the end of each step (the growth curve).
pub fn line(values: &[u32], labels: &[String]) -> impl IntoView {
    let max = values.iter().copied().max().unwrap_or(0);
    let steps = values.len().saturating_sub(1).max(1) as u32;
    let points: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{},{} ", i as u32 * WIDTH / steps, PLOT - scaled(*v, max)))
        .collect();
    let last = values.last().copied().unwrap_or(0);
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="img" aria-label=format!("{} → {last}", values.first().copied().unwrap_or(0))>
            <line x1="0" y1=PLOT x2=WIDTH y2=PLOT class="bar-track-line" />
            <polyline points=points class="line" fill="none" />
            {axis(labels, max)}
        </svg>
    }
}

/// Bars: one per step, hour or weekday.
pub fn bars(values: &[u32], labels: &[String]) -> impl IntoView {
    let max = values.iter().copied().max().unwrap_or(0);
    let count = values.len().max(1) as u32;
    let slot = WIDTH / count;
    let width = (slot * 3 / 4).max(1);
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="img">
            {values.iter().zip(labels.iter()).enumerate().map(|(i, (v, label))| {
                let h = scaled(*v, max);
                view! {
                    <rect x=i as u32 * slot y=PLOT - h width=width height=h class="bar"><title>{format!("{label}: {v}")}</title></rect>
                }
            }).collect_view()}
            {axis(labels, max)}
        </svg>
    }
}
