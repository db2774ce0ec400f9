//! Item statistics for content reviewers: `/quan-tri/thong-ke` lists the modules, and
//! `/quan-tri/thong-ke/:module` shows one module's assessment in a school year — the quiz's
//! figures, then a table of its questions that sorts by any column, with the questions to
//! review highlighted and labelled, a CSV download, and what each measure means in plain words.

use hocdvc_api::{ItemStatistics, QuestionStatistics, ReviewFlag};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::components::field::TextField;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::table::KeyValueTable;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::services::api;

#[component]
pub fn ItemStatisticsModules() -> Html {
    let t = use_texts();
    use_title(t.stats_title);
    html! {
        <RequireSignIn>
            <ModuleChoice />
        </RequireSignIn>
    }
}

#[component]
fn ModuleChoice() -> Html {
    let t = use_texts();
    let modules = use_api(api::modules);
    let body = match &modules.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={modules.reload.clone()} /> }
        }
        Remote::Ready(list) => html! {
            <ul class="stats-modules" id="hoc-phan-thong-ke">
                { for list.iter().map(|m| html! {
                    <li>
                        <Link<Route> to={Route::ItemStatistics { module: m.id.clone() }}>
                            { m.title.clone() }
                        </Link<Route>>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.stats_title }</h1>
            <p>{ t.stats_lead }</p>
            <h2>{ t.stats_choose_module }</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ItemStatisticsPageProps {
    pub module: AttrValue,
}

#[component]
pub fn ItemStatisticsPage(props: &ItemStatisticsPageProps) -> Html {
    let t = use_texts();
    use_title(t.stats_title);
    html! {
        <RequireSignIn>
            <ModuleStatistics module={props.module.clone()} />
        </RequireSignIn>
    }
}

#[component]
fn ModuleStatistics(props: &ItemStatisticsPageProps) -> Html {
    let t = use_texts();
    // The year shown (None: the school year in progress, as the server decides).
    let year = use_state(|| None::<String>);
    let year_input = use_state(String::new);
    let stats = use_api_with(
        (props.module.clone(), (*year).clone()),
        |(module, year): &(AttrValue, Option<String>)| {
            let (module, year) = (module.to_string(), year.clone());
            async move { api::item_statistics(&module, year.as_deref()).await }
        },
    );
    {
        // Once the server says which year it used, the field shows it.
        let year_input = year_input.clone();
        let shown = match &stats.state {
            Remote::Ready(s) => Some(s.school_year.clone()),
            _ => None,
        };
        use_effect_with(shown, move |shown| {
            if let Some(shown) = shown {
                year_input.set(shown.clone());
            }
        });
    }
    let on_year_input = {
        let year_input = year_input.clone();
        Callback::from(move |value: String| year_input.set(value))
    };
    let on_submit = {
        let (year, year_input) = (year.clone(), year_input.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            year.set(Some(year_input.trim().to_owned()));
        })
    };
    let body = match &stats.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={stats.reload.clone()} /> }
        }
        Remote::Ready(s) => html! { <Report stats={(**s).clone()} /> },
    };
    html! {
        <section class="card">
            <p>
                <Link<Route> to={Route::ItemStatisticsModules}>{ t.stats_back }</Link<Route>>
            </p>
            <h1>{ t.stats_title }</h1>
            <form class="stats-year" onsubmit={on_submit} novalidate=true>
                <TextField id="nam-hoc" label={t.stats_year_label} value={(*year_input).clone()}
                    on_input={on_year_input} hint={t.stats_year_hint} />
                <button type="submit" class="btn">{ t.stats_show }</button>
            </form>
            { body }
            <Explanations />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    stats: ItemStatistics,
}

/// Percent with one decimal, or the "not applicable" dash.
fn percent(t: &Texts, value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}%"))
        .unwrap_or_else(|| t.not_applicable.to_owned())
}

