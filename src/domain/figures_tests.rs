use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn medians() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [5]), Some(5));
    assert_eq!(median(&mut [9, 1, 5]), Some(5));
    assert_eq!(median(&mut [1, 2, 3, 10]), Some(2)); // (2 + 3) / 2 = 2.5, rounded down
    assert_eq!(median(&mut [4, 8]), Some(6));
}

#[test]
fn repeat_business() {
    // Customer 1 bought 3 times, 2 once, 3 twice: 2 of 3 repeat = 66.7%.
    let purchases = [
        (1, d("2026-01-10")),
        (1, d("2026-03-10")),
        (1, d("2026-04-09")),
        (2, d("2026-02-01")),
        (3, d("2026-05-01")),
        (3, d("2026-05-11")),
    ];
    assert_eq!(repeat_business_rate(&purchases), Some(667));
    // Gaps: 1 -> 59 and 30 days; 3 -> 10 days. Median of [10, 30, 59] = 30.
    assert_eq!(median_days_to_reorder(&purchases), Some(30));
    assert_eq!(repeat_business_rate(&[]), None);
    assert_eq!(median_days_to_reorder(&[(1, d("2026-01-01"))]), None);
    // Two sales on one day are one purchase day.
    assert_eq!(median_days_to_reorder(&[(1, d("2026-01-01")), (1, d("2026-01-01")), (1, d("2026-01-05"))]), Some(4));
}

#[test]
fn net_promoter_score() {
    // 10, 9, 9 promoters; 8, 7 passive; 6, 0 detractors: (3 - 2) / 7 = 14.3 -> 14.
    let n = nps(&[10, 9, 9, 8, 7, 6, 0]).unwrap();
    assert_eq!((n.promoters, n.passives, n.detractors, n.score), (3, 2, 2, 14));
    assert_eq!(nps(&[0, 6, 10]).unwrap().score, -33); // (1 - 2) / 3 = -33.3
    assert_eq!(nps(&[3, 3]).unwrap().score, -100);
    assert_eq!(nps(&[9, 6]).unwrap().score, 0);
    assert_eq!(nps(&[]), None);
    assert_eq!(average_score_tenths(&[10, 9, 9, 8, 7, 6, 0]), Some(70)); // 49 / 7 = 7.0
    assert_eq!(average_score_tenths(&[8, 9]), Some(85));
    assert_eq!(average_score_tenths(&[]), None);
}

fn complaint(customer: i64, opened: &str, response: Option<&str>, resolved: Option<&str>) -> ComplaintDates {
    ComplaintDates {
        customer_id: customer,
        opened: d(opened),
        first_response: response.map(d),
        resolved: resolved.map(d),
    }
}

#[test]
fn complaint_handling() {
    let list = [
        complaint(1, "2026-10-01", Some("2026-10-02"), Some("2026-10-05")),
        complaint(2, "2026-10-10", Some("2026-10-10"), None),
        complaint(3, "2026-10-20", Some("2026-10-23"), Some("2026-10-30")),
        complaint(1, "2026-11-01", None, None),
    ];
    // Responses: 1, 0, 3 days -> median 1. Resolutions: 4, 10 -> median 7.
    assert_eq!(median_days_to_first_response(&list), Some(1));
    assert_eq!(median_days_to_resolve(&list), Some(7));
    let purchases = [
        (1, d("2026-10-01")), // same day as the complaint: not "again"
        (1, d("2027-03-30")), // 180 days after Oct 1: counts
        (2, d("2027-04-09")), // 181 days after Oct 10: too late
        (3, d("2026-10-21")),
    ];
    // Complainants 1, 2, 3; bought again: 1 and 3 -> 66.7%.
    // Looking back from mid-2027, every 180-day window has closed.
    let later = d("2027-06-01");
    assert_eq!(complainants_who_bought_again(&list, &purchases, later), Some(667));
    assert_eq!(complainants_who_bought_again(&[], &purchases, later), None);
    // On 2026-11-27 complainant 2 (no purchase yet, window open) is left out: 2 of 2.
    assert_eq!(complainants_who_bought_again(&list, &purchases, d("2026-11-27")), Some(1000));
    assert_eq!(median_days_to_resolve(&[complaint(1, "2026-10-01", None, None)]), None);
}

#[test]
fn follow_up_discipline() {
    let week_start = d("2026-11-23");
    let today = d("2026-11-27");
    let f = |due: &str, done: Option<&str>| FollowupDates { due: d(due), completed: done.map(d) };
    let list = [
        f("2026-11-23", Some("2026-11-23")), // on time
        f("2026-11-24", Some("2026-11-26")), // late
        f("2026-11-25", None),               // still open
        f("2026-11-27", Some("2026-11-26")), // early
        f("2026-11-20", Some("2026-11-20")), // last week: left out
        f("2026-11-28", None),               // tomorrow: left out
    ];
    assert_eq!(done_on_time(&list, week_start, today), Some(500)); // 2 of 4
    assert_eq!(done_on_time(&[], week_start, today), None);
    let open = [d("2026-11-20"), d("2026-11-26"), d("2026-11-27"), d("2026-11-17")];
    // Overdue: 7, 1, 10 days -> median 7 (today's is not overdue).
    assert_eq!(median_days_overdue(&open, today), Some(7));
    assert_eq!(median_days_overdue(&[today], today), None);
    assert_eq!(show_permille(Some(667)), "66.7%");
    assert_eq!(show_permille(None), "n/a");
    assert_eq!(show_permille(Some(-15)), "-1.5%");
}

#[test]
fn figures_read_as_fractions_and_decimals_for_scripts() {
    assert_eq!(permille_as_fraction(Some(885)), Some(0.885));
    assert_eq!(permille_as_fraction(Some(1000)), Some(1.0));
    assert_eq!(permille_as_fraction(None), None);
    assert_eq!(tenths_as_decimal(Some(85)), Some(8.5));
    assert_eq!(tenths_as_decimal(None), None);
    // In JSON they print as a person would write them.
    assert_eq!(serde_json::to_string(&permille_as_fraction(Some(885))).unwrap(), "0.885");
    assert_eq!(serde_json::to_string(&tenths_as_decimal(Some(85))).unwrap(), "8.5");
    assert_eq!(serde_json::to_string(&permille_as_fraction(Some(3))).unwrap(), "0.003");
}
