//! How the app's hot paths grow with the data: each is timed on a 1,000 and a 100,000
//! follow-up database (from `demo --scale`), and the ratio between them is reported.
//! Run with `cargo bench --bench scale`; figures go in the README.

use chrono::NaiveDate;
use salescoach::config::Config;
use salescoach::demo::scale_plan;
use salescoach::domain::followup::Section;
use salescoach::domain::goal::{Metric, NewGoal, WorkingDays};
use salescoach::store::{CustomerFilter, Store};
use salescoach::tui::{Action, App, Ctx, Tab, Theme};
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

/// The median of `RUNS` timings of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn measure(n: u64) -> (Duration, Vec<(&'static str, Duration)>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("store");
    let start = Instant::now();
    store.load_scale_plan(&scale_plan(n, today())).expect("load");
    let load = start.elapsed();
    store
        .add_goal(&NewGoal {
            title: "Revenue".into(),
            metric: Metric::Revenue,
            unit: String::new(),
            target: 100_000_000,
            start_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            deadline_on: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
            working_days: WorkingDays::default(),
        })
        .expect("goal");
    let config = Config::default();
    let mut results = Vec::new();
    results.push((
        "Today checklist (counts + first 60 rows)",
        median(|| {
            let list = store.checklist(today(), &config.cadence_defaults(), 10).expect("checklist");
            store.checklist_rows(&list, Section::Overdue, 0, 60).expect("rows");
        }),
    ));
    results.push((
        "Follow-ups tab (days + first day's rows)",
        median(|| {
            let days = store.open_followup_days().expect("days");
            store.open_followups_on(days[0].0, 0, 60).expect("rows");
        }),
    ));
    results.push((
        "Customers page (count + 60 rows)",
        median(|| {
            let filter = CustomerFilter::default();
            store.customer_count(&filter).expect("count");
            store.customers_page(&filter, 0, 60).expect("page");
        }),
    ));
    results.push((
        "Customers filtered 'cafe' (accent-folded scan)",
        median(|| {
            let filter = CustomerFilter { text: "cafe".into(), include_archived: false };
            store.customer_count(&filter).expect("count");
            store.customers_page(&filter, 0, 60).expect("page");
        }),
    ));
    results.push(("Search 'synthetic note'", median(|| drop(store.search("synthetic note", 50).expect("search")))));
    results.push((
        "Goal pace (revenue, a year of sales)",
        median(|| {
            let goal = store.goal(1).expect("goal");
            store.goal_daily(&goal).expect("daily");
        }),
    ));
    results.push(("Coach insights", median(|| drop(store.insights(today(), &config).expect("insights")))));
    let ctx = Ctx { today: today(), config: config.clone(), theme: Theme::mono() };
    let mut app = App::new(Store::open(&path).expect("store"), ctx).expect("app");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    const TAB_NAMES: [&str; 7] = [
        "Switch to Today and draw",
        "Switch to Goals and draw",
        "Switch to Customers and draw",
        "Switch to Follow-ups and draw",
        "Switch to Knowledge and draw",
        "Switch to Motivation and draw",
        "Switch to Insights and draw",
    ];
    for (tab, name) in Tab::ALL.into_iter().zip(TAB_NAMES) {
        results.push((
            name,
            median(|| {
                app.update(Action::GoTo(tab));
                terminal.draw(|f| app.render(f)).expect("draw");
            }),
        ));
    }
    app.update(Action::GoTo(Tab::Today));
    results.push((
        "Scroll Today: 500 rows down, one draw each",
        median(|| {
            app.update(Action::Top);
            for _ in 0..500 {
                app.update(Action::Down);
                terminal.draw(|f| app.render(f)).expect("draw");
            }
        }),
    ));
    (load, results)
}

fn main() {
    let (small_load, small) = measure(1_000);
    let (large_load, large) = measure(100_000);
    println!("{:<44} {:>12} {:>12} {:>8}", "operation (median of 15)", "1k f-ups", "100k f-ups", "ratio");
    println!(
        "{:<44} {:>12.1?} {:>12.1?} {:>7.1}x",
        "Generate and load the data set (once)",
        small_load,
        large_load,
        large_load.as_secs_f64() / small_load.as_secs_f64()
    );
    for ((name, a), (_, b)) in small.iter().zip(&large) {
        println!("{name:<44} {a:>12.2?} {b:>12.2?} {:>7.1}x", b.as_secs_f64() / a.as_secs_f64().max(1e-9));
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak memory (VmHWM) of the whole run: {} MiB", kib / 1024);
    }
}
