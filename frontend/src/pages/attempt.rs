//! Taking a module's assessment: `/lam-bai/:attempt_id` shows every question on one page with a
//! sticky bar (countdown from the server's clock, save state, numbered jump buttons showing
//! which questions are answered), saves each answer as it is given (see
//! `services::autosaver`), asks before submitting (listing unanswered questions), submits by
//! itself when time is up, and once the attempt is finished shows the result and, when the
//! server sends it, the review. Also the "Làm bài kiểm tra" button of the module page.

use std::collections::BTreeMap;
use std::rc::Rc;

use hocdvc_api::{AttemptQuestion, AttemptResponse, AttemptView, SavedAnswer, SlotReview};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::autosave::{clock, is_answered, needs_answer, remaining_ms};
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::services::api::{self, ApiError};
use crate::services::autosaver::{self, Autosaver, Engine, SaveState};

/// Warn when this little time is left.
const WARNING_MS: f64 = 60_000.0;
/// How long to wait for pending answers to leave before submitting anyway when time is up.
const LAST_SEND_MS: f64 = 5_000.0;

/// Milliseconds since the page loaded, on a clock the user cannot set.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A UTC ISO time from the API as milliseconds since the epoch.
fn parse_utc(iso: &str) -> f64 {
    let utc = if iso.ends_with('Z') || iso.contains('+') {
        iso.to_owned()
    } else {
        format!("{iso}Z")
    };
    js_sys::Date::parse(&utc)
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits until every answer is acknowledged, at most `max_ms`; whether they all were.
async fn wait_until_saved(saver: &Autosaver, max_ms: f64) -> bool {
    let start = now_ms();
    loop {
        if saver.borrow().all_saved() {
            return true;
        }
        if saver.borrow().stopped.is_some() || now_ms() - start > max_ms {
            return false;
        }
        sleep(200).await;
    }
}

fn save_state_text(t: &Texts, state: SaveState) -> &'static str {
    match state {
        SaveState::Saved => t.attempt_saved,
        SaveState::Saving => t.attempt_saving,
        SaveState::Waiting => t.attempt_waiting,
    }
}

fn save_state_code(state: SaveState) -> &'static str {
    match state {
        SaveState::Saved => "saved",
        SaveState::Saving => "saving",
        SaveState::Waiting => "waiting",
    }
}

/// The number each question is called by: descriptions are not counted.
fn numbering(questions: &[AttemptQuestion]) -> BTreeMap<i32, usize> {
    questions
        .iter()
        .filter(|q| needs_answer(q))
        .enumerate()
        .map(|(i, q)| (q.slot, i + 1))
        .collect()
}

fn html_of(text: &str) -> Html {
    Html::from_html_unchecked(AttrValue::from(text.to_owned()))
}

/// The "Làm bài kiểm tra" button: starts (or resumes) the attempt and opens it.
#[derive(Properties, PartialEq)]
pub struct StartAttemptProps {
    pub module: AttrValue,
    #[prop_or_default]
    pub again: bool,
}

