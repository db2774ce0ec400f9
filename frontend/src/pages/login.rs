//! `/dang-nhap`: sign in with username and password (`POST /api/auth/login`), then back to the
//! page that asked for it (`?quay-lai=`) or home. Wrong credentials and throttling show the
//! server's own message.

use hocdvc_api::LoginRequest;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{ReturnTo, Route, go_to_path};
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{ShowPassword, TextField};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};
use crate::session::{SessionAction, use_session};

#[component]
pub fn Login() -> Html {
    let t = use_texts();
    use_title(t.login_title);
    let session = use_session();
    let navigator = use_navigator();
    let return_to = use_location()
        .and_then(|l| l.query::<ReturnTo>().ok())
        .and_then(|r| r.path);

    let username = use_state(String::new);
    let password = use_state(String::new);
    let show_password = use_state(|| false);
    let missing = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let username_ref = use_node_ref();
    let password_ref = use_node_ref();
    let error_ref = use_node_ref();
    {
        let error_ref = error_ref.clone();
        use_effect_with((*error).clone(), move |error| {
            if error.is_some() {
                focus(&error_ref);
            }
        });
    }

    let onsubmit = {
        let (username, password) = (username.clone(), password.clone());
        let (busy, error, missing) = (busy.clone(), error.clone(), missing.clone());
        let (username_ref, password_ref) = (username_ref.clone(), password_ref.clone());
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let name = username.trim().to_owned();
            if name.is_empty() || password.is_empty() {
                missing.set(true);
                focus(if name.is_empty() {
                    &username_ref
                } else {
                    &password_ref
                });
                return;
            }
            missing.set(false);
            busy.set(true);
            error.set(None);
            let request = LoginRequest {
                username: name,
                password: (*password).clone(),
            };
            let (busy, error, session) = (busy.clone(), error.clone(), session.clone());
            let navigator = navigator.clone();
            let return_to = return_to.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::login(request).await {
                    Ok(info) => {
                        session.dispatch(SessionAction::SignedIn(info));
                        if let Some(navigator) = &navigator {
                            go_to_path(navigator, return_to.as_deref());
                        }
                    }
                    Err(err) => {
                        busy.set(false);
                        error.set(Some(err));
                    }
                }
            });
        })
    };

    let required = |value: &str| (*missing && value.trim().is_empty()).then_some(t.field_required);
    html! {
        <section class="card narrow">
            <h1>{ t.login_title }</h1>
            if let Some(user) = session.user() {
                <Alert kind={AlertKind::Info}>{ (t.login_already)(&user.full_name) }</Alert>
            }
            if let Some(err) = (*error).clone() {
                <ApiErrorAlert error={err} node_ref={error_ref} />
            }
            <form onsubmit={onsubmit} novalidate=true>
                <TextField
                    id="ten-dang-nhap"
                    label={t.username_label}
                    value={(*username).clone()}
                    on_input={Callback::from({ let s = username.clone(); move |v| s.set(v) })}
                    autocomplete="username"
                    verbatim=true
                    required=true
                    error={required(&username).map(AttrValue::from)}
                    node_ref={username_ref}
                />
                <TextField
                    id="mat-khau"
                    label={t.password_label}
                    value={(*password).clone()}
                    on_input={Callback::from({ let s = password.clone(); move |v| s.set(v) })}
                    input_type={if *show_password { "text" } else { "password" }}
                    autocomplete="current-password"
                    verbatim=true
                    required=true
                    error={required(&password).map(AttrValue::from)}
                    node_ref={password_ref}
                />
                <ShowPassword shown={*show_password}
                    on_toggle={Callback::from({ let s = show_password.clone(); move |v| s.set(v) })} />
                <button type="submit" class="btn" disabled={*busy}>
                    { if *busy { t.signing_in } else { t.sign_in } }
                </button>
            </form>
            <p class="form-footer">
                <Link<Route> to={Route::Activate}>{ t.login_first_time }</Link<Route>>
            </p>
            <p class="hint">{ t.login_forgot }</p>
        </section>
    }
}
