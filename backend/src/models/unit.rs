//! `units`, `unit_closure` and `unit_events`: the organisation tree.
//!
//! The closure table holds a row for every (ancestor, descendant) pair, the unit itself
//! included at depth 0. Creating a unit adds O(depth) rows; moving a subtree rewrites the pairs
//! that cross its boundary. Subtree and ancestor questions are then single indexed lookups.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{SchoolLevel, UnitKind};
use crate::schema::{unit_closure, unit_events, units};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = units)]
pub struct Unit {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i32>,
    pub school_level: Option<String>,
    pub grade: Option<i32>,
    pub school_year: Option<String>,
    pub created_at: NaiveDateTime,
}

impl Unit {
    pub fn kind(&self) -> Option<UnitKind> {
        UnitKind::from_stored(&self.kind)
    }

    pub fn school_level(&self) -> Option<SchoolLevel> {
        self.school_level
            .as_deref()
            .and_then(SchoolLevel::from_stored)
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = units, treat_none_as_default_value = false)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i32>,
    pub school_level: Option<String>,
    pub grade: Option<i32>,
    pub school_year: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = unit_events)]
pub struct UnitEvent {
    pub id: i32,
    pub unit_id: i32,
    pub event: String,
    pub detail: String,
    pub at: NaiveDateTime,
}

/// Rows per INSERT when writing closure pairs (well under SQLite's variable limit).
const CHUNK: usize = 500;

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Unit>> {
    units::table
        .filter(units::code.eq(code))
        .select(Unit::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Unit> {
    units::table.find(id).select(Unit::as_select()).first(conn)
}

/// Direct children, by kind then name.
pub fn children(conn: &mut DbConnection, id: i32) -> QueryResult<Vec<Unit>> {
    units::table
        .filter(units::parent_id.eq(id))
        .order((units::kind.asc(), units::name.asc()))
        .select(Unit::as_select())
        .load(conn)
}

/// Units without a parent (provinces, or other top-level trees).
pub fn roots(conn: &mut DbConnection) -> QueryResult<Vec<Unit>> {
    units::table
        .filter(units::parent_id.is_null())
        .order(units::name.asc())
        .select(Unit::as_select())
        .load(conn)
}

/// The unit and all its ancestors, from the root down.
pub fn path(conn: &mut DbConnection, id: i32) -> QueryResult<Vec<Unit>> {
    unit_closure::table
        .inner_join(units::table.on(units::id.eq(unit_closure::ancestor_id)))
        .filter(unit_closure::descendant_id.eq(id))
        .order(unit_closure::depth.desc())
        .select(Unit::as_select())
        .load(conn)
}

/// Whether `unit_id` is `ancestor_id` or lies below it.
pub fn is_within(conn: &mut DbConnection, unit_id: i32, ancestor_id: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        unit_closure::table
            .filter(unit_closure::ancestor_id.eq(ancestor_id))
            .filter(unit_closure::descendant_id.eq(unit_id)),
    ))
    .get_result(conn)
}

/// Number of units in the subtree of `id` (itself included).
pub fn subtree_size(conn: &mut DbConnection, id: i32) -> QueryResult<i64> {
    unit_closure::table
        .filter(unit_closure::ancestor_id.eq(id))
        .count()
        .get_result(conn)
}

/// Inserts a unit with its closure rows and a "created" event. Call inside a transaction.
pub fn create(conn: &mut DbConnection, new: NewUnit) -> QueryResult<Unit> {
    let parent_id = new.parent_id;
    let at = new.created_at;
    // diesel's MultiConnection has no RETURNING: read the row back by its unique code.
    diesel::insert_into(units::table)
        .values(&new)
        .execute(conn)?;
    let unit = find_by_code(conn, &new.code)?.ok_or(diesel::result::Error::NotFound)?;
    let mut pairs = vec![(unit.id, unit.id, 0)];
    if let Some(parent) = parent_id {
        let ancestors: Vec<(i32, i32)> = unit_closure::table
            .filter(unit_closure::descendant_id.eq(parent))
            .select((unit_closure::ancestor_id, unit_closure::depth))
            .load(conn)?;
        pairs.extend(ancestors.into_iter().map(|(a, d)| (a, unit.id, d + 1)));
    }
    insert_pairs(conn, &pairs)?;
    record(
        conn,
        unit.id,
        "created",
        &format!("Tạo {} «{}»", unit.code, unit.name),
        at,
    )?;
    Ok(unit)
}

pub fn rename(
    conn: &mut DbConnection,
    unit: &Unit,
    name: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(units::table.find(unit.id))
        .set(units::name.eq(name))
        .execute(conn)?;
    record(
        conn,
        unit.id,
        "renamed",
        &format!("«{}» → «{name}»", unit.name),
        at,
    )
}

