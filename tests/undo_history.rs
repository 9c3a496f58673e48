//! The undo history itself: it lives in the database (across restarts and processes), walks
//! back in order, drops the redo stack on a new change, keeps the latest 200 steps, records
//! nothing for reads, covers every table, and refuses what no longer fits, changing nothing.

mod common;

use common::{content, today};
use salescoach::domain::customer::NewCustomer;
use salescoach::store::undo::{KEPT_STEPS, UndoRefused};
use salescoach::store::undo_triggers::{self as triggers, NOT_RECORDED};
use salescoach::store::{MIGRATIONS, Store, migrate};

fn customer(name: &str) -> NewCustomer {
    NewCustomer { name: name.into(), created_on: today(), ..Default::default() }
}

fn file_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let store = Store::open(&db).unwrap();
    (dir, db, store)
}

fn refusal(err: &anyhow::Error) -> String {
    assert!(err.is::<UndoRefused>(), "{err:#}");
    err.to_string()
}

#[test]
fn undo_works_after_a_restart_and_from_another_window() {
    let (_dir, db, mut store) = file_store();
    let before = content(&db);
    store.add_customer(&customer("Ada")).unwrap();
    drop(store);
    let mut reopened = Store::open(&db).unwrap();
    let mut other = Store::open(&db).unwrap();
    assert_eq!(reopened.next_undo().unwrap().unwrap().label, "Added customer #1 Ada");
    assert_eq!(other.undo().unwrap().unwrap().label, "Added customer #1 Ada");
    assert_eq!(content(&db), before);
    assert!(reopened.next_undo().unwrap().is_none(), "the other window sees the undo at once");
    assert_eq!(reopened.redo().unwrap().unwrap().label, "Added customer #1 Ada");
    assert_eq!(reopened.customer(1).unwrap().name, "Ada");
}

#[test]
fn twenty_five_changes_walk_back_twenty_steps_newest_first() {
    let (_dir, db, mut store) = file_store();
    let mut states = vec![content(&db)];
    for n in 1..=25 {
        store.add_customer(&customer(&format!("Customer {n}"))).unwrap();
        states.push(content(&db));
    }
    for n in (6..=25).rev() {
        let step = store.undo().unwrap().unwrap();
        assert_eq!(step.label, format!("Added customer #{n} Customer {n}"));
        assert_eq!(content(&db), states[n - 1], "after undoing #{n}");
    }
    let listed = store.undo_steps(20).unwrap();
    assert_eq!(listed.len(), 20);
    assert!(listed.iter().all(|s| s.undone), "the newest 20 are the undone ones");
    assert_eq!(listed[19].label, "Added customer #6 Customer 6", "newest first");
    assert_eq!(store.next_undo().unwrap().unwrap().label, "Added customer #5 Customer 5");
    assert_eq!(store.next_redo().unwrap().unwrap().label, "Added customer #6 Customer 6");
}

#[test]
fn a_new_change_after_an_undo_drops_the_redo_stack() {
    let (_dir, _db, mut store) = file_store();
    store.add_customer(&customer("Ada")).unwrap();
    store.add_customer(&customer("Bo")).unwrap();
    store.undo().unwrap();
    assert!(store.next_redo().unwrap().is_some());
    store.add_customer(&customer("Cy")).unwrap();
    assert!(store.redo().unwrap().is_none(), "nothing to redo after a new change");
    let labels: Vec<String> = store.undo_steps(10).unwrap().into_iter().map(|s| s.label).collect();
    assert_eq!(labels, ["Added customer #2 Cy", "Added customer #1 Ada"]);
}

#[test]
fn reading_and_saving_what_is_there_make_no_step() {
    let (_dir, db, mut store) = file_store();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let steps = store.undo_steps(100).unwrap();
    let cadences = salescoach::domain::cadence::CadenceDefaults::only(salescoach::domain::cadence::Cadence {
        ideal_days: 14,
        max_days: 30,
    });
    store.checklist(today(), &cadences, 20).unwrap();
    store.item_of_the_day(today()).unwrap();
    store.goal_paces(today()).unwrap();
    store.search("coffee", 10).unwrap();
    let ada = store.customer(1).unwrap();
    let same = NewCustomer {
        name: ada.name.clone(),
        company: ada.company.clone(),
        email: ada.email.clone(),
        phone: ada.phone.clone(),
        segment: ada.segment.clone(),
        industry: ada.industry.clone(),
        region: ada.region.clone(),
        tags: ada.tags.clone(),
        notes: ada.notes.clone(),
        cadence_ideal_days: ada.cadence_ideal_days,
        cadence_max_days: ada.cadence_max_days,
        created_on: ada.created_on,
    };
    store.update_customer(1, &same).unwrap();
    assert!(store.add_customer(&customer(" ")).is_err(), "a refused change is no step either");
    assert_eq!(store.undo_steps(100).unwrap(), steps);
    assert!(content(&db).contains("motivation_shown|"), "the day's pick was recorded, outside the history");
}

