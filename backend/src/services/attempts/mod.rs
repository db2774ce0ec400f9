//! The attempt engine (issue 6): starting or resuming an attempt at a module's assessment
//! (the draw), saving answers one by one, submitting and grading, finalising attempts left
//! open past their deadline (lazily when touched and by the background task `serve` starts),
//! the review after submission, and teachers' grading of essays. An attempt may also be at a
//! contest round ([`start_round`]): the round brings its own policy and draw rules over its
//! module's questions (`services::contests` decides who may enter and when); everything else —
//! time, saves, submit, review — is this same engine.
//!
//! The server owns time: every decision reads [`models::now`]. Nothing about correctness —
//! fractions, feedback, right answers — leaves this module while an attempt is open.

pub mod draw;
mod fixed;
pub mod grading;
pub mod layout;
pub mod policy;
pub mod usage;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Duration, NaiveDateTime};
use diesel::Connection;
use hocdvc_api::{
    AttemptResponse, AttemptResult, AttemptStarted, AttemptView, EssayToGrade, GradeSlotRequest,
    SaveAnswerAck, SaveAnswerRequest, SavedAnswer, SlotReview,
};
use unicode_normalization::UnicodeNormalization;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear};
use crate::error::{AppError, AppResult};
use crate::models::{self, attempt as store, attempt::Attempt};
use crate::question_formats::model::{QuestionKind, TextFormat};
use crate::services::auth::Principal;
use crate::services::gate::{self, AttemptAccess, Permission};
use crate::services::{completion, training};

use layout::Layout;
use policy::{OverduePolicy, QuizPolicy};

/// The mark of every question but a description (Moodle's default mark).
pub const QUESTION_MARK: f64 = 1.0;

/// How many overdue attempts the finaliser handles per pass (the rest wait for the next).
const FINALISE_BATCH: i64 = 500;

