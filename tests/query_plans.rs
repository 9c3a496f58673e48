//! Every hot query walks an index: no full scan of a large table, no sort of a large set.

mod common;

use common::scans_a_table;
use salescoach::store::Store;

/// Each hot query's plan on one line, found by the query's name.
fn plan_texts() -> impl Fn(&str) -> String {
    let plans = Store::open_in_memory().unwrap().query_plans().unwrap();
    move |name| plans.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no hot query {name}")).lines.join(" | ")
}

#[test]
fn hot_queries_use_indexes() {
    let store = Store::open_in_memory().unwrap();
    let plans = store.query_plans().unwrap();
    assert!(plans.len() >= 10);
    for plan in plans {
        let text = plan.lines.join(" | ");
        let name = &plan.name;
        let indexed = ["USING INDEX", "USING COVERING INDEX", "USING PRIMARY KEY"].iter().any(|u| text.contains(u));
        assert!(indexed, "{name}: {text}");
        for line in &plan.lines {
            assert!(!scans_a_table(line, &plan.lines), "{name} scans without an index: {text}");
        }
        if !plan.sorts_a_few {
            assert!(!text.contains("USE TEMP B-TREE FOR ORDER BY"), "{name} sorts in memory: {text}");
        }
    }
}

#[test]
fn stay_in_touch_walks_the_contact_index() {
    let store = Store::open_in_memory().unwrap();
    let plans = store.query_plans().unwrap();
    let plan = plans.iter().find(|p| p.name == "stay in touch").unwrap();
    assert!(plan.lines.iter().any(|l| l.contains("customers_by_contact")), "{:?}", plan.lines);
    let overdue = plans.iter().find(|p| p.name == "Overdue rows").unwrap();
    assert!(overdue.lines[0].contains("followups_open_by_due"), "{:?}", overdue.lines);
    // The daily list's rows come from the index alone (schema 8): no look-up in the table per row.
    assert!(overdue.lines[0].contains("COVERING INDEX followups_open_by_due"), "{:?}", overdue.lines);
}

#[test]
fn the_coach_year_figures_read_their_indexes_alone() {
    let text = plan_texts();
    // Schema 10: no look-up in the table per row of the year.
    let lost = text("lost reasons");
    assert!(lost.contains("COVERING INDEX interactions_lost_by_date"), "{lost}");
    for by in ["segment", "industry"] {
        let sales = text(&format!("techniques by {by} (sales)"));
        assert!(sales.contains("COVERING INDEX sales_by_date"), "{sales}");
        // Counted per customer first, so each customer is looked up once, not once a row.
        for plan in [sales, text(&format!("techniques by {by} (interactions)"))] {
            let per_customer = plan.find("USE TEMP B-TREE FOR GROUP BY | SCAN per");
            assert!(per_customer.is_some_and(|at| plan[at..].contains("SEARCH c USING INTEGER PRIMARY KEY")), "{plan}");
        }
    }
    let segments = text("interactions per segment");
    assert!(segments.contains("COVERING INDEX interactions_by_date"), "{segments}");
    assert!(segments.contains("SCAN per | SEARCH c USING INTEGER PRIMARY KEY"), "{segments}");
}

#[test]
fn the_interaction_list_walks_an_index_newest_first() {
    let store = Store::open_in_memory().unwrap();
    let plans = store.query_plans().unwrap();
    let by_customer = plans.iter().find(|p| p.name == "interaction list by customer").unwrap();
    let text = by_customer.lines.join(" | ");
    assert!(text.contains("interactions_by_customer"), "{text}");
    assert!(!text.contains("TEMP B-TREE"), "{text}");
    let by_date = plans.iter().find(|p| p.name == "interaction list by date").unwrap();
    let text = by_date.lines.join(" | ");
    assert!(text.contains("interactions_by_date"), "{text}");
    // Only ties within a day are put in id order; the days come in index order.
    assert!(!text.contains("USE TEMP B-TREE FOR ORDER BY"), "{text}");
}

#[test]
fn deleting_a_sale_finds_what_points_at_it_by_index() {
    let text = plan_texts();
    let delete = text("delete a sale");
    for index in ["followups_by_sale", "satisfaction_by_sale", "complaints_by_sale", "sales_by_refund"] {
        assert!(delete.contains(index), "{index}: {delete}");
    }
    assert!(text("refunded so far").contains("sales_by_refund"));
    assert!(text("delete a customer's complaints").contains("followups_by_complaint"));
    assert!(text("complaints resolved in a period").contains("complaints_by_resolved"));
}

#[test]
fn open_follow_up_counts_look_up_only_the_archived_customers() {
    let text = plan_texts();
    // Over many days, a join would look up the customer of every open follow-up: at a
    // million follow-ups, 200,000 random reads of the customers (230 ms against 19 ms for
    // the index alone). One day's rows ("Today count") may look theirs up.
    for name in ["Overdue count", "open follow-up days", "agenda day counts"] {
        let plan = text(name);
        assert!(plan.contains("COVERING INDEX followups_open_by_due"), "{name}: {plan}");
        assert!(plan.contains("customers_by_contact (archived=?)"), "{name}: {plan}");
        assert!(!plan.contains("SEARCH c USING INTEGER PRIMARY KEY"), "{name} looks up every row's customer: {plan}");
    }
}
