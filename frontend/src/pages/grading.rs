//! The teacher's manual-grading queue, `/cham-bai`: every essay of their students waiting for a
//! mark, oldest first, each with the question, the student's answer and a form for the mark
//! (0 to the question's maximum) and a comment. A graded essay leaves the list.

use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::empty_state::EmptyState;
use crate::components::require_sign_in::RequireSignIn;
use crate::format::date_time_local;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use hocdvc_api::{EssayToGrade, GradeSlotRequest};

use crate::services::api::{self, ApiError};

#[component]
pub fn Grading() -> Html {
    let t = use_texts();
    use_title(t.grading_title);
    html! {
        <RequireSignIn>
            <GradingQueue />
        </RequireSignIn>
    }
}

#[component]
fn GradingQueue() -> Html {
    let t = use_texts();
    let queue = use_api(api::grading_queue);
    let graded = use_state(|| 0usize);
    let on_graded = {
        let (graded, reload) = (graded.clone(), queue.reload.clone());
        Callback::from(move |_| {
            graded.set(*graded + 1);
            reload.emit(());
        })
    };
    let body = match &queue.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={queue.reload.clone()} /> }
        }
        Remote::Ready(items) if items.is_empty() => html! {
            <EmptyState title={t.grading_empty_title} message={t.grading_empty_body} />
        },
        Remote::Ready(items) => html! {
            <>
                <p>{ (t.grading_count)(items.len()) }</p>
                <ol class="grading-list" id="danh-sach-cham">
                    { for items.iter().map(|item| html! {
                        <GradingCard key={format!("{}-{}", item.attempt_id, item.slot)}
                            item={item.clone()} on_graded={on_graded.clone()} />
                    }) }
                </ol>
            </>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.grading_title }</h1>
            <p>{ t.grading_lead }</p>
            if *graded > 0 {
                <Alert kind={AlertKind::Success}>{ (t.grading_done_count)(*graded) }</Alert>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GradingCardProps {
    item: EssayToGrade,
    on_graded: Callback<()>,
}

/// Reads a mark typed as `7`, `7,5` or `7.5`; `None` unless it is a number in 0..=max.
fn parse_mark(typed: &str, max: f64) -> Option<f64> {
    let mark: f64 = typed.trim().replace(',', ".").parse().ok()?;
    (mark.is_finite() && (0.0..=max).contains(&mark)).then_some(mark)
}

#[component]
fn GradingCard(props: &GradingCardProps) -> Html {
    let t = use_texts();
    let item = &props.item;
    let mark = use_state(String::new);
    let comment = use_state(String::new);
    let invalid = use_state(|| false);
    let saving = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let id = format!("cham-{}-{}", item.attempt_id, item.slot);
    let onsubmit = {
        let (mark, comment, invalid, saving, error, on_graded) = (
            mark.clone(),
            comment.clone(),
            invalid.clone(),
            saving.clone(),
            error.clone(),
            props.on_graded.clone(),
        );
        let (attempt_id, slot, max) = (item.attempt_id, item.slot, item.max_mark);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(value) = parse_mark(&mark, max) else {
                invalid.set(true);
                return;
            };
            invalid.set(false);
            saving.set(true);
            let text = comment.trim().to_owned();
            let request = GradeSlotRequest {
                mark: value,
                comment: (!text.is_empty()).then_some(text),
            };
            let (saving, error, on_graded) = (saving.clone(), error.clone(), on_graded.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::grade_answer(attempt_id, slot, &request).await {
                    Ok(_) => on_graded.emit(()),
                    Err(err) => error.set(Some(err)),
                }
                saving.set(false);
            });
        })
    };
    let on_mark = {
        let mark = mark.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                mark.set(input.value());
            }
        })
    };
    let on_comment = {
        let comment = comment.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                comment.set(area.value());
            }
        })
    };
    let mark_id = format!("{id}-diem");
    let comment_id = format!("{id}-nhan-xet");
    let error_id = format!("{id}-loi");
    html! {
        <li class="grading-item" id={id.clone()} data-attempt={item.attempt_id.to_string()} data-slot={item.slot.to_string()}>
            <h2>{ item.student_name.clone() }</h2>
            <p class="muted">
                { item.student_username.clone() }{ " · " }{ item.module_id.clone() }
                if let Some(at) = &item.submitted_at {
                    { " · " }{ date_time_local(at) }
                }
            </p>
            <div class="question-text lesson-body">
                { Html::from_html_unchecked(AttrValue::from(item.question_text.clone())) }
            </div>
            <h3>{ t.grading_answer }</h3>
            <p class="essay-answer">{ item.response_text.clone() }</p>
            <form class="grading-form" onsubmit={onsubmit} novalidate=true>
                <div class="field">
                    <label for={mark_id.clone()}>{ (t.grading_mark_label)(item.max_mark) }</label>
                    <input type="text" inputmode="decimal" id={mark_id} class="mark-input"
                        value={(*mark).clone()} oninput={on_mark} autocomplete="off"
                        aria-invalid={(*invalid).then_some("true")}
                        aria-describedby={(*invalid).then_some(error_id.clone())} />
                    if *invalid {
                        <span class="error" id={error_id}>{ (t.grading_mark_invalid)(item.max_mark) }</span>
                    }
                </div>
                <div class="field">
                    <label for={comment_id.clone()}>{ t.grading_comment_label }</label>
                    <textarea id={comment_id} rows="3" value={(*comment).clone()} oninput={on_comment} />
                </div>
                if let Some(err) = &*error {
                    <ApiErrorAlert error={err.clone()} />
                }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={*saving}>
                        { if *saving { t.saving } else { t.grading_save } }
                    </button>
                </div>
            </form>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_mark;

    #[test]
    fn marks_are_read_with_a_comma_or_a_dot_within_the_maximum() {
        assert_eq!(parse_mark("7,5", 10.0), Some(7.5));
        assert_eq!(parse_mark(" 2 ", 2.0), Some(2.0));
        assert_eq!(parse_mark("0", 1.0), Some(0.0));
        assert_eq!(parse_mark("11", 10.0), None);
        assert_eq!(parse_mark("-1", 10.0), None);
        assert_eq!(parse_mark("mười", 10.0), None);
        assert_eq!(parse_mark("NaN", 10.0), None);
    }
}
