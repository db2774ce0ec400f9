//! Roster imports: a school's student list or teacher list, or an agency's or community team's
//! member list (annual training), from `hocdvc import-roster` or the upload page
//! (`POST /api/imports`).
//!
//! The file is parsed and validated by `roster`; this module then checks it against the
//! database (schools exist and the importer may manage them, class grades agree, usernames are
//! free) and writes it, all inside one transaction: a file with any wrong row writes nothing
//! and every error names its line. Re-importing a file is idempotent: people are matched by
//! their school code (student code, teacher code). A student whose class changes gets a new
//! enrolment and the old one is closed, so their history stays.
//!
//! New accounts get a one-time activation code (printed on the class sheet); no password is
//! hashed here, so 100,000 students import in seconds. Writes use multi-row INSERTs.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::Connection;
use hocdvc_api::{ErrorDetail, ImportSummary, RosterKind};

use crate::db::DbConnection;
use crate::domain::{Role, SchoolLevel, SchoolYear, UnitKind, text};
use crate::error::AppError;
use crate::models::grant::{self, NewGrant};
use crate::models::roster_import::{self, NewRosterImport};
use crate::models::student::{self, NewEnrolment, NewStudent};
use crate::models::teacher::{self, NewTeacher};
use crate::models::training::{self as training_store, Member};
use crate::models::unit::{self, NewUnit, Unit};
use crate::models::{self, user};
use crate::roster::error::{ImportReport, RowError, group_thousands};
use crate::roster::fields;
use crate::roster::members::{MemberRow, parse_members_keeping_valid};
use crate::roster::students::{StudentRow, parse_students_keeping_valid};
use crate::roster::table::ParseOptions;
use crate::roster::teachers::{TeacherRow, parse_teachers_keeping_valid};
use crate::services::auth::{self, Principal};
use crate::services::gate::{self, Permission};

/// At most this many errors travel back to the browser; the message gives the total.
pub const MAX_REPORTED_ERRORS: usize = 1000;

const SCHOOL_COLUMN: &str = "Mã trường";

/// One import to run.
pub struct RosterRequest<'a> {
    pub kind: RosterKind,
    pub bytes: &'a [u8],
    pub file_name: String,
    pub school_year: SchoolYear,
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// The signed-in importer, whose school scope is enforced; `None` for the command line.
    pub by: Option<&'a Principal>,
    /// Import date and row limit.
    pub options: ParseOptions,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum RosterError {
    /// The file is wrong: what, and every wrong row.
    Refused {
        message: String,
        errors: Vec<RowError>,
    },
    Storage(AppError),
}

impl From<diesel::result::Error> for RosterError {
    fn from(e: diesel::result::Error) -> Self {
        RosterError::Storage(e.into())
    }
}

impl From<ImportReport> for RosterError {
    fn from(report: ImportReport) -> Self {
        RosterError::Refused {
            message: report.to_string(),
            errors: report.row_errors().to_vec(),
        }
    }
}

impl From<RosterError> for AppError {
    fn from(e: RosterError) -> Self {
        match e {
            RosterError::Refused { message, errors } => AppError::Rejected {
                message,
                details: errors
                    .into_iter()
                    .take(MAX_REPORTED_ERRORS)
                    .map(|e| ErrorDetail {
                        line: Some(e.line),
                        column: e.column,
                        message: e.message,
                    })
                    .collect(),
            },
            RosterError::Storage(e) => e,
        }
    }
}

impl RosterError {
    /// Every problem as a Vietnamese line, for the command line.
    pub fn messages(&self) -> Vec<String> {
        match self {
            RosterError::Refused { message, errors } => std::iter::once(message.clone())
                .chain(errors.iter().map(ToString::to_string))
                .collect(),
            RosterError::Storage(e) => vec![e.message()],
        }
    }
}

/// The refusal, with errors in file order (stable within a line).
fn refused(mut errors: Vec<RowError>) -> RosterError {
    errors.sort_by_key(|e| e.line);
    ImportReport::Rows(errors).into()
}

