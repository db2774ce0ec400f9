//! The demo's annual training (issue 9): the members of Văn phòng UBND tỉnh (`AG-VPUB`), of
//! its Phòng Hành chính – Tổ chức (`AG-VPUB-HCTC`) and of the community team of Phường Long
//! Xuyên, imported through the member roster; a training cycle for the current calendar year
//! on each, and members at every status: `canbo` (an operator of AG-VPUB) has the annual module
//! assigned and not started, colleagues have completed or are part-way, and the department's
//! cycle is past its due date so some of its members are overdue.
//!
//! It needs the curriculum (cycles name modules), so it runs after `content load`; it writes
//! once (its own `app_meta` key) and does nothing when the modules are not loaded yet.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::Connection;
use hocdvc_api::{JobGroup, RosterKind};

use crate::db::DbConnection;
use crate::domain::{SchoolYear, UnitKind};
use crate::models::training::{self as store, Member};
use crate::models::{app_meta, assignment, progress, unit, user};
use crate::roster::table::ParseOptions;
use crate::services::roster_import::{self, RosterRequest};
use crate::services::training::{date_of, year_bounds, year_of};
use crate::services::units::{self as unit_service, UnitSpec};

const KEY: &str = "demo.training.version";
const VERSION: &str = "1";
/// The deep annual module for civil servants, and for community team members.
pub const CIVIL_SERVANT_MODULE: &str = "can-bo-annual";
pub const TEAM_MODULE: &str = "to-cnscd-annual";
/// The short awareness module for leaders.
pub const AWARENESS_MODULE: &str = "lanh-dao-nhan-thuc";
pub const AGENCY: &str = "AG-VPUB";
pub const DEPARTMENT: &str = "AG-VPUB-HCTC";
pub const TEAM: &str = "AG-LX-TCNS";

/// The member roster of the demo (code, name, unit, job group, training officer).
const ROSTER: &str = "\
Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo
vpub.ld01,Trần Quốc Hưng,AG-VPUB,Lãnh đạo,
vpub.vh01,Lê Thị Mai,AG-VPUB,Cán bộ vận hành hệ thống,
vpub.vh02,Phạm Minh Tuấn,AG-VPUB,Cán bộ vận hành hệ thống,
vpub.cc01,Nguyễn Thị Thu Hà,AG-VPUB,Công chức khác,x
hctc.ld01,Đặng Văn Phúc,AG-VPUB-HCTC,Lãnh đạo,
hctc.cc01,Võ Thị Hồng,AG-VPUB-HCTC,Công chức khác,
hctc.cc02,Huỳnh Thanh Sơn,AG-VPUB-HCTC,Công chức khác,
tcns.tv01,Châu Thị Kim Loan,AG-LX-TCNS,Thành viên Tổ CNSCĐ,
tcns.tv02,Lý Văn Dũng,AG-LX-TCNS,Thành viên Tổ CNSCĐ,
";

