//! `/quan-tri/gop-y`: the content owners' queue of lesson feedback, filterable by status. Each
//! item gets a public answer (đã nhận → đã trả lời) and, once the lesson is changed, is marked
//! đã cập nhật. Learners stay anonymous here too.

use hocdvc_api::{FeedbackItem, FeedbackStatus, FeedbackUpdate};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::empty_state::EmptyState;
use crate::components::field::SelectField;
use crate::components::lesson_feedback::stars;
use crate::components::require_sign_in::RequireSignIn;
use crate::format;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api;

#[component]
pub fn FeedbackQueue() -> Html {
    let t = use_texts();
    use_title(t.feedback_queue_title);
    html! {
        <RequireSignIn>
            <QueueView />
        </RequireSignIn>
    }
}

#[component]
fn QueueView() -> Html {
    let t = use_texts();
    // Received first: that is the work waiting.
    let status = use_state(|| Some(FeedbackStatus::Received));
    let queue = use_api_with(*status, |status: &Option<FeedbackStatus>| {
        let status = *status;
        async move { api::feedback_queue(status).await }
    });
    let options: Vec<(AttrValue, AttrValue)> =
        std::iter::once((AttrValue::from(""), AttrValue::from(t.feedback_filter_all)))
            .chain(FeedbackStatus::ALL.into_iter().map(|s| {
                (
                    AttrValue::from(s.as_str()),
                    AttrValue::from((t.feedback_status_name)(s)),
                )
            }))
            .collect();
    let on_status = {
        let status = status.clone();
        Callback::from(move |code: String| status.set(FeedbackStatus::parse(&code)))
    };
    let body = match &queue.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={queue.reload.clone()} /> }
        }
        Remote::Ready(items) if items.is_empty() => html! {
            <EmptyState title={t.feedback_queue_title} message={t.feedback_queue_empty} />
        },
        Remote::Ready(items) => html! {
            <ul class="feedback-queue" id="hang-gop-y">
                { for items.iter().map(|item| html! {
                    <QueueItem key={item.id} item={item.clone()} reload={queue.reload.clone()} />
                }) }
            </ul>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.feedback_queue_title }</h1>
            <p>{ t.feedback_queue_lead }</p>
            <SelectField id="loc-trang-thai" label={t.feedback_filter_label} options={options}
                value={status.map(|s| s.as_str()).unwrap_or("")} on_change={on_status} />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct QueueItemProps {
    item: FeedbackItem,
    reload: Callback<()>,
}

#[component]
fn QueueItem(props: &QueueItemProps) -> Html {
    let t = use_texts();
    let item = &props.item;
    let answer = use_state(|| item.answer.clone().unwrap_or_default());
    let missing = use_state(|| false);
    let saving = use_state(|| false);
    let error = use_state(|| None::<api::ApiError>);
    let answer_id = format!("tra-loi-{}", item.id);

    let send = {
        let (answer, missing, saving, error, reload, id) = (
            answer.clone(),
            missing.clone(),
            saving.clone(),
            error.clone(),
            props.reload.clone(),
            item.id,
        );
        Callback::from(move |status: FeedbackStatus| {
            let text = answer.trim().to_owned();
            if text.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let request = FeedbackUpdate {
                status: Some(status),
                answer: Some(text),
            };
            let (saving, error, reload) = (saving.clone(), error.clone(), reload.clone());
            saving.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::update_feedback(id, &request).await {
                    Ok(_) => {
                        error.set(None);
                        reload.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
                saving.set(false);
            });
        })
    };
    let on_answer = {
        let (answer, missing) = (answer.clone(), missing.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                answer.set(area.value());
                missing.set(false);
            }
        })
    };
    let answered = item.status != FeedbackStatus::Received;
    let primary = {
        let send = send.clone();
        let target = if answered {
            item.status
        } else {
            FeedbackStatus::Answered
        };
        Callback::from(move |_: MouseEvent| send.emit(target))
    };
    let mark_updated = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(FeedbackStatus::Updated))
    };
    html! {
        <li class="feedback-item" data-feedback={item.id.to_string()} data-status={item.status.as_str()}>
            <h2>
                <Link<Route> to={Route::Lesson { lesson: item.lesson_id.clone() }}>
                    { item.lesson_title.clone() }
                </Link<Route>>
            </h2>
            <p>
                <span class="stars" aria-label={(t.feedback_stars_label)(item.rating)}>{ stars(item.rating) }</span>
                { " · " }<span class="badge">{ (t.feedback_status_name)(item.status) }</span>
                <span class="muted">{ " · " }{ (t.feedback_sent_on)(&format::date_time_local(&item.created_at)) }</span>
            </p>
            <p class="pre-line comment">
                { item.comment.clone().unwrap_or_else(|| t.feedback_no_comment.to_owned()) }
            </p>
            <div class="field">
                <label for={answer_id.clone()}>{ t.feedback_answer_field }</label>
                <textarea id={answer_id.clone()} rows="3" maxlength="2000" value={(*answer).clone()}
                    oninput={on_answer} aria-invalid={missing.then_some("true")} />
                if *missing {
                    <span class="error" role="alert">{ t.feedback_answer_required }</span>
                }
            </div>
            if let Some(err) = &*error {
                <ApiErrorAlert error={err.clone()} />
            }
            <div class="button-row">
                <button type="button" class="btn answer" onclick={primary} disabled={*saving}>
                    { if answered { t.feedback_save_answer } else { t.feedback_answer_button } }
                </button>
                if item.status == FeedbackStatus::Answered {
                    <button type="button" class="btn btn-secondary mark-updated" onclick={mark_updated} disabled={*saving}>
                        { t.feedback_mark_updated }
                    </button>
                }
            </div>
        </li>
    }
}
