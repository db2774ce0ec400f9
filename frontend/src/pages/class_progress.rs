//! `/lop/:code/tien-do` and `/lop/:code/tien-do/:module`: a class's progress matrix for one assigned module
//! (`GET /api/units/{code}/progress`): students in class-list order × required lessons, the
//! assessment's state and best score, completion, and the families the class has helped. The
//! table scrolls sideways on a phone with the names kept in view; "Tải CSV" saves the same
//! table as UTF-8 with BOM and Vietnamese headers, so Excel opens it right.

use hocdvc_api::{AssessmentState, ClassProgress};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::components::field::SelectField;
use crate::download;
use crate::format;
use crate::hooks::use_api::Remote;
use crate::hooks::use_title::use_title;
use crate::hooks::use_work::use_work;
use crate::i18n::work::{WorkTexts, label};
use crate::i18n::{Texts, use_texts};
use crate::services::api::{WorkData, WorkQuery};

pub fn assessment_code(state: AssessmentState) -> &'static str {
    match state {
        AssessmentState::NotAttempted => "not_attempted",
        AssessmentState::InProgress => "in_progress",
        AssessmentState::NeedsGrading => "needs_grading",
        AssessmentState::Passed => "passed",
        AssessmentState::Failed => "failed",
    }
}

#[derive(Properties, PartialEq)]
pub struct ClassProgressProps {
    pub code: AttrValue,
    /// Empty: the class's first assigned module.
    #[prop_or_default]
    pub module: AttrValue,
}

/// The page, for a signed-in teacher (the router wraps it in `RequireSignIn`).
#[component]
pub fn ClassProgressPage(props: &ClassProgressProps) -> Html {
    let t = use_texts();
    let w = t.work;
    use_title(w.progress_title);
    let navigator = use_navigator();
    let matrix = use_work(WorkQuery::Progress {
        class: props.code.to_string(),
        module: props.module.to_string(),
    });
    match &matrix.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <section class="card">
                <h1>{ w.progress_title }</h1>
                <ApiErrorAlert error={err.clone()} retry={matrix.reload.clone()} />
            </section>
        },
        Remote::Ready(data) => {
            let WorkData::Progress(data) = &**data else {
                return html! {};
            };
            let code = props.code.to_string();
            let on_module = Callback::from(move |module: String| {
                if let Some(navigator) = &navigator {
                    navigator.push(&Route::ClassProgressOf {
                        code: code.clone(),
                        module,
                    });
                }
            });
            matrix_view(t, data, on_module)
        }
    }
}