/// UTC as the wire carries it: `2026-11-28T15:04:05Z`.
pub fn iso(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A time as Vietnamese learners read it (UTC+7), for messages.
fn vietnam_time(at: NaiveDateTime) -> String {
    (at + Duration::hours(7))
        .format("%H:%M ngày %d/%m/%Y")
        .to_string()
}

fn corrupt(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored attempt data unreadable: {what}"))
}

/// Question versions never change once stored, so their parsed answers are kept for the
/// process's life: a start or a review parses no question twice.
/// Keyed by database ([`crate::db::scope`]) and version id.
type KindCache = Mutex<HashMap<(u64, i32), Arc<QuestionKind>>>;

fn kind_cache() -> &'static KindCache {
    static CACHE: OnceLock<KindCache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn parse_kind(answers_json: &str) -> AppResult<QuestionKind> {
    serde_json::from_str(answers_json).map_err(|_| corrupt("question answers"))
}

fn format_of(name: &str) -> TextFormat {
    TextFormat::from_gift_name(name).unwrap_or_default()
}

fn max_mark_of(kind: &QuestionKind) -> f64 {
    match kind {
        QuestionKind::Description => 0.0,
        _ => QUESTION_MARK,
    }
}

/// The module and its policy, if the principal may take its assessment (the lesson player's
/// audience rule): 404 for an unknown module, 403 for one not written for this learner.
fn quiz_for(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
) -> AppResult<(store::ModuleQuiz, QuizPolicy)> {
    let module = store::module_quiz(conn, module_id)?.ok_or(AppError::NotFound)?;
    let audience: Vec<String> = serde_json::from_str(&module.audience).unwrap_or_default();
    if !gate::learner_audiences(conn, principal)?.admits(&audience) {
        return Err(AppError::Forbidden);
    }
    let policy = QuizPolicy::from_assessment_json(&module.assessment);
    Ok((module, policy))
}

fn policy_of(conn: &mut DbConnection, module_id: &str) -> AppResult<QuizPolicy> {
    let module = store::module_quiz(conn, module_id)?.ok_or(AppError::NotFound)?;
    Ok(QuizPolicy::from_assessment_json(&module.assessment))
}

/// The policy an attempt runs under: its contest round's, else its module's assessment's.
fn policy_for(conn: &mut DbConnection, attempt: &Attempt) -> AppResult<QuizPolicy> {
    match attempt.contest_round_id {
        Some(round_id) => crate::services::contests::round_policy(conn, round_id),
        None => policy_of(conn, &attempt.module_id),
    }
}

/// A contest round as the engine takes it: its own policy, and draw rules over the questions
/// of its module.
#[derive(Debug, Clone)]
pub struct RoundQuiz {
    pub round_id: i32,
    pub module_id: String,
    pub policy: QuizPolicy,
    pub rules: Vec<draw::Rule>,
}

/// Starts an attempt at a contest round, or resumes the entrant's live one. `may_start` sees
/// the entrant's earlier attempts at the round (none live) and refuses a new one when the
/// round's window or attempts limit says so. Returns whether a new attempt was created.
pub fn start_round(
    conn: &mut DbConnection,
    user_id: i32,
    round: &RoundQuiz,
    may_start: impl FnOnce(&mut DbConnection, &[Attempt], NaiveDateTime) -> AppResult<()>,
) -> AppResult<(bool, AttemptStarted)> {
    let now = models::now();
    let mut history = store::of_user_in_round(conn, user_id, round.round_id)?;
    for attempt in history.iter_mut().filter(|a| a.is_live()) {
        finalise_if_due(conn, attempt, &round.policy, now)?;
    }
    if let Some(live) = history.iter().find(|a| a.is_live()) {
        return Ok((false, started(conn, live, now)?));
    }
    if !round.policy.is_open(now) {
        return Err(AppError::Conflict(match round.policy.opens_at {
            Some(open) if now < open => {
                format!("Vòng thi chưa mở: mở lúc {}.", vietnam_time(open))
            }
            _ => "Vòng thi đã kết thúc, không bắt đầu lượt thi mới được nữa.".to_owned(),
        }));
    }
    may_start(conn, &history, now)?;
    let draw = Draw {
        module_id: &round.module_id,
        round_id: Some(round.round_id),
        rules: &round.rules,
        first_at_module: false,
    };
    begin(conn, user_id, &draw, &round.policy, now)
}

/// How many questions of the module a contest round with these rules may draw from (the
/// current versions the engine grades itself, matching a rule).
pub fn round_pool_size(
    conn: &mut DbConnection,
    module_id: &str,
    rules: &[draw::Rule],
) -> AppResult<usize> {
    let rows = store::candidates(conn, module_id)?;
    let kinds = kinds_of(conn, rows.iter().map(|r| r.1))?;
    Ok(rows
        .into_iter()
        .filter(|(_, version_id, tags)| {
            let tags: Vec<String> = serde_json::from_str(tags).unwrap_or_default();
            rules.iter().any(|r| r.matches(&tags))
                && kinds.get(version_id).is_some_and(|k| {
                    !matches!(k.as_ref(), QuestionKind::Essay | QuestionKind::Description)
                })
        })
        .count())
}

/// Submits every live attempt at a round now (the organiser closed it): the answers saved
/// so far are graded. Returns how many were submitted.
pub fn submit_live_of_round(conn: &mut DbConnection, round_id: i32) -> AppResult<usize> {
    let policy = crate::services::contests::round_policy(conn, round_id)?;
    let now = models::now();
    let mut submitted = 0;
    for attempt in store::live_in_round(conn, round_id)? {
        // Time already up: it ended at its deadline, as the finaliser would have ended it.
        finish(conn, &attempt, &policy, now.min(attempt.deadline), now)?;
        submitted += 1;
    }
    Ok(submitted)
}

/// `POST /api/modules/{module_id}/attempts`: resumes the learner's open attempt, or starts a
/// new one when the policy allows. Returns whether a new attempt was created.
pub fn start(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
) -> AppResult<(bool, AttemptStarted)> {
    let (module, policy) = quiz_for(conn, principal, module_id)?;
    let user_id = principal.user.id;
    let now = models::now();
    // Everything at the module, rounds included: a learner with none (an exam minute's
    // first start) has seen no question and takes number 1, with no query to ask either.
    let everything = store::at_module(conn, user_id, module_id)?;
    let first_at_module = everything.is_empty();
    let mut history: Vec<Attempt> = everything
        .into_iter()
        .filter(|a| a.contest_round_id.is_none())
        .collect();
    for attempt in history.iter_mut().filter(|a| a.is_live()) {
        finalise_if_due(conn, attempt, &policy, now)?;
    }
    if let Some(live) = history.iter().find(|a| a.is_live()) {
        return Ok((false, started(conn, live, now)?));
    }

    if !policy.is_open(now) {
        return Err(AppError::Conflict(
            match (policy.opens_at, policy.closes_at) {
                (Some(open), _) if now < open => {
                    format!("Bài kiểm tra chưa mở: mở lúc {}.", vietnam_time(open))
                }
                _ => "Bài kiểm tra đã đóng, không bắt đầu lượt làm bài mới được nữa.".to_owned(),
            },
        ));
    }
    // Civil servants and team members train by calendar year (issue 9): their attempts are
    // counted per year, as their cycle asks again each January; learners per school year.
    let annual = principal
        .grants
        .iter()
        .any(|g| matches!(g.role, Role::CivilServant));
    let (this_period, period) = if annual {
        let year = training::year_of(now);
        let used = history
            .iter()
            .filter(|a| training::year_of(a.started_at) == year)
            .count();
        (used, format!("năm {year}"))
    } else {
        let school_year = SchoolYear::containing(now.date()).to_string();
        let used = history
            .iter()
            .filter(|a| a.school_year == school_year)
            .count();
        (used, format!("năm học {school_year}"))
    };
    if let Some(max) = policy.max_attempts
        && this_period >= max as usize
    {
        return Err(AppError::Conflict(format!(
            "Bạn đã dùng hết {max} lượt làm bài kiểm tra này trong {period}."
        )));
    }
    if let Some(last_end) = history.iter().filter_map(|a| a.finished_at).max() {
        let next = last_end + policy.delay_between_attempts;
        if now < next {
            return Err(AppError::Conflict(format!(
                "Cần chờ đến {} mới được làm lượt tiếp theo.",
                vietnam_time(next)
            )));
        }
    }

    let rules = draw::rules_of(&module.assessment);
    let first = Draw {
        module_id: &module.id,
        round_id: None,
        rules: &rules,
        first_at_module,
    };
    begin(conn, user_id, &first, &policy, now)
}

/// The live attempt of the user at the module's assessment (`round_id` None) or at a round.
fn live_of(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    round_id: Option<i32>,
) -> AppResult<Option<Attempt>> {
    let history = match round_id {
        Some(round_id) => store::of_user_in_round(conn, user_id, round_id)?,
        None => store::at_module(conn, user_id, module_id)?
            .into_iter()
            .filter(|a| a.contest_round_id.is_none())
            .collect(),
    };
    Ok(history.into_iter().find(Attempt::is_live))
}

/// Call after changing an attempt's stored draw outside the engine (a repair by hand, a test
/// that swaps a slot's question): this process otherwise keeps using the draw it remembers.
pub fn forget_draw(attempt_id: i32) {
    fixed::forget(attempt_id);
}

/// What a new attempt draws from: the module's questions under `rules`, for the module's
/// assessment (`round_id` None) or a contest round. `first_at_module`: the learner has no
/// attempt at the module at all, so nothing is seen yet and the attempt is number 1.
struct Draw<'a> {
    module_id: &'a str,
    round_id: Option<i32>,
    rules: &'a [draw::Rule],
    first_at_module: bool,
}

