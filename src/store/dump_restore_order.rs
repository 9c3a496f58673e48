//! What the schema says about the order of a restore: parents before children (foreign
//! keys), the tables a trigger reads when a row is inserted, and the tables a trigger
//! changes. Read from `sqlite_master`, so a later migration's triggers are seen too.

use super::quote;
use crate::domain::dump::TableSchema;
use anyhow::{Result, bail};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};

/// Parents before children, by foreign key (a table's references to itself aside).
pub(super) fn parents_first(conn: &Connection, schemas: &[TableSchema]) -> Result<Vec<String>> {
    let mut parents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for table in schemas {
        let mut stmt = conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let refs: Vec<String> = stmt.query_map([&table.name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        parents.insert(table.name.clone(), refs.into_iter().filter(|r| r != &table.name).collect());
    }
    let mut order: Vec<String> = Vec::with_capacity(parents.len());
    while order.len() < parents.len() {
        let ready = parents.iter().find(|(name, refs)| {
            !order.contains(name) && refs.iter().all(|r| order.contains(r) || !parents.contains_key(r))
        });
        match ready {
            Some((name, _)) => order.push(name.clone()),
            None => bail!("the tables' references form a cycle; the export cannot be ordered"),
        }
    }
    Ok(order)
}

fn triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    // The undo triggers record nothing while a restore runs (no step is open), and only
    // spell their statements into the undo log: they neither read nor move rows here.
    let mut stmt = conn.prepare(
        "SELECT lower(tbl_name), lower(sql) FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'undo\\_%' ESCAPE '\\'",
    )?;
    let found = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// For each table with an insert trigger that reads other tables, those tables: its rows
/// are inserted only once theirs are in. A table the trigger only updates is left out (it
/// is put back afterwards); a name that merely appears in the trigger's text counts, which
/// at worst costs one more reading of the file.
pub(super) fn waits_for(conn: &Connection, schemas: &[TableSchema]) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut waits: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (on, sql) in triggers(conn)? {
        let Some(at) = sql.find(" on ") else { continue };
        if !sql[..at].split_whitespace().any(|word| word == "insert") {
            continue;
        }
        let Some(table) = schemas.iter().find(|t| t.name.to_lowercase() == on) else { continue };
        let body = &sql[at..];
        for other in schemas.iter().filter(|t| t.name != table.name) {
            if reads(body, &other.name.to_lowercase()) {
                waits.entry(table.name.clone()).or_default().insert(other.name.clone());
            }
        }
    }
    Ok(waits)
}

/// Whether `name` occurs in `sql` as a whole word other than as the target of an UPDATE.
fn reads(sql: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    sql.match_indices(name).any(|(at, _)| {
        let before = &sql[..at];
        let after = &sql[at + name.len()..];
        let whole = !before.ends_with(is_word) && !after.starts_with(is_word);
        let updated = before.trim_end_matches(['"', ' ', '\n', '\t']).ends_with("update");
        whole && !updated
    })
}

/// Tables a trigger changes when rows elsewhere are inserted (the customers' last contact,
/// moved by each sale and interaction).
pub(super) fn tables_updated_by_triggers<'a>(
    conn: &Connection,
    schemas: &'a [TableSchema],
) -> Result<Vec<&'a TableSchema>> {
    let bodies: Vec<String> = triggers(conn)?.into_iter().map(|(_, sql)| sql).collect();
    Ok(schemas
        .iter()
        .filter(|t| {
            let bare = format!("update {} set", t.name.to_lowercase());
            let quoted = format!("update {} set", quote(&t.name.to_lowercase()));
            bodies.iter().any(|b| b.contains(&bare) || b.contains(&quoted))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::reads;

    #[test]
    fn a_trigger_reads_a_table_it_names_but_does_not_update() {
        let check = " on goal_entries when (select metric from goals where id = new.goal_id) is not 'custom'";
        assert!(reads(check, "goals"));
        assert!(!reads(check, "goal"), "not part of a longer name");
        let touch = " on sales begin update customers set last_contact_on = new.sold_on where id = new.customer_id";
        assert!(!reads(touch, "customers"));
        assert!(reads(" on x begin insert into \"log\" values (1)", "log"));
        assert!(!reads(" on x begin update \"log\" set n = 1", "log"));
    }
}
