//! "Vào Hội": the tab where a woman applies to join the Hội and follows her application, and
//! where a cadre finds the applications of her units.

mod form;
mod pipeline;

pub use pipeline::{PipelinePage, ReviewPage};

use hoi_api::hoi::{ApplicationReceipt, ApplicationStatus, ApplicationView, UnitApplicationCounts};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_query_map};

use crate::components::form::waiting;
use crate::{api, i18n::hoi::use_hoi_texts, session::use_session, time};
use form::ApplicationFormView;

#[component]
pub fn JoinHoiPage() -> impl IntoView {
    let h = use_hoi_texts();
    let session = use_session();
    let query = use_query_map();
    let group = query.with_untracked(|q| q.get("group").and_then(|g| g.parse().ok()));
    let edit: Option<i64> = query.with_untracked(|q| q.get("edit").and_then(|e| e.parse().ok()));
    let signed_in = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|me| me.id)));
    let (receipt, set_receipt) = signal(None::<ApplicationReceipt>);
    let mine = api::fetched::<Vec<ApplicationView>>(move || {
        receipt.track();
        signed_in.get().map(|_| "/api/hoi/applications/mine".to_owned())
    });
    // Opening the tab is reading the news of her applications.
    Effect::new(move |_| {
        if mine.with(|m| matches!(m, Some(Ok(list)) if list.iter().any(|a| a.unseen))) {
            spawn_local(async move {
                let _ = api::post::<_, ()>("/api/hoi/applications/mine/seen", &()).await;
            });
        }
    });
    view! {
        <h1>{h.title}</h1>
        <CadreCard />
        {move || {
            if let Some(receipt) = receipt.get() {
                return view! { <Receipt receipt /> }.into_any();
            }
            if !session.known.get() {
                return waiting(None);
            }
            if signed_in.get().is_none() {
                return view! {
                    <p class="lead">{h.lead}</p>
                    <ApplicationFormView existing=None group sent=set_receipt />
                    <p class="muted"><A href="/login?next=/join-hoi">{h.follow_login}</A></p>
                }.into_any();
            }
            match mine.get() {
                None => waiting(None),
                Some(Err(_)) => view! { <ApplicationFormView existing=None group sent=set_receipt /> }.into_any(),
                Some(Ok(list)) => {
                    let editing = edit.and_then(|id| list.iter().find(|a| a.id == id && a.status.is_open()).cloned());
                    if let Some(existing) = editing {
                        return view! { <ApplicationFormView existing=Some(existing) group=None sent=set_receipt /> }.into_any();
                    }
                    // A new form only for a woman not yet in the Hội and with nothing in progress.
                    let in_hoi = session.me.with_untracked(|me| me.as_ref().is_some_and(|me| me.hoi_member));
                    let may_apply = !in_hoi
                        && !list.iter().any(|a| a.status.is_open() || a.status == ApplicationStatus::Admitted);
                    view! {
                        {in_hoi.then(|| view! { <p class="notice joined">{h.already_member}</p> })}
                        {(!list.is_empty()).then(|| view! { <h2>{h.mine_title}</h2> })}
                        {list.into_iter().map(|application| view! { <MyApplication application /> }).collect_view()}
                        {may_apply.then(|| view! {
                            <p class="lead">{h.lead}</p>
                            <ApplicationFormView existing=None group sent=set_receipt />
                        })}
                    }.into_any()
                }
            }
        }}
    }
}

/// What she sees once the application is in.
#[component]
fn Receipt(receipt: ApplicationReceipt) -> impl IntoView {
    let h = use_hoi_texts();
    let place = receipt.unit.place();
    view! {
        <section class="card" role="status">
            <h2>{h.sent_title}</h2>
            <p>{h.sent_to} " " <strong>{place}</strong> "."</p>
            {receipt.id.is_none().then(|| view! {
                <A href="/register?next=/join-hoi" attr:class="button primary">{h.follow_register}</A>
            })}
        </section>
    }
}

/// One of her applications: status, where it went, the steps with dates, the reason if declined.
#[component]
fn MyApplication(application: ApplicationView) -> impl IntoView {
    let h = use_hoi_texts();
    let unit = application
        .branch
        .clone()
        .unwrap_or_else(|| application.commune.clone());
    view! {
        <section class="card application">
            <p>
                <span class=format!("badge status-{}", application.status.as_str())>{h.status(application.status)}</span>
                {application.unseen.then(|| view! { " " <span class="badge updated">{h.updated}</span> })}
            </p>
            <p>{h.routed_to} ": " <strong>{unit.place()}</strong></p>
            {application.decline_reason.map(|reason| view! { <p>{h.reason} ": " {reason}</p> })}
            <ol class="steps">
                {application.steps.into_iter().filter_map(|step| {
                    let status = step.status?;
                    Some(view! { <li>{time::date(step.at)} " · " {h.status(status)}</li> })
                }).collect_view()}
            </ol>
            <A href="/me/data">{h.manage_in_data}</A>
        </section>
    }
}

/// For cadres: the applications of their units, by status, with the way in.
#[component]
fn CadreCard() -> impl IntoView {
    let h = use_hoi_texts();
    let session = use_session();
    let counts = api::fetched::<Vec<UnitApplicationCounts>>(move || {
        session
            .me
            .with(Option::is_some)
            .then(|| "/api/hoi/applications/counts".to_owned())
    });
    move || {
        let counts = counts.get()?.ok()?;
        let open: i64 = counts.iter().map(|c| c.new + c.contacted).sum();
        Some(view! {
            <section class="card cadre">
                <h2>{h.cadre_title}</h2>
                <p>{h.status(ApplicationStatus::New)} " + " {h.status(ApplicationStatus::Contacted)} ": " <strong>{open}</strong></p>
                <A href="/hoi/applications" attr:class="button primary">{h.cadre_open}</A>
            </section>
        })
    }
}
