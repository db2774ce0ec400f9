//! Creative contests (poster, model, video) and their panel judging (issue 8): contests and
//! rubrics, entries and their files, the judging panel, assignment, blind scoring,
//! aggregation, publication with prize tiers (and the winners' `contest_prize` certificates,
//! in the same transaction), the public gallery and the popular vote.
//!
//! Blindness is structural: the judge-facing views ([`JudgeAssignment`], [`JudgeEntryView`])
//! have no field that could carry an entrant's name, school or account.

pub mod aggregate;
pub mod assign;
pub mod files;
pub mod storage;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::Connection;
use hocdvc_api::{
    Aggregation, AssignmentRun, CertificateKind, ConflictRequest, ContestPhase, ContestResults,
    CreateCreativeContest, CreativeContestView, CriterionScore, CriterionView, EntryFileView,
    EntryKind, EntryRequest, ErrorDetail, GalleryEntry, JudgeAssignment, JudgeEntryView,
    ManualAssignment, MyEntry, OrganiserEntry, OrganiserScore, PanelJudge, PeerScore, PrizeTier,
    ScoreRequest, UpdateCreativeContest, VoteResult,
};

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear, UnitKind, text};
use crate::error::{AppError, AppResult};
use crate::models::judging::{self as db, Contest, Entry, EntryFile, NewContest, NewEntry};
use crate::models::{self, assignment, grant, teacher, unit, user};
use crate::services::assignments::current_school_year;
use crate::services::auth::Principal;
use crate::services::certificates::{self, CertificateIssue};
use crate::services::gate::{self, Permission};

/// Default largest entry file: 20 MB.
pub const DEFAULT_MAX_FILE_BYTES: i64 = 20 * 1024 * 1024;
/// Bounds an organiser may set for the largest file.
pub const MAX_FILE_BYTES_RANGE: std::ops::RangeInclusive<i64> = 1024 * 1024..=200 * 1024 * 1024;
/// Files one entry may hold.
pub const MAX_FILES_PER_ENTRY: usize = 6;
pub const TITLE_MAX: usize = 150;
pub const STATEMENT_MAX: usize = 3000;
/// Default spread (points of 100) above which an entry is flagged.
pub const DEFAULT_DISAGREEMENT: f64 = 25.0;

fn field_error(field: &str, message: impl Into<String>) -> AppError {
    let message = message.into();
    AppError::Rejected {
        message: message.clone(),
        details: vec![ErrorDetail {
            line: None,
            column: Some(field.to_owned()),
            message,
        }],
    }
}

pub fn phase(contest: &Contest, now: NaiveDateTime) -> ContestPhase {
    if contest.published_at.is_some() {
        ContestPhase::Published
    } else if now < contest.submission_opens_at {
        ContestPhase::Upcoming
    } else if now < contest.submission_closes_at {
        ContestPhase::Submission
    } else {
        ContestPhase::Judging
    }
}

fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `2026-12-01T17:00`, with optional seconds and `Z`; UTC.
pub fn parse_time(field: &str, raw: &str) -> AppResult<NaiveDateTime> {
    let t = raw.trim().trim_end_matches('Z');
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(parsed) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(parsed);
        }
    }
    Err(field_error(
        field,
        format!("{field}: thời điểm không hợp lệ (dạng 2026-12-01T17:00)."),
    ))
}

fn kind_of(contest: &Contest) -> EntryKind {
    EntryKind::parse(&contest.kind).unwrap_or(EntryKind::Poster)
}

fn aggregation_of(contest: &Contest) -> Aggregation {
    Aggregation::parse(&contest.aggregation).unwrap_or(Aggregation::Mean)
}

fn prize_counts(contest: &Contest) -> [i32; 4] {
    [
        contest.prize_first,
        contest.prize_second,
        contest.prize_third,
        contest.prize_merit,
    ]
}

fn criterion_view(c: &db::Criterion) -> CriterionView {
    CriterionView {
        id: c.id,
        name: c.name.clone(),
        weight: c.weight,
        scale_max: c.scale_max,
        guidance: c.guidance.clone(),
    }
}

pub fn contest_view(conn: &mut DbConnection, contest: &Contest) -> AppResult<CreativeContestView> {
    let owner = unit::find(conn, contest.unit_id)?;
    let rubric = db::rubric(conn, contest.id)?;
    Ok(CreativeContestView {
        id: contest.id,
        title: contest.title.clone(),
        kind: kind_of(contest),
        description: contest.description.clone(),
        unit_code: owner.code,
        unit_name: owner.name,
        submission_opens_at: iso(contest.submission_opens_at),
        submission_closes_at: iso(contest.submission_closes_at),
        phase: phase(contest, models::now()),
        team_size_max: contest.team_size_max,
        max_file_bytes: contest.max_file_bytes,
        judges_per_entry: contest.judges_per_entry,
        aggregation: aggregation_of(contest),
        disagreement_threshold: contest.disagreement_threshold,
        prize_counts: prize_counts(contest),
        popular_vote: contest.popular_vote,
        rubric: rubric.iter().map(criterion_view).collect(),
    })
}

fn load_contest(conn: &mut DbConnection, id: i32) -> AppResult<Contest> {
    db::find_contest(conn, id)?.ok_or(AppError::NotFound)
}

fn authorize_organiser(
    conn: &mut DbConnection,
    principal: &Principal,
    contest: &Contest,
) -> AppResult<()> {
    gate::authorize(
        conn,
        principal,
        Permission::ManageCreativeContests,
        contest.unit_id,
    )
}

// ---- contests -------------------------------------------------------------------------------

/// The rubric checked: names, weights adding up to 100, scales.
fn check_rubric(
    rubric: &[hocdvc_api::CriterionInput],
) -> AppResult<Vec<(String, i32, i32, String)>> {
    if rubric.is_empty() || rubric.len() > 12 {
        return Err(field_error(
            "Tiêu chí chấm",
            "Tiêu chí chấm: cần từ 1 đến 12 tiêu chí.",
        ));
    }
    let mut out = Vec::new();
    for (i, c) in rubric.iter().enumerate() {
        let name = text::clean(&c.name);
        let line = i + 1;
        if name.is_empty() || name.chars().count() > 100 {
            return Err(field_error(
                "Tiêu chí chấm",
                format!("Tiêu chí chấm, dòng {line}: cần tên (tối đa 100 ký tự)."),
            ));
        }
        if !(1..=100).contains(&c.weight) || !(1..=100).contains(&c.scale_max) {
            return Err(field_error(
                "Tiêu chí chấm",
                format!("Tiêu chí chấm, dòng {line}: trọng số và thang điểm phải từ 1 đến 100."),
            ));
        }
        out.push((
            name,
            c.weight,
            c.scale_max,
            text::clean_multiline(&c.guidance),
        ));
    }
    let sum: i32 = rubric.iter().map(|c| c.weight).sum();
    if sum != 100 {
        return Err(field_error(
            "Tiêu chí chấm",
            format!("Tiêu chí chấm: tổng trọng số phải là 100 (đang là {sum})."),
        ));
    }
    Ok(out)
}

