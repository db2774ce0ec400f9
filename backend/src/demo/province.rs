//! The demo province: a province with communes, THCS and THPT schools with classes of rostered
//! students, an agency and a community team, and one account per role (password
//! `hocdvc-demo`, listed in the README).

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolLevel, SchoolYear, UnitKind};
use hocdvc_api::RosterKind;

use crate::models::{grant, unit, user};
use crate::roster::table::ParseOptions;
use crate::services::auth;
use crate::services::roster_import::{self, RosterRequest};
use crate::services::units::{self as unit_service, UnitSpec};

pub const PASSWORD: &str = "hocdvc-demo";
pub const PROVINCE: &str = "AG";

/// (code, name) of the communes/wards, each with one THCS and one THPT school.
const COMMUNES: [(&str, &str, &str); 3] = [
    ("LX", "Phường Long Xuyên", "Long Xuyên"),
    ("CD", "Phường Châu Đốc", "Châu Đốc"),
    ("TT", "Xã Tri Tôn", "Tri Tôn"),
];

/// Students per demo class (given names; family and middle names vary by row).
const GIVEN: [&str; 8] = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Linh", "Nhung"];
const FAMILY: [&str; 8] = [
    "Nguyễn Văn",
    "Trần Thị",
    "Lê Hoàng",
    "Phạm Minh",
    "Huỳnh Ngọc",
    "Võ Thanh",
    "Đặng Thị",
    "Châu Sóc",
];

fn spec(code: &str, name: &str, kind: UnitKind) -> anyhow::Result<UnitSpec> {
    UnitSpec::parse(code, name, kind, None, None, None).map_err(anyhow::Error::msg)
}

