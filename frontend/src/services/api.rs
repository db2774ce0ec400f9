//! The one typed client of the Học DVC API, over the shared `hocdvc-api` types. HTTP failures
//! become [`ApiError`], carrying the server's Vietnamese message (and per-line details) when it
//! sent one. It holds the session's CSRF token and sends it with every state-changing request;
//! the session cookie itself is HttpOnly and travels by itself (same origin).

use std::cell::RefCell;

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use hocdvc_api::{
    ActivateRequest, ActivationSheet, AttemptResult, AttemptStarted, AttemptView,
    ChangePasswordRequest, CreateUnitRequest, ErrorBody, ErrorDetail, EssayToGrade,
    GradeSlotRequest, HealthResponse, ImportRecord, ImportSummary, ItemStatistics, LessonDone,
    LessonView, LoginRequest, ModuleDetail, ModuleSummary, PeoplePage, ResetPasswordResponse,
    RosterKind, SaveAnswerAck, SaveAnswerRequest, SessionInfo, UnitPage, UnitView,
    UpdateUnitRequest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ProgressEvent, XmlHttpRequest};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, DNS, server down.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with the API's error shape.
    #[error("{status} {}", body.error)]
    Server { status: u16, body: ErrorBody },
    /// The answer was not what the API promises.
    #[error("unexpected response: {0}")]
    Unexpected(String),
}

impl ApiError {
    /// The server's own message when there is one, else the UI's text for the failure.
    pub fn user_message(&self, network: &str, unexpected: &str) -> String {
        match self {
            ApiError::Server { body, .. } => body.message.clone(),
            ApiError::Network(_) => network.to_owned(),
            ApiError::Unexpected(_) => unexpected.to_owned(),
        }
    }

    /// HTTP status of a server answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Every wrong line or field the server listed (a refused file or form).
    pub fn details(&self) -> &[ErrorDetail] {
        match self {
            ApiError::Server { body, .. } => &body.details,
            _ => &[],
        }
    }
}

thread_local! {
    /// The CSRF token of the current session; `None` when signed out.
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers (or forgets, on sign-out) the token every state-changing request must carry.
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|t| *t.borrow_mut() = token);
}

fn csrf_token() -> String {
    CSRF_TOKEN.with(|t| t.borrow().clone().unwrap_or_default())
}

/// One path segment (a unit code or username), escaped.
/// A value percent-encoded for one path segment or query value.
pub fn segment(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

fn network(err: impl ToString) -> ApiError {
    ApiError::Network(err.to_string())
}

fn unexpected(err: impl ToString) -> ApiError {
    ApiError::Unexpected(err.to_string())
}

/// The error of a non-2xx answer: the API's error shape, or "unexpected".
fn server_error(status: u16, text: &str) -> ApiError {
    match serde_json::from_str::<ErrorBody>(text) {
        Ok(body) => ApiError::Server { status, body },
        Err(_) => ApiError::Unexpected(format!("HTTP {status}")),
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response.text().await.map_err(network)?;
    if response.ok() {
        serde_json::from_str(&text).map_err(unexpected)
    } else {
        Err(server_error(status, &text))
    }
}

/// An answer with no body (204): only the status matters.
async fn decode_empty(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        return Ok(());
    }
    let status = response.status();
    let text = response.text().await.map_err(network)?;
    Err(server_error(status, &text))
}

fn builder(method: Method, path: &str) -> RequestBuilder {
    let is_get = method == Method::GET;
    let builder = RequestBuilder::new(path)
        .method(method)
        .header("Accept", "application/json");
    if is_get {
        builder
    } else {
        builder.header("X-CSRF-Token", &csrf_token())
    }
}

fn with_body<B: Serialize>(builder: RequestBuilder, body: Option<&B>) -> Result<Request, ApiError> {
    match body {
        Some(body) => builder.json(body).map_err(unexpected),
        None => builder.build().map_err(unexpected),
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = builder(Method::GET, path).send().await.map_err(network)?;
    decode(response).await
}

/// A state-changing request with a JSON answer.
async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let request = with_body(builder(method, path), body)?;
    decode(request.send().await.map_err(network)?).await
}

/// A state-changing request answered with 204 No Content.
async fn send_empty<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<(), ApiError> {
    let request = with_body(builder(method, path), body)?;
    decode_empty(request.send().await.map_err(network)?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Method::POST, path, Some(body)).await
}

async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Method::PATCH, path, Some(body)).await
}

