//! `/tim-kiem?q=…`: search across the lessons (and, for content authors, the question bank),
//! ignoring Vietnamese diacritics. Also the search box that `/hoc` shows above the modules.

use hocdvc_api::SearchResults;
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api;

/// `?q=`: the words searched for.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    #[prop_or_default]
    pub initial: AttrValue,
}

/// A search form that opens `/tim-kiem?q=…`; it refuses fewer than two characters itself.
#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let t = use_texts();
    let navigator = use_navigator();
    let text = use_state(|| props.initial.to_string());
    let error = use_state(|| None::<&'static str>);
    {
        let text = text.clone();
        use_effect_with(props.initial.clone(), move |initial| {
            text.set(initial.to_string());
        });
    }
    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                text.set(input.value());
            }
        })
    };
    let on_submit = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let q = text.trim().to_owned();
            if q.chars().count() < 2 {
                error.set(Some(t.search_too_short));
                return;
            }
            error.set(None);
            if let Some(navigator) = &navigator {
                let _ = navigator.push_with_query(&Route::Search, &SearchParams { q });
            }
        })
    };
    html! {
        <form class="search-form" role="search" onsubmit={on_submit} novalidate=true>
            <label for="tu-khoa">{ t.search_label }</label>
            <div class="search-row">
                <input id="tu-khoa" name="q" type="search" value={(*text).clone()}
                    oninput={on_input} autocomplete="off" maxlength="100"
                    aria-describedby="tu-khoa-goi-y"
                    aria-invalid={error.is_some().then_some("true")} />
                <button type="submit" class="btn">{ t.search_button }</button>
            </div>
            <span class="hint" id="tu-khoa-goi-y">{ t.search_hint }</span>
            if let Some(message) = *error {
                <span class="error" role="alert">{ message }</span>
            }
        </form>
    }
}

#[component]
pub fn SearchPage() -> Html {
    let t = use_texts();
    use_title(t.search_title);
    html! {
        <RequireSignIn>
            <SearchResultsView />
        </RequireSignIn>
    }
}

#[component]
fn SearchResultsView() -> Html {
    let t = use_texts();
    let q = use_location()
        .and_then(|l| l.query::<SearchParams>().ok())
        .map(|p| p.q.trim().to_owned())
        .unwrap_or_default();
    let results = use_api_with(q.clone(), |q: &String| {
        let q = q.clone();
        async move {
            if q.is_empty() {
                Ok(None)
            } else {
                api::search(&q).await.map(Some)
            }
        }
    });
    let body = match &results.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} /> },
        Remote::Ready(found) => match &**found {
            None => html! {},
            Some(found) => html! { <Found results={found.clone()} /> },
        },
    };
    html! {
        <section class="card">
            <p><Link<Route> to={Route::Learn}>{ t.learn_back_to_modules }</Link<Route>></p>
            <h1>{ t.search_title }</h1>
            <SearchBox initial={AttrValue::from(q)} />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FoundProps {
    results: SearchResults,
}

#[component]
fn Found(props: &FoundProps) -> Html {
    let t = use_texts();
    let r = &props.results;
    if r.lessons.is_empty() && r.questions.is_empty() {
        return html! { <p role="status" id="so-ket-qua">{ (t.search_none)(&r.query) }</p> };
    }
    html! {
        <>
            <p role="status" id="so-ket-qua">{ (t.search_found)(r.lessons.len(), r.questions.len()) }</p>
            if r.truncated {
                <p class="muted">{ t.search_truncated }</p>
            }
            if !r.lessons.is_empty() {
                <h2>{ t.search_lessons_caption }</h2>
                <ul class="search-results" id="ket-qua-bai-hoc">
                    { for r.lessons.iter().map(|hit| html! {
                        <li data-lesson={hit.lesson_id.clone()}>
                            <Link<Route> to={Route::Lesson { lesson: hit.lesson_id.clone() }}>
                                { hit.title.clone() }
                            </Link<Route>>
                            <span class="muted">
                                { " · " }{ hit.module_title.clone() }
                                if hit.title_match {
                                    { " · " }{ t.search_title_match }
                                }
                            </span>
                            <p class="snippet">{ hit.snippet.clone() }</p>
                        </li>
                    }) }
                </ul>
            }
            if !r.questions.is_empty() {
                <h2>{ t.search_questions_caption }</h2>
                <ul class="search-results" id="ket-qua-cau-hoi">
                    { for r.questions.iter().map(|hit| html! {
                        <li data-question={hit.bank_id.clone()}>
                            <strong>{ hit.bank_id.clone() }</strong>
                            <span class="muted">
                                { " · " }{ hit.question_type.clone() }{ " · " }{ hit.category.clone() }
                            </span>
                            <p class="snippet">{ hit.snippet.clone() }</p>
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}
