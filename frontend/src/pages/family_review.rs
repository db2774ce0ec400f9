//! `/duyet-nhiem-vu-gia-dinh`: a teacher sees the family-helper tasks their classes' students
//! recorded and waiting (`GET /api/family-tasks`), confirms or rejects each
//! (`POST /api/family-tasks/{id}/review`), and sees those already confirmed.

use hocdvc_api::FamilyTaskStatus;
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::hooks::use_api::Remote;
use crate::hooks::use_title::use_title;
use crate::hooks::use_work::use_work;
use crate::i18n::use_texts;
use crate::pages::family_task::task_line;
use crate::services::api::{self, ApiError, WorkData, WorkQuery};

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done(FamilyTaskStatus),
    Failed(ApiError),
}

/// The page, for a signed-in teacher (the router wraps it in `RequireSignIn`).
#[component]
pub fn FamilyReview() -> Html {
    let t = use_texts();
    let w = t.work;
    use_title(w.review_title);
    let lists = use_work(WorkQuery::FamilyReview);
    let none = Vec::new();
    let (pending, confirmed) = match &lists.state {
        Remote::Ready(data) => match &**data {
            WorkData::FamilyReview { pending, confirmed } => (pending, confirmed),
            _ => (&none, &none),
        },
        _ => (&none, &none),
    };
    let outcome = use_state(|| Outcome::None);
    let busy = use_state(|| None::<i32>);
    let decide = {
        let (outcome, busy) = (outcome.clone(), busy.clone());
        let reload = lists.reload.clone();
        Callback::from(move |(id, status): (i32, FamilyTaskStatus)| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(id));
            let (outcome, busy, reload) = (outcome.clone(), busy.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::review_family_task(id, status).await;
                busy.set(None);
                match result {
                    Ok(()) => {
                        outcome.set(Outcome::Done(status));
                        reload.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let pending_body = match &lists.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={lists.reload.clone()} /> }
        }
        Remote::Ready(_) if pending.is_empty() => {
            html! { <p class="muted">{ w.review_none }</p> }
        }
        Remote::Ready(_) => html! {
            <ul class="task-list" id="cho-xac-nhan">
                { for pending.iter().map(|task| {
                    let id = task.id;
                    let confirm = { let d = decide.clone(); Callback::from(move |_: MouseEvent| d.emit((id, FamilyTaskStatus::Confirmed))) };
                    let reject = { let d = decide.clone(); Callback::from(move |_: MouseEvent| d.emit((id, FamilyTaskStatus::Rejected))) };
                    let working = *busy == Some(id);
                    task_line(w, task, true, html! {
                        <div class="form-actions">
                            <button type="button" class="btn btn-small xac-nhan" onclick={confirm} disabled={working}>{ w.confirm }</button>
                            <button type="button" class="btn btn-small btn-secondary khong-xac-nhan" onclick={reject} disabled={working}>{ w.reject }</button>
                        </div>
                    })
                }) }
            </ul>
        },
    };
    let confirmed_body = match &lists.state {
        Remote::Ready(_) if !confirmed.is_empty() => html! {
            <ul class="task-list" id="da-xac-nhan">
                { for confirmed.iter().map(|task| task_line(w, task, true, html! {})) }
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
                        Outcome::Done(status) => html! {
                            <Alert kind={AlertKind::Success}>
                                { if status == FamilyTaskStatus::Confirmed { w.confirmed_notice } else { w.rejected_notice } }
                            </Alert>
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