/// `POST /api/creative-contests`.
pub fn create_contest(
    conn: &mut DbConnection,
    principal: &Principal,
    request: &CreateCreativeContest,
) -> AppResult<CreativeContestView> {
    let owner = unit::find_by_code(conn, request.unit_code.trim())?
        .ok_or_else(|| field_error("Đơn vị tổ chức", "Đơn vị tổ chức: không có đơn vị mã này."))?;
    gate::authorize(
        conn,
        principal,
        Permission::ManageCreativeContests,
        owner.id,
    )?;
    let title = text::clean(&request.title);
    if title.chars().count() < 3 || title.chars().count() > 200 {
        return Err(field_error(
            "Tên cuộc thi",
            "Tên cuộc thi: từ 3 đến 200 ký tự.",
        ));
    }
    let opens = parse_time("Mở nhận bài", &request.submission_opens_at)?;
    let closes = parse_time("Hạn nộp bài", &request.submission_closes_at)?;
    if closes <= opens {
        return Err(field_error(
            "Hạn nộp bài",
            "Hạn nộp bài: phải sau thời điểm mở nhận bài.",
        ));
    }
    if !(1..=10).contains(&request.team_size_max) {
        return Err(field_error(
            "Số thành viên tối đa",
            "Số thành viên tối đa: từ 1 đến 10.",
        ));
    }
    if !(1..=9).contains(&request.judges_per_entry) {
        return Err(field_error(
            "Số giám khảo mỗi bài",
            "Số giám khảo mỗi bài: từ 1 đến 9.",
        ));
    }
    let max_file_bytes = request.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES);
    if !MAX_FILE_BYTES_RANGE.contains(&max_file_bytes) {
        return Err(field_error(
            "Dung lượng tệp tối đa",
            "Dung lượng tệp tối đa: từ 1 MB đến 200 MB.",
        ));
    }
    let rubric = check_rubric(&request.rubric)?;
    let now = models::now();
    let id = db::insert_contest(
        conn,
        &NewContest {
            unit_id: owner.id,
            title,
            kind: request.kind.as_str().to_owned(),
            description: text::clean_multiline(&request.description),
            submission_opens_at: opens,
            submission_closes_at: closes,
            team_size_max: request.team_size_max,
            max_file_bytes,
            judges_per_entry: request.judges_per_entry,
            aggregation: Aggregation::Mean.as_str().to_owned(),
            disagreement_threshold: DEFAULT_DISAGREEMENT,
            prize_first: 1,
            prize_second: 2,
            prize_third: 3,
            prize_merit: 5,
            popular_vote: false,
            published_at: None,
            created_by: Some(principal.user.id),
            created_at: now,
        },
        &rubric,
    )?;
    let contest = load_contest(conn, id)?;
    contest_view(conn, &contest)
}

/// `PATCH /api/creative-contests/{id}`.
pub fn update_contest(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    request: &UpdateCreativeContest,
) -> AppResult<CreativeContestView> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    if contest.published_at.is_some() {
        return Err(AppError::Conflict(
            "Kết quả đã công bố; không sửa được thiết lập.".to_owned(),
        ));
    }
    let threshold = request
        .disagreement_threshold
        .unwrap_or(contest.disagreement_threshold);
    if !(0.0..=100.0).contains(&threshold) {
        return Err(field_error(
            "Ngưỡng chênh lệch",
            "Ngưỡng chênh lệch: từ 0 đến 100 điểm.",
        ));
    }
    let prizes = request.prize_counts.unwrap_or(prize_counts(&contest));
    if prizes.iter().any(|p| !(0..=100).contains(p)) {
        return Err(field_error("Số giải", "Số giải: mỗi hạng từ 0 đến 100."));
    }
    let closes = match &request.submission_closes_at {
        Some(raw) => {
            let closes = parse_time("Hạn nộp bài", raw)?;
            if closes <= contest.submission_opens_at {
                return Err(field_error(
                    "Hạn nộp bài",
                    "Hạn nộp bài: phải sau thời điểm mở nhận bài.",
                ));
            }
            closes
        }
        None => contest.submission_closes_at,
    };
    db::update_settings(
        conn,
        id,
        request
            .aggregation
            .unwrap_or(aggregation_of(&contest))
            .as_str(),
        threshold,
        prizes,
        request.popular_vote.unwrap_or(contest.popular_vote),
        closes,
    )?;
    let contest = load_contest(conn, id)?;
    contest_view(conn, &contest)
}

/// `GET /api/creative-contests`: every contest (titles and rules are public to signed-in
/// users; entrants need them to take part).
pub fn list_contests(conn: &mut DbConnection) -> AppResult<Vec<CreativeContestView>> {
    db::all_contests(conn)?
        .iter()
        .map(|c| contest_view(conn, c))
        .collect()
}

pub fn show_contest(conn: &mut DbConnection, id: i32) -> AppResult<CreativeContestView> {
    let contest = load_contest(conn, id)?;
    contest_view(conn, &contest)
}

// ---- panel ----------------------------------------------------------------------------------

/// The schools a judge is affiliated with: every school at or above one of their role grants,
/// and the school of their teacher record.
pub fn judge_schools(conn: &mut DbConnection, judge_id: i32) -> AppResult<BTreeSet<i32>> {
    let mut schools = BTreeSet::new();
    for g in grant::for_user(conn, judge_id)? {
        for u in unit::path(conn, g.unit_id)? {
            if u.kind() == Some(UnitKind::School) {
                schools.insert(u.id);
            }
        }
    }
    if let Some(school) = teacher::school_of(conn, judge_id)? {
        schools.insert(school);
    }
    Ok(schools)
}

fn panel(conn: &mut DbConnection, contest: &Contest) -> AppResult<Vec<PanelJudge>> {
    let assignments = db::assignments(conn, db::AssignmentsOf::Contest(contest.id))?;
    let mut out = Vec::new();
    for (id, username, full_name) in db::judges(conn, contest.id)? {
        let mut schools = Vec::new();
        for school in judge_schools(conn, id)? {
            schools.push(unit::find(conn, school)?.name);
        }
        let mine: Vec<_> = assignments.iter().filter(|a| a.judge_id == id).collect();
        out.push(PanelJudge {
            user_id: id,
            username,
            full_name,
            schools,
            assigned: mine.len() as i32,
            submitted: mine.iter().filter(|a| a.submitted_at.is_some()).count() as i32,
        });
    }
    Ok(out)
}