#[component]
pub fn StartAttempt(props: &StartAttemptProps) -> Html {
    let t = use_texts();
    let navigator = use_navigator();
    let starting = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let onclick = {
        let (module, starting, error) = (props.module.clone(), starting.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (module, starting, error, navigator) = (
                module.clone(),
                starting.clone(),
                error.clone(),
                navigator.clone(),
            );
            starting.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::start_attempt(&module).await {
                    Ok(started) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Attempt {
                                attempt_id: started.attempt_id,
                            });
                        }
                    }
                    Err(err) => {
                        error.set(Some(err));
                        starting.set(false);
                    }
                }
            });
        })
    };
    let label = if *starting {
        t.attempt_starting
    } else if props.again {
        t.attempt_start_again
    } else {
        t.attempt_start
    };
    html! {
        <div class="attempt-start">
            <button type="button" class="btn" id="lam-bai-kiem-tra" {onclick} disabled={*starting}>
                { label }
            </button>
            if let Some(err) = &*error {
                <ApiErrorAlert error={err.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AttemptPageProps {
    pub attempt_id: i32,
}

#[component]
pub fn AttemptPage(props: &AttemptPageProps) -> Html {
    let t = use_texts();
    use_title(t.attempt_title);
    html! {
        <RequireSignIn>
            <AttemptLoader attempt_id={props.attempt_id} />
        </RequireSignIn>
    }
}

#[component]
fn AttemptLoader(props: &AttemptPageProps) -> Html {
    let t = use_texts();
    let view = use_api_with(props.attempt_id, |id: &i32| api::attempt(*id));
    match &view.state {
        Remote::Loading => html! { <p class="card" role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <section class="card">
                <ApiErrorAlert error={err.clone()} retry={view.reload.clone()} />
            </section>
        },
        Remote::Ready(attempt) if attempt.state == "in_progress" || attempt.state == "overdue" => {
            html! {
                <AttemptRunner key={attempt.attempt_id} view={Rc::clone(attempt)} finished={view.reload.clone()} />
            }
        }
        Remote::Ready(attempt) => html! { <AttemptOutcome view={Rc::clone(attempt)} /> },
    }
}

#[derive(Properties)]
struct RunnerProps {
    view: Rc<AttemptView>,
    /// Called once the attempt is submitted, to load its result.
    finished: Callback<()>,
}

impl PartialEq for RunnerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.finished == other.finished
    }
}

/// Listens to the page's comings and goings: hidden or closed → send everything now
/// (`keepalive`); online again → retry at once.
fn listen(saver: &Autosaver) -> impl FnOnce() + use<> {
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let hidden = {
        let saver = saver.clone();
        Closure::<dyn Fn()>::new(move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if hidden {
                autosaver::resend_all(&saver, true);
            }
        })
    };
    let leaving = {
        let saver = saver.clone();
        Closure::<dyn Fn()>::new(move || autosaver::resend_all(&saver, true))
    };
    let online = {
        let saver = saver.clone();
        Closure::<dyn Fn()>::new(move || autosaver::resend_all(&saver, false))
    };
    if let Some(document) = &document {
        let _ = document
            .add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    }
    if let Some(window) = &window {
        let _ =
            window.add_event_listener_with_callback("pagehide", leaving.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    }
    move || {
        if let Some(document) = &document {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                hidden.as_ref().unchecked_ref(),
            );
        }
        if let Some(window) = &window {
            let _ = window
                .remove_event_listener_with_callback("pagehide", leaving.as_ref().unchecked_ref());
            let _ = window
                .remove_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        }
        drop((hidden, leaving, online));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Answering,
    Confirming,
    Submitting,
    /// Time ran out: sending what is pending, then submitting.
    TimeUp,
}

#[component]
fn AttemptRunner(props: &RunnerProps) -> Html {
    let t = use_texts();
    let view = &props.view;
    let update = use_force_update();
    let saver: Autosaver = {
        let view = Rc::clone(&props.view);
        let update = update.clone();
        use_mut_ref(move || Engine::new(&view, Callback::from(move |_| update.force_update())))
    };
    let loaded_at = *use_memo((), |_| now_ms());
    let phase = use_state(|| Phase::Answering);
    let submit_error = use_state(|| None::<ApiError>);
    let unsent_on_submit = use_state(|| false);

    {
        let saver = saver.clone();
        use_effect_with((), move |_| {
            autosaver::resend_all(&saver, false);
            listen(&saver)
        });
    }

    let submit = {
        let (saver, phase, submit_error, unsent, finished, attempt_id) = (
            saver.clone(),
            phase.clone(),
            submit_error.clone(),
            unsent_on_submit.clone(),
            props.finished.clone(),
            view.attempt_id,
        );
        Callback::from(move |time_up: bool| {
            let (saver, phase, submit_error, unsent, finished) = (
                saver.clone(),
                phase.clone(),
                submit_error.clone(),
                unsent.clone(),
                finished.clone(),
            );
            phase.set(if time_up {
                Phase::TimeUp
            } else {
                Phase::Submitting
            });
            submit_error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                autosaver::resend_all(&saver, false);
                let max = if time_up { LAST_SEND_MS } else { 10_000.0 };
                let all_sent = wait_until_saved(&saver, max).await;
                // Submitting with answers still on the phone would lose them; when time is up
                // the server finalises with what it has anyway.
                if !all_sent && !time_up {
                    unsent.set(true);
                    phase.set(Phase::Confirming);
                    return;
                }
                unsent.set(false);
                match api::submit_attempt(attempt_id).await {
                    Ok(_) => {
                        autosaver::forget(attempt_id);
                        finished.emit(());
                    }
                    Err(err) => {
                        submit_error.set(Some(err));
                        phase.set(if time_up {
                            Phase::TimeUp
                        } else {
                            Phase::Confirming
                        });
                    }
                }
            });
        })
    };

    let engine = saver.borrow();
    let numbers = numbering(&view.questions);
    let unanswered: Vec<usize> = view
        .questions
        .iter()
        .filter(|q| needs_answer(q) && !is_answered(q, engine.responses.get(&q.slot)))
        .filter_map(|q| numbers.get(&q.slot).copied())
        .collect();
    let answered_count = numbers.len().saturating_sub(unanswered.len());
    let overall = engine.overall();
    let has_answers = !engine.responses.is_empty();
    let stopped = engine.stopped.clone();
    let locked = matches!(*phase, Phase::Submitting | Phase::TimeUp);

    let on_answer = {
        let saver = saver.clone();
        Callback::from(
            move |(slot, response, typing): (i32, AttemptResponse, bool)| {
                autosaver::answer(&saver, slot, response, typing);
            },
        )
    };
    let questions = view.questions.iter().map(|q| {
        html! {
            <QuestionCard
                key={q.slot}
                question={q.clone()}
                number={numbers.get(&q.slot).copied()}
                response={engine.responses.get(&q.slot).cloned()}
                state={engine.states.get(&q.slot).copied()}
                disabled={locked}
                on_answer={on_answer.clone()}
            />
        }
    });
    let jump_buttons = view.questions.iter().filter_map(|q| {
        let number = numbers.get(&q.slot).copied()?;
        let answered = is_answered(q, engine.responses.get(&q.slot));
        let target = format!("cau-{}", q.slot);
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(element) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&target))
            {
                element.scroll_into_view();
                if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
        let label = (t.attempt_jump_label)(number, answered);
        Some(html! {
            <li>
                <button type="button" class={classes!("jump", answered.then_some("answered"))}
                    aria-label={label} data-slot={q.slot.to_string()} {onclick}>
                    { number }
                </button>
            </li>
        })
    });

    let deadline_left = parse_utc(&view.deadline) - parse_utc(&view.server_now);
    let on_time_up = {
        let submit = submit.clone();
        Callback::from(move |_| submit.emit(true))
    };
    let confirm_panel = match *phase {
        Phase::Confirming => html! {
            <section class="card confirm-submit" id="xac-nhan-nop" aria-labelledby="xac-nhan-nop-tieu-de">
                <h2 id="xac-nhan-nop-tieu-de">{ t.attempt_confirm_title }</h2>
                if unanswered.is_empty() {
                    <p>{ t.attempt_all_answered }</p>
                } else {
                    <p id="cau-chua-tra-loi">{ (t.attempt_unanswered_list)(&unanswered) }</p>
                }
                if *unsent_on_submit {
                    <Alert kind={AlertKind::Error}>{ t.attempt_unsent_block }</Alert>
                }
                if let Some(err) = &*submit_error {
                    <ApiErrorAlert error={err.clone()} />
                }
                <div class="actions">
                    <button type="button" class="btn" id="xac-nhan-nop-bai"
                        onclick={let submit = submit.clone(); Callback::from(move |_| submit.emit(false))}>
                        { t.attempt_submit }
                    </button>
                    <button type="button" class="btn btn-secondary" id="lam-tiep"
                        onclick={let phase = phase.clone(); Callback::from(move |_| phase.set(Phase::Answering))}>
                        { t.attempt_keep_going }
                    </button>
                </div>
            </section>
        },
        Phase::Submitting => html! {
            <p class="card" role="status">{ t.attempt_submitting }</p>
        },
        Phase::TimeUp => html! {
            <section class="card" id="het-gio">
                <Alert kind={AlertKind::Info}>{ t.attempt_time_up }</Alert>
                if let Some(err) = &*submit_error {
                    <ApiErrorAlert error={err.clone()} retry={props.finished.clone()} />
                }
            </section>
        },
        Phase::Answering => html! {
            <div class="actions">
                <button type="button" class="btn" id="nop-bai"
                    onclick={let phase = phase.clone(); Callback::from(move |_| phase.set(Phase::Confirming))}>
                    { t.attempt_submit }
                </button>
            </div>
        },
    };

    html! {
        <div class="attempt">
            <header class="card attempt-head">
                <h1>{ view.module_title.clone() }</h1>
                <p class="muted">{ (t.attempt_number)(view.attempt_number) }</p>
            </header>
            <div class="attempt-bar" role="region" aria-label={t.attempt_bar_label}>
                <div class="attempt-bar-top">
                    <Countdown left_at_load={deadline_left} {loaded_at} on_time_up={on_time_up} />
                    <span class="attempt-progress">{ (t.attempt_answered_count)(answered_count, numbers.len()) }</span>
                    if has_answers || overall != SaveState::Saved {
                        <span id="trang-thai-luu" class={classes!("save-state", save_state_code(overall))}
                            data-state={save_state_code(overall)} role="status">
                            { save_state_text(t, overall) }
                        </span>
                    }
                </div>
                <nav aria-label={t.attempt_nav_label}>
                    <ol class="jump-list">{ for jump_buttons }</ol>
                </nav>
            </div>
            if let Some(err) = stopped {
                <ApiErrorAlert error={err} retry={props.finished.clone()} />
            }
            if overall == SaveState::Waiting {
                <p class="alert alert-warning" id="canh-bao-mang">{ t.attempt_offline_hint }</p>
            }
            <form class="questions" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for questions }
            </form>
            { confirm_panel }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CountdownProps {
    /// Milliseconds left when the server answered.
    left_at_load: f64,
    /// `now_ms()` when the answer arrived.
    loaded_at: f64,
    on_time_up: Callback<()>,
}