/// Draws and inserts a new attempt (the checks passed), or resumes the one a concurrent
/// start created.
fn begin(
    conn: &mut DbConnection,
    user_id: i32,
    what: &Draw<'_>,
    policy: &QuizPolicy,
    now: NaiveDateTime,
) -> AppResult<(bool, AttemptStarted)> {
    let Draw {
        module_id,
        round_id,
        first_at_module,
        ..
    } = *what;
    let seed = i64::from_ne_bytes(uuid::Uuid::new_v4().as_u64_pair().0.to_ne_bytes());
    let drawn = draw_for(conn, user_id, what, seed)?;
    if drawn.is_empty() {
        return Err(AppError::Conflict(
            "Bài kiểm tra này chưa có câu hỏi. Hãy báo giáo viên.".to_owned(),
        ));
    }
    let max_score: f64 = drawn.iter().map(|(_, kind)| max_mark_of(kind)).sum();
    let number = if first_at_module {
        1
    } else {
        store::next_number(conn, user_id, module_id)?
    };
    let school_year = SchoolYear::containing(now.date()).to_string();
    let new = store::NewAttempt {
        user_id,
        module_id: module_id.to_owned(),
        school_year,
        attempt_number: number,
        seed,
        state: store::IN_PROGRESS.to_owned(),
        overdue_policy: policy.overdue.as_str().to_owned(),
        started_at: now,
        deadline: policy.deadline(now),
        finished_at: None,
        score: None,
        max_score,
        passed: None,
        needs_grading: false,
        contest_round_id: round_id,
    };
    let slots = |attempt_id: i32| -> Vec<store::NewSlot> {
        drawn
            .iter()
            .enumerate()
            .map(|(i, (d, kind))| store::NewSlot {
                attempt_id,
                slot: i32::try_from(i + 1).unwrap_or(i32::MAX),
                question_version_id: d.version_id,
                option_order: d.layout.to_json(),
                max_mark: max_mark_of(kind),
                response: None,
                saved_seq: 0,
                saved_at: None,
                mark: None,
                graded_by: None,
                graded_at: None,
                grader_comment: None,
            })
            .collect()
    };
    match store::insert(conn, &new, slots) {
        Ok(attempt) => {
            usage::add_draw(module_id, drawn.iter().map(|(d, _)| d.question_id));
            Ok((true, started(conn, &attempt, now)?))
        }
        // Two starts at once (a double tap, two devices): the other one won; resume it.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {
            let live = live_of(conn, user_id, module_id, round_id)?.ok_or_else(|| {
                AppError::Conflict("Vui lòng thử bắt đầu lại bài kiểm tra.".to_owned())
            })?;
            Ok((false, started(conn, &live, now)?))
        }
        Err(other) => Err(other.into()),
    }
}

