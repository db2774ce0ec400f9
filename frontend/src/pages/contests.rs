//! Knowledge contests: `/cuoc-thi` lists the contests the user may enter or organises (and,
//! for organisers, a form to create one); `/cuoc-thi/:id` shows a contest's rounds — for an
//! entrant the prediction and the way into the round (the attempt itself is the ordinary
//! attempt page `/lam-bai/:id`), for an organiser the add-round form and the close, qualify,
//! publish and CSV actions — and the leaderboard (organisers live, entrants once published).

use hocdvc_api::{
    ContestRoundView, ContestView, CreateContestRequest, CreateRoundRequest, Leaderboard,
    PublishRoundRequest, QualifyRequest,
};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::format;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::contests::ContestTexts;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};
use crate::session::use_session;

fn input_value(e: &InputEvent) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| {
            e.target_dyn_into::<HtmlTextAreaElement>()
                .map(|i| i.value())
        })
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn set_on_input(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(input_value(&e)))
}

/// A labelled text input bound to a state (a plain function: no component cost).
fn text_input(id: &str, label: &str, kind: &str, state: &UseStateHandle<String>) -> Html {
    html! {
        <div class="field">
            <label for={id.to_owned()}>{ label }</label>
            <input id={id.to_owned()} type={kind.to_owned()} value={(**state).clone()}
                oninput={set_on_input(state)} />
        </div>
    }
}

/// `datetime-local` (the browser's local time) → UTC ISO for the API.
fn local_to_utc(value: &str) -> String {
    let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value));
    if time.get_time().is_nan() {
        return value.to_owned();
    }
    let iso: String = time.to_iso_string().into();
    format!("{}Z", iso.get(..19).unwrap_or(&iso))
}

/// Local `YYYY-MM-DDTHH:MM` `minutes` from now, for a `datetime-local` default.
fn local_from_now(minutes: f64) -> String {
    let now = js_sys::Date::new_0();
    let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        now.get_time() + minutes * 60_000.0,
    ));
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}",
        t.get_full_year(),
        t.get_month() + 1,
        t.get_date(),
        t.get_hours(),
        t.get_minutes()
    )
}

fn error_line(error: &Option<ApiError>) -> Html {
    match error {
        Some(err) => html! { <ApiErrorAlert error={err.clone()} /> },
        None => html! {},
    }
}

fn info_line(message: &Option<String>) -> Html {
    match message {
        Some(m) => html! { <div class="alert alert-success" role="status">{ m.clone() }</div> },
        None => html! {},
    }
}

#[component]
pub fn Contests() -> Html {
    let t = use_texts();
    let c = t.contests;
    use_title(c.list_title);
    let session = use_session();
    let list = use_api(api::contests);
    let organiser = session.has_any_role(&["organiser", "system_admin"]);
    let body = match &list.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={list.reload.clone()} /> }
        }
        Remote::Ready(items) if items.is_empty() => {
            html! { <EmptyState title={c.none_title} message={c.none_body} /> }
        }
        Remote::Ready(items) => html! {
            <ul class="contest-list" id="cuoc-thi">
                { for items.iter().map(|item| contest_line(c, item)) }
            </ul>
        },
    };
    let unit = session
        .current_grant()
        .map(|g| g.unit_code.clone())
        .unwrap_or_default();
    html! {
        <>
            <section class="card">
                <h1>{ c.list_title }</h1>
                <p>{ c.list_lead }</p>
                { body }
            </section>
            if organiser {
                <CreateContest {unit} on_created={list.reload.clone()} />
            }
        </>
    }
}

