//! Creating, renaming and moving organisation units, with the tree's rules: codes are unique,
//! a school has a level, a class has a grade and a school year and sits under a school, and a
//! unit never moves into its own subtree.

use chrono::NaiveDateTime;
use diesel::Connection;
use hocdvc_api::UnitView;

use crate::db::DbConnection;
use crate::domain::{SchoolLevel, SchoolYear, UnitCode, UnitKind, UnitName};
use crate::error::{AppError, AppResult};
use crate::models::unit::{self, NewUnit, Unit};

/// A unit as the API shows it.
pub fn view(unit: &Unit, parent_code: Option<String>) -> UnitView {
    let kind = unit.kind();
    UnitView {
        code: unit.code.clone(),
        name: unit.name.clone(),
        kind: unit.kind.clone(),
        kind_label: kind.map_or_else(|| unit.kind.clone(), |k| k.label().to_owned()),
        school_level: unit.school_level.clone(),
        grade: unit.grade,
        school_year: unit.school_year.clone(),
        parent_code,
    }
}

/// A validated description of a unit to create.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub code: UnitCode,
    pub name: UnitName,
    pub kind: UnitKind,
    pub school_level: Option<SchoolLevel>,
    pub grade: Option<i32>,
    pub school_year: Option<SchoolYear>,
}

impl UnitSpec {
    /// Validates the fields together; the message names the field at fault.
    pub fn parse(
        code: &str,
        name: &str,
        kind: UnitKind,
        school_level: Option<SchoolLevel>,
        grade: Option<i32>,
        school_year: Option<SchoolYear>,
    ) -> Result<UnitSpec, String> {
        let code = UnitCode::parse(code)?;
        let name = UnitName::parse(name)?;
        match kind {
            UnitKind::School if school_level.is_none() => {
                return Err(format!(
                    "Trường {} cần có cấp học (THCS, THPT, Liên cấp …).",
                    code.as_str()
                ));
            }
            UnitKind::Class => {
                match grade {
                    Some(g) if (6..=12).contains(&g) => {}
                    Some(g) => {
                        return Err(format!("Khối {g} không hợp lệ: khối phải từ 6 đến 12."));
                    }
                    None => return Err(format!("Lớp {} cần có khối (6–12).", code.as_str())),
                }
                if school_year.is_none() {
                    return Err(format!(
                        "Lớp {} cần có năm học, ví dụ 2025-2026.",
                        code.as_str()
                    ));
                }
            }
            _ => {}
        }
        let is_class = kind == UnitKind::Class;
        Ok(UnitSpec {
            code,
            name,
            kind,
            school_level: if kind == UnitKind::School {
                school_level
            } else {
                None
            },
            grade: grade.filter(|_| is_class),
            school_year: school_year.filter(|_| is_class),
        })
    }
}

fn check_placement(kind: UnitKind, parent: Option<&Unit>) -> AppResult<()> {
    let parent_kind = parent.and_then(Unit::kind);
    match (kind, parent_kind) {
        (UnitKind::Class, Some(UnitKind::School)) => Ok(()),
        (UnitKind::Class, _) => Err(AppError::Validation("Lớp phải thuộc một trường.".into())),
        (_, Some(UnitKind::Class)) => Err(AppError::Validation(
            "Không thể đặt đơn vị bên trong một lớp.".into(),
        )),
        _ => Ok(()),
    }
}

/// Creates the unit under `parent` (a root when `None`).
pub fn create(
    conn: &mut DbConnection,
    spec: &UnitSpec,
    parent: Option<&Unit>,
    now: NaiveDateTime,
) -> AppResult<Unit> {
    check_placement(spec.kind, parent)?;
    conn.transaction(|conn| {
        if unit::find_by_code(conn, spec.code.as_str())?.is_some() {
            return Err(AppError::Conflict(format!(
                "Mã đơn vị {} đã tồn tại.",
                spec.code.as_str()
            )));
        }
        Ok(unit::create(
            conn,
            NewUnit {
                code: spec.code.as_str().to_owned(),
                name: spec.name.as_str().to_owned(),
                kind: spec.kind.as_str().to_owned(),
                parent_id: parent.map(|p| p.id),
                school_level: spec.school_level.map(|l| l.as_str().to_owned()),
                grade: spec.grade,
                school_year: spec.school_year.map(|y| y.to_string()),
                created_at: now,
            },
        )?)
    })
}

/// Renames and/or moves `target`; records each change in the unit's history.
pub fn update(
    conn: &mut DbConnection,
    target: &Unit,
    new_name: Option<&UnitName>,
    new_parent: Option<&Unit>,
    now: NaiveDateTime,
) -> AppResult<()> {
    conn.transaction(|conn| {
        if let Some(name) = new_name.filter(|n| n.as_str() != target.name) {
            unit::rename(conn, target, name.as_str(), now)?;
        }
        if let Some(parent) = new_parent.filter(|p| Some(p.id) != target.parent_id) {
            if unit::is_within(conn, parent.id, target.id)? {
                return Err(AppError::Validation(format!(
                    "Không thể chuyển {} vào chính nó hoặc một đơn vị bên dưới nó.",
                    target.code
                )));
            }
            check_placement(target.kind().unwrap_or(UnitKind::Area), Some(parent))?;
            // The subtree's coverage counters leave the old ancestors and join the new ones.
            crate::services::coverage::detach_unit(conn, target.id)?;
            unit::move_to(conn, target, parent, now)?;
            crate::services::coverage::attach_unit(conn, target.id)?;
        }
        Ok(())
    })
}
