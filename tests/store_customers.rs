//! Finding customers: the filter and name lookup ignore accents and case.

use chrono::NaiveDate;
use salescoach::domain::customer::NewCustomer;
use salescoach::store::{CustomerFilter, Named, Store};

fn store_with(names: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    for (name, company) in names {
        store
            .add_customer(&NewCustomer {
                name: (*name).into(),
                company: (*company).into(),
                created_on: on,
                ..Default::default()
            })
            .unwrap();
    }
    (dir, store)
}

fn names(store: &Store, text: &str) -> Vec<String> {
    let filter = CustomerFilter { text: text.into(), include_archived: false };
    assert_eq!(store.customer_count(&filter).unwrap() as usize, store.customers_page(&filter, 0, 100).unwrap().len());
    store.customers_page(&filter, 0, 100).unwrap().into_iter().map(|c| c.name).collect()
}

#[test]
fn the_filter_ignores_accents_and_case() {
    let (_dir, store) = store_with(&[
        ("Chloé Martin", "Le Petit Four"),
        ("Marta Novak", "Corner Grind Café"),
        ("Søren Dahl", "100% Beans"),
    ]);
    assert_eq!(names(&store, "cafe"), ["Marta Novak"]);
    assert_eq!(names(&store, "CAFÉ"), ["Marta Novak"]);
    assert_eq!(names(&store, "chloe"), ["Chloé Martin"]);
    assert_eq!(names(&store, "soren"), ["Søren Dahl"]);
    assert_eq!(names(&store, "100%"), ["Søren Dahl"], "% is a literal, not a wildcard");
    assert!(names(&store, "0% B").len() == 1 && names(&store, "%").len() == 1);
    assert!(names(&store, "_").is_empty(), "_ is a literal too");
}

#[test]
fn lookup_by_name_ignores_accents_but_still_refuses_to_guess() {
    let (_dir, store) = store_with(&[("Chloé Martin", ""), ("Chloe Marsh", ""), ("Zoë Park", "")]);
    assert_eq!(
        store.display_name(Named::Customer, store.resolve(Named::Customer, "zoe").unwrap()).unwrap(),
        "Zoë Park"
    );
    assert_eq!(store.resolve(Named::Customer, "chloe martin").unwrap(), 1, "exact, accents aside");
    let err = store.resolve(Named::Customer, "chloe").unwrap_err().to_string();
    assert!(err.contains("Chloé Martin (#1)") && err.contains("Chloe Marsh (#2)"), "{err}");
}

#[test]
fn a_name_typed_exactly_wins_over_its_accented_twin() {
    let (_dir, store) = store_with(&[("José Ruiz", ""), ("Jose Ruiz", "")]);
    assert_eq!(store.resolve(Named::Customer, "jose ruiz").unwrap(), 2);
    assert_eq!(store.resolve(Named::Customer, "José Ruiz").unwrap(), 1);
    assert_eq!(store.resolve(Named::Customer, "JOSÉ RUIZ").unwrap(), 1, "case aside beyond ASCII too");
    let err = store.resolve(Named::Customer, "jöse ruiz").unwrap_err().to_string();
    assert!(err.contains("José Ruiz (#1)") && err.contains("Jose Ruiz (#2)"), "no exact match: both offered: {err}");
}
