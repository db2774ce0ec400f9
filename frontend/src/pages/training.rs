//! Annual training (issue 9): the learner's "Đào tạo hằng năm" card (on the home page and the
//! to-do list), the organiser's start page `/dao-tao`, the agency report
//! `/dao-tao/:code/bao-cao/:year` (figures per unit, job group and track, CSV, the overdue
//! list, reminders with an e-mail text) and the cycle page `/dao-tao/:code/chu-ky/:year`
//! (modules by job group, due date).

use hocdvc_api::{
    JobGroup, MyTraining, OpenCycleRequest, TrainingCycleModule, TrainingLearner, TrainingReport,
    TrainingStatus, TrainingTrack,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::field::{SelectField, TextField};
use crate::format;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::training::TrainingTexts;
use crate::i18n::use_texts;
use crate::i18n::work::label;
use crate::services::api::{self, ApiError};
use crate::session::use_session;

fn status_code(status: TrainingStatus) -> &'static str {
    match status {
        TrainingStatus::NotStarted => "not_started",
        TrainingStatus::InProgress => "in_progress",
        TrainingStatus::Completed => "completed",
        TrainingStatus::Overdue => "overdue",
    }
}

fn status_badge(t: &'static TrainingTexts, status: TrainingStatus) -> Html {
    let class = match status {
        TrainingStatus::Completed => "badge badge-ok",
        TrainingStatus::Overdue => "badge badge-overdue",
        TrainingStatus::InProgress => "badge",
        TrainingStatus::NotStarted => "badge badge-warn",
    };
    let code = status_code(status);
    html! { <span class={class} data-state={code}>{ label(&t.statuses, code) }</span> }
}

fn group_label(t: &'static TrainingTexts, group: JobGroup) -> String {
    label(&t.job_groups, group.as_str())
}

fn track_label(t: &'static TrainingTexts, track: TrainingTrack) -> String {
    label(&t.tracks, track.as_str())
}

/// The current calendar year of the browser (the server's year wins where it is known).
fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

// ---------------------------------------------------------------------------------------------
// The learner's card.

/// "Đào tạo hằng năm": the signed-in member's modules this year with their status; nothing for
/// users on no agency or team roster.
#[component]
pub fn MyTrainingCard() -> Html {
    let t = use_texts().training;
    let mine = use_api(api::my_training);
    match &mine.state {
        Remote::Ready(data) if data.member => my_training(t, data),
        _ => html! {},
    }
}