/// `PUT /api/creative-contests/{id}/judges`: every username must hold the judge role.
pub fn set_judges(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    usernames: &[String],
) -> AppResult<Vec<PanelJudge>> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    let mut ids = Vec::new();
    for name in usernames {
        let name = name.trim();
        let account = user::find_by_username(conn, name)?.ok_or_else(|| {
            field_error(
                "Giám khảo",
                format!("Giám khảo: không có tài khoản «{name}»."),
            )
        })?;
        let is_judge = grant::for_user(conn, account.id)?
            .iter()
            .any(|g| g.role == Role::Judge);
        if !is_judge {
            return Err(field_error(
                "Giám khảo",
                format!("Giám khảo: tài khoản «{name}» không có vai trò giám khảo."),
            ));
        }
        if !ids.contains(&account.id) {
            ids.push(account.id);
        }
    }
    db::set_judges(conn, id, &ids)?;
    panel(conn, &contest)
}

fn live_entries(conn: &mut DbConnection, contest_id: i32) -> AppResult<Vec<Entry>> {
    Ok(db::entries_of(conn, contest_id)?
        .into_iter()
        .filter(|e| e.status == "submitted")
        .collect())
}

/// `POST /api/creative-contests/{id}/assign`: fills every entry up to `k` judges.
pub fn auto_assign(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
) -> AppResult<AssignmentRun> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    if phase(&contest, models::now()) != ContestPhase::Judging {
        return Err(AppError::Conflict(
            "Chỉ phân công chấm sau khi hết hạn nộp bài và trước khi công bố kết quả.".to_owned(),
        ));
    }
    let entries = live_entries(conn, id)?;
    let panel_ids: Vec<(i32, String, String)> = db::judges(conn, id)?;
    let mut judges = Vec::new();
    for (jid, _, _) in &panel_ids {
        judges.push(assign::JudgeNode {
            id: *jid,
            schools: judge_schools(conn, *jid)?,
        });
    }
    let conflicts: BTreeSet<(i32, i32)> = db::conflicts(conn, id)?.into_iter().collect();
    let existing: Vec<(i32, i32)> = db::assignments(conn, db::AssignmentsOf::Contest(id))?
        .iter()
        .map(|a| (a.entry_id, a.judge_id))
        .collect();
    let nodes: Vec<assign::EntryNode> = entries
        .iter()
        .map(|e| assign::EntryNode {
            id: e.id,
            school_id: e.school_id,
        })
        .collect();
    let created = assign::assign(
        &nodes,
        &judges,
        &conflicts,
        &existing,
        contest.judges_per_entry as usize,
    )
    .map_err(|shortfalls| {
        let details: Vec<ErrorDetail> = shortfalls
            .iter()
            .map(|s| ErrorDetail {
                line: None,
                column: Some(format!("Bài dự thi #{}", s.entry_id)),
                message: format!(
                    "Bài dự thi #{}: chỉ có {} giám khảo đủ điều kiện (không cùng trường, không xung đột), cần {}.",
                    s.entry_id, s.eligible, s.needed
                ),
            })
            .collect();
        AppError::Rejected {
            message: format!(
                "Không phân công được: {} bài thiếu giám khảo đủ điều kiện. Hãy thêm giám khảo hoặc giảm số giám khảo mỗi bài.",
                details.len()
            ),
            details,
        }
    })?;
    let now = models::now();
    for (entry, judge) in &created {
        db::insert_assignment(conn, *entry, *judge, "auto", now)?;
    }
    let all = db::assignments(conn, db::AssignmentsOf::Contest(id))?;
    Ok(AssignmentRun {
        created: created.len() as i32,
        kept: existing.len() as i32,
        loads: panel_ids
            .iter()
            .map(|(jid, name, _)| hocdvc_api::JudgeLoad {
                username: name.clone(),
                entries: all.iter().filter(|a| a.judge_id == *jid).count() as i32,
            })
            .collect(),
    })
}

fn load_entry_of(conn: &mut DbConnection, contest: &Contest, entry_id: i32) -> AppResult<Entry> {
    db::find_entry(conn, entry_id)?
        .filter(|e| e.contest_id == contest.id)
        .ok_or_else(|| field_error("Bài dự thi", "Bài dự thi: không thuộc cuộc thi này."))
}

/// `POST /api/creative-contests/{id}/assignments`: the organiser's override. Conflicts still
/// hold: a judge never gets an entry of their own school or a declared conflict.
pub fn add_assignment(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    request: &ManualAssignment,
) -> AppResult<ContestResults> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    if contest.published_at.is_some() {
        return Err(AppError::Conflict("Kết quả đã công bố.".to_owned()));
    }
    let entry = load_entry_of(conn, &contest, request.entry_id)?;
    if !db::is_judge_of(conn, id, request.judge_id)? {
        return Err(field_error(
            "Giám khảo",
            "Giám khảo: không có trong hội đồng của cuộc thi.",
        ));
    }
    if judge_schools(conn, request.judge_id)?.contains(&entry.school_id) {
        return Err(AppError::Conflict(
            "Giám khảo cùng trường với bài dự thi này (xung đột lợi ích); không phân công được."
                .to_owned(),
        ));
    }
    if db::conflicts(conn, id)?.contains(&(request.judge_id, entry.id)) {
        return Err(AppError::Conflict(
            "Giám khảo đã khai báo xung đột lợi ích với bài này; không phân công được.".to_owned(),
        ));
    }
    if db::assignments(conn, db::AssignmentsOf::Entry(entry.id))?
        .iter()
        .any(|a| a.judge_id == request.judge_id)
    {
        return Err(AppError::Conflict(
            "Giám khảo đã được phân công bài này.".to_owned(),
        ));
    }
    db::insert_assignment(conn, entry.id, request.judge_id, "manual", models::now())?;
    results(conn, principal, id)
}

/// `DELETE /api/creative-contests/{id}/assignments/{assignment_id}`: only before the judge
/// submitted.
pub fn remove_assignment(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    assignment_id: i32,
) -> AppResult<ContestResults> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    let found = db::assignments(conn, db::AssignmentsOf::Contest(id))?
        .into_iter()
        .find(|a| a.id == assignment_id)
        .ok_or(AppError::NotFound)?;
    if found.submitted_at.is_some() {
        return Err(AppError::Conflict(
            "Giám khảo đã nộp điểm bài này; không gỡ phân công được.".to_owned(),
        ));
    }
    db::delete_assignment(conn, assignment_id)?;
    results(conn, principal, id)
}

