//! Province → commune/ward, searchable without diacritics ("gia lam" finds "Gia Lâm"), and
//! optionally one of the commune's branches (chi hội).

use hoi_api::units::{UnitLevel, UnitRef};
use leptos::prelude::*;

use crate::{api, i18n::use_texts};

/// Picks a commune/ward. `selected` holds the chosen unit (two-way).
#[component]
pub fn UnitPicker(
    selected: RwSignal<Option<UnitRef>>,
    /// When given, the chosen commune's branches are offered under this heading (the form's own
    /// words, so the first load carries none of them); choosing one selects the branch.
    #[prop(default = "")]
    branch_label: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let branches = api::fetched::<Vec<UnitRef>>(move || {
        let unit = selected.with(|u| u.as_ref().filter(|u| u.level == UnitLevel::Commune).map(|u| u.id))?;
        (!branch_label.is_empty()).then(|| format!("/api/units?parent={unit}"))
    });
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
            {move || {
                let commune = selected.with(|u| u.as_ref().is_some_and(|u| u.level == UnitLevel::Commune));
                let found = branches.get().and_then(Result::ok).filter(|b| commune && !b.is_empty())?;
                Some(view! {
                    <p class="hint">{branch_label}</p>
                    <ul class="unit-results branches">
                        {found.into_iter().map(|branch| {
                            let chosen = branch.clone();
                            view! {
                                <li>
                                    <button type="button" class="unit-option" on:click=move |_| selected.set(Some(chosen.clone()))>
                                        {branch.name}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
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
