//! `teachers`: who teaches at which school, under the school's own teacher code.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{teachers, users};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = teachers, treat_none_as_default_value = false)]
pub struct NewTeacher {
    pub user_id: i32,
    pub teacher_code: String,
    pub school_id: i32,
}

/// A rostered teacher: (user id, school id, full name), keyed by teacher code.
pub fn find_by_codes(
    conn: &mut DbConnection,
    codes: &[&str],
) -> QueryResult<HashMap<String, (i32, i32, String)>> {
    let mut found = HashMap::new();
    for chunk in codes.chunks(BULK_ROWS) {
        let rows: Vec<(String, i32, i32, String)> = teachers::table
            .inner_join(users::table)
            .filter(teachers::teacher_code.eq_any(chunk))
            .select((
                teachers::teacher_code,
                teachers::user_id,
                teachers::school_id,
                users::full_name,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|(c, u, s, n)| (c, (u, s, n))));
    }
    Ok(found)
}

pub fn insert(conn: &mut DbConnection, rows: &[NewTeacher]) -> QueryResult<usize> {
    Ok(crate::insert_rows!(conn, teachers::table, rows))
}

pub fn set_school(conn: &mut DbConnection, user_id: i32, school_id: i32) -> QueryResult<()> {
    diesel::update(teachers::table.find(user_id))
        .set(teachers::school_id.eq(school_id))
        .execute(conn)?;
    Ok(())
}

/// The school of a user's teacher record, if they have one.
pub fn school_of(conn: &mut DbConnection, user_id: i32) -> QueryResult<Option<i32>> {
    teachers::table
        .find(user_id)
        .select(teachers::school_id)
        .first(conn)
        .optional()
}
