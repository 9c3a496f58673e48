//! How the app's hot paths grow with the data, on divan: every benchmark runs at 1k and 100k
//! follow-ups (from the streamed `demo --scale` load), and at a million when
//! `SALESCOACH_BENCH_1M` names a database made by
//! `SALESCOACH_TODAY=2026-11-27 salescoach --db FILE demo --scale 1000000` (it is copied
//! first: the benches add their goals to the copy). The screens are drawn at 160x48 on
//! ratatui's `TestBackend`, with the keys a seller presses.
//!
//! Run with `cargo bench --bench scale` (a filter such as `-- tab::` runs a few); figures go
//! in the README's "Measured" section.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use salescoach::config::Config;
use salescoach::demo::{scale_base, scale_chunks};
use salescoach::domain::followup::Section;
use salescoach::domain::goal::{Metric, NewGoal, WorkingDays};
use salescoach::store::Store;
use salescoach::tui::{App, Ctx, Theme};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The terminal every screen is drawn on.
const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

/// Keys pressed down a list before turning back up, so the cursor keeps moving (and the
/// list keeps fetching the rows that come into view) however many iterations divan runs.
const SWEEP: u32 = 40;

/// Names the million-follow-up database; without it that size is skipped.
const MILLION_ENV: &str = "SALESCOACH_BENCH_1M";

fn main() {
    // A 1M benchmark takes a second or more an iteration: without a ceiling its 100
    // samples would take minutes each. `--max-time` on the command line overrides it.
    divan::Divan::default().max_time(Duration::from_secs(10)).config_with_args().main();
    if let Some(dir) = BENCH_DIR.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Thousand,
    HundredThousand,
    Million,
}

/// The follow-ups in the data set, in plain digits: divan sorts argument names by the numbers
/// in them, so "1k" would come after "1M", and "1_000_000" (whose first number is 1) before "100_000".
impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Size::Thousand => "1000",
            Size::HundredThousand => "100000",
            Size::Million => "1000000",
        })
    }
}

/// The sizes to run: a million only when its database is there.
fn sizes() -> Vec<Size> {
    let mut sizes = vec![Size::Thousand, Size::HundredThousand];
    if million_source().is_some() {
        sizes.push(Size::Million);
    }
    sizes
}

fn million_source() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(MILLION_ENV)?);
    path.is_file().then_some(path)
}

/// The day the data sets are made for, as in the tests.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("a valid date")
}

fn ctx() -> Ctx {
    Ctx { today: today(), config: Config::default(), theme: Theme::mono() }
}

/// Where the databases are made; removed when the run ends (statics are never dropped).
static BENCH_DIR: OnceLock<PathBuf> = OnceLock::new();

fn bench_dir() -> &'static Path {
    BENCH_DIR.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("salescoach-bench").tempdir().expect("temp dir");
        dir.keep()
    })
}

/// Each size's database, made once per process on first use (100k takes about 10 s).
fn database(size: Size) -> &'static Path {
    static DATABASES: [OnceLock<PathBuf>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match size {
        Size::Thousand => &DATABASES[0],
        Size::HundredThousand => &DATABASES[1],
        Size::Million => &DATABASES[2],
    };
    slot.get_or_init(|| make_database(size))
}

fn make_database(size: Size) -> PathBuf {
    let path = bench_dir().join(format!("{size}.db"));
    let mut store = match size {
        Size::Thousand | Size::HundredThousand => {
            let n = if size == Size::Thousand { 1_000 } else { 100_000 };
            let mut store = Store::open(&path).expect("open the bench database");
            let base = scale_base(n, today());
            store.load_scale(&base, scale_chunks(n, today(), &base)).expect("load the scale data");
            store
        }
        Size::Million => {
            let source = million_source().expect("the 1M database");
            std::fs::copy(&source, &path).expect("copy the 1M database");
            let wal = PathBuf::from(format!("{}-wal", source.display()));
            if wal.is_file() {
                std::fs::copy(&wal, format!("{}-wal", path.display())).expect("copy its WAL");
            }
            Store::open(&path).expect("open the 1M copy")
        }
    };
    add_twenty_goals(&mut store);
    path
}

