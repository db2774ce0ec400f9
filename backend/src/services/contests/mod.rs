//! Knowledge contests (cuộc thi tìm hiểu, issue 8): organisers create a contest with groups by
//! audience and rounds; learners of the organising unit enter a round of their group with a
//! prediction and take it with the attempt engine ([`attempts::start_round`]); after the close
//! the prediction's true value is computed once (on first read, idempotent); organisers watch
//! the live leaderboard, apply the qualification rule for the next round, export the results
//! and publish them, and only then do entrants see the leaderboard.
//!
//! Prizes: a knowledge contest keeps no prize table. When publishing a round the organiser
//! says how many Nhất, Nhì, Ba and Khuyến khích prizes each group gets; they go down each
//! group's ranking (tied entrants share) and the winners' `contest_prize` certificates are
//! issued with the publication. The certificates are the record of who won what.

pub mod ranking;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::Connection;
use hocdvc_api::{
    AttemptStarted, CertificateKind, ContestGroupView, ContestRoundView, ContestView,
    CreateContestRequest, CreateRoundRequest, EnterRoundRequest, Leaderboard, LeaderboardRow,
    MyRound, MyRoundAttempt, PublishRoundRequest, QualifyRequest, QualifySummary,
};
use unicode_normalization::UnicodeNormalization;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear, UnitKind};
use crate::error::{AppError, AppResult};
use crate::models::{self, attempt as attempt_store, contest as store, unit};
use crate::services::attempts::{self, RoundQuiz, draw, iso, policy};
use crate::services::auth::Principal;
use crate::services::certificates::{self, CertificateIssue};
use crate::services::gate::{self, Permission};

use ranking::{Finished, QualifyRule, Ranked};

/// The audiences a group may be for, with the group's default name.
pub const GROUPS: [(&str, &str); 5] = [
    ("thcs", "Bảng THCS"),
    ("thpt", "Bảng THPT"),
    ("dai_hoc", "Bảng Đại học"),
    ("nghe", "Bảng Giáo dục nghề nghiệp"),
    ("gdtx", "Bảng Giáo dục thường xuyên"),
];

/// One attempt per round, or one per week.
pub const ONCE: &str = "once";
pub const WEEKLY: &str = "weekly";

/// Limits of what an organiser may set.
const MAX_TITLE_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 2000;
const MAX_QUESTIONS: i32 = 100;
const MAX_MINUTES: i32 = 300;
const MAX_PREDICTION: i64 = 1_000_000_000;
/// Most prizes of one tier in one group.
const MAX_PRIZES: i32 = 1000;

fn clean(text: &str) -> String {
    text.nfc().collect::<String>().trim().to_owned()
}

fn required(field: &str, text: &str, max: usize) -> AppResult<String> {
    let text = clean(text);
    if text.is_empty() {
        return Err(AppError::Validation(format!(
            "{field}: không được để trống."
        )));
    }
    if text.chars().count() > max {
        return Err(AppError::Validation(format!(
            "{field}: dài quá {max} ký tự."
        )));
    }
    Ok(text)
}

/// `upcoming`, `open` or `closed` at `now`.
fn status(round: &store::Round, now: NaiveDateTime) -> &'static str {
    if now < round.opens_at {
        "upcoming"
    } else if now < round.closes_at {
        "open"
    } else {
        "closed"
    }
}

fn tags_of(round: &store::Round) -> Vec<String> {
    serde_json::from_str(&round.tags).unwrap_or_default()
}

/// The quiz policy of a round: its time limit and window, submitted automatically when time
/// is up; the review shows the marks only, never the right answers (other entrants may still
/// be taking the round).
pub fn policy_of_round(round: &store::Round) -> policy::QuizPolicy {
    let marks = policy::ReviewShow {
        marks: true,
        right_answer: false,
        feedback: false,
    };
    policy::QuizPolicy {
        time_limit: Duration::minutes(i64::from(round.time_limit_minutes.max(1))),
        opens_at: Some(round.opens_at),
        closes_at: Some(round.closes_at),
        overdue: policy::OverduePolicy::AutoSubmit,
        max_attempts: None,
        pass_percent: 0.0,
        review: policy::ReviewOptions {
            during: policy::ReviewShow::NOTHING,
            immediately_after: marks,
            later_while_open: marks,
            after_close: marks,
        },
        ..policy::QuizPolicy::default()
    }
}

/// The engine's policy for an attempt at `round_id`.
pub fn round_policy(conn: &mut DbConnection, round_id: i32) -> AppResult<policy::QuizPolicy> {
    let round = store::round(conn, round_id)?.ok_or(AppError::NotFound)?;
    Ok(policy_of_round(&round))
}

