//! Every statement the store runs, not only the registered hot queries, walks an index when
//! it reads a table that grows. The store's connections record each distinct statement
//! they run (`store::statement_log`); this test drives every tab, page and overlay of the
//! TUI and the commands of the CLI in-process over the demo business, then explains each
//! recorded statement. A new query is checked the day it is first run, with nobody having
//! to remember to list it.

mod common;

use clap::Parser;
use common::{draw, today};
use salescoach::cli::{self, Cli, Env};
use salescoach::config::Config;
use salescoach::demo::demo_plan;
use salescoach::store::{Named, Store, statement_log};
use salescoach::tui::{Action, App, Ctx, Tab, Theme};
use std::collections::BTreeMap;
use std::path::Path;

/// Tables that grow with the seller's history: a full scan of one gets slower every month.
const GROWING: &[&str] = &[
    "followups",
    "sales",
    "interactions",
    "interaction_objections",
    "complaints",
    "satisfaction",
    "deals",
    "deal_moves",
    "goal_entries",
    "card_reviews",
    "undo_steps",
    "undo_log",
];

/// Statements that read every row by design, with the reason. Each is a pattern of the
/// whole statement (whitespace squeezed): `*` is one word, `…` anything. An entry that
/// matches nothing fails the test, so the list cannot go stale.
const READS_EVERYTHING: &[(&str, &str)] = &[
    // The JSON and CSV exports (and the restores' checks of what they wrote) read whole
    // tables in id order.
    (r#"SELECT "…" FROM * ORDER BY "…""#, "an export is every row"),
    // `import json` and `import csv-folder` restore into an empty file: each table is
    // emptied first (of the seed rows), whole.
    (r#"DELETE FROM "*""#, "a restore replaces every row"),
    // `deal list --all` lists every deal ever, newest first, walking the rowid backwards.
    (
        "SELECT … FROM deals d JOIN customers c ON c.id = d.customer_id JOIN deal_stages s ON s.id = d.stage_id ORDER BY d.id DESC",
        "deal list --all is every deal",
    ),
];

/// Statements that sort rows of a growing table in memory, but only a few, with the reason.
const SORTS_A_FEW: &[(&str, &str)] = &[
    // Deleting a stage counts the deals ever at it (the refusal names the number): the
    // stage's own deals and moves, found by index, put together by UNION.
    ("UNION SELECT deal_id FROM deal_moves WHERE stage_id = ?1", "one stage's deals"),
];

/// Fewer distinct statements than this and the trace (or the drive) is broken.
const AT_LEAST: usize = 300;

#[test]
fn every_statement_the_store_runs_walks_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sales.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        store.load_plan(&demo_plan(today()).unwrap()).unwrap();
    }
    statement_log::start();
    drive_the_tui(&db);
    let failed = drive_the_cli(&db, &config, dir.path());
    assert!(failed.is_empty(), "commands that failed:\n{}", failed.join("\n"));
    drive_the_store(&db, dir.path());

    // Statements that differ only in their literals (the undo log's saved rows, replayed)
    // are one statement, explained once.
    let mut shapes: BTreeMap<String, String> = BTreeMap::new();
    for sql in statement_log::statements() {
        if is_explainable(&sql) {
            shapes.entry(shape(&sql)).or_insert(sql);
        }
    }
    let store = Store::open(&db).unwrap();
    let sorting_a_few: Vec<String> = Store::hot_queries_sorting_a_few().iter().map(|s| squeeze(s)).collect();
    let mut offenders = Vec::new();
    let mut allowed: BTreeMap<&str, usize> = READS_EVERYTHING.iter().map(|(f, _)| (*f, 0)).collect();
    for sql in shapes.values() {
        let lines = match store.explain_query_plan(sql) {
            Ok(lines) => lines,
            Err(err) => {
                offenders.push(format!("{}\n  cannot be explained: {err:#}", squeeze(sql)));
                continue;
            }
        };
        if std::env::var_os("SHOW_PLANS").is_some() {
            eprintln!("STMT {}\n  PLAN {}", squeeze(sql), lines.join(" | "));
        }
        if let Some((pattern, _)) = READS_EVERYTHING.iter().find(|(p, _)| matches(p, &squeeze(sql))) {
            *allowed.entry(pattern).or_default() += 1;
            continue;
        }
        let sorts_a_few = sorting_a_few.contains(&squeeze(sql))
            || SORTS_A_FEW.iter().any(|(f, _)| squeeze(sql).contains(&squeeze(f)));
        let problems = problems_of(sql, &lines, sorts_a_few);
        if !problems.is_empty() {
            offenders.push(format!("{}\n  {}\n  plan: {}", squeeze(sql), problems.join("; "), lines.join(" | ")));
        }
    }
    eprintln!("{} distinct statements explained", shapes.len());
    assert!(shapes.len() >= AT_LEAST, "only {} statements seen: is the trace attached?", shapes.len());
    let stale: Vec<_> = allowed.iter().filter(|(_, n)| **n == 0).map(|(f, _)| *f).collect();
    assert!(stale.is_empty(), "allow-list entries that match no statement any more: {stale:?}");
    assert!(
        offenders.is_empty(),
        "{} statements scan or sort a growing table:\n\n{}",
        offenders.len(),
        offenders.join("\n\n")
    );

    // The registered hot queries, by name, still pass on their own.
    for plan in store.query_plans().unwrap() {
        let (name, text) = (&plan.name, plan.lines.join(" | "));
        assert!(text.contains("USING"), "{name} walks no index: {text}");
        assert!(!plan.lines.iter().any(|l| common::scans_a_table(l, &plan.lines)), "{name} scans: {text}");
        assert!(plan.sorts_a_few || !text.contains("USE TEMP B-TREE FOR ORDER BY"), "{name} sorts: {text}");
    }
}

