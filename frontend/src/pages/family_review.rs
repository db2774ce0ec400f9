//! `/duyet-nhiem-vu-gia-dinh`: a teacher sees the family-helper tasks their classes' students
//! recorded and waiting (`GET /api/family-tasks`), confirms or rejects each
//! (`POST /api/family-tasks/{id}/review`), and sees those already confirmed.

use hocdvc_api::FamilyTaskStatus;
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::require_sign_in::RequireSignIn;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::family_task::TaskLine;
use crate::services::api::{self, ApiError};

#[component]
pub fn FamilyReview() -> Html {
    let t = use_texts();
    use_title(t.work.review_title);
    html! {
        <RequireSignIn>
            <ReviewList />
        </RequireSignIn>
    }
}

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done(FamilyTaskStatus),
    Failed(ApiError),
}

#[component]
fn ReviewList() -> Html {
    let t = use_texts();
    let w = t.work;
    let pending = use_api(|| api::family_tasks_for_review("pending"));
    let confirmed = use_api(|| api::family_tasks_for_review("confirmed"));
    let outcome = use_state(|| Outcome::None);
    let busy = use_state(|| None::<i32>);
    let decide = {
        let (outcome, busy) = (outcome.clone(), busy.clone());
        let reloads = (pending.reload.clone(), confirmed.reload.clone());
        Callback::from(move |(id, status): (i32, FamilyTaskStatus)| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(id));
            let (outcome, busy, reloads) = (outcome.clone(), busy.clone(), reloads.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::review_family_task(id, status).await;
                busy.set(None);
                match result {
                    Ok(_) => {
                        outcome.set(Outcome::Done(status));
                        reloads.0.emit(());
                        reloads.1.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let pending_body = match &pending.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={pending.reload.clone()} /> }
        }
        Remote::Ready(tasks) if tasks.is_empty() => {
            html! { <p class="muted">{ w.review_none }</p> }
        }
        Remote::Ready(tasks) => html! {
            <ul class="task-list" id="cho-xac-nhan">
                { for tasks.iter().map(|task| {
                    let id = task.id;
                    let confirm = { let d = decide.clone(); Callback::from(move |_: MouseEvent| d.emit((id, FamilyTaskStatus::Confirmed))) };
                    let reject = { let d = decide.clone(); Callback::from(move |_: MouseEvent| d.emit((id, FamilyTaskStatus::Rejected))) };
                    let working = *busy == Some(id);
                    html! {
                        <TaskLine task={task.clone()} show_student=true>
                            <div class="form-actions">
                                <button type="button" class="btn btn-small xac-nhan" onclick={confirm} disabled={working}>{ w.confirm }</button>
                                <button type="button" class="btn btn-small btn-secondary khong-xac-nhan" onclick={reject} disabled={working}>{ w.reject }</button>
                            </div>
                        </TaskLine>
                    }
                }) }
            </ul>
        },
    };
    let confirmed_body = match &confirmed.state {
        Remote::Ready(tasks) if !tasks.is_empty() => html! {
            <ul class="task-list" id="da-xac-nhan">
                { for tasks.iter().map(|task| html! { <TaskLine task={task.clone()} show_student=true /> }) }
            </ul>
        },
        _ => html! {},
    };
    html! {
        <>
            <section class="card">
                <h1>{ w.review_title }</h1>
                <p>{ w.review_lead }</p>
                {
                    match (*outcome).clone() {
                        Outcome::None => html! {},
                        Outcome::Done(FamilyTaskStatus::Confirmed) => html! {
                            <Alert kind={AlertKind::Success}>{ w.confirmed_notice }</Alert>
                        },
                        Outcome::Done(_) => html! {
                            <Alert kind={AlertKind::Info}>{ w.rejected_notice }</Alert>
                        },
                        Outcome::Failed(err) => html! { <ApiErrorAlert error={err} /> },
                    }
                }
                { pending_body }
            </section>
            <section class="card section" aria-labelledby="tieu-de-da-xac-nhan">
                <h2 id="tieu-de-da-xac-nhan">{ w.review_confirmed_title }</h2>
                { confirmed_body }
            </section>
        </>
    }
}
