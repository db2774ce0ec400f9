//! The demo class's work (issue 6): the THPT core module assigned to class 10A1 of
//! AG-LX-THPT by `gv.thpt` for the current school year, with some students part-way through
//! the lessons and some done (lessons learned, a finished passed attempt pinned to real
//! question versions, the completion event), and family-helper tasks pending and confirmed.
//! `hs.thpt` has the module assigned and has not started, so a walk-through starts there.
//!
//! It needs the curriculum, so it runs after `content load`; it writes once (its own
//! `app_meta` key) and does nothing when the module is not loaded yet.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::SchoolYear;
use crate::models::assignment::{self, NewAssignment};
use crate::models::family_task::{self, NewFamilyTask};
use crate::models::{app_meta, progress, unit, user};
use crate::question_formats::model::QuestionKind;
use crate::schema::{attempt_slots, attempts, question_versions, questions};
use crate::services::assignments::{day_of, end_of_day, start_of_day};
use crate::services::completion;

const KEY: &str = "demo.class_work.version";
const VERSION: &str = "1";
pub const MODULE: &str = "thpt-core";
/// Questions in a demo attempt (the module draws 15).
const SLOTS: usize = 15;

/// Seeds the class work once the demo province and the THPT core module are there. Returns
/// whether it wrote anything.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<bool> {
    conn.transaction(|conn| {
        if app_meta::get(conn, KEY)?.as_deref() == Some(VERSION) {
            return Ok(false);
        }
        let year = SchoolYear::containing(now.date());
        let class_code = format!("AG-LX-THPT-10A1-{}", year.start_year());
        let (Some(class), Some(teacher), Some(_)) = (
            unit::find_by_code(conn, &class_code)?,
            user::find_by_username(conn, "gv.thpt")?,
            assignment::module_facts(conn, MODULE)?,
        ) else {
            return Ok(false);
        };
        let year = year.to_string();
        let today = day_of(now);
        if !assignment::exists(conn, class.id, MODULE, &year)? {
            assignment::insert(
                conn,
                &NewAssignment {
                    module_id: MODULE.to_owned(),
                    class_id: class.id,
                    school_year: year.clone(),
                    opens_at: start_of_day(today - Duration::days(14)),
                    due_at: end_of_day(today + Duration::days(21)),
                    assigned_by: Some(teacher.id),
                    created_at: now - Duration::days(15),
                },
            )?;
        }
        let lessons: Vec<String> = assignment::required_lessons(conn, MODULE)?
            .into_iter()
            .map(|l| l.0)
            .collect();
        let versions = question_versions_for_attempt(conn)?;
        let mut students = assignment::students_of(conn, class.id, &year)?;
        students.retain(|s| s.1 != "hs.thpt");
        students.sort_by_key(|s| s.1.clone());
        for (i, (user_id, _, _)) in students.iter().enumerate() {
            let started = now - Duration::days(10 - i as i64) - Duration::hours(2);
            match i {
                // Done: every lesson, a passed attempt, the completion event.
                0..=2 => {
                    for (n, lesson) in lessons.iter().enumerate() {
                        progress::mark_done(
                            conn,
                            *user_id,
                            lesson,
                            started - Duration::hours(24 - n as i64),
                        )?;
                    }
                    let wrong = i + 1;
                    let finished =
                        finished_attempt(conn, *user_id, &year, started, &versions, wrong)?;
                    completion::record_if_complete(conn, *user_id, MODULE, finished)?;
                }
                // Part-way through the lessons.
                3..=5 => {
                    for lesson in lessons.iter().take(2 * i - 4) {
                        progress::mark_done(conn, *user_id, lesson, started)?;
                    }
                }
                _ => {}
            }
        }
        // Family-helper tasks: two confirmed by the teacher, two waiting.
        let tasks = [
            (
                "parent",
                "vneid_activation",
                "succeeded",
                Some("Hướng dẫn mẹ kích hoạt tài khoản trên điện thoại."),
                "confirmed",
            ),
            (
                "grandparent",
                "electricity_bill_payment",
                "succeeded",
                None,
                "confirmed",
            ),
            (
                "parent",
                "birth_registration_bundle",
                "unfinished",
                Some("Còn thiếu ảnh giấy tờ, tuần sau làm tiếp."),
                "pending",
            ),
            (
                "neighbour",
                "dossier_tracking",
                "needs_more_help",
                None,
                "pending",
            ),
        ];
        for ((relation, procedure, outcome, note, status), (user_id, _, _)) in
            tasks.into_iter().zip(students.iter())
        {
            let recorded = now - Duration::days(3);
            let id = family_task::insert(
                conn,
                &NewFamilyTask {
                    user_id: *user_id,
                    school_year: year.clone(),
                    relation: relation.to_owned(),
                    procedure_code: procedure.to_owned(),
                    outcome: outcome.to_owned(),
                    note: note.map(str::to_owned),
                    recorded_at: recorded,
                    status: "pending".to_owned(),
                },
            )?;
            if status == "confirmed" {
                family_task::set_status(
                    conn,
                    id,
                    status,
                    teacher.id,
                    recorded + Duration::hours(5),
                )?;
                crate::services::coverage::refresh_students(conn, &[*user_id], &year)?;
            }
        }
        app_meta::set(conn, KEY, VERSION)?;
        Ok(true)
    })
}

