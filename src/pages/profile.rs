//! "Tôi": her details, her settings (large text, language), logging out.

use hoi_api::{
    account::{ChangePhoneRequest, Me, UpdateProfileRequest},
    units::MyUnit,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wasm_bindgen::JsCast;

use crate::components::form::waiting;
use crate::{
    api,
    components::{form::FormMessage, unit_picker::UnitPicker, FieldError, FormState, TextField},
    i18n::{
        account::use_account_texts, hoi::use_hoi_texts, phone::use_phone_texts, units::use_unit_texts,
        use_texts, I18n, Lang,
    },
    pages::account::send_code,
    prefs,
    session::use_session,
};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    // Keyed on who is signed in, not on her details: saving updates the session and must not
    // rebuild the form (which would drop the "saved" notice).
    let signed_in = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|me| me.id)));
    view! {
        {move || match signed_in.get().and_then(|_| session.me.get_untracked()) {
            Some(me) => view! { <MyUnits /> <ProfileForm me /> }.into_any(),
            None if session.known.get() => view! {
                <section class="card">
                    <A href="/login?next=/me" attr:class="button primary">{t.login}</A>
                    <A href="/register?next=/me" attr:class="button">{t.register}</A>
                </section>
            }.into_any(),
            None => waiting(None),
        }}
        <Settings />
    }
}

#[component]
fn ProfileForm(me: Me) -> impl IntoView {
    let t = use_texts();
    let ac = use_account_texts();
    let session = use_session();
    let name = RwSignal::new(me.display_name.clone());
    let home = RwSignal::new(me.home_unit.clone());
    let overseas = RwSignal::new(me.overseas);
    let hoi_member = RwSignal::new(me.hoi_member);
    let saved = RwSignal::new(false);
    let form = FormState::new();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.clear();
        saved.set(false);
        let request = UpdateProfileRequest {
            display_name: name.get_untracked(),
            home_unit_id: home.get_untracked().map(|u| u.id),
            overseas: overseas.get_untracked(),
            hoi_member: hoi_member.get_untracked(),
        };
        form.send(
            async move { api::put::<_, Me>("/api/me", &request).await },
            move |me| {
                session.me.set(Some(me));
                saved.set(true);
            },
        );
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{ac.profile_title}</h1>
            // Live: changing her number below updates it.
            <p class="muted">{move || session.me.with(|me| me.as_ref().map(|me| me.phone.local()))}</p>
            <TextField id="display_name" label=t.name_label value=name
                form autocomplete="name" />
            <fieldset>
                <legend>{t.home_unit_label}</legend>
                <UnitPicker selected=home />
                <FieldError error=form.field("home_unit_id") />
            </fieldset>
            <label class="check"><input type="checkbox" bind:checked=overseas /><span>{t.overseas_label}</span></label>
            <label class="check"><input type="checkbox" bind:checked=hoi_member /><span>{t.hoi_member_label}</span></label>
            <FormMessage form />
            <Show when=move || saved.get()><p class="notice" role="status">{t.saved}</p></Show>
            <button type="submit" class="button primary" disabled=move || form.busy.get()>{t.save}</button>
            <A href="/me/data" attr:class="button ghost">{use_hoi_texts().my_data_link}</A>
            <A href="/groups/new" attr:class="button ghost">"+ " {crate::i18n::group_setup::use_group_setup_texts().create}</A>
            <A href="/reports" attr:class="button ghost">{crate::i18n::report::use_report_texts().link}</A>
        </form>
        <ChangePhone />
    }
}