fn clean_reason(reason: &str) -> AppResult<String> {
    let reason = text::clean(reason);
    if reason.is_empty() || reason.chars().count() > 300 {
        return Err(field_error(
            "Lý do",
            "Lý do: cần ghi lý do (tối đa 300 ký tự).",
        ));
    }
    Ok(reason)
}

/// Records a conflict and drops the judge's unsubmitted assignment of the entry.
fn record_conflict(
    conn: &mut DbConnection,
    judge_id: i32,
    entry: &Entry,
    reason: &str,
) -> AppResult<()> {
    db::add_conflict(conn, judge_id, entry.id, reason, models::now())?;
    for a in db::assignments(conn, db::AssignmentsOf::Entry(entry.id))? {
        if a.judge_id == judge_id && a.submitted_at.is_none() {
            db::delete_assignment(conn, a.id)?;
        }
    }
    Ok(())
}

/// `POST /api/creative-contests/{id}/conflicts`: the organiser records a judge's conflict.
pub fn organiser_conflict(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    request: &ConflictRequest,
) -> AppResult<ContestResults> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    let judge_id = request
        .judge_id
        .ok_or_else(|| field_error("Giám khảo", "Giám khảo: hãy chọn giám khảo."))?;
    let entry_id = request
        .entry_id
        .ok_or_else(|| field_error("Bài dự thi", "Bài dự thi: hãy chọn bài."))?;
    let entry = load_entry_of(conn, &contest, entry_id)?;
    if !db::is_judge_of(conn, id, judge_id)? {
        return Err(field_error(
            "Giám khảo",
            "Giám khảo: không có trong hội đồng của cuộc thi.",
        ));
    }
    let reason = clean_reason(&request.reason)?;
    record_conflict(conn, judge_id, &entry, &reason)?;
    results(conn, principal, id)
}

/// `POST /api/judging/entries/{entry_id}/conflict`: a judge declares a conflict with an
/// entry they were given; the assignment is withdrawn (the organiser re-assigns).
pub fn declare_conflict(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
    reason: &str,
) -> AppResult<Vec<JudgeAssignment>> {
    let (assignment, entry, _) = judge_assignment(conn, principal, entry_id)?;
    if assignment.submitted_at.is_some() {
        return Err(AppError::Conflict(
            "Thầy/cô đã nộp điểm bài này; hãy liên hệ ban tổ chức.".to_owned(),
        ));
    }
    let reason = clean_reason(reason)?;
    record_conflict(conn, principal.user.id, &entry, &reason)?;
    my_assignments(conn, principal)
}

// ---- results, ranking, publication ----------------------------------------------------------

struct Computed {
    per_entry: BTreeMap<i32, aggregate::EntryAggregate>,
    totals: BTreeMap<i32, f64>, // assignment id → total
}

fn compute(conn: &mut DbConnection, contest: &Contest) -> AppResult<Computed> {
    let criteria: Vec<(i32, i32, i32)> = db::rubric(conn, contest.id)?
        .iter()
        .map(|c| (c.id, c.weight, c.scale_max))
        .collect();
    let live: BTreeSet<i32> = live_entries(conn, contest.id)?
        .iter()
        .map(|e| e.id)
        .collect();
    let mut scored = Vec::new();
    let mut totals = BTreeMap::new();
    for a in db::assignments(conn, db::AssignmentsOf::Contest(contest.id))? {
        if a.submitted_at.is_none() || !live.contains(&a.entry_id) {
            continue;
        }
        let total = aggregate::weighted_total(&criteria, &db::scores_of(conn, a.id)?);
        totals.insert(a.id, total);
        scored.push(aggregate::Scored {
            entry_id: a.entry_id,
            judge_id: a.judge_id,
            total,
        });
    }
    Ok(Computed {
        per_entry: aggregate::aggregate(&scored),
        totals,
    })
}

/// Ranks scored entries (score, then mean, then the earlier entry) and gives the tiers in
/// order: the first `counts[0]` Nhất, the next `counts[1]` Nhì, and so on.
pub fn rank(scores: &[(i32, f64, f64)], counts: [i32; 4]) -> Vec<(i32, i32, Option<PrizeTier>)> {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    let mut tiers = Vec::new();
    for (tier, count) in PrizeTier::ALL.into_iter().zip(counts) {
        for _ in 0..count.max(0) {
            tiers.push(tier);
        }
    }
    sorted
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (*id, i as i32 + 1, tiers.get(i).copied()))
        .collect()
}

/// `GET /api/creative-contests/{id}/results`: the organiser's table.
pub fn results(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
) -> AppResult<ContestResults> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    let computed = compute(conn, &contest)?;
    let aggregation = aggregation_of(&contest);
    let usernames: BTreeMap<i32, String> = db::judges(conn, id)?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    let assignments = db::assignments(conn, db::AssignmentsOf::Contest(id))?;
    let ranking: BTreeMap<i32, (i32, Option<PrizeTier>)> = if contest.published_at.is_some() {
        BTreeMap::new()
    } else {
        let scores: Vec<(i32, f64, f64)> = computed
            .per_entry
            .iter()
            .map(|(e, a)| (*e, a.by(aggregation), a.mean))
            .collect();
        rank(&scores, prize_counts(&contest))
            .into_iter()
            .map(|(e, r, p)| (e, (r, p)))
            .collect()
    };
    let mut entries = Vec::new();
    let mut flagged = 0;
    for e in db::entries_of(conn, id)? {
        let school_name = unit::find(conn, e.school_id)?.name;
        let members = db::members(conn, e.id)?
            .into_iter()
            .map(|(_, _, name)| name)
            .collect();
        let agg = computed.per_entry.get(&e.id);
        let is_flagged = agg.is_some_and(|a| a.disagrees(contest.disagreement_threshold));
        if is_flagged {
            flagged += 1;
        }
        let (rank, prize) = if contest.published_at.is_some() {
            (e.final_rank, e.prize.as_deref().and_then(PrizeTier::parse))
        } else {
            ranking
                .get(&e.id)
                .map(|(r, p)| (Some(*r), *p))
                .unwrap_or((None, None))
        };
        entries.push(OrganiserEntry {
            id: e.id,
            title: e.title.clone(),
            school_name,
            members,
            status: e.status.clone(),
            scores: assignments
                .iter()
                .filter(|a| a.entry_id == e.id)
                .map(|a| OrganiserScore {
                    assignment_id: a.id,
                    judge_id: a.judge_id,
                    judge_username: usernames.get(&a.judge_id).cloned().unwrap_or_default(),
                    source: a.source.clone(),
                    submitted: a.submitted_at.is_some(),
                    total: computed.totals.get(&a.id).copied(),
                })
                .collect(),
            mean: agg.map(|a| a.mean),
            trimmed_mean: agg.map(|a| a.trimmed_mean),
            zscore: agg.map(|a| a.zscore),
            score: agg.map(|a| a.by(aggregation)),
            spread: agg.map(|a| a.spread),
            std_dev: agg.map(|a| a.std_dev),
            flagged: is_flagged,
            rank,
            prize,
            votes: db::votes(conn, e.id)?,
        });
    }
    entries.sort_by_key(|e| (e.rank.is_none(), e.rank, e.id));
    Ok(ContestResults {
        contest: contest_view(conn, &contest)?,
        judges: panel(conn, &contest)?,
        entries,
        flagged,
        certificates: certificates::prize_certificates(
            conn,
            &certificates::creative_prize_subject(contest.id),
        )?,
    })
}

