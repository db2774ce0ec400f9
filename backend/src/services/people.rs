//! People of a unit: search (ignoring case and diacritics) and the class activation sheet.

use diesel::prelude::*;
use hocdvc_api::{ActivationEntry, ActivationSheet, PeoplePage, PersonView, RoleGrant};

use crate::db::DbConnection;
use crate::domain::{UnitKind, text};
use crate::error::{AppError, AppResult};
use crate::models::{grant, student, unit};
use crate::schema::{role_grants, students, unit_closure, users};
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};
use crate::services::units;

pub const PER_PAGE: i64 = 50;

/// People holding a role inside `unit_code`'s subtree whose name, username or student code
/// contains `query` (case and diacritics ignored), by name.
pub fn search(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    query: &str,
    page: i64,
) -> AppResult<PeoplePage> {
    let scope = unit::find_by_code(conn, unit_code)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ViewPeople, scope.id)?;
    let page = page.max(1);
    let folded = text::fold(query).replace(['%', '_', '\\'], "");
    let pattern = format!("%{}%", folded.trim());
    let code_pattern = format!("%{}%", query.trim().replace(['%', '_', '\\'], ""));
    let scope_id = scope.id;
    let matching = || {
        let members = role_grants::table
            .inner_join(
                unit_closure::table.on(unit_closure::descendant_id.eq(role_grants::unit_id)),
            )
            .filter(unit_closure::ancestor_id.eq(scope_id))
            .select(role_grants::user_id);
        let coded = students::table
            .filter(students::student_code.like(code_pattern.clone()))
            .select(students::user_id);
        users::table.filter(users::id.eq_any(members)).filter(
            users::search_name
                .like(pattern.clone())
                .or(users::username.like(pattern.clone()))
                .or(users::id.eq_any(coded)),
        )
    };
    let total: i64 = matching().count().get_result(conn)?;
    let found: Vec<(i32, String, String, bool)> = matching()
        .order((users::search_name.asc(), users::id.asc()))
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
        .select((
            users::id,
            users::username,
            users::full_name,
            users::password_hash.is_not_null(),
        ))
        .load(conn)?;
    let ids: Vec<i32> = found.iter().map(|p| p.0).collect();
    let mut profiles = student::profiles(conn, &ids)?;
    let mut people = Vec::with_capacity(found.len());
    for (id, username, full_name, activated) in found {
        // Only the roles inside the scope: a viewer learns nothing about other units.
        let mut roles = Vec::new();
        for g in grant::for_user(conn, id)? {
            if unit::is_within(conn, g.unit_id, scope.id)? {
                roles.push(RoleGrant {
                    role: g.role.as_str().to_owned(),
                    unit_code: g.unit_code,
                    unit_name: g.unit_name,
                    unit_kind: g.unit_kind,
                });
            }
        }
        let profile = profiles.remove(&id);
        let (student_code, birth_date, class) = match profile {
            Some((code, born, class)) => (Some(code), Some(born.to_string()), class),
            None => (None, None, None),
        };
        let (class_code, class_name) = class.map_or((None, None), |(c, n)| (Some(c), Some(n)));
        people.push(PersonView {
            username,
            full_name,
            activated,
            student_code,
            birth_date,
            class_code,
            class_name,
            roles,
        });
    }
    Ok(PeoplePage {
        people,
        total,
        page,
        per_page: PER_PAGE,
    })
}

/// The printable sheet of a class: its students with their activation codes, in the order
/// Vietnamese class lists use (by given name, then the whole name).
pub fn activation_sheet(
    conn: &mut DbConnection,
    principal: &Principal,
    class_code: &str,
) -> AppResult<ActivationSheet> {
    let class = unit::find_by_code(conn, class_code)?.ok_or(AppError::NotFound)?;
    // An agency's or team's members activate like students: their training organisers
    // print the sheet of the unit.
    if matches!(class.kind(), Some(UnitKind::Agency | UnitKind::Team)) {
        gate::authorize(conn, principal, Permission::ManageTraining, class.id)?;
        let mut entries: Vec<ActivationEntry> =
            crate::models::training::activation_of_unit(conn, class.id)?
                .into_iter()
                .map(|(username, full_name, code)| ActivationEntry {
                    username,
                    full_name,
                    birth_date: None,
                    activation_code: code,
                })
                .collect();
        entries.sort_by_cached_key(|e| vietnamese_sort_key(&e.full_name));
        return Ok(ActivationSheet {
            class: units::view(&class, None),
            school: None,
            entries,
        });
    }
    gate::authorize(conn, principal, Permission::ViewActivationCodes, class.id)?;
    if class.kind() != Some(UnitKind::Class) {
        return Err(AppError::Validation(format!(
            "Đơn vị {} không phải là lớp: phiếu kích hoạt được in theo lớp.",
            class.code
        )));
    }
    let school = match class.parent_id {
        Some(id) => Some(unit::find(conn, id)?),
        None => None,
    };
    let mut entries: Vec<ActivationEntry> = student::in_class(conn, class.id)?
        .into_iter()
        .map(|(username, full_name, born, code)| ActivationEntry {
            username,
            full_name,
            birth_date: Some(born.to_string()),
            activation_code: code,
        })
        .collect();
    entries.sort_by_cached_key(|e| vietnamese_sort_key(&e.full_name));
    let school_view = school.as_ref().map(|s| units::view(s, None));
    Ok(ActivationSheet {
        class: units::view(&class, school.map(|s| s.code)),
        school: school_view,
        entries,
    })
}

/// Sort key for a Vietnamese name: the given name (last word) first, then the whole name;
/// each compared without diacritics first, then with them, so "An" comes before "Ân".
pub fn vietnamese_sort_key(full_name: &str) -> (String, String, String, String) {
    let given = full_name.split_whitespace().last().unwrap_or("");
    (
        text::fold(given),
        given.to_lowercase(),
        text::fold(full_name),
        full_name.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_lists_sort_by_given_name_before_family_name() {
        let mut names = vec!["Trần Thị Bình", "Nguyễn Văn An", "Lê Ân", "Đặng Văn Bình"];
        names.sort_by_cached_key(|n| vietnamese_sort_key(n));
        assert_eq!(
            names,
            vec!["Nguyễn Văn An", "Lê Ân", "Đặng Văn Bình", "Trần Thị Bình"]
        );
    }
}