pub async fn health() -> Result<HealthResponse, ApiError> {
    get("/api/health").await
}

/// The signed-in session, or `None` when nobody is signed in (401).
pub async fn me() -> Result<Option<SessionInfo>, ApiError> {
    match get("/api/me").await {
        Ok(session) => Ok(Some(session)),
        Err(err) if err.status() == Some(401) => Ok(None),
        Err(err) => Err(err),
    }
}

pub async fn login(request: LoginRequest) -> Result<SessionInfo, ApiError> {
    post("/api/auth/login", &request).await
}

/// First sign-in with the activation code from the class sheet.
pub async fn activate(request: ActivateRequest) -> Result<SessionInfo, ApiError> {
    post("/api/auth/activate", &request).await
}

pub async fn change_password(request: ChangePasswordRequest) -> Result<(), ApiError> {
    send_empty(Method::POST, "/api/auth/password", Some(&request)).await
}

pub async fn logout() -> Result<(), ApiError> {
    send_empty::<()>(Method::POST, "/api/auth/logout", None).await
}

/// The top units the user may browse.
pub async fn units() -> Result<Vec<UnitView>, ApiError> {
    get("/api/units").await
}

pub async fn unit(code: &str) -> Result<UnitPage, ApiError> {
    get(&format!("/api/units/{}", segment(code))).await
}

pub async fn create_unit(request: CreateUnitRequest) -> Result<UnitView, ApiError> {
    post("/api/units", &request).await
}

pub async fn update_unit(code: &str, request: UpdateUnitRequest) -> Result<UnitView, ApiError> {
    patch(&format!("/api/units/{}", segment(code)), &request).await
}

/// People inside `unit`'s subtree matching `query` (case and diacritics ignored), 1-based page.
pub async fn people(unit: &str, query: &str, page: i64) -> Result<PeoplePage, ApiError> {
    let response = builder(Method::GET, "/api/people")
        .query([
            ("unit", unit),
            ("q", query),
            ("page", page.to_string().as_str()),
        ])
        .send()
        .await
        .map_err(network)?;
    decode(response).await
}

/// Replaces the person's password with a new one-time activation code.
pub async fn reset_password(username: &str) -> Result<ResetPasswordResponse, ApiError> {
    send::<(), _>(
        Method::POST,
        &format!("/api/users/{}/reset-password", segment(username)),
        None,
    )
    .await
}

pub async fn activation_sheet(class_code: &str) -> Result<ActivationSheet, ApiError> {
    get(&format!(
        "/api/units/{}/activation-sheet",
        segment(class_code)
    ))
    .await
}

/// Past roster imports, newest first.
/// Uploads a question file (small: GIFT, Moodle XML or CSV) for a preview or an import.
pub async fn upload_questions(
    file: &File,
    dry_run: bool,
    category: &str,
) -> Result<hocdvc_api::QuestionImportSummary, ApiError> {
    let path = format!(
        "/api/questions/import?dry_run={dry_run}&category={}",
        segment(category)
    );
    let request = builder(Method::POST, &path)
        .header("X-File-Name", &segment(&file.name()))
        .header("Content-Type", "text/plain")
        .body(JsValue::from(file.clone()))
        .map_err(unexpected)?;
    decode(request.send().await.map_err(network)?).await
}

pub async fn imports() -> Result<Vec<ImportRecord>, ApiError> {
    get("/api/imports").await
}

/// What to do with an uploaded roster file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    pub kind: RosterKind,
    pub dry_run: bool,
    pub school_year: String,
}

impl ImportOptions {
    fn query(&self) -> String {
        let kind = match self.kind {
            RosterKind::Students => "students",
            RosterKind::Teachers => "teachers",
            RosterKind::Members => "members",
        };
        format!(
            "kind={kind}&dry_run={}&school_year={}",
            self.dry_run,
            segment(&self.school_year)
        )
    }
}

/// Uploads a roster file's raw bytes. `XMLHttpRequest` rather than `fetch`, because only it
/// reports upload progress: `on_progress(sent, total)` is called as bytes leave the browser,
/// and a last time with `sent == total` once the server has all of them.
pub async fn upload_roster(
    file: &File,
    options: &ImportOptions,
    on_progress: impl Fn(f64, f64) + 'static,
) -> Result<ImportSummary, ApiError> {
    upload_file(
        &format!("/api/imports?{}", options.query()),
        file,
        "text/csv",
        on_progress,
    )
    .await
}

