//! Notes, search and flashcards on a real database file.

use chrono::{Days, NaiveDate};
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::knowledge::{NewNote, NewProduct};
use salescoach::domain::sale::{InteractionKind, NewInteraction, Outcome};
use salescoach::domain::srs::Grade;
use salescoach::store::Store;
use salescoach::store::search::HitKind;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-27";

fn note(title: &str, body: &str, tags: &str, product_id: Option<i64>) -> NewNote {
    NewNote::plain(title, body, tags, product_id, d(TODAY))
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("k.db")).unwrap();
    World { _dir: dir, store }
}

fn titles(store: &Store, query: &str) -> Vec<(HitKind, String)> {
    store.search(query, 20).unwrap().into_iter().map(|h| (h.kind, h.title.replace(['\u{1}', '\u{2}'], ""))).collect()
}

#[test]
fn titles_rank_above_bodies_and_prefixes_match() {
    let mut w = world();
    let s = &mut w.store;
    s.add_note(&note("Warranty terms", "Covers the grinder motor for two years.", "", None)).unwrap();
    s.add_note(&note("Grinder maintenance", "Clean the burrs weekly.", "", None)).unwrap();
    assert_eq!(
        titles(s, "grinder"),
        vec![(HitKind::Note, "Grinder maintenance".into()), (HitKind::Note, "Warranty terms".into())]
    );
    assert_eq!(titles(s, "grind"), titles(s, "grinder"), "prefix search");
    assert_eq!(titles(s, "gri mai"), vec![(HitKind::Note, "Grinder maintenance".into())]);
    let hit = &s.search("burrs", 5).unwrap()[0];
    assert!(hit.snippet.contains("\u{1}burrs\u{2}"), "highlighted: {:?}", hit.snippet);
}

#[test]
fn diacritics_tags_products_and_customers() {
    let mut w = world();
    let s = &mut w.store;
    s.add_customer(&NewCustomer {
        name: "Tereza Dvořáková".into(),
        company: "Kavárna Dvořák".into(),
        tags: "český".into(),
        created_on: d(TODAY),
        ..Default::default()
    })
    .unwrap();
    let product = s
        .add_product(&NewProduct {
            name: "Lever Pro".into(),
            category: "Machines".into(),
            price_minor: 100,
            description: "Two-group machine".into(),
        })
        .unwrap();
    s.add_note(&note("Objections", "Price first.", "pitch,closing", Some(product))).unwrap();
    assert_eq!(titles(s, "cesky"), vec![(HitKind::Customer, "Tereza Dvořáková".into())]);
    assert_eq!(titles(s, "dvorakova"), vec![(HitKind::Customer, "Tereza Dvořáková".into())]);
    assert_eq!(titles(s, "kavarna"), vec![(HitKind::Customer, "Tereza Dvořáková".into())]);
    assert_eq!(titles(s, "closing"), vec![(HitKind::Note, "Objections".into())]);
    assert_eq!(titles(s, "machines"), vec![(HitKind::Product, "Lever Pro".into())]);
}

#[test]
fn edits_deletes_and_archiving_keep_the_index_in_step() {
    let mut w = world();
    let s = &mut w.store;
    let (id, _) = s.add_note(&note("Pricing", "Old price list", "", None)).unwrap();
    s.update_note(id, &note("Pricing", "New tariff sheet", "", None), d(TODAY)).unwrap();
    assert!(titles(s, "old").is_empty());
    assert_eq!(titles(s, "tariff").len(), 1);
    s.delete_note(id).unwrap();
    assert!(titles(s, "tariff").is_empty());
    let product = s.add_product(&NewProduct { name: "Descaler".into(), ..Default::default() }).unwrap();
    s.set_product_archived(product, true).unwrap();
    assert!(titles(s, "descaler").is_empty(), "archived products are not found");
    s.set_product_archived(product, false).unwrap();
    assert_eq!(titles(s, "descaler").len(), 1);
    let customer = s
        .add_customer(&NewCustomer { name: "Zed Archived".into(), created_on: d(TODAY), ..Default::default() })
        .unwrap();
    s.set_customer_archived(customer, true).unwrap();
    assert!(titles(s, "zed").is_empty());
}