fn my_training(t: &'static TrainingTexts, data: &MyTraining) -> Html {
    html! {
        <section class="card section" id="dao-tao-hang-nam" aria-labelledby="dao-tao-hang-nam-tieu-de"
            data-year={data.year.to_string()}>
            <h2 id="dao-tao-hang-nam-tieu-de">{ (t.card_title)(data.year) }</h2>
            if let Some(status) = data.status {
                <p class="todo-meta" id="trang-thai-dao-tao">
                    { status_badge(t, status) }
                    if let Some(due) = &data.due_on {
                        <strong class="todo-due">{ (t.card_due)(&format::date(due)) }</strong>
                    }
                </p>
                <ul class="todo-list">
                    { for data.modules.iter().map(|m| html! {
                        <li class="todo-item" data-module={m.module_id.clone()}>
                            <h3>
                                <Link<Route> to={Route::LearnModule { module: m.module_id.clone() }}>
                                    { m.module_title.clone() }
                                </Link<Route>>
                            </h3>
                            <p class="todo-meta">
                                { status_badge(t, m.status) }
                                <span>{ track_label(t, m.track) }</span>
                                if let Some(done) = &m.completed_on {
                                    <span>{ (t.card_done_on)(&format::date(done)) }</span>
                                }
                            </p>
                            if m.status != TrainingStatus::Completed {
                                <Link<Route> to={Route::LearnModule { module: m.module_id.clone() }} classes="btn btn-small">
                                    { t.card_open }
                                </Link<Route>>
                            }
                        </li>
                    }) }
                </ul>
            } else {
                <p id="trang-thai-dao-tao" data-state="none">{ (t.card_no_cycle)(data.year) }</p>
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The organiser's start page.

/// `/dao-tao`: choose a unit and a year, then the report or the cycle.
#[component]
pub fn TrainingHome() -> Html {
    let t = use_texts().training;
    use_title(t.home_title);
    let session = use_session();
    let first_unit = session
        .current_grant()
        .map(|g| g.unit_code.clone())
        .unwrap_or_default();
    let unit = use_state(move || first_unit);
    let year = use_state(|| this_year().to_string());
    let year_value = year.parse::<i32>().unwrap_or_else(|_| this_year());
    let code = unit.trim().to_owned();
    html! {
        <section class="card">
            <h1>{ t.home_title }</h1>
            <p>{ t.home_lead }</p>
            <form class="form-grid" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <TextField id="ma-don-vi" label={t.unit_label} value={(*unit).clone()} hint={t.unit_hint}
                    verbatim=true on_input={Callback::from({ let u = unit.clone(); move |v| u.set(v) })} />
                <TextField id="nam-dao-tao" label={t.year_label} value={(*year).clone()} inputmode="numeric"
                    maxlength="4" verbatim=true
                    on_input={Callback::from({ let y = year.clone(); move |v| y.set(v) })} />
            </form>
            if !code.is_empty() {
                <p class="actions">
                    <Link<Route> to={Route::TrainingReport { code: code.clone(), year: year_value }}
                        classes="btn" >{ t.open_report }</Link<Route>>
                    <Link<Route> to={Route::TrainingCycle { code: code.clone(), year: year_value }}
                        classes="btn btn-secondary">{ t.open_cycle }</Link<Route>>
                    <Link<Route> to={Route::Imports} classes="btn btn-secondary">{ t.import_members }</Link<Route>>
                </p>
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The report.

#[derive(Properties, PartialEq)]
pub struct UnitYearProps {
    pub code: String,
    pub year: i32,
}

/// `/dao-tao/:code/bao-cao/:year`.
#[component]
pub fn TrainingReportPage(props: &UnitYearProps) -> Html {
    let texts = use_texts();
    let t = texts.training;
    use_title(t.nav);
    let report = use_api_with((props.code.clone(), props.year), |(code, year)| {
        let (code, year) = (code.clone(), *year);
        async move { api::training_report(&code, year).await }
    });
    let body = match &report.state {
        Remote::Loading => html! { <p role="status">{ texts.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={report.reload.clone()} /> }
        }
        Remote::Ready(data) => report_view(t, data),
    };
    html! {
        <>
            { body }
            <Reminders code={props.code.clone()} year={props.year} />
        </>
    }
}

fn report_view(t: &'static TrainingTexts, data: &TrainingReport) -> Html {
    let title = (t.report_title)(&data.unit_name, data.year);
    html! {
        <>
            <section class="card">
                <h1>{ title }</h1>
                <p class="actions">
                    <a class="btn btn-secondary" id="tai-csv-dao-tao" download=""
                        href={api::training_report_csv_url(&data.unit_code, data.year)}>{ t.csv_download }</a>
                    <Link<Route> to={Route::TrainingCycle { code: data.unit_code.clone(), year: data.year }}
                        classes="btn btn-secondary">{ t.open_cycle }</Link<Route>>
                </p>
                if data.rows.is_empty() {
                    <p id="bao-cao-trong">{ t.report_empty }</p>
                } else {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="bao-cao-caption">
                        <table id="bao-cao-dao-tao">
                            <caption id="bao-cao-caption">{ t.report_caption }</caption>
                            <thead><tr>
                                <th scope="col">{ t.col_unit }</th>
                                <th scope="col">{ t.col_group }</th>
                                <th scope="col">{ t.col_track }</th>
                                <th scope="col" class="num">{ t.col_enrolled }</th>
                                <th scope="col" class="num">{ t.col_completed }</th>
                                <th scope="col" class="num">{ t.col_overdue }</th>
                                <th scope="col" class="num">{ t.col_percent }</th>
                                <th scope="col" class="num">{ t.col_target }</th>
                            </tr></thead>
                            <tbody>
                                { for data.rows.iter().map(|r| html! {
                                    <tr data-unit={r.unit_code.clone()} data-group={r.job_group.as_str()}
                                        data-track={r.track.as_str()}>
                                        <td data-label={t.col_unit}>{ r.unit_name.clone() }</td>
                                        <td data-label={t.col_group}>{ group_label(t, r.job_group) }</td>
                                        <td data-label={t.col_track}>{ track_label(t, r.track) }</td>
                                        <td data-label={t.col_enrolled} class="num">{ r.enrolled }</td>
                                        <td data-label={t.col_completed} class="num">{ r.completed }</td>
                                        <td data-label={t.col_overdue} class="num">{ r.overdue }</td>
                                        <td data-label={t.col_percent} class="num percent">{ format!("{:.1}%", r.percent).replace('.', ",") }</td>
                                        <td data-label={t.col_target} class="num">{ format!("{:.0}%", r.target_percent) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            </section>
            <section class="card section" aria-labelledby="qua-han">
                <h2 id="qua-han">{ t.overdue_title }</h2>
                if data.overdue.is_empty() {
                    <p>{ t.overdue_none }</p>
                } else {
                    { learner_table(t, "danh-sach-qua-han", &data.overdue) }
                }
            </section>
        </>
    }
}

fn learner_table(
    t: &'static TrainingTexts,
    id: &'static str,
    learners: &[TrainingLearner],
) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t.overdue_title}>
            <table id={id}>
                <thead><tr>
                    <th scope="col">{ t.col_name }</th>
                    <th scope="col">{ t.col_unit }</th>
                    <th scope="col">{ t.col_group }</th>
                    <th scope="col">{ t.col_due }</th>
                    <th scope="col">{ t.col_missing }</th>
                </tr></thead>
                <tbody>
                    { for learners.iter().map(|l| html! {
                        <tr data-username={l.username.clone()}>
                            <td data-label={t.col_name}>{ l.full_name.clone() }</td>
                            <td data-label={t.col_unit}>{ l.unit_name.clone() }</td>
                            <td data-label={t.col_group}>{ group_label(t, l.job_group) }</td>
                            <td data-label={t.col_due}>{ format::date(&l.due_on) }</td>
                            <td data-label={t.col_missing}>{ l.missing.join("; ") }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Reminders: who is due within N days, as a list, a CSV and an e-mail text.
#[component]
fn Reminders(props: &UnitYearProps) -> Html {
    let texts = use_texts();
    let t = texts.training;
    let days = use_state(|| "14".to_owned());
    let asked = use_state(|| None::<u32>);
    let list = use_api_with(
        (props.code.clone(), props.year, *asked),
        |(code, year, asked)| {
            let (code, year, asked) = (code.clone(), *year, *asked);
            async move {
                match asked {
                    Some(days) => api::training_reminders(&code, year, days).await.map(Some),
                    None => Ok::<_, ApiError>(None),
                }
            }
        },
    );
    let on_show = {
        let (days, asked) = (days.clone(), asked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            asked.set(Some(days.trim().parse::<u32>().unwrap_or(14).min(366)));
        })
    };
    let body = match &list.state {
        Remote::Loading => html! {},
        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} /> },
        Remote::Ready(data) => match &**data {
            None => html! {},
            Some(r) => html! {
                <div id="nhac-hoc">
                    if r.learners.is_empty() {
                        <p>{ t.reminders_none }</p>
                    } else {
                        { learner_table(t, "danh-sach-nhac", &r.learners) }
                    }
                    <p class="actions">
                        <a class="btn btn-secondary" download="" id="tai-csv-nhac"
                            href={api::training_reminders_csv_url(&r.unit_code, r.year, r.days)}>{ t.reminders_csv }</a>
                    </p>
                    <div class="field field-wide">
                        <label for="thu-nhac">{ t.email_label }</label>
                        <textarea id="thu-nhac" rows="10" readonly=true value={r.email_text.clone()} />
                    </div>
                </div>
            },
        },
    };
    html! {
        <section class="card section" aria-labelledby="nhac-hoc-tieu-de">
            <h2 id="nhac-hoc-tieu-de">{ t.reminders_title }</h2>
            <form class="form-grid" onsubmit={on_show}>
                <TextField id="so-ngay-nhac" label={t.reminders_days} value={(*days).clone()}
                    inputmode="numeric" maxlength="3" verbatim=true
                    on_input={Callback::from({ let d = days.clone(); move |v| d.set(v) })} />
                <div class="form-actions">
                    <button type="submit" class="btn" id="lap-danh-sach-nhac">{ t.reminders_show }</button>
                </div>
            </form>
            { body }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The cycle.

/// `/dao-tao/:code/chu-ky/:year`: one module (or none) per job group, its track, the due date.
#[component]
pub fn TrainingCyclePage(props: &UnitYearProps) -> Html {
    let texts = use_texts();
    let t = texts.training;
    use_title(t.open_cycle);
    let cycle = use_api_with((props.code.clone(), props.year), |(code, year)| {
        let (code, year) = (code.clone(), *year);
        async move { api::training_cycle(&code, year).await }
    });
    let modules = use_api(api::modules);
    match (&cycle.state, &modules.state) {
        (Remote::Failed(err), _) | (_, Remote::Failed(err)) => {
            html! { <ApiErrorAlert error={err.clone()} retry={cycle.reload.clone()} /> }
        }
        (Remote::Ready(current), Remote::Ready(list)) => {
            let choices: Vec<(String, String)> = list
                .iter()
                .filter(|m| m.audience.iter().any(|a| a == "can_bo" || a == "to_cnscd"))
                .map(|m| (m.id.clone(), m.title.clone()))
                .collect();
            html! {
                <CycleForm code={props.code.clone()} year={props.year}
                    current={(**current).clone()} choices={choices} />
            }
        }
        _ => html! { <p role="status">{ texts.loading }</p> },
    }
}

#[derive(Properties, PartialEq)]
struct CycleFormProps {
    code: String,
    year: i32,
    current: Option<hocdvc_api::TrainingCycleView>,
    /// `(module id, title)` of the modules for civil servants and community teams.
    choices: Vec<(String, String)>,
}

/// One job group's line of the form: module id (empty: none) and track.
type GroupChoice = (String, TrainingTrack);

#[component]
fn CycleForm(props: &CycleFormProps) -> Html {
    let texts = use_texts();
    let t = texts.training;
    let initial: Vec<GroupChoice> = JobGroup::ALL
        .iter()
        .map(|g| {
            props
                .current
                .as_ref()
                .and_then(|c| c.modules.iter().find(|m| m.job_group == *g))
                .map(|m| (m.module_id.clone(), m.track))
                .unwrap_or_else(|| {
                    let track = if *g == JobGroup::Leader {
                        TrainingTrack::Awareness
                    } else {
                        TrainingTrack::Training
                    };
                    (String::new(), track)
                })
        })
        .collect();
    let groups = use_state(move || initial);
    let default_due = props
        .current
        .as_ref()
        .map(|c| format::date(&c.due_on))
        .unwrap_or_else(|| format!("31/12/{}", props.year));
    let due = use_state(move || default_due);
    let result = use_state(|| None::<Result<hocdvc_api::TrainingCycleView, ApiError>>);
    let on_submit = {
        let (groups, due, result) = (groups.clone(), due.clone(), result.clone());
        let (code, year) = (props.code.clone(), props.year);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parts: Vec<&str> = due.trim().split('/').collect();
            let due_on = match parts.as_slice() {
                [d, m, y] => format!("{y}-{m:0>2}-{d:0>2}"),
                _ => due.trim().to_owned(),
            };
            let modules: Vec<TrainingCycleModule> = JobGroup::ALL
                .iter()
                .zip(groups.iter())
                .filter(|(_, (module, _))| !module.is_empty())
                .map(|(group, (module, track))| TrainingCycleModule {
                    job_group: *group,
                    module_id: module.clone(),
                    track: *track,
                    module_title: String::new(),
                })
                .collect();
            let request = OpenCycleRequest { due_on, modules };
            let (code, result) = (code.clone(), result.clone());
            wasm_bindgen_futures::spawn_local(async move {
                result.set(Some(api::save_training_cycle(&code, year, &request).await));
            });
        })
    };
    let mut module_options = vec![(AttrValue::from(""), AttrValue::from(t.module_none))];
    module_options.extend(
        props
            .choices
            .iter()
            .map(|(id, title)| (AttrValue::from(id.clone()), AttrValue::from(title.clone()))),
    );
    let track_options: Vec<(AttrValue, AttrValue)> =
        [TrainingTrack::Training, TrainingTrack::Awareness]
            .iter()
            .map(|tr| {
                (
                    AttrValue::from(tr.as_str()),
                    AttrValue::from(track_label(t, *tr)),
                )
            })
            .collect();
    let saved = match &*result {
        Some(Ok(view)) => Some(view.clone()),
        _ => None,
    };
    let status = saved.as_ref().or(props.current.as_ref());
    html! {
        <section class="card">
            <h1>{ (t.cycle_title)(&props.code, props.year) }</h1>
            <p>{ t.cycle_lead }</p>
            <p id="trang-thai-chu-ky">
                { match status {
                    Some(c) => (t.cycle_open)(&format::date(&c.due_on)),
                    None => t.cycle_none.to_owned(),
                } }
            </p>
            <form class="form-grid" onsubmit={on_submit} novalidate=true>
                <TextField id="han-hoan-thanh" label={t.due_label} value={(*due).clone()} hint={t.due_hint}
                    verbatim=true inputmode="numeric" maxlength="10"
                    on_input={Callback::from({ let d = due.clone(); move |v| d.set(v) })} />
                { for JobGroup::ALL.iter().enumerate().map(|(i, group)| {
                    let (module, track) = groups.get(i).cloned().unwrap_or((String::new(), TrainingTrack::Training));
                    let on_module = {
                        let groups = groups.clone();
                        Callback::from(move |value: String| {
                            let mut next = (*groups).clone();
                            if let Some(slot) = next.get_mut(i) { slot.0 = value; }
                            groups.set(next);
                        })
                    };
                    let on_track = {
                        let groups = groups.clone();
                        Callback::from(move |value: String| {
                            let mut next = (*groups).clone();
                            if let Some(slot) = next.get_mut(i) {
                                slot.1 = TrainingTrack::from_stored(&value).unwrap_or(TrainingTrack::Training);
                            }
                            groups.set(next);
                        })
                    };
                    let label_text = (t.module_for)(&group_label(t, *group));
                    html! {
                        <>
                            <SelectField id={format!("hoc-phan-{}", group.as_str())} label={label_text}
                                options={module_options.clone()} value={module} on_change={on_module} />
                            <SelectField id={format!("tinh-vao-{}", group.as_str())} label={t.track_label}
                                options={track_options.clone()} value={track.as_str()} on_change={on_track} />
                        </>
                    }
                }) }
                <div class="form-actions field-wide">
                    <button type="submit" class="btn" id="luu-chu-ky">{ t.save }</button>
                    <Link<Route> to={Route::TrainingReport { code: props.code.clone(), year: props.year }}
                        classes="btn btn-secondary">{ t.open_report }</Link<Route>>
                </div>
            </form>
            { match &*result {
                Some(Ok(_)) => html! { <Alert kind={AlertKind::Success}><p id="da-luu-chu-ky">{ t.saved }</p></Alert> },
                Some(Err(err)) => html! { <ApiErrorAlert error={err.clone()} /> },
                None => html! {},
            } }
        </section>
    }
}