/// POSTs a file's raw bytes to `path` with `XMLHttpRequest`, reporting progress as for
/// [`upload_roster`].
async fn upload_file<T: DeserializeOwned>(
    path: &str,
    file: &File,
    content_type: &str,
    on_progress: impl Fn(f64, f64) + 'static,
) -> Result<T, ApiError> {
    let js = |e: JsValue| ApiError::Network(format!("{e:?}"));
    let xhr = XmlHttpRequest::new().map_err(js)?;
    xhr.open_with_async("POST", path, true).map_err(js)?;
    xhr.set_request_header("Accept", "application/json")
        .map_err(js)?;
    xhr.set_request_header("X-CSRF-Token", &csrf_token())
        .map_err(js)?;
    xhr.set_request_header("X-File-Name", &segment(&file.name()))
        .map_err(js)?;
    xhr.set_request_header("Content-Type", content_type)
        .map_err(js)?;

    let on_progress = std::rc::Rc::new(on_progress);
    let progress = {
        let on_progress = on_progress.clone();
        Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() {
                on_progress(event.loaded(), event.total());
            }
        })
    };
    let size = file.size();
    let uploaded = Closure::<dyn Fn()>::new(move || on_progress(size, size));
    let upload = xhr.upload().map_err(js)?;
    upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    upload.set_onload(Some(uploaded.as_ref().unchecked_ref()));

    // `loadend` fires once, after success, failure or abort alike; it resolves the promise.
    let finished = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(file)).map_err(js)?;
    let _ = JsFuture::from(finished).await;
    upload.set_onprogress(None);
    upload.set_onload(None);
    xhr.set_onloadend(None);
    drop((progress, uploaded));

    let status = xhr.status().map_err(js)?;
    if status == 0 {
        return Err(ApiError::Network("upload did not reach the server".into()));
    }
    let text = xhr.response_text().map_err(js)?.unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(unexpected)
    } else {
        Err(server_error(status, &text))
    }
}

/// The modules written for the signed-in learner, with their progress.
pub async fn modules() -> Result<Vec<ModuleSummary>, ApiError> {
    get("/api/modules").await
}

pub async fn module(id: &str) -> Result<ModuleDetail, ApiError> {
    get(&format!("/api/modules/{}", segment(id))).await
}

/// A lesson rendered (and sanitised) by the server; `lang` picks a translation.
pub async fn lesson(id: &str, lang: Option<&str>) -> Result<LessonView, ApiError> {
    let path = match lang {
        Some(lang) => format!("/api/lessons/{}?lang={}", segment(id), segment(lang)),
        None => format!("/api/lessons/{}", segment(id)),
    };
    get(&path).await
}

/// Marks the lesson learned (idempotent).
pub async fn mark_lesson_done(id: &str) -> Result<LessonDone, ApiError> {
    send::<(), _>(
        Method::POST,
        &format!("/api/lessons/{}/done", segment(id)),
        None,
    )
    .await
}

/// What a class-work page (to-do list, assigning, progress, family tasks) loads.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkQuery {
    Todo,
    MyFamilyTasks,
    /// The reviewer's classes' family tasks: waiting and confirmed.
    FamilyReview,
    Board,
    /// A class's progress matrix; an empty module means the class's first assigned one.
    Progress {
        class: String,
        module: String,
    },
}

/// What a [`WorkQuery`] answers.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkData {
    Todo(Vec<hocdvc_api::TodoItem>),
    MyFamilyTasks(Vec<hocdvc_api::FamilyTaskView>),
    FamilyReview {
        pending: Vec<hocdvc_api::FamilyTaskView>,
        confirmed: Vec<hocdvc_api::FamilyTaskView>,
    },
    Board(hocdvc_api::AssignmentBoard),
    Progress(Box<hocdvc_api::ClassProgress>),
}

