//! `/quan-tri/nhap-danh-sach`: a school admin uploads a student or teacher roster (CSV or
//! Excel text), first to check it ("Kiểm tra", a dry run that writes nothing) and then to import
//! it ("Nhập"), watching the upload progress. A refused file lists every wrong line; below, the
//! history of past imports and the templates to start from.

use hocdvc_api::{ErrorDetail, ImportRecord, ImportSummary, RosterKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{SelectField, TextField};
use crate::components::require_sign_in::RequireSignIn;
use crate::components::table::KeyValueTable;
use crate::download;
use crate::format;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::services::api::{self, ApiError, ImportOptions};

const STUDENT_HEADERS: &str = "Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường";
const TEACHER_HEADERS: &str = "Mã giáo viên,Họ và tên,Mã trường,Lớp chủ nhiệm,Email";
const MEMBER_HEADERS: &str = "Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo";

fn kind_code(kind: RosterKind) -> &'static str {
    match kind {
        RosterKind::Students => "students",
        RosterKind::Teachers => "teachers",
        RosterKind::Members => "members",
    }
}

fn roster_kind_label(t: &Texts, kind: RosterKind) -> &'static str {
    match kind {
        RosterKind::Students => t.roster_students,
        RosterKind::Teachers => t.roster_teachers,
        RosterKind::Members => t.roster_members,
    }
}

/// `2025-2026`: two years, the second one after the first.
fn is_school_year(text: &str) -> bool {
    let Some((first, second)) = text.split_once('-') else {
        return false;
    };
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!((year(first), year(second)), (Some(a), Some(b)) if b == a + 1)
}

#[derive(Clone, PartialEq)]
enum Upload {
    Idle,
    /// Bytes leaving the browser, 0–100 %.
    Sending(f64),
    /// All bytes sent; the server is reading the file.
    Processing,
    Done(ImportSummary),
    Failed(ApiError),
}

#[component]
pub fn Imports() -> Html {
    let t = use_texts();
    use_title(t.imports_title);
    html! {
        <RequireSignIn>
            <ImportsPage />
        </RequireSignIn>
    }
}