/// Moves `unit` (with its subtree) under `new_parent`. The caller checks `new_parent` is not
/// inside the subtree. Call inside a transaction.
pub fn move_to(
    conn: &mut DbConnection,
    unit: &Unit,
    new_parent: &Unit,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let subtree: Vec<(i32, i32)> = unit_closure::table
        .filter(unit_closure::ancestor_id.eq(unit.id))
        .select((unit_closure::descendant_id, unit_closure::depth))
        .load(conn)?;
    let subtree_ids: Vec<i32> = subtree.iter().map(|(d, _)| *d).collect();
    // Pairs that link the subtree to its old ancestors.
    for chunk in subtree_ids.chunks(CHUNK) {
        diesel::delete(
            unit_closure::table
                .filter(unit_closure::descendant_id.eq_any(chunk))
                .filter(unit_closure::ancestor_id.ne_all(&subtree_ids)),
        )
        .execute(conn)?;
    }
    let new_ancestors: Vec<(i32, i32)> = unit_closure::table
        .filter(unit_closure::descendant_id.eq(new_parent.id))
        .select((unit_closure::ancestor_id, unit_closure::depth))
        .load(conn)?;
    let pairs: Vec<(i32, i32, i32)> = new_ancestors
        .iter()
        .flat_map(|(a, da)| subtree.iter().map(move |(d, dd)| (*a, *d, da + 1 + dd)))
        .collect();
    insert_pairs(conn, &pairs)?;
    let old_parent = match unit.parent_id {
        Some(id) => find(conn, id)?.code,
        None => "(gốc)".to_owned(),
    };
    diesel::update(units::table.find(unit.id))
        .set(units::parent_id.eq(new_parent.id))
        .execute(conn)?;
    record(
        conn,
        unit.id,
        "moved",
        &format!("Chuyển từ {old_parent} sang {}", new_parent.code),
        at,
    )
}

/// Units by code, for the codes that exist.
pub fn find_by_codes(conn: &mut DbConnection, codes: &[String]) -> QueryResult<Vec<Unit>> {
    let mut found = Vec::new();
    for chunk in codes.chunks(CHUNK) {
        found.extend(
            units::table
                .filter(units::code.eq_any(chunk))
                .select(Unit::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Direct children of any of `parent_ids` of one kind, e.g. the classes of some schools.
pub fn children_of_kind(
    conn: &mut DbConnection,
    parent_ids: &[i32],
    kind: UnitKind,
) -> QueryResult<Vec<Unit>> {
    let mut found = Vec::new();
    for chunk in parent_ids.chunks(CHUNK) {
        found.extend(
            units::table
                .filter(units::parent_id.eq_any(chunk))
                .filter(units::kind.eq(kind.as_str()))
                .select(Unit::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Inserts many units at once (each with a parent), with their closure rows and "created"
/// events, and returns them. Codes must be new. Call inside a transaction.
pub fn create_many(conn: &mut DbConnection, new: &[NewUnit]) -> QueryResult<Vec<Unit>> {
    crate::insert_rows!(conn, units::table, new);
    let codes: Vec<String> = new.iter().map(|n| n.code.clone()).collect();
    let created = find_by_codes(conn, &codes)?;
    let mut parent_ancestors: std::collections::HashMap<i32, Vec<(i32, i32)>> =
        std::collections::HashMap::new();
    let mut pairs = Vec::new();
    let mut events = Vec::new();
    for unit in &created {
        pairs.push((unit.id, unit.id, 0));
        if let Some(parent) = unit.parent_id {
            if let std::collections::hash_map::Entry::Vacant(slot) = parent_ancestors.entry(parent)
            {
                slot.insert(
                    unit_closure::table
                        .filter(unit_closure::descendant_id.eq(parent))
                        .select((unit_closure::ancestor_id, unit_closure::depth))
                        .load(conn)?,
                );
            }
            if let Some(ancestors) = parent_ancestors.get(&parent) {
                pairs.extend(ancestors.iter().map(|(a, d)| (*a, unit.id, d + 1)));
            }
        }
        events.push(NewEvent {
            unit_id: unit.id,
            event: "created".to_owned(),
            detail: format!("Tạo {} «{}»", unit.code, unit.name),
            at: unit.created_at,
        });
    }
    insert_pairs(conn, &pairs)?;
    crate::insert_rows!(conn, unit_events::table, &events);
    Ok(created)
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = unit_events, treat_none_as_default_value = false)]
struct NewEvent {
    unit_id: i32,
    event: String,
    detail: String,
    at: NaiveDateTime,
}

pub fn events(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<UnitEvent>> {
    unit_events::table
        .filter(unit_events::unit_id.eq(unit_id))
        .order(unit_events::id.asc())
        .select(UnitEvent::as_select())
        .load(conn)
}

/// Closure pairs, written with multi-row INSERTs.
pub(crate) fn insert_pairs(conn: &mut DbConnection, pairs: &[(i32, i32, i32)]) -> QueryResult<()> {
    let rows: Vec<NewClosure> = pairs
        .iter()
        .map(|&(ancestor_id, descendant_id, depth)| NewClosure {
            ancestor_id,
            descendant_id,
            depth,
        })
        .collect();
    crate::insert_rows!(conn, unit_closure::table, &rows);
    Ok(())
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = unit_closure, treat_none_as_default_value = false)]
struct NewClosure {
    ancestor_id: i32,
    descendant_id: i32,
    depth: i32,
}

fn record(
    conn: &mut DbConnection,
    unit_id: i32,
    event: &str,
    detail: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(unit_events::table)
        .values((
            unit_events::unit_id.eq(unit_id),
            unit_events::event.eq(event),
            unit_events::detail.eq(detail),
            unit_events::at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}
