//! `/viec-can-lam`: the student's to-do list (`GET /api/me/todo`): the modules assigned to
//! their class with open and due dates, state, lessons learned and best score; overdue work is
//! marked in colour and words, and each line leads to the module.

use hocdvc_api::{TodoItem, TodoState};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::format;
use crate::hooks::use_api::Remote;
use crate::hooks::use_title::use_title;
use crate::hooks::use_work::use_work;
use crate::i18n::use_texts;
use crate::i18n::work::{WorkTexts, label};
use crate::pages::training::MyTrainingCard;
use crate::services::api::{WorkData, WorkQuery};
use crate::session::use_session;

fn state_code(state: TodoState) -> &'static str {
    match state {
        TodoState::NotStarted => "not_started",
        TodoState::InProgress => "in_progress",
        TodoState::Completed => "completed",
        TodoState::Overdue => "overdue",
    }
}

/// The page, for a signed-in user (the router wraps it in `RequireSignIn`).
#[component]
pub fn Todo() -> Html {
    let t = use_texts();
    let w = t.work;
    use_title(w.todo_title);
    let todo = use_work(WorkQuery::Todo);
    let session = use_session();
    let body = match &todo.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={todo.reload.clone()} /> }
        }
        Remote::Ready(data) => match &**data {
            WorkData::Todo(items) if items.is_empty() => html! {
                <EmptyState title={w.todo_none_title} message={w.todo_none_body} />
            },
            WorkData::Todo(items) => html! {
                <ul class="todo-list" id="viec-can-lam">
                    { for items.iter().map(|item| todo_line(w, item)) }
                </ul>
            },
            _ => html! {},
        },
    };
    html! {
        <>
        if session.is_civil_servant() {
            <MyTrainingCard />
        }
        <section class="card">
            <h1>{ w.todo_title }</h1>
            <p>{ w.todo_lead }</p>
            { body }
            <p class="actions">
                <Link<Route> to={Route::FamilyTask} classes="btn btn-secondary">
                    { w.todo_family_link }
                </Link<Route>>
            </p>
        </section>
        </>
    }
}

/// One assigned module (a plain function, not a component: each component type costs the
/// first page load a few kilobytes).
fn todo_line(w: &'static WorkTexts, item: &TodoItem) -> Html {
    let code = state_code(item.state);
    let badge = match item.state {
        TodoState::Completed => "badge badge-ok",
        TodoState::Overdue => "badge badge-overdue",
        TodoState::InProgress => "badge",
        TodoState::NotStarted => "badge badge-warn",
    };
    html! {
        <li class={classes!("todo-item", code.replace('_', "-"))} data-module={item.module_id.clone()}>
            <h2>
                <Link<Route> to={Route::LearnModule { module: item.module_id.clone() }}>
                    { item.module_title.clone() }
                </Link<Route>>
            </h2>
            <p class="todo-meta">
                <span class={badge} data-state={code}>{ label(&w.todo_states, code) }</span>
                if !item.open {
                    <span>{ (w.todo_opens)(&format::date(&item.opens_on)) }</span>
                }
                <strong class="todo-due">{ (w.todo_due)(&format::date(&item.due_on)) }</strong>
            </p>
            <p class="todo-meta muted">
                <span>{ (w.todo_lessons)(item.lessons.done, item.lessons.total) }</span>
                if let (Some(best), Some(max)) = (item.best_score, item.max_score) {
                    <span>{ (w.todo_best_score)(&format::score(best), &format::score(max)) }</span>
                }
            </p>
            if item.open && item.state != TodoState::Completed {
                <Link<Route> to={Route::LearnModule { module: item.module_id.clone() }} classes="btn btn-small">
                    { w.todo_open_module }
                </Link<Route>>
            }
        </li>
    }
}