/// The units of the Hội she was named to, on top of Tôi: how she learns she was named, and her
/// way to each unit's page (where she can also decline). Nothing when there are none. The list
/// is drawn as `/units` draws it, on purpose: a component shared by the two packs lands in the
/// first load (+92 bytes, measured).
#[component]
fn MyUnits() -> impl IntoView {
    let u = use_unit_texts();
    let mine = api::fetched::<Vec<MyUnit>>(|| Some("/api/me/units".to_owned()));
    move || {
        mine.get()
            .and_then(Result::ok)
            .filter(|mine| !mine.is_empty())
            .map(|mine| {
                view! {
                    <section class="card my-units">
                        <p>{u.named_to}</p>
                        <ul class="plain">
                            {mine.into_iter().map(|m| view! {
                                <li>
                                    <A href=format!("/units/{}", m.unit.id)>{m.unit.place()}</A>
                                    " " <span class="chip">{u.role(m.role)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
    }
}

/// A new SIM: the code texted to the new number, and her password, move her account to it.
#[component]
fn ChangePhone() -> impl IntoView {
    let p = use_phone_texts();
    let t = use_texts();
    let session = use_session();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let code_sent = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let form = FormState::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        changed.set(false);
        if !code_sent.get_untracked() {
            send_code(phone.get_untracked(), form, code_sent);
            return;
        }
        let request = ChangePhoneRequest {
            phone: phone.get_untracked(),
            code: code.get_untracked(),
            password: password.get_untracked(),
        };
        form.clear();
        form.send(
            async move { api::put::<_, Me>("/api/me/phone", &request).await },
            move |me| {
                session.me.set(Some(me));
                code_sent.set(false);
                phone.set(String::new());
                code.set(String::new());
                password.set(String::new());
                changed.set(true);
            },
        );
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>{p.title}</h2>
            <p class="hint">{p.lead}</p>
            <TextField id="phone" label=p.new_phone value=phone form
                kind="tel" autocomplete="tel" inputmode="tel" />
            <Show when=move || code_sent.get()>
                <p class="notice" role="status">{t.code_sent}</p>
                <TextField id="code" label=t.code_label value=code form
                    inputmode="numeric" autocomplete="one-time-code" />
                <TextField id="password" label=p.password value=password form
                    kind="password" autocomplete="current-password" />
            </Show>
            <FormMessage form />
            <Show when=move || changed.get()><p class="notice" role="status">{p.changed}</p></Show>
            <button type="submit" class="button" disabled=move || form.busy.get()>
                {move || if code_sent.get() { p.change } else { t.send_code }}
            </button>
        </form>
    }
}

const INSTALL_OFFERED_KEY: &str = "hoi.install_offered";

/// "Thêm vào màn hình chính", offered once, where the browser allows it: index.html keeps the
/// browser's `beforeinstallprompt` event as `hoiInstall` until this page asks for it.
#[component]
fn InstallOffer() -> impl IntoView {
    let ac = use_account_texts();
    let offer = js_sys::Reflect::get(&window(), &"hoiInstall".into())
        .ok()
        .filter(|event| event.is_object());
    let shown = RwSignal::new(offer.is_some() && prefs::load(INSTALL_OFFERED_KEY).is_none());
    let offer = StoredValue::new_local(offer);
    let answer = move |install: bool| {
        prefs::save(INSTALL_OFFERED_KEY, "1");
        shown.set(false);
        if install {
            offer.with_value(|event| {
                let prompt = event
                    .as_ref()
                    .and_then(|e| js_sys::Reflect::get(e, &"prompt".into()).ok())
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                if let (Some(prompt), Some(event)) = (prompt, event) {
                    let _ = prompt.call0(event);
                }
            });
        }
    };
    view! {
        <Show when=move || shown.get()>
            <section class="card install">
                <p>{ac.install_lead}</p>
                <div class="actions">
                    <button type="button" class="button primary" on:click=move |_| answer(true)>{ac.install}</button>
                    <button type="button" class="button ghost" on:click=move |_| answer(false)>{ac.install_later}</button>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let ac = use_account_texts();
    let session = use_session();
    let navigate = use_navigate();
    let i18n = use_context::<I18n>();
    let large = RwSignal::new(prefs::large_text());
    Effect::new(move |_| prefs::set_large_text(large.get()));
    let switch_language = move |_| {
        if let Some(i18n) = i18n {
            let next = if i18n.0.get_untracked() == Lang::Vi {
                Lang::En
            } else {
                Lang::Vi
            };
            i18n.set(next);
        }
    };
    let log_out = move |path: &'static str| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::post::<_, ()>(path, &()).await;
            session.signed_out();
            navigate("/", Default::default());
        });
    };
    let log_out_all = log_out.clone();
    view! {
        <InstallOffer />
        <section class="card">
            <h2>{ac.settings_title}</h2>
            <label class="check"><input type="checkbox" bind:checked=large /><span>{ac.large_text_label}</span></label>
            <button type="button" class="button ghost" on:click=switch_language>{ac.language_label}</button>
            <Show when=move || session.me.with(Option::is_some)>
                <button type="button" class="button" on:click={
                    let log_out = log_out.clone();
                    move |_| log_out("/api/auth/logout")
                }>{ac.logout}</button>
                <button type="button" class="button ghost" on:click={
                    let log_out_all = log_out_all.clone();
                    move |_| log_out_all("/api/auth/logout-all")
                }>{ac.logout_all}</button>
            </Show>
        </section>
    }
}
