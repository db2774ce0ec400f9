//! `/quan-tri/cau-hoi`: a content author (teacher or admin) uploads a GIFT, Moodle XML or CSV
//! question file, sees a preview of what will be created ("Xem trước", which writes nothing),
//! then imports it ("Nhập"). A refused file lists every wrong line.

use hocdvc_api::{ErrorDetail, QuestionImportSummary};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::TextField;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::table::KeyValueTable;
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Working,
    Done(QuestionImportSummary),
    Failed(ApiError),
}

#[component]
pub fn QuestionImport() -> Html {
    let t = use_texts();
    use_title(t.questions_title);
    html! {
        <RequireSignIn>
            <QuestionImportPage />
        </RequireSignIn>
    }
}

#[component]
fn QuestionImportPage() -> Html {
    let t = use_texts();
    let category = use_state(String::new);
    let state = use_state(|| State::Idle);
    let file_missing = use_state(|| false);
    let file_ref = use_node_ref();
    let result_ref = use_node_ref();
    {
        let result_ref = result_ref.clone();
        let finished = matches!(*state, State::Done(_) | State::Failed(_));
        use_effect_with(finished, move |finished| {
            if *finished {
                focus(&result_ref);
            }
        });
    }
    let working = *state == State::Working;
    let start = {
        let (category, state, file_missing, file_ref) = (
            category.clone(),
            state.clone(),
            file_missing.clone(),
            file_ref.clone(),
        );
        Callback::from(move |dry_run: bool| {
            if *state == State::Working {
                return;
            }
            let file = file_ref
                .cast::<HtmlInputElement>()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            file_missing.set(file.is_none());
            let Some(file) = file else {
                focus(&file_ref);
                return;
            };
            state.set(State::Working);
            let (state, category) = (state.clone(), category.trim().to_owned());
            wasm_bindgen_futures::spawn_local(async move {
                match api::upload_questions(&file, dry_run, &category).await {
                    Ok(summary) => state.set(State::Done(summary)),
                    Err(err) => state.set(State::Failed(err)),
                }
            });
        })
    };
    let on_file = {
        let state = state.clone();
        Callback::from(move |_: Event| state.set(State::Idle))
    };
    let result = match &*state {
        State::Idle => html! {},
        State::Working => html! { <p aria-live="polite">{ t.questions_working }</p> },
        State::Done(summary) => html! { <Outcome summary={summary.clone()} /> },
        State::Failed(err) => html! {
            <>
                <ApiErrorAlert error={err.clone()} />
                if !err.details().is_empty() {
                    <ErrorList details={err.details().to_vec()} />
                }
            </>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.questions_title }</h1>
            <p>{ t.questions_lead }</p>
            <form class="form-grid" novalidate=true
                onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field field-wide">
                    <label for="tep-cau-hoi">{ t.questions_file_label }</label>
                    <input type="file" id="tep-cau-hoi"
                        accept=".gift,.txt,.xml,.csv,text/plain,text/xml,text/csv"
                        ref={file_ref} onchange={on_file}
                        aria-invalid={file_missing.then_some("true")}
                        aria-describedby="tep-cau-hoi-hint" />
                    <span class="hint" id="tep-cau-hoi-hint">{ t.questions_file_hint }</span>
                    if *file_missing {
                        <span class="error">{ t.import_file_missing }</span>
                    }
                </div>
                <TextField id="danh-muc" label={t.questions_category_label}
                    value={(*category).clone()} hint={t.questions_category_hint} verbatim=true
                    on_input={Callback::from({ let c = category.clone(); move |v| c.set(v) })} />
                <div class="form-actions field-wide">
                    <button type="button" class="btn btn-secondary" id="xem-truoc" disabled={working}
                        onclick={start.reform(|_: MouseEvent| true)}>
                        { t.questions_preview }
                    </button>
                    <button type="button" class="btn" id="nhap-cau-hoi" disabled={working}
                        onclick={start.reform(|_: MouseEvent| false)}>
                        { t.questions_import }
                    </button>
                </div>
            </form>
            <div id="ket-qua-cau-hoi" tabindex="-1" ref={result_ref}>
                { result }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OutcomeProps {
    summary: QuestionImportSummary,
}

/// The counts, then the questions the file holds (names and text, never answers).
#[component]
fn Outcome(props: &OutcomeProps) -> Html {
    let t = use_texts();
    let s = &props.summary;
    let by_type = s
        .by_type
        .iter()
        .map(|(kind, n)| format!("{}: {n}", t.question_kind(kind)))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = vec![
        (
            AttrValue::from(t.import_file_name),
            html! { { s.file_name.clone() } },
        ),
        (
            AttrValue::from(t.questions_total),
            html! { { format!("{} ({by_type})", s.total) } },
        ),
        (
            AttrValue::from(t.questions_created),
            html! { { s.created } },
        ),
        (
            AttrValue::from(t.questions_new_versions),
            html! { { s.new_versions } },
        ),
        (
            AttrValue::from(t.questions_unchanged),
            html! { { s.unchanged } },
        ),
        (
            AttrValue::from(t.questions_categories),
            html! { { s.categories.join("; ") } },
        ),
    ];
    let (kind, message) = if s.dry_run {
        (AlertKind::Info, t.questions_preview_done)
    } else {
        (AlertKind::Success, t.questions_import_done)
    };
    html! {
        <>
            <Alert kind={kind}>{ message }</Alert>
            <KeyValueTable caption={t.questions_title} rows={rows} />
            <h2>{ t.questions_preview_title }</h2>
            <div class="table-wrap">
                <table id="xem-truoc-cau-hoi">
                    <thead>
                        <tr>
                            <th scope="col">{ "STT" }</th>
                            <th scope="col">{ t.questions_kind }</th>
                            <th scope="col">{ t.questions_name }</th>
                            <th scope="col">{ t.questions_text }</th>
                            <th scope="col">{ t.questions_categories }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for s.preview.iter().enumerate().map(|(i, q)| html! {
                            <tr>
                                <td data-label="STT">{ i + 1 }</td>
                                <td data-label={t.questions_kind}>{ t.question_kind(&q.kind).to_owned() }</td>
                                <td data-label={t.questions_name}>{ q.name.clone().unwrap_or_default() }</td>
                                <td data-label={t.questions_text}>{ q.text.clone() }</td>
                                <td data-label={t.questions_categories}>{ q.category.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ErrorListProps {
    details: Vec<ErrorDetail>,
}

#[component]
fn ErrorList(props: &ErrorListProps) -> Html {
    let t = use_texts();
    html! {
        <>
            <h2>{ t.questions_errors_title }</h2>
            <div class="table-wrap">
            <table id="loi-cau-hoi" class="errors">
                <thead>
                    <tr>
                        <th scope="col">{ t.questions_line }</th>
                        <th scope="col">{ t.questions_error }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.details.iter().map(|d| html! {
                        <tr>
                            <td data-label={t.questions_line}>{ d.line.map(|l| l.to_string()).unwrap_or_default() }</td>
                            <td data-label={t.questions_error}>{ d.message.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}