/// The matrix and its figures (a function, not a component: fewer component types keep the
/// first page load small).
fn matrix_view(t: &'static Texts, data: &ClassProgress, on_module: Callback<String>) -> Html {
    let w = t.work;
    let header = html! {
        <>
            <h1>{ format!("{} · {}", w.progress_title, data.class_name) }</h1>
            <p>
                <strong id="gia-dinh-da-huong-dan">{ (w.families_helped)(data.families_helped) }</strong>
                if data.family_tasks_pending > 0 {
                    { " · " }
                    <Link<Route> to={Route::FamilyReview}>{ (w.family_pending)(data.family_tasks_pending) }</Link<Route>>
                }
            </p>
        </>
    };
    let (Some(module_id), Some(module_title)) = (&data.module_id, &data.module_title) else {
        return html! {
            <section class="card">
                { header }
                <EmptyState title={w.progress_none_title} message={w.progress_none_body}>
                    <Link<Route> to={Route::Assignments} classes="btn">{ w.nav_assign }</Link<Route>>
                </EmptyState>
            </section>
        };
    };
    let modules: Vec<(AttrValue, AttrValue)> = data
        .assigned_modules
        .iter()
        .map(|a| {
            (
                AttrValue::from(a.module_id.clone()),
                AttrValue::from(a.module_title.clone()),
            )
        })
        .collect();
    let download = {
        let data = data.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = progress_csv(t, &data);
            let name = (w.csv_file)(&data.class_code, data.module_id.as_deref().unwrap_or(""));
            let _ = download::save_csv(&name, &csv);
        })
    };
    html! {
        <section class="card">
            { header }
            if modules.len() > 1 {
                <SelectField id="chon-hoc-phan" label={w.progress_module_label} options={modules}
                    value={module_id.clone()} on_change={on_module} />
            }
            <p>
                <strong>{ module_title.clone() }</strong>
                if let Some(a) = &data.assignment {
                    { " · " }{ (w.progress_due)(&format::date(&a.opens_on), &format::date(&a.due_on)) }
                }
            </p>
            <p role="status" id="so-hoan-thanh">{ (w.progress_summary)(data.completed, data.students.len()) }</p>
            <div class="actions no-print">
                <button type="button" class="btn" id="tai-csv" onclick={download}>{ w.csv_download }</button>
                <Link<Route> to={Route::Assignments} classes="btn btn-secondary">{ w.back_to_assignments }</Link<Route>>
            </div>
            <p class="hint">{ w.scroll_hint }</p>
            <div class="table-wrap matrix-wrap" tabindex="0" role="region" aria-labelledby="tien-do-caption">
                <table class="matrix" id="ma-tran-tien-do">
                    <caption id="tien-do-caption">{ (w.progress_caption)(&data.class_name, module_title) }</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="matrix-name">{ w.student_col }</th>
                            { for data.lessons.iter().enumerate().map(|(i, lesson)| html! {
                                <th scope="col" class="matrix-lesson" title={lesson.title.clone()}>
                                    { (w.lesson_col)(i + 1) }
                                </th>
                            }) }
                            <th scope="col">{ w.assessment_col }</th>
                            <th scope="col" class="num">{ w.score_col }</th>
                            <th scope="col">{ w.completed_col }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for data.students.iter().map(|s| {
                            let code = assessment_code(s.assessment);
                            html! {
                                <tr data-username={s.username.clone()}>
                                    <th scope="row" class="matrix-name">{ s.full_name.clone() }</th>
                                    { for s.lessons.iter().map(|learned| html! {
                                        <td class={if *learned { "cell-yes" } else { "cell-no" }}>
                                            <span aria-hidden="true">{ if *learned { "✓" } else { "–" } }</span>
                                            <span class="visually-hidden">{ if *learned { w.learned } else { w.not_learned } }</span>
                                        </td>
                                    }) }
                                    <td data-state={code}>{ label(&w.assessment_states, code) }</td>
                                    <td class="num">{ score_text(s.best_score, s.max_score) }</td>
                                    <td class={if s.completed_at.is_some() { "cell-yes" } else { "cell-no" }}>
                                        if let Some(at) = s.completed_at.as_deref() {
                                            <span class="visually-hidden">{ format!("{} ", w.completed_yes) }</span>
                                            { format::date(&local_day(at)) }
                                        } else {
                                            { "–" }
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The Vietnamese day of a UTC ISO time, as `YYYY-MM-DD`: `2026-11-28T18:30:00Z` →
/// `2026-11-29` (Vietnam is seven hours ahead all year, whatever the computer's zone).
fn local_day(iso_utc: &str) -> String {
    let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso_utc));
    if time.get_time().is_nan() {
        return iso_utc.get(..10).unwrap_or(iso_utc).to_owned();
    }
    let shifted = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        time.get_time() + 7.0 * 3600.0 * 1000.0,
    ));
    format!(
        "{}-{:02}-{:02}",
        shifted.get_utc_full_year(),
        shifted.get_utc_month() + 1,
        shifted.get_utc_date()
    )
}

fn score_text(best: Option<f64>, max: Option<f64>) -> String {
    match (best, max) {
        (Some(best), Some(max)) => format!("{}/{}", format::score(best), format::score(max)),
        _ => "–".to_owned(),
    }
}

/// One CSV field: quoted when it holds a separator, quote or line break; a leading `=`, `+`,
/// `-` or `@` is neutralised so a spreadsheet never runs a name as a formula.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The matrix as CSV text (the BOM is added when saving), Vietnamese headers, CRLF lines.
pub fn progress_csv(t: &Texts, data: &ClassProgress) -> String {
    let w: &WorkTexts = t.work;
    let mut header = vec![
        w.csv_number.to_owned(),
        t.full_name_label.to_owned(),
        w.csv_username.to_owned(),
    ];
    header.extend(
        data.lessons
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}: {}", (w.lesson_col)(i + 1), l.title)),
    );
    header.extend([
        w.assessment_col.to_owned(),
        w.score_col.to_owned(),
        w.csv_completed_at.to_owned(),
        w.csv_families.to_owned(),
    ]);
    let mut lines = vec![header];
    for (i, s) in data.students.iter().enumerate() {
        let mut line = vec![(i + 1).to_string(), s.full_name.clone(), s.username.clone()];
        line.extend(
            s.lessons
                .iter()
                .map(|l| if *l { w.csv_yes } else { w.csv_no }.to_owned()),
        );
        line.push(label(&w.assessment_states, assessment_code(s.assessment)));
        line.push(match (s.best_score, s.max_score) {
            (Some(best), Some(max)) => format!("{}/{}", format::score(best), format::score(max)),
            _ => String::new(),
        });
        line.push(
            s.completed_at
                .as_deref()
                .map(|at| at.replace('T', " ").trim_end_matches('Z').to_owned() + " UTC")
                .unwrap_or_default(),
        );
        line.push(s.families_helped.to_string());
        lines.push(line);
    }
    lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocdvc_api::{MatrixLesson, StudentProgress};

    #[test]
    fn the_csv_has_vietnamese_headers_and_one_line_per_student() {
        let data = ClassProgress {
            class_code: "AG-LX-THPT-10A1-2026".into(),
            class_name: "10A1".into(),
            school_year: "2026-2027".into(),
            module_id: Some("thpt-core".into()),
            module_title: Some("DVCTT".into()),
            assignment: None,
            assigned_modules: vec![],
            lessons: vec![MatrixLesson {
                id: "a".into(),
                title: "Cổng, quốc gia".into(),
            }],
            students: vec![StudentProgress {
                username: "hs1".into(),
                full_name: "=Nguyễn Văn An".into(),
                lessons: vec![true],
                assessment: AssessmentState::Passed,
                attempts: 1,
                best_score: Some(12.5),
                max_score: Some(15.0),
                completed_at: Some("2026-11-28T10:00:00Z".into()),
                families_helped: 2,
            }],
            completed: 1,
            families_helped: 2,
            family_tasks_pending: 0,
        };

        let csv = progress_csv(&crate::i18n::VI, &data);

        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "STT,Họ và tên,Tên đăng nhập,\"Bài 1: Cổng, quốc gia\",Bài kiểm tra,Điểm cao nhất,Hoàn thành lúc,Gia đình đã hướng dẫn"
        );
        assert_eq!(
            lines[1],
            "1,'=Nguyễn Văn An,hs1,Đã học,Đạt,\"12,5/15\",2026-11-28 10:00:00 UTC,2"
        );
    }
}
