//! Every hot query walks an index: no full scan of a large table.

use salescoach::store::Store;

#[test]
fn hot_queries_use_indexes() {
    let store = Store::open_in_memory().unwrap();
    let plans = store.query_plans().unwrap();
    assert!(!plans.is_empty());
    for (name, lines) in plans {
        let text = lines.join(" | ");
        assert!(text.contains("USING INDEX") || text.contains("USING COVERING INDEX"), "{name}: {text}");
        for line in &lines {
            let scans_a_table = line.starts_with("SCAN ") && !line.contains("USING");
            assert!(!scans_a_table, "{name} scans without an index: {text}");
        }
        assert!(!text.contains("USE TEMP B-TREE FOR ORDER BY"), "{name} sorts in memory: {text}");
    }
}