/// Loads a class-work page's data. One loader for all of them means one copy of the loading
/// hook in the WebAssembly, which keeps the first page load within its budget.
pub async fn work(query: WorkQuery) -> Result<WorkData, ApiError> {
    Ok(match query {
        WorkQuery::Todo => WorkData::Todo(get("/api/me/todo").await?),
        WorkQuery::MyFamilyTasks => WorkData::MyFamilyTasks(get("/api/me/family-tasks").await?),
        WorkQuery::FamilyReview => WorkData::FamilyReview {
            pending: get("/api/family-tasks?status=pending").await?,
            confirmed: get("/api/family-tasks?status=confirmed").await?,
        },
        WorkQuery::Board => WorkData::Board(get("/api/assignments").await?),
        WorkQuery::Progress { class, module } => {
            let path = if module.is_empty() {
                format!("/api/units/{}/progress", segment(&class))
            } else {
                format!(
                    "/api/units/{}/progress?module={}",
                    segment(&class),
                    segment(&module)
                )
            };
            WorkData::Progress(get(&path).await?)
        }
    })
}

// The pages reload their lists after a change, so the answers' bodies are not decoded here:
// every decoded type costs the first page load its own deserialiser.

pub async fn create_assignment(
    request: &hocdvc_api::CreateAssignmentRequest,
) -> Result<(), ApiError> {
    send_empty(Method::POST, "/api/assignments", Some(request)).await
}

pub async fn update_assignment(
    id: i32,
    request: &hocdvc_api::UpdateAssignmentRequest,
) -> Result<(), ApiError> {
    send_empty(
        Method::PATCH,
        &format!("/api/assignments/{id}"),
        Some(request),
    )
    .await
}

/// Lessons (and, for content authors, questions) matching `query`, diacritics ignored.
pub async fn search(query: &str) -> Result<hocdvc_api::SearchResults, ApiError> {
    get(&format!("/api/search?q={}", segment(query))).await
}

/// The learner's own feedback on a lesson and the answered feedback of everyone.
pub async fn lesson_feedback(lesson: &str) -> Result<hocdvc_api::LessonFeedback, ApiError> {
    get(&format!("/api/lessons/{}/feedback", segment(lesson))).await
}

/// Creates or replaces the learner's feedback on a lesson.
pub async fn save_feedback(
    lesson: &str,
    request: &hocdvc_api::FeedbackRequest,
) -> Result<hocdvc_api::MyFeedback, ApiError> {
    post(
        &format!("/api/lessons/{}/feedback", segment(lesson)),
        request,
    )
    .await
}

pub async fn delete_assignment(id: i32) -> Result<(), ApiError> {
    send_empty::<()>(Method::DELETE, &format!("/api/assignments/{id}"), None).await
}

pub async fn record_family_task(request: &hocdvc_api::FamilyTaskRequest) -> Result<(), ApiError> {
    send_empty(Method::POST, "/api/me/family-tasks", Some(request)).await
}

pub async fn review_family_task(
    id: i32,
    status: hocdvc_api::FamilyTaskStatus,
) -> Result<(), ApiError> {
    send_empty(
        Method::POST,
        &format!("/api/family-tasks/{id}/review"),
        Some(&hocdvc_api::FamilyTaskReview { status }),
    )
    .await
}

/// The content owners' queue, optionally of one status.
pub async fn feedback_queue(
    status: Option<hocdvc_api::FeedbackStatus>,
) -> Result<Vec<hocdvc_api::FeedbackItem>, ApiError> {
    match status {
        Some(status) => get(&format!("/api/feedback?status={}", status.as_str())).await,
        None => get("/api/feedback").await,
    }
}

/// Writes a public answer and/or moves a piece of feedback forward.
pub async fn update_feedback(
    id: i32,
    request: &hocdvc_api::FeedbackUpdate,
) -> Result<hocdvc_api::FeedbackItem, ApiError> {
    patch(&format!("/api/feedback/{id}"), request).await
}

/// Starts an attempt at the module's assessment, or resumes the open one.
pub async fn start_attempt(module_id: &str) -> Result<AttemptStarted, ApiError> {
    send::<(), _>(
        Method::POST,
        &format!("/api/modules/{}/attempts", segment(module_id)),
        None,
    )
    .await
}

/// The attempt with every saved answer (and its result and review once finished).
pub async fn attempt(attempt_id: i32) -> Result<AttemptView, ApiError> {
    get(&format!("/api/attempts/{attempt_id}")).await
}

