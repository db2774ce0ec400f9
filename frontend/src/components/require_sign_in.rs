//! Wraps pages that need a signed-in user: while the session loads it says so; when nobody is
//! signed in it sends the visitor to the sign-in page, which brings them back here afterwards.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{ReturnTo, Route};
use crate::i18n::use_texts;
use crate::session::{Status, use_session};

#[derive(Properties, PartialEq)]
pub struct RequireSignInProps {
    pub children: Html,
}

#[component]
pub fn RequireSignIn(props: &RequireSignInProps) -> Html {
    let t = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let signed_out = session.status == Status::SignedOut;
    use_effect_with(signed_out, move |signed_out| {
        if *signed_out && let Some(navigator) = navigator {
            let _ = navigator.replace_with_query(&Route::Login, ReturnTo::here());
        }
    });
    match &session.status {
        Status::SignedIn(_) => props.children.clone(),
        Status::Loading | Status::SignedOut => html! { <p role="status">{ t.loading }</p> },
    }
}
