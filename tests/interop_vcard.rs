//! vCard: export then import into a fresh database gives the same customers; importing
//! again creates nothing; files shaped like Android (2.1, quoted-printable), iOS (3.0,
//! grouped properties, photos) and Thunderbird (4.0) exports import with the right fields.

mod common;

use clap::Parser;
use salescoach::cli::vcard::{export_vcard, import_vcard};
use salescoach::cli::{Cli, Env};
use salescoach::domain::customer::{Customer, NewCustomer};
use salescoach::store::{CustomerFilter, Store};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vcard").join(name)
}

/// The command-line environment for a database in its own folder, with an empty config.
fn env(db: &Path) -> Env {
    let config = db.with_file_name("config.toml");
    std::fs::write(&config, "").unwrap();
    let args = ["salescoach".as_ref(), "--db".as_ref(), db.as_os_str(), "--config".as_ref(), config.as_os_str()];
    let cli = Cli::parse_from(args.iter().copied().chain(["--today".as_ref(), "2026-11-27".as_ref()]));
    Env::from_cli(&cli, common::today()).unwrap()
}

fn customers(db: &Path) -> Vec<Customer> {
    let filter = CustomerFilter { include_archived: true, ..Default::default() };
    Store::open(db).unwrap().customers_page(&filter, 0, 1_000_000).unwrap()
}

/// The fields a vCard carries, for comparing customers across databases.
fn contact_fields(c: &Customer) -> NewCustomer {
    let mut new = c.to_new();
    new.notes = new.notes.trim().to_string();
    new.created_on = common::today();
    new
}

fn import(file: &Path, db: &Path, merge: bool) {
    import_vcard(file, merge, false, false, &env(db)).unwrap();
}

#[test]
fn export_then_import_gives_the_same_customers_and_again_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    {
        let mut store = Store::open(&source).unwrap();
        store.load_plan(&salescoach::demo::demo_plan(common::today()).unwrap()).unwrap();
    }
    let text = export_vcard(&Store::open(&source).unwrap()).unwrap();
    let file = dir.path().join("customers.vcf");
    std::fs::write(&file, &text).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }

    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = fresh_dir.path().join("fresh.db");
    import(&file, &fresh, false);
    let wanted: Vec<NewCustomer> = customers(&source).iter().filter(|c| !c.archived).map(contact_fields).collect();
    let got: Vec<NewCustomer> = customers(&fresh).iter().map(contact_fields).collect();
    assert!(wanted.len() >= 5, "the demo has customers");
    assert_eq!(got, wanted);

    let before = customers(&fresh);
    import(&file, &fresh, false);
    import(&file, &fresh, true);
    assert_eq!(customers(&fresh), before, "a re-import, even with --merge, changes nothing");
    // And into the database it came from: every customer is already there.
    let before = customers(&source);
    import(&file, &source, true);
    assert_eq!(customers(&source), before);
}

#[test]
fn an_android_export_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    import(&fixture("android.vcf"), &db, false);
    let all = customers(&db);
    assert_eq!(all.len(), 3);
    let jiri = all.iter().find(|c| c.name == "Jiří Dvořák").unwrap();
    assert_eq!(jiri.company, "Kavárna U Zlatého");
    assert_eq!(jiri.email, "jiri@kavarna.example");
    assert_eq!(jiri.phone, "+420 777 123 456", "the preferred number");
    assert_eq!(jiri.notes, "Chce zrnkovou kávu\nkaždý pátek; platí hotově", "quoted-printable over a soft line break");
    assert_eq!(jiri.region, "Jihomoravský kraj");
    let jurgen = all.iter().find(|c| c.name == "Jürgen Müller").unwrap();
    assert_eq!(jurgen.email, "j.mueller@baeckerei.example", "the preferred address, not the first");
    assert_eq!(jurgen.company, "Bäckerei Müller GmbH");
    assert!(all.iter().any(|c| c.name == "Mama" && c.phone == "+420 600 000 001"));
}

#[test]
fn an_ios_export_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("i.db");
    import(&fixture("ios.vcf"), &db, false);
    let all = customers(&db);
    assert_eq!(all.len(), 3);
    let aiko = all.iter().find(|c| c.name == "Aiko Tanaka").unwrap();
    assert_eq!(aiko.company, "喫茶ほし");
    assert_eq!(aiko.email, "aiko@hoshi.example", "a grouped item1.EMAIL");
    assert_eq!(aiko.phone, "+81 90-1234-5678");
    assert_eq!(aiko.region, "Tokyo", "a grouped item2.ADR");
    assert_eq!(aiko.notes, "Prefers light roasts\nOrders every second Monday, usually 5 kg");
    assert_eq!(aiko.tags, "wholesale,café");
    let shop = all.iter().find(|c| c.name == "Corner Grind").unwrap();
    assert_eq!((shop.company.as_str(), shop.phone.as_str()), ("Corner Grind", "+1 (555) 010-2030"));
    assert_eq!(shop.region, "OR");
    let marta = all.iter().find(|c| c.name == "Marta Ruiz 🎉").unwrap();
    assert_eq!(marta.email, "marta@cafesol.example");
    assert_eq!(marta.company, "Café Sol");
    assert!(marta.notes.ends_with("because it goes on and on past seventy-five octets."), "{}", marta.notes);
}

#[test]
fn a_thunderbird_export_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    import(&fixture("thunderbird.vcf"), &db, false);
    let all = customers(&db);
    assert_eq!(all.len(), 2);
    let zoe = all.iter().find(|c| c.name == "Zoë Brandt").unwrap();
    assert_eq!(zoe.email, "zoe@brandt-buero.example", "PREF=1");
    assert_eq!(zoe.phone, "+49 30 1234567");
    assert_eq!((zoe.company.as_str(), zoe.region.as_str()), ("Büro Brandt", "Berlin"));
    assert_eq!(zoe.notes, "Mag Espresso, keine Milch.");
    assert_eq!(zoe.tags, "office");
    let ken = all.iter().find(|c| c.name == "Ōtsuka Ken").unwrap();
    assert_eq!(ken.phone, "+81-80-0000-1111", "the tel: scheme is dropped");
}

#[test]
fn duplicates_are_skipped_or_merged_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    {
        let mut store = Store::open(&db).unwrap();
        for (name, company, email) in [("ZOE BRANDT", "buro brandt", ""), ("Aiko Tanaka", "", "AIKO@hoshi.example")] {
            let new = NewCustomer {
                name: name.into(),
                company: company.into(),
                email: email.into(),
                created_on: common::today(),
                ..Default::default()
            };
            store.add_customer(&new).unwrap();
        }
    }
    let before = customers(&db);
    import_vcard(&fixture("thunderbird.vcf"), false, true, false, &env(&db)).unwrap();
    import_vcard(&fixture("thunderbird.vcf"), true, true, true, &env(&db)).unwrap();
    assert_eq!(customers(&db), before, "a dry run writes nothing");

    import(&fixture("thunderbird.vcf"), &db, false);
    let after = customers(&db);
    assert_eq!(after.len(), 3, "Zoë is there already (name and company, accents and case aside); Ken is new");
    assert_eq!(after.iter().find(|c| c.name == "ZOE BRANDT").unwrap().email, "", "skipped, not merged");

    import(&fixture("ios.vcf"), &db, true);
    let after = customers(&db);
    let aiko = after.iter().find(|c| c.email.eq_ignore_ascii_case("aiko@hoshi.example")).unwrap();
    assert_eq!(aiko.company, "喫茶ほし", "merged by email");
    assert_eq!(after.len(), 5, "Corner Grind and Marta are new");
}
