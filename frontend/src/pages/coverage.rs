//! Coverage dashboards: `/bao-phu` opens on the viewer's unit, `/bao-phu/:code` on any unit in
//! their scope. A scorecard (value, target, gap, traffic light), students reached by band and
//! grade, the units below as an SVG bar chart and a sortable table (each a link one level
//! down, to a class), the lagging units, a monthly trend line, and CSV/JSON exports of the
//! same numbers. Charts are hand-drawn SVG: no chart crate in the wasm.

use hocdvc_api::{CoverageReport, CoverageRow, CoverageStatus, IndicatorValue, TrendPoint};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::field::TextField;
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::services::api;

const REACHED: &str = "students_reached";
const FAMILIES: &str = "families_helped";
const CIVIL_SERVANTS: &str = "civil_servants_trained";
const TEAM_MEMBERS: &str = "team_members_trained";

/// Whether an indicator is one of annual training (counted by calendar year).
fn is_training(id: &str) -> bool {
    id == CIVIL_SERVANTS || id == TEAM_MEMBERS
}

#[derive(Properties, PartialEq)]
pub struct CoveragePageProps {
    /// None: the viewer's own unit.
    pub code: Option<AttrValue>,
}

#[component]
pub fn CoveragePage(props: &CoveragePageProps) -> Html {
    let t = use_texts();
    use_title(t.coverage.title);
    html! {
        <RequireSignIn>
            <Dashboard code={props.code.clone()} />
        </RequireSignIn>
    }
}

fn find<'a>(indicators: &'a [IndicatorValue], id: &str) -> Option<&'a IndicatorValue> {
    indicators.iter().find(|i| i.id == id)
}

fn status_class(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Green => "light-green",
        CoverageStatus::Amber => "light-amber",
        CoverageStatus::Red => "light-red",
        CoverageStatus::None => "light-none",
    }
}

fn status_text(t: &Texts, status: CoverageStatus) -> &'static str {
    let c = t.coverage;
    match status {
        CoverageStatus::Green => c.status_green,
        CoverageStatus::Amber => c.status_amber,
        CoverageStatus::Red => c.status_red,
        CoverageStatus::None => c.status_none,
    }
}