/// Seeds the annual training once the demo province and the modules are there. Returns
/// whether it wrote anything.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<bool> {
    conn.transaction(|conn| {
        if app_meta::get(conn, KEY)?.as_deref() == Some(VERSION) {
            return Ok(false);
        }
        let titles = store::module_titles(
            conn,
            &[
                CIVIL_SERVANT_MODULE.to_owned(),
                TEAM_MODULE.to_owned(),
                AWARENESS_MODULE.to_owned(),
            ],
        )?;
        let (Some(agency), Some(canbo), 3) = (
            unit::find_by_code(conn, AGENCY)?,
            user::find_by_username(conn, "canbo")?,
            titles.len(),
        ) else {
            return Ok(false);
        };
        let department = match unit::find_by_code(conn, DEPARTMENT)? {
            Some(found) => found,
            None => unit_service::create(
                conn,
                &UnitSpec::parse(
                    DEPARTMENT,
                    "Phòng Hành chính – Tổ chức",
                    UnitKind::Agency,
                    None,
                    None,
                    None,
                )
                .map_err(anyhow::Error::msg)?,
                Some(&agency),
                now,
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        };
        if store::member_of(conn, canbo.id)?.is_none() {
            store::insert_members(
                conn,
                &[Member {
                    user_id: canbo.id,
                    member_code: "canbo".to_owned(),
                    unit_id: agency.id,
                    job_group: "operator".to_owned(),
                    created_at: now,
                    updated_at: now,
                }],
            )?;
        }
        roster_import::import(
            conn,
            &RosterRequest {
                kind: RosterKind::Members,
                bytes: ROSTER.as_bytes(),
                file_name: "can-bo-demo.csv".to_owned(),
                school_year: SchoolYear::containing(now.date()),
                dry_run: false,
                by: None,
                options: ParseOptions::default(),
            },
        )
        .map_err(|e| anyhow::anyhow!(e.messages().join("\n")))?;

        let year = year_of(now);
        let today = date_of(now);
        let end_of_year = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        let deep = |group: &str| {
            (
                group.to_owned(),
                CIVIL_SERVANT_MODULE.to_owned(),
                "training".to_owned(),
            )
        };
        let leaders = (
            "leader".to_owned(),
            AWARENESS_MODULE.to_owned(),
            "awareness".to_owned(),
        );
        let agency_modules = [
            leaders.clone(),
            deep("operator"),
            deep("other_civil_servant"),
        ];
        store::save_cycle(
            conn,
            agency.id,
            year,
            end_of_year,
            None,
            &agency_modules,
            now,
        )?;
        // The department's cycle closed a week ago (never before 1 January).
        let past =
            (today - Duration::days(7)).max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today));
        store::save_cycle(
            conn,
            department.id,
            year,
            past,
            None,
            &[leaders, deep("other_civil_servant")],
            now,
        )?;
        if let Some(team) = unit::find_by_code(conn, TEAM)? {
            let team_modules = [(
                "community_team".to_owned(),
                TEAM_MODULE.to_owned(),
                "training".to_owned(),
            )];
            store::save_cycle(conn, team.id, year, end_of_year, None, &team_modules, now)?;
        }

        // Learning this year: never before 1 January (Vietnam time).
        let (year_start, _) = year_bounds(year);
        let when = |days: i64| (now - Duration::days(days)).max(year_start + Duration::hours(1));
        let done = |conn: &mut DbConnection, username: &str, module: &str, days: i64| {
            learn(conn, username, module, usize::MAX, when(days), year, true)
        };
        let started = |conn: &mut DbConnection, username: &str, module: &str, lessons: usize| {
            learn(conn, username, module, lessons, when(2), year, false)
        };
        done(conn, "vpub.ld01", AWARENESS_MODULE, 20)?;
        done(conn, "vpub.vh01", CIVIL_SERVANT_MODULE, 12)?;
        started(conn, "vpub.vh02", CIVIL_SERVANT_MODULE, 2)?;
        done(conn, "vpub.cc01", CIVIL_SERVANT_MODULE, 30)?;
        done(conn, "hctc.ld01", AWARENESS_MODULE, 25)?;
        started(conn, "hctc.cc01", CIVIL_SERVANT_MODULE, 3)?;
        done(conn, "tcns.tv01", TEAM_MODULE, 9)?;
        let members = store::member_ids(conn, &JobGroup::ALL.map(|g| g.as_str()))?;
        crate::services::coverage::refresh_training(conn, &members, year)?;
        app_meta::set(conn, KEY, VERSION)?;
        Ok(true)
    })
}

/// Marks the first `lessons` required lessons of `module` learned at `at`; with `complete`,
/// every lesson and the year's completion (the demo keeps no attempt behind it).
fn learn(
    conn: &mut DbConnection,
    username: &str,
    module: &str,
    lessons: usize,
    at: NaiveDateTime,
    year: i32,
    complete: bool,
) -> anyhow::Result<()> {
    let account = user::find_by_username(conn, username)?
        .ok_or_else(|| anyhow::anyhow!("demo member {username} missing"))?;
    let required = assignment::required_lessons(conn, module)?;
    for (n, (lesson, _)) in required.iter().take(lessons).enumerate() {
        progress::mark_done(
            conn,
            account.id,
            lesson,
            at - Duration::minutes(30 * (required.len() - n) as i64),
        )?;
    }
    if complete && store::insert_completion(conn, account.id, module, year, None, at)? {
        crate::services::training::issue_certificate(conn, account.id, module, year, at)?;
    }
    Ok(())
}