/// (contest id, "contest — round") for the attempt page.
pub fn round_title(conn: &mut DbConnection, round_id: i32) -> AppResult<(i32, String)> {
    let round = store::round(conn, round_id)?.ok_or(AppError::NotFound)?;
    let contest = store::find(conn, round.contest_id)?.ok_or(AppError::NotFound)?;
    Ok((contest.id, format!("{} — {}", contest.title, round.name)))
}

/// The draw rules of a round: `question_count` questions carrying one of its tags (every tag
/// of the module's questions when it names none).
fn rules_of(conn: &mut DbConnection, round: &store::Round) -> AppResult<Vec<draw::Rule>> {
    let mut tags = tags_of(round);
    if tags.is_empty() {
        let mut all = BTreeSet::new();
        for (_, _, json) in attempt_store::candidates(conn, &round.module_id)? {
            let t: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            all.extend(t);
        }
        tags = all.into_iter().collect();
    }
    Ok(vec![draw::Rule {
        tags,
        difficulty: None,
        count: u32::try_from(round.question_count.max(1)).unwrap_or(1),
    }])
}

/// Whether the principal organises contests of `unit_id` (its subtree).
fn manages(conn: &mut DbConnection, principal: &Principal, unit_id: i32) -> AppResult<bool> {
    match gate::authorize(conn, principal, Permission::ManageContests, unit_id) {
        Ok(()) => Ok(true),
        Err(AppError::Forbidden | AppError::NotFound) => Ok(false),
        Err(other) => Err(other),
    }
}

/// A learner who may compete in a contest: their audience and school.
#[derive(Debug, Clone)]
struct Learner {
    audience: &'static str,
    school_id: Option<i32>,
}

fn learner_in(
    conn: &mut DbConnection,
    principal: &Principal,
    contest: &store::Contest,
) -> AppResult<Option<Learner>> {
    for grant in principal.grants.iter().filter(|g| g.role == Role::Student) {
        if !unit::is_within(conn, grant.unit_id, contest.unit_id)? {
            continue;
        }
        let Some(audience) = gate::student_band(conn, grant.unit_id)? else {
            continue;
        };
        let school_id = unit::path(conn, grant.unit_id)?
            .iter()
            .rev()
            .find(|u| u.kind() == Some(UnitKind::School))
            .map(|u| u.id);
        return Ok(Some(Learner {
            audience,
            school_id,
        }));
    }
    Ok(None)
}

/// How the principal stands to a contest: organiser, entrant (with their group), or neither
/// (the contest is not admitted to exist).
enum Standing {
    Organiser,
    Entrant(Learner, store::Group),
}

fn standing(
    conn: &mut DbConnection,
    principal: &Principal,
    contest: &store::Contest,
    groups: &[store::Group],
) -> AppResult<Option<Standing>> {
    if manages(conn, principal, contest.unit_id)? {
        return Ok(Some(Standing::Organiser));
    }
    let Some(learner) = learner_in(conn, principal, contest)? else {
        return Ok(None);
    };
    Ok(groups
        .iter()
        .find(|g| g.audience == learner.audience)
        .cloned()
        .map(|g| Standing::Entrant(learner, g)))
}

fn load(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
) -> AppResult<(store::Contest, Vec<store::Group>, Standing)> {
    let contest = store::find(conn, contest_id)?.ok_or(AppError::NotFound)?;
    let groups = store::groups(conn, contest.id)?;
    let standing = standing(conn, principal, &contest, &groups)?.ok_or(AppError::NotFound)?;
    Ok((contest, groups, standing))
}

fn load_managed(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
) -> AppResult<(store::Contest, store::Round)> {
    let contest = store::find(conn, contest_id)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ManageContests, contest.unit_id)?;
    let round = store::round(conn, round_id)?
        .filter(|r| r.contest_id == contest.id)
        .ok_or(AppError::NotFound)?;
    Ok((contest, round))
}

/// Once the round has closed: submits what is still open and records the prediction's true
/// value (once; later calls change nothing). Returns the round as it now stands.
fn settle(conn: &mut DbConnection, round: store::Round) -> AppResult<store::Round> {
    let now = models::now();
    let settles_at = if round.closed_by_hand {
        round.closes_at
    } else {
        round.closes_at + Duration::seconds(policy::NETWORK_GRACE_SECONDS)
    };
    if round.prediction_truth.is_some() || now < settles_at {
        return Ok(round);
    }
    attempts::submit_live_of_round(conn, round.id)?;
    let finished = finished_of(&store::finished_attempts(conn, round.id)?);
    let truth = i32::try_from(ranking::full_marks_count(&finished)).unwrap_or(i32::MAX);
    store::set_truth(conn, round.id, truth)?;
    store::round(conn, round.id)?.ok_or(AppError::NotFound)
}