/// Saves one answer. `keepalive` lets the request outlive the page when it is being hidden or
/// closed.
pub async fn save_answer(
    attempt_id: i32,
    slot: i32,
    request: &SaveAnswerRequest,
    keepalive: bool,
) -> Result<SaveAnswerAck, ApiError> {
    let mut request = builder(
        Method::PUT,
        &format!("/api/attempts/{attempt_id}/answers/{slot}"),
    )
    .json(request)
    .map_err(unexpected)?;
    if keepalive {
        // gloo-net has no `keepalive` switch: copy the request with it set.
        let init = web_sys::RequestInit::new();
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
        let raw = web_sys::Request::from(request);
        request = web_sys::Request::new_with_request_and_init(&raw, &init)
            .map_err(|e| unexpected(format!("{e:?}")))?
            .into();
    }
    decode(request.send().await.map_err(network)?).await
}

/// Submits the attempt (idempotent).
pub async fn submit_attempt(attempt_id: i32) -> Result<AttemptResult, ApiError> {
    send::<(), _>(
        Method::POST,
        &format!("/api/attempts/{attempt_id}/submit"),
        None,
    )
    .await
}

/// The essays waiting for the signed-in teacher to grade.
pub async fn grading_queue() -> Result<Vec<EssayToGrade>, ApiError> {
    get("/api/grading/essays").await
}

/// Gives an essay its mark (and a comment for the student).
pub async fn grade_answer(
    attempt_id: i32,
    slot: i32,
    request: &GradeSlotRequest,
) -> Result<AttemptResult, ApiError> {
    send(
        Method::PUT,
        &format!("/api/attempts/{attempt_id}/slots/{slot}/grade"),
        Some(request),
    )
    .await
}

/// Item statistics of a module's assessment; `year` (`2025-2026`) defaults to the school year
/// in progress.
pub async fn item_statistics(
    module_id: &str,
    year: Option<&str>,
) -> Result<ItemStatistics, ApiError> {
    let path = match year.filter(|y| !y.is_empty()) {
        Some(year) => format!(
            "/api/modules/{}/statistics?year={}",
            segment(module_id),
            segment(year)
        ),
        None => format!("/api/modules/{}/statistics", segment(module_id)),
    };
    get(&path).await
}

/// Where the coverage report of `unit` (None: the viewer's own unit) in `year` is, with the
/// extension (`""` for JSON, `.csv`) — the exports link to the same address.
pub fn coverage_path(unit: Option<&str>, year: Option<&str>, extension: &str) -> String {
    let mut path = match unit {
        Some(code) => format!("/api/coverage/{}{extension}", segment(code)),
        None => "/api/coverage".to_owned(),
    };
    if let Some(year) = year.filter(|y| !y.is_empty()) {
        path.push_str("?year=");
        path.push_str(&segment(year));
    }
    path
}

/// The coverage dashboard of a unit's subtree.
pub async fn coverage(
    unit: Option<&str>,
    year: Option<&str>,
) -> Result<hocdvc_api::CoverageReport, ApiError> {
    get(&coverage_path(unit, year, "")).await
}

// ---------------------------------------------------------------------------------------------
// Annual training.

/// `GET /api/me/training`: the signed-in member's training this year.
pub async fn my_training() -> Result<hocdvc_api::MyTraining, ApiError> {
    get("/api/me/training").await
}

/// `GET /api/training/report/{unit}?year=`.
pub async fn training_report(
    unit: &str,
    year: i32,
) -> Result<hocdvc_api::TrainingReport, ApiError> {
    get(&format!(
        "/api/training/report/{}?year={year}",
        segment(unit)
    ))
    .await
}

/// The address of the report's CSV file (a plain link downloads it with the session cookie).
pub fn training_report_csv_url(unit: &str, year: i32) -> String {
    format!("/api/training/report/{}.csv?year={year}", segment(unit))
}

/// `GET /api/training/reminders/{unit}?year=&days=`.
pub async fn training_reminders(
    unit: &str,
    year: i32,
    days: u32,
) -> Result<hocdvc_api::TrainingReminders, ApiError> {
    get(&format!(
        "/api/training/reminders/{}?year={year}&days={days}",
        segment(unit)
    ))
    .await
}

pub fn training_reminders_csv_url(unit: &str, year: i32, days: u32) -> String {
    format!(
        "/api/training/reminders/{}.csv?year={year}&days={days}",
        segment(unit)
    )
}

