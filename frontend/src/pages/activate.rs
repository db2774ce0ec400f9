//! `/kich-hoat`: first sign-in. A student (or teacher) types their username and the activation
//! code from the printed class sheet, chooses a password (`POST /api/auth/activate`), and is
//! signed in and sent home. The password rules are checked here first so mistakes show at once;
//! the server checks them again.

use hocdvc_api::ActivateRequest;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{AlertKind, ApiErrorAlert, focus};
use crate::components::field::{ShowPassword, TextField};
use crate::components::notice::use_notify;
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::services::api::{self, ApiError};
use crate::session::{SessionAction, use_session};

/// The shortest password the server accepts.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The client-side check of a new password and its repetition: (error on the password, error
/// on the repetition).
pub fn check_new_password(
    t: &'static Texts,
    password: &str,
    repeat: &str,
) -> (Option<&'static str>, Option<&'static str>) {
    let password_error = if password.is_empty() {
        Some(t.field_required)
    } else if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(t.password_too_short)
    } else {
        None
    };
    let repeat_error = if repeat.is_empty() {
        Some(t.field_required)
    } else if repeat != password {
        Some(t.password_mismatch)
    } else {
        None
    };
    (password_error, repeat_error)
}

#[derive(Clone, PartialEq, Default)]
struct FieldErrors {
    username: Option<&'static str>,
    code: Option<&'static str>,
    password: Option<&'static str>,
    repeat: Option<&'static str>,
}

#[component]
pub fn Activate() -> Html {
    let t = use_texts();
    use_title(t.activate_title);
    let session = use_session();
    let navigator = use_navigator();
    let notify = use_notify();

    let username = use_state(String::new);
    let code = use_state(String::new);
    let password = use_state(String::new);
    let repeat = use_state(String::new);
    let show_password = use_state(|| false);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let refs = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
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
        let (username, code, password, repeat) = (
            username.clone(),
            code.clone(),
            password.clone(),
            repeat.clone(),
        );
        let (errors, busy, error) = (errors.clone(), busy.clone(), error.clone());
        let refs = refs.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let (password_error, repeat_error) = check_new_password(t, &password, &repeat);
            let found = FieldErrors {
                username: username.trim().is_empty().then_some(t.field_required),
                code: code.trim().is_empty().then_some(t.field_required),
                password: password_error,
                repeat: repeat_error,
            };
            let first_wrong = [found.username, found.code, found.password, found.repeat]
                .iter()
                .position(Option::is_some);
            errors.set(found);
            if let Some(index) = first_wrong {
                focus(&refs[index]);
                return;
            }
            busy.set(true);
            error.set(None);
            let request = ActivateRequest {
                username: username.trim().to_owned(),
                activation_code: code.trim().to_owned(),
                new_password: (*password).clone(),
            };
            let (busy, error, session) = (busy.clone(), error.clone(), session.clone());
            let (navigator, notify) = (navigator.clone(), notify.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::activate(request).await {
                    Ok(info) => {
                        let message = (t.activated_notice)(&info.user.full_name);
                        session.dispatch(SessionAction::SignedIn(info));
                        notify.emit((Route::Home, AlertKind::Success, message.into()));
                        if let Some(navigator) = &navigator {
                            navigator.push(&Route::Home);
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
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let password_type = if *show_password { "text" } else { "password" };
    html! {
        <section class="card narrow">
            <h1>{ t.activate_title }</h1>
            <p>{ t.activate_lead }</p>
            if let Some(err) = (*error).clone() {
                <ApiErrorAlert error={err} node_ref={error_ref} />
            }
            <form onsubmit={onsubmit} novalidate=true>
                <TextField
                    id="ten-dang-nhap"
                    label={t.username_label}
                    value={(*username).clone()}
                    on_input={set(&username)}
                    autocomplete="username"
                    verbatim=true
                    required=true
                    hint={t.activate_username_hint}
                    error={errors.username.map(AttrValue::from)}
                    node_ref={refs[0].clone()}
                />
                <TextField
                    id="ma-kich-hoat"
                    label={t.activation_code_label}
                    value={(*code).clone()}
                    on_input={set(&code)}
                    autocomplete="one-time-code"
                    verbatim=true
                    required=true
                    hint={t.activation_code_hint}
                    error={errors.code.map(AttrValue::from)}
                    node_ref={refs[1].clone()}
                />
                <TextField
                    id="mat-khau-moi"
                    label={t.new_password_label}
                    value={(*password).clone()}
                    on_input={set(&password)}
                    input_type={password_type}
                    autocomplete="new-password"
                    verbatim=true
                    required=true
                    hint={t.new_password_hint}
                    error={errors.password.map(AttrValue::from)}
                    node_ref={refs[2].clone()}
                />
                <TextField
                    id="nhap-lai-mat-khau"
                    label={t.repeat_password_label}
                    value={(*repeat).clone()}
                    on_input={set(&repeat)}
                    input_type={password_type}
                    autocomplete="new-password"
                    verbatim=true
                    required=true
                    error={errors.repeat.map(AttrValue::from)}
                    node_ref={refs[3].clone()}
                />
                <ShowPassword shown={*show_password}
                    on_toggle={Callback::from({ let s = show_password.clone(); move |v| s.set(v) })} />
                <button type="submit" class="btn" disabled={*busy}>
                    { if *busy { t.activating } else { t.activate_submit } }
                </button>
            </form>
            <p class="form-footer">
                <Link<Route> to={Route::Login}>{ t.activate_have_password }</Link<Route>>
            </p>
        </section>
    }
}
