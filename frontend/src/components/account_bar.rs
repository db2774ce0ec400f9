//! "Who am I" in the header: the signed-in person's name, the role and unit they act under
//! ("Giáo viên · Lớp 10A1") with a switcher when they hold several, and the ways to change the
//! password and to sign out. Signed out, a link to sign in that returns to the current page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{ReturnTo, Route};
use crate::components::alert::AlertKind;
use crate::components::field::SelectField;
use crate::components::notice::use_notify;
use crate::i18n::use_texts;
use crate::services::api;
use crate::session::{SessionAction, Status, use_session};

#[component]
pub fn AccountBar() -> Html {
    let t = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let notify = use_notify();
    let failed = use_state(|| false);
    let busy = use_state(|| false);
    // Re-rendered on every navigation: the sign-in link returns to the page shown.
    let route = use_route::<Route>();

    let info = match &session.status {
        Status::Loading => return html! { <div class="account" aria-hidden="true"></div> },
        Status::SignedOut if route == Some(Route::Login) => return html! {},
        Status::SignedOut => {
            // From the activation page, signing in instead should not lead back to it.
            let query = (route != Some(Route::Activate)).then(ReturnTo::here);
            return html! {
                <div class="account">
                    <Link<Route, ReturnTo> to={Route::Login} {query}
                        classes="btn btn-on-dark">
                        { t.sign_in }
                    </Link<Route, ReturnTo>>
                </div>
            };
        }
        Status::SignedIn(info) => info.clone(),
    };
    let user = &info.user;
    let grant = session.current_grant();
    let role_line = grant
        .map(|g| {
            format!(
                "{} · {}",
                t.role_name(&g.role),
                crate::pages::units::titled(t, &g.unit_kind, &g.unit_name)
            )
        })
        .unwrap_or_default();

    let on_grant = {
        let session = session.clone();
        Callback::from(move |value: String| {
            if let Ok(index) = value.parse::<usize>() {
                session.dispatch(SessionAction::ChooseGrant(index));
            }
        })
    };
    let on_logout = {
        let session = session.clone();
        let failed = failed.clone();
        let busy = busy.clone();
        let message = AttrValue::from(t.signed_out_notice);
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let failed = failed.clone();
            let busy = busy.clone();
            let navigator = navigator.clone();
            let notify = notify.clone();
            let message = message.clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::logout().await;
                busy.set(false);
                // 401: the session had ended already; either way nobody is signed in now.
                if result.is_ok() || result.as_ref().err().and_then(|e| e.status()) == Some(401) {
                    failed.set(false);
                    session.dispatch(SessionAction::SignedOut);
                    notify.emit((Route::Login, AlertKind::Info, message));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::Login);
                    }
                } else {
                    failed.set(true);
                }
            });
        })
    };
    let options = user
        .roles
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(format!(
                    "{} · {}",
                    t.role_name(&g.role),
                    crate::pages::units::titled(t, &g.unit_kind, &g.unit_name)
                )),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <div class="account signed-in">
            <p class="account-who">
                <span class="visually-hidden">{ t.signed_in_as }</span>
                <strong id="ten-nguoi-dung">{ user.full_name.clone() }</strong>
                if user.roles.len() <= 1 && !role_line.is_empty() {
                    <span class="account-role" id="vai-tro-hien-tai">{ role_line.clone() }</span>
                }
            </p>
            if user.roles.len() > 1 {
                <SelectField
                    id="chon-vai-tro"
                    label={t.current_role_label}
                    options={options}
                    value={session.grant.to_string()}
                    on_change={on_grant}
                    inline=true
                    label_hidden=true
                />
            }
            <div class="account-actions">
                <Link<Route> to={Route::ChangePassword} classes="account-link">
                    { t.nav_change_password }
                </Link<Route>>
                <button type="button" class="btn btn-on-dark" id="dang-xuat"
                    onclick={on_logout} disabled={*busy}>
                    { t.sign_out }
                </button>
            </div>
            if *failed {
                <p class="account-error" role="alert">{ t.sign_out_failed }</p>
            }
        </div>
    }
}
