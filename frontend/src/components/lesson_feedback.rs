//! The feedback part at the end of a lesson: the learner's rating (1–5) and optional comment,
//! which they may edit, its status and answer, and the answered feedback of all learners —
//! anonymous, and shown as plain text (never as HTML).

use hocdvc_api::{FeedbackRequest, MyFeedback, PublicFeedback};
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::format;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::i18n::use_texts;
use crate::services::api;

/// Longest comment, as the server enforces it.
const COMMENT_MAX: usize = hocdvc_api::feedback::FEEDBACK_COMMENT_MAX;

/// "★★★★☆" for 4.
pub fn stars(rating: i32) -> String {
    let full = usize::try_from(rating.clamp(0, 5)).unwrap_or(0);
    format!("{}{}", "★".repeat(full), "☆".repeat(5 - full))
}

#[derive(Properties, PartialEq)]
pub struct LessonFeedbackProps {
    pub lesson: AttrValue,
}

#[component]
pub fn LessonFeedbackPanel(props: &LessonFeedbackProps) -> Html {
    let t = use_texts();
    let data = use_api_with(props.lesson.clone(), |id: &AttrValue| {
        let id = id.to_string();
        async move { api::lesson_feedback(&id).await }
    });
    let body = match &data.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={data.reload.clone()} /> }
        }
        Remote::Ready(feedback) => html! {
            <>
                <FeedbackForm lesson={props.lesson.clone()} mine={feedback.mine.clone()}
                    reload={data.reload.clone()} />
                <PublicList items={feedback.public.clone()} />
            </>
        },
    };
    html! {
        <section class="lesson-feedback" id="gop-y-bai-hoc" aria-labelledby="gop-y-tieu-de">
            <h2 id="gop-y-tieu-de">{ t.feedback_title }</h2>
            <p class="muted">{ t.feedback_lead }</p>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FeedbackFormProps {
    lesson: AttrValue,
    mine: Option<MyFeedback>,
    reload: Callback<()>,
}

#[component]
fn FeedbackForm(props: &FeedbackFormProps) -> Html {
    let t = use_texts();
    let rating = use_state(|| props.mine.as_ref().map(|m| m.rating));
    let comment = use_state(|| {
        props
            .mine
            .as_ref()
            .and_then(|m| m.comment.clone())
            .unwrap_or_default()
    });
    let saving = use_state(|| false);
    let saved = use_state(|| false);
    let missing_rating = use_state(|| false);
    let error = use_state(|| None::<api::ApiError>);

    let on_comment = {
        let (comment, saved) = (comment.clone(), saved.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                comment.set(area.value());
                saved.set(false);
            }
        })
    };
    let on_submit = {
        let (rating, comment, saving, saved, missing_rating, error, reload, lesson) = (
            rating.clone(),
            comment.clone(),
            saving.clone(),
            saved.clone(),
            missing_rating.clone(),
            error.clone(),
            props.reload.clone(),
            props.lesson.to_string(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(value) = *rating else {
                missing_rating.set(true);
                return;
            };
            missing_rating.set(false);
            let text = comment.trim().to_owned();
            let request = FeedbackRequest {
                rating: value,
                comment: (!text.is_empty()).then_some(text),
            };
            let (saving, saved, error, reload, lesson) = (
                saving.clone(),
                saved.clone(),
                error.clone(),
                reload.clone(),
                lesson.clone(),
            );
            saving.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_feedback(&lesson, &request).await {
                    Ok(_) => {
                        error.set(None);
                        saved.set(true);
                        reload.emit(());
                    }
                    Err(err) => error.set(Some(err)),
                }
                saving.set(false);
            });
        })
    };
    let left = COMMENT_MAX.saturating_sub(comment.chars().count());
    html! {
        <>
            if let Some(mine) = &props.mine {
                <div class="my-feedback" id="gop-y-cua-ban">
                    <h3>{ t.feedback_yours }</h3>
                    <p>
                        <span class="stars" aria-label={(t.feedback_stars_label)(mine.rating)}>{ stars(mine.rating) }</span>
                        { " · " }{ t.feedback_status_label }{ ": " }
                        <span class="badge" id="trang-thai-gop-y">{ (t.feedback_status_name)(mine.status) }</span>
                    </p>
                    if let Some(answer) = &mine.answer {
                        <p class="pre-line"><strong>{ t.feedback_answer_caption }{ ": " }</strong>{ answer.clone() }</p>
                    }
                </div>
            }
            <form class="feedback-form" id="form-gop-y" onsubmit={on_submit} novalidate=true>
                <fieldset class="rating" aria-describedby={missing_rating.then_some("sao-loi")}>
                    <legend>{ t.feedback_rating_legend }</legend>
                    { for (1..=5).map(|n| {
                        let (rating, saved) = (rating.clone(), saved.clone());
                        let id = format!("sao-{n}");
                        html! {
                            <span class="rating-option">
                                <input type="radio" name="sao" id={id.clone()} value={n.to_string()}
                                    checked={*rating == Some(n)}
                                    onchange={Callback::from(move |_: Event| { rating.set(Some(n)); saved.set(false); })} />
                                <label for={id}>{ (t.feedback_rating_option)(n) }</label>
                            </span>
                        }
                    }) }
                    if *missing_rating {
                        <span class="error" id="sao-loi" role="alert">{ t.feedback_rating_required }</span>
                    }
                </fieldset>
                <div class="field">
                    <label for="gop-y">{ t.feedback_comment_label }</label>
                    <textarea id="gop-y" name="gop-y" rows="4" maxlength="1000"
                        value={(*comment).clone()} oninput={on_comment}
                        aria-describedby="gop-y-goi-y" />
                    <span class="hint" id="gop-y-goi-y">{ (t.feedback_comment_hint)(left) }</span>
                </div>
                if let Some(err) = &*error {
                    <ApiErrorAlert error={err.clone()} />
                }
                if *saved {
                    <Alert kind={AlertKind::Success} id="gop-y-da-luu">
                        <p>{ t.feedback_saved }</p>
                    </Alert>
                }
                <button type="submit" class="btn" id="gui-gop-y" disabled={*saving}>
                    { if *saving { t.feedback_sending } else if props.mine.is_some() { t.feedback_update } else { t.feedback_send } }
                </button>
            </form>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PublicListProps {
    items: Vec<PublicFeedback>,
}

#[component]
fn PublicList(props: &PublicListProps) -> Html {
    let t = use_texts();
    html! {
        <>
            <h3>{ t.feedback_public_title }</h3>
            if props.items.is_empty() {
                <p class="muted" id="gop-y-cong-khai-trong">{ t.feedback_public_none }</p>
            } else {
                <ul class="public-feedback" id="gop-y-cong-khai">
                    { for props.items.iter().map(|item| html! {
                        <li>
                            <p>
                                <span class="stars" aria-label={(t.feedback_stars_label)(item.rating)}>{ stars(item.rating) }</span>
                                <span class="muted">{ " · " }{ (t.feedback_status_name)(item.status) }</span>
                            </p>
                            <p class="pre-line comment">
                                { item.comment.clone().unwrap_or_else(|| t.feedback_no_comment.to_owned()) }
                            </p>
                            <p class="pre-line answer">
                                <strong>{ t.feedback_answer_caption }{ ": " }</strong>{ item.answer.clone() }
                            </p>
                            <p class="muted">{ (t.feedback_answered_on)(&format::date_time_local(&item.answered_at)) }</p>
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}