/// The draw for a new attempt, with each drawn question's kind. A contest round draws only
/// questions the engine grades itself (no essays, no descriptions), so results rank at once.
fn draw_for(
    conn: &mut DbConnection,
    user_id: i32,
    what: &Draw<'_>,
    seed: i64,
) -> AppResult<Vec<(draw::Drawn, Arc<QuestionKind>)>> {
    let (module_id, rules) = (what.module_id, what.rules);
    let auto_graded_only = what.round_id.is_some();
    let rows = store::candidates(conn, module_id)?;
    let seen = if what.first_at_module {
        Vec::new()
    } else {
        store::seen_questions(conn, user_id, module_id)?
    };
    let ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
    let uses = usage::of_module(conn, module_id, &ids)?;
    let kinds = kinds_of(conn, rows.iter().map(|r| r.1))?;
    let mut candidates = Vec::with_capacity(rows.len());
    for (question_id, version_id, tags) in rows {
        let Some(kind) = kinds.get(&version_id) else {
            tracing::warn!(
                version_id,
                "question answers unreadable; left out of the draw"
            );
            continue;
        };
        if auto_graded_only
            && matches!(
                kind.as_ref(),
                QuestionKind::Essay | QuestionKind::Description
            )
        {
            continue;
        }
        candidates.push(draw::Candidate {
            question_id,
            version_id,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            kind: QuestionKind::clone(kind),
            seen: seen.contains(&question_id),
            uses: uses.get(&question_id).copied().unwrap_or(0),
        });
    }
    Ok(draw::draw(seed, rules, &candidates)
        .into_iter()
        .filter_map(|d| kinds.get(&d.version_id).cloned().map(|k| (d, k)))
        .collect())
}

/// The parsed answers of the versions, from the cache, reading the missing ones in one query.
/// A version whose answers do not parse is left out (and logged by the caller).
fn kinds_of(
    conn: &mut DbConnection,
    version_ids: impl Iterator<Item = i32>,
) -> AppResult<HashMap<i32, Arc<QuestionKind>>> {
    let scope = crate::db::scope();
    let mut kinds = HashMap::new();
    let mut missing = Vec::new();
    if let Ok(cache) = kind_cache().lock() {
        for id in version_ids {
            match cache.get(&(scope, id)) {
                Some(kind) => {
                    kinds.insert(id, kind.clone());
                }
                None => missing.push(id),
            }
        }
    }
    if missing.is_empty() {
        return Ok(kinds);
    }
    let parsed: Vec<(i32, Arc<QuestionKind>)> = store::answers_of_versions(conn, &missing)?
        .into_iter()
        .filter_map(|(id, answers)| parse_kind(&answers).ok().map(|k| (id, Arc::new(k))))
        .collect();
    if let Ok(mut cache) = kind_cache().lock() {
        for (id, kind) in &parsed {
            cache.insert((scope, *id), kind.clone());
        }
    }
    kinds.extend(parsed);
    Ok(kinds)
}

/// A slot read back with its question parsed.
struct Slot {
    row: store::SlotRow,
    kind: Arc<QuestionKind>,
    layout: Layout,
    response: Option<AttemptResponse>,
}

fn load_slots(conn: &mut DbConnection, attempt_id: i32) -> AppResult<Vec<Slot>> {
    let rows = store::slots(conn, attempt_id)?;
    let kinds = kinds_of(conn, rows.iter().map(|r| r.question_version_id))?;
    rows.into_iter()
        .map(|row| {
            let kind = kinds
                .get(&row.question_version_id)
                .cloned()
                .ok_or_else(|| corrupt("question answers"))?;
            let layout = Layout::from_json(&row.option_order, &kind)
                .ok_or_else(|| corrupt("option order"))?;
            let response = match &row.response {
                Some(json) => Some(serde_json::from_str(json).map_err(|_| corrupt("response"))?),
                None => None,
            };
            Ok(Slot {
                row,
                kind,
                layout,
                response,
            })
        })
        .collect()
}

