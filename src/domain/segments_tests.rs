use super::*;
use crate::domain::segments_text::show_win_rate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn customer(id: i64, key: &str, past_max_gap: bool) -> CustomerFacts {
    CustomerFacts { customer_id: id, key: key.into(), past_max_gap }
}

fn sale(key: &str, customer_id: i64, day: &str, sales: u64, net_minor: i64) -> SaleDay {
    SaleDay { key: key.into(), customer_id, day: d(day), sales, net_minor }
}

fn contacts(key: &str, customer_id: i64, won: u64, lost: u64) -> Contacts {
    Contacts { key: key.into(), customer_id, interactions: won + lost, won, lost }
}

fn find<'a>(groups: &'a [GroupFigures], name: &str) -> &'a GroupFigures {
    groups.iter().find(|g| g.group == name).unwrap_or_else(|| panic!("no {name} in {groups:?}"))
}

#[test]
fn an_empty_segment_has_its_customers_and_too_few_of_everything() {
    let inputs = SegmentInputs {
        customers: vec![customer(1, "Retail", true), customer(2, "Café", false)],
        sales: vec![sale("Café", 2, "2026-11-01", 1, 5000)],
        ..Default::default()
    };
    let groups = group_figures(Dimension::Segment, &inputs);
    let retail = find(&groups, "Retail");
    assert_eq!((retail.customers, retail.active_customers, retail.revenue_minor), (1, 0, 0));
    assert_eq!((retail.revenue_share, retail.sales, retail.average_deal_minor), (Some(0), 0, None));
    assert_eq!(retail.win_rate.show(show_win_rate), "too few (0)");
    assert_eq!(retail.nps.show(|n| n.to_string()), "too few (0)");
    // One customer of one past the gap is a share of one case: held back.
    assert_eq!((retail.past_max_gap.value, retail.past_max_gap.cases), (None, 1));
    assert_eq!(groups[0].group, "Café", "highest revenue first");
}

#[test]
fn a_one_case_row_says_too_few() {
    let inputs = SegmentInputs {
        customers: vec![customer(1, "Office", false)],
        contacts: vec![contacts("Office", 1, 1, 0)],
        scores: vec![("Office".into(), 10)],
        ..Default::default()
    };
    let office = &group_figures(Dimension::Segment, &inputs)[0];
    assert_eq!((office.decided, office.won, office.active_customers), (1, 1, 1));
    assert_eq!(office.win_rate.value, None);
    assert_eq!(office.win_rate.show(show_win_rate), "too few (1)");
    assert_eq!(office.nps.show(|n| n.to_string()), "too few (1)");
    assert_eq!(office.revenue_share, None, "no revenue at all: no share");
}

#[test]
fn refunds_reduce_revenue_and_the_average_deal() {
    // 100.00 and 50.00 sold, 25.00 refunded: 125.00 net over 2 sales, 62.50 each.
    let inputs = SegmentInputs {
        customers: vec![customer(1, "Café", false)],
        sales: vec![sale("Café", 1, "2026-10-01", 1, 10_000), sale("Café", 1, "2026-10-05", 1, 5_000 - 2_500)],
        ..Default::default()
    };
    let cafe = &group_figures(Dimension::Segment, &inputs)[0];
    assert_eq!((cafe.revenue_minor, cafe.sales, cafe.average_deal_minor), (12_500, 2, Some(6_250)));
    assert_eq!(cafe.revenue_share, Some(1000));
    // A refund-only day is revenue but not a purchase: it does not make a customer active.
    let refund_only = SegmentInputs {
        customers: vec![customer(1, "Café", false)],
        sales: vec![sale("Café", 1, "2026-10-01", 0, -2_500)],
        ..Default::default()
    };
    let cafe = &group_figures(Dimension::Segment, &refund_only)[0];
    assert_eq!((cafe.revenue_minor, cafe.active_customers, cafe.revenue_share), (-2_500, 0, None));
}

