//! The lesson player: `/hoc` (the learner's modules with progress), `/hoc/:module` (its lessons
//! with done ticks) and `/bai-hoc/:lesson` (a lesson as the server rendered and sanitised it,
//! with a language switch, previous/next and "Đánh dấu đã học"). Videos in a lesson arrive as
//! placeholders; only a click loads the player, to spare rural learners' mobile data.

use hocdvc_api::{LessonView, ModuleSummary};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::components::lesson_feedback::LessonFeedbackPanel;
use crate::components::progress_bar::ProgressBar;
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::search::SearchBox;
use crate::services::api;

fn percent(done: i64, total: i64) -> f64 {
    if total == 0 {
        0.0
    } else {
        done as f64 * 100.0 / total as f64
    }
}

#[component]
pub fn Learn() -> Html {
    let t = use_texts();
    use_title(t.learn_title);
    html! {
        <RequireSignIn>
            <ModuleList />
        </RequireSignIn>
    }
}

#[component]
fn ModuleList() -> Html {
    let t = use_texts();
    let modules = use_api(api::modules);
    let body = match &modules.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={modules.reload.clone()} /> }
        }
        Remote::Ready(list) if list.is_empty() => html! {
            <EmptyState title={t.learn_none_title} message={t.learn_none_body} />
        },
        Remote::Ready(list) => html! {
            <ul class="module-list" id="hoc-phan">
                { for list.iter().map(|m| html! { <ModuleCard module={m.clone()} /> }) }
            </ul>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.learn_title }</h1>
            <p>{ t.learn_lead }</p>
            <SearchBox />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ModuleCardProps {
    module: ModuleSummary,
}

#[component]
fn ModuleCard(props: &ModuleCardProps) -> Html {
    let t = use_texts();
    let m = &props.module;
    html! {
        <li class="module-item" data-module={m.id.clone()}>
            <h2>
                <Link<Route> to={Route::LearnModule { module: m.id.clone() }}>
                    { m.title.clone() }
                </Link<Route>>
            </h2>
            if m.core {
                <span class="badge">{ t.learn_core_badge }</span>
            }
            if let Some(description) = &m.description {
                <p>{ description.clone() }</p>
            }
            <p class="muted">
                { (t.learn_lessons_count)(m.lesson_count) }{ " · " }{ (t.learn_minutes)(m.minutes) }
            </p>
            <ProgressBar
                label={AttrValue::from((t.learn_progress)(m.progress.done, m.progress.total))}
                percent={percent(m.progress.done, m.progress.total)}
                value_text={AttrValue::from(format!("{:.0}%", percent(m.progress.done, m.progress.total)))}
            />
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct LearnModuleProps {
    pub module: AttrValue,
}

#[component]
pub fn LearnModule(props: &LearnModuleProps) -> Html {
    let t = use_texts();
    use_title(t.learn_title);
    html! {
        <RequireSignIn>
            <ModuleLessons module={props.module.clone()} />
        </RequireSignIn>
    }
}

#[component]
fn ModuleLessons(props: &LearnModuleProps) -> Html {
    let t = use_texts();
    let detail = use_api_with(props.module.clone(), |id: &AttrValue| {
        let id = id.to_string();
        async move { api::module(&id).await }
    });
    let body = match &detail.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={detail.reload.clone()} /> }
        }
        Remote::Ready(detail) => {
            let m = &detail.module;
            html! {
                <>
                    <h1>{ m.title.clone() }</h1>
                    <ProgressBar
                        label={AttrValue::from((t.learn_progress)(m.progress.done, m.progress.total))}
                        percent={percent(m.progress.done, m.progress.total)}
                        value_text={AttrValue::from(format!("{:.0}%", percent(m.progress.done, m.progress.total)))}
                    />
                    <h2>{ t.learn_lessons_caption }</h2>
                    <ol class="lesson-list" id="bai-hoc">
                        { for detail.lessons.iter().map(|l| html! {
                            <li class={classes!("lesson-item", l.done.then_some("done"))} data-lesson={l.id.clone()}>
                                <span class="tick" aria-label={if l.done { t.learn_done_tick } else { t.learn_not_done }}>
                                    { if l.done { "✓" } else { "○" } }
                                </span>
                                <Link<Route> to={Route::Lesson { lesson: l.id.clone() }}>
                                    { l.title.clone() }
                                </Link<Route>>
                                <span class="muted">
                                    { " · " }{ (t.learn_minutes)(i64::from(l.minutes)) }
                                    if !l.required {
                                        { " · " }{ t.learn_optional }
                                    }
                                </span>
                            </li>
                        }) }
                    </ol>
                </>
            }
        }
    };
    html! {
        <section class="card">
            <p><Link<Route> to={Route::Learn}>{ t.learn_back_to_modules }</Link<Route>></p>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub lesson: AttrValue,
}