fn started(
    conn: &mut DbConnection,
    attempt: &Attempt,
    now: NaiveDateTime,
) -> AppResult<AttemptStarted> {
    let slots = load_slots(conn, attempt.id)?;
    fixed::remember_slots(attempt, &slots);
    Ok(AttemptStarted {
        attempt_id: attempt.id,
        deadline: iso(attempt.deadline),
        server_now: iso(now),
        questions: slots.iter().map(shown).collect(),
    })
}

fn shown(slot: &Slot) -> hocdvc_api::AttemptQuestion {
    layout::show(
        slot.row.slot,
        &slot.kind,
        &slot.row.text,
        format_of(&slot.row.text_format),
        &slot.layout,
        slot.row.max_mark,
    )
}

/// `PUT /api/attempts/{attempt_id}/answers/{slot}`: one guarded `UPDATE` when the attempt's
/// unchanging part is in memory ([`fixed`]); the update itself refuses a save that is not
/// newer than the kept one or arrives after the attempt closed, and only then is the kept
/// state read to answer.
pub fn save(
    conn: &mut DbConnection,
    principal: &Principal,
    attempt_id: i32,
    slot: i32,
    request: SaveAnswerRequest,
) -> AppResult<SaveAnswerAck> {
    let attempt = fixed::of(conn, attempt_id)?.ok_or(AppError::NotFound)?;
    gate::authorize_attempt(conn, principal, attempt.user_id, false, AttemptAccess::Take)?;
    let target = attempt.slots.get(&slot).ok_or(AppError::NotFound)?;
    if request.seq < 1 {
        return Err(AppError::Validation(
            "seq phải là số thứ tự lưu nguyên dương.".to_owned(),
        ));
    }
    let now = models::now();
    if now > attempt.deadline + Duration::seconds(policy::NETWORK_GRACE_SECONDS) {
        return refused_save(conn, attempt_id, slot, request.seq, now, true);
    }
    let response = normalised(request.response);
    grading::validate(&target.kind, &target.layout, &response).map_err(AppError::Validation)?;
    let json = serde_json::to_string(&response).map_err(|e| AppError::Internal(e.into()))?;
    if store::save_answer(conn, attempt_id, slot, request.seq, &json, now)? {
        return Ok(SaveAnswerAck {
            saved_seq: request.seq,
        });
    }
    refused_save(conn, attempt_id, slot, request.seq, now, false)
}

/// The answer to a save that was not written: a late or repeated save is acknowledged with the
/// newer sequence number kept (the newer answer stays); otherwise the attempt is closed — or,
/// `past_deadline`, its time is up, and it is finalised now if the finaliser has not yet.
fn refused_save(
    conn: &mut DbConnection,
    attempt_id: i32,
    slot: i32,
    seq: i64,
    now: NaiveDateTime,
    past_deadline: bool,
) -> AppResult<SaveAnswerAck> {
    let kept = store::kept_seq(conn, attempt_id, slot)?;
    if kept >= seq {
        return Ok(SaveAnswerAck { saved_seq: kept });
    }
    let mut attempt = store::find(conn, attempt_id)?.ok_or(AppError::NotFound)?;
    if past_deadline && attempt.state == store::IN_PROGRESS {
        let policy = policy_for(conn, &attempt)?;
        finalise_if_due(conn, &mut attempt, &policy, now)?;
        return Err(AppError::Conflict(
            "Đã hết giờ làm bài: câu trả lời này không được lưu.".to_owned(),
        ));
    }
    Err(closed_for_answers(&attempt.state))
}

fn closed_for_answers(state: &str) -> AppError {
    AppError::Conflict(match state {
        store::OVERDUE => {
            "Đã hết giờ làm bài: chỉ còn nộp bài được, không sửa câu trả lời được nữa.".to_owned()
        }
        store::ABANDONED => "Bài làm đã bị hủy vì không nộp trước khi hết giờ.".to_owned(),
        _ => "Bài làm đã nộp, không sửa câu trả lời được nữa.".to_owned(),
    })
}

/// Texts stored NFC; choices kept as given (ids are ASCII).
fn normalised(mut response: AttemptResponse) -> AttemptResponse {
    if let Some(text) = response.text.take() {
        response.text = Some(text.nfc().collect());
    }
    response
}

