//! The unit's pipeline: applications by status and unit, the XLSX export, and one application
//! whole with the moves mới → đã liên hệ → đã kết nạp / không kết nạp.

use hoi_api::{
    hoi::{ApplicationStatus, ApplicationSummary, ApplicationView, ProgressRequest, UnitApplicationCounts},
    Page,
};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api,
    components::{
        form::{loaded, waiting, Field, FormMessage},
        FormState,
    },
    i18n::{hoi::use_hoi_texts, use_texts},
    time,
};

#[component]
pub fn PipelinePage() -> impl IntoView {
    let h = use_hoi_texts();
    let t = use_texts();
    let status = RwSignal::new(None::<ApplicationStatus>);
    let unit = RwSignal::new(None::<i64>);
    let cursor = RwSignal::new(None::<String>);
    let items = RwSignal::new(Vec::<ApplicationSummary>::new());
    let filters = move || {
        let mut query = Vec::new();
        if let Some(status) = status.get() {
            query.push(format!("status={}", status.as_str()));
        }
        if let Some(unit) = unit.get() {
            query.push(format!("unit={unit}"));
        }
        query.join("&")
    };
    // A new filter starts the list again.
    Effect::new(move |_| {
        filters();
        cursor.set(None);
        items.set(Vec::new());
    });
    let page = api::fetched::<Page<ApplicationSummary>>(move || {
        let mut path = format!("/api/hoi/applications?{}", filters());
        if let Some(cursor) = cursor.get() {
            path.push_str(&format!("&cursor={cursor}"));
        }
        Some(path)
    });
    Effect::new(move |_| {
        if let Some(Ok(page)) = page.get() {
            items.update(|items| items.extend(page.items));
        }
    });
    let counts =
        api::fetched::<Vec<UnitApplicationCounts>>(|| Some("/api/hoi/applications/counts".to_owned()));
    let chip = move |value: Option<ApplicationStatus>, label: &'static str| {
        view! {
            <button type="button" class="chip" class:selected=move || status.get() == value
                aria-pressed=move || (status.get() == value).to_string()
                on:click=move |_| status.set(value)>{label}</button>
        }
    };
    view! {
        <A href="/join-hoi" attr:class="back">"← " {t.tab_join_hoi}</A>
        <h1>{h.pipeline_title}</h1>
        <div class="chip-row">
            {chip(None, h.all)}
            {ApplicationStatus::ALL.iter().map(|s| chip(Some(*s), h.status(*s))).collect_view()}
        </div>
        {move || counts.get().and_then(Result::ok).filter(|c| c.len() > 1).map(|counts| view! {
            <table class="unit-counts">
                <thead><tr>
                    <th>{h.unit}</th>
                    {ApplicationStatus::ALL.iter().map(|s| view! { <th>{h.status(*s)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {counts.into_iter().map(|c| {
                        let id = c.unit.id;
                        view! { <tr>
                            <td><button type="button" class="link" aria-pressed=move || (unit.get() == Some(id)).to_string()
                                on:click=move |_| unit.update(|u| *u = if *u == Some(id) { None } else { Some(id) })>{c.unit.name}</button></td>
                            <td>{c.new}</td><td>{c.contacted}</td><td>{c.admitted}</td><td>{c.declined}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <a class="button" href=move || format!("/api/hoi/applications/export.xlsx?{}", filters()) download="">{h.export}</a>
        <p class="hint">{h.logged_notice}</p>
        {move || match page.get() {
            Some(Err(failure)) => waiting(Some(failure)),
            None if items.with(Vec::is_empty) => view! { <p class="muted">{t.loading}</p> }.into_any(),
            _ if items.with(Vec::is_empty) => view! { <p class="empty">{h.none_yet}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <ul class="application-list">
            {move || items.get().into_iter().map(|a| view! {
                <li>
                    <A href=format!("/hoi/applications/{}", a.id)>
                        <strong>{a.full_name}</strong>
                        <span class=format!("badge status-{}", a.status.as_str())>{h.status(a.status)}</span>
                        <span class="muted">{a.phone_masked} " · " {a.unit.name} " · " {time::date(a.created_at)}</span>
                    </A>
                </li>
            }).collect_view()}
        </ul>
        {move || page.get().and_then(Result::ok).and_then(|p| p.next).map(|next| view! {
            <button type="button" class="button ghost" on:click=move |_| cursor.set(Some(next.clone()))>{h.more}</button>
        })}
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let id = crate::pages::use_id_param();
    let version = RwSignal::new(0u32);
    let application = api::fetched::<ApplicationView>(move || {
        version.track();
        id.get().map(|id| format!("/api/hoi/applications/{id}"))
    });
    view! {
        <A href="/hoi/applications" attr:class="back">"← " {use_hoi_texts().pipeline_title}</A>
        {move || loaded(application.get(), |application| view! { <Review application version /> }.into_any())}
    }
}

/// One application whole, with the moves its status allows.
#[component]
fn Review(application: ApplicationView, version: RwSignal<u32>) -> impl IntoView {
    let h = use_hoi_texts();
    let id = application.id;
    let note = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let send = move |status: Option<ApplicationStatus>| {
        let request = ProgressRequest {
            status,
            note: note.get_untracked(),
            reason: reason.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        let path = format!("/api/hoi/applications/{id}/progress");
        form.send(
            async move { api::post::<_, ApplicationView>(&path, &request).await },
            move |_| {
                version.update(|v| *v += 1);
            },
        );
    };
    let current = application.status;
    let move_button = move |to: ApplicationStatus, label: &'static str, class: &'static str| {
        current.can_move_to(to).then(|| view! {
            <button type="button" class=class disabled=move || form.busy.get() on:click=move |_| send(Some(to))>{label}</button>
        })
    };
    let place = match &application.branch {
        Some(branch) => format!("{}, {}", branch.name, application.commune.place()),
        None => application.commune.place(),
    };
    let birth = hoi_api::hoi::parse_date(&application.birth_date)
        .map(|d| time::date(d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()))
        .unwrap_or_else(|| application.birth_date.clone());
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    view! {
        <section class="card application">
            <h1>{application.full_name.clone()}</h1>
            <p><span class=format!("badge status-{}", current.as_str())>{h.status(current)}</span></p>
            <p class="hint">{h.logged_notice}</p>
            <dl class="facts">
                {row(h.birth_date, birth)}
                <dt>{use_texts().phone_label}</dt>
                <dd>{application.phone.local()} " " <a class="button ghost" href=format!("tel:{}", application.phone.as_e164())>{h.call}</a></dd>
                {row(h.place, place)}
                {row(h.occupation, application.occupation.clone())}
                {row(h.education, application.education.clone())}
                {(!application.wish.is_empty()).then(|| row(h.wish, application.wish.clone()))}
                {application.ethnicity.clone().map(|e| row(h.ethnicity, e))}
                {application.religion.clone().map(|r| row(h.religion, r))}
                {application.source_group.clone().map(|g| row(h.source_group, g.name))}
                {row(h.sent_on, time::date(application.created_at))}
                {application.decline_reason.clone().map(|r| row(h.reason, r))}
            </dl>
            <h2>{h.consents}</h2>
            <ul class="consent-list">
                {application.consents.into_iter().map(|c| view! {
                    <li class:withdrawn=c.withdrawn_at.is_some()>
                        {c.statement} " (" {h.version} " " {c.version} ", " {time::date(c.granted_at)} ")"
                        {c.withdrawn_at.map(|at| view! { <strong>" · " {h.withdrawn_on} " " {time::date(at)}</strong> })}
                    </li>
                }).collect_view()}
            </ul>
            <h2>{h.steps}</h2>
            <ol class="steps">
                {application.steps.into_iter().map(|step| view! {
                    <li>
                        {time::date(step.at)}
                        {step.status.map(|s| format!(" · {}", h.status(s)))}
                        {step.by.map(|by| format!(" · {by}"))}
                        {(!step.note.is_empty()).then(|| view! { <br /><span class="muted">{step.note}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section class="card form">
            <Field id="note" label=h.note error=form.field("note")>
                <textarea id="note" rows="2" aria-describedby="note-error" bind:value=note on:input=move |_| form.clear_field("note")></textarea>
            </Field>
            {current.can_move_to(ApplicationStatus::Declined).then(|| view! {
                <Field id="reason" label=h.decline_reason error=form.field("reason")>
                    <textarea id="reason" rows="2" aria-describedby="reason-error" bind:value=reason on:input=move |_| form.clear_field("reason")></textarea>
                </Field>
            })}
            <FormMessage form />
            <div class="actions">
                {move_button(ApplicationStatus::Contacted, h.mark_contacted, "button")}
                {move_button(ApplicationStatus::Admitted, h.admit, "button primary")}
                {move_button(ApplicationStatus::Declined, h.decline, "button ghost")}
                <button type="button" class="button ghost" disabled=move || form.busy.get() on:click=move |_| send(None)>{h.add_note}</button>
            </div>
        </section>
    }
}