#[test]
fn only_the_latest_steps_are_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let kept = usize::try_from(KEPT_STEPS).unwrap();
    for n in 0..kept + 5 {
        store.add_customer(&customer(&format!("C{n}"))).unwrap();
    }
    let steps = store.undo_steps(1_000).unwrap();
    assert_eq!(steps.len(), kept);
    assert_eq!(steps.last().unwrap().label, "Added customer #6 C5");
    for _ in 0..kept {
        store.undo().unwrap().unwrap();
    }
    assert!(store.undo().unwrap().is_none(), "the forgotten steps cannot be undone");
    assert_eq!(store.customers_page(&Default::default(), 0, 100).unwrap().len(), 5);
}

#[test]
fn every_user_table_can_have_undo_triggers_and_a_name_and_the_file_stores_none() {
    let (_dir, db, mut store) = file_store();
    store.add_customer(&customer("Ada")).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(triggers::stored_count(&conn).unwrap(), 0, "no undo trigger is parsed on open");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.contains(&"sales".to_string()) && tables.contains(&"undo_log".to_string()));
    let recorded = triggers::recorded_tables(&conn).unwrap();
    assert_eq!(recorded.len() + NOT_RECORDED.len(), tables.len());
    for table in &recorded {
        triggers::install_temp(&conn, table).unwrap();
        let made = triggers::triggers_of(&conn, table).unwrap();
        assert_eq!(made.len(), 3, "{table}: {made:?}");
        assert!(salescoach::domain::undo::noun(table).is_some(), "{table} needs a name for refusals");
    }
    for table in NOT_RECORDED {
        assert!(tables.contains(&table.to_string()), "{table} is no table any more");
        assert!(!recorded.contains(&table.to_string()));
    }
}

#[test]
fn rows_a_change_reaches_through_cascades_and_triggers_are_undone_too() {
    let (_dir, db, mut store) = file_store();
    let ada = store.add_customer(&customer("Ada")).unwrap();
    store
        .change(|tx| {
            tx.execute_batch(
                "INSERT INTO goals (id, title, metric, target, start_on, deadline_on)
                     VALUES (1, 'Calls', 'custom', 10, '2026-11-01', '2026-12-31');
                 INSERT INTO goal_entries (goal_id, entry_on, amount) VALUES (1, '2026-11-02', 3), (1, '2026-11-03', 4);
                 UPDATE customers SET last_contact_on = '2026-11-01';",
            )?;
            Ok(((), "Goal with entries".to_string()))
        })
        .unwrap();
    drop(store);
    // A new connection has made no trigger yet: the delete names only goals, the entries go
    // by ON DELETE CASCADE, and the interaction moves Ada's last contact by a trigger.
    let mut store = Store::open(&db).unwrap();
    let before = content(&db);
    store
        .change(|tx| {
            tx.execute("DELETE FROM goals WHERE id = 1", [])?;
            tx.execute(
                "INSERT INTO interactions (customer_id, kind, happened_on, outcome) VALUES (?1, 'call', '2026-12-01', 'pending')",
                [ada],
            )?;
            Ok(((), "Cleared the goal".to_string()))
        })
        .unwrap();
    assert_eq!(store.undo_steps(1).unwrap()[0].changes, 5, "goal, two entries, interaction, customer");
    store.undo().unwrap().unwrap();
    assert_eq!(content(&db), before);
}

#[test]
fn an_upsert_that_updates_an_existing_row_is_undone() {
    let (_dir, db, mut store) = file_store();
    let set = |store: &mut Store, value: &'static str| {
        store
            .change(|tx| {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('bench', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [value],
                )?;
                Ok(((), format!("Set {value}")))
            })
            .unwrap();
    };
    set(&mut store, "first");
    let before = content(&db);
    set(&mut store, "second");
    store.undo().unwrap().unwrap();
    assert_eq!(content(&db), before, "the DO UPDATE half is recorded too");
}

#[test]
fn a_statement_cached_before_its_table_had_triggers_is_recorded_in_a_change() {
    let (_dir, db, mut store) = file_store();
    let upsert = "INSERT INTO settings (key, value) VALUES ('bench', ?1)
                  ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    // Compiled and cached outside any change, so never shown to the undo authorizer.
    store.write_unrecorded(|tx| Ok(tx.prepare_cached(upsert)?.execute(["first"])?)).unwrap();
    let before = content(&db);
    store
        .change(|tx| {
            tx.prepare_cached(upsert)?.execute(["second"])?;
            Ok(((), "Set second".to_string()))
        })
        .unwrap();
    assert_ne!(content(&db), before);
    store.undo().unwrap().expect("the cached statement's change was recorded");
    assert_eq!(content(&db), before);
}