/// Seeds the province unless its root unit exists already.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<()> {
    if unit::find_by_code(conn, PROVINCE)?.is_some() {
        return Ok(());
    }
    let year = SchoolYear::containing(now.date());
    let hash = auth::hash_password(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let province = unit_service::create(
        conn,
        &spec(PROVINCE, "Tỉnh An Giang", UnitKind::Province)?,
        None,
        now,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let make = |conn: &mut DbConnection, spec: UnitSpec, parent: &unit::Unit| {
        unit_service::create(conn, &spec, Some(parent), now).map_err(|e| anyhow::anyhow!("{e}"))
    };
    let account = |conn: &mut DbConnection,
                   username: &str,
                   name: &str,
                   role: Role,
                   on: &unit::Unit|
     -> anyhow::Result<()> {
        let mut new = user::NewUser::new(username, name, now);
        new.password_hash = Some(hash.clone());
        let created = user::insert(conn, &new)?;
        grant::grant(conn, created.id, role, on.id)?;
        Ok(())
    };

    // Classes, students and the demo teacher arrive the way a school's would: as roster files
    // through the roster import.
    let mut roster = String::from("Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\n");
    let mut student_no = 0;
    let mut first_thpt_school = None;
    for (c_code, c_name, place) in COMMUNES {
        let commune = make(
            conn,
            spec(&format!("{PROVINCE}-{c_code}"), c_name, UnitKind::Commune)?,
            &province,
        )?;
        for (level, grades) in [(SchoolLevel::Thcs, 6..=9), (SchoolLevel::Thpt, 10..=12)] {
            let school_code = format!("{PROVINCE}-{c_code}-{}", level.label());
            let school_spec = UnitSpec::parse(
                &school_code,
                &format!("Trường {} {place}", level.label()),
                UnitKind::School,
                Some(level),
                None,
                None,
            )
            .map_err(anyhow::Error::msg)?;
            let school = make(conn, school_spec, &commune)?;
            if level == SchoolLevel::Thpt && first_thpt_school.is_none() {
                first_thpt_school = Some(school.clone());
            }
            for grade in grades {
                let born = year.start_year() - grade - 6;
                for (i, given) in GIVEN.iter().enumerate() {
                    student_no += 1;
                    let name = format!("{} {given}", FAMILY[(i + student_no) % FAMILY.len()]);
                    let day = 1 + (student_no * 7) % 28;
                    let month = 1 + (student_no * 5) % 12;
                    let gender = if given.ends_with('i') || *given == "Nhung" || *given == "Hà" {
                        "Nữ"
                    } else {
                        "Nam"
                    };
                    roster.push_str(&format!(
                        "HS{student_no:05},{name},{day:02}/{month:02}/{born},{gender},{grade}A1,{grade},{school_code}\n"
                    ));
                }
            }
        }
    }
    let thpt_school = first_thpt_school.ok_or_else(|| anyhow::anyhow!("demo units missing"))?;
    let thpt_code = thpt_school.code.clone();
    let thcs_code = format!("{PROVINCE}-LX-THCS");
    let thpt_born = year.start_year() - 16;
    let thcs_born = year.start_year() - 15;
    roster.push_str(&format!(
        "HS.THPT,Trần Minh Khoa,12/03/{thpt_born},Nam,10A1,10,{thpt_code}\n\
         HS.THCS,Lê Ngọc Hân,25/08/{thcs_born},Nữ,9A1,9,{thcs_code}\n"
    ));
    let teachers = format!(
        "Mã giáo viên,Họ và tên,Mã trường,Lớp chủ nhiệm\nGV.THPT,Nguyễn Thị Giáo Viên,{thpt_code},10A1\n"
    );
    for (kind, file) in [
        (RosterKind::Students, roster.as_bytes()),
        (RosterKind::Teachers, teachers.as_bytes()),
    ] {
        roster_import::import(
            conn,
            &RosterRequest {
                kind,
                bytes: file,
                file_name: "demo.csv".to_owned(),
                school_year: year,
                dry_run: false,
                by: None,
                options: ParseOptions {
                    today: now.date(),
                    ..ParseOptions::default()
                },
            },
        )
        .map_err(|e| anyhow::anyhow!(e.messages().join("\n")))?;
    }
    for username in ["hs.thpt", "hs.thcs", "gv.thpt"] {
        let account = user::find_by_username(conn, username)?
            .ok_or_else(|| anyhow::anyhow!("demo account {username} missing"))?;
        user::set_password_hash(conn, account.id, &hash)?;
    }

    let agency = make(
        conn,
        spec(
            &format!("{PROVINCE}-VPUB"),
            "Văn phòng Ủy ban nhân dân tỉnh",
            UnitKind::Agency,
        )?,
        &province,
    )?;
    let commune_lx = unit::find_by_code(conn, &format!("{PROVINCE}-LX"))?
        .ok_or_else(|| anyhow::anyhow!("demo commune missing"))?;
    make(
        conn,
        spec(
            &format!("{PROVINCE}-LX-TCNS"),
            "Tổ công nghệ số cộng đồng Phường Long Xuyên",
            UnitKind::Team,
        )?,
        &commune_lx,
    )?;

    account(
        conn,
        "admin",
        "Quản trị hệ thống",
        Role::SystemAdmin,
        &province,
    )?;
    account(
        conn,
        "sogddt",
        "Chuyên viên Sở GD&ĐT",
        Role::DepartmentViewer,
        &province,
    )?;
    account(
        conn,
        "qt.thpt",
        "Lâm Thị Quản Trị",
        Role::SchoolAdmin,
        &thpt_school,
    )?;
    account(
        conn,
        "btc",
        "Ban tổ chức cuộc thi",
        Role::Organiser,
        &province,
    )?;
    account(
        conn,
        "giamkhao",
        "Phạm Văn Giám Khảo",
        Role::Judge,
        &province,
    )?;
    account(
        conn,
        "canbo",
        "Huỳnh Văn Cán Bộ",
        Role::CivilServant,
        &agency,
    )?;
    Ok(())
}