/// A single-answer multiple-choice question version of the module: its id, how many options
/// it has and which one is right.
struct Pinned {
    version_id: i32,
    options: usize,
    correct: usize,
}

/// The current versions of the module's single-answer multiple-choice questions, up to
/// [`SLOTS`], in a stable order.
fn question_versions_for_attempt(conn: &mut DbConnection) -> anyhow::Result<Vec<Pinned>> {
    let rows: Vec<(i32, String)> = question_versions::table
        .inner_join(questions::table)
        .filter(questions::module_id.eq(MODULE))
        .filter(question_versions::version.eq(questions::current_version))
        .filter(question_versions::qtype.eq("multichoice"))
        .order(question_versions::id)
        .select((question_versions::id, question_versions::answers))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(version_id, answers)| {
            match serde_json::from_str::<QuestionKind>(&answers).ok()? {
                QuestionKind::MultiChoice {
                    single: true,
                    answers,
                    ..
                } => {
                    let correct = answers.iter().position(|a| a.fraction >= 1.0)?;
                    Some(Pinned {
                        version_id,
                        options: answers.len(),
                        correct,
                    })
                }
                _ => None,
            }
        })
        .take(SLOTS)
        .collect())
}

/// Writes a finished attempt with `wrong` wrong answers; returns when it finished.
fn finished_attempt(
    conn: &mut DbConnection,
    user_id: i32,
    year: &str,
    started: NaiveDateTime,
    pinned: &[Pinned],
    wrong: usize,
) -> anyhow::Result<NaiveDateTime> {
    let finished = started + Duration::minutes(12);
    let max_score = pinned.len() as f64;
    let score = pinned.len().saturating_sub(wrong) as f64;
    // The module's pass mark: 70 %.
    let passed = max_score > 0.0 && score >= 0.7 * max_score;
    diesel::insert_into(attempts::table)
        .values((
            attempts::user_id.eq(user_id),
            attempts::module_id.eq(MODULE),
            attempts::school_year.eq(year),
            attempts::attempt_number.eq(1),
            attempts::seed.eq(i64::from(user_id) * 7919),
            attempts::state.eq("finished"),
            attempts::overdue_policy.eq("autosubmit"),
            attempts::started_at.eq(started),
            attempts::deadline.eq(started + Duration::minutes(20)),
            attempts::finished_at.eq(Some(finished)),
            attempts::score.eq(Some(score)),
            attempts::max_score.eq(max_score),
            attempts::passed.eq(Some(passed)),
            attempts::needs_grading.eq(false),
        ))
        .execute(conn)?;
    let attempt_id: i32 = attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(MODULE))
        .filter(attempts::attempt_number.eq(1))
        .select(attempts::id)
        .first(conn)?;
    for (i, question) in pinned.iter().enumerate() {
        let right = i >= wrong;
        let chosen = if right {
            question.correct
        } else {
            (question.correct + 1) % question.options.max(1)
        };
        let letter = char::from(b'a' + (chosen as u8 % 26));
        let order: Vec<usize> = (0..question.options).collect();
        diesel::insert_into(attempt_slots::table)
            .values((
                attempt_slots::attempt_id.eq(attempt_id),
                attempt_slots::slot.eq(i as i32 + 1),
                attempt_slots::question_version_id.eq(question.version_id),
                attempt_slots::option_order.eq(serde_json::to_string(&order)?),
                attempt_slots::max_mark.eq(1.0),
                attempt_slots::response.eq(Some(
                    serde_json::json!({ "selected": [letter.to_string()] }).to_string(),
                )),
                attempt_slots::saved_seq.eq(1_i64),
                attempt_slots::saved_at.eq(Some(started + Duration::minutes(i as i64 / 2 + 1))),
                attempt_slots::mark.eq(Some(if right { 1.0 } else { 0.0 })),
            ))
            .execute(conn)?;
    }
    Ok(finished)
}
