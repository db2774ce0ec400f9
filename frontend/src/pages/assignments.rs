//! `/giao-bai`: a teacher assigns a module to one or more of their classes with open and due
//! dates typed as dd/mm/yyyy (`POST /api/assignments`), and sees this school year's assignments
//! by class, where they change the dates, remove one, or open the class's progress matrix.

use hocdvc_api::{
    AssignmentBoard, AssignmentView, CreateAssignmentRequest, ModuleSummary,
    UpdateAssignmentRequest,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{SelectField, TextField};
use crate::format;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::hooks::use_work::use_work;
use crate::i18n::{Texts, use_texts};
use crate::services::api::{self, ApiError, WorkData, WorkQuery};

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done(String),
    Failed(ApiError),
}

/// The page, for a signed-in teacher (the router wraps it in `RequireSignIn`).
#[component]
pub fn Assignments() -> Html {
    let t = use_texts();
    let w = t.work;
    use_title(w.assign_title);
    let board = use_work(WorkQuery::Board);
    let modules = use_api(api::modules);
    let form = Form {
        module: use_state(String::new),
        chosen: use_state(|| None),
        opens: use_state(|| format::day_from_today(0)),
        due: use_state(|| format::day_from_today(14)),
        errors: use_state(|| [None; 4]),
        busy: use_state(|| false),
    };
    let editing: Editing = use_state(|| None);
    let row_busy = use_state(|| false);
    let outcome = use_state(|| Outcome::None);
    let outcome_ref = use_node_ref();
    {
        let outcome_ref = outcome_ref.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if *outcome != Outcome::None {
                focus(&outcome_ref);
            }
        });
    }
    let on_outcome = {
        let (outcome, reload) = (outcome.clone(), board.reload.clone());
        Callback::from(move |result: Result<String, ApiError>| {
            match result {
                Ok(message) => outcome.set(Outcome::Done(message)),
                Err(err) => outcome.set(Outcome::Failed(err)),
            }
            reload.emit(());
        })
    };
    let message = match (*outcome).clone() {
        Outcome::None => html! {},
        Outcome::Done(message) => html! {
            <Alert kind={AlertKind::Success} node_ref={outcome_ref.clone()}>{ message }</Alert>
        },
        Outcome::Failed(err) => html! {
            <ApiErrorAlert error={err} node_ref={outcome_ref.clone()} />
        },
    };
    match &board.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <section class="card">
                <h1>{ w.assign_title }</h1>
                <ApiErrorAlert error={err.clone()} retry={board.reload.clone()} />
            </section>
        },
        Remote::Ready(data) => {
            let WorkData::Board(data) = &**data else {
                return html! {};
            };
            html! {
            <>
                <section class="card">
                    <h1>{ w.assign_title }</h1>
                    <p>{ (w.assign_lead)(&data.school_year) }</p>
                    { message }
                    { assign_form(t, data, &modules.state, &form, &on_outcome) }
                </section>
                <section class="card section" aria-labelledby="bai-da-giao">
                    <h2 id="bai-da-giao">{ w.assignments_title }</h2>
                    if data.assignments.is_empty() {
                        <p class="muted">{ w.assignments_none }</p>
                    } else {
                        <div class="table-wrap">
                            <table class="responsive" id="danh-sach-giao-bai">
                                <caption class="visually-hidden">{ w.assignments_caption }</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{ w.class_col }</th>
                                        <th scope="col">{ w.module_col }</th>
                                        <th scope="col">{ w.opens_col }</th>
                                        <th scope="col">{ w.due_col }</th>
                                        <th scope="col" class="num">{ w.completed_col }</th>
                                        <th scope="col">{ t.actions_label }</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    { for data.assignments.iter().map(|a| assignment_row(t, a, &editing, &row_busy, &on_outcome)) }
                                </tbody>
                            </table>
                        </div>
                    }
                </section>
            </>
            }
        }
    }
}