/// `POST /api/creative-contests/{id}/publish`: freezes ranks and prizes.
pub fn publish(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
) -> AppResult<ContestResults> {
    let contest = load_contest(conn, id)?;
    authorize_organiser(conn, principal, &contest)?;
    match phase(&contest, models::now()) {
        ContestPhase::Judging => {}
        ContestPhase::Published => {
            return Err(AppError::Conflict("Kết quả đã được công bố.".to_owned()));
        }
        _ => {
            return Err(AppError::Conflict(
                "Chưa hết hạn nộp bài; chưa công bố được kết quả.".to_owned(),
            ));
        }
    }
    let computed = compute(conn, &contest)?;
    if computed.per_entry.is_empty() {
        return Err(AppError::Conflict(
            "Chưa có bài nào được chấm xong; chưa công bố được.".to_owned(),
        ));
    }
    let aggregation = aggregation_of(&contest);
    let scores: Vec<(i32, f64, f64)> = computed
        .per_entry
        .iter()
        .map(|(e, a)| (*e, a.by(aggregation), a.mean))
        .collect();
    let now = models::now();
    // Ranks, prizes, publication and the certificates commit together or not at all.
    conn.transaction(|conn| -> AppResult<()> {
        for (entry, rank, prize) in rank(&scores, prize_counts(&contest)) {
            let score = computed.per_entry.get(&entry).map(|a| a.by(aggregation));
            db::set_result(conn, entry, prize.map(PrizeTier::as_str), Some(rank), score)?;
        }
        if !db::set_published(conn, id, now)? {
            return Err(AppError::Conflict("Kết quả đã được công bố.".to_owned()));
        }
        issue_prize_certificates(conn, &contest, now)
    })?;
    results(conn, principal, id)
}

/// Gives every member of each prize-winning entry a `contest_prize` certificate: the
/// contest's title, the prize and the entry's title, the school, the publication date.
/// Idempotent (one per member, contest and school year), so a retried publication issues
/// nothing twice.
fn issue_prize_certificates(
    conn: &mut DbConnection,
    contest: &Contest,
    published_at: NaiveDateTime,
) -> AppResult<()> {
    let subject_id = certificates::creative_prize_subject(contest.id);
    let period = SchoolYear::containing(published_at.date()).to_string();
    for entry in db::entries_of(conn, contest.id)? {
        let Some(prize) = entry.prize.as_deref().and_then(PrizeTier::parse) else {
            continue;
        };
        if entry.status != "submitted" {
            continue;
        }
        let school = unit::find(conn, entry.school_id)?.name;
        for (user_id, _, _) in db::members(conn, entry.id)? {
            certificates::issue(
                conn,
                &CertificateIssue {
                    kind: CertificateKind::ContestPrize,
                    user_id,
                    subject_id: subject_id.clone(),
                    period: period.clone(),
                    subject_title: contest.title.clone(),
                    detail: Some(format!("{} — bài dự thi «{}»", prize.label(), entry.title)),
                    unit_name: Some(school.clone()),
                    issued_at: published_at,
                    expires_at: None,
                },
            )?;
        }
    }
    Ok(())
}

// ---- entries (the entrant's side) -----------------------------------------------------------

/// The school of a student's current class.
fn student_school(conn: &mut DbConnection, user_id: i32) -> AppResult<Option<(i32, i32)>> {
    let year = current_school_year().to_string();
    let Some((class_id, _, _)) = assignment::current_class(conn, user_id, &year)? else {
        return Ok(None);
    };
    let school = unit::path(conn, class_id)?
        .into_iter()
        .find(|u| u.kind() == Some(UnitKind::School))
        .map(|u| u.id);
    Ok(school.map(|s| (class_id, s)))
}

fn file_view(f: &EntryFile) -> EntryFileView {
    EntryFileView {
        id: f.id,
        media_type: f.media_type.clone(),
        byte_size: f.byte_size,
        width: f.width,
        height: f.height,
        url: format!("/api/entries/{}/files/{}", f.entry_id, f.id),
        thumb_url: f
            .thumb_key
            .as_ref()
            .map(|_| format!("/api/entries/{}/files/{}/thumb", f.entry_id, f.id)),
    }
}

fn my_entry(conn: &mut DbConnection, entry: &Entry) -> AppResult<MyEntry> {
    let contest = load_contest(conn, entry.contest_id)?;
    let phase = phase(&contest, models::now());
    Ok(MyEntry {
        id: entry.id,
        contest_id: contest.id,
        contest_title: contest.title.clone(),
        phase,
        title: entry.title.clone(),
        statement: entry.statement.clone(),
        video_url: entry.video_url.clone(),
        status: entry.status.clone(),
        members: db::members(conn, entry.id)?
            .into_iter()
            .map(|(_, _, n)| n)
            .collect(),
        files: db::files_of(conn, entry.id)?
            .iter()
            .map(file_view)
            .collect(),
        editable: phase == ContestPhase::Submission && entry.status == "submitted",
        prize: if contest.published_at.is_some() {
            entry.prize.as_deref().and_then(PrizeTier::parse)
        } else {
            None
        },
    })
}

struct CleanEntry {
    title: String,
    statement: String,
    video_url: Option<String>,
    members: Vec<i32>,
}

