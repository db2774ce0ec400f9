//! `hocdvc import-units FILE [--dry-run]`: loads the organisation tree from a CSV file (Mã đơn
//! vị, Tên đơn vị, Loại, Mã đơn vị cha, Cấp học). All or nothing: every row is checked, every
//! error is reported with its line, and a file with any error writes nothing. Re-importing the
//! same file changes nothing; a changed name renames, a changed parent moves (with history).

use diesel::Connection;

use crate::db::DbConnection;
use crate::domain::UnitKind;
use crate::error::AppError;
use crate::models::{self, unit};
use crate::roster::units::parse_units;
use crate::services::units::{self as unit_service, UnitSpec};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created: usize,
    pub renamed: usize,
    pub moved: usize,
    pub unchanged: usize,
}

/// Why nothing was written: each message names its line.
#[derive(Debug)]
pub enum ImportError {
    Invalid(Vec<String>),
    Storage(AppError),
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Storage(e.into())
    }
}

/// The transaction's outcome: a real failure, or the deliberate rollback of a dry run.
enum Rollback {
    Failed(ImportError),
    DryRun,
}

impl From<diesel::result::Error> for Rollback {
    fn from(e: diesel::result::Error) -> Self {
        Rollback::Failed(e.into())
    }
}

/// Imports `bytes`; with `dry_run` everything is checked against the database and rolled back.
pub fn import(
    conn: &mut DbConnection,
    bytes: &[u8],
    dry_run: bool,
) -> Result<Summary, ImportError> {
    let parsed = parse_units(bytes).map_err(|report| ImportError::Invalid(report.messages()))?;
    let now = models::now();
    let mut summary = Summary::default();
    let outcome = conn.transaction::<_, Rollback, _>(|conn| {
        let mut errors = Vec::new();
        for row in &parsed.units {
            let line = row.line;
            if row.kind == UnitKind::Class {
                errors.push(format!(
                    "Dòng {line}: lớp {} được tạo khi nhập danh sách học sinh (cần khối và năm học), không nhập ở tệp đơn vị.",
                    row.code.as_str()
                ));
                continue;
            }
            let parent = match &row.parent {
                Some(code) => match unit::find_by_code(conn, code.as_str())? {
                    Some(parent) => Some(parent),
                    None => {
                        errors.push(format!(
                            "Dòng {line}, cột Mã đơn vị cha: không có đơn vị mã {} trong tệp hay trong hệ thống.",
                            code.as_str()
                        ));
                        continue;
                    }
                },
                None => None,
            };
            let spec = match UnitSpec::parse(row.code.as_str(), &row.name, row.kind, row.level, None, None) {
                Ok(spec) => spec,
                Err(message) => {
                    errors.push(format!("Dòng {line}: {message}"));
                    continue;
                }
            };
            match unit::find_by_code(conn, spec.code.as_str())? {
                None => match unit_service::create(conn, &spec, parent.as_ref(), now) {
                    Ok(_) => summary.created += 1,
                    Err(e) => errors.push(format!("Dòng {line}: {}", e.message())),
                },
                Some(existing) => {
                    if existing.kind() != Some(row.kind) {
                        errors.push(format!(
                            "Dòng {line}, cột Loại: đơn vị {} đã có trong hệ thống với loại khác ({}).",
                            existing.code,
                            existing
                                .kind()
                                .map_or_else(|| existing.kind.clone(), |k| k.label().to_owned())
                        ));
                        continue;
                    }
                    let rename = (existing.name != spec.name.as_str()).then_some(&spec.name);
                    let new_parent = parent.filter(|p| Some(p.id) != existing.parent_id);
                    if rename.is_none() && new_parent.is_none() {
                        summary.unchanged += 1;
                        continue;
                    }
                    match unit_service::update(conn, &existing, rename, new_parent.as_ref(), now) {
                        Ok(()) => {
                            summary.renamed += usize::from(rename.is_some());
                            summary.moved += usize::from(new_parent.is_some());
                        }
                        Err(e) => errors.push(format!("Dòng {line}: {}", e.message())),
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(Rollback::Failed(ImportError::Invalid(errors)));
        }
        if dry_run {
            // Everything was checked against the database; now undo it.
            return Err(Rollback::DryRun);
        }
        Ok(())
    });
    match outcome {
        Ok(()) | Err(Rollback::DryRun) => Ok(summary),
        Err(Rollback::Failed(e)) => Err(e),
    }
}