/// What is wrong with a statement's plan: a full scan of a growing table, or a sort of
/// its rows in a temporary B-tree (after grouping, only the groups are sorted: fine).
fn problems_of(sql: &str, lines: &[String], sorts_a_few: bool) -> Vec<String> {
    let aliases = aliases_of_growing(sql);
    let sorts = lines.iter().any(|l| l.contains("USE TEMP B-TREE FOR ORDER BY"));
    let mut problems = Vec::new();
    // The scans in the plan of `INSERT ... VALUES` into a parent table are its foreign keys'
    // look for child rows the new row might settle; SQLite runs them only while violations
    // are outstanding (OP_FkIfZero), which with immediate constraints is never.
    if inserts_values(sql) {
        return problems;
    }
    // `ORDER BY id DESC LIMIT n` walks the rowid from one end and stops after n rows; the
    // plan says SCAN for that too. Only when that is the statement's one bare scan.
    let bare_scans = lines.iter().filter(|l| l.starts_with("SCAN ") && !l.contains("USING")).count();
    let walks_to_a_limit = bare_scans == 1 && !sorts && walks_the_rowid_to_a_limit(sql);
    for line in lines {
        let Some(rest) = line.strip_prefix("SCAN ") else { continue };
        if rest.contains("USING") || walks_to_a_limit {
            continue;
        }
        let name = rest.split_whitespace().next().unwrap_or_default();
        if let Some(table) = aliases.get(name) {
            problems.push(format!("scans {table} without an index"));
        }
    }
    let reads_growing = lines.iter().any(|l| {
        let name = l.split_whitespace().nth(1).unwrap_or_default();
        (l.starts_with("SCAN ") || l.starts_with("SEARCH ")) && aliases.contains_key(name)
    });
    let grouped = lines.iter().any(|l| l.contains("FOR GROUP BY") || l.contains("FOR DISTINCT"))
        || squeeze(sql).to_uppercase().contains("GROUP BY");
    if reads_growing && !grouped && !sorts_a_few && sorts {
        problems.push("sorts its rows in a temporary B-tree".into());
    }
    problems
}

