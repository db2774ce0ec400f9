//! A message box. Errors are announced at once by screen readers (`role="alert"`), other kinds
//! politely (`role="status"`). `ApiErrorAlert` shows a failed request's message (the server's
//! own Vietnamese text when it sent one) with an optional retry; when the server says the
//! session has ended, it signs the UI out too, so the user is taken to sign in and back.

use yew::prelude::*;

use crate::i18n::use_texts;
use crate::services::api::ApiError;
use crate::session::{SessionAction, use_session};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AlertKind {
    Info,
    Success,
    Error,
}

#[derive(Properties, PartialEq)]
pub struct AlertProps {
    pub kind: AlertKind,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Lets the page move focus to the message (it gets `tabindex="-1"`).
    #[prop_or_default]
    pub node_ref: NodeRef,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Alert(props: &AlertProps) -> Html {
    let (class, role) = match props.kind {
        AlertKind::Info => ("alert alert-info", "status"),
        AlertKind::Success => ("alert alert-success", "status"),
        AlertKind::Error => ("alert alert-error", "alert"),
    };
    html! {
        <div id={props.id.clone()} class={class} role={role} tabindex="-1" ref={props.node_ref.clone()}>
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ApiErrorAlertProps {
    pub error: ApiError,
    #[prop_or_default]
    pub retry: Option<Callback<()>>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

#[component]
pub fn ApiErrorAlert(props: &ApiErrorAlertProps) -> Html {
    let t = use_texts();
    let session = use_session();
    let ended =
        matches!(&props.error, ApiError::Server { body, .. } if body.error == "unauthenticated");
    use_effect_with(ended, move |ended| {
        if *ended && session.user().is_some() {
            session.dispatch(SessionAction::SignedOut);
        }
    });
    html! {
        <Alert kind={AlertKind::Error} node_ref={props.node_ref.clone()}>
            <p>{ props.error.user_message(t.error_network, t.error_unexpected) }</p>
            // Trying again helps when the network or the server failed, not when it said no.
            if let Some(retry) = props.retry.as_ref().filter(|_| props.error.status().is_none_or(|s| s >= 500)) {
                <button type="button" class="btn btn-secondary" onclick={retry.reform(|_: MouseEvent| ())}>
                    { t.retry }
                </button>
            }
        </Alert>
    }
}

/// Moves keyboard and screen-reader focus to the element (after it is rendered).
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