/// The time left, ticking on its own so the questions do not re-render every second.
#[component]
fn Countdown(props: &CountdownProps) -> Html {
    let t = use_texts();
    let update = use_force_update();
    let fired = use_mut_ref(|| false);
    {
        use_effect_with((), move |_| {
            let tick = gloo_timers::callback::Interval::new(1000, move || update.force_update());
            move || drop(tick)
        });
    }
    let left = remaining_ms(props.left_at_load, 0.0, now_ms() - props.loaded_at);
    {
        let on_time_up = props.on_time_up.clone();
        let fired = fired.clone();
        use_effect_with(left <= 0.0, move |up| {
            if *up && !std::mem::replace(&mut *fired.borrow_mut(), true) {
                on_time_up.emit(());
            }
        });
    }
    let warning = left > 0.0 && left <= WARNING_MS;
    html! {
        <>
            <span class={classes!("countdown", warning.then_some("warning"))}>
                <span class="countdown-label">{ t.attempt_time_left }{ " " }</span>
                <span id="dong-ho">{ clock(left) }</span>
            </span>
            if warning {
                <p class="alert alert-warning time-warning" id="canh-bao-het-gio" role="alert">
                    { t.attempt_one_minute }
                </p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct QuestionCardProps {
    question: AttemptQuestion,
    number: Option<usize>,
    response: Option<AttemptResponse>,
    state: Option<SaveState>,
    disabled: bool,
    on_answer: Callback<(i32, AttemptResponse, bool)>,
}

fn selected_of(response: Option<&AttemptResponse>) -> Vec<String> {
    response
        .and_then(|r| r.selected.clone())
        .unwrap_or_default()
}

#[component]
fn QuestionCard(props: &QuestionCardProps) -> Html {
    let t = use_texts();
    let q = &props.question;
    let slot = q.slot;
    let name = format!("q{slot}");
    let selected = selected_of(props.response.as_ref());
    let body = match q.kind.as_str() {
        "multichoice" | "truefalse" => {
            let single = q.kind == "truefalse" || q.single.unwrap_or(true);
            let options = q.options.iter().map(|option| {
                let id = format!("cau-{slot}-{}", option.id);
                let checked = selected.contains(&option.id);
                let onchange = {
                    let on_answer = props.on_answer.clone();
                    Callback::from(move |e: Event| {
                        // What the question shows now, read from the page: two quick changes
                        // cannot overwrite each other with a stale answer.
                        let chosen = e
                            .target_dyn_into::<web_sys::Element>()
                            .map(|input| checked_in_question(&input))
                            .unwrap_or_default();
                        on_answer.emit((
                            slot,
                            AttemptResponse {
                                selected: Some(chosen),
                                ..AttemptResponse::default()
                            },
                            false,
                        ));
                    })
                };
                let label = match (q.kind.as_str(), option.id.as_str()) {
                    ("truefalse", "true") => html! { { t.attempt_true } },
                    ("truefalse", "false") => html! { { t.attempt_false } },
                    _ => html_of(&option.text),
                };
                html! {
                    <li class="choice">
                        <input type={if single { "radio" } else { "checkbox" }} id={id.clone()}
                            name={name.clone()} value={option.id.clone()} {checked}
                            disabled={props.disabled} {onchange} />
                        <label for={id}>{ label }</label>
                    </li>
                }
            });
            html! {
                <>
                    if !single {
                        <p class="hint">{ t.attempt_choose_all }</p>
                    }
                    <ul class="choices" role={if single { "radiogroup" } else { "group" }}>
                        { for options }
                    </ul>
                </>
            }
        }
        "shortanswer" | "numerical" => {
            let numerical = q.kind == "numerical";
            let (value, oninput) = text_answer(props, slot);
            let id = format!("cau-{slot}-tra-loi");
            html! {
                <div class="field">
                    <label for={id.clone()}>{ t.attempt_your_answer }</label>
                    <input type="text" id={id} name={name} {value} {oninput}
                        inputmode={numerical.then_some("decimal")}
                        autocomplete="off" disabled={props.disabled} />
                    if numerical {
                        <span class="hint">{ t.attempt_number_hint }</span>
                    }
                </div>
            }
        }
        "essay" => {
            let (value, oninput) = text_answer(props, slot);
            let id = format!("cau-{slot}-tra-loi");
            html! {
                <div class="field">
                    <label for={id.clone()}>{ t.attempt_your_answer }</label>
                    <textarea id={id} name={name} rows="6" {value} {oninput} disabled={props.disabled} />
                </div>
            }
        }
        "match" => {
            let pairs = props
                .response
                .as_ref()
                .and_then(|r| r.pairs.clone())
                .unwrap_or_default();
            let stems = q.stems.iter().map(|stem| {
                let id = format!("cau-{slot}-{}", stem.id);
                let current = pairs.get(&stem.id).cloned().unwrap_or_default();
                let onchange = {
                    let on_answer = props.on_answer.clone();
                    Callback::from(move |e: Event| {
                        let Some(select) = e.target_dyn_into::<web_sys::Element>() else {
                            return;
                        };
                        let pairs = chosen_pairs_in_question(&select);
                        on_answer.emit((
                            slot,
                            AttemptResponse {
                                pairs: Some(pairs),
                                ..AttemptResponse::default()
                            },
                            false,
                        ));
                    })
                };
                html! {
                    <div class="field match-row">
                        <label for={id.clone()}>{ html_of(&stem.text) }</label>
                        <select {id} {onchange} disabled={props.disabled} data-stem={stem.id.clone()}>
                            <option value="" selected={current.is_empty()}>{ t.attempt_choose }</option>
                            { for q.options.iter().map(|o| html! {
                                // Option text cannot hold markup: show it as plain text.
                                <option value={o.id.clone()} selected={current == o.id}>
                                    { plain_text(&o.text) }
                                </option>
                            }) }
                        </select>
                    </div>
                }
            });
            html! { <div class="match">{ for stems }</div> }
        }
        _ => html! {},
    };
    let heading = match props.number {
        Some(n) => (t.attempt_question_number)(n),
        None => t.attempt_information.to_owned(),
    };
    html! {
        <fieldset class="question card" id={format!("cau-{slot}")} tabindex="-1" data-type={q.kind.clone()}>
            <legend class="question-head">
                <span class="question-number">{ heading }</span>
                if needs_answer(q) {
                    <span class="muted">{ (t.attempt_marks)(q.max_mark) }</span>
                }
            </legend>
            <div class="question-text lesson-body">{ html_of(&q.text) }</div>
            { body }
            if let Some(state) = props.state {
                <p class={classes!("save-state", save_state_code(state))} data-state={save_state_code(state)}>
                    { save_state_text(t, state) }
                </p>
            }
        </fieldset>
    }
}

/// The ids of the choices checked in the question holding `input`.
/// The saved text of a typed answer (short answer, number, essay) and the handler that emits
/// each change; the event's target is an `<input>` or a `<textarea>`.
fn text_answer(props: &QuestionCardProps, slot: i32) -> (String, Callback<InputEvent>) {
    let value = props
        .response
        .as_ref()
        .and_then(|r| r.text.clone())
        .unwrap_or_default();
    let on_answer = props.on_answer.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let text = if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            area.value()
        } else {
            return;
        };
        on_answer.emit((
            slot,
            AttemptResponse {
                text: Some(text),
                ..AttemptResponse::default()
            },
            true,
        ));
    });
    (value, oninput)
}