fn finished_of(rows: &[store::ResultRow]) -> Vec<Finished> {
    rows.iter()
        .filter_map(|r| {
            let finished_at = r.finished_at?;
            Some(Finished {
                user_id: r.user_id,
                attempt_id: r.attempt_id,
                score: r.score?,
                max_score: r.max_score,
                prediction: r.prediction,
                duration_seconds: (finished_at - r.started_at).num_seconds().max(0),
                submitted_at: finished_at,
            })
        })
        .collect()
}

fn round_view(
    conn: &mut DbConnection,
    round: &store::Round,
    my: Option<MyRound>,
) -> AppResult<ContestRoundView> {
    Ok(ContestRoundView {
        id: round.id,
        position: round.position,
        name: round.name.clone(),
        module_id: round.module_id.clone(),
        tags: tags_of(round),
        question_count: round.question_count,
        time_limit_minutes: round.time_limit_minutes,
        attempts_rule: round.attempts_rule.clone(),
        opens_at: iso(round.opens_at),
        closes_at: iso(round.closes_at),
        status: status(round, models::now()).to_owned(),
        prediction_truth: round.prediction_truth.map(i64::from),
        qualify_rule: round.qualify_rule.clone(),
        qualify_value: round.qualify_value,
        published: round.published_at.is_some(),
        entrants: store::entrant_count(conn, round.id)?,
        certificates: certificates::prize_certificates(
            conn,
            &certificates::knowledge_prize_subject(round.contest_id, round.id),
        )?,
        my,
    })
}

/// Why the learner may not start a new attempt at the round now (`None`: they may).
fn refusal(
    conn: &mut DbConnection,
    user_id: i32,
    round: &store::Round,
    history: &[attempt_store::Attempt],
    now: NaiveDateTime,
) -> AppResult<Option<String>> {
    match status(round, now) {
        "upcoming" => {
            return Ok(Some(format!(
                "Vòng thi chưa mở: mở lúc {}.",
                vietnam_time(round.opens_at)
            )));
        }
        "closed" => return Ok(Some("Vòng thi đã kết thúc.".to_owned())),
        _ => {}
    }
    if round.position > 1 {
        let rounds = store::rounds(conn, round.contest_id)?;
        let previous = rounds.iter().find(|r| r.position == round.position - 1);
        let qualified = match previous {
            Some(p) => store::entrant(conn, p.id, user_id)?.and_then(|e| e.qualified),
            None => Some(true),
        };
        if qualified != Some(true) {
            return Ok(Some(
                "Chỉ thí sinh được chọn từ vòng trước mới dự thi vòng này.".to_owned(),
            ));
        }
    }
    let used: Vec<&attempt_store::Attempt> = history.iter().filter(|a| !a.is_live()).collect();
    if round.attempts_rule == WEEKLY {
        let this_week = ranking::vietnam_week(now);
        if used
            .iter()
            .any(|a| ranking::vietnam_week(a.started_at) == this_week)
        {
            return Ok(Some(
                "Mỗi tuần chỉ được thi một lượt: lượt tiếp theo từ thứ Hai tuần sau.".to_owned(),
            ));
        }
    } else if !used.is_empty() {
        return Ok(Some(
            "Bạn đã thi vòng này: mỗi vòng chỉ được thi một lượt.".to_owned(),
        ));
    }
    Ok(None)
}

fn vietnam_time(at: NaiveDateTime) -> String {
    (at + Duration::hours(7))
        .format("%H:%M ngày %d/%m/%Y")
        .to_string()
}

fn my_round(conn: &mut DbConnection, user_id: i32, round: &store::Round) -> AppResult<MyRound> {
    let now = models::now();
    let history = attempt_store::of_user_in_round(conn, user_id, round.id)?;
    let predictions: HashMap<i32, i64> = store::predictions_of(conn, round.id, user_id)?
        .into_iter()
        .collect();
    let live = history.iter().find(|a| a.is_live() && now <= a.deadline);
    let reason = match live {
        Some(_) => None,
        None => refusal(conn, user_id, round, &history, now)?,
    };
    Ok(MyRound {
        may_start: live.is_none() && reason.is_none(),
        reason,
        live_attempt_id: live.map(|a| a.id),
        attempts: history
            .iter()
            .map(|a| MyRoundAttempt {
                attempt_id: a.id,
                state: a.state.clone(),
                score: a.score,
                max_score: a.max_score,
                prediction: predictions.get(&a.id).copied().unwrap_or_default(),
            })
            .collect(),
        qualified: store::entrant(conn, round.id, user_id)?.and_then(|e| e.qualified),
    })
}