#[component]
fn ImportsPage() -> Html {
    let t = use_texts();
    let kind = use_state(|| RosterKind::Students);
    let year = use_state(format::current_school_year);
    let file_name = use_state(|| None::<String>);
    let errors = use_state(|| (None::<&'static str>, None::<&'static str>));
    let upload = use_state(|| Upload::Idle);
    let history = use_api(api::imports);
    let file_ref = use_node_ref();
    let year_ref = use_node_ref();
    let result_ref = use_node_ref();
    {
        let result_ref = result_ref.clone();
        let finished = matches!(*upload, Upload::Done(_) | Upload::Failed(_));
        use_effect_with(finished, move |finished| {
            if *finished {
                focus(&result_ref);
            }
        });
    }
    let working = matches!(*upload, Upload::Sending(_) | Upload::Processing);

    let start = {
        let (kind, year, errors, upload) =
            (kind.clone(), year.clone(), errors.clone(), upload.clone());
        let (file_ref, year_ref) = (file_ref.clone(), year_ref.clone());
        let reload_history = history.reload.clone();
        Callback::from(move |dry_run: bool| {
            if matches!(*upload, Upload::Sending(_) | Upload::Processing) {
                return;
            }
            let file = file_ref
                .cast::<HtmlInputElement>()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            let year_error = (!is_school_year(year.trim())).then_some(t.school_year_invalid);
            let file_error = file.is_none().then_some(t.import_file_missing);
            errors.set((file_error, year_error));
            let Some(file) = file else {
                focus(&file_ref);
                return;
            };
            if year_error.is_some() {
                focus(&year_ref);
                return;
            }
            let options = ImportOptions {
                kind: *kind,
                dry_run,
                school_year: year.trim().to_owned(),
            };
            upload.set(Upload::Sending(0.0));
            let (upload, reload_history) = (upload.clone(), reload_history.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let upload = upload.clone();
                    move |sent: f64, total: f64| {
                        upload.set(if total <= 0.0 || sent >= total {
                            Upload::Processing
                        } else {
                            Upload::Sending(sent / total * 100.0)
                        });
                    }
                };
                match api::upload_roster(&file, &options, progress).await {
                    Ok(summary) => {
                        if !summary.dry_run {
                            reload_history.emit(());
                        }
                        upload.set(Upload::Done(summary));
                    }
                    Err(err) => upload.set(Upload::Failed(err)),
                }
            });
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| {
            kind.set(match value.as_str() {
                "teachers" => RosterKind::Teachers,
                "members" => RosterKind::Members,
                _ => RosterKind::Students,
            });
        })
    };
    let on_file = {
        let (file_name, upload) = (file_name.clone(), upload.clone());
        Callback::from(move |event: Event| {
            let name = event
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
                .map(|file| file.name());
            file_name.set(name);
            upload.set(Upload::Idle);
        })
    };
    let kind_options = [
        RosterKind::Students,
        RosterKind::Teachers,
        RosterKind::Members,
    ]
    .into_iter()
    .map(|k| {
        (
            AttrValue::from(kind_code(k)),
            AttrValue::from(roster_kind_label(t, k)),
        )
    })
    .collect::<Vec<_>>();
    let columns_hint = match *kind {
        RosterKind::Students => t.import_students_columns,
        RosterKind::Teachers => t.import_teachers_columns,
        RosterKind::Members => t.import_members_columns,
    };
    let file_error_id = "tep-danh-sach-error";
    html! {
        <>
            <section class="card">
                <h1>{ t.imports_title }</h1>
                <p>{ t.imports_lead }</p>
                <form class="form-grid" novalidate=true
                    onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <SelectField id="loai-danh-sach" label={t.roster_kind_label} options={kind_options}
                        value={kind_code(*kind)} on_change={on_kind} hint={columns_hint} />
                    <TextField id="nam-hoc" label={t.school_year_label} value={(*year).clone()}
                        on_input={Callback::from({ let y = year.clone(); move |v| y.set(v) })}
                        hint={t.school_year_hint} verbatim=true inputmode="numeric" maxlength="9"
                        error={errors.1.map(AttrValue::from)} node_ref={year_ref} />
                    <div class="field field-wide">
                        <label for="tep-danh-sach">{ t.import_file_label }</label>
                        <input type="file" id="tep-danh-sach" accept=".csv,.txt,text/csv,text/plain"
                            ref={file_ref} onchange={on_file}
                            aria-invalid={errors.0.map(|_| "true")}
                            aria-describedby={format!("tep-danh-sach-hint{}",
                                if errors.0.is_some() { " tep-danh-sach-error" } else { "" })} />
                        <span class="hint" id="tep-danh-sach-hint">{ t.import_file_hint }</span>
                        if let Some(error) = errors.0 {
                            <span class="error" id={file_error_id}>{ error }</span>
                        }
                    </div>
                    <div class="form-actions field-wide">
                        <button type="button" class="btn btn-secondary" id="kiem-tra" disabled={working}
                            onclick={start.reform(|_: MouseEvent| true)}>
                            { t.import_check }
                        </button>
                        <button type="button" class="btn" id="nhap" disabled={working}
                            onclick={start.reform(|_: MouseEvent| false)}>
                            { t.import_run }
                        </button>
                    </div>
                </form>
                <UploadStatus upload={(*upload).clone()} file_name={(*file_name).clone()}
                    result_ref={result_ref} />
            </section>
            <ImportHistory history={history.state.clone()} reload={history.reload.clone()} />
            <section class="card section" aria-labelledby="tep-mau">
                <h2 id="tep-mau">{ t.templates_title }</h2>
                <p>{ t.templates_lead }</p>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" onclick={Callback::from(|_: MouseEvent| {
                        let _ = download::save_csv("mau-danh-sach-hoc-sinh.csv", &format!("{STUDENT_HEADERS}\r\n"));
                    })}>{ t.template_students }</button>
                    <button type="button" class="btn btn-secondary" onclick={Callback::from(|_: MouseEvent| {
                        let _ = download::save_csv("mau-danh-sach-giao-vien.csv", &format!("{TEACHER_HEADERS}\r\n"));
                    })}>{ t.template_teachers }</button>
                    <button type="button" class="btn btn-secondary" onclick={Callback::from(|_: MouseEvent| {
                        let _ = download::save_csv("mau-danh-sach-can-bo.csv", &format!("{MEMBER_HEADERS}\r\n"));
                    })}>{ t.template_members }</button>
                </div>
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct UploadStatusProps {
    upload: Upload,
    file_name: Option<String>,
    result_ref: NodeRef,
}