/// Parses, checks and (unless a dry run) writes a roster file.
pub fn import(
    conn: &mut DbConnection,
    request: &RosterRequest<'_>,
) -> Result<ImportSummary, RosterError> {
    let year = fields::SchoolYear::new(
        u16::try_from(request.school_year.start_year()).unwrap_or(u16::MAX),
    )
    .map_err(|e| RosterError::Refused {
        message: e.message,
        errors: Vec::new(),
    })?;
    let format = describe_format(request.bytes);
    let now = models::now();
    let mut summary = ImportSummary {
        id: None,
        kind: request.kind,
        dry_run: request.dry_run,
        file_name: request.file_name.clone(),
        school_year: request.school_year.to_string(),
        format,
        rows: 0,
        created: 0,
        updated: 0,
        moved: 0,
        unchanged: 0,
        classes_created: 0,
    };
    match request.kind {
        RosterKind::Students => {
            let (rows, parse_errors) =
                parse_students_keeping_valid(request.bytes, &year, &request.options)
                    .map_err(ImportReport::File)?;
            summary.rows = rows.len();
            conn.transaction(|conn| {
                let plan = plan_students(conn, &rows, parse_errors, request, now)?;
                plan.count(&mut summary);
                if !request.dry_run {
                    let schools = plan.school_ids.clone();
                    apply_students(conn, &rows, plan, now)?;
                    summary.id = Some(record(conn, &summary, &schools, request, now)?);
                }
                Ok(summary)
            })
        }
        RosterKind::Members => {
            let (rows, parse_errors) = parse_members_keeping_valid(request.bytes, &request.options)
                .map_err(ImportReport::File)?;
            summary.rows = rows.len();
            conn.transaction(|conn| {
                let plan = plan_members(conn, &rows, parse_errors, request)?;
                for action in &plan.actions {
                    match action {
                        MemberAction::Create { .. } => summary.created += 1,
                        MemberAction::Keep => summary.unchanged += 1,
                        MemberAction::Change { moved: true, .. } => summary.moved += 1,
                        MemberAction::Change { .. } => summary.updated += 1,
                    }
                }
                if !request.dry_run {
                    let units = plan.unit_ids.clone();
                    apply_members(conn, &rows, plan, now)?;
                    summary.id = Some(record(conn, &summary, &units, request, now)?);
                }
                Ok(summary)
            })
        }
        RosterKind::Teachers => {
            let (rows, parse_errors) =
                parse_teachers_keeping_valid(request.bytes, &year, &request.options)
                    .map_err(ImportReport::File)?;
            summary.rows = rows.len();
            conn.transaction(|conn| {
                let plan = plan_teachers(conn, &rows, parse_errors, request, now)?;
                plan.count(&mut summary);
                if !request.dry_run {
                    let schools = plan.school_ids.clone();
                    apply_teachers(conn, &rows, plan, now)?;
                    summary.id = Some(record(conn, &summary, &schools, request, now)?);
                }
                Ok(summary)
            })
        }
    }
}

/// "UTF-8 (có BOM), dấu phẩy": how the file was read, for the summary.
fn describe_format(bytes: &[u8]) -> String {
    match crate::roster::decode::decode(bytes) {
        Ok(decoded) => {
            let delimiter = match decoded.delimiter {
                b'\t' => "dấu tab",
                b';' => "dấu chấm phẩy",
                _ => "dấu phẩy",
            };
            format!("{}, {delimiter}", decoded.encoding.label())
        }
        Err(_) => String::new(),
    }
}

fn record(
    conn: &mut DbConnection,
    summary: &ImportSummary,
    school_ids: &[i32],
    request: &RosterRequest<'_>,
    now: NaiveDateTime,
) -> Result<i32, RosterError> {
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let kind = match request.kind {
        RosterKind::Students => "students",
        RosterKind::Teachers => "teachers",
        RosterKind::Members => "members",
    };
    Ok(roster_import::record(
        conn,
        &NewRosterImport {
            kind: kind.to_owned(),
            file_name: summary.file_name.clone(),
            school_year: summary.school_year.clone(),
            by_user_id: request.by.map(|p| p.user.id),
            at: now,
            row_count: count(summary.rows),
            created: count(summary.created),
            updated: count(summary.updated),
            moved: count(summary.moved),
            unchanged: count(summary.unchanged),
            classes_created: count(summary.classes_created),
        },
        school_ids,
    )?)
}

// ---------------------------------------------------------------------------------------------
// Shared checks: schools, classes, usernames.