/// `POST /api/attempts/{attempt_id}/submit`: idempotent.
pub fn submit(
    conn: &mut DbConnection,
    principal: &Principal,
    attempt_id: i32,
) -> AppResult<AttemptResult> {
    let mut attempt = store::find(conn, attempt_id)?.ok_or(AppError::NotFound)?;
    gate::authorize_attempt(conn, principal, attempt.user_id, false, AttemptAccess::Take)?;
    let now = models::now();
    if attempt.is_live() {
        let policy = policy_for(conn, &attempt)?;
        finalise_if_due(conn, &mut attempt, &policy, now)?;
        if attempt.is_live() {
            finish(conn, &attempt, &policy, now, now)?;
            attempt = store::find(conn, attempt_id)?.ok_or(AppError::NotFound)?;
        }
    }
    match attempt.state.as_str() {
        store::FINISHED => Ok(result_of(&attempt)),
        _ => Err(AppError::Conflict(
            "Bài làm đã bị hủy vì không nộp trước khi hết giờ.".to_owned(),
        )),
    }
}

fn result_of(attempt: &Attempt) -> AttemptResult {
    AttemptResult {
        score: attempt.score,
        max_score: attempt.max_score,
        passed: attempt.passed,
    }
}

/// Closes the attempt as finished and grades every slot, in one transaction that first
/// claims the attempt (a concurrent finish of the same attempt, or a save arriving now, finds
/// it closed), then records the module's completion when it passed.
fn finish(
    conn: &mut DbConnection,
    attempt: &Attempt,
    policy: &QuizPolicy,
    finished_at: NaiveDateTime,
    now: NaiveDateTime,
) -> AppResult<()> {
    let turn = crate::db::write_turn(conn);
    let passed = conn.transaction::<_, AppError, _>(|conn| {
        let claimed = store::finish(
            conn,
            attempt.id,
            store::FINISHED,
            finished_at,
            None,
            attempt.max_score,
            None,
            false,
        )?;
        if !claimed {
            return Ok(None);
        }
        let slots = load_slots(conn, attempt.id)?;
        let mut marks = Vec::with_capacity(slots.len());
        for slot in &slots {
            let graded = grading::grade(&slot.kind, &slot.layout, slot.response.as_ref());
            let mark = graded.fraction.map(|f| f * slot.row.max_mark);
            store::set_mark(conn, attempt.id, slot.row.slot, mark)?;
            marks.push(mark);
        }
        let (score, passed, needs_grading) = score_of(&marks, attempt.max_score, policy);
        store::set_result(conn, attempt.id, score, passed, needs_grading)?;
        Ok(passed)
    })?;
    drop(turn);
    // A contest round is not the module's assessment: it completes nothing.
    if passed == Some(true) && attempt.contest_round_id.is_none() {
        completion::record_if_complete(conn, attempt.user_id, &attempt.module_id, now)?;
    }
    Ok(())
}

/// Score, pass and whether a teacher must still grade, from the slots' marks (`None`: an
/// essay waiting).
fn score_of(
    marks: &[Option<f64>],
    max_score: f64,
    policy: &QuizPolicy,
) -> (Option<f64>, Option<bool>, bool) {
    if marks.iter().any(Option::is_none) {
        return (None, None, true);
    }
    let score: f64 = marks.iter().flatten().sum();
    // Two decimals are all a score needs, and they keep 0.1 + 0.2 from showing.
    let score = (score * 1e6).round() / 1e6;
    (Some(score), Some(policy.passes(score, max_score)), false)
}

/// Applies the overdue policy to a live attempt past its deadline (plus the network grace);
/// leaves `attempt` as it now stands. Returns whether anything changed.
fn finalise_if_due(
    conn: &mut DbConnection,
    attempt: &mut Attempt,
    policy: &QuizPolicy,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let late = attempt.deadline + policy.network_grace;
    if !attempt.is_live() || now <= late {
        return Ok(false);
    }
    let overdue = OverduePolicy::parse(&attempt.overdue_policy).unwrap_or(policy.overdue);
    let grace_end = late + policy.grace_period;
    let changed = match (attempt.state.as_str(), overdue) {
        (store::IN_PROGRESS, OverduePolicy::AutoSubmit) => {
            finish(conn, attempt, policy, attempt.deadline, now)?;
            true
        }
        (store::IN_PROGRESS, OverduePolicy::GracePeriod) if now <= grace_end => {
            store::mark_overdue(conn, attempt.id)?
        }
        (store::IN_PROGRESS | store::OVERDUE, OverduePolicy::GracePeriod) if now <= grace_end => {
            false
        }
        _ => store::finish(
            conn,
            attempt.id,
            store::ABANDONED,
            now,
            None,
            attempt.max_score,
            None,
            false,
        )?,
    };
    if changed && let Some(fresh) = store::find(conn, attempt.id)? {
        *attempt = fresh;
    }
    Ok(changed)
}