fn check_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    contest: &Contest,
    school_id: i32,
    request: &EntryRequest,
    except: Option<i32>,
) -> AppResult<CleanEntry> {
    let title = text::clean(&request.title);
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        return Err(field_error(
            "Tên bài dự thi",
            format!("Tên bài dự thi: cần có, tối đa {TITLE_MAX} ký tự."),
        ));
    }
    let statement = text::clean_multiline(&request.statement);
    if statement.chars().count() > STATEMENT_MAX {
        return Err(field_error(
            "Thuyết minh",
            format!("Thuyết minh: tối đa {STATEMENT_MAX} ký tự."),
        ));
    }
    let video_url = match request.video_url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => {
            if kind_of(contest) != EntryKind::Video {
                return Err(field_error(
                    "Liên kết video",
                    "Liên kết video: chỉ dành cho cuộc thi video.",
                ));
            }
            Some(files::check_video_url(url).map_err(|m| field_error("Liên kết video", m))?)
        }
        _ => None,
    };
    let mut members = vec![principal.user.id];
    for name in &request.members {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let mate = user::find_by_username(conn, name)?.ok_or_else(|| {
            field_error(
                "Thành viên",
                format!("Thành viên: không có tài khoản «{name}»."),
            )
        })?;
        if student_school(conn, mate.id)?.map(|s| s.1) != Some(school_id) {
            return Err(field_error(
                "Thành viên",
                format!("Thành viên: «{name}» không phải học sinh cùng trường."),
            ));
        }
        if !members.contains(&mate.id) {
            members.push(mate.id);
        }
    }
    if members.len() > contest.team_size_max as usize {
        return Err(field_error(
            "Thành viên",
            format!(
                "Thành viên: nhóm tối đa {} người (kể cả em).",
                contest.team_size_max
            ),
        ));
    }
    for m in &members {
        if db::has_live_entry(conn, contest.id, *m, except)? {
            return Err(field_error(
                "Thành viên",
                "Thành viên: mỗi học sinh chỉ tham gia một bài dự thi trong cuộc thi này.",
            ));
        }
    }
    Ok(CleanEntry {
        title,
        statement,
        video_url,
        members,
    })
}

fn require_submission(contest: &Contest) -> AppResult<()> {
    match phase(contest, models::now()) {
        ContestPhase::Submission => Ok(()),
        ContestPhase::Upcoming => Err(AppError::Conflict("Cuộc thi chưa mở nhận bài.".to_owned())),
        _ => Err(AppError::Conflict(
            "Đã hết hạn nộp bài; không tạo, sửa hay rút bài được nữa.".to_owned(),
        )),
    }
}

/// `POST /api/creative-contests/{id}/entries`: a student (with team-mates from their school).
pub fn create_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    contest_id: i32,
    request: &EntryRequest,
) -> AppResult<MyEntry> {
    if !gate::may_anywhere(principal, Permission::SubmitEntries) {
        return Err(AppError::Forbidden);
    }
    let contest = load_contest(conn, contest_id)?;
    let (class_id, school_id) = student_school(conn, principal.user.id)?.ok_or_else(|| {
        AppError::Conflict("Em chưa có lớp trong năm học này; chưa dự thi được.".to_owned())
    })?;
    if !unit::is_within(conn, class_id, contest.unit_id)? {
        return Err(AppError::Forbidden);
    }
    require_submission(&contest)?;
    let clean = check_entry(conn, principal, &contest, school_id, request, None)?;
    let now = models::now();
    let id = db::insert_entry(
        conn,
        &NewEntry {
            contest_id,
            school_id,
            title: clean.title,
            statement: clean.statement,
            video_url: clean.video_url,
            status: "submitted".to_owned(),
            created_by: principal.user.id,
            created_at: now,
            updated_at: now,
        },
        &clean.members,
    )?;
    let entry = db::find_entry(conn, id)?.ok_or(AppError::NotFound)?;
    my_entry(conn, &entry)
}

/// An entry the principal is a member of, or 404.
fn own_entry(conn: &mut DbConnection, principal: &Principal, entry_id: i32) -> AppResult<Entry> {
    let entry = db::find_entry(conn, entry_id)?.ok_or(AppError::NotFound)?;
    if !db::members(conn, entry_id)?
        .iter()
        .any(|m| m.0 == principal.user.id)
    {
        return Err(AppError::NotFound);
    }
    Ok(entry)
}

/// An entry its team may still change: before the deadline, not withdrawn.
pub fn editable_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<(Entry, Contest)> {
    let entry = own_entry(conn, principal, entry_id)?;
    let contest = load_contest(conn, entry.contest_id)?;
    require_submission(&contest)?;
    if entry.status != "submitted" {
        return Err(AppError::Conflict("Bài dự thi đã được rút.".to_owned()));
    }
    Ok((entry, contest))
}

/// `PATCH /api/entries/{id}`.
pub fn update_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
    request: &EntryRequest,
) -> AppResult<MyEntry> {
    let (entry, contest) = editable_entry(conn, principal, entry_id)?;
    let clean = check_entry(
        conn,
        principal,
        &contest,
        entry.school_id,
        request,
        Some(entry.id),
    )?;
    let mut members = clean.members;
    // No team-mates named: the team stays as it is (an edit of the title or statement).
    if request.members.iter().all(|m| m.trim().is_empty()) {
        for (id, _, _) in db::members(conn, entry.id)? {
            if !members.contains(&id) {
                members.push(id);
            }
        }
    }
    // The creator stays on the team whoever edits.
    if !members.contains(&entry.created_by) {
        members.push(entry.created_by);
    }
    if members.len() > contest.team_size_max as usize {
        return Err(field_error(
            "Thành viên",
            format!("Thành viên: nhóm tối đa {} người.", contest.team_size_max),
        ));
    }
    let now = models::now();
    db::update_entry(
        conn,
        entry.id,
        &clean.title,
        &clean.statement,
        clean.video_url.as_deref(),
        now,
    )?;
    db::set_members(conn, entry.id, &members)?;
    let entry = db::find_entry(conn, entry.id)?.ok_or(AppError::NotFound)?;
    my_entry(conn, &entry)
}

/// `POST /api/entries/{id}/withdraw`.
pub fn withdraw_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<MyEntry> {
    let (entry, _) = editable_entry(conn, principal, entry_id)?;
    db::set_entry_status(conn, entry.id, "withdrawn", models::now())?;
    let entry = db::find_entry(conn, entry.id)?.ok_or(AppError::NotFound)?;
    my_entry(conn, &entry)
}

