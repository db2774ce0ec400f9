//! Routes of the UI (one `Routable` enum, one `switch`) and the root component. Paths are
//! Vietnamese, as users see and share them.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::i18n::LanguageProvider;
use crate::pages::{about::About, home::Home, not_found::NotFound};

#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/gioi-thieu")]
    About,
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::About => html! { <About /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <LanguageProvider>
            <BrowserRouter>
                <Layout>
                    <Switch<Route> render={switch} />
                </Layout>
            </BrowserRouter>
        </LanguageProvider>
    }
}