fn contest_line(c: &'static ContestTexts, item: &ContestView) -> Html {
    let open = item.rounds.iter().any(|r| r.status == "open");
    html! {
        <li class="contest-item" data-contest={item.id.to_string()}>
            <h2>
                <Link<Route> to={Route::Contest { id: item.id }}>{ item.title.clone() }</Link<Route>>
            </h2>
            <p class="muted">
                { (c.organised_by)(&item.unit_name) }{ " · " }{ (c.rounds_count)(item.rounds.len()) }
                if open {
                    { " · " }<span class="badge badge-ok">{ c.status("open") }</span>
                }
            </p>
            if let Some(group) = &item.my_group {
                <p>{ (c.my_group)(&c.group(group)) }</p>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CreateContestProps {
    unit: String,
    on_created: Callback<()>,
}

#[component]
fn CreateContest(props: &CreateContestProps) -> Html {
    let t = use_texts();
    let c = t.contests;
    let title = use_state(String::new);
    let description = use_state(String::new);
    let unit = use_state({
        let u = props.unit.clone();
        move || u
    });
    let question = use_state(String::new);
    let groups = use_state(|| vec!["thcs".to_owned(), "thpt".to_owned()]);
    let error = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<String>);
    let navigator = use_navigator();
    let onsubmit = {
        let (title, description, unit, question, groups) = (
            title.clone(),
            description.clone(),
            unit.clone(),
            question.clone(),
            groups.clone(),
        );
        let (error, done, on_created) = (error.clone(), done.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = CreateContestRequest {
                title: (*title).clone(),
                description: (*description).clone(),
                unit_code: (*unit).clone(),
                prediction_question: (*question).clone(),
                groups: (*groups).clone(),
            };
            let (error, done, on_created, navigator) = (
                error.clone(),
                done.clone(),
                on_created.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_contest(&request).await {
                    Ok(view) => {
                        error.set(None);
                        done.set(Some(c.created_notice.to_owned()));
                        on_created.emit(());
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Contest { id: view.id });
                        }
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    html! {
        <section class="card">
            <h2>{ c.create_title }</h2>
            <form id="tao-cuoc-thi" {onsubmit}>
                { text_input("ten-cuoc-thi", c.title_label, "text", &title) }
                <div class="field">
                    <label for="gioi-thieu">{ c.description_label }</label>
                    <textarea id="gioi-thieu" value={(*description).clone()} oninput={set_on_input(&description)} />
                </div>
                { text_input("don-vi-to-chuc", c.unit_label, "text", &unit) }
                { text_input("cau-hoi-du-doan", c.prediction_question_label, "text", &question) }
                <fieldset class="field">
                    <legend>{ c.groups_label }</legend>
                    { for c.groups.iter().map(|(code, label)| {
                        let checked = groups.contains(&(*code).to_owned());
                        let onchange = {
                            let groups = groups.clone();
                            let code = (*code).to_owned();
                            Callback::from(move |_: Event| {
                                let mut next = (*groups).clone();
                                if let Some(i) = next.iter().position(|g| *g == code) {
                                    next.remove(i);
                                } else {
                                    next.push(code.clone());
                                }
                                groups.set(next);
                            })
                        };
                        html! {
                            <label class="check">
                                <input type="checkbox" name="bang" value={*code} {checked} {onchange} />
                                { " " }{ *label }
                            </label>
                        }
                    }) }
                </fieldset>
                { error_line(&error) }
                { info_line(&done) }
                <button class="btn" type="submit">{ c.create_submit }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ContestPageProps {
    pub id: i32,
}

#[component]
pub fn ContestPage(props: &ContestPageProps) -> Html {
    let t = use_texts();
    let c = t.contests;
    use_title(c.list_title);
    let view = use_api_with(props.id, |id: &i32| api::contest(*id));
    let board_version = use_state(|| 0u32);
    let refresh = {
        let (reload, board_version) = (view.reload.clone(), board_version.clone());
        Callback::from(move |()| {
            reload.emit(());
            board_version.set(*board_version + 1);
        })
    };
    match &view.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={view.reload.clone()} /> }
        }
        Remote::Ready(contest) => {
            let contest: &ContestView = contest;
            html! {
                <>
                    <section class="card" id="cuoc-thi-chi-tiet">
                        <h1>{ contest.title.clone() }</h1>
                        <p class="muted">{ (c.organised_by)(&contest.unit_name) }</p>
                        if !contest.description.is_empty() {
                            <p>{ contest.description.clone() }</p>
                        }
                        if let Some(group) = &contest.my_group {
                            <p><strong>{ (c.my_group)(&c.group(group)) }</strong></p>
                        }
                        <h2>{ c.rounds_title }</h2>
                        <ol class="contest-rounds">
                            { for contest.rounds.iter().map(|round| html! {
                                <RoundCard
                                    contest_id={contest.id}
                                    question={contest.prediction_question.clone()}
                                    manage={contest.manage}
                                    round={round.clone()}
                                    on_change={refresh.clone()}
                                />
                            }) }
                        </ol>
                    </section>
                    if contest.manage {
                        <AddRound contest_id={contest.id} on_added={refresh.clone()} />
                    }
                    <Board contest={contest.clone()} version={*board_version} />
                </>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct RoundCardProps {
    contest_id: i32,
    question: String,
    manage: bool,
    round: ContestRoundView,
    on_change: Callback<()>,
}

#[component]
fn RoundCard(props: &RoundCardProps) -> Html {
    let t = use_texts();
    let c = t.contests;
    let round = &props.round;
    let prediction = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<String>);
    let rule = use_state(|| "top_per_school".to_owned());
    let value = use_state(|| "1".to_owned());
    let prizes = use_state(|| "1, 2, 3, 5".to_owned());
    let navigator = use_navigator();
    let (contest_id, round_id) = (props.contest_id, round.id);

    let on_enter = {
        let (prediction, error, navigator) = (prediction.clone(), error.clone(), navigator.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let guess = prediction.trim().parse::<i64>().unwrap_or(-1);
            let (error, navigator) = (error.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::enter_round(contest_id, round_id, guess).await {
                    Ok(started) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Attempt {
                                attempt_id: started.attempt_id,
                            });
                        }
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let on_close = |notice: &'static str, confirm: Option<&'static str>| {
        let (error, done, on_change) = (error.clone(), done.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(question) = confirm {
                let ok = web_sys::window()
                    .and_then(|w| w.confirm_with_message(question).ok())
                    .unwrap_or(false);
                if !ok {
                    return;
                }
            }
            let (error, done, on_change) = (error.clone(), done.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::close_round(contest_id, round_id).await {
                    Ok(_) => {
                        error.set(None);
                        done.set(Some(notice.to_owned()));
                        on_change.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let on_publish = {
        let (prizes, error, done, on_change) = (
            prizes.clone(),
            error.clone(),
            done.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let counts: Vec<i32> = prizes
                .split([',', ';', ' '])
                .filter(|p| !p.trim().is_empty())
                .map(|p| p.trim().parse().unwrap_or(-1))
                .collect();
            let request = PublishRoundRequest {
                // Fewer than four numbers: the missing tiers get none; a bad number is sent
                // as -1 so the server names the field.
                prize_counts: std::array::from_fn(|i| counts.get(i).copied().unwrap_or(0)),
            };
            let (error, done, on_change) = (error.clone(), done.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::publish_round(contest_id, round_id, &request).await {
                    Ok(_) => {
                        error.set(None);
                        done.set(Some(c.published_notice.to_owned()));
                        on_change.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let on_qualify = {
        let (rule, value, error, done, on_change) = (
            rule.clone(),
            value.clone(),
            error.clone(),
            done.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = QualifyRequest {
                rule: (*rule).clone(),
                value: value.trim().replace(',', ".").parse().unwrap_or(-1.0),
            };
            let (error, done, on_change) = (error.clone(), done.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::qualify_round(contest_id, round_id, &request).await {
                    Ok(summary) => {
                        error.set(None);
                        done.set(Some((c.qualified_notice)(
                            summary.qualified,
                            summary.entrants,
                        )));
                        on_change.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let rule_text = if round.attempts_rule == "weekly" {
        c.rule_weekly
    } else {
        c.rule_once
    };
    let badge = match round.status.as_str() {
        "open" => "badge badge-ok",
        "closed" => "badge",
        _ => "badge badge-warn",
    };
    let my = round.my.as_ref();
    html! {
        <li class="card contest-round" data-round={round.id.to_string()} data-status={round.status.clone()}>
            <h3>{ (c.round_heading)(round.position, &round.name) }</h3>
            <p>
                <span class={badge}>{ c.status(&round.status) }</span>
                if round.published {
                    { " " }<span class="badge badge-ok">{ c.published_badge }</span>
                }
            </p>
            <p class="muted">{ (c.window)(&format::date_time_local(&round.opens_at), &format::date_time_local(&round.closes_at)) }</p>
            <p class="muted">{ (c.settings)(round.question_count, round.time_limit_minutes, rule_text) }{ " · " }{ (c.entrants)(round.entrants) }</p>
            if let Some(truth) = round.prediction_truth {
                <p>{ (c.truth)(truth) }</p>
            }
            if let Some(my) = my {
                { for my.attempts.iter().map(|a| html! {
                    <p class="my-attempt">{ match a.score {
                        Some(score) if a.state == "finished" => (c.my_attempt)(&format!("{}/{}", format::score(score), format::score(a.max_score)), a.prediction),
                        _ => (c.my_attempt_pending)(a.prediction),
                    } }</p>
                }) }
                if let Some(live) = my.live_attempt_id {
                    <Link<Route> to={Route::Attempt { attempt_id: live }} classes="btn">{ c.resume }</Link<Route>>
                } else if my.may_start {
                    <form class="enter-round" onsubmit={on_enter}>
                        <div class="field">
                            <label for={format!("du-doan-{}", round.id)}>{ c.prediction_label }{ ": " }{ props.question.clone() }</label>
                            <input id={format!("du-doan-{}", round.id)} class="prediction" type="number" min="0" step="1" inputmode="numeric" required=true
                                value={(*prediction).clone()} oninput={set_on_input(&prediction)} />
                            <p class="muted">{ c.prediction_hint }</p>
                        </div>
                        <button class="btn" type="submit">{ c.enter_submit }</button>
                    </form>
                } else if let Some(reason) = &my.reason {
                    <p class="muted">{ reason.clone() }</p>
                }
                { match my.qualified {
                    Some(true) => html! { <p class="badge badge-ok">{ c.qualified_yes }</p> },
                    Some(false) => html! { <p class="muted">{ c.qualified_no }</p> },
                    None => html! {},
                } }
            }
            if props.manage {
                <div class="actions round-actions">
                    if round.status != "closed" {
                        <button class="btn btn-secondary close-round" type="button" onclick={on_close(c.closed_notice, Some(c.close_confirm))}>{ c.close_round }</button>
                    } else {
                        <a class="btn btn-secondary" href={format!("/api/contests/{contest_id}/rounds/{round_id}/results.csv")} download="">{ c.download_csv }</a>
                    }
                </div>
                if round.status == "closed" && !round.published {
                    <form class="publish-round-form" onsubmit={on_publish}>
                        { text_input(&format!("so-giai-{}", round.id), c.prize_counts_label, "text", &prizes) }
                        <p class="muted">{ c.prize_counts_hint }</p>
                        <button class="btn publish-round" type="submit">{ c.publish }</button>
                    </form>
                }
                if round.published && round.certificates > 0 {
                    <p class="certificates-issued">{ (c.certificates_issued)(round.certificates) }</p>
                }
                if round.status == "closed" {
                    <form class="qualify" onsubmit={on_qualify}>
                        <h4>{ c.qualify_title }</h4>
                        <div class="field">
                            <label for={format!("quy-tac-{}", round.id)}>{ c.rule_label }</label>
                            <select id={format!("quy-tac-{}", round.id)} onchange={{
                                let rule = rule.clone();
                                Callback::from(move |e: Event| rule.set(select_value(&e)))
                            }}>
                                <option value="top_per_school" selected={*rule == "top_per_school"}>{ c.qualify_top }</option>
                                <option value="threshold" selected={*rule == "threshold"}>{ c.qualify_threshold }</option>
                            </select>
                        </div>
                        { text_input(&format!("muc-{}", round.id), c.qualify_value_label, "text", &value) }
                        <button class="btn btn-secondary" type="submit">{ c.qualify_submit }</button>
                    </form>
                }
            }
            { error_line(&error) }
            { info_line(&done) }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AddRoundProps {
    contest_id: i32,
    on_added: Callback<()>,
}

#[component]
fn AddRound(props: &AddRoundProps) -> Html {
    let t = use_texts();
    let c = t.contests;
    let name = use_state(String::new);
    let module = use_state(|| "contest-practice".to_owned());
    let tags = use_state(String::new);
    let count = use_state(|| "10".to_owned());
    let minutes = use_state(|| "15".to_owned());
    let rule = use_state(|| "once".to_owned());
    let opens = use_state(|| local_from_now(0.0));
    let closes = use_state(|| local_from_now(7.0 * 24.0 * 60.0));
    let error = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<String>);
    let modules = use_api(api::modules);
    let contest_id = props.contest_id;
    let onsubmit = {
        let states = (
            name.clone(),
            module.clone(),
            tags.clone(),
            count.clone(),
            minutes.clone(),
            rule.clone(),
            opens.clone(),
            closes.clone(),
        );
        let (error, done, on_added) = (error.clone(), done.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (name, module, tags, count, minutes, rule, opens, closes) = &states;
            let request = CreateRoundRequest {
                name: (**name).clone(),
                module_id: (**module).clone(),
                tags: tags
                    .split(',')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect(),
                question_count: count.trim().parse().unwrap_or(0),
                time_limit_minutes: minutes.trim().parse().unwrap_or(0),
                attempts_rule: (**rule).clone(),
                opens_at: local_to_utc(opens),
                closes_at: local_to_utc(closes),
            };
            let (error, done, on_added) = (error.clone(), done.clone(), on_added.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_round(contest_id, &request).await {
                    Ok(_) => {
                        error.set(None);
                        done.set(Some(c.round_added_notice.to_owned()));
                        on_added.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let module_options = match &modules.state {
        Remote::Ready(list) if !list.is_empty() => list
            .iter()
            .map(|m| (m.id.clone(), m.title.clone()))
            .collect(),
        _ => vec![((*module).clone(), (*module).clone())],
    };
    html! {
        <section class="card">
            <h2>{ c.add_round_title }</h2>
            <form id="them-vong-thi" {onsubmit}>
                { text_input("ten-vong", c.round_name_label, "text", &name) }
                <div class="field">
                    <label for="hoc-phan">{ c.module_label }</label>
                    <select id="hoc-phan" onchange={{
                        let module = module.clone();
                        Callback::from(move |e: Event| module.set(select_value(&e)))
                    }}>
                        { for module_options.into_iter().map(|(id, title)| html! {
                            <option value={id.clone()} selected={*module == id}>{ title }</option>
                        }) }
                    </select>
                </div>
                { text_input("nhan-cau-hoi", c.tags_label, "text", &tags) }
                <p class="muted">{ c.tags_hint }</p>
                { text_input("so-cau", c.count_label, "number", &count) }
                { text_input("thoi-gian", c.minutes_label, "number", &minutes) }
                <div class="field">
                    <label for="so-luot">{ c.rule_label }</label>
                    <select id="so-luot" onchange={{
                        let rule = rule.clone();
                        Callback::from(move |e: Event| rule.set(select_value(&e)))
                    }}>
                        <option value="once" selected={*rule == "once"}>{ c.rule_once }</option>
                        <option value="weekly" selected={*rule == "weekly"}>{ c.rule_weekly }</option>
                    </select>
                </div>
                { text_input("mo-luc", c.opens_label, "datetime-local", &opens) }
                { text_input("dong-luc", c.closes_label, "datetime-local", &closes) }
                { error_line(&error) }
                { info_line(&done) }
                <button class="btn" type="submit">{ c.add_round_submit }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BoardProps {
    contest: ContestView,
    version: u32,
}

#[component]
fn Board(props: &BoardProps) -> Html {
    let t = use_texts();
    let c = t.contests;
    let contest = &props.contest;
    let round = use_state(|| None::<i32>);
    let group = use_state(String::new);
    let unit = use_state(String::new);
    let asked = use_state(|| (None::<i32>, String::new(), String::new()));
    let board = use_api_with(
        (contest.id, (*asked).clone(), props.version),
        |(id, (round, group, unit), _): &(i32, (Option<i32>, String, String), u32)| {
            let (id, round, group, unit) = (*id, *round, group.clone(), unit.clone());
            async move { api::leaderboard(id, round, &group, &unit).await }
        },
    );
    let onsubmit = {
        let (round, group, unit, asked) =
            (round.clone(), group.clone(), unit.clone(), asked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            asked.set((*round, (*group).clone(), (*unit).clone()));
        })
    };
    let table = match &board.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) if err.status() == Some(403) => {
            html! { <p class="muted" id="bang-xep-hang-an">{ c.board_hidden }</p> }
        }
        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} /> },
        Remote::Ready(board) => board_table(c, board, contest.manage),
    };
    html! {
        <section class="card" aria-labelledby="bang-xep-hang-tieu-de">
            <h2 id="bang-xep-hang-tieu-de">{ c.board_title }</h2>
            <form class="board-filter" {onsubmit}>
                if contest.rounds.len() > 1 {
                    <div class="field">
                        <label for="vong-xep-hang">{ c.rounds_title }</label>
                        <select id="vong-xep-hang" onchange={{
                            let round = round.clone();
                            Callback::from(move |e: Event| round.set(select_value(&e).parse().ok()))
                        }}>
                            <option value="">{ "—" }</option>
                            { for contest.rounds.iter().map(|r| html! {
                                <option value={r.id.to_string()} selected={*round == Some(r.id)}>{ (c.round_heading)(r.position, &r.name) }</option>
                            }) }
                        </select>
                    </div>
                }
                <div class="field">
                    <label for="bang-loc">{ c.board_group_label }</label>
                    <select id="bang-loc" onchange={{
                        let group = group.clone();
                        Callback::from(move |e: Event| group.set(select_value(&e)))
                    }}>
                        <option value="">{ c.board_all_groups }</option>
                        { for contest.groups.iter().map(|g| html! {
                            <option value={g.audience.clone()} selected={*group == g.audience}>{ g.name.clone() }</option>
                        }) }
                    </select>
                </div>
                { text_input("don-vi-loc", c.board_unit_label, "text", &unit) }
                <p class="muted">{ c.board_unit_hint }</p>
                <button class="btn btn-secondary" type="submit">{ c.board_show }</button>
            </form>
            { table }
        </section>
    }
}

fn board_table(c: &'static ContestTexts, board: &Leaderboard, manage: bool) -> Html {
    html! {
        <>
            if manage && !board.published {
                <p class="alert alert-info">{ c.board_live }</p>
            }
            if let Some(truth) = board.prediction_truth {
                <p>{ (c.truth)(truth) }</p>
            }
            if board.rows.is_empty() {
                <p class="muted">{ c.board_empty }</p>
            } else {
                <div class="table-wrap">
                    <table id="bang-xep-hang" data-round={board.round_id.to_string()}>
                        <caption>{ (c.board_caption)(&board.round_name) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ c.col_rank }</th>
                                <th scope="col">{ c.col_name }</th>
                                <th scope="col">{ c.col_school }</th>
                                <th scope="col">{ c.board_group_label }</th>
                                <th scope="col">{ c.col_score }</th>
                                <th scope="col">{ c.col_prediction }</th>
                                <th scope="col">{ c.col_gap }</th>
                                <th scope="col">{ c.col_duration }</th>
                                <th scope="col">{ c.col_submitted }</th>
                                <th scope="col">{ c.col_qualified }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for board.rows.iter().map(|r| html! {
                                <tr data-rank={r.rank.to_string()} data-group={r.group.clone()} data-score={r.score.to_string()}
                                    data-gap={r.prediction_gap.map(|g| g.to_string()).unwrap_or_default()}
                                    data-duration={r.duration_seconds.to_string()} data-submitted={r.submitted_at.clone()}>
                                    <td>{ r.rank }</td>
                                    <th scope="row">{ r.name.clone() }</th>
                                    <td>{ r.school_name.clone() }</td>
                                    <td>{ c.group(&r.group) }</td>
                                    <td>{ format!("{}/{}", format::score(r.score), format::score(r.max_score)) }</td>
                                    <td>{ r.prediction.map(|p| p.to_string()).unwrap_or_default() }</td>
                                    <td>{ r.prediction_gap.map(|g| g.to_string()).unwrap_or_default() }</td>
                                    <td>{ (c.duration)(r.duration_seconds) }</td>
                                    <td>{ format::date_time_local(&r.submitted_at) }</td>
                                    <td>{ match r.qualified { Some(true) => "✓", Some(false) => "—", None => "" } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </>
    }
}
