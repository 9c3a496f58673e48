//! Undo and redo over every kind of change: each change is undone in one step, after which
//! the database holds exactly what it held before; redo brings back exactly what the change
//! made. The day is Friday 2026-11-27.

mod common;

use chrono::{Days, NaiveDate};
use common::{content, today};
use salescoach::domain::cadence::Cadence;
use salescoach::domain::care::{NewComplaint, NewScore, Severity};
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::followup::{FollowupKind, NewFollowup, RecurFrom, RecurUnit, Recurrence};
use salescoach::domain::goal::{Metric, NewGoal, WorkingDays};
use salescoach::domain::knowledge::{NewNote, NewProduct, NewTechnique};
use salescoach::domain::motivation::{ItemKind, ResourceKind, ResourceStatus};
use salescoach::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use salescoach::domain::srs::Grade;
use salescoach::store::{CustomerFilter, NewItem, Step, Store};
use std::path::PathBuf;

/// The demo business in a file, as a seller has it.
struct Shop {
    _dir: tempfile::TempDir,
    db: PathBuf,
    store: Store,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut store = Store::open(&db).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    Shop { _dir: dir, db, store }
}

impl Shop {
    /// Makes `change`, then checks undo puts back the content from before and redo the
    /// content from after, twice over; leaves the change made. Returns its step.
    fn undoes(&mut self, label: &str, change: impl FnOnce(&mut Store)) -> Step {
        let before = content(&self.db);
        change(&mut self.store);
        let after = content(&self.db);
        assert_ne!(before, after, "{label}: the change changed nothing");
        let step = self.store.next_undo().unwrap().expect("the change is a step");
        assert!(step.label.contains(label), "{:?} does not say {label:?}", step.label);
        for _ in 0..2 {
            let undone = self.store.undo().unwrap().expect("something to undo");
            assert_eq!((undone.id, undone.undone), (step.id, true));
            assert_eq!(content(&self.db), before, "undo of {:?}", step.label);
            assert!(self.store.check().unwrap().is_ok(), "references hold after undoing {:?}", step.label);
            let redone = self.store.redo().unwrap().expect("something to redo");
            assert_eq!((redone.id, redone.undone), (step.id, false));
            assert_eq!(content(&self.db), after, "redo of {:?}", step.label);
        }
        step
    }

    fn customer(&self, nth: u64) -> i64 {
        self.store.customers_page(&CustomerFilter::default(), nth, 1).unwrap()[0].id
    }
}

fn day(offset: u64) -> NaiveDate {
    today() + Days::new(offset)
}

fn call(customer_id: i64) -> NewInteraction {
    NewInteraction {
        customer_id,
        technique_id: None,
        product_id: None,
        kind: InteractionKind::Call,
        outcome: Outcome::Won,
        lost_reason: String::new(),
        happened_on: today(),
        note: "Talked it through".into(),
        objections: Vec::new(),
        response: String::new(),
    }
}

fn sale(customer_id: i64, amount_minor: i64) -> NewSale {
    NewSale {
        customer_id,
        product_id: None,
        technique_id: None,
        kind: SaleKind::Sale,
        quantity: 2,
        amount_minor,
        sold_on: today(),
        note: String::new(),
        refund_of: None,
    }
}

fn followup(customer_id: i64, recurrence: Option<Recurrence>) -> NewFollowup {
    NewFollowup {
        customer_id,
        kind: FollowupKind::StayInTouch,
        reason: "Check the grinder".into(),
        due_on: today(),
        due_time: None,
        recurrence,
        sale_id: None,
        complaint_id: None,
        created_on: today(),
    }
}

#[test]
fn a_customer_added_edited_archived_and_deleted_with_history_comes_back() {
    let mut shop = shop();
    let ada = NewCustomer {
        name: "Ada Lovelace".into(),
        email: "ada@example.org".into(),
        created_on: today(),
        ..Default::default()
    };
    let mut id = 0;
    shop.undoes("Added customer", |s| id = s.add_customer(&ada).unwrap());
    shop.undoes("Edited customer", |s| {
        s.update_customer(id, &NewCustomer { company: "Engines".into(), ..ada.clone() }).unwrap()
    });
    shop.undoes("Archived customer", |s| s.set_customer_archived(id, true).unwrap());
    let with_history = shop.customer(0);
    let step = shop.undoes("Deleted customer", |s| {
        s.delete_customer(with_history, true).unwrap();
    });
    assert!(step.label.contains(" with ") && step.label.contains("sale"), "{}", step.label);
}

