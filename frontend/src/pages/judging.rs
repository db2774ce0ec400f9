//! Creative contests and judging (issue 8), four audiences:
//! - `/bai-du-thi`: a student creates an entry, edits it, uploads files (with progress, for
//!   slow connections) and withdraws it before the deadline;
//! - `/cham-thi` and `/cham-thi/:entry_id`: a judge's assignments and blind scoring with the
//!   rubric; other judges' scores show after one's own are submitted;
//! - `/ban-to-chuc/cuoc-thi` and `/ban-to-chuc/cuoc-thi/:id`: the organiser creates a contest,
//!   sets the panel, assigns (automatically, or by hand), records conflicts, watches the
//!   scores with the flagged entries, sets prize counts and publishes;
//! - `/bai-doat-giai`: the public gallery of winning entries (no sign-in).

use std::rc::Rc;

use hocdvc_api::{
    Aggregation, ConflictRequest, ContestPhase, CreateCreativeContest, CreativeContestView,
    CriterionInput, CriterionScore, EntryKind, EntryRequest, JudgeEntryView, ManualAssignment,
    MyEntry, PrizeTier, ScoreRequest, UpdateCreativeContest,
};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::progress_bar::ProgressBar;
use crate::format;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::judging::JudgingTexts;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};
use crate::session::use_session;

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Done(String),
    Failed(ApiError),
}

fn outcome_view(outcome: &Outcome) -> Html {
    match outcome {
        Outcome::None => html! {},
        Outcome::Done(text) => html! { <Alert kind={AlertKind::Success}>{ text.clone() }</Alert> },
        Outcome::Failed(err) => html! {
            <>
                <ApiErrorAlert error={err.clone()} />
                <ul class="error-details">
                    { for err.details().iter().map(|d| html! { <li>{ d.message.clone() }</li> }) }
                </ul>
            </>
        },
    }
}

fn phase_label(j: &JudgingTexts, phase: ContestPhase) -> &'static str {
    match phase {
        ContestPhase::Upcoming => j.phase_upcoming,
        ContestPhase::Submission => j.phase_submission,
        ContestPhase::Judging => j.phase_judging,
        ContestPhase::Published => j.phase_published,
    }
}

fn kind_label(j: &JudgingTexts, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Poster => j.kind_poster,
        EntryKind::Model => j.kind_model,
        EntryKind::Video => j.kind_video,
    }
}

fn prize_label(j: &JudgingTexts, prize: PrizeTier) -> &'static str {
    let i = PrizeTier::ALL.iter().position(|p| *p == prize).unwrap_or(3);
    j.prizes[i]
}

fn input_value(event: &InputEvent) -> String {
    event
        .target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| {
            event
                .target_dyn_into::<HtmlTextAreaElement>()
                .map(|t| t.value())
        })
        .unwrap_or_default()
}

fn select_value(event: &Event) -> String {
    event
        .target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(input_value(&e)))
}

fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

// ---- the entrant ----------------------------------------------------------------------------

/// `/bai-du-thi`.
#[component]
pub fn MyEntries() -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.entries_title);
    let contests = use_api(api::creative_contests);
    let entries = use_api(api::my_entries);
    let reload = {
        let (a, b) = (contests.reload.clone(), entries.reload.clone());
        Callback::from(move |_: ()| {
            a.emit(());
            b.emit(());
        })
    };
    let open: Vec<CreativeContestView> = match (&contests.state, &entries.state) {
        (Remote::Ready(all), Remote::Ready(mine)) => all
            .iter()
            .filter(|c| c.phase == ContestPhase::Submission)
            .filter(|c| {
                !mine
                    .iter()
                    .any(|e| e.contest_id == c.id && e.status == "submitted")
            })
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    html! {
        <>
            <section class="card">
                <h1>{ j.entries_title }</h1>
                <p>{ j.entries_lead }</p>
            </section>
            <section class="card section" aria-labelledby="cuoc-thi-mo">
                <h2 id="cuoc-thi-mo">{ j.open_contests }</h2>
                if open.is_empty() {
                    <p class="muted">{ j.no_open_contests }</p>
                }
                { for open.into_iter().map(|c| html! { <NewEntry contest={Rc::new(c)} done={reload.clone()} /> }) }
            </section>
            <section class="card section" aria-labelledby="bai-cua-em">
                <h2 id="bai-cua-em">{ j.my_entries }</h2>
                {
                    match &entries.state {
                        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
                        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} retry={entries.reload.clone()} /> },
                        Remote::Ready(list) if list.is_empty() => html! { <p class="muted">{ j.no_entries }</p> },
                        Remote::Ready(list) => {
                            let limits: Vec<(i32, i64)> = match &contests.state {
                                Remote::Ready(all) => all.iter().map(|c| (c.id, c.max_file_bytes)).collect(),
                                _ => Vec::new(),
                            };
                            html! {
                                <ul class="entry-list">
                                    { for list.iter().map(|e| {
                                        let max = limits.iter().find(|l| l.0 == e.contest_id).map_or(20 * 1024 * 1024, |l| l.1);
                                        html! { <EntryCard entry={Rc::new(e.clone())} max_bytes={max} changed={reload.clone()} /> }
                                    }) }
                                </ul>
                            }
                        }
                    }
                }
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewEntryProps {
    contest: Rc<CreativeContestView>,
    done: Callback<()>,
}