/// Each name a growing table goes by in `sql` (itself and its aliases), to its table.
fn aliases_of_growing(sql: &str) -> BTreeMap<String, &'static str> {
    const NOT_ALIASES: &[&str] = &[
        "WHERE",
        "JOIN",
        "LEFT",
        "INNER",
        "CROSS",
        "ON",
        "GROUP",
        "ORDER",
        "LIMIT",
        "USING",
        "SET",
        "VALUES",
        "WHEN",
        "UNION",
        "EXCEPT",
        "INTERSECT",
        "NATURAL",
        "INDEXED",
        "NOT",
        "DEFAULT",
        "SELECT",
        "AND",
        "OR",
        "HAVING",
        "WINDOW",
        "RETURNING",
        "FULL",
        "RIGHT",
        "OUTER",
    ];
    let words: Vec<&str> = sql.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    // A growing table may be read without being named: a foreign key's check of it.
    let mut names: BTreeMap<String, &'static str> = GROWING.iter().map(|t| (t.to_string(), *t)).collect();
    for (i, word) in words.iter().enumerate() {
        let Some(table) = GROWING.iter().find(|t| t.eq_ignore_ascii_case(word)) else { continue };
        let mut next = words.get(i + 1).copied();
        if next.is_some_and(|w| w.eq_ignore_ascii_case("AS")) {
            next = words.get(i + 2).copied();
        }
        if let Some(alias) = next.filter(|w| !NOT_ALIASES.iter().any(|k| k.eq_ignore_ascii_case(w))) {
            names.insert(alias.to_string(), *table);
        }
    }
    names
}

fn inserts_values(sql: &str) -> bool {
    let sql = squeeze(sql).to_uppercase();
    (sql.starts_with("INSERT ") || sql.starts_with("REPLACE ")) && !sql.contains("SELECT")
}

/// `... ORDER BY [alias.]id [DESC] LIMIT ...`: the rowid order, cut short.
fn walks_the_rowid_to_a_limit(sql: &str) -> bool {
    let sql = squeeze(sql).to_uppercase();
    sql.match_indices("ORDER BY ").any(|(at, by)| {
        let rest = &sql[at + by.len()..];
        let mut words = rest.split(' ');
        let column = words.next().unwrap_or_default();
        let column = column.rsplit('.').next().unwrap_or_default().trim_matches('"');
        let next = words.next().unwrap_or_default();
        let next = if next == "DESC" || next == "ASC" { words.next().unwrap_or_default() } else { next };
        column == "ID" && next == "LIMIT"
    })
}

/// The statement with its literals as `?`: rows replayed by undo differ only in those.
fn shape(sql: &str) -> String {
    let mut out = String::new();
    let sql = squeeze(sql);
    let mut chars = sql.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if c == '\'' {
            // A string literal, '' inside it included.
            loop {
                match chars.next() {
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                    }
                    Some('\'') | None => break,
                    Some(_) => {}
                }
            }
            out.push('?');
            previous = '?';
        } else if (c.is_ascii_digit() || c == '-' && chars.peek().is_some_and(char::is_ascii_digit))
            && !(previous.is_alphanumeric() || previous == '_' || previous == '?')
        {
            while chars.peek().is_some_and(|d| d.is_ascii_digit() || *d == '.') {
                chars.next();
            }
            out.push('?');
            previous = '?';
        } else {
            out.push(c);
            previous = c;
        }
    }
    out
}