/// Twenty active goals over the metrics in turn, this year's and this quarter's.
fn add_twenty_goals(store: &mut Store) {
    const METRICS: [(Metric, i64); 6] = [
        (Metric::Revenue, 100_000_000),
        (Metric::Units, 5_000),
        (Metric::Deals, 400),
        (Metric::NewCustomers, 200),
        (Metric::Contacts, 3_000),
        (Metric::Custom, 50),
    ];
    for i in 0..20 {
        let (metric, target) = METRICS[i % METRICS.len()];
        let start_on = if i % 2 == 0 { (2026, 1, 1) } else { (2026, 10, 1) };
        store
            .add_goal(&NewGoal {
                title: format!("Goal {} ({metric:?})", i + 1),
                metric,
                unit: if metric == Metric::Custom { "demos".into() } else { String::new() },
                target,
                start_on: NaiveDate::from_ymd_opt(start_on.0, start_on.1, start_on.2).expect("a valid date"),
                deadline_on: NaiveDate::from_ymd_opt(2026, 12, 31).expect("a valid date"),
                working_days: WorkingDays::default(),
            })
            .expect("add a goal");
    }
}

fn open_store(size: Size) -> Store {
    Store::open(database(size)).expect("open the bench database")
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

/// The app on Today, every screen worked out at once (as the tests build it).
fn app(size: Size) -> App {
    App::new(open_store(size), ctx()).expect("the app")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| app.render(frame)).expect("draw");
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Each tab's number key pressed and the screen drawn: the tab reloads from the store
/// every time, as when the seller switches to it.
mod tab {
    use super::*;

    fn switch_and_draw(bencher: divan::Bencher, size: Size, key: char) {
        let mut app = app(size);
        let mut terminal = terminal();
        bencher.bench_local(|| {
            press(&mut app, KeyCode::Char(key));
            draw(&mut terminal, &app);
        });
    }

    macro_rules! tabs {
        ($($name:ident => $key:literal,)*) => {$(
            #[divan::bench(args = sizes())]
            fn $name(bencher: divan::Bencher, size: Size) {
                switch_and_draw(bencher, size, $key);
            }
        )*};
    }

    tabs! {
        today => '1',
        goals => '2',
        customers => '3',
        followups => '4',
        knowledge => '5',
        motivation => '6',
        insights => '7',
    }
}

/// One Down (or Up, on the way back) on a long list, and the frame drawn.
mod list_key {
    use super::*;

    fn sweep(bencher: divan::Bencher, size: Size, tab_key: char) {
        let mut app = app(size);
        let mut terminal = terminal();
        press(&mut app, KeyCode::Char(tab_key));
        draw(&mut terminal, &app);
        let mut pressed = 0u32;
        bencher.bench_local(|| {
            let code = if (pressed / SWEEP) % 2 == 0 { KeyCode::Down } else { KeyCode::Up };
            pressed += 1;
            press(&mut app, code);
            draw(&mut terminal, &app);
        });
    }

    #[divan::bench(args = sizes())]
    fn today_checklist(bencher: divan::Bencher, size: Size) {
        sweep(bencher, size, '1');
    }

    #[divan::bench(args = sizes())]
    fn followups(bencher: divan::Bencher, size: Size) {
        sweep(bencher, size, '4');
    }
}

/// Today's checklist from the store: the section counts and the first rows in view.
#[divan::bench(args = sizes())]
fn checklist(bencher: divan::Bencher, size: Size) {
    let store = open_store(size);
    let cadences = Config::default().cadence_defaults();
    bencher.bench_local(|| {
        let list = store.checklist(today(), &cadences, 10).expect("checklist");
        store.checklist_rows(&list, Section::Overdue, 0, u64::from(HEIGHT)).expect("rows")
    });
}

/// Every active goal's pace (the 20 goals of mixed metrics), as the briefing and `goal
/// list` read them; the Goals tab adds each goal's pipeline (`tab::goals`).
#[divan::bench(args = sizes())]
fn goal_progress_20(bencher: divan::Bencher, size: Size) {
    let store = open_store(size);
    bencher.bench_local(|| store.goal_paces(today()).expect("paces"));
}

/// The other half of what the Goals tab loads: the open deals' forecast towards each of
/// the 20 goals, with their paces already known: the deals read once
/// (`Store::pipeline_deals`), then each goal forecast from them, as the tab and the coach do.
#[divan::bench(args = sizes())]
fn goal_pipeline_20(bencher: divan::Bencher, size: Size) {
    let store = open_store(size);
    let paces = store.goal_paces(today()).expect("paces");
    bencher.bench_local(|| {
        let deals = store.pipeline_deals().expect("deals");
        paces
            .iter()
            .map(|(goal, pace)| salescoach::domain::forecast::forecast_for(goal, pace.done, today(), &deals))
            .collect::<Vec<_>>()
    });
}

/// The search the `/` overlay runs on every key: notes, products and customers.
mod search {
    use super::*;

    #[divan::bench(args = sizes())]
    fn store_query(bencher: divan::Bencher, size: Size) {
        let store = open_store(size);
        bencher.bench_local(|| store.search("pricing", 50).expect("search"));
    }

    /// In the overlay: a letter typed and drawn, then erased and drawn (two searches).
    #[divan::bench(args = sizes())]
    fn overlay_type_and_erase(bencher: divan::Bencher, size: Size) {
        let mut app = app(size);
        let mut terminal = terminal();
        press(&mut app, KeyCode::Char('/'));
        for c in "pricin".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        bencher.bench_local(|| {
            press(&mut app, KeyCode::Char('g'));
            draw(&mut terminal, &app);
            press(&mut app, KeyCode::Backspace);
            draw(&mut terminal, &app);
        });
    }
}

/// What `tui::run` does before the first frame shows: open the store from its file, build
/// the app with Today's coach left for later, draw at 160x48. The file is in the page
/// cache (warm), and the coach is not included (`coach_settle`).
#[divan::bench(args = sizes())]
fn cold_start_first_frame(bencher: divan::Bencher, size: Size) {
    let path = database(size);
    bencher.bench_local(|| {
        let store = Store::open(path).expect("open");
        let app = App::new_drawing_first(store, ctx()).expect("the app");
        let mut terminal = terminal();
        draw(&mut terminal, &app);
        // Dropped after the timing: closing the store is not part of the first frame.
        (app, terminal)
    });
}

/// Only the first part of `cold_start_first_frame`: the store opened from its file.
#[divan::bench(args = sizes())]
fn cold_start_store_open(bencher: divan::Bencher, size: Size) {
    let path = database(size);
    bencher.bench_local(|| Store::open(path).expect("open"));
}

/// The first step after the first frame (`App::settle`): Today's goals, stay in touch and
/// deals going cold read, and the frame drawn again with them.
#[divan::bench(args = sizes())]
fn first_frame_rest(bencher: divan::Bencher, size: Size) {
    let path = database(size);
    bencher
        .with_inputs(|| {
            let app = App::new_drawing_first(Store::open(path).expect("open"), ctx()).expect("the app");
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            (app, terminal)
        })
        .bench_local_values(|(mut app, mut terminal)| {
            assert!(app.settle(), "the rest of Today was left for settle");
            draw(&mut terminal, &app);
            (app, terminal)
        });
}

/// The step after that: Today's coach lines worked out (`App::settle` again) and the
/// frame drawn again with them.
#[divan::bench(args = sizes())]
fn coach_settle(bencher: divan::Bencher, size: Size) {
    let path = database(size);
    bencher
        .with_inputs(|| {
            let mut app = App::new_drawing_first(Store::open(path).expect("open"), ctx()).expect("the app");
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            assert!(app.settle(), "the rest of Today was left for settle");
            (app, terminal)
        })
        .bench_local_values(|(mut app, mut terminal)| {
            assert!(app.settle(), "the coach was left for settle");
            draw(&mut terminal, &app);
            (app, terminal)
        });
}