/// The assignment form's fields, held by the page.
#[derive(Clone)]
struct Form {
    module: UseStateHandle<String>,
    /// The classes ticked; `None` until the teacher touches them (one class: ticked).
    chosen: UseStateHandle<Option<Vec<String>>>,
    opens: UseStateHandle<String>,
    due: UseStateHandle<String>,
    errors: UseStateHandle<[Option<&'static str>; 4]>,
    busy: UseStateHandle<bool>,
}

/// The assignment form (a function of the page's state rather than its own component, which
/// keeps the first page load small).
fn assign_form(
    t: &'static Texts,
    board: &AssignmentBoard,
    modules: &Remote<Vec<ModuleSummary>>,
    form: &Form,
    on_outcome: &Callback<Result<String, ApiError>>,
) -> Html {
    let w = t.work;
    if board.classes.is_empty() {
        return html! { <p class="muted">{ w.classes_none }</p> };
    }
    let chosen: Vec<String> = (*form.chosen).clone().unwrap_or_else(|| {
        if board.classes.len() == 1 {
            board.classes.iter().map(|c| c.code.clone()).collect()
        } else {
            Vec::new()
        }
    });
    let onsubmit = {
        let (form, on_outcome, picked) = (form.clone(), on_outcome.clone(), chosen.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *form.busy {
                return;
            }
            let found = [
                form.module.is_empty().then_some(w.choose_one),
                picked.is_empty().then_some(w.choose_class),
                (!format::is_day(&form.opens)).then_some(w.date_invalid),
                (!format::is_day(&form.due)).then_some(w.date_invalid),
            ];
            form.errors.set(found);
            if found.iter().any(Option::is_some) {
                return;
            }
            form.busy.set(true);
            let request = CreateAssignmentRequest {
                module_id: (*form.module).clone(),
                class_codes: picked.clone(),
                opens_on: (*form.opens).clone(),
                due_on: (*form.due).clone(),
            };
            let (form, on_outcome) = (form.clone(), on_outcome.clone());
            let classes = request.class_codes.len();
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::create_assignment(&request).await;
                form.busy.set(false);
                if result.is_ok() {
                    form.chosen.set(Some(Vec::new()));
                }
                on_outcome.emit(result.map(|()| (w.assigned_notice)(classes)));
            });
        })
    };
    let module_options: Vec<(AttrValue, AttrValue)> = match modules {
        Remote::Ready(list) => {
            std::iter::once((AttrValue::from(""), AttrValue::from(w.module_choose)))
                .chain(list.iter().map(|m| {
                    (
                        AttrValue::from(m.id.clone()),
                        AttrValue::from(m.title.clone()),
                    )
                }))
                .collect()
        }
        _ => vec![(AttrValue::from(""), AttrValue::from(t.loading))],
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let errors = *form.errors;
    html! {
        <form onsubmit={onsubmit} novalidate=true id="giao-bai">
            <h2>{ w.assign_form_title }</h2>
            <SelectField id="hoc-phan" label={w.module_label} options={module_options}
                value={(*form.module).clone()} on_change={set(&form.module)}
                error={errors[0].map(AttrValue::from)} />
            <fieldset class="field class-choice" aria-describedby={errors[1].map(|_| "lop-error")}>
                <legend>{ w.classes_label }</legend>
                { for board.classes.iter().map(|class| {
                    let code = class.code.clone();
                    let checked = chosen.contains(&code);
                    let id = format!("lop-{code}");
                    let toggle = {
                        let (state, before) = (form.chosen.clone(), chosen.clone());
                        let code = code.clone();
                        Callback::from(move |_: Event| {
                            let mut next = before.clone();
                            if let Some(at) = next.iter().position(|c| *c == code) {
                                next.remove(at);
                            } else {
                                next.push(code.clone());
                            }
                            state.set(Some(next));
                        })
                    };
                    html! {
                        <div class="check">
                            <input type="checkbox" id={id.clone()} value={code.clone()} {checked} onchange={toggle} />
                            <label for={id}>{ class.name.clone() }</label>
                        </div>
                    }
                }) }
                if let Some(error) = errors[1] {
                    <span class="error" id="lop-error">{ error }</span>
                }
            </fieldset>
            <div class="date-pair">
                <TextField id="ngay-mo" label={w.opens_label} value={(*form.opens).clone()}
                    on_input={set(&form.opens)} inputmode="numeric" hint={w.date_hint}
                    error={errors[2].map(AttrValue::from)} required=true />
                <TextField id="han-nop" label={w.due_label} value={(*form.due).clone()}
                    on_input={set(&form.due)} inputmode="numeric" hint={w.date_hint}
                    error={errors[3].map(AttrValue::from)} required=true />
            </div>
            <button type="submit" class="btn" disabled={*form.busy}>
                { if *form.busy { t.saving } else { w.assign_submit } }
            </button>
        </form>
    }
}