/// `GET /api/training/cycles/{unit}/{year}`.
pub async fn training_cycle(
    unit: &str,
    year: i32,
) -> Result<Option<hocdvc_api::TrainingCycleView>, ApiError> {
    get(&format!("/api/training/cycles/{}/{year}", segment(unit))).await
}

/// `PUT /api/training/cycles/{unit}/{year}`.
pub async fn save_training_cycle(
    unit: &str,
    year: i32,
    request: &hocdvc_api::OpenCycleRequest,
) -> Result<hocdvc_api::TrainingCycleView, ApiError> {
    send(
        Method::PUT,
        &format!("/api/training/cycles/{}/{year}", segment(unit)),
        Some(request),
    )
    .await
}

/// "Giấy chứng nhận của tôi".
pub async fn my_certificates() -> Result<Vec<hocdvc_api::CertificateView>, ApiError> {
    get("/api/me/certificates").await
}

pub async fn certificate(id: i32) -> Result<hocdvc_api::CertificateView, ApiError> {
    get(&format!("/api/certificates/{id}")).await
}

/// The public verification of a typed or scanned code (no sign-in).
pub async fn verify_certificate(
    code: &str,
) -> Result<hocdvc_api::CertificateVerification, ApiError> {
    get(&format!("/api/verify/{}", segment(code))).await
}
/// The knowledge contests the signed-in user organises or may enter.
pub async fn contests() -> Result<Vec<hocdvc_api::ContestView>, ApiError> {
    get("/api/contests").await
}

pub async fn contest(id: i32) -> Result<hocdvc_api::ContestView, ApiError> {
    get(&format!("/api/contests/{id}")).await
}

pub async fn create_contest(
    request: &hocdvc_api::CreateContestRequest,
) -> Result<hocdvc_api::ContestView, ApiError> {
    post("/api/contests", request).await
}

pub async fn create_round(
    contest: i32,
    request: &hocdvc_api::CreateRoundRequest,
) -> Result<hocdvc_api::ContestRoundView, ApiError> {
    post(&format!("/api/contests/{contest}/rounds"), request).await
}

/// Enters a round with the prediction: the attempt to take (new or resumed).
pub async fn enter_round(
    contest: i32,
    round: i32,
    prediction: i64,
) -> Result<AttemptStarted, ApiError> {
    post(
        &format!("/api/contests/{contest}/rounds/{round}/entries"),
        &hocdvc_api::EnterRoundRequest { prediction },
    )
    .await
}

/// An organiser closes a round now.
pub async fn close_round(
    contest: i32,
    round: i32,
) -> Result<hocdvc_api::ContestRoundView, ApiError> {
    send::<(), _>(
        Method::POST,
        &format!("/api/contests/{contest}/rounds/{round}/close"),
        None,
    )
    .await
}

/// An organiser publishes a round's results with each group's prizes.
pub async fn publish_round(
    contest: i32,
    round: i32,
    request: &hocdvc_api::PublishRoundRequest,
) -> Result<hocdvc_api::ContestRoundView, ApiError> {
    post(
        &format!("/api/contests/{contest}/rounds/{round}/publish"),
        request,
    )
    .await
}

pub async fn qualify_round(
    contest: i32,
    round: i32,
    request: &hocdvc_api::QualifyRequest,
) -> Result<hocdvc_api::QualifySummary, ApiError> {
    post(
        &format!("/api/contests/{contest}/rounds/{round}/qualify"),
        request,
    )
    .await
}

// ---- creative contests and judging ----------------------------------------------------------

pub async fn creative_contests() -> Result<Vec<hocdvc_api::CreativeContestView>, ApiError> {
    get("/api/creative-contests").await
}

pub async fn create_creative_contest(
    request: &hocdvc_api::CreateCreativeContest,
) -> Result<hocdvc_api::CreativeContestView, ApiError> {
    post("/api/creative-contests", request).await
}

pub async fn update_creative_contest(
    id: i32,
    request: &hocdvc_api::UpdateCreativeContest,
) -> Result<hocdvc_api::CreativeContestView, ApiError> {
    patch(&format!("/api/creative-contests/{id}"), request).await
}

