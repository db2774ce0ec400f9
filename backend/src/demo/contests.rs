//! The demo knowledge contests (issue 8), seeded once the `contest-practice` module is loaded:
//! - "Cuộc thi tìm hiểu DVCTT năm học …" of the province with THCS and THPT groups and an open
//!   weekly school round that `hs.thpt` and `hs.thcs` can enter; other students of their
//!   classes have already finished, so the organiser's live leaderboard has rows.
//! - "… đợt tháng trước": a closed and published round whose results tie on score and are
//!   decided by the prediction, then the duration, then the submission time.
//!
//! Demo entrants' finished attempts carry their score only (no answered slots): nobody but
//! their owners, rostered students without a password, could open them.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::SchoolYear;
use crate::models::contest::{self as store, Entrant, NewContest, NewRound};
use crate::models::{app_meta, assignment, attempt, unit};
use crate::schema::{attempts, contest_rounds};

const KEY: &str = "demo.contests.version";
const VERSION: &str = "1";
pub const MODULE: &str = "contest-practice";
const QUESTIONS: i32 = 10;
const PREDICTION_QUESTION: &str =
    "Có bao nhiêu thí sinh trả lời đúng tất cả các câu hỏi của vòng thi này?";

/// One demo result: score out of [`QUESTIONS`], prediction, minutes and seconds taken, and
/// how many minutes after the round opened it was submitted.
type DemoResult = (f64, i64, i64, i64);

/// Seeds the contests once. Returns whether it wrote anything.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<bool> {
    conn.transaction(|conn| {
        if app_meta::get(conn, KEY)?.as_deref() == Some(VERSION) {
            return Ok(false);
        }
        let year = SchoolYear::containing(now.date());
        let (Some(province), Some(_), Some(organiser)) = (
            unit::find_by_code(conn, "AG")?,
            attempt::module_quiz(conn, MODULE)?,
            crate::models::user::find_by_username(conn, "btc")?,
        ) else {
            return Ok(false);
        };
        let start = year.start_year();
        let thpt_class = unit::find_by_code(conn, &format!("AG-LX-THPT-10A1-{start}"))?;
        let thcs_class = unit::find_by_code(conn, &format!("AG-LX-THCS-9A1-{start}"))?;
        let (Some(thpt_class), Some(thcs_class)) = (thpt_class, thcs_class) else {
            return Ok(false);
        };
        let groups = vec![
            ("thcs".to_owned(), "Bảng THCS".to_owned()),
            ("thpt".to_owned(), "Bảng THPT".to_owned()),
        ];
        let year_text = year.to_string();
        let mut classmates = |class_id: i32| -> anyhow::Result<Vec<(i32, i32)>> {
            let school = unit::path(conn, class_id)?
                .iter()
                .rev()
                .find(|u| u.kind() == Some(crate::domain::UnitKind::School))
                .map(|u| u.id)
                .unwrap_or(class_id);
            let mut students = assignment::students_of(conn, class_id, &year_text)?;
            students.retain(|s| !s.1.starts_with("hs."));
            students.sort_by_key(|s| s.1.clone());
            Ok(students.into_iter().map(|s| (s.0, school)).collect())
        };
        let thpt = classmates(thpt_class.id)?;
        let thcs = classmates(thcs_class.id)?;

        // The open contest: a weekly school round, three weeks left.
        let open = store::insert(
            conn,
            &NewContest {
                title: format!("Cuộc thi tìm hiểu về dịch vụ công trực tuyến năm học {year}"),
                description: "Dành cho học sinh THCS, THPT của tỉnh. Vòng thi cấp trường: mỗi \
                              tuần một lượt, 10 câu, 15 phút; vòng thi cấp tỉnh dành cho thí \
                              sinh được chọn."
                    .to_owned(),
                unit_id: province.id,
                prediction_question: PREDICTION_QUESTION.to_owned(),
                created_by: Some(organiser.id),
                created_at: now - Duration::days(8),
            },
            &groups,
        )?;
        let open_round = round(
            conn,
            open,
            "Vòng thi cấp trường",
            now - Duration::days(7),
            now + Duration::days(21),
            now,
        )?;
        let open_results: [DemoResult; 4] = [
            (9.0, 3, 11, 40),
            (9.0, 5, 8, 90),
            (7.0, 2, 14, 200),
            (10.0, 4, 12, 300),
        ];
        let thcs_results: [DemoResult; 3] = [(8.0, 2, 9, 60), (8.0, 6, 13, 80), (6.0, 1, 15, 100)];
        results(
            conn,
            open_round,
            now - Duration::days(7),
            &thpt,
            &open_results,
            open,
            "thpt",
        )?;
        results(
            conn,
            open_round,
            now - Duration::days(7),
            &thcs,
            &thcs_results,
            open,
            "thcs",
        )?;

        // Last month's contest: closed and published; ties decided by the tie-breaks.
        let past = store::insert(
            conn,
            &NewContest {
                title: "Cuộc thi tìm hiểu về dịch vụ công trực tuyến — đợt tháng trước".to_owned(),
                description: "Kết quả đã công bố.".to_owned(),
                unit_id: province.id,
                prediction_question: PREDICTION_QUESTION.to_owned(),
                created_by: Some(organiser.id),
                created_at: now - Duration::days(45),
            },
            &groups,
        )?;
        let opened = now - Duration::days(40);
        let past_round = round(
            conn,
            past,
            "Vòng thi cấp trường",
            opened,
            now - Duration::days(30),
            now,
        )?;
        // Three with full marks (the true value is 3): 4 and 2 are both 1 away, so the
        // shorter duration wins; 9/10 twice with the same gap and duration: the earlier wins.
        let past_thpt: [DemoResult; 6] = [
            (10.0, 2, 10, 100),
            (10.0, 5, 7, 200),
            (10.0, 4, 5, 300),
            (9.0, 3, 8, 400),
            (9.0, 3, 8, 500),
            (7.0, 3, 6, 600),
        ];
        let past_thcs: [DemoResult; 3] = [(9.0, 0, 9, 100), (9.0, 3, 12, 200), (8.0, 3, 5, 300)];
        results(conn, past_round, opened, &thpt, &past_thpt, past, "thpt")?;
        results(conn, past_round, opened, &thcs, &past_thcs, past, "thcs")?;
        diesel::update(contest_rounds::table.find(past_round))
            .set(contest_rounds::published_at.eq(Some(now - Duration::days(29))))
            .execute(conn)?;

        app_meta::set(conn, KEY, VERSION)?;
        Ok(true)
    })
}