/// `GET /api/me/entries`.
pub fn my_entries(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<MyEntry>> {
    db::entries_of_member(conn, principal.user.id)?
        .iter()
        .map(|e| my_entry(conn, e))
        .collect()
}

/// Before an upload is read: who may add a file, and the size limit.
pub struct UploadSlot {
    pub max_bytes: i64,
    pub allow_video: bool,
}

pub fn upload_slot(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<UploadSlot> {
    let (entry, contest) = editable_entry(conn, principal, entry_id)?;
    if db::files_of(conn, entry.id)?.len() >= MAX_FILES_PER_ENTRY {
        return Err(field_error(
            "Tệp",
            format!("Tệp: mỗi bài tối đa {MAX_FILES_PER_ENTRY} tệp; hãy xóa bớt tệp cũ."),
        ));
    }
    Ok(UploadSlot {
        max_bytes: contest.max_file_bytes,
        allow_video: kind_of(&contest) == EntryKind::Video,
    })
}

/// Records a stored, checked file.
pub fn record_file(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
    checked: &files::CheckedFile,
    key: String,
    thumb_key: Option<String>,
    size: usize,
) -> AppResult<MyEntry> {
    upload_slot(conn, principal, entry_id)?;
    db::insert_file(
        conn,
        &db::NewEntryFile {
            entry_id,
            storage_key: key,
            thumb_key,
            media_type: checked.media_type.mime().to_owned(),
            byte_size: size as i64,
            width: checked.width.map(|w| w as i32),
            height: checked.height.map(|h| h as i32),
            uploaded_at: models::now(),
        },
    )?;
    let entry = db::find_entry(conn, entry_id)?.ok_or(AppError::NotFound)?;
    my_entry(conn, &entry)
}

/// `DELETE /api/entries/{id}/files/{file_id}`.
pub fn delete_file(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
    file_id: i32,
) -> AppResult<MyEntry> {
    let (entry, _) = editable_entry(conn, principal, entry_id)?;
    if db::delete_file(conn, entry.id, file_id)? == 0 {
        return Err(AppError::NotFound);
    }
    my_entry(conn, &entry)
}

/// The stored key and media type of a file the principal may see: its team, the contest's
/// organisers, its assigned judges; anyone (no sign-in) for a prize-winning entry once
/// results are published.
pub fn file_for(
    conn: &mut DbConnection,
    principal: Option<&Principal>,
    entry_id: i32,
    file_id: i32,
    thumb: bool,
) -> AppResult<(String, String)> {
    let entry = db::find_entry(conn, entry_id)?.ok_or(AppError::NotFound)?;
    let file = db::files_of(conn, entry_id)?
        .into_iter()
        .find(|f| f.id == file_id)
        .ok_or(AppError::NotFound)?;
    let contest = load_contest(conn, entry.contest_id)?;
    let public = contest.published_at.is_some() && entry.prize.is_some();
    let allowed = public
        || match principal {
            None => false,
            Some(p) => {
                db::members(conn, entry.id)?
                    .iter()
                    .any(|m| m.0 == p.user.id)
                    || db::assignments(conn, db::AssignmentsOf::Entry(entry.id))?
                        .iter()
                        .any(|a| a.judge_id == p.user.id)
                    || authorize_organiser(conn, p, &contest).is_ok()
            }
        };
    if !allowed {
        return Err(if principal.is_none() {
            AppError::Unauthenticated
        } else {
            AppError::NotFound
        });
    }
    if thumb {
        let key = file.thumb_key.ok_or(AppError::NotFound)?;
        Ok((key, "image/jpeg".to_owned()))
    } else {
        Ok((file.storage_key, file.media_type))
    }
}

// ---- judging (the judge's side, blind) ------------------------------------------------------

fn judge_assignment(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<(db::Assignment, Entry, Contest)> {
    if !gate::may_anywhere(principal, Permission::JudgeEntries) {
        return Err(AppError::Forbidden);
    }
    let assignment = db::assignments(conn, db::AssignmentsOf::Entry(entry_id))?
        .into_iter()
        .find(|a| a.judge_id == principal.user.id)
        .ok_or(AppError::NotFound)?;
    let entry = db::find_entry(conn, entry_id)?.ok_or(AppError::NotFound)?;
    if entry.status != "submitted" {
        return Err(AppError::NotFound);
    }
    let contest = load_contest(conn, entry.contest_id)?;
    Ok((assignment, entry, contest))
}

fn criteria_triples(rubric: &[db::Criterion]) -> Vec<(i32, i32, i32)> {
    rubric
        .iter()
        .map(|c| (c.id, c.weight, c.scale_max))
        .collect()
}

/// `GET /api/judging/assignments`.
pub fn my_assignments(
    conn: &mut DbConnection,
    principal: &Principal,
) -> AppResult<Vec<JudgeAssignment>> {
    if !gate::may_anywhere(principal, Permission::JudgeEntries) {
        return Err(AppError::Forbidden);
    }
    let mut out = Vec::new();
    for a in db::assignments(conn, db::AssignmentsOf::Judge(principal.user.id))? {
        let Some(entry) = db::find_entry(conn, a.entry_id)? else {
            continue;
        };
        if entry.status != "submitted" {
            continue;
        }
        let contest = load_contest(conn, entry.contest_id)?;
        let rubric = db::rubric(conn, contest.id)?;
        let thumb = db::files_of(conn, entry.id)?
            .iter()
            .find(|f| f.thumb_key.is_some())
            .and_then(|f| file_view(f).thumb_url);
        out.push(JudgeAssignment {
            entry_id: entry.id,
            contest_id: contest.id,
            contest_title: contest.title.clone(),
            title: entry.title.clone(),
            thumb_url: thumb,
            submitted: a.submitted_at.is_some(),
            my_total: a
                .submitted_at
                .map(|_| -> AppResult<f64> {
                    Ok(aggregate::weighted_total(
                        &criteria_triples(&rubric),
                        &db::scores_of(conn, a.id)?,
                    ))
                })
                .transpose()?,
        });
    }
    Ok(out)
}

/// `GET /api/judging/entries/{entry_id}`.
pub fn judge_entry(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<JudgeEntryView> {
    let (assignment, entry, contest) = judge_assignment(conn, principal, entry_id)?;
    let rubric = db::rubric(conn, contest.id)?;
    let triples = criteria_triples(&rubric);
    let mine = db::scores_of(conn, assignment.id)?;
    let submitted = assignment.submitted_at.is_some();
    let mut peer_scores = Vec::new();
    if submitted {
        let mut n = 0;
        for other in db::assignments(conn, db::AssignmentsOf::Entry(entry.id))? {
            if other.judge_id == principal.user.id || other.submitted_at.is_none() {
                continue;
            }
            n += 1;
            let scores = db::scores_of(conn, other.id)?;
            peer_scores.push(PeerScore {
                judge_label: format!("Giám khảo {n}"),
                total: aggregate::weighted_total(&triples, &scores),
                scores: scores
                    .into_iter()
                    .map(|(criterion_id, score)| CriterionScore {
                        criterion_id,
                        score,
                    })
                    .collect(),
            });
        }
    }
    Ok(JudgeEntryView {
        entry_id: entry.id,
        contest_id: contest.id,
        contest_title: contest.title.clone(),
        kind: kind_of(&contest),
        phase: phase(&contest, models::now()),
        title: entry.title.clone(),
        statement: entry.statement.clone(),
        video_url: entry.video_url.clone(),
        files: db::files_of(conn, entry.id)?
            .iter()
            .map(file_view)
            .collect(),
        rubric: rubric.iter().map(criterion_view).collect(),
        my_total: submitted.then(|| aggregate::weighted_total(&triples, &mine)),
        my_scores: mine
            .into_iter()
            .map(|(criterion_id, score)| CriterionScore {
                criterion_id,
                score,
            })
            .collect(),
        my_comment: assignment.comment.clone(),
        submitted,
        peer_scores,
    })
}

/// `PUT /api/judging/entries/{entry_id}/scores`: a draft, or the final scores when `submit`
/// (every criterion then needs a score). Submitted scores are final.
pub fn save_scores(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
    request: &ScoreRequest,
) -> AppResult<JudgeEntryView> {
    let (assignment, _, contest) = judge_assignment(conn, principal, entry_id)?;
    if phase(&contest, models::now()) != ContestPhase::Judging {
        return Err(AppError::Conflict(
            "Cuộc thi không ở giai đoạn chấm; không lưu điểm được.".to_owned(),
        ));
    }
    if assignment.submitted_at.is_some() {
        return Err(AppError::Conflict(
            "Thầy/cô đã nộp điểm bài này; điểm đã nộp không sửa được.".to_owned(),
        ));
    }
    let rubric = db::rubric(conn, contest.id)?;
    let mut scores = Vec::new();
    for s in &request.scores {
        let criterion = rubric
            .iter()
            .find(|c| c.id == s.criterion_id)
            .ok_or_else(|| field_error("Điểm", "Điểm: tiêu chí không thuộc cuộc thi này."))?;
        if !(0..=criterion.scale_max).contains(&s.score) {
            return Err(field_error(
                &criterion.name,
                format!("{}: điểm từ 0 đến {}.", criterion.name, criterion.scale_max),
            ));
        }
        if scores.iter().any(|(c, _)| *c == s.criterion_id) {
            return Err(field_error("Điểm", "Điểm: mỗi tiêu chí chỉ một điểm."));
        }
        scores.push((s.criterion_id, s.score));
    }
    if request.submit
        && let Some(missing) = rubric.iter().find(|c| !scores.iter().any(|s| s.0 == c.id))
    {
        return Err(field_error(
            &missing.name,
            format!("{}: cần chấm điểm trước khi nộp.", missing.name),
        ));
    }
    let comment = request
        .comment
        .as_deref()
        .map(text::clean_multiline)
        .filter(|c| !c.is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
        return Err(field_error("Nhận xét", "Nhận xét: tối đa 2000 ký tự."));
    }
    db::save_scores(
        conn,
        assignment.id,
        &scores,
        comment.as_deref(),
        request.submit.then(models::now),
    )?;
    judge_entry(conn, principal, entry_id)
}

// ---- public gallery and popular vote --------------------------------------------------------

/// `GET /api/gallery`: prize-winning entries of published contests. No names and no school:
/// a winning poster's title, thumbnail and prize are enough to celebrate it, and entrants are
/// minors. `viewer` (signed in) learns which entries they already voted for.
pub fn gallery(conn: &mut DbConnection, viewer: Option<i32>) -> AppResult<Vec<GalleryEntry>> {
    let mut out = Vec::new();
    for contest in db::all_contests(conn)? {
        if contest.published_at.is_none() {
            continue;
        }
        let mut winners: Vec<Entry> = db::entries_of(conn, contest.id)?
            .into_iter()
            .filter(|e| e.prize.is_some() && e.status == "submitted")
            .collect();
        winners.sort_by_key(|e| e.final_rank);
        for e in winners {
            let thumb = db::files_of(conn, e.id)?
                .iter()
                .find(|f| f.thumb_key.is_some())
                .and_then(|f| file_view(f).thumb_url);
            out.push(GalleryEntry {
                entry_id: e.id,
                contest_id: contest.id,
                contest_title: contest.title.clone(),
                title: e.title.clone(),
                prize: e
                    .prize
                    .as_deref()
                    .and_then(PrizeTier::parse)
                    .unwrap_or(PrizeTier::Merit),
                rank: e.final_rank.unwrap_or(0),
                thumb_url: thumb,
                votes: if contest.popular_vote {
                    Some(db::votes(conn, e.id)?)
                } else {
                    None
                },
                voted: match viewer {
                    Some(user_id) if contest.popular_vote => db::has_voted(conn, e.id, user_id)?,
                    _ => false,
                },
            });
        }
    }
    Ok(out)
}

/// `POST /api/entries/{id}/vote`: one vote per account per entry, for gallery entries of a
/// contest with the popular vote on. Voting again changes nothing.
pub fn vote(
    conn: &mut DbConnection,
    principal: &Principal,
    entry_id: i32,
) -> AppResult<VoteResult> {
    let entry = db::find_entry(conn, entry_id)?.ok_or(AppError::NotFound)?;
    let contest = load_contest(conn, entry.contest_id)?;
    if contest.published_at.is_none() || entry.prize.is_none() {
        return Err(AppError::NotFound);
    }
    if !contest.popular_vote {
        return Err(AppError::Conflict(
            "Cuộc thi này không mở bình chọn.".to_owned(),
        ));
    }
    db::vote(conn, entry_id, principal.user.id, models::now())?;
    Ok(VoteResult {
        entry_id,
        votes: db::votes(conn, entry_id)?,
        voted: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prizes_go_down_the_ranking_tier_by_tier() {
        let scores = [
            (1, 80.0, 80.0),
            (2, 90.0, 90.0),
            (3, 70.0, 70.0),
            (4, 80.0, 82.0),
        ];
        let ranked = rank(&scores, [1, 1, 0, 1]);
        assert_eq!(
            ranked,
            vec![
                (2, 1, Some(PrizeTier::First)),
                (4, 2, Some(PrizeTier::Second)),
                (1, 3, Some(PrizeTier::Merit)),
                (3, 4, None),
            ]
        );
    }

    #[test]
    fn contest_times_are_read_with_or_without_seconds() {
        assert!(parse_time("x", "2026-12-01T17:00").is_ok());
        assert!(parse_time("x", "2026-12-01T17:00:05Z").is_ok());
        assert!(parse_time("x", "01/12/2026").is_err());
    }
}