/// One pass of the overdue finaliser: every live attempt past its deadline is submitted,
/// moved into its grace period or abandoned, as its policy says. Returns how many changed.
pub fn finalise_overdue(conn: &mut DbConnection) -> AppResult<usize> {
    let now = models::now();
    let due = store::live_past(
        conn,
        now - Duration::seconds(policy::NETWORK_GRACE_SECONDS),
        FINALISE_BATCH,
    )?;
    let mut policies: HashMap<(String, Option<i32>), QuizPolicy> = HashMap::new();
    let mut changed = 0;
    for mut attempt in due {
        let key = (attempt.module_id.clone(), attempt.contest_round_id);
        let policy = match policies.get(&key) {
            Some(p) => p.clone(),
            None => {
                let p = policy_for(conn, &attempt)?;
                policies.insert(key, p.clone());
                p
            }
        };
        match finalise_if_due(conn, &mut attempt, &policy, now) {
            Ok(true) => changed += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::error!(attempt_id = attempt.id, error = %err, "finalising an overdue attempt failed")
            }
        }
    }
    Ok(changed)
}

/// `GET /api/attempts/{attempt_id}`: the owner's attempt with every saved answer; after
/// submission its result, and the review as far as the review options allow (staff who may
/// review the student's class see the whole review).
pub fn view(
    conn: &mut DbConnection,
    principal: &Principal,
    attempt_id: i32,
) -> AppResult<AttemptView> {
    let mut attempt = store::find(conn, attempt_id)?.ok_or(AppError::NotFound)?;
    let is_owner = attempt.user_id == principal.user.id;
    if !is_owner {
        gate::authorize_attempt(
            conn,
            principal,
            attempt.user_id,
            !attempt.is_live(),
            AttemptAccess::Review,
        )?;
    }
    let module = store::module_quiz(conn, &attempt.module_id)?.ok_or(AppError::NotFound)?;
    let policy = policy_for(conn, &attempt)?;
    let (title, contest_id) = match attempt.contest_round_id {
        Some(round_id) => {
            let (contest_id, title) = crate::services::contests::round_title(conn, round_id)?;
            (title, Some(contest_id))
        }
        None => (module.title, None),
    };
    let now = models::now();
    finalise_if_due(conn, &mut attempt, &policy, now)?;
    let slots = load_slots(conn, attempt.id)?;
    let finished = attempt.state == store::FINISHED;
    let show = match attempt.finished_at {
        Some(at) if finished && is_owner => policy.review_at(at, now),
        _ if finished => policy::ReviewShow::EVERYTHING,
        _ => policy::ReviewShow::NOTHING,
    };
    let review = if show.any() {
        slots.iter().map(|slot| review_of(slot, show)).collect()
    } else {
        Vec::new()
    };
    Ok(AttemptView {
        attempt_id: attempt.id,
        module_id: module.id,
        module_title: title,
        contest_id,
        attempt_number: attempt.attempt_number,
        state: attempt.state.clone(),
        started_at: iso(attempt.started_at),
        deadline: iso(attempt.deadline),
        server_now: iso(now),
        finished_at: attempt.finished_at.map(iso),
        questions: slots.iter().map(shown).collect(),
        answers: slots
            .iter()
            .filter(|s| s.row.saved_seq > 0)
            .filter_map(|s| {
                s.response.clone().map(|response| SavedAnswer {
                    slot: s.row.slot,
                    seq: s.row.saved_seq,
                    response,
                })
            })
            .collect(),
        result: finished.then(|| result_of(&attempt)),
        review,
    })
}

fn review_of(slot: &Slot, show: policy::ReviewShow) -> SlotReview {
    let format = format_of(&slot.row.text_format);
    let mut review = SlotReview {
        slot: slot.row.slot,
        mark: None,
        max_mark: slot.row.max_mark,
        right_options: Vec::new(),
        right_pairs: Default::default(),
        right_answer: None,
        feedback: String::new(),
        grader_comment: None,
    };
    if show.marks {
        review.mark = slot.row.mark;
        review.grader_comment = slot.row.grader_comment.clone();
    }
    if show.right_answer {
        let right = grading::right_answer(&slot.kind, &slot.layout);
        review.right_options = right.options;
        review.right_pairs = right.pairs;
        review.right_answer = right.answer;
    }
    if show.feedback {
        let specific = grading::grade(&slot.kind, &slot.layout, slot.response.as_ref()).feedback;
        let parts: Vec<String> = [specific, slot.row.general_feedback.clone()]
            .into_iter()
            .filter(|f| !f.trim().is_empty())
            .map(|f| layout::render(&f, format))
            .collect();
        review.feedback = parts.join("<br>");
    }
    review
}