#[test]
fn shares_of_revenue_add_up_to_the_whole() {
    let inputs = SegmentInputs {
        sales: vec![
            sale("A", 1, "2026-10-01", 1, 1_000),
            sale("B", 2, "2026-10-01", 1, 1_000),
            sale("C", 3, "2026-10-01", 1, 1_000),
            sale("D", 4, "2026-10-01", 1, 7_000),
        ],
        ..Default::default()
    };
    let groups = group_figures(Dimension::Region, &inputs);
    let shares: Vec<i64> = groups.iter().map(|g| g.revenue_share.unwrap()).collect();
    assert_eq!(shares, [700, 100, 100, 100]);
    assert_eq!(shares.iter().sum::<i64>(), 1000);
    // Thirds round to 333 each: the sum is off by at most one per group.
    let thirds = SegmentInputs { sales: inputs.sales[..3].to_vec(), ..Default::default() };
    let sum: i64 = group_figures(Dimension::Region, &thirds).iter().map(|g| g.revenue_share.unwrap()).sum();
    assert_eq!(sum, 999);
}

#[test]
fn a_customer_with_two_tags_counts_in_both() {
    let inputs = SegmentInputs {
        customers: vec![customer(1, "wholesale, flagship", false), customer(2, "wholesale,Wholesale", false)],
        sales: vec![
            sale("wholesale, flagship", 1, "2026-10-01", 1, 10_000),
            sale("wholesale", 2, "2026-10-02", 1, 5_000),
        ],
        ..Default::default()
    };
    let groups = group_figures(Dimension::Tag, &inputs);
    let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["wholesale", "flagship"]);
    assert_eq!((groups[0].customers, groups[0].revenue_minor, groups[0].revenue_share), (2, 15_000, Some(1000)));
    assert_eq!((groups[1].customers, groups[1].revenue_minor, groups[1].revenue_share), (1, 10_000, Some(667)));
    assert!(footnotes(Dimension::Tag).iter().any(|n| n.contains("counts in both")));
    assert_eq!(groups_of(Dimension::Tag, " a , ,b"), ["a", "b"]);
    assert_eq!(groups_of(Dimension::Segment, "Big, small"), ["Big, small"], "only tags are lists");
}

#[test]
fn customers_without_the_field_get_the_none_row_last() {
    let inputs = SegmentInputs {
        customers: vec![customer(1, "", false), customer(2, "Café", false), customer(3, "  ", false)],
        sales: vec![sale("", 1, "2026-10-01", 1, 90_000), sale("Café", 2, "2026-10-01", 1, 10_000)],
        open_complaints: vec![("".into(), 2)],
        ..Default::default()
    };
    let groups = group_figures(Dimension::Industry, &inputs);
    let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["Café", NONE]);
    let none = &groups[1];
    assert_eq!((none.customers, none.active_customers, none.open_complaints, none.revenue_share), (2, 1, 2, Some(900)));
    assert!(footnotes(Dimension::Industry)[0].contains("current industry"));
}

#[test]
fn the_win_rate_carries_its_wilson_interval_from_ten_cases() {
    let mut inputs = SegmentInputs { contacts: vec![contacts("Café", 1, 8, 2)], ..Default::default() };
    let w = group_figures(Dimension::Segment, &inputs)[0].win_rate.value.unwrap();
    // Wilson 95% for 8 of 10: 0.4902-0.9433 (Newcombe 1998, method 3).
    assert!((w.rate - 0.8).abs() < 1e-12);
    assert!((w.low - 0.4902).abs() < 0.00005 && (w.high - 0.9433).abs() < 0.00005, "{w:?}");
    assert_eq!(show_win_rate(&w), "80% (49-94%)");
    inputs.contacts = vec![contacts("Café", 1, 8, 1)];
    let nine = &group_figures(Dimension::Segment, &inputs)[0];
    assert_eq!((nine.win_rate.value, nine.win_rate.show(show_win_rate)), (None, "too few (9)".to_string()));
}

