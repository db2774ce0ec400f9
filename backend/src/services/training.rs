//! Annual training (issue 9): training cycles for a unit's subtree and calendar year, each
//! member's status in their cycle, the agency report with its overdue list, the reminder list
//! with its e-mail text, and the calendar-year completion record fed by
//! `services/completion.rs`.
//!
//! Why a separate completion table: `module_completions` is keyed by school year (September to
//! August), the school coverage period. Annual training counts calendar years (Vietnam time):
//! a completion counts for its year only and the next year's cycle asks again. So
//! `training_completions` holds (member, module, calendar year), written when the module's
//! required lessons are learned and its assessment was passed *within that year*; last year's
//! pass never completes this year's cycle.
//!
//! A member follows the cycle on their nearest ancestor unit (their own unit included) for the
//! year. Status per module: completed (this year) → hoàn thành; else past the due date →
//! quá hạn; else any lesson learned or attempt started this year → đang học; else chưa bắt đầu.
//! A learner's status over several modules: completed when all are, overdue when past the due
//! date, in progress when anything was done, else not started.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use hocdvc_api::{
    CertificateKind, JobGroup, MyTraining, MyTrainingModule, OpenCycleRequest, TrainingCycleModule,
    TrainingCycleView, TrainingLearner, TrainingReminders, TrainingReport, TrainingReportRow,
    TrainingStatus, TrainingTrack,
};

use crate::db::DbConnection;
use crate::domain::UnitKind;
use crate::error::{AppError, AppResult};
use crate::models::training::{self as store, Cycle, SubtreeMember};
use crate::models::{self, completion, unit};
use crate::services::auth::Principal;
use crate::services::certificates::{self, CertificateIssue};
use crate::services::coverage;
use crate::services::gate::{self, Permission};
use diesel::Connection;

/// Vietnam is UTC+7 all year; calendar years are counted in Vietnam time.
const VIETNAM_OFFSET_HOURS: i64 = 7;

/// The calendar year (Vietnam time) of a server instant.
pub fn year_of(at: NaiveDateTime) -> i32 {
    (at + Duration::hours(VIETNAM_OFFSET_HOURS)).year()
}

/// The Vietnam date of a server instant.
pub fn date_of(at: NaiveDateTime) -> NaiveDate {
    (at + Duration::hours(VIETNAM_OFFSET_HOURS)).date()
}

/// `[start, end)` of a calendar year (Vietnam time) as server (UTC) instants.
pub fn year_bounds(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default()
            - Duration::hours(VIETNAM_OFFSET_HOURS)
    };
    (start(year), start(year + 1))
}

/// Records the calendar-year completion of `module_id` by a member when it is now complete
/// (required lessons learned, assessment passed within the year of `at`). Non-members are
/// left alone. Returns whether a new completion was recorded.
pub fn record_if_complete(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    at: NaiveDateTime,
) -> AppResult<bool> {
    if store::member_of(conn, user_id)?.is_none() {
        return Ok(false);
    }
    let year = year_of(at);
    if store::completion_exists(conn, user_id, module_id, year)? {
        return Ok(false);
    }
    if completion::required_lessons_left(conn, user_id, module_id)? > 0 {
        return Ok(false);
    }
    let (from, to) = year_bounds(year);
    let Some(attempt_id) = store::first_passed_attempt_between(conn, user_id, module_id, from, to)?
    else {
        return Ok(false);
    };
    // The completion, its certificate and the coverage counters it moves are one write.
    conn.transaction::<_, AppError, _>(|conn| {
        let recorded =
            store::insert_completion(conn, user_id, module_id, year, Some(attempt_id), at)?;
        if recorded {
            issue_certificate(conn, user_id, module_id, year, at)?;
            coverage::refresh_training(conn, &[user_id], year)?;
        }
        Ok(recorded)
    })
}