#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let t = use_texts();
    use_title(t.learn_title);
    html! {
        <RequireSignIn>
            <LessonReader lesson={props.lesson.clone()} />
        </RequireSignIn>
    }
}

#[component]
fn LessonReader(props: &LessonPageProps) -> Html {
    let t = use_texts();
    let lang = use_state(|| None::<String>);
    let lesson = use_api_with(
        (props.lesson.clone(), (*lang).clone()),
        |(id, lang): &(AttrValue, Option<String>)| {
            let (id, lang) = (id.to_string(), lang.clone());
            async move { api::lesson(&id, lang.as_deref()).await }
        },
    );
    let body = match &lesson.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={lesson.reload.clone()} /> }
        }
        Remote::Ready(view) => html! {
            <LessonBody view={(**view).clone()} lang={lang.clone()} reload={lesson.reload.clone()} />
        },
    };
    html! { <article class="card lesson">{ body }</article> }
}

#[derive(Properties, PartialEq)]
struct LessonBodyProps {
    view: LessonView,
    lang: UseStateHandle<Option<String>>,
    reload: Callback<()>,
}

/// Swaps a clicked video placeholder for its player. The URL was built by the server from a
/// known video host; it is checked again here so only the no-cookie YouTube frame or an HTTPS
/// `.mp4` can load.
fn load_video(event: MouseEvent) {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(placeholder)) = target.closest("a.video-placeholder") else {
        return;
    };
    let kind = placeholder
        .get_attribute("data-video-kind")
        .unwrap_or_default();
    let src = placeholder
        .get_attribute("data-video-src")
        .unwrap_or_default();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let player = match kind.as_str() {
        "youtube" if src.starts_with("https://www.youtube-nocookie.com/embed/") => {
            document.create_element("iframe").ok().inspect(|frame| {
                let _ = frame.set_attribute("src", &src);
                let _ =
                    frame.set_attribute("title", &placeholder.text_content().unwrap_or_default());
                let _ =
                    frame.set_attribute("allow", "autoplay; encrypted-media; picture-in-picture");
                let _ = frame.set_attribute("allowfullscreen", "");
                let _ = frame.set_attribute("referrerpolicy", "strict-origin-when-cross-origin");
            })
        }
        "mp4" if src.starts_with("https://") => {
            document.create_element("video").ok().inspect(|video| {
                let _ = video.set_attribute("src", &src);
                let _ = video.set_attribute("controls", "");
                let _ = video.set_attribute("autoplay", "");
            })
        }
        // Facebook videos cannot be framed under our CSP: the link opens them.
        _ => None,
    };
    if let Some(player) = player {
        event.prevent_default();
        let _ = player.set_attribute("class", "video-player");
        let _ = placeholder.replace_with_with_node_1(&player);
    }
}

#[component]
fn LessonBody(props: &LessonBodyProps) -> Html {
    let t = use_texts();
    let view = &props.view;
    let saving = use_state(|| false);
    let error = use_state(|| None::<api::ApiError>);
    let mark = {
        let (id, saving, error, reload) = (
            view.id.clone(),
            saving.clone(),
            error.clone(),
            props.reload.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (id, saving, error, reload) =
                (id.clone(), saving.clone(), error.clone(), reload.clone());
            saving.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::mark_lesson_done(&id).await {
                    Ok(_) => {
                        error.set(None);
                        reload.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
                saving.set(false);
            });
        })
    };
    let end_of_lesson = use_node_ref();
    use_auto_progress(
        view.id.clone(),
        view.minutes,
        view.done,
        end_of_lesson.clone(),
        props.reload.clone(),
    );
    let languages = if view.languages.len() > 1 {
        html! {
            <div class="lesson-languages" role="group" aria-label={t.lesson_language_label}>
                { for view.languages.iter().map(|l| {
                    let lang = props.lang.clone();
                    let code = l.code.clone();
                    let current = l.code == view.language;
                    html! {
                        <button type="button" class={classes!("btn", "btn-secondary", current.then_some("current"))}
                            lang={l.code.clone()}
                            aria-pressed={current.to_string()}
                            onclick={Callback::from(move |_| lang.set(Some(code.clone())))}>
                            { (t.lesson_language_name)(&l.code, l.review_pending) }
                        </button>
                    }
                }) }
            </div>
        }
    } else {
        html! {}
    };
    let content = Html::from_html_unchecked(AttrValue::from(view.html.clone()));
    html! {
        <>
            <p>
                <Link<Route> to={Route::LearnModule { module: view.module_id.clone() }}>
                    { t.lesson_back_to_module }{ ": " }{ view.module_title.clone() }
                </Link<Route>>
            </p>
            <h1 lang={view.language.clone()}>{ view.title.clone() }</h1>
            <p class="muted">{ (t.learn_minutes)(i64::from(view.minutes)) }</p>
            { languages }
            if view.html.contains("video-placeholder") {
                <p class="muted">{ t.lesson_video_hint }</p>
            }
            <div class="lesson-body" id="noi-dung-bai" lang={view.language.clone()} onclick={Callback::from(load_video)}>
                { content }
            </div>
            if let Some(err) = &*error {
                <ApiErrorAlert error={err.clone()} />
            }
            <div class="lesson-end" id="cuoi-bai" ref={end_of_lesson}></div>
            <div class="lesson-actions">
                if view.done {
                    <span class="badge done" id="da-hoc">{ t.lesson_done_badge }</span>
                } else {
                    <button type="button" class="btn" id="danh-dau-da-hoc" onclick={mark} disabled={*saving}>
                        { if *saving { t.lesson_marking } else { t.lesson_mark_done } }
                    </button>
                    <p class="muted">{ t.lesson_auto_hint }</p>
                }
            </div>
            <nav class="lesson-nav">
                if let Some(previous) = &view.previous {
                    <Link<Route> to={Route::Lesson { lesson: previous.clone() }} classes="btn btn-secondary">
                        { t.lesson_previous }
                    </Link<Route>>
                }
                if let Some(next) = &view.next {
                    <Link<Route> to={Route::Lesson { lesson: next.clone() }} classes="btn next">
                        { t.lesson_next }
                    </Link<Route>>
                }
            </nav>
            <LessonFeedbackPanel lesson={AttrValue::from(view.id.clone())} />
        </>
    }
}