#[test]
fn a_sale_goes_back_with_its_post_sale_follow_ups_and_a_refund_alone() {
    let mut shop = shop();
    let customer = shop.customer(1);
    let step = shop.undoes("Logged sale", |s| {
        let checks = [
            NewFollowup { kind: FollowupKind::CheckIn, due_on: day(2), ..followup(customer, None) },
            NewFollowup { kind: FollowupKind::Reorder, due_on: day(30), ..followup(customer, None) },
        ];
        s.log_sale(&sale(customer, 4890), &checks).unwrap();
    });
    assert!(step.label.contains(": 48.90 to ") && step.label.ends_with("with 2 follow-ups"), "{}", step.label);
    let sold = shop.store.purchase_history(customer, 1).unwrap()[0].id;
    shop.undoes("Refunded 10.00 of sale", |s| {
        s.refund(sold, Some(1000), None, today(), "chipped cup").unwrap();
    });
    shop.undoes("Logged a call with", |s| {
        s.log_interaction(&call(customer)).unwrap();
    });
}

#[test]
fn a_done_follow_up_undoes_with_its_logged_call_and_its_successor_in_one_step() {
    let mut shop = shop();
    let customer = shop.customer(2);
    let weekly = Recurrence { every: 1, unit: RecurUnit::Week, from: RecurFrom::Due };
    shop.undoes("Added follow-up", |s| {
        s.add_followup(&followup(customer, Some(weekly))).unwrap();
    });
    let id = shop
        .store
        .open_followups_until(day(0))
        .unwrap()
        .into_iter()
        .filter(|f| f.customer_id == customer)
        .map(|f| f.id)
        .max()
        .unwrap();
    let step = shop.undoes("Done: ", |s| {
        let done = s.complete_followup(id, today(), Some(&call(customer)), None).unwrap();
        assert!(done.interaction_id.is_some() && done.next_id.is_some());
    });
    assert!(step.label.contains("(with the logged call and the next one on 2026-12-04)"), "{}", step.label);
    shop.undoes("Reopened", |s| s.reopen_followup(id).unwrap());
    shop.undoes("Snoozed", |s| s.snooze_followup(id, day(3)).unwrap());
    shop.undoes("Moved", |s| s.move_followup(id, day(1)).unwrap());
    shop.undoes("Cancelled", |s| s.cancel_followup(id, today()).unwrap());
}

#[test]
fn complaints_and_a_low_score_with_its_concern_undo() {
    let mut shop = shop();
    let customer = shop.customer(3);
    let complaint = NewComplaint {
        customer_id: customer,
        sale_id: None,
        severity: Severity::High,
        summary: "Beans arrived stale".into(),
        opened_on: today(),
    };
    shop.undoes("Opened complaint", |s| {
        s.open_complaint(&complaint).unwrap();
    });
    let id = shop.store.complaints(Some(customer)).unwrap()[0].id;
    shop.undoes("Responded to complaint", |s| s.respond_to_complaint(id, today()).unwrap());
    shop.undoes("Resolved complaint", |s| {
        s.resolve_complaint_logging(id, today(), "Sent a fresh bag", Some(&call(customer))).unwrap()
    });
    let step = shop.undoes("Scored", |s| {
        let rated = s
            .rate(&NewScore {
                customer_id: customer,
                sale_id: None,
                score: 4,
                comment: "slow".into(),
                rated_on: today(),
            })
            .unwrap();
        assert!(rated.concern_id.is_some());
    });
    assert!(step.label.contains(" 4/10 (and opened concern #"), "{}", step.label);
}