/// Whether `text` is all of `pattern`, where `*` stands for one word and `…` for anything.
fn matches(pattern: &str, text: &str) -> bool {
    match pattern.chars().next() {
        None => text.is_empty(),
        Some('…') => (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .any(|i| matches(&pattern['…'.len_utf8()..], &text[i..])),
        Some('*') => {
            let word = text.find(' ').unwrap_or(text.len());
            (1..=word).filter(|i| text.is_char_boundary(*i)).any(|i| matches(&pattern[1..], &text[i..]))
        }
        Some(c) => text.starts_with(c) && matches(&pattern[c.len_utf8()..], &text[c.len_utf8()..]),
    }
}

/// Statements whose plan says something: not transaction control, pragmas or schema.
fn is_explainable(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or_default().to_uppercase();
    matches!(first.as_str(), "SELECT" | "WITH" | "INSERT" | "UPDATE" | "DELETE" | "REPLACE")
}

fn squeeze(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn app_on(db: &Path) -> App {
    let store = Store::open(db).unwrap();
    App::new(store, Ctx { today: today(), config: Config::default(), theme: Theme::mono() }).unwrap()
}

fn show(app: &mut App) {
    app.settle();
    draw(app, 120, 40);
    draw(app, 80, 24);
}

fn act(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(*action);
        show(app);
    }
}

/// Every tab, and on each every page, list movement and overlay it has.
fn drive_the_tui(db: &Path) {
    let mut app = app_on(db);
    show(&mut app);
    for tab in Tab::ALL {
        act(&mut app, &[Action::GoTo(tab), Action::Down, Action::Down, Action::Bottom, Action::Top, Action::Down]);
        act(&mut app, &[Action::ToggleHelp, Action::ToggleHelp, Action::ShowHidden, Action::ShowHidden]);
        act(&mut app, &[Action::Open, Action::Down, Action::Back]);
    }
    // Today: each kind of row opened and its forms shown.
    act(&mut app, &[Action::GoTo(Tab::Today)]);
    for _ in 0..12 {
        act(&mut app, &[Action::Down, Action::Open, Action::Back]);
        for form in [Action::Complete, Action::Snooze, Action::Edit, Action::Respond, Action::WinDeal, Action::LoseDeal]
        {
            act(&mut app, &[form, Action::Playbook, Action::Back, Action::Back]);
        }
    }
    // Goals: each goal's chart, the sales log with every period and filter, the pipeline.
    act(&mut app, &[Action::GoTo(Tab::Goals)]);
    for _ in 0..6 {
        act(&mut app, &[Action::Open, Action::Back, Action::Edit, Action::Back, Action::LogProgress, Action::Back]);
        act(&mut app, &[Action::Down]);
    }
    act(&mut app, &[Action::Add, Action::Back, Action::SalesLog]);
    for _ in 0..5 {
        act(&mut app, &[Action::Period, Action::Down, Action::Open, Action::Back, Action::Edit, Action::Back]);
        act(&mut app, &[Action::Refund, Action::Back, Action::Filter, Action::Back, Action::PageDown, Action::Bottom]);
    }
    act(&mut app, &[Action::CustomPeriod, Action::Back, Action::SalesLog, Action::Pipeline]);
    for _ in 0..6 {
        act(&mut app, &[Action::Down, Action::Open, Action::Back, Action::Edit, Action::Back]);
        act(&mut app, &[Action::WinDeal, Action::Back, Action::LoseDeal, Action::Back, Action::Add, Action::Back]);
        act(&mut app, &[Action::NextChoice]);
    }
    act(&mut app, &[Action::PrevChoice, Action::Pipeline]);
    // Customers: each one's detail, and the forms.
    act(&mut app, &[Action::GoTo(Tab::Customers)]);
    for _ in 0..14 {
        act(&mut app, &[Action::Down, Action::Open, Action::Back]);
    }
    for form in [Action::Filter, Action::Add, Action::Edit, Action::Snooze, Action::Rate, Action::Complain] {
        act(&mut app, &[form, Action::Back]);
    }
    act(&mut app, &[Action::Filter]);
    common::type_text(&mut app, "caf");
    act(&mut app, &[Action::Submit, Action::Down, Action::Open, Action::Back]);
    // Follow-ups: the list, the agenda and a day of it.
    act(&mut app, &[Action::GoTo(Tab::Followups), Action::PageDown, Action::Bottom, Action::Top]);
    for form in [Action::Complete, Action::Snooze, Action::Cancel, Action::Add, Action::Edit] {
        act(&mut app, &[form, Action::Back]);
    }
    act(&mut app, &[Action::Agenda, Action::Down, Action::Open, Action::Agenda, Action::Agenda, Action::Agenda]);
    // Knowledge: notes, products, a training session, the forms.
    act(&mut app, &[Action::GoTo(Tab::Knowledge)]);
    for _ in 0..12 {
        act(&mut app, &[Action::Down, Action::Open, Action::Back]);
    }
    for form in [Action::Add, Action::Edit, Action::AddCard, Action::AddProduct] {
        act(&mut app, &[form, Action::Back]);
    }
    act(&mut app, &[Action::Top, Action::Train, Action::Reveal, Action::Grade(3), Action::Reveal, Action::Grade(1)]);
    act(&mut app, &[Action::Back]);
    // Motivation.
    act(&mut app, &[Action::GoTo(Tab::Motivation), Action::Favourite, Action::Favourite, Action::Hide, Action::Hide]);
    act(&mut app, &[Action::Complete, Action::Add, Action::Back, Action::Edit, Action::Back]);
    // Insights and its pages.
    act(&mut app, &[Action::GoTo(Tab::Insights), Action::Open, Action::Back, Action::Demographics]);
    for _ in 0..5 {
        act(&mut app, &[Action::GroupBy, Action::Bottom]);
    }
    act(&mut app, &[Action::Demographics, Action::Objections, Action::Bottom, Action::Objections]);
    act(&mut app, &[Action::TechniquesBy, Action::GroupBy, Action::GroupBy, Action::TechniquesBy]);
    // The overlays every tab shares.
    act(&mut app, &[Action::Search]);
    common::type_text(&mut app, "lever");
    act(&mut app, &[Action::Down, Action::Open, Action::Back]);
    act(&mut app, &[Action::Search]);
    common::type_text(&mut app, "marta");
    act(&mut app, &[Action::Open, Action::Back]);
    act(&mut app, &[Action::LogSale, Action::Playbook, Action::Back, Action::Back]);
    act(&mut app, &[Action::LogInteraction, Action::Playbook, Action::Back, Action::Back]);
    act(&mut app, &[Action::Refresh]);

    // Some writes, saved through their forms with what they offer, then undone and redone.
    act(&mut app, &[Action::GoTo(Tab::Today), Action::Top, Action::Complete, Action::Submit]);
    act(&mut app, &[Action::Down, Action::Snooze, Action::Submit]);
    act(&mut app, &[Action::GoTo(Tab::Followups), Action::Top, Action::Cancel, Action::Submit]);
    act(&mut app, &[Action::GoTo(Tab::Customers), Action::Top, Action::Archive, Action::Archive]);
    act(
        &mut app,
        &[Action::GoTo(Tab::Goals), Action::Pipeline, Action::NextStage, Action::PrevStage, Action::Pipeline],
    );
    act(&mut app, &[Action::Undo, Action::Undo, Action::Undo, Action::Redo, Action::Redo]);
    // The welcome screen of an empty file.
    let empty = db.with_file_name("empty.db");
    let mut app = app_on(&empty);
    act(&mut app, &[Action::StartEmpty]);
    for tab in Tab::ALL {
        act(&mut app, &[Action::GoTo(tab)]);
    }
}

/// Runs one command line in this process, as the binary would; what went wrong, if it did.
fn run(db: &Path, config: &Path, args: &[&str]) -> Option<String> {
    let mut argv = vec!["salescoach", "--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    argv.extend(["--today", "2026-11-27"]);
    argv.extend(args);
    let result = Cli::try_parse_from(&argv).map_err(anyhow::Error::from).and_then(|cli| {
        let env = Env::from_cli(&cli, today())?;
        cli::run(cli.command.as_ref().expect("a command"), &env)
    });
    result.err().map(|e| format!("{args:?}: {}", e.to_string().lines().next().unwrap_or_default()))
}

/// Every command that reads, each with and without --json, and a few writes.
fn drive_the_cli(db: &Path, config: &Path, dir: &Path) -> Vec<String> {
    cli::output::discard_on_this_thread();
    let mut failed = Vec::new();
    let reads: &[&[&str]] = &[
        &["today"],
        &["agenda"],
        &["agenda", "--days", "60"],
        &["goal", "list"],
        &["goal", "list", "--all"],
        &["goal", "show", "1"],
        &["goal", "show", "2"],
        &["sale", "list"],
        &["sale", "list", "--from", "2026-01-01", "--to", "2026-11-27"],
        &["sale", "list", "--customer", "Marta Novak"],
        &["interaction", "list"],
        &["interaction", "list", "--customer", "Marta Novak"],
        &["undo", "--list"],
        &["customer", "list"],
        &["customer", "list", "--all"],
        &["customer", "list", "--search", "caf"],
        &["customer", "show", "Marta Novak"],
        &["customer", "show", "Tomás Ortega"],
        &["followup", "list"],
        &["followup", "list", "--days", "400"],
        &["deal", "list"],
        &["deal", "list", "--all"],
        &["deal", "show", "1"],
        &["deal", "stages"],
        &["forecast"],
        &["complaint", "list"],
        &["complaint", "list", "--all"],
        &["product", "list"],
        &["product", "list", "--all"],
        &["product", "show", "Cleaning kit"],
        &["note", "list"],
        &["note", "show", "1"],
        &["search", "lever"],
        &["search", "marta"],
        &["cards", "due"],
        &["motivation", "today"],
        &["motivation", "list"],
        &["technique", "list", "--all"],
        &["techniques"],
        &["techniques", "--by", "segment"],
        &["techniques", "--by", "industry"],
        &["objections"],
        &["objections", "--from", "2026-01-01", "--to", "2026-11-27"],
        &["playbook", "--technique", "Live demo", "--customer", "Marta Novak"],
        &["playbook", "--objection", "price"],
        &["segments"],
        &["segments", "--by", "industry"],
        &["segments", "--by", "region"],
        &["segments", "--by", "tag"],
        &["segments", "--by", "product"],
        &["insights"],
        &["report"],
        &["report", "--period", "month"],
        &["stats"],
        &["check"],
        &["backup", "list"],
    ];
    for args in reads {
        failed.extend(run(db, config, args));
        if !matches!(args[0], "report" | "check") || args.len() > 1 {
            let mut with_json = args.to_vec();
            with_json.push("--json");
            let cli = {
                let mut argv = vec!["salescoach", "--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
                argv.extend(&with_json);
                Cli::try_parse_from(&argv)
            };
            if cli.is_ok() {
                failed.extend(run(db, config, &with_json));
            }
        }
    }
    let store = Store::open(db).unwrap();
    let open: Vec<String> = store
        .open_followups_until(today() + chrono::Days::new(400))
        .unwrap()
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    let kit = store.resolve(Named::Product, "Cleaning kit").unwrap().to_string();
    let bundle = store.resolve(Named::Technique, "Bundle offer").unwrap().to_string();
    drop(store);
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let fixture = |name: &str| format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    let vcard = format!("{}/tests/fixtures/vcard/thunderbird.vcf", env!("CARGO_MANIFEST_DIR"));
    let (json, csv, ics, vcf, md) = (out("all.json"), out("csv"), out("f.ics"), out("c.vcf"), out("review.md"));
    let writes: &[&[&str]] = &[
        &["export", "--format", "json", "--out", &json],
        &["export", "--format", "csv", "--out", &csv],
        &["export", "--format", "ics", "--out", &ics],
        &["export", "--format", "ics", "--events", "--out", &ics],
        &["export", "--format", "vcard", "--out", &vcf],
        &["report", "--period", "month", "--out", &md],
        &["sale", "add", "--customer", "Marta Novak", "--product", "Cleaning kit", "--amount", "25"],
        &[
            "log",
            "call",
            "--customer",
            "Marta Novak",
            "--outcome",
            "won",
            "--technique",
            "Live demo",
            "--objection",
            "price",
        ],
        &["followup", "add", "--customer", "Marta Novak", "--due", "2026-12-01", "--reason", "call back"],
        &["followup", "done", &open[0]],
        &["followup", "snooze", &open[1], "next fri"],
        &["followup", "reschedule", &open[2], "2027-01-04"],
        &["followup", "cancel", &open[3]],
        &["rate", "Marta Novak", "9", "--comment", "Great"],
        &["complaint", "open", "--customer", "Marta Novak", "--summary", "Late"],
        &["deal", "move", "1", "proposal"],
        &["customer", "archive", "#2"],
        &["customer", "restore", "#2"],
        &["sale", "refund", "3", "--amount", "1"],
        &["sale", "edit", "4", "--note", "edited"],
        &["sale", "delete", "5"],
        &["interaction", "edit", "1", "--note", "edited"],
        &["interaction", "delete", "2"],
        &["goal", "add", "--title", "Demos", "--metric", "custom", "--target", "10", "--deadline", "2026-12-31"],
        &["goal", "log", "4", "3"],
        &["goal", "show", "4"],
        &["goal", "edit", "1", "--target", "90000"],
        &["deal", "won", "2"],
        &["deal", "lost", "3", "--reason", "price"],
        &["deal", "edit", "4", "--title", "Bigger"],
        &["complaint", "respond", "1"],
        &["complaint", "resolve", "1", "--resolution", "replaced"],
        &["score", "edit", "1", "--score", "8"],
        &["note", "edit", "1", "--title", "Renamed"],
        &["note", "delete", "2"],
        &["cards", "add", "--front", "Q", "--back", "A"],
        &["technique", "rename", "Live demo", "--to", "Live demos"],
        &["product", "edit", "Cleaning kit", "--price", "30"],
        &["import", "customers", &fixture("customers.csv")],
        &["import", "products", &fixture("products.csv")],
        &["import", "sales", &fixture("sales.csv")],
        &["import", "interactions", &fixture("interactions.csv")],
        &["import", "followups", &fixture("followups.csv")],
        &["import", "vcard", &vcard],
        &["customer", "edit", "Marta Novak", "--phone", "+1 555 0100"],
        &["customer", "cadence", "--segment", "Café", "--ideal", "10", "--max", "20"],
        &["deal", "add", "--customer", "Marta Novak", "--title", "Grinder", "--value", "900"],
        &["deal", "stage", "add", "Demo booked", "--probability", "40", "--idle", "7", "--before", "proposal"],
        &["deal", "stage", "edit", "Demo booked", "--probability", "45", "--last"],
        &["deal", "stage", "delete", "Demo booked"],
        &["log", "visit", "--customer", "Marta Novak", "--deal", "1"],
        &["followup", "add", "--customer", "Marta Novak", "--due", "2026-12-04", "--reason", "deal", "--deal", "1"],
        &["followup", "add", "--customer", "Marta Novak", "--due", "2026-12-03", "--reason", "weekly", "--every", "1"],
        &["followup", "edit", &open[4], "--reason", "edited", "--due", "2026-12-09"],
        &["followup", "reopen", &open[0]],
        &["goal", "add", "--title", "Units", "--metric", "units", "--target", "40", "--deadline", "2026-12-31"],
        &["goal", "add", "--title", "Deals", "--metric", "deals", "--target", "9", "--deadline", "2026-12-31"],
        &["goal", "show", "5"],
        &["goal", "show", "6"],
        &["goal", "archive", "2"],
        &["complaint", "edit", "1", "--summary", "Late delivery"],
        &["product", "archive", "Cleaning kit"],
        &["technique", "archive", "Bundle offer"],
        &["import", "customers", "--merge", &fixture("customers.csv")],
        &["import", "products", "--merge", &fixture("products.csv")],
        &["import", "followups", &fixture("followups.csv")],
        &["customer", "delete", "Hugo Schmidt", "--with-history"],
        &["undo"],
        &["followup", "add", "--customer", "Marta Novak", "--due", "2026-12-02", "--reason", "again"],
        &["undo"],
        &["complaint", "open", "--customer", "Marta Novak", "--summary", "Cold"],
        &["undo"],
        &["sale", "add", "--customer", "Marta Novak", "--amount", "10"],
        &["undo"],
        &["redo"],
        &["undo"],
        &["undo"],
        &["redo"],
        &["undo", "--list"],
    ];
    for args in writes {
        failed.extend(run(db, config, args));
    }
    // Edits of records made above, found by what they are.
    failed.extend(run(
        db,
        config,
        &["motivation", "add", "--kind", "resource", "--resource", "book", "--text", "Keep going"],
    ));
    assert!(failed.is_empty(), "commands that failed:\n{}", failed.join("\n"));
    let store = Store::open(db).unwrap();
    let sales = store.sales(&salescoach::store::SaleFilter::default()).unwrap();
    let refund = sales.iter().find(|s| s.kind == salescoach::domain::sale::SaleKind::Refund).unwrap().id.to_string();
    let refunded = sales.iter().find(|s| s.id == 3).map(|s| s.id.to_string()).unwrap();
    let weekly = store.open_followups_until(today() + chrono::Days::new(30)).unwrap();
    let weekly = weekly.iter().find(|f| f.reason == "weekly").unwrap().id.to_string();
    let mine = store.items(None, true).unwrap();
    let mine = mine.iter().find(|i| i.body == "Keep going").unwrap().id.to_string();
    drop(store);
    let edits: &[&[&str]] = &[
        &["product", "restore", &kit],
        &["sale", "edit", &refund, "--amount", "2"],
        &["sale", "edit", &refunded, "--customer", "Tomás Ortega"],
        &["followup", "done", &weekly],
        &["motivation", "edit", &mine, "--text", "Keep going, always"],
        &["motivation", "done", &mine],
        &["motivation", "delete", &mine],
        &["undo"],
    ];
    failed.extend(run(db, config, &["technique", "restore", &bundle]));
    for args in edits {
        failed.extend(run(db, config, args));
    }
    // Restoring the exports into empty files.
    failed.extend(run(&dir.join("from-json.db"), config, &["import", "json", &json]));
    failed.extend(run(&dir.join("from-csv.db"), config, &["import", "csv-folder", &csv]));
    failed
}

/// What neither the TUI nor a command above reaches.
fn drive_the_store(db: &Path, dir: &Path) {
    let mut store = Store::open(db).unwrap();
    store.backup_to(&dir.join("copy.db")).unwrap();
    store.check().unwrap();
    store.export_csv().unwrap();
    store.open_followup_days().unwrap();
    let steps = store.undo_steps(50).unwrap();
    if let Some(step) = steps.iter().find(|s| !s.undone) {
        store.undo_step(step.id).unwrap();
    }
}

/// Foreign keys whose child column has no index, each with the reason none is needed.
const UNINDEXED_REFERENCES: &[(&str, &str, &str)] = &[
    // Products are archived, never deleted; only undoing a product's creation deletes one,
    // before any deal can name it.
    ("deals", "product_id", "products are never deleted"),
];

/// Deleting (or re-keying) a parent row makes SQLite look for its children by the foreign
/// key's column: a statement the code never wrote, which the trace sees only on the paths
/// driven above. So every reference from a growing table must lead with an index.
#[test]
fn every_reference_from_a_growing_table_has_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sales.db");
    drop(Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut missing = Vec::new();
    for table in GROWING {
        let columns: Vec<String> = conn
            .prepare("SELECT \"from\" FROM pragma_foreign_key_list(?1)")
            .unwrap()
            .query_map([table], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let leading: Vec<String> = conn
            .prepare(
                "SELECT i.name FROM pragma_index_list(?1) l JOIN pragma_index_info(l.name) i ON i.seqno = 0
                 UNION SELECT name FROM pragma_table_info(?1) WHERE pk = 1",
            )
            .unwrap()
            .query_map([table], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in columns {
            let allowed = UNINDEXED_REFERENCES.iter().any(|(t, c, _)| t == table && *c == column);
            if !leading.contains(&column) && !allowed {
                missing.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(missing.is_empty(), "references without an index: {missing:?}");
}