#[test]
fn a_table_added_by_a_later_migration_is_recorded_too() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    migrate(&mut conn, MIGRATIONS).unwrap();
    let mut later = MIGRATIONS.to_vec();
    later.push("CREATE TABLE visits (id INTEGER PRIMARY KEY, value INTEGER NOT NULL) STRICT; ALTER TABLE goals ADD COLUMN colour TEXT;");
    migrate(&mut conn, &later).unwrap();
    assert!(triggers::recorded_tables(&conn).unwrap().contains(&"visits".to_string()));
    triggers::install_temp(&conn, "visits").unwrap();
    triggers::install_temp(&conn, "goals").unwrap();
    assert_eq!(
        triggers::triggers_of(&conn, "visits").unwrap(),
        ["undo_visits_delete", "undo_visits_insert", "undo_visits_update"]
    );
    let sql: String = conn
        .query_row("SELECT sql FROM sqlite_temp_master WHERE name = 'undo_goals_delete'", [], |r| r.get(0))
        .unwrap();
    assert!(sql.contains("colour"), "a new column is restored too: {sql}");
}

#[test]
fn undo_is_refused_naming_a_row_made_behind_the_history_and_nothing_changes() {
    let (_dir, db, mut store) = file_store();
    let id = store.add_customer(&customer("Ada")).unwrap();
    // Another tool adds a sale for her without going through salescoach.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("INSERT INTO sales (id, customer_id, amount_minor, sold_on) VALUES (31, ?1, 500, '2026-11-27')", [id])
        .unwrap();
    let before = common::dump(&db);
    let err = store.undo().unwrap_err();
    assert_eq!(
        refusal(&err),
        "cannot undo \"Added customer #1 Ada\": sale #31 depends on customer #1; nothing was changed"
    );
    assert_eq!(common::dump(&db), before, "history and rows untouched");
    assert!(!store.next_undo().unwrap().unwrap().undone);
}

#[test]
fn redo_is_refused_when_the_row_it_would_bring_back_exists_again() {
    let (_dir, db, mut store) = file_store();
    store.add_customer(&customer("Ada")).unwrap();
    store.undo().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO customers (id, name, created_on, last_contact_on) VALUES (1, 'Bo', '2026-11-27', '2026-11-27')",
    )
    .unwrap();
    let err = store.redo().unwrap_err();
    assert_eq!(refusal(&err), "cannot redo \"Added customer #1 Ada\": customer #1 exists again; nothing was changed");
    assert_eq!(store.customer(1).unwrap().name, "Bo");
}

#[test]
fn undo_is_refused_when_what_it_refers_to_is_gone() {
    let (_dir, db, mut store) = file_store();
    let ada = store.add_customer(&customer("Ada")).unwrap();
    store.set_customer_archived(ada, true).unwrap();
    store.delete_customer(ada, false).unwrap();
    store.undo().unwrap();
    store.undo().unwrap();
    // Now the archive is undone and the customer back; delete her behind the history.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DELETE FROM customers").unwrap();
    let err = store.undo().unwrap_err();
    assert_eq!(
        refusal(&err),
        "cannot undo \"Added customer #1 Ada\": customer #1 is no longer there; nothing was changed"
    );
}

#[test]
fn undoing_a_chosen_step_is_refused_once_a_later_change_came() {
    let (_dir, _db, mut store) = file_store();
    store.add_customer(&customer("Ada")).unwrap();
    let first = store.next_undo().unwrap().unwrap();
    store.add_customer(&customer("Bo")).unwrap();
    let err = store.undo_step(first.id).unwrap_err();
    assert_eq!(
        refusal(&err),
        "cannot undo \"Added customer #1 Ada\": later changes came after it: \"Added customer #2 Bo\"; undo those first"
    );
    let latest = store.next_undo().unwrap().unwrap();
    assert_eq!(store.undo_step(latest.id).unwrap().label, "Added customer #2 Bo");
    assert!(store.undo_step(first.id).unwrap().undone);
}

#[test]
fn redo_is_refused_when_what_it_refers_to_was_deleted_meanwhile() {
    let (_dir, db, mut store) = file_store();
    let ada = store.add_customer(&customer("Ada")).unwrap();
    let sale = salescoach::domain::sale::NewSale {
        customer_id: ada,
        product_id: None,
        technique_id: None,
        kind: salescoach::domain::sale::SaleKind::Sale,
        quantity: 1,
        amount_minor: 1200,
        sold_on: today().pred_opt().unwrap(),
        note: String::new(),
        refund_of: None,
    };
    store.log_sale(&sale, &[]).unwrap();
    store.undo().unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("DELETE FROM customers").unwrap();
    let err = store.redo().unwrap_err();
    assert_eq!(
        refusal(&err),
        "cannot redo \"Logged sale #1: 12.00 to Ada\": sale #1 refers to customer #1, which is no longer there; nothing was changed"
    );
}

#[test]
fn undo_is_refused_when_another_row_took_the_name_back() {
    let (_dir, db, mut store) = file_store();
    let product = salescoach::domain::knowledge::NewProduct { name: "Gift box".into(), ..Default::default() };
    let id = store.add_product(&product).unwrap();
    store
        .update_product(id, &salescoach::domain::knowledge::NewProduct { name: "Gift set".into(), ..product })
        .unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("INSERT INTO products (name) VALUES ('Gift box')").unwrap();
    let err = store.undo().unwrap_err();
    assert_eq!(
        refusal(&err),
        "cannot undo \"Edited product #1 Gift set\": product #1 cannot come back: another product now has its name; nothing was changed"
    );
}
