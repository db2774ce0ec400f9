//! The demo province: a province with communes, THCS and THPT schools with classes of rostered
//! students, an agency and a community team, and one account per role (password
//! `hocdvc-demo`, listed in the README).

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolLevel, SchoolYear, UnitKind};
use crate::models::{grant, unit, user};
use crate::services::auth;
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

    let mut first_thpt_class = None;
    let mut first_thpt_school = None;
    let mut first_thcs_class = None;
    let mut student_no = 0;
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
                let class_name = format!("{grade}A1");
                let class_spec = UnitSpec::parse(
                    &format!("{school_code}-{class_name}-{}", year.start_year()),
                    &format!("Lớp {class_name}"),
                    UnitKind::Class,
                    None,
                    Some(grade),
                    Some(year),
                )
                .map_err(anyhow::Error::msg)?;
                let class = make(conn, class_spec, &school)?;
                for (i, given) in GIVEN.iter().enumerate() {
                    student_no += 1;
                    let name = format!("{} {given}", FAMILY[(i + student_no) % FAMILY.len()]);
                    let mut new = user::NewUser::new(&format!("hs{student_no:05}"), &name, now);
                    new.activation_code = Some(auth::activation_code());
                    let student = user::insert(conn, &new)?;
                    grant::grant(conn, student.id, Role::Student, class.id)?;
                }
                if level == SchoolLevel::Thpt && first_thpt_class.is_none() {
                    first_thpt_class = Some(class.clone());
                }
                if level == SchoolLevel::Thcs && grade == 9 && first_thcs_class.is_none() {
                    first_thcs_class = Some(class.clone());
                }
            }
        }
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

    let missing = || anyhow::anyhow!("demo units missing");
    let thpt_school = first_thpt_school.ok_or_else(missing)?;
    let thpt_class = first_thpt_class.ok_or_else(missing)?;
    let thcs_class = first_thcs_class.ok_or_else(missing)?;
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
        "gv.thpt",
        "Nguyễn Thị Giáo Viên",
        Role::Teacher,
        &thpt_class,
    )?;
    account(
        conn,
        "hs.thpt",
        "Trần Minh Khoa",
        Role::Student,
        &thpt_class,
    )?;
    account(conn, "hs.thcs", "Lê Ngọc Hân", Role::Student, &thcs_class)?;
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
