//! `/doi-mat-khau`: the signed-in user changes their password (`POST /api/auth/password`,
//! 204). The server ends the account's other sessions; this one stays signed in.

use hocdvc_api::ChangePasswordRequest;
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{ShowPassword, TextField};
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::activate::check_new_password;
use crate::services::api::{self, ApiError};

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done,
    Failed(ApiError),
}

#[component]
pub fn ChangePassword() -> Html {
    let t = use_texts();
    use_title(t.change_password_title);
    html! {
        <RequireSignIn>
            <ChangePasswordForm />
        </RequireSignIn>
    }
}

#[component]
fn ChangePasswordForm() -> Html {
    let t = use_texts();
    let current = use_state(String::new);
    let password = use_state(String::new);
    let repeat = use_state(String::new);
    let show_password = use_state(|| false);
    let errors = use_state(|| (None::<&'static str>, None, None));
    let busy = use_state(|| false);
    let outcome = use_state(|| Outcome::None);
    let refs = [use_node_ref(), use_node_ref(), use_node_ref()];
    let outcome_ref = use_node_ref();
    {
        let outcome_ref = outcome_ref.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if *outcome != Outcome::None {
                focus(&outcome_ref);
            }
        });
    }

    let onsubmit = {
        let (current, password, repeat) = (current.clone(), password.clone(), repeat.clone());
        let (errors, busy, outcome) = (errors.clone(), busy.clone(), outcome.clone());
        let refs = refs.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let current_error = current.is_empty().then_some(t.field_required);
            let (password_error, repeat_error) = check_new_password(t, &password, &repeat);
            errors.set((current_error, password_error, repeat_error));
            if let Some(index) = [current_error, password_error, repeat_error]
                .iter()
                .position(Option::is_some)
            {
                focus(&refs[index]);
                return;
            }
            busy.set(true);
            outcome.set(Outcome::None);
            let request = ChangePasswordRequest {
                current_password: (*current).clone(),
                new_password: (*password).clone(),
            };
            let (busy, outcome) = (busy.clone(), outcome.clone());
            let (current, password, repeat) = (current.clone(), password.clone(), repeat.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::change_password(request).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        for field in [&current, &password, &repeat] {
                            field.set(String::new());
                        }
                        outcome.set(Outcome::Done);
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
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
            <h1>{ t.change_password_title }</h1>
            <p>{ t.change_password_lead }</p>
            {
                match (*outcome).clone() {
                    Outcome::None => html! {},
                    Outcome::Done => html! {
                        <Alert kind={AlertKind::Success} node_ref={outcome_ref.clone()}>
                            { t.password_changed }
                        </Alert>
                    },
                    Outcome::Failed(err) => html! {
                        <ApiErrorAlert error={err} node_ref={outcome_ref.clone()} />
                    },
                }
            }
            <form onsubmit={onsubmit} novalidate=true>
                <TextField
                    id="mat-khau-hien-tai"
                    label={t.current_password_label}
                    value={(*current).clone()}
                    on_input={set(&current)}
                    input_type={password_type}
                    autocomplete="current-password"
                    verbatim=true
                    required=true
                    error={errors.0.map(AttrValue::from)}
                    node_ref={refs[0].clone()}
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
                    error={errors.1.map(AttrValue::from)}
                    node_ref={refs[1].clone()}
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
                    error={errors.2.map(AttrValue::from)}
                    node_ref={refs[2].clone()}
                />
                <ShowPassword shown={*show_password}
                    on_toggle={Callback::from({ let s = show_password.clone(); move |v| s.set(v) })} />
                <button type="submit" class="btn" disabled={*busy}>
                    { if *busy { t.saving } else { t.change_password_submit } }
                </button>
            </form>
        </section>
    }
}