/// The annual-training certificate of one module and year: it lapses when the year ends
/// (Vietnam time), when next year's cycle asks again.
pub fn issue_certificate(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    year: i32,
    at: NaiveDateTime,
) -> AppResult<()> {
    let title = store::module_titles(conn, &[module_id.to_owned()])?
        .remove(module_id)
        .unwrap_or_else(|| module_id.to_owned());
    let unit_name = match store::member_of(conn, user_id)? {
        Some(member) => Some(unit::find(conn, member.unit_id)?.name),
        None => None,
    };
    certificates::issue(
        conn,
        &CertificateIssue {
            kind: CertificateKind::AnnualTraining,
            user_id,
            subject_id: module_id.to_owned(),
            period: year.to_string(),
            subject_title: title,
            detail: Some(format!("Bồi dưỡng hằng năm {year}")),
            unit_name,
            issued_at: at,
            expires_at: Some(year_bounds(year).1),
        },
    )?;
    Ok(())
}

fn check_year(year: i32) -> AppResult<i32> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::Validation(format!(
            "Năm {year} không hợp lệ; hãy chọn năm từ 2000 đến 2100."
        )))
    }
}

/// The unit named by `code`, or 404.
fn unit_by_code(conn: &mut DbConnection, code: &str) -> AppResult<unit::Unit> {
    unit::find_by_code(conn, code)?.ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Cycles.

fn cycle_view(
    conn: &mut DbConnection,
    unit: &unit::Unit,
    cycle: &Cycle,
) -> AppResult<TrainingCycleView> {
    let modules = store::cycle_modules(conn, &[cycle.id])?
        .into_iter()
        .filter_map(|(m, title)| {
            Some(TrainingCycleModule {
                job_group: JobGroup::from_stored(&m.job_group)?,
                module_id: m.module_id,
                track: TrainingTrack::from_stored(&m.track)?,
                module_title: title,
            })
        })
        .collect();
    Ok(TrainingCycleView {
        unit_code: unit.code.clone(),
        unit_name: unit.name.clone(),
        year: cycle.year,
        due_on: cycle.due_on.format("%Y-%m-%d").to_string(),
        modules,
    })
}

/// The cycle opened on this unit for the year, if any.
pub fn cycle(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    year: i32,
) -> AppResult<Option<TrainingCycleView>> {
    let year = check_year(year)?;
    let unit = unit_by_code(conn, unit_code)?;
    gate::authorize(conn, principal, Permission::ManageTraining, unit.id)?;
    match store::find_cycle(conn, unit.id, year)? {
        Some(cycle) => Ok(Some(cycle_view(conn, &unit, &cycle)?)),
        None => Ok(None),
    }
}

/// Opens the unit's cycle for the year, or changes its due date and modules.
pub fn save_cycle(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    year: i32,
    request: &OpenCycleRequest,
) -> AppResult<TrainingCycleView> {
    let year = check_year(year)?;
    let unit = unit_by_code(conn, unit_code)?;
    gate::authorize(conn, principal, Permission::ManageTraining, unit.id)?;
    if matches!(unit.kind(), Some(UnitKind::School | UnitKind::Class) | None) {
        return Err(AppError::Validation(format!(
            "Đơn vị {} là trường hoặc lớp: chu kỳ đào tạo hằng năm mở cho cơ quan, tổ công nghệ số cộng đồng hoặc một cấp hành chính chứa chúng.",
            unit.code
        )));
    }
    let due_on = NaiveDate::parse_from_str(request.due_on.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::Validation(format!(
            "Hạn hoàn thành “{}” không hợp lệ; hãy chọn một ngày.",
            request.due_on
        ))
    })?;
    if due_on.year() != year {
        return Err(AppError::Validation(format!(
            "Hạn hoàn thành {} phải nằm trong năm {year} của chu kỳ.",
            due_on.format("%d/%m/%Y")
        )));
    }
    if request.modules.is_empty() {
        return Err(AppError::Validation(
            "Hãy giao ít nhất một học phần cho một nhóm.".to_owned(),
        ));
    }
    let ids: Vec<String> = request
        .modules
        .iter()
        .map(|m| m.module_id.clone())
        .collect();
    let titles = store::module_titles(conn, &ids)?;
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for m in &request.modules {
        if !titles.contains_key(&m.module_id) {
            return Err(AppError::Validation(format!(
                "Không có học phần {}.",
                m.module_id
            )));
        }
        if seen.insert((m.job_group, m.module_id.clone())) {
            rows.push((
                m.job_group.as_str().to_owned(),
                m.module_id.clone(),
                m.track.as_str().to_owned(),
            ));
        }
    }
    let now = models::now();
    // The cycle and the training counters of everyone it covers move together.
    let cycle = conn.transaction::<_, AppError, _>(|conn| {
        let cycle = store::save_cycle(
            conn,
            unit.id,
            year,
            due_on,
            Some(principal.user.id),
            &rows,
            now,
        )?;
        let covered = store::member_ids_within(conn, unit.id)?;
        coverage::refresh_training(conn, &covered, year)?;
        Ok(cycle)
    })?;
    cycle_view(conn, &unit, &cycle)
}

