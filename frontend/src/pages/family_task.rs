//! `/nhiem-vu-gia-dinh`: a student records that they guided a relative through an online public
//! service (`POST /api/me/family-tasks`) — relation, procedure and outcome from fixed lists, an
//! optional short note, and a plain warning not to write anything personal about the relative —
//! and sees the tasks they recorded with their teacher's decision.

use hocdvc_api::{FamilyTaskRequest, FamilyTaskStatus, FamilyTaskView};
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::SelectField;
use crate::format;
use crate::hooks::use_api::Remote;
use crate::hooks::use_title::use_title;
use crate::hooks::use_work::use_work;
use crate::i18n::use_texts;
use crate::i18n::work::{WorkTexts, label};
use crate::services::api::{self, ApiError, WorkData, WorkQuery};

pub fn status_code(status: FamilyTaskStatus) -> &'static str {
    match status {
        FamilyTaskStatus::Pending => "pending",
        FamilyTaskStatus::Confirmed => "confirmed",
        FamilyTaskStatus::Rejected => "rejected",
    }
}

/// `(value, label)` options with an empty first choice.
pub fn options<const N: usize>(
    placeholder: &'static str,
    table: &[(&'static str, &'static str); N],
) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::from(""), AttrValue::from(placeholder)))
        .chain(
            table
                .iter()
                .map(|(c, l)| (AttrValue::from(*c), AttrValue::from(*l))),
        )
        .collect()
}

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done,
    Failed(ApiError),
}