/// Progress while sending, then the answer: the summary, or every wrong line.
#[component]
fn UploadStatus(props: &UploadStatusProps) -> Html {
    let t = use_texts();
    let phase = match &props.upload {
        Upload::Sending(_) => t.import_sending,
        Upload::Processing => t.import_processing,
        _ => "",
    };
    let percent = match &props.upload {
        Upload::Sending(p) => Some(*p),
        Upload::Processing => Some(100.0),
        _ => None,
    };
    let result = match &props.upload {
        Upload::Idle | Upload::Sending(_) | Upload::Processing => html! {},
        Upload::Done(summary) => html! {
            <div id="ket-qua-nhap" tabindex="-1" ref={props.result_ref.clone()}>
                <Summary summary={summary.clone()} />
            </div>
        },
        Upload::Failed(err) => html! {
            <div id="ket-qua-nhap" tabindex="-1" ref={props.result_ref.clone()}>
                <ApiErrorAlert error={err.clone()} />
                if !err.details().is_empty() {
                    <ErrorTable details={err.details().to_vec()} />
                }
            </div>
        },
    };
    html! {
        <>
            <p class="upload-phase" aria-live="polite" id="trang-thai-tai-len">
                { phase }
                if let (Some(_), Some(name)) = (percent, &props.file_name) {
                    { format!(" ({name})") }
                }
            </p>
            if let Some(percent) = percent {
                <progress class="upload-progress" max="100" value={format!("{percent:.0}")}
                    aria-label={t.import_progress_label}>
                    { format!("{percent:.0}%") }
                </progress>
            }
            { result }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: ImportSummary,
}

#[component]
fn Summary(props: &SummaryProps) -> Html {
    let t = use_texts();
    let s = &props.summary;
    let number = |n: usize| html! { { n } };
    let rows = vec![
        (
            AttrValue::from(t.import_file_name),
            html! { { s.file_name.clone() } },
        ),
        (
            AttrValue::from(t.roster_kind_label),
            html! { { roster_kind_label(t, s.kind) } },
        ),
        (
            AttrValue::from(t.school_year_label),
            html! { { s.school_year.clone() } },
        ),
        (
            AttrValue::from(t.import_format),
            html! { { s.format.clone() } },
        ),
        (AttrValue::from(t.import_rows), number(s.rows)),
        (AttrValue::from(t.import_created), number(s.created)),
        (AttrValue::from(t.import_updated), number(s.updated)),
        (AttrValue::from(t.import_moved), number(s.moved)),
        (AttrValue::from(t.import_unchanged), number(s.unchanged)),
        (
            AttrValue::from(t.import_classes_created),
            number(s.classes_created),
        ),
    ];
    let (kind, message) = if s.dry_run {
        (AlertKind::Info, t.import_dry_run_done)
    } else {
        (AlertKind::Success, t.import_done)
    };
    html! {
        <>
            <Alert kind={kind}>{ message }</Alert>
            <KeyValueTable caption={t.import_summary_caption} rows={rows} />
            if !s.dry_run && s.created > 0 {
                <p class="next-step">
                    { t.import_next_step }
                    { " " }
                    <Link<Route> to={Route::Units}>{ t.import_next_step_link }</Link<Route>>
                </p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ErrorTableProps {
    details: Vec<ErrorDetail>,
}

/// Every wrong line of a refused file, in file order, as the school admin will fix them.
#[component]
fn ErrorTable(props: &ErrorTableProps) -> Html {
    let t = use_texts();
    html! {
        <div class="table-wrap">
            <table id="import-errors" class="errors">
                <caption>{ (t.import_errors_caption)(props.details.len()) }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{ t.import_error_line }</th>
                        <th scope="col">{ t.import_error_column }</th>
                        <th scope="col">{ t.import_error_message }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.details.iter().map(|d| html! {
                        <tr>
                            <td class="num">{ d.line.map(|l| l.to_string()).unwrap_or_default() }</td>
                            <td>{ d.column.clone().unwrap_or_default() }</td>
                            <td>{ d.message.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ImportHistoryProps {
    history: Remote<Vec<ImportRecord>>,
    reload: Callback<()>,
}

#[component]
fn ImportHistory(props: &ImportHistoryProps) -> Html {
    let t = use_texts();
    let body = match &props.history {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <ApiErrorAlert error={err.clone()} retry={props.reload.clone()} />
        },
        Remote::Ready(list) if list.is_empty() => html! { <p>{ t.imports_history_none }</p> },
        Remote::Ready(list) => html! {
            <div class="table-wrap">
                <table class="responsive" id="lich-su-nhap">
                    <caption class="visually-hidden">{ t.imports_history_title }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.import_at }</th>
                            <th scope="col">{ t.roster_kind_label }</th>
                            <th scope="col">{ t.import_file_name }</th>
                            <th scope="col">{ t.school_year_label }</th>
                            <th scope="col">{ t.import_by }</th>
                            <th scope="col">{ t.import_rows }</th>
                            <th scope="col">{ t.import_created }</th>
                            <th scope="col">{ t.import_updated }</th>
                            <th scope="col">{ t.import_moved }</th>
                            <th scope="col">{ t.import_classes_created }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for list.iter().map(|r| html! {
                            <tr>
                                <td data-label={t.import_at}>{ format::date_time_local(&r.at) }</td>
                                <td data-label={t.roster_kind_label}>{ roster_kind_label(t, r.kind) }</td>
                                <td data-label={t.import_file_name}>{ r.file_name.clone() }</td>
                                <td data-label={t.school_year_label}>{ r.school_year.clone() }</td>
                                <td data-label={t.import_by}>{ r.by.clone() }</td>
                                <td data-label={t.import_rows} class="num">{ r.rows }</td>
                                <td data-label={t.import_created} class="num">{ r.created }</td>
                                <td data-label={t.import_updated} class="num">{ r.updated }</td>
                                <td data-label={t.import_moved} class="num">{ r.moved }</td>
                                <td data-label={t.import_classes_created} class="num">{ r.classes_created }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    html! {
        <section class="card section" aria-labelledby="lich-su">
            <h2 id="lich-su">{ t.imports_history_title }</h2>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::is_school_year;

    #[test]
    fn a_school_year_is_two_consecutive_years() {
        assert!(is_school_year("2025-2026"));
        assert!(!is_school_year("2025-2027"));
        assert!(!is_school_year("2025"));
        assert!(!is_school_year("25-26"));
    }
}