/// The shortest time on a lesson before reaching its end marks it learned by itself: 5% of the
/// estimated reading time, between 5 and 20 seconds. Scrolling straight to the end of a long
/// lesson still counts once the learner has stayed that long; a page merely flicked through in
/// a second does not. The "Đánh dấu đã học" button stays for anyone who prefers it.
fn minimum_stay_ms(minutes: i32) -> u32 {
    let seconds = (i64::from(minutes) * 60 / 20).clamp(5, 20);
    u32::try_from(seconds * 1000).unwrap_or(20_000)
}

/// The observer's callback, kept alive as long as the observer.
type OnSeen = wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>;

/// Marks the lesson learned (through `POST /api/lessons/{id}/done`) once the element after its
/// body has scrolled into view and the learner has been on the page [`minimum_stay_ms`]; then
/// `on_done` reloads the lesson so the page shows it learned. Nothing happens for a lesson
/// already learned, or in a browser without IntersectionObserver.
#[hook]
fn use_auto_progress(
    lesson_id: String,
    minutes: i32,
    done: bool,
    end: NodeRef,
    on_done: Callback<()>,
) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    use_effect_with((lesson_id, done), move |(lesson_id, done)| {
        let mut cleanup: Option<(web_sys::IntersectionObserver, OnSeen)> = None;
        let timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        if !*done {
            let started = js_sys::Date::now();
            let stay = minimum_stay_ms(minutes);
            let fired = Rc::new(Cell::new(false));
            let mark = {
                let (lesson_id, fired, on_done) =
                    (lesson_id.clone(), fired.clone(), on_done.clone());
                Rc::new(move || {
                    if fired.replace(true) {
                        return;
                    }
                    let (lesson_id, on_done) = (lesson_id.clone(), on_done.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if api::mark_lesson_done(&lesson_id).await.is_ok() {
                            on_done.emit(());
                        }
                    });
                })
            };
            let on_seen = {
                let timer = timer.clone();
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let visible = entries.iter().any(|entry| {
                        entry
                            .dyn_into::<web_sys::IntersectionObserverEntry>()
                            .is_ok_and(|e| e.is_intersecting())
                    });
                    if !visible || timer.borrow().is_some() {
                        return;
                    }
                    let waited = js_sys::Date::now() - started;
                    let left = (f64::from(stay) - waited).max(0.0) as u32;
                    let mark = mark.clone();
                    *timer.borrow_mut() =
                        Some(gloo_timers::callback::Timeout::new(left, move || mark()));
                })
            };
            if let (Some(target), Ok(observer)) = (
                end.cast::<web_sys::Element>(),
                web_sys::IntersectionObserver::new(on_seen.as_ref().unchecked_ref()),
            ) {
                observer.observe(&target);
                cleanup = Some((observer, on_seen));
            }
        }
        move || {
            // Leaving the page (or the lesson) cancels a pending mark.
            timer.borrow_mut().take();
            if let Some((observer, _callback)) = cleanup {
                observer.disconnect();
            }
        }
    });
}