fn checked_in_question(input: &web_sys::Element) -> Vec<String> {
    let mut chosen = Vec::new();
    let Ok(Some(question)) = input.closest("fieldset.question") else {
        return chosen;
    };
    let Ok(inputs) = question.query_selector_all("input:checked") else {
        return chosen;
    };
    for i in 0..inputs.length() {
        if let Some(input) = inputs
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            chosen.push(input.value());
        }
    }
    chosen
}

/// Item → answer pairs chosen in the match question holding `select`.
fn chosen_pairs_in_question(select: &web_sys::Element) -> BTreeMap<String, String> {
    let mut pairs = BTreeMap::new();
    let Ok(Some(question)) = select.closest("fieldset.question") else {
        return pairs;
    };
    let Ok(selects) = question.query_selector_all("select[data-stem]") else {
        return pairs;
    };
    for i in 0..selects.length() {
        if let Some(select) = selects
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            let choice = select.value();
            if !choice.is_empty() {
                pairs.insert(
                    select.get_attribute("data-stem").unwrap_or_default(),
                    choice,
                );
            }
        }
    }
    pairs
}

/// The text of a small piece of sanitised HTML (for `<option>`, which cannot hold markup).
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

fn format_mark(mark: f64) -> String {
    let rounded = (mark * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}").replace('.', ",")
    }
}