fn view_of(
    conn: &mut DbConnection,
    principal: &Principal,
    contest: &store::Contest,
    groups: &[store::Group],
    standing: &Standing,
) -> AppResult<ContestView> {
    let organiser = unit::find(conn, contest.unit_id)?;
    let mut rounds = Vec::new();
    for round in store::rounds(conn, contest.id)? {
        let round = settle(conn, round)?;
        let my = match standing {
            Standing::Entrant(..) => Some(my_round(conn, principal.user.id, &round)?),
            Standing::Organiser => None,
        };
        rounds.push(round_view(conn, &round, my)?);
    }
    Ok(ContestView {
        id: contest.id,
        title: contest.title.clone(),
        description: contest.description.clone(),
        unit_code: organiser.code,
        unit_name: organiser.name,
        prediction_question: contest.prediction_question.clone(),
        groups: groups
            .iter()
            .map(|g| ContestGroupView {
                id: g.id,
                audience: g.audience.clone(),
                name: g.name.clone(),
            })
            .collect(),
        rounds,
        manage: matches!(standing, Standing::Organiser),
        my_group: match standing {
            Standing::Entrant(_, g) => Some(g.audience.clone()),
            Standing::Organiser => None,
        },
    })
}

/// `GET /api/contests`: the contests the principal organises or may enter, newest first.
pub fn list(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<ContestView>> {
    let mut out = Vec::new();
    for contest in store::all(conn)? {
        let groups = store::groups(conn, contest.id)?;
        if let Some(standing) = standing(conn, principal, &contest, &groups)? {
            out.push(view_of(conn, principal, &contest, &groups, &standing)?);
        }
    }
    Ok(out)
}

/// `GET /api/contests/{contest_id}`.
pub fn show(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
) -> AppResult<ContestView> {
    let (contest, groups, standing) = load(conn, principal, contest_id)?;
    view_of(conn, principal, &contest, &groups, &standing)
}

/// `POST /api/contests`.
pub fn create(
    conn: &mut DbConnection,
    principal: &Principal,
    request: CreateContestRequest,
) -> AppResult<ContestView> {
    let unit = unit::find_by_code(conn, request.unit_code.trim())?.ok_or_else(|| {
        AppError::Validation(format!(
            "unit_code: không có đơn vị mã \"{}\".",
            request.unit_code.trim()
        ))
    })?;
    gate::authorize(conn, principal, Permission::ManageContests, unit.id)?;
    let title = required("title", &request.title, MAX_TITLE_CHARS)?;
    let question = required(
        "prediction_question",
        &request.prediction_question,
        MAX_TEXT_CHARS,
    )?;
    let description = clean(&request.description);
    if description.chars().count() > MAX_TEXT_CHARS {
        return Err(AppError::Validation(format!(
            "description: dài quá {MAX_TEXT_CHARS} ký tự."
        )));
    }
    let mut groups: Vec<(String, String)> = Vec::new();
    for audience in &request.groups {
        let audience = audience.trim();
        let Some((code, name)) = GROUPS.iter().find(|(code, _)| *code == audience) else {
            return Err(AppError::Validation(format!(
                "groups: bảng \"{audience}\" không có; chỉ dùng thcs, thpt, dai_hoc, nghe, gdtx."
            )));
        };
        if !groups.iter().any(|(c, _)| c == code) {
            groups.push(((*code).to_owned(), (*name).to_owned()));
        }
    }
    if groups.is_empty() {
        return Err(AppError::Validation(
            "groups: cần ít nhất một bảng thi.".to_owned(),
        ));
    }
    let id = store::insert(
        conn,
        &store::NewContest {
            title,
            description,
            unit_id: unit.id,
            prediction_question: question,
            created_by: Some(principal.user.id),
            created_at: models::now(),
        },
        &groups,
    )?;
    show(conn, principal, id)
}

/// `POST /api/contests/{contest_id}/rounds`: adds the next round.
pub fn create_round(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    request: CreateRoundRequest,
) -> AppResult<ContestRoundView> {
    let contest = store::find(conn, contest_id)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ManageContests, contest.unit_id)?;
    let name = required("name", &request.name, MAX_TITLE_CHARS)?;
    let module_id = request.module_id.trim().to_owned();
    if attempt_store::module_quiz(conn, &module_id)?.is_none() {
        return Err(AppError::Validation(format!(
            "module_id: không có học phần \"{module_id}\"."
        )));
    }
    let tags: Vec<String> = request
        .tags
        .iter()
        .map(|t| clean(t))
        .filter(|t| !t.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !(1..=MAX_QUESTIONS).contains(&request.question_count) {
        return Err(AppError::Validation(format!(
            "question_count: số câu phải từ 1 đến {MAX_QUESTIONS}."
        )));
    }
    if !(1..=MAX_MINUTES).contains(&request.time_limit_minutes) {
        return Err(AppError::Validation(format!(
            "time_limit_minutes: thời gian làm bài phải từ 1 đến {MAX_MINUTES} phút."
        )));
    }
    let rule = request.attempts_rule.trim();
    if rule != ONCE && rule != WEEKLY {
        return Err(AppError::Validation(
            "attempts_rule: chỉ dùng once (một lượt mỗi vòng) hoặc weekly (một lượt mỗi tuần)."
                .to_owned(),
        ));
    }
    let opens_at = policy::parse_utc(&request.opens_at).ok_or_else(|| {
        AppError::Validation("opens_at: thời điểm mở phải có dạng 2026-12-01T07:00:00Z.".to_owned())
    })?;
    let closes_at = policy::parse_utc(&request.closes_at).ok_or_else(|| {
        AppError::Validation(
            "closes_at: thời điểm đóng phải có dạng 2026-12-01T07:00:00Z.".to_owned(),
        )
    })?;
    if closes_at <= opens_at {
        return Err(AppError::Validation(
            "closes_at: thời điểm đóng phải sau thời điểm mở.".to_owned(),
        ));
    }
    let now = models::now();
    let new = store::NewRound {
        contest_id: contest.id,
        position: 0,
        name,
        module_id,
        tags: serde_json::to_string(&tags).map_err(|e| AppError::Internal(e.into()))?,
        question_count: request.question_count,
        time_limit_minutes: request.time_limit_minutes,
        attempts_rule: rule.to_owned(),
        opens_at,
        closes_at,
        closed_by_hand: false,
        prediction_truth: None,
        qualify_rule: None,
        qualify_value: None,
        qualified_at: None,
        published_at: None,
        created_at: now,
    };
    // A pool the round cannot draw from is refused now, not on the exam day.
    let probe = store::Round {
        id: 0,
        contest_id: new.contest_id,
        position: 0,
        name: new.name.clone(),
        module_id: new.module_id.clone(),
        tags: new.tags.clone(),
        question_count: new.question_count,
        time_limit_minutes: new.time_limit_minutes,
        attempts_rule: new.attempts_rule.clone(),
        opens_at,
        closes_at,
        closed_by_hand: false,
        prediction_truth: None,
        qualify_rule: None,
        qualify_value: None,
        qualified_at: None,
        published_at: None,
        created_at: now,
    };
    let rules = rules_of(conn, &probe)?;
    let pool = attempts::round_pool_size(conn, &probe.module_id, &rules)?;
    if pool == 0 {
        return Err(AppError::Validation(
            "tags: học phần không có câu hỏi chấm tự động nào mang các nhãn này.".to_owned(),
        ));
    }
    let id = store::insert_round(conn, &new)?;
    let round = store::round(conn, id)?.ok_or(AppError::NotFound)?;
    round_view(conn, &round, None)
}

/// `POST /api/contests/{contest_id}/rounds/{round_id}/entries`: an entrant starts the round
/// (or resumes their live attempt) giving their prediction. Returns whether a new attempt was
/// created.
pub fn enter(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
    request: EnterRoundRequest,
) -> AppResult<(bool, AttemptStarted)> {
    let (_, _, standing) = load(conn, principal, contest_id)?;
    let Standing::Entrant(learner, group) = standing else {
        return Err(AppError::Forbidden);
    };
    let round = store::round(conn, round_id)?
        .filter(|r| r.contest_id == contest_id)
        .ok_or(AppError::NotFound)?;
    if !(0..=MAX_PREDICTION).contains(&request.prediction) {
        return Err(AppError::Validation(format!(
            "prediction: câu trả lời dự đoán phải là số nguyên từ 0 đến {MAX_PREDICTION}."
        )));
    }
    let quiz = RoundQuiz {
        round_id: round.id,
        module_id: round.module_id.clone(),
        policy: policy_of_round(&round),
        rules: rules_of(conn, &round)?,
    };
    let user_id = principal.user.id;
    let (created, started) = attempts::start_round(conn, user_id, &quiz, |conn, history, now| {
        match refusal(conn, user_id, &round, history, now)? {
            Some(reason) => Err(AppError::Conflict(reason)),
            None => Ok(()),
        }
    })?;
    store::enrol(
        conn,
        &store::Entrant {
            round_id: round.id,
            user_id,
            group_id: group.id,
            school_id: learner.school_id,
            entered_at: models::now(),
            qualified: None,
        },
    )?;
    store::set_prediction(
        conn,
        started.attempt_id,
        round.id,
        user_id,
        request.prediction,
    )?;
    Ok((created, started))
}

/// `POST …/rounds/{round_id}/close`: closes the round now; open attempts are submitted.
pub fn close(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
) -> AppResult<ContestRoundView> {
    let (_, round) = load_managed(conn, principal, contest_id, round_id)?;
    store::close(conn, round.id, models::now())?;
    attempts::submit_live_of_round(conn, round.id)?;
    let round = store::round(conn, round.id)?.ok_or(AppError::NotFound)?;
    let round = settle(conn, round)?;
    round_view(conn, &round, None)
}

fn require_closed(round: &store::Round, what: &str) -> AppResult<()> {
    if round.prediction_truth.is_none() {
        return Err(AppError::Conflict(format!(
            "Vòng thi chưa kết thúc: chỉ {what} sau khi đóng vòng."
        )));
    }
    Ok(())
}

/// `POST …/rounds/{round_id}/qualify`: applies the rule for the next round to every group.
pub fn qualify(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
    request: QualifyRequest,
) -> AppResult<QualifySummary> {
    let (_, round) = load_managed(conn, principal, contest_id, round_id)?;
    let round = settle(conn, round)?;
    require_closed(&round, "xét chọn vào vòng sau")?;
    let rule = QualifyRule::parse(request.rule.trim(), request.value).map_err(|m| {
        AppError::Validation(if m.starts_with("value") || m.starts_with("rule") {
            m
        } else {
            format!("rule: {m}")
        })
    })?;
    let rows = store::finished_attempts(conn, round.id)?;
    let truth = round.prediction_truth.map(i64::from);
    let school_of: HashMap<i32, Option<i32>> =
        rows.iter().map(|r| (r.user_id, r.school_id)).collect();
    let mut by_group: HashMap<i32, Vec<&store::ResultRow>> = HashMap::new();
    for row in &rows {
        by_group.entry(row.group_id).or_default().push(row);
    }
    let mut qualified = Vec::new();
    for group_rows in by_group.values() {
        let owned: Vec<store::ResultRow> = group_rows.iter().map(|r| (*r).clone()).collect();
        let ranked = ranking::rank(&finished_of(&owned), truth);
        qualified.extend(ranking::qualify(&ranked, rule, &school_of));
    }
    store::set_qualified(
        conn,
        round.id,
        rule.as_str(),
        rule.value(),
        &qualified,
        models::now(),
    )?;
    Ok(QualifySummary {
        entrants: store::entrant_count(conn, round.id)?,
        qualified: qualified.len() as i64,
    })
}

/// `POST …/rounds/{round_id}/publish`: entrants may now see the round's leaderboard, and the
/// prize winners of each group (by `request.prize_counts`) get their `contest_prize`
/// certificates in the same transaction. The first publication decides: publishing again
/// changes nothing and issues nothing.
pub fn publish(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
    request: &PublishRoundRequest,
) -> AppResult<ContestRoundView> {
    let (contest, round) = load_managed(conn, principal, contest_id, round_id)?;
    let round = settle(conn, round)?;
    require_closed(&round, "công bố kết quả")?;
    let counts = request.prize_counts;
    if counts.iter().any(|c| !(0..=MAX_PRIZES).contains(c)) {
        return Err(AppError::Validation(format!(
            "prize_counts: mỗi hạng giải từ 0 đến {MAX_PRIZES} mỗi bảng."
        )));
    }
    let now = models::now();
    conn.transaction(|conn| -> AppResult<()> {
        if store::publish(conn, round.id, now)? {
            issue_prize_certificates(conn, &contest, &round, counts, now)?;
        }
        Ok(())
    })?;
    let round = store::round(conn, round.id)?.ok_or(AppError::NotFound)?;
    round_view(conn, &round, None)
}

/// The certificates of a round's prize winners, group by group: the contest's title, the
/// prize with the group and round, the entrant's school, the publication date.
fn issue_prize_certificates(
    conn: &mut DbConnection,
    contest: &store::Contest,
    round: &store::Round,
    counts: [i32; 4],
    published_at: NaiveDateTime,
) -> AppResult<()> {
    if counts.iter().all(|c| *c == 0) {
        return Ok(());
    }
    let groups = store::groups(conn, contest.id)?;
    let rows = store::finished_attempts(conn, round.id)?;
    let ranked = ranked_by_group(&rows, &groups, round.prediction_truth.map(i64::from));
    let schools = school_names(conn, &rows)?;
    let school_of: HashMap<i32, Option<i32>> =
        rows.iter().map(|r| (r.user_id, r.school_id)).collect();
    let subject_id = certificates::knowledge_prize_subject(contest.id, round.id);
    let period = SchoolYear::containing(published_at.date()).to_string();
    for (audience, r) in &ranked {
        let Some(prize) = ranking::prize_for(r.rank, counts) else {
            continue;
        };
        let group = groups
            .iter()
            .find(|g| &g.audience == audience)
            .map_or(audience.as_str(), |g| g.name.as_str());
        certificates::issue(
            conn,
            &CertificateIssue {
                kind: CertificateKind::ContestPrize,
                user_id: r.best.user_id,
                subject_id: subject_id.clone(),
                period: period.clone(),
                subject_title: contest.title.clone(),
                detail: Some(format!("{} — {}, {}", prize.label(), group, round.name)),
                unit_name: school_of
                    .get(&r.best.user_id)
                    .copied()
                    .flatten()
                    .and_then(|s| schools.get(&s).cloned()),
                issued_at: published_at,
                expires_at: None,
            },
        )?;
    }
    Ok(())
}

/// What the leaderboard is asked for.
#[derive(Debug, Clone, Default)]
pub struct BoardQuery {
    pub round: Option<i32>,
    pub group: Option<String>,
    pub unit: Option<String>,
}

/// `GET /api/contests/{contest_id}/leaderboard`: organisers see it live; entrants once the
/// round is published.
pub fn leaderboard(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    query: BoardQuery,
) -> AppResult<Leaderboard> {
    let (contest, groups, standing) = load(conn, principal, contest_id)?;
    let organiser = matches!(standing, Standing::Organiser);
    let rounds = store::rounds(conn, contest.id)?;
    let now = models::now();
    let round = match query.round {
        Some(id) => rounds
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound)?,
        None if organiser => {
            let started: Vec<&store::Round> = rounds.iter().filter(|r| r.opens_at <= now).collect();
            started
                .last()
                .copied()
                .or(rounds.first())
                .cloned()
                .ok_or(AppError::NotFound)?
        }
        None => rounds
            .iter()
            .rev()
            .find(|r| r.published_at.is_some())
            .cloned()
            .ok_or(AppError::Forbidden)?,
    };
    let round = settle(conn, round)?;
    if !organiser && round.published_at.is_none() {
        return Err(AppError::Forbidden);
    }
    let group = match query
        .group
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
    {
        Some(audience) => Some(
            groups
                .iter()
                .find(|g| g.audience == audience)
                .cloned()
                .ok_or_else(|| {
                    AppError::Validation(format!("group: cuộc thi không có bảng \"{audience}\"."))
                })?,
        ),
        None => None,
    };
    let unit = match query
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(code) => Some(unit::find_by_code(conn, code)?.ok_or_else(|| {
            AppError::Validation(format!("unit: không có đơn vị mã \"{code}\"."))
        })?),
        None => None,
    };
    let within: Option<HashSet<i32>> = match &unit {
        Some(u) => Some(store::subtree_ids(conn, u.id)?.into_iter().collect()),
        None => None,
    };
    let rows: Vec<store::ResultRow> = store::finished_attempts(conn, round.id)?
        .into_iter()
        .filter(|r| group.as_ref().is_none_or(|g| g.id == r.group_id))
        .filter(|r| {
            within
                .as_ref()
                .is_none_or(|w| r.school_id.is_some_and(|s| w.contains(&s)))
        })
        .collect();
    let ranked = ranked_by_group(&rows, &groups, round.prediction_truth.map(i64::from));
    let schools = school_names(conn, &rows)?;
    let facts: HashMap<i32, &store::ResultRow> = rows.iter().map(|r| (r.user_id, r)).collect();
    Ok(Leaderboard {
        contest_id: contest.id,
        round_id: round.id,
        round_name: round.name.clone(),
        group: group.map(|g| g.audience),
        unit_code: unit.map(|u| u.code),
        closed: status(&round, now) == "closed",
        published: round.published_at.is_some(),
        prediction_truth: round.prediction_truth.map(i64::from),
        rows: ranked
            .iter()
            .map(|(audience, r)| {
                let fact = facts.get(&r.best.user_id);
                LeaderboardRow {
                    rank: r.rank,
                    name: fact.map(|f| f.full_name.clone()).unwrap_or_default(),
                    school_name: fact
                        .and_then(|f| f.school_id)
                        .and_then(|s| schools.get(&s).cloned())
                        .unwrap_or_default(),
                    group: audience.clone(),
                    score: r.best.score,
                    max_score: r.best.max_score,
                    prediction: r.best.prediction,
                    prediction_gap: r.gap,
                    duration_seconds: r.best.duration_seconds,
                    submitted_at: iso(r.best.submitted_at),
                    qualified: fact.and_then(|f| f.qualified),
                }
            })
            .collect(),
    })
}