// ---------------------------------------------------------------------------------------------
// Statuses.

/// One assigned module of one learner.
#[derive(Debug, Clone)]
pub struct ModuleState {
    pub module_id: String,
    pub title: String,
    pub track: TrainingTrack,
    pub status: TrainingStatus,
    pub completed_at: Option<NaiveDateTime>,
}

/// A member and their cycle of the year (`None`: no cycle covers them, or it asks nothing of
/// their job group).
#[derive(Debug, Clone)]
pub struct LearnerState {
    pub member: SubtreeMember,
    pub job_group: JobGroup,
    pub due_on: Option<NaiveDate>,
    pub modules: Vec<ModuleState>,
}

impl LearnerState {
    /// The status over the modules of `track` (every track when `None`); `None` when the cycle
    /// asks nothing of it.
    pub fn status(&self, track: Option<TrainingTrack>) -> Option<TrainingStatus> {
        let of: Vec<&ModuleState> = self
            .modules
            .iter()
            .filter(|m| track.is_none_or(|t| m.track == t))
            .collect();
        if of.is_empty() {
            return None;
        }
        let all = |s: TrainingStatus| of.iter().all(|m| m.status == s);
        let any = |s: TrainingStatus| of.iter().any(|m| m.status == s);
        Some(if all(TrainingStatus::Completed) {
            TrainingStatus::Completed
        } else if any(TrainingStatus::Overdue) {
            TrainingStatus::Overdue
        } else if any(TrainingStatus::InProgress) || any(TrainingStatus::Completed) {
            TrainingStatus::InProgress
        } else {
            TrainingStatus::NotStarted
        })
    }

    fn missing(&self) -> Vec<String> {
        self.modules
            .iter()
            .filter(|m| m.status != TrainingStatus::Completed)
            .map(|m| m.title.clone())
            .collect()
    }

    fn learner(&self) -> TrainingLearner {
        TrainingLearner {
            username: self.member.username.clone(),
            full_name: self.member.full_name.clone(),
            unit_code: self.member.unit_code.clone(),
            unit_name: self.member.unit_name.clone(),
            job_group: self.job_group,
            status: self.status(None).unwrap_or(TrainingStatus::NotStarted),
            due_on: self
                .due_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            missing: self.missing(),
        }
    }
}

/// A module a cycle asks of a job group: id, title, track.
type AskedModule = (String, String, TrainingTrack);