#[component]
fn NewEntry(props: &NewEntryProps) -> Html {
    let j = use_texts().judging;
    let c = &props.contest;
    let title = use_state(String::new);
    let statement = use_state(String::new);
    let members = use_state(String::new);
    let video = use_state(String::new);
    let outcome = use_state(|| Outcome::None);
    let busy = use_state(|| false);
    let onsubmit = {
        let (title, statement, members, video) = (
            title.clone(),
            statement.clone(),
            members.clone(),
            video.clone(),
        );
        let (outcome, busy, done, id) = (outcome.clone(), busy.clone(), props.done.clone(), c.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let request = EntryRequest {
                title: (*title).clone(),
                statement: (*statement).clone(),
                members: split_names(&members),
                video_url: Some((*video).clone()).filter(|v| !v.trim().is_empty()),
            };
            let (outcome, busy, done) = (outcome.clone(), busy.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::create_entry(id, &request).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        outcome.set(Outcome::Done(j.entry_created.to_owned()));
                        done.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let prefix = format!("bai-moi-{}", c.id);
    html! {
        <form class="stack new-entry" {onsubmit}>
            <h3>{ format!("{} · {}", c.title, kind_label(j, c.kind)) }</h3>
            <p class="muted">{ (j.deadline)(&format::date_time_local(&c.submission_closes_at)) }</p>
            { outcome_view(&outcome) }
            <label for={format!("{prefix}-ten")}>{ j.entry_title_label }</label>
            <input id={format!("{prefix}-ten")} class="entry-title" value={(*title).clone()} oninput={bind(&title)} required=true maxlength="150" />
            <label for={format!("{prefix}-thuyet-minh")}>{ j.statement_label }</label>
            <textarea id={format!("{prefix}-thuyet-minh")} rows="4" value={(*statement).clone()} oninput={bind(&statement)} maxlength="3000" />
            if c.team_size_max > 1 {
                <label for={format!("{prefix}-nhom")}>{ j.members_label }</label>
                <input id={format!("{prefix}-nhom")} value={(*members).clone()} oninput={bind(&members)} />
                <p class="hint">{ j.members_hint }</p>
            }
            if c.kind == EntryKind::Video {
                <label for={format!("{prefix}-video")}>{ j.video_label }</label>
                <input id={format!("{prefix}-video")} type="url" value={(*video).clone()} oninput={bind(&video)} />
            }
            <div class="form-actions">
                <button type="submit" class="btn tao-bai" disabled={*busy}>{ j.create_entry }</button>
            </div>
        </form>
    }
}

#[derive(Clone, PartialEq)]
enum Upload {
    Idle,
    Sending(f64),
    Checking,
}

#[derive(Properties, PartialEq)]
struct EntryCardProps {
    entry: Rc<MyEntry>,
    max_bytes: i64,
    changed: Callback<()>,
}

#[component]
fn EntryCard(props: &EntryCardProps) -> Html {
    let t = use_texts();
    let j = t.judging;
    let e = &props.entry;
    let file_ref = use_node_ref();
    let upload = use_state(|| Upload::Idle);
    let outcome = use_state(|| Outcome::None);
    let on_upload = {
        let (file_ref, upload, outcome) = (file_ref.clone(), upload.clone(), outcome.clone());
        let (changed, id) = (props.changed.clone(), e.id);
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let Some(file) = file_ref
                .cast::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            upload.set(Upload::Sending(0.0));
            let (upload, outcome, changed) = (upload.clone(), outcome.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let upload = upload.clone();
                    move |sent: f64, total: f64| {
                        if total > 0.0 && sent >= total {
                            upload.set(Upload::Checking);
                        } else if total > 0.0 {
                            upload.set(Upload::Sending(sent * 100.0 / total));
                        }
                    }
                };
                let result = api::upload_entry_file(id, &file, progress).await;
                upload.set(Upload::Idle);
                match result {
                    Ok(_) => {
                        outcome.set(Outcome::Done(j.uploaded.to_owned()));
                        changed.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let on_withdraw = {
        let (outcome, changed, id) = (outcome.clone(), props.changed.clone(), e.id);
        Callback::from(move |_: MouseEvent| {
            let (outcome, changed) = (outcome.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::withdraw_entry(id).await {
                    Ok(_) => changed.emit(()),
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let title = use_state(|| e.title.clone());
    let statement = use_state(|| e.statement.clone());
    let on_save = {
        let (title, statement, outcome) = (title.clone(), statement.clone(), outcome.clone());
        let (changed, id, members, video_url) =
            (props.changed.clone(), e.id, Vec::new(), e.video_url.clone());
        Callback::from(move |_: MouseEvent| {
            // No team-mates named: the server keeps the team as it is.
            let request = EntryRequest {
                title: (*title).clone(),
                statement: (*statement).clone(),
                members: members.clone(),
                video_url: video_url.clone(),
            };
            let (outcome, changed) = (outcome.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::update_entry(id, &request).await {
                    Ok(_) => {
                        outcome.set(Outcome::Done(j.saved.to_owned()));
                        changed.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let input_id = format!("tep-{}", e.id);
    html! {
        <li class="card entry-card" id={format!("bai-{}", e.id)}>
            <h3 class="entry-title">{ e.title.clone() }</h3>
            <p class="muted">{ format!("{} · {}", e.contest_title, phase_label(j, e.phase)) }</p>
            if e.status == "withdrawn" {
                <p class="badge">{ j.withdrawn }</p>
            }
            if let Some(prize) = e.prize {
                <p class="badge prize">{ prize_label(j, prize) }</p>
            }
            <p>{ (j.files_count)(e.files.len()) }</p>
            <div class="thumbs">
                { for e.files.iter().enumerate().map(|(i, f)| match &f.thumb_url {
                    Some(thumb) => html! { <a href={f.url.clone()}><img src={thumb.clone()} alt={(j.file_link)(i + 1)} class="thumb" loading="lazy" /></a> },
                    None => html! { <a href={f.url.clone()}>{ (j.file_link)(i + 1) }</a> },
                }) }
            </div>
            { outcome_view(&outcome) }
            if e.editable {
                <div class="stack">
                    <label for={format!("sua-ten-{}", e.id)}>{ j.entry_title_label }</label>
                    <input id={format!("sua-ten-{}", e.id)} value={(*title).clone()} oninput={bind(&title)} maxlength="150" />
                    <label for={format!("sua-thuyet-minh-{}", e.id)}>{ j.statement_label }</label>
                    <textarea id={format!("sua-thuyet-minh-{}", e.id)} rows="3" value={(*statement).clone()} oninput={bind(&statement)} maxlength="3000" />
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary luu-bai" onclick={on_save}>{ j.save }</button>
                    </div>
                </div>
                <form class="stack" onsubmit={on_upload}>
                    <label for={input_id.clone()}>{ j.file_label }</label>
                    <input id={input_id} type="file" class="entry-file" accept="image/png,image/jpeg,application/pdf,video/mp4" ref={file_ref} />
                    <p class="hint">{ (j.file_hint)(props.max_bytes / (1024 * 1024)) }</p>
                    {
                        match *upload {
                            Upload::Idle => html! {},
                            Upload::Sending(p) => html! { <ProgressBar label={j.uploading} percent={p} value_text={format!("{p:.0}%")} /> },
                            Upload::Checking => html! { <p role="status">{ j.checking }</p> },
                        }
                    }
                    <div class="form-actions">
                        <button type="submit" class="btn tai-len" disabled={*upload != Upload::Idle}>{ j.upload }</button>
                        <button type="button" class="btn btn-secondary rut-bai" onclick={on_withdraw}>{ j.withdraw }</button>
                    </div>
                </form>
            } else if e.status == "submitted" && e.phase != ContestPhase::Published {
                <p class="muted">{ j.closed_note }</p>
            }
        </li>
    }
}

// ---- the judge ------------------------------------------------------------------------------

/// `/cham-thi`.
#[component]
pub fn JudgeList() -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.judging_title);
    let list = use_api(api::judge_assignments);
    html! {
        <section class="card">
            <h1>{ j.judging_title }</h1>
            <p>{ j.judging_lead }</p>
            {
                match &list.state {
                    Remote::Loading => html! { <p role="status">{ t.loading }</p> },
                    Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} retry={list.reload.clone()} /> },
                    Remote::Ready(items) if items.is_empty() => html! { <p class="muted">{ j.no_assignments }</p> },
                    Remote::Ready(items) => html! {
                        <ul class="entry-list" id="bai-can-cham">
                            { for items.iter().map(|a| html! {
                                <li class="card entry-card judge-item">
                                    if let Some(thumb) = &a.thumb_url {
                                        <img src={thumb.clone()} alt="" class="thumb" loading="lazy" />
                                    }
                                    <h3 class="entry-title">{ a.title.clone() }</h3>
                                    <p class="muted">{ a.contest_title.clone() }</p>
                                    <p>{ match a.my_total { Some(total) if a.submitted => (j.scored)(total), _ => j.to_score.to_owned() } }</p>
                                    <Link<Route> to={Route::JudgeEntry { entry_id: a.entry_id }} classes="btn btn-small cham-bai">{ j.open_entry }</Link<Route>>
                                </li>
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct JudgeEntryProps {
    pub entry_id: i32,
}

/// `/cham-thi/:entry_id`.
#[component]
pub fn JudgeEntryPage(props: &JudgeEntryProps) -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.judging_title);
    let view = use_api_with(props.entry_id, |id| api::judge_entry(*id));
    match &view.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={view.reload.clone()} /> }
        }
        Remote::Ready(v) => html! { <ScoreForm view={v.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct ScoreFormProps {
    view: Rc<JudgeEntryView>,
}

#[component]
fn ScoreForm(props: &ScoreFormProps) -> Html {
    let j = use_texts().judging;
    let current = use_state(|| props.view.clone());
    let v = (*current).clone();
    let scores = use_state(|| {
        v.rubric
            .iter()
            .map(|c| {
                v.my_scores
                    .iter()
                    .find(|s| s.criterion_id == c.id)
                    .map(|s| s.score.to_string())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
    });
    let comment = use_state(|| v.my_comment.clone().unwrap_or_default());
    let outcome = use_state(|| Outcome::None);
    let save = {
        let (scores, comment, outcome, current) = (
            scores.clone(),
            comment.clone(),
            outcome.clone(),
            current.clone(),
        );
        let (rubric, entry_id) = (v.rubric.clone(), v.entry_id);
        Callback::from(move |submit: bool| {
            let list: Vec<CriterionScore> = rubric
                .iter()
                .zip(scores.iter())
                .filter_map(|(c, s)| {
                    s.trim().parse::<i32>().ok().map(|score| CriterionScore {
                        criterion_id: c.id,
                        score,
                    })
                })
                .collect();
            let request = ScoreRequest {
                scores: list,
                comment: Some((*comment).clone()),
                submit,
            };
            let (outcome, current) = (outcome.clone(), current.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_scores(entry_id, &request).await {
                    Ok(view) => {
                        outcome.set(Outcome::Done(match view.my_total {
                            Some(total) => (j.submitted_note)(total),
                            None => j.saved.to_owned(),
                        }));
                        current.set(Rc::new(view));
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let on_draft = save.reform(|_: MouseEvent| false);
    let on_submit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(true);
        })
    };
    html! {
        <>
            <p><Link<Route> to={Route::Judging}>{ j.back_to_list }</Link<Route>></p>
            <section class="card">
                <p class="muted">{ format!("{} · {}", v.contest_title, kind_label(j, v.kind)) }</p>
                <h1 class="entry-title">{ v.title.clone() }</h1>
                <p class="statement">{ v.statement.clone() }</p>
                if let Some(url) = &v.video_url {
                    <p><a href={url.clone()} target="_blank" rel="noopener noreferrer">{ url.clone() }</a></p>
                }
                <div class="thumbs">
                    { for v.files.iter().enumerate().map(|(i, f)| match &f.thumb_url {
                        Some(thumb) => html! { <a href={f.url.clone()} target="_blank"><img src={thumb.clone()} alt={(j.file_link)(i + 1)} class="thumb" /></a> },
                        None => html! { <a href={f.url.clone()}>{ (j.file_link)(i + 1) }</a> },
                    }) }
                </div>
            </section>
            <section class="card section">
                <h2>{ j.rubric_title }</h2>
                { outcome_view(&outcome) }
                <form class="stack score-form" onsubmit={on_submit}>
                    { for v.rubric.iter().enumerate().map(|(i, c)| {
                        let id = format!("diem-{}", c.id);
                        let oninput = {
                            let scores = scores.clone();
                            Callback::from(move |e: InputEvent| {
                                let mut next = (*scores).clone();
                                if let Some(slot) = next.get_mut(i) { *slot = input_value(&e); }
                                scores.set(next);
                            })
                        };
                        html! {
                            <div class="criterion">
                                <label for={id.clone()}><strong>{ c.name.clone() }</strong>{ format!(" ({}) — {}", (j.weight)(c.weight), (j.score_of)(c.scale_max)) }</label>
                                <p class="hint">{ c.guidance.clone() }</p>
                                <input id={id} type="number" inputmode="numeric" min="0" max={c.scale_max.to_string()} class="score-input"
                                    value={scores.get(i).cloned().unwrap_or_default()} {oninput} disabled={v.submitted} />
                            </div>
                        }
                    }) }
                    <label for="nhan-xet">{ j.comment_label }</label>
                    <textarea id="nhan-xet" rows="3" value={(*comment).clone()} oninput={bind(&comment)} disabled={v.submitted} />
                    if v.submitted {
                        <p class="badge da-nop">{ (j.submitted_note)(v.my_total.unwrap_or(0.0)) }</p>
                    } else {
                        <p class="hint">{ j.submit_confirm }</p>
                        <div class="form-actions">
                            <button type="button" class="btn btn-secondary luu-nhap" onclick={on_draft}>{ j.save_draft }</button>
                            <button type="submit" class="btn nop-diem">{ j.submit_scores }</button>
                        </div>
                    }
                </form>
            </section>
            <section class="card section" id="diem-giam-khao-khac">
                <h2>{ j.peers_title }</h2>
                if !v.submitted {
                    <p class="muted">{ j.peers_hidden }</p>
                }
                <ul>
                    { for v.peer_scores.iter().map(|p| html! {
                        <li class="peer-score">{ format!("{}: {}", p.judge_label, format::score(p.total)) }</li>
                    }) }
                </ul>
            </section>
        </>
    }
}

// ---- the organiser --------------------------------------------------------------------------

const DEFAULT_RUBRIC: &str = "Nội dung; 40; 10; Thông điệp đúng, rõ về dịch vụ công trực tuyến\nSáng tạo; 30; 10; Ý tưởng mới, cách thể hiện riêng\nKỹ thuật; 20; 10; Bố cục, màu sắc, chữ dễ đọc\nTính lan tỏa; 10; 10; Dễ nhớ, dễ chia sẻ";

fn parse_rubric(text: &str) -> Vec<CriterionInput> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.split(';').map(str::trim);
            CriterionInput {
                name: parts.next().unwrap_or_default().to_owned(),
                weight: parts.next().and_then(|w| w.parse().ok()).unwrap_or(0),
                scale_max: parts.next().and_then(|w| w.parse().ok()).unwrap_or(10),
                guidance: parts.collect::<Vec<_>>().join("; "),
            }
        })
        .collect()
}

/// `/ban-to-chuc/cuoc-thi`.
#[component]
pub fn OrganiserContests() -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.organise_title);
    let list = use_api(api::creative_contests);
    let title = use_state(String::new);
    let kind = use_state(|| "poster".to_owned());
    let unit = use_state(|| "AG".to_owned());
    let opens = use_state(String::new);
    let closes = use_state(String::new);
    let team = use_state(|| "3".to_owned());
    let judges = use_state(|| "2".to_owned());
    let max_mb = use_state(|| "20".to_owned());
    let rubric = use_state(|| DEFAULT_RUBRIC.to_owned());
    let outcome = use_state(|| Outcome::None);
    let onsubmit = {
        let fields = (
            title.clone(),
            kind.clone(),
            unit.clone(),
            opens.clone(),
            closes.clone(),
            team.clone(),
            judges.clone(),
            max_mb.clone(),
            rubric.clone(),
        );
        let (outcome, reload) = (outcome.clone(), list.reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (title, kind, unit, opens, closes, team, judges, max_mb, rubric) = fields.clone();
            let request = CreateCreativeContest {
                title: (*title).clone(),
                kind: EntryKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == kind.as_str())
                    .unwrap_or(EntryKind::Poster),
                description: String::new(),
                unit_code: (*unit).clone(),
                submission_opens_at: (*opens).clone(),
                submission_closes_at: (*closes).clone(),
                team_size_max: team.trim().parse().unwrap_or(0),
                max_file_bytes: max_mb.trim().parse::<i64>().ok().map(|mb| mb * 1024 * 1024),
                judges_per_entry: judges.trim().parse().unwrap_or(0),
                rubric: parse_rubric(&rubric),
            };
            let (outcome, reload) = (outcome.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_creative_contest(&request).await {
                    Ok(_) => {
                        outcome.set(Outcome::Done(j.contest_created.to_owned()));
                        reload.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(select_value(&e)))
    };
    html! {
        <>
            <section class="card">
                <h1>{ j.organise_title }</h1>
                <p>{ j.organise_lead }</p>
                <h2>{ j.contests_title }</h2>
                {
                    match &list.state {
                        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
                        Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} retry={list.reload.clone()} /> },
                        Remote::Ready(items) => html! {
                            <ul class="contest-list">
                                { for items.iter().map(|c| html! {
                                    <li>
                                        <Link<Route> to={Route::OrganiserContest { id: c.id }}>{ c.title.clone() }</Link<Route>>
                                        { format!(" · {} · {}", kind_label(j, c.kind), phase_label(j, c.phase)) }
                                    </li>
                                }) }
                            </ul>
                        },
                    }
                }
            </section>
            <section class="card section">
                <h2>{ j.new_contest }</h2>
                { outcome_view(&outcome) }
                <form class="stack" {onsubmit}>
                    <label for="ct-ten">{ j.contest_title_label }</label>
                    <input id="ct-ten" value={(*title).clone()} oninput={bind(&title)} required=true />
                    <label for="ct-loai">{ j.kind_label }</label>
                    <select id="ct-loai" onchange={on_kind}>
                        { for EntryKind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={kind.as_str() == k.as_str()}>{ kind_label(j, *k) }</option> }) }
                    </select>
                    <label for="ct-don-vi">{ j.unit_label }</label>
                    <input id="ct-don-vi" value={(*unit).clone()} oninput={bind(&unit)} />
                    <label for="ct-mo">{ j.opens_label }</label>
                    <input id="ct-mo" value={(*opens).clone()} oninput={bind(&opens)} placeholder="2026-12-01T07:00" />
                    <label for="ct-han">{ j.closes_label }</label>
                    <input id="ct-han" value={(*closes).clone()} oninput={bind(&closes)} placeholder="2026-12-31T17:00" />
                    <p class="hint">{ j.time_hint }</p>
                    <label for="ct-nhom">{ j.team_label }</label>
                    <input id="ct-nhom" type="number" min="1" max="10" value={(*team).clone()} oninput={bind(&team)} />
                    <label for="ct-gk">{ j.judges_per_entry_label }</label>
                    <input id="ct-gk" type="number" min="1" max="9" value={(*judges).clone()} oninput={bind(&judges)} />
                    <label for="ct-mb">{ j.max_mb_label }</label>
                    <input id="ct-mb" type="number" min="1" max="200" value={(*max_mb).clone()} oninput={bind(&max_mb)} />
                    <label for="ct-tieu-chi">{ j.rubric_label }</label>
                    <textarea id="ct-tieu-chi" rows="5" value={(*rubric).clone()} oninput={bind(&rubric)} />
                    <p class="hint">{ j.rubric_hint }</p>
                    <div class="form-actions"><button type="submit" class="btn">{ j.create_contest }</button></div>
                </form>
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct OrganiserContestProps {
    pub id: i32,
}

/// `/ban-to-chuc/cuoc-thi/:id`.
#[component]
pub fn OrganiserContest(props: &OrganiserContestProps) -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.organise_title);
    let data = use_api_with(props.id, |id| api::contest_results(*id));
    let outcome = use_state(|| Outcome::None);
    let panel = use_state(|| None::<String>);
    let entry_pick = use_state(String::new);
    let judge_pick = use_state(String::new);
    let reason = use_state(String::new);
    let prizes = use_state(|| None::<String>);
    let aggregation = use_state(|| None::<String>);
    let vote_open = use_state(|| None::<bool>);
    let id = props.id;

    let Remote::Ready(r) = &data.state else {
        return match &data.state {
            Remote::Failed(err) => {
                html! { <ApiErrorAlert error={err.clone()} retry={data.reload.clone()} /> }
            }
            _ => html! { <p role="status">{ t.loading }</p> },
        };
    };
    let r = r.clone();
    let run = {
        let (outcome, reload) = (outcome.clone(), data.reload.clone());
        move |fut: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<String, ApiError>>>,
        >| {
            let (outcome, reload) = (outcome.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match fut.await {
                    Ok(text) => {
                        outcome.set(Outcome::Done(text));
                        reload.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        }
    };
    let panel_text = (*panel).clone().unwrap_or_else(|| {
        r.judges
            .iter()
            .map(|p| p.username.clone())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let prize_text = (*prizes).clone().unwrap_or_else(|| {
        r.contest
            .prize_counts
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    });
    let aggregation_value = (*aggregation)
        .clone()
        .unwrap_or_else(|| r.contest.aggregation.as_str().to_owned());

    let on_panel = {
        let (run, text) = (run.clone(), panel_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let names = split_names(&text);
            run(Box::pin(async move {
                api::set_contest_judges(id, names).await?;
                Ok::<_, ApiError>(j.panel_saved.to_owned())
            }));
        })
    };
    let on_auto = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            run(Box::pin(async move {
                let done = api::auto_assign(id).await?;
                Ok::<_, ApiError>((j.assigned)(done.created))
            }));
        })
    };
    let picked = {
        let (entry_pick, judge_pick) = (entry_pick.clone(), judge_pick.clone());
        move || {
            (
                entry_pick.parse::<i32>().ok(),
                judge_pick.parse::<i32>().ok(),
            )
        }
    };
    let on_assign = {
        let (run, picked) = (run.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            let (entry_id, judge_id) = picked();
            run(Box::pin(async move {
                let request = ManualAssignment {
                    entry_id: entry_id.unwrap_or(0),
                    judge_id: judge_id.unwrap_or(0),
                };
                api::assign_judge(id, &request).await?;
                Ok::<_, ApiError>(j.saved.to_owned())
            }));
        })
    };
    let on_conflict = {
        let (run, picked, reason) = (run.clone(), picked.clone(), reason.clone());
        Callback::from(move |_: MouseEvent| {
            let (entry_id, judge_id) = picked();
            let request = ConflictRequest {
                judge_id,
                entry_id,
                reason: (*reason).clone(),
            };
            run(Box::pin(async move {
                api::record_conflict(id, &request).await?;
                Ok::<_, ApiError>(j.conflict_recorded.to_owned())
            }));
        })
    };
    let vote_value = vote_open.unwrap_or(r.contest.popular_vote);
    let on_settings = {
        let (run, prize_text, aggregation_value) =
            (run.clone(), prize_text.clone(), aggregation_value.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let counts: Vec<i32> = prize_text
                .split([',', ' ', ';'])
                .filter_map(|p| p.trim().parse().ok())
                .collect();
            let request = UpdateCreativeContest {
                aggregation: Aggregation::parse(&aggregation_value),
                disagreement_threshold: None,
                prize_counts: <[i32; 4]>::try_from(counts).ok(),
                popular_vote: Some(vote_value),
                submission_closes_at: None,
            };
            run(Box::pin(async move {
                api::update_creative_contest(id, &request).await?;
                Ok::<_, ApiError>(j.saved.to_owned())
            }));
        })
    };
    let on_publish = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            run(Box::pin(async move {
                api::publish_contest(id).await?;
                Ok::<_, ApiError>(j.published.to_owned())
            }));
        })
    };
    let on_entry = {
        let s = entry_pick.clone();
        Callback::from(move |e: Event| s.set(select_value(&e)))
    };
    let on_judge = {
        let s = judge_pick.clone();
        Callback::from(move |e: Event| s.set(select_value(&e)))
    };
    let on_aggregation = {
        let s = aggregation.clone();
        Callback::from(move |e: Event| s.set(Some(select_value(&e))))
    };
    let published = r.contest.phase == ContestPhase::Published;
    html! {
        <>
            <section class="card">
                <p><Link<Route> to={Route::Organise}>{ j.contests_title }</Link<Route>></p>
                <h1>{ r.contest.title.clone() }</h1>
                <p class="muted">{ format!("{} · {} · {}", kind_label(j, r.contest.kind), phase_label(j, r.contest.phase), (j.deadline)(&format::date_time_local(&r.contest.submission_closes_at))) }</p>
                { outcome_view(&outcome) }
            </section>
            if !published {
                <section class="card section">
                    <h2>{ j.panel_title }</h2>
                    <form class="stack" onsubmit={on_panel}>
                        <label for="hoi-dong">{ j.panel_label }</label>
                        <input id="hoi-dong" value={panel_text.clone()} oninput={{ let p = panel.clone(); Callback::from(move |e: InputEvent| p.set(Some(input_value(&e)))) }} />
                        <p class="hint">{ j.panel_hint }</p>
                        <ul>
                            { for r.judges.iter().map(|p| html! { <li>{ format!("{} ({}) — {} / {}{}", p.full_name, p.username, p.submitted, p.assigned, if p.schools.is_empty() { String::new() } else { format!(" · {}", p.schools.join(", ")) }) }</li> }) }
                        </ul>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-secondary luu-hoi-dong">{ j.panel_save }</button>
                            <button type="button" class="btn phan-cong-tu-dong" onclick={on_auto}>{ j.auto_assign }</button>
                        </div>
                    </form>
                    <h2>{ j.manual_title }</h2>
                    <div class="stack">
                        <label for="chon-bai">{ j.entry_label }</label>
                        <select id="chon-bai" onchange={on_entry}>
                            <option value="">{ j.choose }</option>
                            { for r.entries.iter().map(|e| html! { <option value={e.id.to_string()}>{ format!("#{} {}", e.id, e.title) }</option> }) }
                        </select>
                        <label for="chon-giam-khao">{ j.judge_label }</label>
                        <select id="chon-giam-khao" onchange={on_judge}>
                            <option value="">{ j.choose }</option>
                            { for r.judges.iter().map(|p| html! { <option value={p.user_id.to_string()}>{ p.username.clone() }</option> }) }
                        </select>
                        <label for="ly-do">{ j.conflict_reason }</label>
                        <input id="ly-do" value={(*reason).clone()} oninput={bind(&reason)} />
                        <div class="form-actions">
                            <button type="button" class="btn btn-secondary giao-bai" onclick={on_assign}>{ j.assign_one }</button>
                            <button type="button" class="btn btn-secondary ghi-xung-dot" onclick={on_conflict}>{ j.record_conflict }</button>
                        </div>
                    </div>
                </section>
            }
            <section class="card section">
                <h2>{ j.results_title }</h2>
                if r.flagged > 0 {
                    <Alert kind={AlertKind::Info}>{ (j.flagged_count)(r.flagged) }</Alert>
                }
                if r.certificates > 0 {
                    <p class="certificates-issued">{ (j.certificates_issued)(r.certificates) }</p>
                }
                <div class="table-wrap">
                    <table class="results" id="bang-diem">
                        <thead><tr>
                            <th>{ j.col_rank }</th><th>{ j.col_entry }</th><th>{ j.col_school }</th>
                            <th>{ j.col_judges }</th><th>{ j.col_score }</th><th>{ j.col_spread }</th>
                            <th>{ j.col_prize }</th><th>{ j.col_votes }</th>
                        </tr></thead>
                        <tbody>
                            { for r.entries.iter().map(|e| html! {
                                <tr class={classes!(e.flagged.then_some("flagged"))}>
                                    <td>{ e.rank.map(|x| x.to_string()).unwrap_or_default() }</td>
                                    <td>{ format!("#{} {}", e.id, e.title) }{ if e.status == "withdrawn" { format!(" ({})", j.withdrawn) } else { String::new() } }</td>
                                    <td>{ format!("{} — {}", e.school_name, e.members.join(", ")) }</td>
                                    <td>{ for e.scores.iter().map(|s| html! { <div>{ format!("{}: {}", s.judge_username, s.total.map(format::score).unwrap_or_else(|| j.pending.to_owned())) }</div> }) }</td>
                                    <td>{ e.score.map(format::score).unwrap_or_default() }</td>
                                    <td>{ e.spread.map(format::score).unwrap_or_default() }{ if e.flagged { format!(" ⚠ {}", j.flagged) } else { String::new() } }</td>
                                    <td class="prize">{ e.prize.map(|p| prize_label(j, p)).unwrap_or_default() }</td>
                                    <td>{ e.votes }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if !published {
                    <form class="stack" onsubmit={on_settings}>
                        <label for="tong-hop">{ j.aggregation_label }</label>
                        <select id="tong-hop" onchange={on_aggregation}>
                            { for j.aggregations.iter().map(|(code, label)| html! { <option value={*code} selected={aggregation_value == *code}>{ *label }</option> }) }
                        </select>
                        <label for="so-giai">{ j.prize_counts_label }</label>
                        <input id="so-giai" value={prize_text.clone()} oninput={{ let p = prizes.clone(); Callback::from(move |e: InputEvent| p.set(Some(input_value(&e)))) }} />
                        <label class="check">
                            <input id="binh-chon" type="checkbox" checked={vote_value} onchange={{
                                let v = vote_open.clone();
                                Callback::from(move |e: Event| v.set(e.target_dyn_into::<HtmlInputElement>().map(|i| i.checked())))
                            }} />
                            { " " }{ j.popular_vote_label }
                        </label>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-secondary luu-thiet-lap">{ j.settings_save }</button>
                            <button type="button" class="btn cong-bo" onclick={on_publish}>{ j.publish }</button>
                        </div>
                        <p class="hint">{ j.publish_confirm }</p>
                    </form>
                }
            </section>
        </>
    }
}

// ---- the public gallery ---------------------------------------------------------------------

/// `/bai-doat-giai`: no sign-in. Titles, thumbnails and prizes only — no names or schools.
/// Where the contest has the popular vote on, a signed-in user votes once per entry: the
/// button then shows the new count and stays disabled.
#[component]
pub fn Gallery() -> Html {
    let t = use_texts();
    let j = t.judging;
    use_title(j.gallery_title);
    let session = use_session();
    let signed_in = session.user().is_some();
    let list = use_api(api::gallery);
    // Votes cast on this page: entry id → the count the server answered.
    let cast = use_state(std::collections::HashMap::<i32, i64>::new);
    let error = use_state(|| None::<ApiError>);
    let on_vote = |entry_id: i32| {
        let (cast, error) = (cast.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (cast, error) = (cast.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::vote(entry_id).await {
                    Ok(result) => {
                        let mut next = (*cast).clone();
                        next.insert(result.entry_id, result.votes);
                        cast.set(next);
                        error.set(None);
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    html! {
        <section class="card">
            <h1>{ j.gallery_title }</h1>
            <p>{ j.gallery_lead }</p>
            if let Some(err) = &*error {
                <ApiErrorAlert error={err.clone()} />
            }
            {
                match &list.state {
                    Remote::Loading => html! { <p role="status">{ t.loading }</p> },
                    Remote::Failed(err) => html! { <ApiErrorAlert error={err.clone()} retry={list.reload.clone()} /> },
                    Remote::Ready(items) if items.is_empty() => html! { <p class="muted">{ j.gallery_empty }</p> },
                    Remote::Ready(items) => html! {
                        <ul class="gallery" id="thu-vien">
                            { for items.iter().map(|g| {
                                let fresh = cast.get(&g.entry_id).copied();
                                let voted = g.voted || fresh.is_some();
                                html! {
                                    <li class="card gallery-item" data-entry={g.entry_id.to_string()}>
                                        if let Some(thumb) = &g.thumb_url {
                                            <img src={thumb.clone()} alt={g.title.clone()} class="thumb" loading="lazy" />
                                        }
                                        <p class="badge prize">{ prize_label(j, g.prize) }</p>
                                        <h3 class="entry-title">{ g.title.clone() }</h3>
                                        <p class="muted">{ g.contest_title.clone() }</p>
                                        if let Some(votes) = fresh.or(g.votes) {
                                            <p class="muted vote-count">{ (j.votes)(votes) }</p>
                                            if signed_in {
                                                <button type="button" class="btn btn-secondary binh-chon" disabled={voted}
                                                    aria-pressed={voted.to_string()} onclick={on_vote(g.entry_id)}>
                                                    { if voted { j.voted } else { j.vote } }
                                                </button>
                                            } else {
                                                <p class="hint">{ j.vote_sign_in }</p>
                                            }
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}
