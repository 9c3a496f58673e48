//! Editing and deleting what was logged, on a real database file: refunds stay within
//! their sale, the last contact follows the log, a deleted sale takes its open post-sale
//! follow-ups, and only open follow-ups change their plan.

use chrono::NaiveDate;
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::followup::{FollowupKind, FollowupStatus, NewFollowup, RecurFrom, RecurUnit, Recurrence};
use salescoach::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use salescoach::store::{FollowupPlan, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn world() -> (tempfile::TempDir, Store, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("edits.db")).unwrap();
    let ada = store
        .add_customer(&NewCustomer { name: "Ada".into(), created_on: d("2026-11-01"), ..Default::default() })
        .unwrap();
    let bo = store
        .add_customer(&NewCustomer { name: "Bo".into(), created_on: d("2026-11-02"), ..Default::default() })
        .unwrap();
    (dir, store, ada, bo)
}

fn sale(customer_id: i64, amount_minor: i64, on: &str) -> NewSale {
    NewSale {
        customer_id,
        product_id: None,
        technique_id: None,
        kind: SaleKind::Sale,
        quantity: 2,
        amount_minor,
        sold_on: d(on),
        note: String::new(),
        refund_of: None,
    }
}

fn followup(customer_id: i64, due: &str) -> NewFollowup {
    NewFollowup {
        customer_id,
        kind: FollowupKind::CheckIn,
        reason: "How is it going?".into(),
        due_on: d(due),
        due_time: None,
        recurrence: None,
        sale_id: None,
        complaint_id: None,
        created_on: d("2026-11-20"),
    }
}

#[test]
fn a_sale_edit_moves_revenue_and_keeps_its_refunds_true() {
    let (_dir, mut s, ada, bo) = world();
    let id = s.log_sale(&sale(ada, 10_000, "2026-11-20"), &[]).unwrap();
    let refund = s.refund(id, Some(3_000), Some(1), d("2026-11-22"), "chipped").unwrap();
    let mut edited = s.sale_record(id).unwrap();
    edited.amount_minor = 12_500;
    edited.note = "two grinders".into();
    s.update_sale(id, &edited).unwrap();
    assert_eq!(s.sale_record(id).unwrap(), edited);
    // Below what was refunded, after the refund, fewer units than returned: refused, unchanged.
    for (change, field) in [
        (NewSale { amount_minor: 2_999, ..edited.clone() }, "amount"),
        (NewSale { sold_on: d("2026-11-23"), ..edited.clone() }, "date"),
        (NewSale { quantity: 0, ..edited.clone() }, "quantity"),
    ] {
        let err = s.update_sale(id, &change).unwrap_err();
        let err = err.downcast_ref::<salescoach::domain::FieldError>().unwrap_or_else(|| panic!("{err:#}"));
        assert_eq!(err.field, field, "{err}");
    }
    assert_eq!(s.sale_record(id).unwrap(), edited);
    // The refund: within what is left (12,500 paid), not before the sale, not another customer.
    let mut r = s.sale_record(refund).unwrap();
    r.amount_minor = 12_500;
    s.update_sale(refund, &r).unwrap();
    r.amount_minor = 12_501;
    assert!(s.update_sale(refund, &r).is_err());
    r.amount_minor = 1_000;
    r.sold_on = d("2026-11-19");
    assert!(s.update_sale(refund, &r).is_err());
    r.sold_on = d("2026-11-22");
    r.customer_id = bo;
    assert!(s.update_sale(refund, &r).is_err());
    // Moving the sale to Bo takes its refund with it; Ada's last contact falls back.
    let moved = NewSale { customer_id: bo, ..edited };
    s.update_sale(id, &moved).unwrap();
    assert_eq!(s.sale_record(refund).unwrap().customer_id, bo);
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-01"), "back to the day Ada was added");
    assert_eq!(s.customer(bo).unwrap().last_contact_on, d("2026-11-22"), "the refund is Bo's latest");
}

#[test]
fn deleting_a_sale_takes_its_open_follow_ups_and_refuses_while_refunded() {
    let (_dir, mut s, ada, _bo) = world();
    let early = s.log_sale(&sale(ada, 5_000, "2026-11-10"), &[]).unwrap();
    let late = s
        .log_sale(&sale(ada, 8_000, "2026-11-20"), &[followup(ada, "2026-11-22"), followup(ada, "2026-12-20")])
        .unwrap();
    let refund = s.refund(late, None, None, d("2026-11-21"), "").unwrap();
    let err = s.delete_sale(late).unwrap_err().to_string();
    assert!(err.contains(&format!("sale #{late} has refund #{refund}; delete the refund first")), "{err}");
    s.delete_sale(refund).unwrap();
    // One post-sale check was done already: it stays, as history.
    let open: Vec<i64> = s.open_followups_on(d("2026-11-22"), 0, 10).unwrap().iter().map(|f| f.id).collect();
    s.complete_followup(open[0], d("2026-11-22"), None, None).unwrap();
    let deleted = s.delete_sale(late).unwrap();
    assert_eq!((deleted.customer.as_str(), deleted.amount_minor, deleted.open_followups_removed), ("Ada", 8_000, 1));
    assert_eq!(s.followup(open[0]).unwrap().status, FollowupStatus::Done);
    assert!(s.open_followups_on(d("2026-12-20"), 0, 10).unwrap().is_empty());
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-10"), "the earlier sale is the last contact now");
    assert!(s.sale_record(late).is_err());
    assert!(s.delete_sale(late).unwrap_err().to_string().contains(&format!("there is no sale #{late}")));
    s.delete_sale(early).unwrap();
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-01"));
}

