//! A message box. Errors and warnings are announced by screen readers (`role="alert"`).

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AlertKind {
    Info,
    Error,
}

#[derive(Properties, PartialEq)]
pub struct AlertProps {
    pub kind: AlertKind,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Alert(props: &AlertProps) -> Html {
    let (class, role) = match props.kind {
        AlertKind::Info => ("alert alert-info", "status"),
        AlertKind::Error => ("alert alert-error", "alert"),
    };
    html! { <div class={class} role={role}>{ props.children.clone() }</div> }
}