#[test]
fn loyalty_satisfaction_and_cadence_from_five_cases() {
    // Buyers 1-5; 1 and 2 come back after 10 and 30 days, 3 twice (20, 40): gaps 10, 30,
    // 20, 40 are four, too few for a median; a sixth buyer's 15-day gap makes five: 20.
    let mut sales = vec![
        sale("Café", 1, "2026-01-01", 1, 100),
        sale("Café", 1, "2026-01-11", 1, 100),
        sale("Café", 2, "2026-01-01", 1, 100),
        sale("Café", 2, "2026-01-31", 2, 200),
        sale("Café", 3, "2026-01-01", 1, 100),
        sale("Café", 3, "2026-01-21", 1, 100),
        sale("Café", 3, "2026-03-02", 1, 100),
        sale("Café", 4, "2026-01-01", 1, 100),
        sale("Café", 5, "2026-01-01", 1, 100),
    ];
    let customers: Vec<CustomerFacts> = (1..=5).map(|id| customer(id, "Café", id <= 2)).collect();
    let scores = [10, 9, 9, 7, 3].map(|s| ("Café".to_string(), s)).to_vec();
    let mut inputs = SegmentInputs { customers, sales: sales.clone(), scores, ..Default::default() };
    let cafe = group_figures(Dimension::Segment, &inputs)[0].clone();
    assert_eq!((cafe.repeat_rate.value, cafe.repeat_rate.cases), (Some(600), 5));
    assert_eq!((cafe.median_days_to_reorder.value, cafe.median_days_to_reorder.cases), (None, 4));
    // 3 promoters, 1 detractor of 5: (3 - 1) / 5 = +40.
    assert_eq!((cafe.nps.value, cafe.nps.cases), (Some(40), 5));
    assert_eq!((cafe.past_max_gap.value, cafe.past_max_gap.cases), (Some(400), 5));
    assert_eq!(cafe.sales, 10);
    sales.push(sale("Café", 6, "2026-02-01", 1, 100));
    sales.push(sale("Café", 6, "2026-02-16", 1, 100));
    inputs.sales = sales;
    let cafe = group_figures(Dimension::Segment, &inputs)[0].clone();
    assert_eq!(cafe.median_days_to_reorder.value, Some(20));
    // Buyer 6 is no customer of the business now (archived): in the revenue, not the count.
    assert_eq!((cafe.customers, cafe.active_customers), (5, 5));
}

#[test]
fn by_product_the_customers_are_its_buyers() {
    let inputs = SegmentInputs {
        customers: vec![customer(1, "", true), customer(2, "", false)],
        sales: vec![
            sale("Beans", 1, "2026-10-01", 1, 4_000),
            sale("Beans", 2, "2026-10-01", 1, 4_000),
            sale("", 2, "2026-10-02", 1, 2_000),
        ],
        contacts: vec![contacts("Grinder", 1, 0, 1)],
        ..Default::default()
    };
    let groups = group_figures(Dimension::Product, &inputs);
    let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["Beans", "Grinder", NONE]);
    assert_eq!((groups[0].customers, groups[0].active_customers, groups[0].past_max_gap.cases), (2, 2, 2));
    // Talked about, never bought: active, but nobody is its customer yet.
    assert_eq!((groups[1].customers, groups[1].active_customers, groups[1].decided), (0, 1, 1));
    assert!(footnotes(Dimension::Product)[0].contains("bought it"));
}

#[test]
fn dimensions_cycle_and_parse() {
    assert_eq!(Dimension::Segment.next(), Dimension::Industry);
    assert_eq!(Dimension::Product.next(), Dimension::Segment);
    assert_eq!(Dimension::parse("TAG"), Ok(Dimension::Tag));
    assert_eq!(Dimension::parse("city").unwrap_err(), "'city' is not one of: segment, industry, region, tag, product");
    assert_eq!(default_period(d("2026-11-27")), (d("2025-11-28"), d("2026-11-27")));
}
