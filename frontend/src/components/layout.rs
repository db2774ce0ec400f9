//! The page frame: skip link, header with navigation, main content, footer with the language
//! choice.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::field::SelectField;
use crate::i18n::{Language, use_language};

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let language = use_language();
    let texts = language.texts();
    let current = use_route::<Route>();
    let navigator = use_navigator();
    let nav_link = |route: Route, text: &'static str| {
        let here = current.as_ref() == Some(&route);
        let onclick = {
            let navigator = navigator.clone();
            let route = route.clone();
            Callback::from(move |event: MouseEvent| {
                // Let modified clicks open a new tab as usual.
                if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0
                {
                    return;
                }
                event.prevent_default();
                if let Some(navigator) = &navigator {
                    navigator.push(&route);
                }
            })
        };
        html! {
            <li>
                <a href={route.to_path()} {onclick} aria-current={here.then_some("page")}>{ text }</a>
            </li>
        }
    };
    let on_language = {
        let language = language.clone();
        Callback::from(move |code: String| {
            if let Some(chosen) = Language::from_code(&code) {
                language.set(chosen);
            }
        })
    };
    let options = Language::ALL
        .iter()
        .map(|l| {
            (
                AttrValue::from(l.code()),
                AttrValue::from(l.texts().language_name),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <>
            <a class="skip-link" href="#noi-dung">{ texts.skip_to_content }</a>
            <header class="site-header">
                <div class="inner">
                    <Link<Route> to={Route::Home} classes="brand">
                        { texts.app_name }
                    </Link<Route>>
                    <nav class="site-nav" aria-label={texts.nav_label}>
                        <ul>
                            { nav_link(Route::Home, texts.nav_home) }
                            { nav_link(Route::About, texts.nav_about) }
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="noi-dung" class="inner" tabindex="-1">
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <div class="inner">
                    <span>{ texts.footer_plan }</span>
                    <SelectField
                        id="chon-ngon-ngu"
                        label={texts.language_label}
                        options={options}
                        value={language.code()}
                        on_change={on_language}
                        inline=true
                    />
                </div>
            </footer>
        </>
    }
}