#[test]
fn goals_and_their_manual_entries_undo() {
    let mut shop = shop();
    let goal = NewGoal {
        title: "Calls booked".into(),
        metric: Metric::Custom,
        unit: "calls".into(),
        target: 40,
        start_on: today(),
        deadline_on: day(30),
        working_days: WorkingDays::default(),
    };
    shop.undoes("Added goal", |s| {
        s.add_goal(&goal).unwrap();
    });
    let id = shop.store.goals(false).unwrap().into_iter().find(|g| g.title == "Calls booked").unwrap().id;
    shop.undoes("Edited goal", |s| s.update_goal(id, &NewGoal { target: 60, ..goal.clone() }).unwrap());
    shop.undoes("Logged 5 on goal", |s| {
        s.add_goal_entry(id, today(), 5, "a good day").unwrap();
    });
    shop.undoes("Archived goal", |s| s.set_goal_archived(id, true).unwrap());
}

#[test]
fn notes_undo_and_the_search_follows() {
    let mut shop = shop();
    let note = NewNote::plain("Grinder settings", "Q: Espresso grind?\nA: Fine, like flour", "coffee", None, today());
    let step = shop.undoes("Added note", |s| {
        s.add_note(&note).unwrap();
    });
    assert!(step.label.ends_with("with 1 card"), "{}", step.label);
    let id = shop.store.notes(None).unwrap().into_iter().find(|n| n.title == "Grinder settings").unwrap().id;
    let found = |s: &Store| s.search("zebrafish", 10).unwrap().len();
    shop.undoes("Edited note", |s| {
        s.update_note(
            id,
            &NewNote { body: "Q: Espresso grind?\nA: Fine, zebrafish fine".into(), ..note.clone() },
            today(),
        )
        .unwrap();
    });
    assert_eq!(found(&shop.store), 1);
    shop.store.undo().unwrap();
    assert_eq!(found(&shop.store), 0, "the search forgets the undone words");
    shop.store.redo().unwrap();
    assert_eq!(found(&shop.store), 1, "and finds them again after redo");
    shop.undoes("Deleted note", |s| s.delete_note(id).unwrap());
}

#[test]
fn cards_added_and_reviewed_undo() {
    let mut shop = shop();
    shop.undoes("Added card", |s| {
        s.add_card("Best water temperature?", "92-96 °C", None, today()).unwrap();
    });
    let card = shop.store.review_queue(today(), 20).unwrap()[0];
    let step = shop.undoes("Reviewed card", |s| {
        s.grade_card(card, Grade::Good, today()).unwrap();
    });
    assert!(step.label.contains(" as good (next on "), "{}", step.label);
}

#[test]
fn motivational_items_undo_built_in_or_own() {
    let mut shop = shop();
    let quote = NewItem {
        kind: ItemKind::Quote,
        resource_kind: None,
        body: "Sell the way you like to buy.".into(),
        author: "Me".into(),
        why: String::new(),
    };
    shop.undoes("Added quote", |s| {
        s.add_item(&quote).unwrap();
    });
    let own = shop.store.items(Some(ItemKind::Quote), false).unwrap().into_iter().find(|i| !i.built_in).unwrap().id;
    shop.undoes("a favourite", |s| s.set_item_favourite(own, true).unwrap());
    shop.undoes("Hid quote", |s| s.set_item_hidden(own, true).unwrap());
    shop.undoes("Edited quote", |s| s.edit_item(own, "Sell as you would buy.", "", "").unwrap());
    shop.undoes("Deleted quote", |s| s.delete_item(own).unwrap());
    let built_in = shop.store.items(Some(ItemKind::Tip), false).unwrap()[0].id;
    shop.undoes("Deleted tip", |s| s.delete_item(built_in).unwrap());
    let book = NewItem {
        kind: ItemKind::Resource,
        resource_kind: Some(ResourceKind::Book),
        body: "SPIN Selling".into(),
        author: String::new(),
        why: String::new(),
    };
    shop.store.add_item(&book).unwrap();
    let id = shop
        .store
        .items(Some(ItemKind::Resource), false)
        .unwrap()
        .into_iter()
        .find(|i| i.body == "SPIN Selling")
        .unwrap()
        .id;
    shop.undoes("Marked resource", |s| s.set_resource_status(id, ResourceStatus::Done).unwrap());
}

