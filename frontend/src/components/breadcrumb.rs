//! Where a unit sits in the organisation tree: links from the top down, the current unit last
//! (marked as the current page).

use hocdvc_api::UnitView;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::i18n::use_texts;
use crate::pages::units::unit_title;

#[derive(Properties, PartialEq)]
pub struct BreadcrumbProps {
    /// From the root down to the unit's parent.
    pub path: Vec<UnitView>,
    pub current: AttrValue,
    /// Units above the first one the user holds a role on are named but not linked: opening
    /// them would only be refused.
    pub first_linked: usize,
}

#[component]
pub fn Breadcrumb(props: &BreadcrumbProps) -> Html {
    let t = use_texts();
    html! {
        <nav class="breadcrumb" aria-label={t.breadcrumb_label}>
            <ol>
                <li><Link<Route> to={Route::Units}>{ t.nav_units }</Link<Route>></li>
                { for props.path.iter().enumerate().map(|(i, unit)| if i < props.first_linked {
                    html! { <li>{ unit_title(t, unit) }</li> }
                } else {
                    html! {
                        <li>
                            <Link<Route> to={Route::Unit { code: unit.code.clone() }}>
                                { unit_title(t, unit) }
                            </Link<Route>>
                        </li>
                    }
                }) }
                <li aria-current="page">{ props.current.clone() }</li>
            </ol>
        </nav>
    }
}