#[component]
fn Report(props: &ReportProps) -> Html {
    let t = use_texts();
    let s = &props.stats;
    let q = &s.quiz;
    let csv_href = format!(
        "/api/modules/{}/statistics.csv?year={}",
        api::segment(&s.module_id),
        api::segment(&s.school_year)
    );
    let flagged = s.questions.iter().filter(|q| !q.flags.is_empty()).count();
    let rows: Vec<(AttrValue, Html)> = vec![
        (t.stats_attempts.into(), html! { { q.attempts } }),
        (t.stats_awaiting.into(), html! { { q.awaiting_grading } }),
        (t.stats_positions.into(), html! { { q.positions } }),
        (t.stats_mean.into(), html! { { percent(t, q.mean) } }),
        (t.stats_median.into(), html! { { percent(t, q.median) } }),
        (
            t.stats_sd.into(),
            html! { { percent(t, q.standard_deviation) } },
        ),
        (
            t.stats_alpha.into(),
            html! { { percent(t, q.cronbach_alpha) } },
        ),
        (
            t.stats_error_ratio.into(),
            html! { { percent(t, q.error_ratio) } },
        ),
        (
            t.stats_standard_error.into(),
            html! { { percent(t, q.standard_error) } },
        ),
    ];
    html! {
        <>
            <h2>{ format!("{} — {}", s.module_title, s.school_year) }</h2>
            if q.attempts == 0 {
                <EmptyState title={t.stats_none_title} message={t.stats_none_body} />
            } else {
                <KeyValueTable caption={t.stats_quiz_caption} rows={rows} />
                <p>
                    <a class="btn btn-small" href={csv_href} download="">{ t.stats_download_csv }</a>
                </p>
                <p role="status" id="so-cau-can-xem-lai">
                    if flagged > 0 {
                        <span class="badge badge-warn">{ (t.stats_flagged_count)(flagged) }</span>
                    } else {
                        { t.stats_none_flagged }
                    }
                </p>
                <QuestionTable questions={s.questions.clone()} />
            }
        </>
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Question,
    Attempts,
    Facility,
    Deviation,
    Discrimination,
    Efficiency,
    Review,
}

impl Column {
    /// The value to sort by: number columns put empty cells last.
    fn key(self, q: &QuestionStatistics) -> Option<f64> {
        match self {
            Column::Question => Some(f64::from(q.question_id)),
            Column::Attempts => Some(q.attempts as f64),
            Column::Facility => q.facility,
            Column::Deviation => q.standard_deviation,
            Column::Discrimination => q.discrimination_index,
            Column::Efficiency => q.discriminative_efficiency,
            Column::Review => Some(q.flags.len() as f64),
        }
    }

    fn heading(self, t: &Texts) -> &'static str {
        match self {
            Column::Question => t.stats_col_question,
            Column::Attempts => t.stats_col_attempts,
            Column::Facility => t.stats_col_facility,
            Column::Deviation => t.stats_col_sd,
            Column::Discrimination => t.stats_col_di,
            Column::Efficiency => t.stats_col_de,
            Column::Review => t.stats_col_review,
        }
    }
}

#[derive(Properties, PartialEq)]
struct QuestionTableProps {
    questions: Vec<QuestionStatistics>,
}

fn sorted(
    questions: &[QuestionStatistics],
    column: Column,
    ascending: bool,
) -> Vec<QuestionStatistics> {
    let mut rows = questions.to_vec();
    rows.sort_by(|a, b| match (column.key(a), column.key(b)) {
        (Some(x), Some(y)) => {
            let order = x.total_cmp(&y);
            if ascending { order } else { order.reverse() }
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

#[component]
fn QuestionTable(props: &QuestionTableProps) -> Html {
    let t = use_texts();
    // Flagged questions first, the way a reviewer works through them.
    let order = use_state(|| (Column::Review, false));
    let (column, ascending) = *order;
    let rows = sorted(&props.questions, column, ascending);
    let header = |c: Column, numeric: bool| {
        let onclick = {
            let order = order.clone();
            Callback::from(move |_: MouseEvent| {
                let (current, ascending) = *order;
                order.set((
                    c,
                    if current == c {
                        !ascending
                    } else {
                        c == Column::Question
                    },
                ));
            })
        };
        let sort = (c == column).then_some(if ascending { "ascending" } else { "descending" });
        let arrow = match sort {
            Some("ascending") => " ▲",
            Some(_) => " ▼",
            None => "",
        };
        html! {
            <th scope="col" class={classes!(numeric.then_some("num"))} aria-sort={sort}>
                <button type="button" class="sort" {onclick}>
                    { c.heading(t) }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="stats-table" id="thong-ke-cau-hoi">
                <caption>{ t.stats_questions_caption }</caption>
                <thead>
                    <tr>
                        { header(Column::Question, false) }
                        { header(Column::Attempts, true) }
                        { header(Column::Facility, true) }
                        { header(Column::Deviation, true) }
                        { header(Column::Discrimination, true) }
                        { header(Column::Efficiency, true) }
                        { header(Column::Review, false) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|q| {
                        let flagged = !q.flags.is_empty();
                        html! {
                            <tr class={classes!(flagged.then_some("flagged"))} data-question={q.question_id.to_string()}>
                                <th scope="row" class="stats-question">
                                    <span class="muted">{ format!("#{} · {}", q.question_id, q.kind) }</span>
                                    if let Some(name) = &q.name {
                                        <br /><strong>{ name.clone() }</strong>
                                    }
                                    <br />{ q.text.clone() }
                                </th>
                                <td class="num">{ q.attempts }</td>
                                <td class="num">{ percent(t, q.facility) }</td>
                                <td class="num">{ percent(t, q.standard_deviation) }</td>
                                <td class="num">{ percent(t, q.discrimination_index) }</td>
                                <td class="num">{ percent(t, q.discriminative_efficiency) }</td>
                                <td>
                                    <ul class="plain">
                                        { for q.flags.iter().map(|f| html! {
                                            <li><span class="badge badge-warn">{ match f {
                                                ReviewFlag::VeryHard => t.stats_flag_very_hard,
                                                ReviewFlag::NegativeDiscrimination => t.stats_flag_negative,
                                            } }</span></li>
                                        }) }
                                    </ul>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// What each measure means, for a teacher who has never met item statistics.
#[component]
fn Explanations() -> Html {
    let t = use_texts();
    html! {
        <details class="stats-help" id="giai-thich-chi-so">
            <summary>{ t.stats_help_title }</summary>
            <dl>
                { for t.stats_help.iter().map(|(term, meaning)| html! {
                    <>
                        <dt>{ *term }</dt>
                        <dd>{ *meaning }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
