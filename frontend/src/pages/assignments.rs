//! `/giao-bai`: a teacher assigns a module to one or more of their classes with open and due
//! dates typed as dd/mm/yyyy (`POST /api/assignments`), and sees this school year's assignments
//! by class, where they change the dates, remove one, or open the class's progress matrix.

use hocdvc_api::{
    AssignmentBoard, AssignmentView, CreateAssignmentRequest, UpdateAssignmentRequest,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{SelectField, TextField};
use crate::components::require_sign_in::RequireSignIn;
use crate::format;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::class_progress::ModuleQuery;
use crate::services::api::{self, ApiError};

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done(String),
    Failed(ApiError),
}

#[component]
pub fn Assignments() -> Html {
    let t = use_texts();
    use_title(t.work.assign_title);
    html! {
        <RequireSignIn>
            <AssignmentsPage />
        </RequireSignIn>
    }
}

#[component]
fn AssignmentsPage() -> Html {
    let t = use_texts();
    let w = t.work;
    let board = use_api(api::assignment_board);
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
        Remote::Ready(data) => html! {
            <>
                <section class="card">
                    <h1>{ w.assign_title }</h1>
                    <p>{ (w.assign_lead)(&data.school_year) }</p>
                    { message }
                    <AssignForm board={(**data).clone()} on_outcome={on_outcome.clone()} />
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
                                    { for data.assignments.iter().map(|a| html! {
                                        <AssignmentRow key={a.id} assignment={a.clone()} on_outcome={on_outcome.clone()} />
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                </section>
            </>
        },
    }
}

#[derive(Properties, PartialEq)]
struct AssignFormProps {
    board: AssignmentBoard,
    on_outcome: Callback<Result<String, ApiError>>,
}

#[component]
fn AssignForm(props: &AssignFormProps) -> Html {
    let t = use_texts();
    let w = t.work;
    let modules = use_api(api::modules);
    let module = use_state(String::new);
    let chosen = use_state(|| {
        // One class: nothing to choose.
        if props.board.classes.len() == 1 {
            props.board.classes.iter().map(|c| c.code.clone()).collect()
        } else {
            Vec::<String>::new()
        }
    });
    let opens = use_state(|| format::day_from_today(0));
    let due = use_state(|| format::day_from_today(14));
    let errors = use_state(|| [None::<&'static str>; 4]);
    let busy = use_state(|| false);
    if props.board.classes.is_empty() {
        return html! { <p class="muted">{ w.classes_none }</p> };
    }
    let onsubmit = {
        let (module, chosen, opens, due) =
            (module.clone(), chosen.clone(), opens.clone(), due.clone());
        let (errors, busy, on_outcome) = (errors.clone(), busy.clone(), props.on_outcome.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let found = [
                module.is_empty().then_some(w.choose_one),
                chosen.is_empty().then_some(w.choose_class),
                (!format::is_day(&opens)).then_some(w.date_invalid),
                (!format::is_day(&due)).then_some(w.date_invalid),
            ];
            errors.set(found);
            if found.iter().any(Option::is_some) {
                return;
            }
            busy.set(true);
            let request = CreateAssignmentRequest {
                module_id: (*module).clone(),
                class_codes: (*chosen).clone(),
                opens_on: (*opens).clone(),
                due_on: (*due).clone(),
            };
            let (busy, on_outcome, chosen) = (busy.clone(), on_outcome.clone(), chosen.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::create_assignment(&request).await;
                busy.set(false);
                if result.is_ok() {
                    chosen.set(Vec::new());
                }
                on_outcome.emit(result.map(|views| (w.assigned_notice)(views.len())));
            });
        })
    };
    let module_options: Vec<(AttrValue, AttrValue)> = match &modules.state {
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
    html! {
        <form onsubmit={onsubmit} novalidate=true id="giao-bai">
            <h2>{ w.assign_form_title }</h2>
            <SelectField id="hoc-phan" label={w.module_label} options={module_options}
                value={(*module).clone()} on_change={set(&module)}
                error={errors[0].map(AttrValue::from)} />
            <fieldset class="field class-choice" aria-describedby={errors[1].map(|_| "lop-error")}>
                <legend>{ w.classes_label }</legend>
                { for props.board.classes.iter().map(|class| {
                    let code = class.code.clone();
                    let checked = chosen.contains(&code);
                    let id = format!("lop-{code}");
                    let toggle = {
                        let chosen = chosen.clone();
                        let code = code.clone();
                        Callback::from(move |_: Event| {
                            let mut next = (*chosen).clone();
                            if let Some(at) = next.iter().position(|c| *c == code) {
                                next.remove(at);
                            } else {
                                next.push(code.clone());
                            }
                            chosen.set(next);
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
                <TextField id="ngay-mo" label={w.opens_label} value={(*opens).clone()}
                    on_input={set(&opens)} inputmode="numeric" hint={w.date_hint}
                    error={errors[2].map(AttrValue::from)} required=true />
                <TextField id="han-nop" label={w.due_label} value={(*due).clone()}
                    on_input={set(&due)} inputmode="numeric" hint={w.date_hint}
                    error={errors[3].map(AttrValue::from)} required=true />
            </div>
            <button type="submit" class="btn" disabled={*busy}>
                { if *busy { t.saving } else { w.assign_submit } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct AssignmentRowProps {
    assignment: AssignmentView,
    on_outcome: Callback<Result<String, ApiError>>,
}

#[component]
fn AssignmentRow(props: &AssignmentRowProps) -> Html {
    let t = use_texts();
    let w = t.work;
    let a = &props.assignment;
    let editing = use_state(|| false);
    let opens = use_state(|| format::date(&a.opens_on));
    let due = use_state(|| format::date(&a.due_on));
    let busy = use_state(|| false);
    let id = a.id;
    let save = {
        let (opens, due, busy, editing, on_outcome) = (
            opens.clone(),
            due.clone(),
            busy.clone(),
            editing.clone(),
            props.on_outcome.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let request = UpdateAssignmentRequest {
                opens_on: (*opens).clone(),
                due_on: (*due).clone(),
            };
            let (busy, editing, on_outcome) = (busy.clone(), editing.clone(), on_outcome.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::update_assignment(id, &request).await;
                busy.set(false);
                if result.is_ok() {
                    editing.set(false);
                }
                on_outcome.emit(result.map(|_| w.dates_saved_notice.to_owned()));
            });
        })
    };
    let remove = {
        let (busy, on_outcome) = (busy.clone(), props.on_outcome.clone());
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
    let toggle = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(!*editing))
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    html! {
        <tr data-assignment={a.id.to_string()}>
            <th scope="row">{ a.class_name.clone() }</th>
            <td data-label={w.module_col}>{ a.module_title.clone() }</td>
            <td data-label={w.opens_col}>{ format::date(&a.opens_on) }</td>
            <td data-label={w.due_col}>{ format::date(&a.due_on) }</td>
            <td data-label={w.completed_col} class="num">{ format!("{}/{}", a.completed, a.students) }</td>
            <td data-label={t.actions_label}>
                if *editing {
                    <form onsubmit={save} novalidate=true class="date-edit">
                        <TextField id={format!("ngay-mo-{id}")} label={w.opens_label} value={(*opens).clone()}
                            on_input={set(&opens)} inputmode="numeric" />
                        <TextField id={format!("han-nop-{id}")} label={w.due_label} value={(*due).clone()}
                            on_input={set(&due)} inputmode="numeric" />
                        <div class="form-actions">
                            <button type="submit" class="btn btn-small" disabled={*busy}>{ w.save_dates }</button>
                            <button type="button" class="btn btn-small btn-secondary" onclick={toggle.clone()}>{ w.cancel }</button>
                        </div>
                    </form>
                } else {
                    <div class="form-actions">
                        <Link<Route, ModuleQuery> to={Route::ClassProgress { code: a.class_code.clone() }}
                            query={Some(ModuleQuery { module: Some(a.module_id.clone()) })}
                            classes="btn btn-small">
                            { w.view_progress }
                        </Link<Route, ModuleQuery>>
                        <button type="button" class="btn btn-small btn-secondary doi-ngay" onclick={toggle}>{ w.change_dates }</button>
                        <button type="button" class="btn btn-small btn-secondary bo-giao" onclick={remove} disabled={*busy}>{ w.remove }</button>
                    </div>
                }
            </td>
        </tr>
    }
}
