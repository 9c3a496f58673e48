//! Results by demographic on a hand-built database file: every figure family's query,
//! refunds, archived customers, tags counted twice and the cadence rule.

use chrono::NaiveDate;
use salescoach::domain::cadence::{Cadence, CadenceDefaults};
use salescoach::domain::care::{NewComplaint, NewScore, Severity};
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::knowledge::NewProduct;
use salescoach::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use salescoach::domain::segments::{Dimension, GroupFigures};
use salescoach::domain::technique_groups::NONE;
use salescoach::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const DEFAULT: Cadence = Cadence { ideal_days: 30, max_days: 60 };

fn customer(store: &mut Store, name: &str, segment: &str, tags: &str) -> i64 {
    let created_on = d("2026-01-01");
    let c =
        NewCustomer { name: name.into(), segment: segment.into(), tags: tags.into(), created_on, ..Default::default() };
    store.add_customer(&c).unwrap()
}

fn sale(store: &mut Store, customer_id: i64, product_id: Option<i64>, minor: i64, on: &str) -> i64 {
    let sale = NewSale {
        customer_id,
        product_id,
        technique_id: None,
        kind: SaleKind::Sale,
        quantity: 1,
        amount_minor: minor,
        sold_on: d(on),
        note: String::new(),
        refund_of: None,
    };
    store.log_sale(&sale, &[]).unwrap()
}

fn call(store: &mut Store, customer_id: i64, outcome: Outcome, times: usize) {
    for _ in 0..times {
        let i = NewInteraction {
            customer_id,
            technique_id: None,
            product_id: None,
            kind: InteractionKind::Call,
            outcome,
            lost_reason: String::new(),
            happened_on: d("2026-11-20"),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        };
        store.log_interaction(&i).unwrap();
    }
}

fn find<'a>(groups: &'a [GroupFigures], name: &str) -> &'a GroupFigures {
    groups.iter().find(|g| g.group == name).unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn each_figure_family_is_read_per_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("segments.db")).unwrap();
    let beans = store.add_product(&NewProduct { name: "Beans".into(), ..Default::default() }).unwrap();
    let ada = customer(&mut store, "Ada", "Café", "wholesale,flagship");
    let bo = customer(&mut store, "Bo", "Café", "wholesale");
    let cy = customer(&mut store, "Cy", "Office", "");
    let di = customer(&mut store, "Di", "", "");
    let ed = customer(&mut store, "Ed", "Café", "");

    // Café: 100 + 50 - 20 refunded (Ada), 30 (Bo), 10 (Ed, archived since): 170.00 over
    // 4 sales. Office: 200.00 without a product. Di's sale is before the period.
    sale(&mut store, ada, Some(beans), 10_000, "2026-10-01");
    let second = sale(&mut store, ada, Some(beans), 5_000, "2026-11-01");
    store.refund(second, Some(2_000), None, d("2026-11-05"), "").unwrap();
    let bos = sale(&mut store, bo, Some(beans), 3_000, "2026-11-10");
    sale(&mut store, ed, None, 1_000, "2026-11-11");
    sale(&mut store, cy, None, 20_000, "2026-06-01");
    sale(&mut store, di, None, 9_999, "2025-01-01");
    store.set_customer_archived(ed, true).unwrap();
    // Café wins 8 of 10.
    call(&mut store, ada, Outcome::Won, 5);
    call(&mut store, ada, Outcome::Lost, 1);
    call(&mut store, bo, Outcome::Won, 3);
    call(&mut store, bo, Outcome::Lost, 1);
    for score in [10, 9] {
        let s = NewScore { customer_id: ada, sale_id: None, score, comment: String::new(), rated_on: d("2026-11-21") };
        store.rate(&s).unwrap();
    }
    let complaint = |customer_id, sale_id| NewComplaint {
        customer_id,
        sale_id,
        severity: Severity::Low,
        summary: "Late".into(),
        opened_on: d("2026-11-22"),
    };
    store.open_complaint(&complaint(bo, Some(bos))).unwrap();
    let fixed = store.open_complaint(&complaint(ada, None)).unwrap();
    store.resolve_complaint(fixed, d("2026-11-23"), "Sent").unwrap();

    let today = d("2026-11-27");
    let (from, to) = (d("2025-11-28"), today);
    let cadences = CadenceDefaults::only(DEFAULT);
    let groups = store.segment_figures(Dimension::Segment, from, to, today, &cadences).unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["Office", "Café", NONE]);
    let cafe = find(&groups, "Café");
    assert_eq!((cafe.customers, cafe.active_customers), (2, 2), "Ed is archived");
    assert_eq!((cafe.revenue_minor, cafe.sales, cafe.average_deal_minor), (17_000, 4, Some(4_250)));
    // 170 of 370: 459 permille; Office 200 of 370: 541.
    assert_eq!((cafe.revenue_share, find(&groups, "Office").revenue_share), (Some(459), Some(541)));
    assert_eq!((cafe.decided, cafe.won), (10, 8));
    let w = cafe.win_rate.value.unwrap();
    assert!((w.low - 0.4902).abs() < 0.00005 && (w.high - 0.9433).abs() < 0.00005, "{w:?}");
    assert_eq!((cafe.nps.value, cafe.nps.cases), (None, 2));
    assert_eq!(cafe.open_complaints, 1, "the resolved one is not open");
    // Ada bought on two days, Bo and Ed (who bought before leaving) on one: 3 buyers, too
    // few for a rate.
    assert_eq!((cafe.repeat_rate.value, cafe.repeat_rate.cases), (None, 3));
    let none = find(&groups, NONE);
    assert_eq!((none.customers, none.active_customers, none.revenue_minor), (1, 0, 0));
    // Di has not been in touch since 2025-01-01: past the 60-day maximum.
    assert_eq!((none.past_max_gap.cases, none.past_max_gap.value), (1, None));

    let tags = store.segment_figures(Dimension::Tag, from, to, today, &cadences).unwrap();
    let wholesale = find(&tags, "wholesale");
    assert_eq!((wholesale.customers, wholesale.revenue_minor), (2, 16_000));
    assert_eq!(find(&tags, "flagship").revenue_minor, 13_000, "Ada counts in both");
    assert_eq!(find(&tags, NONE).customers, 2, "Cy and Di; Ed is archived");

    let products = store.segment_figures(Dimension::Product, from, to, today, &cadences).unwrap();
    let names: Vec<&str> = products.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["Beans", NONE]);
    let bought = &products[0];
    assert_eq!((bought.customers, bought.revenue_minor, bought.sales), (2, 16_000, 3));
    assert_eq!(bought.open_complaints, 1, "Bo's complaint names a Beans sale");
    assert_eq!(products[1].revenue_minor, 21_000);
}
