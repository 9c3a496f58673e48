//! Goal progress from the store against the pure engine, on a real database file.

use chrono::NaiveDate;
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::goal::{Metric, NewGoal, WorkingDays};
use salescoach::domain::pace;
use salescoach::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use salescoach::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn goal(metric: Metric, target: i64) -> NewGoal {
    NewGoal {
        title: format!("{metric:?}"),
        metric,
        unit: String::new(),
        target,
        start_on: d("2026-12-01"),
        deadline_on: d("2026-12-31"),
        working_days: WorkingDays::default(),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("goals.db")).unwrap();
    let customer = |name: &str| NewCustomer { name: name.into(), created_on: d("2026-01-01"), ..Default::default() };
    let (old, new_a, new_b) = store
        .write_unrecorded(|tx| {
            use salescoach::store::records::insert_customer;
            Ok((
                insert_customer(tx, &customer("Old")).unwrap(),
                insert_customer(tx, &customer("A")).unwrap(),
                insert_customer(tx, &customer("B")).unwrap(),
            ))
        })
        .unwrap();
    let sale = |customer_id, amount, quantity, on: &str| NewSale {
        customer_id,
        product_id: None,
        technique_id: None,
        kind: SaleKind::Sale,
        quantity,
        amount_minor: amount,
        sold_on: d(on),
        note: String::new(),
        refund_of: None,
    };
    // Old bought before the window: not a new customer when they buy again in it.
    store.log_sale(&sale(old, 50_000, 1, "2026-11-20"), &[]).unwrap();
    store.log_sale(&sale(old, 120_000, 2, "2026-12-02"), &[]).unwrap();
    // A buys twice on their first day: one new customer.
    store.log_sale(&sale(new_a, 30_000, 3, "2026-12-03"), &[]).unwrap();
    store.log_sale(&sale(new_a, 10_000, 1, "2026-12-03"), &[]).unwrap();
    let refunded = store.log_sale(&sale(new_b, 80_000, 4, "2026-12-05"), &[]).unwrap();
    store.refund(refunded, Some(20_000), Some(1), d("2026-12-08"), "one unit back").unwrap();
    // After the window: ignored.
    store.log_sale(&sale(new_b, 99_000, 1, "2027-01-04"), &[]).unwrap();
    for (on, kind) in [
        ("2026-12-01", InteractionKind::Call),
        ("2026-12-01", InteractionKind::Email),
        ("2026-12-06", InteractionKind::Visit),
        ("2026-11-30", InteractionKind::Call),
    ] {
        store
            .log_interaction(&NewInteraction {
                customer_id: new_a,
                technique_id: None,
                product_id: None,
                kind,
                outcome: Outcome::None,
                lost_reason: String::new(),
                happened_on: d(on),
                note: String::new(),
                objections: Vec::new(),
                response: String::new(),
            })
            .unwrap();
    }
    Fixture { _dir: dir, store }
}