#[test]
fn products_techniques_and_segment_cadences_undo() {
    let mut shop = shop();
    let product =
        NewProduct { name: "Gift box".into(), category: "gifts".into(), price_minor: 2500, ..Default::default() };
    shop.undoes("Added product", |s| {
        s.add_product(&product).unwrap();
    });
    let id = shop.store.products(false).unwrap().into_iter().find(|p| p.name == "Gift box").unwrap().id;
    shop.undoes("Edited product", |s| {
        s.update_product(id, &NewProduct { price_minor: 2900, ..product.clone() }).unwrap()
    });
    shop.undoes("Archived product", |s| s.set_product_archived(id, true).unwrap());
    shop.undoes("Added technique", |s| {
        s.add_technique(&NewTechnique { name: "Silence".into(), description: "Wait".into() }).unwrap();
    });
    let technique = shop.store.techniques(false).unwrap().into_iter().find(|t| t.name == "Silence").unwrap().id;
    shop.undoes("Renamed technique", |s| s.rename_technique(technique, "Strategic silence").unwrap());
    shop.undoes("Archived technique", |s| s.set_technique_archived(technique, true).unwrap());
    shop.undoes("segment's cadence", |s| {
        s.set_segment_cadence("Café", Cadence { ideal_days: 9, max_days: 19 }).unwrap()
    });
    shop.undoes("segment's cadence", |s| {
        s.set_segment_cadence("brand new", Cadence { ideal_days: 5, max_days: 6 }).unwrap()
    });
}

#[test]
fn loading_the_demo_undoes_to_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let mut store = Store::open(&db).unwrap();
    let empty = content(&db);
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let loaded = content(&db);
    let undone = store.undo().unwrap().unwrap();
    assert!(undone.label.starts_with("Loaded the demo data: "), "{}", undone.label);
    assert_eq!(content(&db), empty);
    assert!(!store.has_user_data().unwrap(), "the welcome screen can offer the demo again");
    store.redo().unwrap();
    assert_eq!(content(&db), loaded);
}

#[test]
fn edits_and_deletes_of_the_log_undo_with_what_they_carried() {
    let mut shop = shop();
    let customer = shop.customer(1);
    let other = shop.customer(2);
    let checks = [NewFollowup { kind: FollowupKind::CheckIn, due_on: day(2), ..followup(customer, None) }];
    let id = shop.store.log_sale(&sale(customer, 4890), &checks).unwrap();
    // Moving a sale to another customer moves its open follow-up and both last contacts.
    shop.undoes("Edited sale", |s| {
        s.update_sale(id, &NewSale { customer_id: other, amount_minor: 6000, ..sale(customer, 0) }).unwrap()
    });
    shop.undoes("Deleted sale", |s| {
        s.delete_sale(id).unwrap();
    });
    let logged = shop.store.log_interaction(&call(customer)).unwrap();
    shop.undoes("Edited call", |s| {
        s.update_interaction(logged, &NewInteraction { outcome: Outcome::Pending, ..call(customer) }).unwrap()
    });
    shop.undoes("Deleted interaction", |s| s.delete_interaction(logged).unwrap());
    let planned = shop.store.add_followup(&followup(customer, None)).unwrap();
    shop.undoes("Edited follow-up", |s| {
        let plan = salescoach::store::FollowupPlan {
            kind: FollowupKind::Quote,
            reason: "Send it".into(),
            due_on: day(4),
            due_time: None,
            recurrence: Some(Recurrence { every: 1, unit: RecurUnit::Month, from: RecurFrom::Due }),
        };
        s.update_followup(planned, &plan).unwrap()
    });
    let complaint = shop
        .store
        .open_complaint(&NewComplaint {
            customer_id: customer,
            sale_id: None,
            severity: Severity::Low,
            summary: "Noisy".into(),
            opened_on: today(),
        })
        .unwrap();
    shop.undoes("Edited complaint", |s| s.update_complaint(complaint, Severity::High, "Very noisy", None).unwrap());
    let rated = shop
        .store
        .rate(&NewScore { customer_id: customer, sale_id: None, score: 9, comment: String::new(), rated_on: today() })
        .unwrap();
    shop.undoes("Edited score", |s| s.update_score(rated.score_id, 8, "fine").unwrap());
    let card = shop.store.add_card("Front", "Back", None, today()).unwrap();
    shop.undoes("Edited card", |s| s.update_card(card, "Front", "Back, better").unwrap());
}
