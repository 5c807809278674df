//! Province → commune/ward, searchable without diacritics ("gia lam" finds "Gia Lâm").

use hoi_api::units::UnitRef;
use leptos::prelude::*;

use crate::{api, i18n::use_texts};

/// Picks a commune/ward. `selected` holds the chosen unit (two-way).
#[component]
pub fn UnitPicker(selected: RwSignal<Option<UnitRef>>) -> impl IntoView {
    let t = use_texts();
    let provinces = api::fetched::<Vec<UnitRef>>(|| Some("/api/units".to_owned()));
    let province = RwSignal::new(None::<i64>);
    let query = RwSignal::new(String::new());
    let communes = api::fetched::<Vec<UnitRef>>(move || {
        let province = province.get()?;
        let q = js_sys::encode_uri_component(query.get().trim());
        Some(format!("/api/units?parent={province}&q={q}"))
    });
    view! {
        <div class="unit-picker">
            {move || selected.get().map(|unit| view! {
                <p class="chosen-unit">
                    <span><strong>{unit.name}</strong>{unit.parent_name.map(|p| format!(", {p}"))}</span>
                    <button type="button" class="link" aria-label="✕" on:click=move |_| selected.set(None)>"✕"</button>
                </p>
            })}
            <div class="field">
                <label for="province">{t.province_label}</label>
                <select id="province" on:change:target=move |ev| province.set(ev.target().value().parse().ok())>
                    <option value="">{t.choose_province}</option>
                    {move || provinces.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| view! {
                        <option value=p.id.to_string()>{p.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || province.get().is_some()>
                <div class="field">
                    <label for="commune-search">{t.commune_label}</label>
                    <input id="commune-search" type="search" placeholder=t.commune_search_hint bind:value=query />
                </div>
                <ul class="unit-results">
                    {move || communes.get().and_then(Result::ok).unwrap_or_default().into_iter().take(30).map(|unit| {
                        let chosen = unit.clone();
                        view! {
                            <li>
                                <button type="button" class="unit-option" on:click=move |_| selected.set(Some(chosen.clone()))>
                                    {unit.name}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