/// Each group's ranking, groups in the contest's order: (audience, ranked entrant).
fn ranked_by_group(
    rows: &[store::ResultRow],
    groups: &[store::Group],
    truth: Option<i64>,
) -> Vec<(String, Ranked)> {
    let mut out = Vec::new();
    for group in groups {
        let mine: Vec<store::ResultRow> = rows
            .iter()
            .filter(|r| r.group_id == group.id)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        for r in ranking::rank(&finished_of(&mine), truth) {
            out.push((group.audience.clone(), r));
        }
    }
    out
}

fn school_names(
    conn: &mut DbConnection,
    rows: &[store::ResultRow],
) -> AppResult<HashMap<i32, String>> {
    let ids: Vec<i32> = rows
        .iter()
        .filter_map(|r| r.school_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(store::unit_names(conn, &ids)?
        .into_iter()
        .map(|(id, (_, name))| (id, name))
        .collect())
}

/// `GET …/rounds/{round_id}/results.csv`: every group's ranking for Excel (UTF-8 with BOM,
/// Vietnamese headers), organisers only. Returns the bytes and a file name.
pub fn results_csv(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    round_id: i32,
) -> AppResult<(Vec<u8>, String)> {
    let (contest, round) = load_managed(conn, principal, contest_id, round_id)?;
    let round = settle(conn, round)?;
    let groups = store::groups(conn, contest.id)?;
    let rows = store::finished_attempts(conn, round.id)?;
    let truth = round.prediction_truth.map(i64::from);
    let ranked = ranked_by_group(&rows, &groups, truth);
    let schools = school_names(conn, &rows)?;
    let facts: HashMap<i32, &store::ResultRow> = rows.iter().map(|r| (r.user_id, r)).collect();
    let group_names: HashMap<&str, &str> = groups
        .iter()
        .map(|g| (g.audience.as_str(), g.name.as_str()))
        .collect();
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!(e));
        writer
            .write_record([
                "Bảng",
                "Hạng",
                "Họ và tên",
                "Tên đăng nhập",
                "Trường",
                "Điểm",
                "Điểm tối đa",
                "Dự đoán",
                "Đáp án dự đoán",
                "Chênh lệch dự đoán",
                "Thời gian làm bài (giây)",
                "Nộp bài lúc (giờ Việt Nam)",
                "Vào vòng sau",
            ])
            .map_err(fail)?;
        for (audience, r) in &ranked {
            let fact = facts.get(&r.best.user_id);
            let qualified = match fact.and_then(|f| f.qualified) {
                Some(true) => "Có",
                Some(false) => "Không",
                None => "",
            };
            writer
                .write_record([
                    group_names
                        .get(audience.as_str())
                        .copied()
                        .unwrap_or(audience.as_str())
                        .to_owned(),
                    r.rank.to_string(),
                    fact.map(|f| f.full_name.clone()).unwrap_or_default(),
                    fact.map(|f| f.username.clone()).unwrap_or_default(),
                    fact.and_then(|f| f.school_id)
                        .and_then(|s| schools.get(&s).cloned())
                        .unwrap_or_default(),
                    number(r.best.score),
                    number(r.best.max_score),
                    r.best.prediction.map(|p| p.to_string()).unwrap_or_default(),
                    truth.map(|t| t.to_string()).unwrap_or_default(),
                    r.gap.map(|g| g.to_string()).unwrap_or_default(),
                    r.best.duration_seconds.to_string(),
                    (r.best.submitted_at + Duration::hours(7))
                        .format("%d/%m/%Y %H:%M:%S")
                        .to_string(),
                    qualified.to_owned(),
                ])
                .map_err(fail)?;
        }
        writer.flush().map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok((
        out,
        format!(
            "ket-qua-cuoc-thi-{}-vong-{}.csv",
            contest.id, round.position
        ),
    ))
}

fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