/// `GET /api/grading/essays`: essays waiting for a teacher, of the students of the classes
/// where the principal may grade.
pub fn essays_to_grade(
    conn: &mut DbConnection,
    principal: &Principal,
) -> AppResult<Vec<EssayToGrade>> {
    let units = gate::units_with(principal, Permission::GradeAttempts);
    if units.is_empty() {
        return Err(AppError::Forbidden);
    }
    let essays = store::ungraded_essays(conn, &units, 200)?;
    let user_ids: Vec<i32> = essays.iter().map(|e| e.user_id).collect();
    let names: HashMap<i32, (String, String)> = store::student_names(conn, &user_ids)?;
    Ok(essays
        .into_iter()
        .map(|e| {
            let (username, name) = names.get(&e.user_id).cloned().unwrap_or_default();
            let response: Option<AttemptResponse> = e
                .response
                .as_deref()
                .and_then(|r| serde_json::from_str(r).ok());
            EssayToGrade {
                attempt_id: e.attempt_id,
                slot: e.slot,
                module_id: e.module_id,
                student_name: name,
                student_username: username,
                submitted_at: e.finished_at.map(iso),
                question_text: layout::render(&e.text, format_of(&e.text_format)),
                response_text: response.and_then(|r| r.text).unwrap_or_default(),
                max_mark: e.max_mark,
            }
        })
        .collect())
}

/// Longest comment a teacher may leave on an essay.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// `PUT /api/attempts/{attempt_id}/slots/{slot}/grade`: a teacher marks an essay; when no
/// essay of the attempt waits any more, the attempt gets its score and pass, and a pass
/// records the module's completion.
pub fn grade_slot(
    conn: &mut DbConnection,
    principal: &Principal,
    attempt_id: i32,
    slot_number: i32,
    request: GradeSlotRequest,
) -> AppResult<AttemptResult> {
    let attempt = store::find(conn, attempt_id)?.ok_or(AppError::NotFound)?;
    gate::authorize_attempt(
        conn,
        principal,
        attempt.user_id,
        attempt.state == store::FINISHED,
        AttemptAccess::Grade,
    )?;
    let slots = load_slots(conn, attempt_id)?;
    let slot = slots
        .iter()
        .find(|s| s.row.slot == slot_number)
        .ok_or(AppError::NotFound)?;
    if !matches!(slot.kind.as_ref(), QuestionKind::Essay) {
        return Err(AppError::Validation(
            "Chỉ chấm tay được câu hỏi tự luận (essay).".to_owned(),
        ));
    }
    if !request.mark.is_finite() || request.mark < 0.0 || request.mark > slot.row.max_mark {
        return Err(AppError::Validation(format!(
            "mark phải là điểm từ 0 đến {}.",
            slot.row.max_mark
        )));
    }
    let comment = request
        .comment
        .map(|c| c.nfc().collect::<String>().trim().to_owned())
        .filter(|c| !c.is_empty());
    if comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS)
    {
        return Err(AppError::Validation(format!(
            "comment dài quá {MAX_COMMENT_CHARS} ký tự."
        )));
    }
    let policy = policy_for(conn, &attempt)?;
    let now = models::now();
    let result = conn.transaction::<_, AppError, _>(|conn| {
        store::set_manual_mark(
            conn,
            attempt_id,
            slot_number,
            request.mark,
            comment.as_deref(),
            principal.user.id,
            now,
        )?;
        let marks: Vec<Option<f64>> = slots
            .iter()
            .map(|s| {
                if s.row.slot == slot_number {
                    Some(request.mark)
                } else {
                    s.row.mark
                }
            })
            .collect();
        let (score, passed, needs_grading) = score_of(&marks, attempt.max_score, &policy);
        store::set_result(conn, attempt_id, score, passed, needs_grading)?;
        Ok(AttemptResult {
            score,
            max_score: attempt.max_score,
            passed,
        })
    })?;
    if result.passed == Some(true) && attempt.contest_round_id.is_none() {
        completion::record_if_complete(conn, attempt.user_id, &attempt.module_id, now)?;
    }
    Ok(result)
}