fn round(
    conn: &mut DbConnection,
    contest_id: i32,
    name: &str,
    opens_at: NaiveDateTime,
    closes_at: NaiveDateTime,
    now: NaiveDateTime,
) -> anyhow::Result<i32> {
    Ok(store::insert_round(
        conn,
        &NewRound {
            contest_id,
            position: 0,
            name: name.to_owned(),
            module_id: MODULE.to_owned(),
            tags: "[]".to_owned(),
            question_count: QUESTIONS,
            time_limit_minutes: 15,
            attempts_rule: "weekly".to_owned(),
            opens_at,
            closes_at,
            closed_by_hand: false,
            prediction_truth: None,
            qualify_rule: None,
            qualify_value: None,
            qualified_at: None,
            published_at: None,
            created_at: now,
        },
    )?)
}

/// Registers the first students as entrants of `audience`'s group with finished attempts.
fn results(
    conn: &mut DbConnection,
    round_id: i32,
    opened: NaiveDateTime,
    students: &[(i32, i32)],
    results: &[DemoResult],
    contest_id: i32,
    audience: &str,
) -> anyhow::Result<()> {
    let group = store::groups(conn, contest_id)?
        .into_iter()
        .find(|g| g.audience == audience)
        .ok_or_else(|| anyhow::anyhow!("demo group {audience} missing"))?;
    let year = SchoolYear::containing(opened.date()).to_string();
    for (&(user_id, school_id), &(score, prediction, minutes, after)) in
        students.iter().zip(results)
    {
        let finished = opened + Duration::minutes(after);
        let started = finished - Duration::minutes(minutes);
        let number = attempt::next_number(conn, user_id, MODULE)?;
        diesel::insert_into(attempts::table)
            .values((
                attempts::user_id.eq(user_id),
                attempts::module_id.eq(MODULE),
                attempts::school_year.eq(&year),
                attempts::attempt_number.eq(number),
                attempts::seed.eq(i64::from(user_id) * 104_729),
                attempts::state.eq(attempt::FINISHED),
                attempts::overdue_policy.eq("autosubmit"),
                attempts::started_at.eq(started),
                attempts::deadline.eq(started + Duration::minutes(15)),
                attempts::finished_at.eq(Some(finished)),
                attempts::score.eq(Some(score)),
                attempts::max_score.eq(f64::from(QUESTIONS)),
                attempts::passed.eq(Some(true)),
                attempts::needs_grading.eq(false),
                attempts::contest_round_id.eq(Some(round_id)),
            ))
            .execute(conn)?;
        let attempt_id: i32 = attempts::table
            .filter(attempts::user_id.eq(user_id))
            .filter(attempts::module_id.eq(MODULE))
            .filter(attempts::attempt_number.eq(number))
            .select(attempts::id)
            .first(conn)?;
        store::enrol(
            conn,
            &Entrant {
                round_id,
                user_id,
                group_id: group.id,
                school_id: Some(school_id),
                entered_at: started,
                qualified: None,
            },
        )?;
        store::set_prediction(conn, attempt_id, round_id, user_id, prediction)?;
    }
    Ok(())
}
