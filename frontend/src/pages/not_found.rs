//! Any path the router does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::empty_state::EmptyState;
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;

#[component]
pub fn NotFound() -> Html {
    let t = use_texts();
    use_title(t.not_found_title);
    html! {
        <EmptyState title={t.not_found_title} message={t.not_found_body}>
            <Link<Route> to={Route::Home} classes="btn">{ t.back_home }</Link<Route>>
        </EmptyState>
    }
}