#[test]
fn an_interaction_edit_or_delete_moves_the_last_contact() {
    let (_dir, mut s, ada, bo) = world();
    let call = NewInteraction {
        customer_id: ada,
        technique_id: None,
        product_id: None,
        kind: InteractionKind::Call,
        outcome: Outcome::Pending,
        lost_reason: String::new(),
        happened_on: d("2026-11-25"),
        note: String::new(),
        objections: Vec::new(),
        response: String::new(),
    };
    let id = s.log_interaction(&call).unwrap();
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-25"));
    let lost = NewInteraction {
        outcome: Outcome::Lost,
        lost_reason: "price".into(),
        happened_on: d("2026-11-24"),
        ..call.clone()
    };
    s.update_interaction(id, &lost).unwrap();
    assert_eq!(s.interaction_record(id).unwrap(), lost);
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-24"), "an earlier date moves the clock back");
    let bad = NewInteraction { outcome: Outcome::Won, ..lost.clone() };
    assert_eq!(
        s.update_interaction(id, &bad).unwrap_err().downcast_ref::<salescoach::domain::FieldError>().unwrap().field,
        "lost reason"
    );
    s.update_interaction(id, &NewInteraction { customer_id: bo, ..lost }).unwrap();
    assert_eq!(s.customer(ada).unwrap().last_contact_on, d("2026-11-01"));
    assert_eq!(s.customer(bo).unwrap().last_contact_on, d("2026-11-24"));
    s.delete_interaction(id).unwrap();
    assert_eq!(s.customer(bo).unwrap().last_contact_on, d("2026-11-02"));
    assert!(s.delete_interaction(id).is_err());
}

#[test]
fn only_an_open_follow_up_changes_its_plan() {
    let (_dir, mut s, ada, _bo) = world();
    let id = s.add_followup(&followup(ada, "2026-11-28")).unwrap();
    let plan = FollowupPlan {
        kind: FollowupKind::Quote,
        reason: "Send the quote".into(),
        due_on: d("2026-12-03"),
        due_time: Some(chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap()),
        recurrence: Some(Recurrence { every: 2, unit: RecurUnit::Week, from: RecurFrom::Completion }),
    };
    s.update_followup(id, &plan).unwrap();
    let f = s.followup(id).unwrap();
    assert_eq!(
        (f.kind, f.reason.as_str(), f.due_on, f.due_time.as_deref()),
        (FollowupKind::Quote, "Send the quote", d("2026-12-03"), Some("09:30"))
    );
    assert_eq!(f.recurrence, plan.recurrence);
    let once = FollowupPlan { recurrence: None, due_time: None, ..plan.clone() };
    s.update_followup(id, &once).unwrap();
    assert_eq!((s.followup(id).unwrap().recurrence, s.followup(id).unwrap().due_time), (None, None));
    let silly = FollowupPlan {
        recurrence: Some(Recurrence { every: 0, unit: RecurUnit::Day, from: RecurFrom::Due }),
        ..plan.clone()
    };
    assert!(s.update_followup(id, &silly).is_err());
    s.cancel_followup(id, d("2026-11-28")).unwrap();
    let err = s.update_followup(id, &plan).unwrap_err().to_string();
    assert!(err.contains("is cancelled; reopen it"), "{err}");
}

#[test]
fn a_snapshot_reads_the_same_rows_twice_while_another_window_writes() {
    let (dir, mut store, ada, _bo) = world();
    store.log_sale(&sale(ada, 1_000, "2026-11-20"), &[]).unwrap();
    let mut other = Store::open(&dir.path().join("edits.db")).unwrap();
    let all = salescoach::store::SaleFilter::default();
    let (before, after) = store
        .in_snapshot(|s| {
            let before = s.sales(&all)?.len();
            other.log_sale(&sale(ada, 2_000, "2026-11-21"), &[])?;
            Ok((before, s.sales(&all)?.len()))
        })
        .unwrap();
    assert_eq!((before, after), (1, 1), "the second read sees the first one's snapshot");
    assert_eq!(store.sales(&all).unwrap().len(), 2, "and the write is there after it");
}