/// The row being edited: assignment id and the dates as typed.
type Editing = UseStateHandle<Option<(i32, String, String)>>;

/// One assignment (a function, not a component: fewer component types keep the first page
/// load small); its date editor uses the page's `editing` state.
fn assignment_row(
    t: &'static Texts,
    a: &AssignmentView,
    editing: &Editing,
    busy: &UseStateHandle<bool>,
    on_outcome: &Callback<Result<String, ApiError>>,
) -> Html {
    let w = t.work;
    let id = a.id;
    let save = {
        let (editing, busy, on_outcome) = (editing.clone(), busy.clone(), on_outcome.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some((_, opens, due)) = (*editing).clone() else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            let request = UpdateAssignmentRequest {
                opens_on: opens,
                due_on: due,
            };
            let (busy, editing, on_outcome) = (busy.clone(), editing.clone(), on_outcome.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::update_assignment(id, &request).await;
                busy.set(false);
                if result.is_ok() {
                    editing.set(None);
                }
                on_outcome.emit(result.map(|()| w.dates_saved_notice.to_owned()));
            });
        })
    };
    let remove = {
        let (busy, on_outcome) = (busy.clone(), on_outcome.clone());
        let question = (w.remove_confirm)(&a.module_title, &a.class_name);
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|win| win.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if !confirmed || *busy {
                return;
            }
            busy.set(true);
            let (busy, on_outcome) = (busy.clone(), on_outcome.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::delete_assignment(id).await;
                busy.set(false);
                on_outcome.emit(result.map(|()| w.removed_notice.to_owned()));
            });
        })
    };
    let start = {
        let editing = editing.clone();
        let dates = (format::date(&a.opens_on), format::date(&a.due_on));
        Callback::from(move |_: MouseEvent| {
            editing.set(Some((id, dates.0.clone(), dates.1.clone())))
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };
    let set = |second: bool| {
        let editing = editing.clone();
        Callback::from(move |value: String| {
            if let Some((id, opens, due)) = (*editing).clone() {
                editing.set(Some(if second {
                    (id, opens, value)
                } else {
                    (id, value, due)
                }));
            }
        })
    };
    let edited = (**editing).clone().filter(|e| e.0 == id);
    html! {
        <tr key={id} data-assignment={id.to_string()}>
            <th scope="row">{ a.class_name.clone() }</th>
            <td data-label={w.module_col}>{ a.module_title.clone() }</td>
            <td data-label={w.opens_col}>{ format::date(&a.opens_on) }</td>
            <td data-label={w.due_col}>{ format::date(&a.due_on) }</td>
            <td data-label={w.completed_col} class="num">{ format!("{}/{}", a.completed, a.students) }</td>
            <td data-label={t.actions_label}>
                if let Some((_, opens, due)) = edited {
                    <form onsubmit={save} novalidate=true class="date-edit">
                        <TextField id={format!("ngay-mo-{id}")} label={w.opens_label} value={opens}
                            on_input={set(false)} inputmode="numeric" />
                        <TextField id={format!("han-nop-{id}")} label={w.due_label} value={due}
                            on_input={set(true)} inputmode="numeric" />
                        <div class="form-actions">
                            <button type="submit" class="btn btn-small" disabled={**busy}>{ w.save_dates }</button>
                            <button type="button" class="btn btn-small btn-secondary" onclick={cancel}>{ w.cancel }</button>
                        </div>
                    </form>
                } else {
                    <div class="form-actions">
                        <Link<Route> to={Route::ClassProgressOf { code: a.class_code.clone(), module: a.module_id.clone() }}
                            classes="btn btn-small">
                            { w.view_progress }
                        </Link<Route>>
                        <button type="button" class="btn btn-small btn-secondary doi-ngay" onclick={start}>{ w.change_dates }</button>
                        <button type="button" class="btn btn-small btn-secondary bo-giao" onclick={remove} disabled={**busy}>{ w.remove }</button>
                    </div>
                }
            </td>
        </tr>
    }
}