pub async fn contest_results(id: i32) -> Result<hocdvc_api::ContestResults, ApiError> {
    get(&format!("/api/creative-contests/{id}/results")).await
}

pub async fn set_contest_judges(
    id: i32,
    usernames: Vec<String>,
) -> Result<Vec<hocdvc_api::PanelJudge>, ApiError> {
    send(
        Method::PUT,
        &format!("/api/creative-contests/{id}/judges"),
        Some(&hocdvc_api::SetJudgesRequest { usernames }),
    )
    .await
}

pub async fn auto_assign(id: i32) -> Result<hocdvc_api::AssignmentRun, ApiError> {
    post(&format!("/api/creative-contests/{id}/assign"), &()).await
}

pub async fn assign_judge(
    id: i32,
    request: &hocdvc_api::ManualAssignment,
) -> Result<hocdvc_api::ContestResults, ApiError> {
    post(&format!("/api/creative-contests/{id}/assignments"), request).await
}

pub async fn record_conflict(
    id: i32,
    request: &hocdvc_api::ConflictRequest,
) -> Result<hocdvc_api::ContestResults, ApiError> {
    post(&format!("/api/creative-contests/{id}/conflicts"), request).await
}

pub async fn publish_contest(id: i32) -> Result<hocdvc_api::ContestResults, ApiError> {
    post(&format!("/api/creative-contests/{id}/publish"), &()).await
}

pub async fn my_entries() -> Result<Vec<hocdvc_api::MyEntry>, ApiError> {
    get("/api/me/entries").await
}

pub async fn create_entry(
    contest_id: i32,
    request: &hocdvc_api::EntryRequest,
) -> Result<hocdvc_api::MyEntry, ApiError> {
    post(
        &format!("/api/creative-contests/{contest_id}/entries"),
        request,
    )
    .await
}

/// The leaderboard of a round (`None`: the default round), a group and a unit.
pub async fn leaderboard(
    contest: i32,
    round: Option<i32>,
    group: &str,
    unit: &str,
) -> Result<hocdvc_api::Leaderboard, ApiError> {
    let mut query = Vec::new();
    if let Some(round) = round {
        query.push(format!("round={round}"));
    }
    if !group.is_empty() {
        query.push(format!("group={}", segment(group)));
    }
    if !unit.trim().is_empty() {
        query.push(format!("unit={}", segment(unit.trim())));
    }
    get(&format!(
        "/api/contests/{contest}/leaderboard?{}",
        query.join("&")
    ))
    .await
}
pub async fn update_entry(
    id: i32,
    request: &hocdvc_api::EntryRequest,
) -> Result<hocdvc_api::MyEntry, ApiError> {
    patch(&format!("/api/entries/{id}"), request).await
}

pub async fn withdraw_entry(id: i32) -> Result<hocdvc_api::MyEntry, ApiError> {
    post(&format!("/api/entries/{id}/withdraw"), &()).await
}

/// Uploads one entry file (checked by content on the server), reporting progress.
pub async fn upload_entry_file(
    id: i32,
    file: &File,
    on_progress: impl Fn(f64, f64) + 'static,
) -> Result<hocdvc_api::MyEntry, ApiError> {
    upload_file(
        &format!("/api/entries/{id}/files"),
        file,
        "application/octet-stream",
        on_progress,
    )
    .await
}

pub async fn judge_assignments() -> Result<Vec<hocdvc_api::JudgeAssignment>, ApiError> {
    get("/api/judging/assignments").await
}

pub async fn judge_entry(entry_id: i32) -> Result<hocdvc_api::JudgeEntryView, ApiError> {
    get(&format!("/api/judging/entries/{entry_id}")).await
}

pub async fn save_scores(
    entry_id: i32,
    request: &hocdvc_api::ScoreRequest,
) -> Result<hocdvc_api::JudgeEntryView, ApiError> {
    send(
        Method::PUT,
        &format!("/api/judging/entries/{entry_id}/scores"),
        Some(request),
    )
    .await
}

pub async fn gallery() -> Result<Vec<hocdvc_api::GalleryEntry>, ApiError> {
    get("/api/gallery").await
}

/// The signed-in user's popular vote for a winning entry.
pub async fn vote(entry_id: i32) -> Result<hocdvc_api::VoteResult, ApiError> {
    post(&format!("/api/entries/{entry_id}/vote"), &()).await
}
