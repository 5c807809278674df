//! "Dữ liệu của tôi": everything stored about her, her download, and her rights over it:
//! correct, withdraw a consent, delete an application, delete the account.

use hoi_api::{
    hoi::{ApplicationView, ConsentPurpose},
    my_data::{DeleteAccountRequest, MyData, MyWriting},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    api,
    components::{
        form::{waiting, FormMessage},
        FormState, TextField,
    },
    i18n::{hoi::use_hoi_texts, use_texts},
    session::use_session,
    time,
};

/// Asks with the browser's own dialog: large, familiar, one tap.
fn confirmed(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

#[component]
pub fn MyDataPage() -> impl IntoView {
    let t = use_texts();
    let h = use_hoi_texts();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let data = api::fetched::<MyData>(move || {
        version.track();
        session
            .me
            .with(Option::is_some)
            .then(|| "/api/me/data".to_owned())
    });
    view! {
        <A href="/me" attr:class="back">"← " {t.tab_me}</A>
        <h1>{h.data_title}</h1>
        <p class="lead">{h.data_lead}</p>
        {move || match data.get() {
            None if session.known.get() && session.me.with(Option::is_none) => view! {
                <A href="/login?next=/me/data" attr:class="button primary">{t.login}</A>
            }.into_any(),
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(data)) => view! { <Everything data version /> }.into_any(),
        }}
    }
}

#[component]
fn Everything(data: MyData, version: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let h = use_hoi_texts();
    let me = data.account;
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    let yes_no = |yes: bool| if yes { "✓" } else { "—" }.to_owned();
    let writing = |items: Vec<MyWriting>| {
        if items.is_empty() {
            return view! { <p class="muted">{h.nothing}</p> }.into_any();
        }
        view! {
            <ul class="writing">
                {items.into_iter().map(|w| view! {
                    <li><A href=format!("/posts/{}", w.post_id)>{time::date(w.created_at)}</A> " " {w.body}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <a class="button primary" href="/api/me/data?download=1" download="du-lieu-cua-toi.json">{h.download}</a>
        <section class="card">
            <h2>{h.account}</h2>
            <dl class="facts">
                {row(t.name_label, me.display_name.clone())}
                {row(t.phone_label, me.phone.local())}
                {row(t.home_unit_label, me.home_unit.clone().map(|u| u.name).unwrap_or_else(|| "—".into()))}
                {row(t.overseas_label, yes_no(me.overseas))}
                {row(t.hoi_member_label, yes_no(me.hoi_member))}
                {row(h.sessions, data.sessions.to_string())}
            </dl>
            <A href="/me">{h.edit_profile}</A>
        </section>
        <section class="card">
            <h2>{h.mine_title}</h2>
            {data.applications.is_empty().then(|| view! { <p class="muted">{h.nothing}</p> })}
            {data.applications.into_iter().map(|application| view! { <MyApplicationData application version /> }).collect_view()}
            <h3>{h.accesses}</h3>
            {data.accesses.is_empty().then(|| view! { <p class="muted">{h.nothing}</p> })}
            <ul>
                {data.accesses.into_iter().map(|a| {
                    let action = if a.action == "export" { h.access_export } else { h.access_view };
                    view! { <li>{time::date(a.at)} " · " {a.by} " " {action}</li> }
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{h.groups}</h2>
            {data.groups.is_empty().then(|| view! { <p class="muted">{h.nothing}</p> })}
            <ul>
                {data.groups.into_iter().map(|g| view! {
                    <li><strong>{g.group}</strong> " · " {time::date(g.requested_at)}
                        {g.answers.into_iter().filter(|a| !a.is_empty()).map(|a| view! { <br /><span class="muted">{a}</span> }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
            <h3>{h.posts}</h3>
            {writing(data.posts)}
            <h3>{h.comments}</h3>
            {writing(data.comments)}
            <p>{h.reactions} ": " {data.reactions}</p>
            <p>{h.poll_votes} ": " {data.poll_votes}</p>
        </section>
        <DeleteAccount />
    }
}

/// One application with her rights over it.
#[component]
fn MyApplicationData(application: ApplicationView, version: RwSignal<u32>) -> impl IntoView {
    let h = use_hoi_texts();
    let form = FormState::new();
    let id = application.id;
    let call = move |path: String, question: Option<&'static str>| {
        if question.is_some_and(|q| !confirmed(q)) {
            return;
        }
        form.send(async move { api::delete(&path).await }, move |()| {
            version.update(|v| *v += 1)
        });
    };
    let open = application.status.is_open();
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    view! {
        <article class="application">
            <p><span class=format!("badge status-{}", application.status.as_str())>{h.status(application.status)}</span>
                " " {time::date(application.created_at)}</p>
            <dl class="facts">
                {row(h.full_name, application.full_name.clone())}
                {row(h.birth_date, application.birth_date.clone())}
                {row(h.place, application.commune.place())}
                {row(h.occupation, application.occupation.clone())}
                {row(h.education, application.education.clone())}
                {row(h.ethnicity, application.ethnicity.clone().unwrap_or_else(|| "—".into()))}
                {row(h.religion, application.religion.clone().unwrap_or_else(|| "—".into()))}
            </dl>
            <h3>{h.consents}</h3>
            <ul class="consent-list">
                {application.consents.iter().cloned().map(|c| {
                    let purpose = c.purpose;
                    let in_force = c.withdrawn_at.is_none();
                    // Withdrawing the sensitive consent erases data: it asks first.
                    let question = (purpose == ConsentPurpose::Sensitive).then_some(h.withdraw_sensitive_confirm);
                    view! {
                        <li class:withdrawn=!in_force>
                            {c.statement} " (" {time::date(c.granted_at)} ")"
                            {c.withdrawn_at.map(|at| view! { <strong>" · " {h.withdrawn_on} " " {time::date(at)}</strong> })}
                            {(in_force && purpose != ConsentPurpose::Application).then(|| view! {
                                <button type="button" class="button ghost" on:click=move |_| call(
                                    format!("/api/hoi/applications/{id}/consents/{}", purpose.as_str()),
                                    question,
                                )>{h.withdraw}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormMessage form />
            <div class="actions">
                {open.then(|| view! { <A href=format!("/join-hoi?edit={id}") attr:class="button">{h.correct}</A> })}
                <button type="button" class="button ghost"
                    on:click=move |_| call(format!("/api/hoi/applications/{id}"), Some(h.delete_application_confirm))>
                    {h.delete_application}
                </button>
            </div>
        </article>
    }
}

#[component]
fn DeleteAccount() -> impl IntoView {
    let h = use_hoi_texts();
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let delete = move |_| {
        form.clear();
        let navigate = navigate.clone();
        let request = DeleteAccountRequest {
            password: password.get_untracked(),
        };
        form.send(
            async move { api::delete_with("/api/me", &request).await },
            move |()| {
                session.signed_out();
                navigate("/", Default::default());
            },
        );
    };
    view! {
        <section class="card form danger">
            <h2>{h.delete_account}</h2>
            <p>{h.delete_account_lead}</p>
            <TextField id="password" label=h.password_to_confirm value=password form
                kind=Signal::derive(|| "password") autocomplete="current-password" />
            <FormMessage form />
            <button type="button" class="button ghost" disabled=move || form.busy.get() || password.with(String::is_empty)
                on:click=delete>{h.delete_forever}</button>
        </section>
    }
}