#[test]
fn a_customer_edit_moves_the_index_and_a_logged_contact_leaves_it_found() {
    let mut w = world();
    let s = &mut w.store;
    let new = |name: &str, segment: &str| NewCustomer {
        name: name.into(),
        segment: segment.into(),
        created_on: d("2026-10-01"),
        ..Default::default()
    };
    let id = s.add_customer(&new("Quincy Vale", "Bakery")).unwrap();
    // The interaction moves the last contact (a trigger's update of the customer row),
    // which leaves the search entry as it was: found once, by name and by segment.
    let touch = |s: &mut Store, day: &str| {
        s.log_interaction(&NewInteraction {
            customer_id: id,
            technique_id: None,
            product_id: None,
            kind: InteractionKind::Call,
            outcome: Outcome::None,
            lost_reason: String::new(),
            happened_on: d(day),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        })
        .unwrap();
    };
    touch(s, "2026-11-20");
    assert_eq!(s.customer(id).unwrap().last_contact_on, d("2026-11-20"));
    assert_eq!(titles(s, "quincy"), vec![(HitKind::Customer, "Quincy Vale".into())]);
    assert_eq!(titles(s, "bakery").len(), 1);
    s.update_customer(id, &new("Quentin Vale", "Florist")).unwrap();
    assert!(titles(s, "quincy").is_empty(), "the old name is gone");
    assert!(titles(s, "bakery").is_empty(), "the old segment is gone");
    assert_eq!(titles(s, "quentin"), vec![(HitKind::Customer, "Quentin Vale".into())]);
    assert_eq!(titles(s, "florist").len(), 1);
    s.set_customer_archived(id, true).unwrap();
    touch(s, "2026-11-21");
    assert!(titles(s, "quentin").is_empty(), "archived, and a contact does not bring it back");
    s.set_customer_archived(id, false).unwrap();
    assert_eq!(titles(s, "quentin").len(), 1);
}

#[test]
fn hostile_queries_never_error() {
    let mut w = world();
    let s = &mut w.store;
    s.add_note(&note("AND OR notes", "Quotes \" and stars * inside", "", None)).unwrap();
    for query in [
        "\"",
        "AND OR",
        "*",
        "(",
        ")",
        "NEAR(",
        "-",
        "title:",
        "^",
        "a\"b",
        "'; DROP TABLE notes; --",
        "NOT",
        "\u{1}",
        "",
    ] {
        let result = s.search(query, 10);
        assert!(result.is_ok(), "{query:?}: {result:?}");
    }
    assert_eq!(titles(s, "AND OR").len(), 1, "retried as plain words, it finds the note");
    assert_eq!(titles(s, "\"notes").len(), 1);
}

#[test]
fn note_cards_follow_the_body() {
    let mut w = world();
    let s = &mut w.store;
    let body = "Q: Burr size?\nA: 64 mm\nQ: Recipe?\nA: 18 in, 36 out\nQ: broken";
    let (id, sync) = s.add_note(&note("Grinder", body, "", None)).unwrap();
    assert_eq!((sync.added, sync.problems.len()), (2, 1));
    assert_eq!(sync.problems[0].to_string(), "line 5: question without an answer");
    let cards = s.cards_for_note(id).unwrap();
    s.grade_card(cards[0].id, Grade::Good, d(TODAY)).unwrap();
    let edited = "Q: Burr size?\nA: 64 mm flat\nQ: Warranty?\nA: Two years";
    let sync = s.update_note(id, &note("Grinder", edited, "", None), d(TODAY)).unwrap();
    assert_eq!((sync.added, sync.updated, sync.removed), (1, 1, 1));
    let cards = s.cards_for_note(id).unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].back, "64 mm flat");
    assert_eq!(cards[0].memory.reps, 1, "an edited answer keeps its schedule");
}

#[test]
fn the_queue_grading_and_retention_beside_win_rate() {
    let mut w = world();
    let s = &mut w.store;
    let today = d(TODAY);
    let product = s.add_product(&NewProduct { name: "Lever Pro".into(), ..Default::default() }).unwrap();
    let ids: Vec<i64> = (0..5).map(|i| s.add_card(&format!("Q{i}"), "A", Some(product), today).unwrap()).collect();
    assert_eq!(s.review_queue(today, 3).unwrap(), ids[..3].to_vec(), "new-card limit");
    s.grade_card(ids[0], Grade::Good, today).unwrap();
    s.grade_card(ids[1], Grade::Again, today).unwrap();
    // Two new cards were introduced today, so one more new card is allowed.
    assert_eq!(s.review_queue(today, 3).unwrap(), vec![ids[2]]);
    // Tomorrow: the card graded Again is due; Good is due in 3 days.
    assert_eq!(s.review_queue(today + Days::new(1), 0).unwrap(), vec![ids[1]]);
    assert_eq!(s.review_queue(today + Days::new(3), 0).unwrap(), vec![ids[1], ids[0]]);
    assert!(s.grade_card(999, Grade::Good, today).is_err());

    let customer =
        s.add_customer(&NewCustomer { name: "Ada".into(), created_on: d("2026-01-01"), ..Default::default() }).unwrap();
    for outcome in [Outcome::Won, Outcome::Lost, Outcome::Lost, Outcome::Pending] {
        s.log_interaction(&NewInteraction {
            customer_id: customer,
            technique_id: None,
            product_id: Some(product),
            kind: InteractionKind::Demo,
            outcome,
            lost_reason: if outcome == Outcome::Lost { "price".into() } else { String::new() },
            happened_on: d("2026-11-20"),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        })
        .unwrap();
    }
    let training = s.product_training(today).unwrap();
    let lever = training.iter().find(|t| t.product_id == product).unwrap();
    assert_eq!((lever.cards, lever.reviews_30d), (5, 2));
    assert_eq!(lever.retention_permille, Some(500), "1 of 2 reviews recalled");
    assert_eq!(lever.win_rate_permille, Some(333), "1 won of 3 decided");
}