/// Each member's state in the cycle of `year`, as of `now`.
pub fn learner_states(
    conn: &mut DbConnection,
    members: Vec<SubtreeMember>,
    year: i32,
    now: NaiveDateTime,
) -> AppResult<Vec<LearnerState>> {
    let unit_ids: Vec<i32> = {
        let set: HashSet<i32> = members.iter().map(|m| m.unit_id).collect();
        set.into_iter().collect()
    };
    let covering = store::covering_cycles(conn, &unit_ids, year)?;
    let cycle_ids: Vec<i32> = {
        let set: HashSet<i32> = covering.values().map(|c| c.id).collect();
        set.into_iter().collect()
    };
    let mut asks: HashMap<(i32, String), Vec<AskedModule>> = HashMap::new();
    for (m, title) in store::cycle_modules(conn, &cycle_ids)? {
        if let Some(track) = TrainingTrack::from_stored(&m.track) {
            asks.entry((m.cycle_id, m.job_group))
                .or_default()
                .push((m.module_id, title, track));
        }
    }
    let user_ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    let done = store::completions(conn, &user_ids, year)?;
    let (from, to) = year_bounds(year);
    let active = store::activity(conn, &user_ids, from, to)?;
    let today = date_of(now);
    let mut states = Vec::with_capacity(members.len());
    for member in members {
        let Some(job_group) = JobGroup::from_stored(&member.job_group) else {
            continue;
        };
        let cycle = covering.get(&member.unit_id);
        let modules: Vec<ModuleState> = cycle
            .and_then(|c| asks.get(&(c.id, member.job_group.clone())))
            .map(|list| {
                list.iter()
                    .map(|(module_id, title, track)| {
                        let key = (member.user_id, module_id.clone());
                        let completed_at = done.get(&key).copied();
                        let status = if completed_at.is_some() {
                            TrainingStatus::Completed
                        } else if cycle.is_some_and(|c| today > c.due_on) {
                            TrainingStatus::Overdue
                        } else if active.contains(&key) {
                            TrainingStatus::InProgress
                        } else {
                            TrainingStatus::NotStarted
                        };
                        ModuleState {
                            module_id: module_id.clone(),
                            title: title.clone(),
                            track: *track,
                            status,
                            completed_at,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        states.push(LearnerState {
            due_on: cycle.filter(|_| !modules.is_empty()).map(|c| c.due_on),
            member,
            job_group,
            modules,
        });
    }
    Ok(states)
}

// ---------------------------------------------------------------------------------------------
// Report.

fn percent(completed: u32, enrolled: u32) -> f64 {
    if enrolled == 0 {
        0.0
    } else {
        (f64::from(completed) * 1000.0 / f64::from(enrolled)).round() / 10.0
    }
}

/// The training target: every member, every year.
pub const TARGET_PERCENT: f64 = 100.0;

/// The report of `unit_code`'s subtree for `year`: one row per member unit, job group and
/// track, and the overdue list.
pub fn report(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    year: i32,
) -> AppResult<TrainingReport> {
    let year = check_year(year)?;
    let root = unit_by_code(conn, unit_code)?;
    gate::authorize(conn, principal, Permission::ViewTrainingReport, root.id)?;
    let members = store::members_within(conn, root.id)?;
    let states = learner_states(conn, members, year, models::now())?;
    let mut rows: BTreeMap<(String, JobGroup, TrainingTrack), TrainingReportRow> = BTreeMap::new();
    for state in &states {
        for track in [TrainingTrack::Training, TrainingTrack::Awareness] {
            let Some(status) = state.status(Some(track)) else {
                continue;
            };
            let row = rows
                .entry((state.member.unit_code.clone(), state.job_group, track))
                .or_insert_with(|| TrainingReportRow {
                    unit_code: state.member.unit_code.clone(),
                    unit_name: state.member.unit_name.clone(),
                    job_group: state.job_group,
                    track,
                    enrolled: 0,
                    completed: 0,
                    overdue: 0,
                    percent: 0.0,
                    target_percent: TARGET_PERCENT,
                });
            row.enrolled += 1;
            match status {
                TrainingStatus::Completed => row.completed += 1,
                TrainingStatus::Overdue => row.overdue += 1,
                _ => {}
            }
        }
    }
    let rows = rows
        .into_values()
        .map(|mut row| {
            row.percent = percent(row.completed, row.enrolled);
            row
        })
        .collect();
    let overdue = states
        .iter()
        .filter(|s| s.status(None) == Some(TrainingStatus::Overdue))
        .map(LearnerState::learner)
        .collect();
    Ok(TrainingReport {
        unit_code: root.code,
        unit_name: root.name,
        year,
        rows,
        overdue,
    })
}

fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn csv_fail(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

fn vietnamese_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// The report as CSV for Excel: UTF-8 with BOM, Vietnamese headers, one row per unit, job
/// group and track, then the overdue list.
pub fn report_csv(report: &TrainingReport) -> AppResult<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv_writer(&mut out);
        w.write_record([
            "Mã đơn vị",
            "Tên đơn vị",
            "Nhóm",
            "Nội dung",
            "Số người phải học",
            "Đã hoàn thành",
            "Quá hạn",
            "Tỉ lệ hoàn thành (%)",
            "Chỉ tiêu (%)",
            "Năm",
        ])
        .map_err(csv_fail)?;
        for r in &report.rows {
            w.write_record([
                r.unit_code.clone(),
                r.unit_name.clone(),
                r.job_group.label().to_owned(),
                r.track.label().to_owned(),
                r.enrolled.to_string(),
                r.completed.to_string(),
                r.overdue.to_string(),
                format!("{:.1}", r.percent),
                format!("{:.0}", r.target_percent),
                report.year.to_string(),
            ])
            .map_err(csv_fail)?;
        }
        if !report.overdue.is_empty() {
            w.write_record([""]).map_err(csv_fail)?;
            w.write_record(["Danh sách quá hạn"]).map_err(csv_fail)?;
            learner_header(&mut w)?;
            for l in &report.overdue {
                learner_record(&mut w, l)?;
            }
        }
        w.flush().map_err(csv_fail)?;
    }
    Ok(out)
}

fn learner_header(w: &mut csv::Writer<&mut Vec<u8>>) -> AppResult<()> {
    w.write_record([
        "Tên đăng nhập",
        "Họ và tên",
        "Mã đơn vị",
        "Tên đơn vị",
        "Nhóm",
        "Trạng thái",
        "Hạn hoàn thành",
        "Học phần chưa hoàn thành",
    ])
    .map_err(csv_fail)
}

fn learner_record(w: &mut csv::Writer<&mut Vec<u8>>, l: &TrainingLearner) -> AppResult<()> {
    w.write_record([
        l.username.clone(),
        l.full_name.clone(),
        l.unit_code.clone(),
        l.unit_name.clone(),
        l.job_group.label().to_owned(),
        l.status.label().to_owned(),
        vietnamese_date(&l.due_on),
        l.missing.join("; "),
    ])
    .map_err(csv_fail)
}

// ---------------------------------------------------------------------------------------------
// Reminders.

/// Members of the subtree who have not completed and whose due date falls within `days` days
/// from today (today included, not yet overdue).
pub fn reminders(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    year: i32,
    days: u32,
) -> AppResult<TrainingReminders> {
    let year = check_year(year)?;
    if days > 366 {
        return Err(AppError::Validation(
            "Số ngày nhắc trước phải từ 0 đến 366.".to_owned(),
        ));
    }
    let root = unit_by_code(conn, unit_code)?;
    gate::authorize(conn, principal, Permission::ViewTrainingReport, root.id)?;
    let now = models::now();
    let today = date_of(now);
    let last = today + Duration::days(i64::from(days));
    let members = store::members_within(conn, root.id)?;
    let states = learner_states(conn, members, year, now)?;
    let learners: Vec<TrainingLearner> = states
        .iter()
        .filter(|s| {
            matches!(
                s.status(None),
                Some(TrainingStatus::NotStarted | TrainingStatus::InProgress)
            ) && s.due_on.is_some_and(|d| d >= today && d <= last)
        })
        .map(LearnerState::learner)
        .collect();
    let email_text = email_text(&root.name, year, &learners);
    Ok(TrainingReminders {
        unit_code: root.code,
        year,
        days,
        learners,
        email_text,
    })
}

/// A reminder in Vietnamese, ready to paste into an e-mail (no mail server is involved).
pub fn email_text(unit_name: &str, year: i32, learners: &[TrainingLearner]) -> String {
    let mut text = format!(
        "Tiêu đề: Nhắc hoàn thành bồi dưỡng hằng năm {year} về dịch vụ công trực tuyến\n\n\
         Kính gửi các đồng chí,\n\n\
         Theo kế hoạch bồi dưỡng hằng năm {year} của {unit_name}, các đồng chí có tên dưới đây \
         chưa hoàn thành học phần được giao trên Học DVC. Đề nghị các đồng chí đăng nhập, học \
         các bài và làm bài kiểm tra trước hạn:\n\n"
    );
    if learners.is_empty() {
        text.push_str("(Không có ai cần nhắc.)\n");
    }
    for (i, l) in learners.iter().enumerate() {
        text.push_str(&format!(
            "{}. {} ({}, {}): hạn {} — {}\n",
            i + 1,
            l.full_name,
            l.job_group.label(),
            l.unit_name,
            vietnamese_date(&l.due_on),
            l.missing.join("; ")
        ));
    }
    text.push_str("\nTrân trọng,\nCán bộ phụ trách đào tạo\n");
    text
}

/// The reminder list as CSV for Excel (UTF-8 with BOM, Vietnamese headers).
pub fn reminders_csv(reminders: &TrainingReminders) -> AppResult<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv_writer(&mut out);
        learner_header(&mut w)?;
        for l in &reminders.learners {
            learner_record(&mut w, l)?;
        }
        w.flush().map_err(csv_fail)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The learner's own view.

/// The signed-in user's training this year (calendar year of the server clock).
pub fn mine(conn: &mut DbConnection, principal: &Principal) -> AppResult<MyTraining> {
    let now = models::now();
    let year = year_of(now);
    let Some(member) = store::member_of(conn, principal.user.id)? else {
        return Ok(MyTraining {
            year,
            member: false,
            job_group: None,
            unit_name: None,
            due_on: None,
            status: None,
            modules: Vec::new(),
        });
    };
    let unit = unit::find(conn, member.unit_id)?;
    let subtree_member = SubtreeMember {
        user_id: principal.user.id,
        username: principal.user.username.clone(),
        full_name: principal.user.full_name.clone(),
        unit_id: unit.id,
        unit_code: unit.code.clone(),
        unit_name: unit.name.clone(),
        job_group: member.job_group.clone(),
    };
    let state = learner_states(conn, vec![subtree_member], year, now)?
        .into_iter()
        .next();
    let status = state.as_ref().and_then(|s| s.status(None));
    Ok(MyTraining {
        year,
        member: true,
        job_group: JobGroup::from_stored(&member.job_group),
        unit_name: Some(unit.name),
        due_on: state
            .as_ref()
            .and_then(|s| s.due_on)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        status,
        modules: state
            .map(|s| {
                s.modules
                    .into_iter()
                    .map(|m| MyTrainingModule {
                        module_id: m.module_id,
                        module_title: m.title,
                        track: m.track,
                        status: m.status,
                        completed_on: m
                            .completed_at
                            .map(|at| date_of(at).format("%Y-%m-%d").to_string()),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap_or_default()
    }

    #[test]
    fn the_training_year_turns_at_midnight_vietnam_time() {
        assert_eq!(year_of(at("2026-12-31 16:59:59")), 2026);
        assert_eq!(year_of(at("2026-12-31 17:00:00")), 2027);
        assert_eq!(
            year_bounds(2027),
            (at("2026-12-31 17:00:00"), at("2027-12-31 17:00:00"))
        );
    }

    #[test]
    fn percent_has_one_decimal_and_no_division_by_zero() {
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(0, 0), 0.0);
    }

    #[test]
    fn the_reminder_text_lists_each_learner_with_the_due_date() {
        let text = email_text(
            "Văn phòng UBND tỉnh",
            2026,
            &[TrainingLearner {
                username: "cb01".into(),
                full_name: "Nguyễn Văn An".into(),
                unit_code: "AG-VPUB".into(),
                unit_name: "Văn phòng UBND tỉnh".into(),
                job_group: JobGroup::Operator,
                status: TrainingStatus::InProgress,
                due_on: "2026-12-15".into(),
                missing: vec!["Bồi dưỡng hằng năm".into()],
            }],
        );
        assert!(text.contains(
            "1. Nguyễn Văn An (Cán bộ vận hành hệ thống, Văn phòng UBND tỉnh): hạn 15/12/2026 — Bồi dưỡng hằng năm"
        ));
    }
}