/// The page, for a signed-in student (the router wraps it in `RequireSignIn`).
#[component]
pub fn FamilyTask() -> Html {
    let t = use_texts();
    let w = t.work;
    use_title(w.family_title);
    let relation = use_state(String::new);
    let procedure = use_state(String::new);
    let outcome_code = use_state(String::new);
    let note = use_state(String::new);
    let errors = use_state(|| [false; 3]);
    let busy = use_state(|| false);
    let outcome = use_state(|| Outcome::None);
    let outcome_ref = use_node_ref();
    let mine = use_work(WorkQuery::MyFamilyTasks);
    {
        let outcome_ref = outcome_ref.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if *outcome != Outcome::None {
                focus(&outcome_ref);
            }
        });
    }
    let onsubmit = {
        let (relation, procedure, outcome_code, note) = (
            relation.clone(),
            procedure.clone(),
            outcome_code.clone(),
            note.clone(),
        );
        let (errors, busy, outcome, reload) = (
            errors.clone(),
            busy.clone(),
            outcome.clone(),
            mine.reload.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let missing = [
                relation.is_empty(),
                procedure.is_empty(),
                outcome_code.is_empty(),
            ];
            errors.set(missing);
            if missing.iter().any(|m| *m) {
                return;
            }
            busy.set(true);
            outcome.set(Outcome::None);
            let request = FamilyTaskRequest {
                relation: (*relation).clone(),
                procedure: (*procedure).clone(),
                outcome: (*outcome_code).clone(),
                note: Some((*note).clone()).filter(|n| !n.trim().is_empty()),
            };
            let (busy, outcome, reload) = (busy.clone(), outcome.clone(), reload.clone());
            let fields = [
                relation.clone(),
                procedure.clone(),
                outcome_code.clone(),
                note.clone(),
            ];
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::record_family_task(&request).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        for field in &fields {
                            field.set(String::new());
                        }
                        outcome.set(Outcome::Done);
                        reload.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                note.set(area.value());
            }
        })
    };
    let error = |i: usize| errors[i].then_some(AttrValue::from(w.choose_one));
    html! {
        <>
            <section class="card narrow">
                <h1>{ w.family_title }</h1>
                <p>{ w.family_lead }</p>
                <Alert kind={AlertKind::Info} id="khong-ghi-thong-tin-ca-nhan">{ w.family_privacy }</Alert>
                {
                    match (*outcome).clone() {
                        Outcome::None => html! {},
                        Outcome::Done => html! {
                            <Alert kind={AlertKind::Success} node_ref={outcome_ref.clone()}>
                                { w.family_recorded }
                            </Alert>
                        },
                        Outcome::Failed(err) => html! {
                            <ApiErrorAlert error={err} node_ref={outcome_ref.clone()} />
                        },
                    }
                }
                <form onsubmit={onsubmit} novalidate=true id="nhiem-vu-gia-dinh">
                    <SelectField id="quan-he" label={w.relation_label}
                        options={options(w.choose_placeholder, &w.relations)}
                        value={(*relation).clone()} on_change={set(&relation)} error={error(0)} />
                    <SelectField id="thu-tuc" label={w.procedure_label}
                        options={options(w.choose_placeholder, &w.procedures)}
                        value={(*procedure).clone()} on_change={set(&procedure)} error={error(1)} />
                    <SelectField id="ket-qua" label={w.outcome_label}
                        options={options(w.choose_placeholder, &w.outcomes)}
                        value={(*outcome_code).clone()} on_change={set(&outcome_code)} error={error(2)} />
                    <div class="field">
                        <label for="ghi-chu">{ w.note_label }</label>
                        <textarea id="ghi-chu" name="ghi-chu" rows="3" maxlength="300"
                            value={(*note).clone()} oninput={on_note}
                            aria-describedby="ghi-chu-hint khong-ghi-thong-tin-ca-nhan" />
                        <span class="hint" id="ghi-chu-hint">{ w.note_hint }</span>
                    </div>
                    <button type="submit" class="btn" disabled={*busy}>
                        { if *busy { t.saving } else { w.family_submit } }
                    </button>
                </form>
            </section>
            <section class="card section" aria-labelledby="da-ghi-nhan">
                <h2 id="da-ghi-nhan">{ w.family_mine_title }</h2>
                {
                    match &mine.state {
                        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
                        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} retry={mine.reload.clone()} /> },
                        Remote::Ready(data) => match &**data {
                            WorkData::MyFamilyTasks(tasks) if tasks.is_empty() => html! { <p class="muted">{ w.family_mine_none }</p> },
                            WorkData::MyFamilyTasks(tasks) => html! {
                                <ul class="task-list" id="nhiem-vu-cua-em">
                                    { for tasks.iter().map(|task| task_line(w, task, false, html! {})) }
                                </ul>
                            },
                            _ => html! {},
                        },
                    }
                }
            </section>
        </>
    }
}

/// One task: what was done, when, and its status; `extra` below it (the review buttons).
pub fn task_line(
    w: &'static WorkTexts,
    task: &FamilyTaskView,
    show_student: bool,
    extra: Html,
) -> Html {
    let code = status_code(task.status);
    let badge = match task.status {
        FamilyTaskStatus::Confirmed => "badge badge-ok",
        FamilyTaskStatus::Rejected => "badge badge-overdue",
        FamilyTaskStatus::Pending => "badge badge-warn",
    };
    html! {
        <li class="task-item" data-task={task.id.to_string()}>
            if show_student {
                <h3>
                    { task.student_name.clone() }
                    if let Some(class) = &task.class_name {
                        <span class="muted">{ format!(" · {class}") }</span>
                    }
                </h3>
            }
            <p>
                <strong>{ label(&w.procedures, &task.procedure) }</strong>
                { format!(" · {} · {}", label(&w.relations, &task.relation), label(&w.outcomes, &task.outcome)) }
            </p>
            if let Some(note) = &task.note {
                <p class="task-note">{ note.clone() }</p>
            }
            <p class="todo-meta">
                <span class={badge} data-status={code}>{ label(&w.statuses, code) }</span>
                <span class="muted">{ (w.recorded_on)(&format::date_time_local(&task.recorded_at)) }</span>
            </p>
            { extra }
        </li>
    }
}