fn number(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

#[component]
fn Dashboard(props: &CoveragePageProps) -> Html {
    let t = use_texts();
    let year = use_state(|| None::<String>);
    let year_input = use_state(String::new);
    let report = use_api_with(
        (props.code.clone(), (*year).clone()),
        |(code, year): &(Option<AttrValue>, Option<String>)| {
            let (code, year) = (code.as_ref().map(|c| c.to_string()), year.clone());
            async move { api::coverage(code.as_deref(), year.as_deref()).await }
        },
    );
    {
        let year_input = year_input.clone();
        let shown = match &report.state {
            Remote::Ready(r) => Some(r.school_year.clone()),
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
    let body = match &report.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={report.reload.clone()} /> }
        }
        Remote::Ready(r) => html! { <Report report={(**r).clone()} /> },
    };
    html! {
        <section class="coverage" id="bao-phu">
            <h1>{ t.coverage.title }</h1>
            <p class="muted">{ t.coverage.lead }</p>
            <form class="stats-year" onsubmit={on_submit} novalidate=true>
                <TextField id="nam-hoc" label={t.coverage.year_label} value={(*year_input).clone()}
                    on_input={on_year_input} hint={t.coverage.year_hint} />
                <button type="submit" class="btn">{ t.coverage.show }</button>
            </form>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    report: CoverageReport,
}

#[component]
fn Report(props: &ReportProps) -> Html {
    let t = use_texts();
    let c = t.coverage;
    let r = &props.report;
    let year = Some(r.school_year.as_str());
    let csv = api::coverage_path(Some(&r.unit.code), year, ".csv");
    let json = api::coverage_path(Some(&r.unit.code), year, "");
    let legend = (c.legend)(r.red_below);
    html! {
        <>
            <nav class="breadcrumb" aria-label={c.breadcrumb_label} id="bao-phu-vi-tri">
                <ol>
                    { for r.path.iter().filter(|u| u.code != r.unit.code).map(|u| html! {
                        <li>
                            <Link<Route> to={Route::CoverageOf { code: u.code.clone() }}>
                                { u.name.clone() }
                            </Link<Route>>
                        </li>
                    }) }
                    <li aria-current="page">{ r.unit.name.clone() }</li>
                </ol>
            </nav>
            <h2 id="bao-phu-don-vi" data-code={r.unit.code.clone()}>
                { format!("{} — {} {}", r.unit.name, c.year_label, r.school_year) }
            </h2>
            <p class="coverage-exports">
                <a class="btn btn-small" id="tai-csv" href={csv} download="">{ c.export_csv }</a>
                { " " }
                <a class="btn btn-small" id="tai-json" href={json}
                    download={format!("bao-phu-{}-{}.json", r.unit.code, r.school_year)}>
                    { c.export_json }
                </a>
            </p>
            <h3>{ c.scorecard_title }</h3>
            <div class="scorecard" id="the-diem">
                { for shown_indicators(&r.indicators).map(|i| html! { <IndicatorCard value={i.clone()} /> }) }
            </div>
            <p class="legend" aria-label={c.legend_title}>
                <span class="light light-green" aria-hidden="true"></span>{ legend[0].clone() }
                <span class="light light-amber" aria-hidden="true"></span>{ legend[1].clone() }
                <span class="light light-red" aria-hidden="true"></span>{ legend[2].clone() }
            </p>
            if !r.segments.is_empty() {
                <Segments report={r.clone()} />
            }
            <h3>{ c.lagging_title }</h3>
            if r.lagging.is_empty() {
                <p class="muted" id="don-vi-cham">{ c.lagging_none }</p>
            } else {
                <ol class="lagging" id="don-vi-cham">
                    { for r.lagging.iter().map(|row| {
                        let v = find(&row.indicators, REACHED);
                        html! {
                            <li>
                                <Link<Route> to={Route::CoverageOf { code: row.unit.code.clone() }}>
                                    { row.unit.name.clone() }
                                </Link<Route>>
                                { v.map(|v| format!(": {}% ({}/{}), {} {}",
                                    number(v.value), v.numerator, v.denominator, c.gap,
                                    v.gap.map(number).unwrap_or_default())).unwrap_or_default() }
                            </li>
                        }
                    }) }
                </ol>
            }
            <h3>{ c.children_title }</h3>
            if r.children.is_empty() {
                <p class="muted">{ c.children_none }</p>
            } else {
                <BarChart rows={r.children.clone()} red_below={r.red_below} />
                <ChildTable rows={r.children.clone()} />
            }
            <h3>{ c.trend_title }</h3>
            <TrendChart points={r.trend.clone()} />
        </>
    }
}

/// The scorecard's indicators: those with someone to count (an agency shows its training
/// rates, not empty student ones); a unit with nobody yet shows the student indicators.
fn shown_indicators(all: &[IndicatorValue]) -> impl Iterator<Item = &IndicatorValue> {
    let anyone = all.iter().any(|i| i.denominator > 0);
    all.iter()
        .filter(move |i| i.denominator > 0 || (!anyone && !is_training(&i.id)))
}

#[derive(Properties, PartialEq)]
struct IndicatorCardProps {
    value: IndicatorValue,
}

#[component]
fn IndicatorCard(props: &IndicatorCardProps) -> Html {
    let t = use_texts();
    let c = t.coverage;
    let v = &props.value;
    let (name, unit) = c
        .indicators
        .iter()
        .find(|(id, _, _)| *id == v.id)
        .map_or((v.id.as_str(), ""), |(_, n, u)| (*n, *u));
    html! {
        <article class={classes!("indicator", status_class(v.status))} data-indicator={v.id.clone()}>
            <h4>
                { name }
                if is_training(&v.id) && !v.period.is_empty() {
                    <span class="muted">{ format!(" — {}", (c.in_year)(&v.period)) }</span>
                }
            </h4>
            <p class="indicator-value">
                <span class="value">{ number(v.value) }</span>
                <span class="muted">{ format!(" {unit}") }</span>
            </p>
            <p class="muted indicator-count">{ (c.value_of)(v.numerator, v.denominator) }</p>
            <p>
                if let Some(target) = v.target {
                    { format!("{}: {}% · {}: {}", c.target, number(target), c.gap,
                        v.gap.map(number).unwrap_or_default()) }
                } else {
                    { c.no_target }
                }
            </p>
            <p class="status">
                <span class={classes!("light", status_class(v.status))} aria-hidden="true"></span>
                { status_text(t, v.status) }
            </p>
        </article>
    }
}

#[component]
fn Segments(props: &ReportProps) -> Html {
    let t = use_texts();
    let c = t.coverage;
    html! {
        <div class="table-wrap">
            <table class="coverage-segments" id="theo-khoi">
                <caption>{ c.segments_title }</caption>
                <thead><tr>
                    <th scope="col">{ c.col_unit }</th>
                    <th scope="col" class="num">{ c.col_reached }</th>
                    <th scope="col" class="num">{ c.col_rate }</th>
                </tr></thead>
                <tbody>
                    { for props.report.segments.iter().map(|s| {
                        let label = match (s.band.as_str(), s.grade) {
                            (_, Some(g)) => (c.grade)(g),
                            ("thcs", _) => c.band_thcs.to_owned(),
                            ("thpt", _) => c.band_thpt.to_owned(),
                            _ => c.band_dai_hoc.to_owned(),
                        };
                        html! {
                            <tr class={classes!(s.grade.is_none().then_some("band"))}>
                                <th scope="row">{ label }</th>
                                <td class="num">{ format!("{}/{}", s.numerator, s.denominator) }</td>
                                <td class="num">{ number(s.value) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BarChartProps {
    rows: Vec<CoverageRow>,
    red_below: f64,
}

/// Horizontal bars, one per unit below, with the target as a tick: reads on a phone
/// (labels above the bars) and on a wide screen alike, since the SVG scales to the width.
#[component]
fn BarChart(props: &BarChartProps) -> Html {
    let t = use_texts();
    let row_height = 34.0;
    let height = row_height * props.rows.len() as f64 + 8.0;
    html! {
        <figure class="chart">
            <svg id="bieu-do-cot" viewBox={format!("0 0 320 {height}")} role="img"
                aria-label={t.coverage.chart_title} preserveAspectRatio="xMinYMin meet">
                { for props.rows.iter().enumerate().map(|(n, row)| {
                    let y = n as f64 * row_height;
                    let v = find(&row.indicators, REACHED);
                    let value = v.map_or(0.0, |v| v.value).clamp(0.0, 100.0);
                    let status = v.map_or(CoverageStatus::None, |v| v.status);
                    let width = value * 2.6;
                    html! {
                        <g class={classes!("bar", status_class(status))} data-code={row.unit.code.clone()}>
                            <text x="0" y={format!("{}", y + 11.0)} class="bar-label">{ row.unit.name.clone() }</text>
                            <rect x="0" y={format!("{}", y + 15.0)} width="260" height="12" class="bar-track" />
                            <rect x="0" y={format!("{}", y + 15.0)} width={format!("{width:.1}")} height="12" class="bar-fill" />
                            if let Some(target) = v.and_then(|v| v.target) {
                                <line x1={format!("{:.1}", target.clamp(0.0, 100.0) * 2.6)}
                                    x2={format!("{:.1}", target.clamp(0.0, 100.0) * 2.6)}
                                    y1={format!("{}", y + 13.0)} y2={format!("{}", y + 29.0)} class="bar-target" />
                            }
                            <text x="266" y={format!("{}", y + 25.0)} class="bar-value">{ format!("{}%", number(value)) }</text>
                        </g>
                    }
                }) }
                <line x1={format!("{:.1}", props.red_below * 2.6)} x2={format!("{:.1}", props.red_below * 2.6)}
                    y1="0" y2={format!("{height}")} class="bar-red-line" />
            </svg>
            <figcaption class="muted">{ t.coverage.chart_title }</figcaption>
        </figure>
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Unit,
    Reached,
    Rate,
    Gap,
    Families,
    Per100,
    CivilServants,
    TeamMembers,
}

fn key(row: &CoverageRow, column: Column) -> f64 {
    let reached = find(&row.indicators, REACHED);
    let families = find(&row.indicators, FAMILIES);
    match column {
        Column::Unit => 0.0,
        Column::Reached => reached.map_or(0.0, |v| v.numerator as f64),
        Column::Rate => reached.map_or(0.0, |v| v.value),
        Column::Gap => reached.and_then(|v| v.gap).unwrap_or(0.0),
        Column::Families => families.map_or(0.0, |v| v.numerator as f64),
        Column::Per100 => families.map_or(0.0, |v| v.value),
        Column::CivilServants => find(&row.indicators, CIVIL_SERVANTS).map_or(0.0, |v| v.value),
        Column::TeamMembers => find(&row.indicators, TEAM_MEMBERS).map_or(0.0, |v| v.value),
    }
}

#[derive(Properties, PartialEq)]
struct ChildTableProps {
    rows: Vec<CoverageRow>,
}

#[component]
fn ChildTable(props: &ChildTableProps) -> Html {
    let t = use_texts();
    let c = t.coverage;
    let order = use_state(|| (Column::Unit, true));
    let (column, ascending) = *order;
    let mut rows = props.rows.clone();
    rows.sort_by(|a, b| {
        let o = if column == Column::Unit {
            a.unit.name.cmp(&b.unit.name)
        } else {
            key(a, column).total_cmp(&key(b, column))
        };
        if ascending { o } else { o.reverse() }
    });
    // The annual-training columns appear when some unit below has members to train.
    let has = |id: &str| {
        props
            .rows
            .iter()
            .any(|r| find(&r.indicators, id).is_some_and(|v| v.denominator > 0))
    };
    let (show_civil, show_team) = (has(CIVIL_SERVANTS), has(TEAM_MEMBERS));
    let header = |col: Column, text: &'static str, numeric: bool| {
        let onclick = {
            let order = order.clone();
            Callback::from(move |_: MouseEvent| {
                let (current, ascending) = *order;
                order.set((
                    col,
                    if current == col {
                        !ascending
                    } else {
                        col == Column::Unit
                    },
                ));
            })
        };
        let sort = (col == column).then_some(if ascending { "ascending" } else { "descending" });
        let arrow = match sort {
            Some("ascending") => " ▲",
            Some(_) => " ▼",
            None => "",
        };
        html! {
            <th scope="col" class={classes!(numeric.then_some("num"))} aria-sort={sort}>
                <button type="button" class="sort" title={c.sort_by} {onclick}>
                    { text }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="coverage-table" id="don-vi-truc-thuoc">
                <caption>{ c.children_title }</caption>
                <thead><tr>
                    { header(Column::Unit, c.col_unit, false) }
                    { header(Column::Reached, c.col_reached, true) }
                    { header(Column::Rate, c.col_rate, true) }
                    <th scope="col" class="num">{ c.col_target }</th>
                    { header(Column::Gap, c.col_gap, true) }
                    { header(Column::Families, c.col_families, true) }
                    { header(Column::Per100, c.col_per_100, true) }
                    if show_civil {
                        { header(Column::CivilServants, c.col_civil_servants, true) }
                    }
                    if show_team {
                        { header(Column::TeamMembers, c.col_team_members, true) }
                    }
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|row| {
                        let reached = find(&row.indicators, REACHED);
                        let families = find(&row.indicators, FAMILIES);
                        let status = reached.map_or(CoverageStatus::None, |v| v.status);
                        html! {
                            <tr data-code={row.unit.code.clone()}>
                                <th scope="row">
                                    <span class={classes!("light", status_class(status))}
                                        title={status_text(t, status)}></span>
                                    <Link<Route> to={Route::CoverageOf { code: row.unit.code.clone() }}>
                                        { row.unit.name.clone() }
                                    </Link<Route>>
                                </th>
                                <td class="num reached">{ reached.map(|v| format!("{}/{}", v.numerator, v.denominator)).unwrap_or_default() }</td>
                                <td class="num rate">{ reached.map(|v| number(v.value)).unwrap_or_default() }</td>
                                <td class="num">{ reached.and_then(|v| v.target).map(number).unwrap_or_default() }</td>
                                <td class="num">{ reached.and_then(|v| v.gap).map(number).unwrap_or_default() }</td>
                                <td class="num families">{ families.map(|v| v.numerator.to_string()).unwrap_or_default() }</td>
                                <td class="num">{ families.map(|v| number(v.value)).unwrap_or_default() }</td>
                                if show_civil {
                                    <td class="num civil-servants">{ training_cell(row, CIVIL_SERVANTS) }</td>
                                }
                                if show_team {
                                    <td class="num team-members">{ training_cell(row, TEAM_MEMBERS) }</td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// "40,0 (2/5)" for a unit with members, empty for one without.
fn training_cell(row: &CoverageRow, id: &str) -> String {
    find(&row.indicators, id)
        .filter(|v| v.denominator > 0)
        .map(|v| format!("{} ({}/{})", number(v.value), v.numerator, v.denominator))
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct TrendChartProps {
    points: Vec<TrendPoint>,
}

/// Students reached (%) at the end of each month, with the target dashed.
#[component]
fn TrendChart(props: &TrendChartProps) -> Html {
    let t = use_texts();
    let (left, top, width, height) = (34.0, 8.0, 280.0, 120.0);
    let n = props.points.len().max(1);
    let x = |i: usize| left + width * (i as f64 + 0.5) / n as f64;
    let y = |v: f64| top + height * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let values: Vec<(usize, f64)> = props
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, find(&p.indicators, REACHED).map_or(0.0, |v| v.value)))
        .collect();
    let line = values
        .iter()
        .map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let target = props
        .points
        .last()
        .and_then(|p| find(&p.indicators, REACHED))
        .and_then(|v| v.target);
    html! {
        <figure class="chart">
            <svg id="bieu-do-xu-huong" viewBox="0 0 320 150" role="img" aria-label={t.coverage.trend_caption}>
                { for [0.0, 50.0, 100.0].iter().map(|g| html! {
                    <>
                        <line x1={format!("{left}")} x2={format!("{}", left + width)}
                            y1={format!("{:.1}", y(*g))} y2={format!("{:.1}", y(*g))} class="grid" />
                        <text x="0" y={format!("{:.1}", y(*g) + 4.0)} class="axis">{ format!("{g}%") }</text>
                    </>
                }) }
                if let Some(target) = target {
                    <line x1={format!("{left}")} x2={format!("{}", left + width)}
                        y1={format!("{:.1}", y(target))} y2={format!("{:.1}", y(target))} class="trend-target" />
                }
                <polyline points={line} class="trend-line" />
                { for values.iter().map(|(i, v)| html! {
                    <circle cx={format!("{:.1}", x(*i))} cy={format!("{:.1}", y(*v))} r="3" class="trend-dot">
                        <title>{ format!("{}: {}%", props.points[*i].month, number(*v)) }</title>
                    </circle>
                }) }
                { for props.points.iter().enumerate().map(|(i, p)| html! {
                    <text x={format!("{:.1}", x(i))} y="146" class="axis" text-anchor="middle">
                        { p.month.get(5..).unwrap_or_default().to_owned() }
                    </text>
                }) }
            </svg>
            <figcaption class="muted">{ t.coverage.trend_caption }</figcaption>
        </figure>
    }
}