/// The schools named in the file, checked once per code; rows naming a bad one get an error.
fn resolve_schools<'r>(
    conn: &mut DbConnection,
    rows: impl Iterator<Item = (usize, &'r str)> + Clone,
    by: Option<&Principal>,
    errors: &mut Vec<RowError>,
) -> Result<HashMap<String, Unit>, RosterError> {
    let codes: Vec<String> = rows
        .clone()
        .map(|(_, code)| code.to_owned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let found: HashMap<String, Unit> = unit::find_by_codes(conn, &codes)?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut schools = HashMap::new();
    let mut problems: HashMap<String, String> = HashMap::new();
    for code in codes {
        let unknown = || format!("Không tìm thấy trường có mã {code}");
        let Some(school) = found.get(&code) else {
            problems.insert(code.clone(), unknown());
            continue;
        };
        if school.kind() != Some(UnitKind::School) {
            problems.insert(
                code.clone(),
                format!("Đơn vị {code} không phải là một trường"),
            );
            continue;
        }
        if let Some(principal) = by {
            match gate::authorize(conn, principal, Permission::ImportRoster, school.id) {
                Ok(()) => {}
                Err(AppError::Forbidden) => {
                    problems.insert(
                        code.clone(),
                        format!("Bạn không có quyền nhập danh sách cho trường {code}"),
                    );
                    continue;
                }
                Err(AppError::NotFound) => {
                    problems.insert(code.clone(), unknown());
                    continue;
                }
                Err(e) => return Err(RosterError::Storage(e)),
            }
        }
        schools.insert(code, school.clone());
    }
    for (line, code) in rows {
        if let Some(problem) = problems.get(code) {
            errors.push(RowError::new(line, Some(SCHOOL_COLUMN), problem.clone()));
        }
    }
    Ok(schools)
}

/// Which grades a school of `level` teaches, when the level says.
fn grades_of(level: Option<SchoolLevel>) -> Option<(i32, i32)> {
    match level {
        Some(SchoolLevel::Thcs) => Some((6, 9)),
        Some(SchoolLevel::Thpt) => Some((10, 12)),
        _ => None,
    }
}

/// Classes of the school year, existing or to be created, keyed by (school id, class key).
struct Classes {
    year: String,
    start_year: i32,
    /// (school id, compact class name) → class code.
    codes: HashMap<(i32, String), String>,
    grades: HashMap<String, (i32, usize)>,
    /// Class code → id, for classes that exist (and, after `create`, the new ones).
    ids: HashMap<String, i32>,
    new: Vec<NewUnit>,
    now: NaiveDateTime,
}

impl Classes {
    fn load(
        conn: &mut DbConnection,
        schools: &HashMap<String, Unit>,
        year: SchoolYear,
        now: NaiveDateTime,
    ) -> Result<Classes, RosterError> {
        let school_ids: Vec<i32> = schools.values().map(|s| s.id).collect();
        let year_text = year.to_string();
        let mut classes = Classes {
            year: year_text.clone(),
            start_year: year.start_year(),
            codes: HashMap::new(),
            grades: HashMap::new(),
            ids: HashMap::new(),
            new: Vec::new(),
            now,
        };
        for class in unit::children_of_kind(conn, &school_ids, UnitKind::Class)? {
            if class.school_year.as_deref() != Some(year_text.as_str()) {
                continue;
            }
            let Some(school) = class.parent_id else {
                continue;
            };
            classes
                .codes
                .insert((school, text::compact_key(&class.name)), class.code.clone());
            classes
                .grades
                .insert(class.code.clone(), (class.grade.unwrap_or(0), 0));
            classes.ids.insert(class.code.clone(), class.id);
        }
        Ok(classes)
    }

    /// The code of class `name` of `school` for this year, planning its creation when missing.
    /// `None` (with an error pushed) when the grade disagrees with the school or the class.
    fn want(
        &mut self,
        school: &Unit,
        name: &str,
        grade: i32,
        line: usize,
        column: &str,
        errors: &mut Vec<RowError>,
    ) -> Option<String> {
        if let Some((low, high)) = grades_of(school.school_level())
            && !(low..=high).contains(&grade)
        {
            errors.push(RowError::new(
                line,
                Some(column),
                format!(
                    "Lớp {name} thuộc khối {grade}, nhưng trường {} chỉ có khối {low}–{high}",
                    school.code
                ),
            ));
            return None;
        }
        let key = (school.id, text::compact_key(name));
        if let Some(code) = self.codes.get(&key) {
            let (known, first_line) = self.grades.get(code).copied().unwrap_or((grade, line));
            if known != grade {
                let source = if first_line == 0 {
                    format!("đã có trong hệ thống năm học {}", self.year)
                } else {
                    format!("ở dòng {first_line}")
                };
                errors.push(RowError::new(
                    line,
                    Some(column),
                    format!("Lớp {name} {source} với khối {known}, không phải khối {grade}"),
                ));
                return None;
            }
            return Some(code.clone());
        }
        let code = format!(
            "{}-{}-{}",
            school.code,
            text::compact_key(name).to_uppercase(),
            self.start_year
        );
        self.codes.insert(key, code.clone());
        self.grades.insert(code.clone(), (grade, line));
        self.new.push(NewUnit {
            code: code.clone(),
            name: text::clean(name),
            kind: UnitKind::Class.as_str().to_owned(),
            parent_id: Some(school.id),
            school_level: None,
            grade: Some(grade),
            school_year: Some(self.year.clone()),
            created_at: self.now,
        });
        Some(code)
    }

    /// New class codes must not belong to another unit already.
    fn check_new_codes(
        &self,
        conn: &mut DbConnection,
        errors: &mut Vec<RowError>,
        column: &str,
    ) -> Result<(), RosterError> {
        let codes: Vec<String> = self.new.iter().map(|n| n.code.clone()).collect();
        for taken in unit::find_by_codes(conn, &codes)? {
            let line = self.grades.get(&taken.code).map_or(0, |(_, l)| *l);
            errors.push(RowError::new(
                line,
                Some(column),
                format!(
                    "Không tạo được lớp: mã {} đã dùng cho đơn vị «{}»",
                    taken.code, taken.name
                ),
            ));
        }
        Ok(())
    }

    fn create(&mut self, conn: &mut DbConnection) -> Result<(), RosterError> {
        for created in unit::create_many(conn, &self.new)? {
            self.ids.insert(created.code, created.id);
        }
        Ok(())
    }

    fn id(&self, code: &str) -> Result<i32, RosterError> {
        self.ids.get(code).copied().ok_or_else(|| {
            RosterError::Storage(AppError::Internal(anyhow::anyhow!(
                "class {code} vanished during the import"
            )))
        })
    }
}

/// New usernames must be free and distinct.
fn check_usernames<'r>(
    conn: &mut DbConnection,
    new: impl Iterator<Item = (usize, &'r str, String)>,
    column: &str,
    errors: &mut Vec<RowError>,
) -> Result<(), RosterError> {
    let mut seen: HashMap<String, (usize, &str)> = HashMap::new();
    let mut wanted: Vec<(usize, String)> = Vec::new();
    for (line, code, username) in new {
        match seen.get(&username) {
            // The very same code twice: the file check has reported it already.
            Some((_, first_code)) if *first_code == code => {}
            Some((first, _)) => errors.push(RowError::new(
                line,
                Some(column),
                format!(
                    "Mã {code} trùng với mã ở dòng {first} (không phân biệt chữ hoa, chữ thường)"
                ),
            )),
            None => {
                seen.insert(username.clone(), (line, code));
                wanted.push((line, username));
            }
        }
    }
    let names: Vec<&str> = wanted.iter().map(|(_, u)| u.as_str()).collect();
    let taken = user::ids_by_username(conn, &names)?;
    for (line, username) in &wanted {
        if taken.contains_key(username) {
            errors.push(RowError::new(
                *line,
                Some(column),
                format!(
                    "Tên đăng nhập {username} (từ mã này) đã thuộc về một tài khoản khác; hãy kiểm tra lại mã"
                ),
            ));
        }
    }
    Ok(())
}

fn new_account(username: String, full_name: &str, now: NaiveDateTime) -> user::NewUser {
    let mut new = user::NewUser::new(&username, full_name, now);
    new.activation_code = Some(auth::activation_code());
    new
}

/// What an import will do with one row.
enum Outcome {
    Created,
    Unchanged,
    Updated,
    Moved,
}

trait Action {
    fn outcome(&self) -> Outcome;
}

/// An import's plan: the classes to create and one action per row, in file order.
struct Plan<A> {
    classes: Classes,
    actions: Vec<A>,
    /// The schools the file touches, for the import record.
    school_ids: Vec<i32>,
}

impl<A: Action> Plan<A> {
    fn new(classes: Classes, actions: Vec<A>, schools: &HashMap<String, Unit>) -> Plan<A> {
        let mut school_ids: Vec<i32> = schools.values().map(|s| s.id).collect();
        school_ids.sort_unstable();
        Plan {
            classes,
            actions,
            school_ids,
        }
    }

    fn count(&self, summary: &mut ImportSummary) {
        summary.classes_created = self.classes.new.len();
        for action in &self.actions {
            match action.outcome() {
                Outcome::Created => summary.created += 1,
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Updated => summary.updated += 1,
                Outcome::Moved => summary.moved += 1,
            }
        }
    }
}

/// Where every plan starts: the row errors so far, the file's schools by code, and this year's
/// classes of those schools.
type PlanStart = (Vec<RowError>, HashMap<String, Unit>, Classes);

/// The checks every roster starts with, after the file's own errors (`parse_errors`, which the
/// database checks add to, so one upload reports everything): its schools, and this year's
/// classes of them.
fn begin_plan<'r>(
    conn: &mut DbConnection,
    schools_by_line: impl Iterator<Item = (usize, &'r str)> + Clone,
    parse_errors: Vec<RowError>,
    request: &RosterRequest<'_>,
    now: NaiveDateTime,
) -> Result<PlanStart, RosterError> {
    let mut errors = parse_errors;
    let schools = resolve_schools(conn, schools_by_line, request.by, &mut errors)?;
    let classes = Classes::load(conn, &schools, request.school_year, now)?;
    Ok((errors, schools, classes))
}

// ---------------------------------------------------------------------------------------------
// Students.

enum StudentAction {
    Create {
        class: String,
    },
    Keep,
    Change {
        user_id: i32,
        rename: bool,
        new_birth_date: bool,
        /// Set when the class changes: the open enrolment to close (if any) and the new class.
        move_to: Option<(Option<i32>, String)>,
    },
}

impl Action for StudentAction {
    fn outcome(&self) -> Outcome {
        match self {
            StudentAction::Create { .. } => Outcome::Created,
            StudentAction::Keep => Outcome::Unchanged,
            StudentAction::Change {
                move_to: Some(_), ..
            } => Outcome::Moved,
            StudentAction::Change { .. } => Outcome::Updated,
        }
    }
}

type StudentPlan = Plan<StudentAction>;

fn plan_students(
    conn: &mut DbConnection,
    rows: &[StudentRow],
    parse_errors: Vec<RowError>,
    request: &RosterRequest<'_>,
    now: NaiveDateTime,
) -> Result<StudentPlan, RosterError> {
    let (mut errors, schools, mut classes) = begin_plan(
        conn,
        rows.iter().map(|r| (r.line, r.school_code.as_str())),
        parse_errors,
        request,
        now,
    )?;
    let class_of: Vec<Option<String>> = rows
        .iter()
        .map(|row| {
            let school = schools.get(row.school_code.as_str())?;
            classes.want(
                school,
                row.class_name.as_str(),
                i32::from(row.grade.get()),
                row.line,
                "Lớp",
                &mut errors,
            )
        })
        .collect();
    classes.check_new_codes(conn, &mut errors, "Lớp")?;

    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    let existing = student::find_by_codes(conn, &codes)?;
    let user_ids: Vec<i32> = existing.values().map(|s| s.user_id).collect();
    let enrolled = student::open_enrolments(conn, &user_ids, &classes.year)?;
    check_usernames(
        conn,
        rows.iter()
            .filter(|r| !existing.contains_key(r.code.as_str()))
            .map(|r| (r.line, r.code.as_str(), r.code.as_str().to_lowercase())),
        "Mã học sinh",
        &mut errors,
    )?;
    if !errors.is_empty() {
        return Err(refused(errors));
    }

    let mut actions = Vec::with_capacity(rows.len());
    for (row, class) in rows.iter().zip(class_of) {
        let Some(class) = class else {
            return Err(refused(errors));
        };
        let Some(known) = existing.get(row.code.as_str()) else {
            actions.push(StudentAction::Create { class });
            continue;
        };
        let rename = known.full_name != row.full_name.as_str();
        let new_birth_date = known.birth_date != row.birth_date.date();
        let current = enrolled.get(&known.user_id);
        let class_id = classes.ids.get(&class).copied();
        let move_to = match current {
            Some((_, current_class)) if Some(*current_class) == class_id => None,
            Some((enrolment, _)) => Some((Some(*enrolment), class)),
            None => Some((None, class)),
        };
        if !rename && !new_birth_date && move_to.is_none() {
            actions.push(StudentAction::Keep);
        } else {
            actions.push(StudentAction::Change {
                user_id: known.user_id,
                rename,
                new_birth_date,
                move_to,
            });
        }
    }
    Ok(Plan::new(classes, actions, &schools))
}

fn apply_students(
    conn: &mut DbConnection,
    rows: &[StudentRow],
    mut plan: StudentPlan,
    now: NaiveDateTime,
) -> Result<(), RosterError> {
    plan.classes.create(conn)?;
    let year = plan.classes.year.clone();

    let new_users: Vec<user::NewUser> = rows
        .iter()
        .zip(&plan.actions)
        .filter(|(_, a)| matches!(a, StudentAction::Create { .. }))
        .map(|(row, _)| {
            new_account(
                row.code.as_str().to_lowercase(),
                row.full_name.as_str(),
                now,
            )
        })
        .collect();
    let ids = user::insert_many(conn, &new_users)?;
    drop(new_users);

    let mut students = Vec::new();
    let mut enrolments = Vec::new();
    let mut grants = Vec::new();
    let mut closed = Vec::new();
    let mut moved_users = Vec::new();
    for (row, action) in rows.iter().zip(&plan.actions) {
        let grade = i32::from(row.grade.get());
        match action {
            StudentAction::Keep => {}
            StudentAction::Create { class } => {
                let user_id = ids
                    .get(&row.code.as_str().to_lowercase())
                    .copied()
                    .ok_or(diesel::result::Error::NotFound)?;
                let class_id = plan.classes.id(class)?;
                students.push(NewStudent {
                    user_id,
                    student_code: row.code.as_str().to_owned(),
                    birth_date: row.birth_date.date(),
                });
                enrolments.push(NewEnrolment {
                    user_id,
                    class_id,
                    school_year: year.clone(),
                    grade,
                    started_at: now,
                });
                grants.push(NewGrant::new(user_id, Role::Student, class_id));
            }
            StudentAction::Change {
                user_id,
                rename,
                new_birth_date,
                move_to,
            } => {
                if *rename {
                    user::set_full_name(conn, *user_id, row.full_name.as_str())?;
                }
                if *new_birth_date {
                    student::set_birth_date(conn, *user_id, row.birth_date.date())?;
                }
                if let Some((open, class)) = move_to {
                    let class_id = plan.classes.id(class)?;
                    closed.extend(*open);
                    moved_users.push(*user_id);
                    enrolments.push(NewEnrolment {
                        user_id: *user_id,
                        class_id,
                        school_year: year.clone(),
                        grade,
                        started_at: now,
                    });
                    grants.push(NewGrant::new(*user_id, Role::Student, class_id));
                }
            }
        }
    }
    student::insert_students(conn, &students)?;
    student::end_enrolments(conn, &closed, now)?;
    // A student belongs to their newest class: the grant follows the move.
    grant::revoke_all(conn, &moved_users, Role::Student)?;
    student::insert_enrolments(conn, &enrolments)?;
    grant::insert_many(conn, &grants)?;
    // New and moved students change the coverage denominators (and where their numerators
    // count), in the import's transaction.
    let touched: Vec<i32> = enrolments.iter().map(|e| e.user_id).collect();
    crate::services::coverage::refresh_students(conn, &touched, &year)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Teachers.

enum TeacherAction {
    Create {
        school_id: i32,
        /// Homeroom class code, else the grant goes on the school.
        class: Option<String>,
    },
    Keep,
    Change {
        user_id: i32,
        rename: bool,
        /// Old school when the teacher changed school.
        left_school: Option<i32>,
        school_id: i32,
        /// Set when the teaching grant moves: the class code (or the school).
        regrant: Option<Option<String>>,
    },
}

impl Action for TeacherAction {
    fn outcome(&self) -> Outcome {
        match self {
            TeacherAction::Create { .. } => Outcome::Created,
            TeacherAction::Keep => Outcome::Unchanged,
            TeacherAction::Change {
                regrant: Some(_), ..
            } => Outcome::Moved,
            TeacherAction::Change { .. } => Outcome::Updated,
        }
    }
}

type TeacherPlan = Plan<TeacherAction>;

fn plan_teachers(
    conn: &mut DbConnection,
    rows: &[TeacherRow],
    parse_errors: Vec<RowError>,
    request: &RosterRequest<'_>,
    now: NaiveDateTime,
) -> Result<TeacherPlan, RosterError> {
    let (mut errors, schools, mut classes) = begin_plan(
        conn,
        rows.iter().map(|r| (r.line, r.school_code.as_str())),
        parse_errors,
        request,
        now,
    )?;
    let mut targets: Vec<Option<(i32, Option<String>)>> = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(school) = schools.get(row.school_code.as_str()) else {
            targets.push(None);
            continue;
        };
        let Some(homeroom) = &row.homeroom_class else {
            targets.push(Some((school.id, None)));
            continue;
        };
        let grade = homeroom
            .leading_number()
            .and_then(|n| i32::try_from(n).ok())
            .filter(|g| (6..=12).contains(g));
        let Some(grade) = grade else {
            errors.push(RowError::new(
                row.line,
                Some("Lớp chủ nhiệm"),
                format!(
                    "Không xác định được khối của lớp {homeroom}: tên lớp phải bắt đầu bằng khối 6–12, ví dụ 10A1"
                ),
            ));
            targets.push(None);
            continue;
        };
        let class = classes.want(
            school,
            homeroom.as_str(),
            grade,
            row.line,
            "Lớp chủ nhiệm",
            &mut errors,
        );
        targets.push(class.map(|c| (school.id, Some(c))));
    }
    classes.check_new_codes(conn, &mut errors, "Lớp chủ nhiệm")?;

    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    let existing = teacher::find_by_codes(conn, &codes)?;
    let user_ids: Vec<i32> = existing.values().map(|t| t.0).collect();
    let granted = grant::units_of_role(conn, &user_ids, Role::Teacher)?;
    check_usernames(
        conn,
        rows.iter()
            .filter(|r| !existing.contains_key(r.code.as_str()))
            .map(|r| (r.line, r.code.as_str(), r.code.as_str().to_lowercase())),
        "Mã giáo viên",
        &mut errors,
    )?;
    if !errors.is_empty() {
        return Err(refused(errors));
    }

    let mut actions = Vec::with_capacity(rows.len());
    for (row, target) in rows.iter().zip(targets) {
        let Some((school_id, class)) = target else {
            return Err(refused(errors));
        };
        let Some((user_id, old_school, full_name)) = existing.get(row.code.as_str()) else {
            actions.push(TeacherAction::Create { school_id, class });
            continue;
        };
        let rename = full_name != row.full_name.as_str();
        let left_school = (*old_school != school_id).then_some(*old_school);
        let wanted_unit = match &class {
            Some(code) => classes.ids.get(code).copied(),
            None => Some(school_id),
        };
        let current = granted.get(user_id).cloned().unwrap_or_default();
        let regrant = (left_school.is_some()
            || wanted_unit.is_none()
            || current.len() != 1
            || current.first().copied() != wanted_unit)
            .then(|| class.clone());
        if !rename && left_school.is_none() && regrant.is_none() {
            actions.push(TeacherAction::Keep);
        } else {
            actions.push(TeacherAction::Change {
                user_id: *user_id,
                rename,
                left_school,
                school_id,
                regrant,
            });
        }
    }
    Ok(Plan::new(classes, actions, &schools))
}

fn apply_teachers(
    conn: &mut DbConnection,
    rows: &[TeacherRow],
    mut plan: TeacherPlan,
    now: NaiveDateTime,
) -> Result<(), RosterError> {
    plan.classes.create(conn)?;
    let new_users: Vec<user::NewUser> = rows
        .iter()
        .zip(&plan.actions)
        .filter(|(_, a)| matches!(a, TeacherAction::Create { .. }))
        .map(|(row, _)| {
            new_account(
                row.code.as_str().to_lowercase(),
                row.full_name.as_str(),
                now,
            )
        })
        .collect();
    let ids = user::insert_many(conn, &new_users)?;
    let mut teachers = Vec::new();
    let mut grants = Vec::new();
    for (row, action) in rows.iter().zip(&plan.actions) {
        let unit_for = |class: &Option<String>, school_id: i32| match class {
            Some(code) => plan.classes.id(code),
            None => Ok(school_id),
        };
        match action {
            TeacherAction::Keep => {}
            TeacherAction::Create { school_id, class } => {
                let user_id = ids
                    .get(&row.code.as_str().to_lowercase())
                    .copied()
                    .ok_or(diesel::result::Error::NotFound)?;
                teachers.push(NewTeacher {
                    user_id,
                    teacher_code: row.code.as_str().to_owned(),
                    school_id: *school_id,
                });
                grants.push(NewGrant::new(
                    user_id,
                    Role::Teacher,
                    unit_for(class, *school_id)?,
                ));
            }
            TeacherAction::Change {
                user_id,
                rename,
                left_school,
                school_id,
                regrant,
            } => {
                if *rename {
                    user::set_full_name(conn, *user_id, row.full_name.as_str())?;
                }
                if let Some(old) = left_school {
                    teacher::set_school(conn, *user_id, *school_id)?;
                    grant::revoke_within(conn, &[*user_id], Role::Teacher, *old)?;
                }
                if let Some(class) = regrant {
                    grant::revoke_within(conn, &[*user_id], Role::Teacher, *school_id)?;
                    grants.push(NewGrant::new(
                        *user_id,
                        Role::Teacher,
                        unit_for(class, *school_id)?,
                    ));
                }
            }
        }
    }
    teacher::insert(conn, &teachers)?;
    grant::insert_many(conn, &grants)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Agency and community team members (annual training).

const MEMBER_UNIT_COLUMN: &str = "Mã đơn vị";
const MEMBER_CODE_COLUMN: &str = "Mã cán bộ";

enum MemberAction {
    Create {
        unit_id: i32,
    },
    Keep,
    Change {
        user_id: i32,
        rename: bool,
        /// The old unit when the member changed unit (their grants move).
        moved: bool,
        old_unit: i32,
        unit_id: i32,
    },
}

struct MemberPlan {
    actions: Vec<MemberAction>,
    unit_ids: Vec<i32>,
}

/// The agencies and teams named in the file, checked once per code.
fn resolve_member_units<'r>(
    conn: &mut DbConnection,
    rows: impl Iterator<Item = (usize, &'r str)> + Clone,
    by: Option<&Principal>,
    errors: &mut Vec<RowError>,
) -> Result<HashMap<String, Unit>, RosterError> {
    let codes: Vec<String> = rows
        .clone()
        .map(|(_, code)| code.to_owned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let found: HashMap<String, Unit> = unit::find_by_codes(conn, &codes)?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut units = HashMap::new();
    let mut problems: HashMap<String, String> = HashMap::new();
    for code in codes {
        let unknown = || format!("Không tìm thấy cơ quan hay tổ có mã {code}");
        let Some(found) = found.get(&code) else {
            problems.insert(code.clone(), unknown());
            continue;
        };
        if !matches!(found.kind(), Some(UnitKind::Agency | UnitKind::Team)) {
            problems.insert(
                code.clone(),
                format!("Đơn vị {code} không phải là cơ quan hay tổ công nghệ số cộng đồng"),
            );
            continue;
        }
        if let Some(principal) = by {
            match gate::authorize(conn, principal, Permission::ManageTraining, found.id) {
                Ok(()) => {}
                Err(AppError::Forbidden) => {
                    problems.insert(
                        code.clone(),
                        format!("Bạn không có quyền nhập danh sách cho đơn vị {code}"),
                    );
                    continue;
                }
                Err(AppError::NotFound) => {
                    problems.insert(code.clone(), unknown());
                    continue;
                }
                Err(e) => return Err(RosterError::Storage(e)),
            }
        }
        units.insert(code, found.clone());
    }
    for (line, code) in rows {
        if let Some(problem) = problems.get(code) {
            errors.push(RowError::new(
                line,
                Some(MEMBER_UNIT_COLUMN),
                problem.clone(),
            ));
        }
    }
    Ok(units)
}

fn plan_members(
    conn: &mut DbConnection,
    rows: &[MemberRow],
    parse_errors: Vec<RowError>,
    request: &RosterRequest<'_>,
) -> Result<MemberPlan, RosterError> {
    let mut errors = parse_errors;
    let units = resolve_member_units(
        conn,
        rows.iter().map(|r| (r.line, r.unit_code.as_str())),
        request.by,
        &mut errors,
    )?;
    let codes: Vec<String> = rows
        .iter()
        .map(|r| r.code.as_str().to_lowercase())
        .collect();
    let existing = training_store::members_by_codes(conn, &codes)?;
    let user_ids: Vec<i32> = existing.values().map(|(m, _)| m.user_id).collect();
    let officers = grant::units_of_role(conn, &user_ids, Role::TrainingOfficer)?;
    check_usernames(
        conn,
        rows.iter()
            .filter(|r| !existing.contains_key(&r.code.as_str().to_lowercase()))
            .map(|r| (r.line, r.code.as_str(), r.code.as_str().to_lowercase())),
        MEMBER_CODE_COLUMN,
        &mut errors,
    )?;
    if !errors.is_empty() {
        return Err(refused(errors));
    }
    let mut actions = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(unit) = units.get(row.unit_code.as_str()) else {
            return Err(refused(errors));
        };
        match existing.get(&row.code.as_str().to_lowercase()) {
            None => actions.push(MemberAction::Create { unit_id: unit.id }),
            Some((member, full_name)) => {
                let rename = full_name != row.full_name.as_str();
                let moved = member.unit_id != unit.id;
                let regroup = member.job_group != row.job_group.as_str();
                let new_officer = row.training_officer
                    && !officers
                        .get(&member.user_id)
                        .is_some_and(|units| units.contains(&unit.id));
                if !rename && !moved && !regroup && !new_officer {
                    actions.push(MemberAction::Keep);
                } else {
                    actions.push(MemberAction::Change {
                        user_id: member.user_id,
                        rename,
                        moved,
                        old_unit: member.unit_id,
                        unit_id: unit.id,
                    });
                }
            }
        }
    }
    let mut unit_ids: Vec<i32> = units.values().map(|u| u.id).collect();
    unit_ids.sort_unstable();
    Ok(MemberPlan { actions, unit_ids })
}

fn apply_members(
    conn: &mut DbConnection,
    rows: &[MemberRow],
    plan: MemberPlan,
    now: NaiveDateTime,
) -> Result<(), RosterError> {
    let new_users: Vec<user::NewUser> = rows
        .iter()
        .zip(&plan.actions)
        .filter(|(_, a)| matches!(a, MemberAction::Create { .. }))
        .map(|(row, _)| {
            new_account(
                row.code.as_str().to_lowercase(),
                row.full_name.as_str(),
                now,
            )
        })
        .collect();
    let ids = user::insert_many(conn, &new_users)?;
    let mut members = Vec::new();
    let mut grants = Vec::new();
    for (row, action) in rows.iter().zip(&plan.actions) {
        let username = row.code.as_str().to_lowercase();
        match action {
            MemberAction::Keep => {}
            MemberAction::Create { unit_id } => {
                let user_id = ids
                    .get(&username)
                    .copied()
                    .ok_or(diesel::result::Error::NotFound)?;
                members.push(Member {
                    user_id,
                    member_code: username,
                    unit_id: *unit_id,
                    job_group: row.job_group.as_str().to_owned(),
                    created_at: now,
                    updated_at: now,
                });
                grants.push(NewGrant::new(user_id, Role::CivilServant, *unit_id));
                if row.training_officer {
                    grants.push(NewGrant::new(user_id, Role::TrainingOfficer, *unit_id));
                }
            }
            MemberAction::Change {
                user_id,
                rename,
                moved,
                old_unit,
                unit_id,
            } => {
                if *rename {
                    user::set_full_name(conn, *user_id, row.full_name.as_str())?;
                }
                if *moved {
                    grant::revoke_within(conn, &[*user_id], Role::CivilServant, *old_unit)?;
                    grant::revoke_within(conn, &[*user_id], Role::TrainingOfficer, *old_unit)?;
                }
                training_store::update_member(
                    conn,
                    *user_id,
                    *unit_id,
                    row.job_group.as_str(),
                    now,
                )?;
                grant::grant(conn, *user_id, Role::CivilServant, *unit_id)?;
                if row.training_officer {
                    grant::grant(conn, *user_id, Role::TrainingOfficer, *unit_id)?;
                }
            }
        }
    }
    training_store::insert_members(conn, &members)?;
    grant::insert_many(conn, &grants)?;
    let mut touched: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    touched.extend(plan.actions.iter().filter_map(|a| match a {
        MemberAction::Change { user_id, .. } => Some(*user_id),
        _ => None,
    }));
    crate::services::coverage::refresh_training_all_years(conn, &touched)?;
    Ok(())
}

/// "Đã nhập 1.234 dòng: …" for the command line.
pub fn describe(summary: &ImportSummary) -> String {
    let verb = if summary.dry_run {
        "Kiểm tra xong (chưa ghi gì)"
    } else {
        "Đã nhập"
    };
    format!(
        "{verb}: {} dòng ({}) — mới {}, cập nhật {}, chuyển lớp {}, không đổi {}, lớp mới {}.",
        group_thousands(summary.rows),
        summary.format,
        group_thousands(summary.created),
        group_thousands(summary.updated),
        group_thousands(summary.moved),
        group_thousands(summary.unchanged),
        group_thousands(summary.classes_created),
    )
}