#[test]
fn each_metric_sums_the_log_like_the_hand_built_rows() {
    let mut f = fixture();
    let today = d("2026-12-09");
    type Case = (Metric, i64, Vec<(&'static str, i64)>);
    let cases: [Case; 5] = [
        (
            Metric::Revenue,
            1_000_000,
            vec![("2026-12-02", 120_000), ("2026-12-03", 40_000), ("2026-12-05", 80_000), ("2026-12-08", -20_000)],
        ),
        (Metric::Units, 40, vec![("2026-12-02", 2), ("2026-12-03", 4), ("2026-12-05", 4), ("2026-12-08", -1)]),
        (Metric::Deals, 20, vec![("2026-12-02", 1), ("2026-12-03", 2), ("2026-12-05", 1)]),
        (Metric::NewCustomers, 5, vec![("2026-12-03", 1), ("2026-12-05", 1)]),
        (Metric::Contacts, 30, vec![("2026-12-01", 2), ("2026-12-06", 1)]),
    ];
    for (metric, target, expected_rows) in cases {
        let id = f.store.add_goal(&goal(metric, target)).unwrap();
        let stored = f.store.goal(id).unwrap();
        let mut daily = f.store.goal_daily(&stored).unwrap();
        daily.sort();
        let expected: Vec<(NaiveDate, i64)> = expected_rows.iter().map(|(s, a)| (d(s), *a)).collect();
        assert_eq!(daily, expected, "{metric:?}");
        assert_eq!(
            pace::compute(&stored.window(), &daily, today),
            pace::compute(&stored.window(), &expected, today),
            "{metric:?}"
        );
    }
}

#[test]
fn custom_goals_take_manual_entries_and_derived_goals_refuse_them() {
    let mut f = fixture();
    let custom = f.store.add_goal(&NewGoal { unit: "demos".into(), ..goal(Metric::Custom, 12) }).unwrap();
    f.store.add_goal_entry(custom, d("2026-12-02"), 3, "").unwrap();
    f.store.add_goal_entry(custom, d("2026-12-02"), 2, "").unwrap();
    f.store.add_goal_entry(custom, d("2026-12-04"), -1, "correction").unwrap();
    let stored = f.store.goal(custom).unwrap();
    let mut daily = f.store.goal_daily(&stored).unwrap();
    daily.sort();
    assert_eq!(daily, vec![(d("2026-12-02"), 5), (d("2026-12-04"), -1)]);

    let revenue = f.store.add_goal(&goal(Metric::Revenue, 100)).unwrap();
    let err = f.store.add_goal_entry(revenue, d("2026-12-02"), 5, "").unwrap_err();
    assert!(format!("{err:#}").contains("manual entries are for custom goals"));
    let revenue_goal = f.store.goal(revenue).unwrap();
    let sum: i64 = f.store.goal_daily(&revenue_goal).unwrap().iter().map(|(_, a)| a).sum();
    assert_eq!(sum, 220_000, "the refused entry left the revenue figures alone");
}

#[test]
fn invalid_goals_are_refused_and_nothing_is_written() {
    let mut f = fixture();
    let bad = [
        (NewGoal { target: 0, ..goal(Metric::Revenue, 1) }, "target"),
        (NewGoal { target: -10, ..goal(Metric::Units, 1) }, "target"),
        (NewGoal { deadline_on: d("2026-11-30"), ..goal(Metric::Deals, 5) }, "deadline"),
        (NewGoal { title: "  ".into(), ..goal(Metric::Deals, 5) }, "title"),
    ];
    for (g, field) in bad {
        let err = format!("{:#}", f.store.add_goal(&g).unwrap_err());
        assert!(err.starts_with(field), "{err}");
    }
    assert!(f.store.goals(true).unwrap().is_empty());
}

#[test]
fn editing_keeps_the_metric_and_archiving_keeps_history() {
    let mut f = fixture();
    let id = f.store.add_goal(&goal(Metric::Revenue, 100)).unwrap();
    f.store.update_goal(id, &NewGoal { target: 500, title: "Bigger".into(), ..goal(Metric::Revenue, 1) }).unwrap();
    let g = f.store.goal(id).unwrap();
    assert_eq!((g.target, g.title.as_str()), (500, "Bigger"));
    assert!(f.store.update_goal(id, &goal(Metric::Units, 5)).is_err());
    f.store.set_goal_archived(id, true).unwrap();
    assert!(f.store.goals(false).unwrap().is_empty());
    assert_eq!(f.store.goals(true).unwrap().len(), 1);
}

#[test]
fn refunds_are_bounded_by_what_was_paid() {
    let mut f = fixture();
    let sales = f.store.sales(&Default::default()).unwrap();
    let refund = sales.iter().find(|s| s.kind == SaleKind::Refund).unwrap();
    let original = refund.refund_of.unwrap();
    // 80,000 paid, 20,000 already refunded.
    assert!(f.store.refund(original, Some(60_001), None, d("2026-12-09"), "").is_err());
    assert!(f.store.refund(refund.id, None, None, d("2026-12-09"), "").is_err(), "a refund of a refund");
    assert!(f.store.refund(original, Some(1), None, d("2026-12-04"), "").is_err(), "before the sale");
    f.store.refund(original, None, None, d("2026-12-09"), "the rest").unwrap();
    let total: i64 = f
        .store
        .sales(&Default::default())
        .unwrap()
        .iter()
        .filter(|s| s.refund_of == Some(original))
        .map(|s| s.amount_minor)
        .sum();
    assert_eq!(total, 80_000);
}