#[derive(Properties)]
struct OutcomeProps {
    view: Rc<AttemptView>,
}

impl PartialEq for OutcomeProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

/// A finished (or abandoned) attempt: its result, then the review when the server sends one.
#[component]
fn AttemptOutcome(props: &OutcomeProps) -> Html {
    let t = use_texts();
    let view = &props.view;
    {
        let id = view.attempt_id;
        use_effect_with(id, |id| {
            autosaver::forget(*id);
            // Straight after submitting, the page was scrolled to the last question.
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
    let result = match &view.result {
        Some(result) => {
            let score = match result.score {
                Some(score) => html! {
                    <p class="score" id="diem">
                        { t.attempt_score }{ ": " }
                        <strong>{ format_mark(score) }{ " / " }{ format_mark(result.max_score) }</strong>
                    </p>
                },
                None => html! {
                    <p class="score" id="diem">
                        { t.attempt_score }{ ": " }{ t.attempt_waiting_teacher }
                    </p>
                },
            };
            // A contest round has no pass mark: its result is a place on the leaderboard.
            let verdict = match result.passed {
                _ if view.contest_id.is_some() => html! {},
                Some(true) => {
                    html! { <p class="badge badge-ok verdict" id="ket-luan">{ t.attempt_passed }</p> }
                }
                Some(false) => {
                    html! { <p class="badge badge-warn verdict" id="ket-luan">{ t.attempt_not_passed }</p> }
                }
                None => {
                    html! { <p class="badge verdict" id="ket-luan">{ t.attempt_waiting_teacher }</p> }
                }
            };
            html! { <>{ score }{ verdict }</> }
        }
        None if view.state == "abandoned" => html! { <p>{ t.attempt_abandoned }</p> },
        None => html! { <p>{ t.attempt_no_result }</p> },
    };
    let numbers = numbering(&view.questions);
    let reviews: BTreeMap<i32, &SlotReview> = view.review.iter().map(|r| (r.slot, r)).collect();
    let answers: BTreeMap<i32, &SavedAnswer> = view.answers.iter().map(|a| (a.slot, a)).collect();
    let review = if reviews.is_empty() {
        html! { <p class="muted">{ t.attempt_review_later }</p> }
    } else {
        html! {
            <section class="review" id="xem-lai" aria-labelledby="xem-lai-tieu-de">
                <h2 id="xem-lai-tieu-de">{ t.attempt_review_title }</h2>
                { for view.questions.iter().map(|q| html! {
                    <ReviewCard
                        question={q.clone()}
                        number={numbers.get(&q.slot).copied()}
                        response={answers.get(&q.slot).map(|a| a.response.clone())}
                        review={reviews.get(&q.slot).map(|r| (*r).clone())}
                    />
                }) }
            </section>
        }
    };
    html! {
        <div class="attempt">
            <section class="card attempt-result" id="ket-qua">
                <h1>{ t.attempt_result_title }</h1>
                <p>{ view.module_title.clone() }{ " · " }{ (t.attempt_number)(view.attempt_number) }</p>
                { result }
                <div class="actions">
                    if let Some(id) = view.contest_id {
                        <Link<Route> to={Route::Contest { id }} classes="btn btn-secondary">
                            { t.contests.back_to_contest }
                        </Link<Route>>
                    } else {
                        <Link<Route> to={Route::LearnModule { module: view.module_id.clone() }} classes="btn btn-secondary">
                            { t.lesson_back_to_module }
                        </Link<Route>>
                    }
                </div>
                if view.contest_id.is_none() && (view.result.as_ref().is_some_and(|r| r.passed == Some(false)) || view.state == "abandoned") {
                    <StartAttempt module={AttrValue::from(view.module_id.clone())} again=true />
                }
            </section>
            { review }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ReviewCardProps {
    question: AttemptQuestion,
    number: Option<usize>,
    response: Option<AttemptResponse>,
    review: Option<SlotReview>,
}

#[component]
fn ReviewCard(props: &ReviewCardProps) -> Html {
    let t = use_texts();
    let q = &props.question;
    let heading = match props.number {
        Some(n) => (t.attempt_question_number)(n),
        None => t.attempt_information.to_owned(),
    };
    let selected = selected_of(props.response.as_ref());
    let empty_review = SlotReview {
        slot: q.slot,
        mark: None,
        max_mark: q.max_mark,
        right_options: Vec::new(),
        right_pairs: BTreeMap::new(),
        right_answer: None,
        feedback: String::new(),
        grader_comment: None,
    };
    let review = props.review.as_ref().unwrap_or(&empty_review);
    let option_label = |id: &str| -> Html {
        match (q.kind.as_str(), id) {
            ("truefalse", "true") => html! { { t.attempt_true } },
            ("truefalse", "false") => html! { { t.attempt_false } },
            _ => q
                .options
                .iter()
                .find(|o| o.id == id)
                .map_or_else(|| html! { { id.to_owned() } }, |o| html_of(&o.text)),
        }
    };
    let body = match q.kind.as_str() {
        "multichoice" | "truefalse" => html! {
            <ul class="choices review-choices">
                { for q.options.iter().map(|o| {
                    let chosen = selected.contains(&o.id);
                    let right = review.right_options.contains(&o.id);
                    html! {
                        <li class={classes!("choice", chosen.then_some("chosen"), right.then_some("right"))}>
                            <span class="mark-sign">{ if chosen { "☑" } else { "☐" } }</span>
                            { option_label(&o.id) }
                            if chosen {
                                <span class="badge">{ t.attempt_your_choice }</span>
                            }
                            if right {
                                <span class="badge badge-ok">{ t.attempt_right_choice }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        },
        "match" => {
            let pairs = props
                .response
                .as_ref()
                .and_then(|r| r.pairs.clone())
                .unwrap_or_default();
            html! {
                <table class="review-match">
                    <thead><tr>
                        <th scope="col">{ t.attempt_item }</th>
                        <th scope="col">{ t.attempt_your_answer }</th>
                        <th scope="col">{ t.attempt_right_answer }</th>
                    </tr></thead>
                    <tbody>
                        { for q.stems.iter().map(|stem| html! {
                            <tr>
                                <th scope="row">{ html_of(&stem.text) }</th>
                                <td>{ pairs.get(&stem.id).map_or_else(|| html! { { t.attempt_no_answer } }, |id| option_label(id)) }</td>
                                <td>{ review.right_pairs.get(&stem.id).map_or_else(Html::default, |id| option_label(id)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        }
        "description" => html! {},
        _ => {
            let text = props
                .response
                .as_ref()
                .and_then(|r| r.text.clone())
                .filter(|t| !t.trim().is_empty());
            html! {
                <>
                    <p class="review-line">
                        <span class="muted">{ t.attempt_your_answer }{ ": " }</span>
                        <span class="answer-text">{ text.unwrap_or_else(|| t.attempt_no_answer.to_owned()) }</span>
                    </p>
                    if let Some(right) = &review.right_answer {
                        <p class="review-line">
                            <span class="muted">{ t.attempt_right_answer }{ ": " }</span>
                            <strong>{ right.clone() }</strong>
                        </p>
                    }
                </>
            }
        }
    };
    // No mark: an essay waits for its teacher, or the review options hide marks.
    let mark = match review.mark {
        Some(mark) => (t.attempt_mark_of)(&format_mark(mark), &format_mark(review.max_mark)),
        None if q.kind == "essay" => t.attempt_waiting_teacher.to_owned(),
        None => String::new(),
    };
    html! {
        <article class="question card review-item" id={format!("xem-lai-{}", q.slot)}>
            <h3 class="question-head">
                <span class="question-number">{ heading }</span>
                if needs_answer(q) {
                    <span class="review-mark">{ mark }</span>
                }
            </h3>
            <div class="question-text lesson-body">{ html_of(&q.text) }</div>
            { body }
            if !review.feedback.is_empty() {
                <div class="feedback lesson-body">{ html_of(&review.feedback) }</div>
            }
            if let Some(comment) = &review.grader_comment {
                <p class="grader-comment">
                    <span class="muted">{ t.attempt_teacher_comment }{ ": " }</span>
                    <span class="answer-text">{ comment.clone() }</span>
                </p>
            }
        </article>
    }
}
