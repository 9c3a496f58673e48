//! Today's coach lines and the Insights tab's figures worked out beside the loop, as the real
//! terminal does: on a connection of their own, handed out as a job and taken back when done,
//! so no key waits.

mod common;

use common::{draw, key, today};
use ratatui::crossterm::event::Event;
use salescoach::store::Store;
use salescoach::tui::{App, Ctx, Done, Job, Kind, Outside, Theme};
use std::collections::VecDeque;

const COACH_LINE: &str = "Complaint from Ben Okafor open";

fn ctx() -> Ctx {
    Ctx { today: today(), config: salescoach::config::Config::default(), theme: Theme::mono() }
}

/// The demo business in a file (a second connection needs one), and an app over it that
/// works its slow figures out beside, on its first frame.
fn first_frame_app(dir: &tempfile::TempDir) -> App {
    let mut store = Store::open(&dir.path().join("salescoach.db")).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let mut app = App::new_drawing_first(store, ctx()).unwrap();
    app.work_beside();
    app
}

/// `first_frame_app` past the rest of Today's first frame: the coach is what is left.
fn beside_app(dir: &tempfile::TempDir) -> App {
    let mut app = first_frame_app(dir);
    take_the_rest(&mut app);
    app
}

/// The rest of Today's first frame, read beside and taken back.
fn take_the_rest(app: &mut App) {
    assert!(!app.settle(), "the rest of Today is not read in place");
    let rest = app.take_job().expect("the rest of the first frame is a job");
    assert_eq!(rest.kind(), Kind::Rest);
    assert!(app.take_job().is_none(), "the coach waits for the rest");
    assert!(app.accept(rest.run()));
    assert!(!app.settle(), "the coach is not worked out in place");
}

#[test]
fn the_coach_worked_out_beside_shows_what_the_one_in_place_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    assert!(!draw(&app, 120, 40).contains(COACH_LINE), "not there before its job is done");
    let job = app.take_job().expect("the coach is left to do");
    assert!(app.take_job().is_none(), "one job out at a time");
    assert!(app.accept(job.run()), "the answer is for the screen as it is");
    let beside = draw(&app, 120, 40);
    assert!(beside.contains(COACH_LINE), "{beside}");
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Goals), "Today is done: the goals read ahead");

    // The same file, the coach worked out in place: the same screen, cell for cell.
    let store = second_connection(&dir);
    let mut in_place = App::new_drawing_first(store, ctx()).unwrap();
    while in_place.settle() {}
    assert_eq!(draw(&in_place, 120, 40), beside);
}

#[test]
fn an_answer_for_an_older_refresh_is_dropped_and_the_coach_is_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let old = app.take_job().unwrap();
    // A change (here a reload) while the job is out: its answer no longer fits the screen.
    app.handle_event(&key('r'));
    assert!(app.take_job().is_none(), "still one out");
    assert!(!app.accept(old.run()), "the old answer is dropped");
    assert!(!draw(&app, 120, 40).contains(COACH_LINE));
    let new = app.take_job().expect("asked again for the screen as it is now");
    assert!(app.accept(new.run()));
    assert!(draw(&app, 120, 40).contains(COACH_LINE));
}

#[test]
fn a_failed_coach_job_is_said_once_and_not_retried_until_the_next_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let job = app.take_job().unwrap();
    assert!(app.accept(job.failed("its thread stopped")));
    let status = app.status().expect("the failure is said").clone();
    assert!(status.is_error && status.text.contains("its thread stopped"), "{status:?}");
    let next = app.take_job().map(|job| job.kind());
    assert_ne!(next, Some(Kind::Coach), "not asked again on every pass of the loop after a failure");
    app.handle_event(&key('r'));
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Coach), "a refresh asks again");
}

#[test]
fn a_coach_job_reads_the_file_even_while_the_app_holds_a_write_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let job = app.take_job().unwrap();
    // Another process's long write: WAL lets the job's reader go on beside it.
    let writer = rusqlite::Connection::open(dir.path().join("salescoach.db")).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;").unwrap();
    assert!(app.accept(job.run()));
    writer.execute_batch("ROLLBACK").unwrap();
    assert!(draw(&app, 120, 40).contains(COACH_LINE));
}

/// A loop's outside that keeps the coach job out until `release_after` events were read.
struct SlowCoach {
    keys: VecDeque<Option<Event>>,
    release_after: usize,
    read: usize,
    out: Option<Job>,
    keys_while_out: usize,
}

impl Outside for SlowCoach {
    fn next_event(&mut self) -> anyhow::Result<Option<Event>> {
        self.read += 1;
        let event = self.keys.pop_front().flatten();
        if event.is_some() && self.out.as_ref().is_some_and(|job| job.kind() == Kind::Coach) {
            self.keys_while_out += 1;
        }
        Ok(event)
    }
    fn today(&mut self) -> Option<chrono::NaiveDate> {
        None
    }
    fn edit(&mut self, _text: &str) -> anyhow::Result<String> {
        unreachable!("no note is edited")
    }
    fn beside(&mut self, job: Job) -> Option<Done> {
        assert!(self.out.replace(job).is_none(), "a second job while one is out");
        None
    }
    fn done(&mut self) -> Option<Done> {
        if self.read < self.release_after {
            return None;
        }
        Some(self.out.take()?.run())
    }
}

#[test]
fn keys_are_taken_while_the_coach_job_is_out_and_its_lines_show_when_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    // Down twice while the job is out, a quiet pass, the job done, then quit.
    let keys = [Some(key('j')), Some(key('j')), None, Some(key('q'))].into();
    let mut outside = SlowCoach { keys, release_after: 3, read: 0, out: None, keys_while_out: 0 };
    let before = draw(&app, 120, 40);
    salescoach::tui::drive(&mut terminal, &mut app, &mut outside).unwrap();
    assert!(app.should_quit());
    assert_eq!(outside.keys_while_out, 2, "both keys were taken while the job was out");
    assert!(outside.out.is_none(), "the job was taken back");
    let after = terminal.backend().to_string();
    assert!(after.contains(COACH_LINE), "{after}");
    assert_ne!(selected_line(&before), selected_line(&after), "the keys moved the cursor");
}

fn selected_line(screen: &str) -> String {
    screen.lines().find(|line| line.contains('▸')).unwrap_or_default().to_string()
}

/// A job stopped (the app is ending) gives up with an "interrupted" failure instead of
/// reading the year's figures to the end; one not stopped is not disturbed by the flag.
#[test]
fn a_stopped_coach_job_gives_up() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let job = app.take_job().unwrap();
    assert!(app.accept(job.run_until(Arc::new(AtomicBool::new(true)))), "drawn again to say it");
    let said = draw(&app, 120, 40);
    assert!(said.contains("The coach lines could not be read: interrupted"), "{said}");
    app.handle_event(&key('r'));
    while app.settle() {}
    let job = app.take_job().unwrap();
    assert!(app.accept(job.run_until(Arc::new(AtomicBool::new(false)))));
    assert!(draw(&app, 120, 40).contains(COACH_LINE));
}

/// The Insights tab's job, from an app past Today's coach (taken back first).
fn insights_job(app: &mut App) -> Job {
    let coach = app.take_job().expect("Today's coach first");
    assert!(app.accept(coach.run()));
    app.handle_event(&key('7'));
    let job = app.take_job().expect("the Insights figures are left to do");
    assert_eq!(job.kind(), Kind::Insights);
    job
}

#[test]
fn the_insights_figures_worked_out_beside_show_what_the_ones_in_place_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let job = insights_job(&mut app);
    let waiting = draw(&app, 120, 40);
    assert!(waiting.contains("Working out a year of figures"), "{waiting}");
    assert!(!waiting.contains("Techniques, last 12 months"), "{waiting}");
    assert!(app.take_job().is_none(), "one job of a kind out at a time");
    assert!(app.accept(job.run()), "the answer is for the tab as it is");
    let beside = draw(&app, 120, 40);
    assert!(beside.contains("Techniques, last 12 months"), "{beside}");
    assert!(app.take_job().is_none(), "nothing left to do");

    // The same file read in place: the same tab, cell for cell.
    let store = second_connection(&dir);
    let mut in_place = App::new(store, ctx()).unwrap();
    in_place.handle_event(&key('7'));
    assert_eq!(draw(&in_place, 120, 40), beside);
}

#[test]
fn a_refresh_keeps_the_insights_figures_it_had_until_the_new_ones_come() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let first = insights_job(&mut app);
    assert!(app.accept(first.run()));
    let shown = draw(&app, 120, 40);
    app.handle_event(&key('r'));
    let old = app.take_job().expect("a refresh asks again");
    let updating = draw(&app, 120, 40);
    assert!(updating.contains("Coach · updating…"), "{updating}");
    assert!(updating.contains("Techniques, last 12 months"), "the figures it had stay: {updating}");
    // Another refresh while that job is out: its answer is shown, still updating, and the
    // figures are asked for again.
    app.handle_event(&key('r'));
    assert!(app.take_job().is_none(), "still one out");
    assert!(app.accept(old.run()), "the older answer is shown");
    assert!(draw(&app, 120, 40).contains("Coach · updating…"));
    let new = app.take_job().expect("asked again for the tab as it is now");
    assert!(app.accept(new.run()));
    // All but the status line, which now says "Reloaded".
    let page = |screen: &str| screen.lines().take(39).collect::<Vec<_>>().join("\n");
    assert_eq!(page(&draw(&app, 120, 40)), page(&shown));
}

#[test]
fn a_failed_insights_job_is_said_and_not_retried_until_the_next_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let job = insights_job(&mut app);
    assert!(app.accept(job.run_until(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true)))));
    let status = app.status().expect("the failure is said").clone();
    assert!(
        status.is_error && status.text.contains("The Insights figures could not be read: interrupted"),
        "{status:?}"
    );
    assert!(app.take_job().is_none(), "no job per pass of the loop after a failure");
    app.handle_event(&key('r'));
    assert!(app.take_job().is_some(), "a refresh asks again");
}

/// Undo and redo rebuild every screen: the rebuilt ones still work their slow figures out beside
/// the loop (at a million rows, in place, the `u` itself waited 3.3 s for Today's coach).
#[test]
fn after_an_undo_the_slow_figures_are_still_worked_out_beside() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let coach = app.take_job().unwrap();
    assert!(app.accept(coach.run()));
    // The first row, Ben Okafor's complaint, resolved, then the change undone.
    app.handle_event(&key('x'));
    common::type_text(&mut app, "Replaced the seal");
    app.handle_event(&enter);
    assert!(app.form().is_none() && app.status().is_some_and(|s| !s.is_error), "{:?}", app.status());
    app.handle_event(&key('u'));
    assert!(app.status().is_some_and(|s| s.text.starts_with("Undone:")), "{:?}", app.status());
    take_the_rest(&mut app);
    let job = app.take_job().expect("Today's coach is left to the job, not read in place");
    assert_eq!(job.kind(), Kind::Coach);
    assert!(app.accept(job.run()));
    assert!(draw(&app, 120, 40).contains(COACH_LINE));
    // The same on Insights, with a redo.
    app.handle_event(&key('7'));
    let job = app.take_job().expect("Insights asks for a job");
    assert!(app.accept(job.run()));
    app.handle_event(&key('U'));
    assert!(app.status().is_some_and(|s| s.text.starts_with("Redone:")), "{:?}", app.status());
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Insights), "Insights read in place after the undo");
}

/// While another process writes every second, each write a refresh, the first answer is
/// already outdated when it comes: the tab shows it, marked updating, rather than waiting
/// for one that fits.
#[test]
fn the_first_insights_figures_show_even_when_a_refresh_overtook_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let first = insights_job(&mut app);
    app.handle_event(&key('r'));
    assert!(app.accept(first.run()));
    let shown = draw(&app, 120, 40);
    assert!(!shown.contains("Working out a year of figures"), "{shown}");
    assert!(shown.contains("Coach · updating…") && shown.contains("Techniques, last 12 months"), "{shown}");
    let again = app.take_job().expect("the refresh's own figures are asked for");
    assert!(app.accept(again.run()));
    assert!(!draw(&app, 120, 40).contains("updating…"));
}

/// The Insights tab with its own figures in, as `insights_job` leaves it once accepted.
fn insights_shown(app: &mut App) {
    let job = insights_job(app);
    assert!(app.accept(job.run()));
}

/// The same file read in place, the same keys pressed: what the panes must look like.
fn in_place_after(dir: &tempfile::TempDir, keys: &str) -> String {
    let store = second_connection(dir);
    let mut app = App::new(store, ctx()).unwrap();
    for c in keys.chars() {
        app.handle_event(&key(c));
    }
    draw(&app, 120, 40)
}

#[test]
fn the_pages_insights_opens_are_read_beside_and_show_what_the_ones_in_place_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    insights_shown(&mut app);
    for (open, title) in [('d', "By segment"), ('o', "Objections (o: back)"), ('t', "Techniques by segment")] {
        app.handle_event(&key(open));
        let waiting = draw(&app, 120, 40);
        assert!(waiting.contains("Working out a year of figures"), "{open}: {waiting}");
        assert!(!waiting.contains(title), "{open}: {waiting}");
        let job = app.take_job().expect("the page's figures are left to do");
        assert_eq!(job.kind(), Kind::Pane);
        assert!(app.take_job().is_none(), "one page job out at a time");
        assert!(app.accept(job.run()));
        let shown = draw(&app, 120, 40);
        assert!(shown.contains(title), "{open}: {shown}");
        assert_eq!(shown, in_place_after(&dir, &format!("7{open}")), "{open}");
        app.handle_event(&key(open));
    }
}

#[test]
fn grouping_a_page_otherwise_drops_the_answer_for_the_old_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    insights_shown(&mut app);
    app.handle_event(&key('d'));
    let by_segment = app.take_job().unwrap();
    // b before the figures came: the answer is for segments, the page wants industries.
    app.handle_event(&key('b'));
    assert!(app.take_job().is_none(), "still one out");
    assert!(!app.accept(by_segment.run()), "figures for the old grouping are dropped");
    assert!(draw(&app, 120, 40).contains("Working out a year of figures"));
    let by_industry = app.take_job().expect("asked again for industries");
    assert!(app.accept(by_industry.run()));
    let shown = draw(&app, 120, 40);
    assert!(shown.contains("By industry"), "{shown}");
    // The status line differs: in place it says "Grouped by industry" too.
    let page = |screen: &str| screen.lines().take(39).collect::<Vec<_>>().join("\n");
    assert_eq!(page(&shown), page(&in_place_after(&dir, "7db")));
}

#[test]
fn a_page_closed_before_its_figures_came_drops_them_and_a_failure_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    insights_shown(&mut app);
    let tab = draw(&app, 120, 40);
    app.handle_event(&key('o'));
    let job = app.take_job().unwrap();
    app.handle_event(&key('o'));
    assert!(!app.accept(job.run()), "no page to show them on");
    assert_eq!(draw(&app, 120, 40), tab);
    assert!(app.take_job().is_none(), "nothing left to do");
    app.handle_event(&key('t'));
    let job = app.take_job().unwrap();
    assert!(app.accept(job.run_until(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true)))));
    let status = app.status().expect("the failure is said").clone();
    assert!(status.is_error && status.text.contains("could not be read: interrupted"), "{status:?}");
    assert!(app.take_job().is_none(), "not retried until the next refresh");
}

/// The first frame's quick part, then the rest from beside: the same screen as read in place,
/// and a key on the quick part is taken at once.
#[test]
fn the_rest_of_the_first_frame_read_beside_shows_what_the_one_in_place_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = first_frame_app(&dir);
    let quick = draw(&app, 120, 40);
    assert!(quick.contains("Overdue (") && !quick.contains("Stay in touch ("), "{quick}");
    assert!(!app.settle());
    let rest = app.take_job().unwrap();
    app.handle_event(&key('j'));
    assert_ne!(draw(&app, 120, 40), quick, "the key moved the cursor while the rest was out");
    assert!(app.accept(rest.run()));
    let beside = draw(&app, 120, 40);
    assert!(beside.contains("Stay in touch ("), "{beside}");

    let store = second_connection(&dir);
    let mut in_place = App::new_drawing_first(store, ctx()).unwrap();
    assert!(in_place.settle(), "the rest");
    in_place.handle_event(&key('j'));
    let in_place = draw(&in_place, 120, 40);
    assert_eq!(beside, in_place);
}

/// A full refresh while the rest is out (a change, a reload) makes its answer old: dropped.
#[test]
fn a_rest_overtaken_by_a_full_refresh_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = first_frame_app(&dir);
    let rest = app.take_job().unwrap();
    app.handle_event(&key('r'));
    let reloaded = draw(&app, 120, 40);
    assert!(reloaded.contains("Stay in touch ("), "a reload reads everything: {reloaded}");
    assert!(!app.accept(rest.run()), "the older rest is dropped");
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Coach), "no rest asked again");
}

/// The number in a section's header ("Stay in touch (12)"), as drawn.
fn header_count(screen: &str, title: &str) -> u64 {
    let start = screen.find(&format!("{title} (")).unwrap_or_else(|| panic!("no {title} header: {screen}"));
    let rest = &screen[start + title.len() + 2..];
    rest[..rest.find(')').unwrap()].parse().unwrap()
}

/// Back on Today from another tab: the quick part is read at once, the rows it had of the
/// rest (stay in touch, the deals going cold, the goals) stay on screen, and a fresh rest is
/// read beside, as on the first frame; at a million rows the rest took the key half a second.
#[test]
fn back_on_today_the_rest_is_read_beside_keeping_what_it_had_until_it_comes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let coach = app.take_job().unwrap();
    assert!(app.accept(coach.run()));
    let complete = draw(&app, 120, 40);
    let calls = header_count(&complete, "Stay in touch");
    app.handle_event(&key('4'));

    // Meanwhile a contact with the first customer to get back in touch with, logged by
    // another process: the rest read beside sees it.
    contact_the_first_to_call(&dir);

    app.handle_event(&key('1'));
    assert!(!app.settle(), "nothing slow is read in place");
    let kept = draw(&app, 120, 40);
    assert_eq!(header_count(&kept, "Stay in touch"), calls, "the rows it had stay until the fresh ones come");
    let rest = app.take_job().expect("the rest is read beside");
    assert_eq!(rest.kind(), Kind::Rest);
    assert!(app.take_job().is_none(), "the coach waits for the rest");
    assert!(app.accept(rest.run()));
    let fresh = draw(&app, 120, 40);
    assert_eq!(header_count(&fresh, "Stay in touch"), calls - 1, "{fresh}");
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Coach), "then the coach, beside");
}

/// Back on Today twice while the first rest is out: that rest is newer than the one on
/// screen, so it is shown (with the newer quick part) and a fresh one asked for; rests would
/// otherwise never come while another process writes faster than they are read.
#[test]
fn a_rest_overtaken_by_another_return_to_today_is_shown_and_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let calls = header_count(&draw(&app, 120, 40), "Stay in touch");
    come_back(&mut app, '1');
    let first = app.take_job().expect("the rest, beside");
    contact_the_first_to_call(&dir);
    come_back(&mut app, '1');
    assert!(app.take_job().is_none(), "one rest out at a time");
    assert!(app.accept(first.run()), "newer than the rest on screen: shown");
    assert_eq!(header_count(&draw(&app, 120, 40), "Stay in touch"), calls - 1, "it read the file as it is now");
    let second = app.take_job().expect("asked again for the latest refresh");
    assert_eq!(second.kind(), Kind::Rest);
    assert!(app.accept(second.run()));
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Coach), "the wait is over");
}

/// A rest handed out before a read in place (a reload here) is older than what that read
/// showed: dropped, even when a return to Today since waits for one.
#[test]
fn a_rest_older_than_a_read_in_place_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    come_back(&mut app, '1');
    let old = app.take_job().unwrap();
    contact_the_first_to_call(&dir);
    app.handle_event(&key('r'));
    come_back(&mut app, '1');
    let kept = draw(&app, 120, 40);
    assert!(!app.accept(old.run()), "older than the reload's");
    assert_eq!(draw(&app, 120, 40), kept);
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Rest), "the return's rest is asked for");
}

/// A connection of its own to the app's file, as another process has.
fn second_connection(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("salescoach.db")).unwrap()
}

/// The first customer Today would have the seller get back in touch with.
fn first_to_call(store: &Store) -> i64 {
    let config = salescoach::config::Config::default();
    let list = store.checklist(today(), &config.cadence_defaults(), config.new_cards_per_day).unwrap();
    list.stay_in_touch.first().expect("the demo has customers to call").customer_id
}

/// Leaves for the Follow-ups tab and comes back to the tab on `tab`'s key.
fn come_back(app: &mut App, tab: char) {
    app.handle_event(&key('4'));
    app.handle_event(&key(tab));
}

/// Another process logs a contact with the first customer Today would have the seller call.
fn contact_the_first_to_call(dir: &tempfile::TempDir) {
    let mut other = second_connection(dir);
    let lapsed = first_to_call(&other);
    other
        .log_interaction(&salescoach::domain::sale::NewInteraction {
            customer_id: lapsed,
            technique_id: None,
            product_id: None,
            kind: salescoach::domain::sale::InteractionKind::Call,
            outcome: salescoach::domain::sale::Outcome::None,
            lost_reason: String::new(),
            happened_on: today(),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        })
        .unwrap();
}

/// Back on the Goals tab: every goal's pace and forecast read the period's sales and every
/// open deal (half a second at a million rows), so they are read beside while the tab shows
/// the rows it had, which keys typed ahead act on. The first visit has none: read in place.
#[test]
fn back_on_goals_the_rows_are_read_beside_keeping_those_it_had_until_they_come() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    app.handle_event(&key('2'));
    assert!(app.take_job().is_none(), "the first visit reads its rows in place");
    let first = draw(&app, 120, 40);
    assert!(first.contains("▸ "), "{first}");

    // A goal archived by another process while the seller is on another tab.
    app.handle_event(&key('4'));
    let mut other = second_connection(&dir);
    let goals = other.goals(false).unwrap();
    assert!(goals.len() >= 3, "the demo's goals");
    let gone = &goals[0];
    other.set_goal_archived(gone.id, true).unwrap();

    app.handle_event(&key('2'));
    assert_eq!(draw(&app, 120, 40), first, "the rows it had, until the fresh ones come");
    let job = app.take_job().expect("the rows are read beside");
    assert_eq!(job.kind(), Kind::Goals);
    assert!(app.take_job().is_none(), "one out at a time");
    app.handle_event(&key('j'));
    let moved = draw(&app, 120, 40);
    assert_ne!(moved, first, "a key typed ahead moves over the rows it had");
    assert!(app.accept(job.run()));
    let beside = draw(&app, 120, 40);
    assert!(beside.contains("▸ "), "{beside}");
    assert!(!beside.contains(&gone.title), "the archived goal is gone: {beside}");
    assert!(app.take_job().is_none(), "nothing left to read");

    // The same file read in place, the cursor on the goal the key chose.
    let store = second_connection(&dir);
    let mut in_place = App::new_drawing_first(store, ctx()).unwrap();
    in_place.handle_event(&key('2'));
    draw(&in_place, 120, 40);
    let selected = selected_line(&moved);
    let after_marker = selected.split('▸').nth(1).unwrap().trim_start();
    let goal_title = after_marker.split("  ").next().unwrap().to_string();
    assert!(selected_line(&beside).contains(&goal_title), "the cursor stayed on {goal_title}: {beside}");
    for _ in 0..goals.len() {
        if selected_line(&draw(&in_place, 120, 40)).contains(&goal_title) {
            break;
        }
        in_place.handle_event(&key('j'));
    }
    assert_eq!(draw(&in_place, 120, 40), beside);
}

/// A change while the goals are out (here a reload) reads them in place: the answer is old.
#[test]
fn goals_overtaken_by_a_reload_are_dropped_and_not_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    app.handle_event(&key('2'));
    come_back(&mut app, '2');
    let job = app.take_job().unwrap();
    app.handle_event(&key('r'));
    let reloaded = draw(&app, 120, 40);
    assert!(!app.accept(job.run()), "dropped");
    assert!(app.take_job().is_none(), "the reload read them");
    assert_eq!(draw(&app, 120, 40), reloaded);
}

/// Goals overtaken by another return, or a reload after their read began and then a return:
/// the first are newer than the rows on screen (shown, and asked again), the second older
/// than what the reload showed (dropped).
#[test]
fn goals_overtaken_by_a_return_are_shown_and_asked_again_unless_older_than_a_read_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    app.handle_event(&key('2'));
    let had = draw(&app, 120, 40);
    let mut other = second_connection(&dir);
    let gone = other.goals(false).unwrap().into_iter().next().unwrap();
    other.set_goal_archived(gone.id, true).unwrap();
    come_back(&mut app, '2');
    let first = app.take_job().unwrap();
    come_back(&mut app, '2');
    assert_eq!(draw(&app, 120, 40), had);
    assert!(app.accept(first.run()), "newer than the rows on screen");
    assert!(!draw(&app, 120, 40).contains(&gone.title));
    let second = app.take_job().expect("asked again for the latest return");
    assert!(app.accept(second.run()));
    assert!(app.take_job().is_none(), "the wait is over");

    come_back(&mut app, '2');
    let old = app.take_job().unwrap();
    other.set_goal_archived(gone.id, false).unwrap();
    app.handle_event(&key('r'));
    assert!(draw(&app, 120, 40).contains(&gone.title), "the reload read the goal back");
    come_back(&mut app, '2');
    let kept = draw(&app, 120, 40);
    assert!(!app.accept(old.run()), "older than the reload's");
    assert_eq!(draw(&app, 120, 40), kept);
}

/// A read that fails (here its thread stopped) is said, the rows it had stay, and it is not
/// asked for again until the next return to the tab.
#[test]
fn failed_goals_are_said_and_the_rows_it_had_stay() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    app.handle_event(&key('2'));
    come_back(&mut app, '2');
    let had = draw(&app, 120, 40);
    let job = app.take_job().unwrap();
    assert!(app.accept(job.failed("its thread stopped")));
    let status = app.status().expect("the failure is said").clone();
    assert!(status.is_error && status.text.contains("The goals could not be read: its thread stopped"), "{status:?}");
    assert!(draw(&app, 120, 40).contains(had.lines().nth(2).unwrap()), "the rows it had stay");
    assert!(app.take_job().is_none(), "not asked again on every pass of the loop");
    come_back(&mut app, '2');
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Goals), "a return asks again");
}

/// Another process's write (a command in a second terminal) reloads the screen in view the
/// way a return to it does: Today's quick part at once and its rest beside, the Goals tab's
/// rows beside; at a million rows each such write held the keys half a second.
#[test]
fn a_write_by_another_process_reads_the_slow_part_beside() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let coach = app.take_job().unwrap();
    assert!(app.accept(coach.run()));
    assert!(!app.notice_outside_writes(), "nothing written yet");
    let calls = header_count(&draw(&app, 120, 40), "Stay in touch");
    let overdue = header_count(&draw(&app, 120, 40), "Overdue");

    let mut other = second_connection(&dir);
    let lapsed = first_to_call(&other);
    other
        .add_followup(&salescoach::domain::followup::NewFollowup {
            customer_id: lapsed,
            kind: salescoach::domain::followup::FollowupKind::CheckIn,
            reason: "Planned from the other window".into(),
            due_on: today() - chrono::Days::new(1),
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: today(),
        })
        .unwrap();

    assert!(app.notice_outside_writes(), "the write is seen");
    assert!(!app.settle(), "nothing slow read in place");
    let quick = draw(&app, 120, 40);
    assert_eq!(header_count(&quick, "Overdue"), overdue + 1, "the quick part is read at once");
    assert_eq!(header_count(&quick, "Stay in touch"), calls, "the rows it had of the rest stay");
    let rest = app.take_job().expect("the rest, beside");
    assert_eq!(rest.kind(), Kind::Rest);
    assert!(app.accept(rest.run()));
    let fresh = draw(&app, 120, 40);
    assert_eq!(header_count(&fresh, "Stay in touch"), calls - 1, "a call is planned with them now: {fresh}");

    // On Goals (after a first visit), the same write reads the rows beside.
    app.handle_event(&key('2'));
    assert!(app.take_job().is_none(), "the first visit reads in place");
    let mut other = second_connection(&dir);
    let goal = other.goals(false).unwrap().into_iter().next().unwrap();
    other.set_goal_archived(goal.id, true).unwrap();
    assert!(app.notice_outside_writes());
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Goals));
}

/// Once Today is complete (its rest and coach lines in), the goals are read ahead, once, so
/// the first visit to Goals shows them at once (and reads them again beside, as any return).
#[test]
fn the_goals_are_read_ahead_once_today_is_complete_and_the_first_visit_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let coach = app.take_job().unwrap();
    assert_eq!(coach.kind(), Kind::Coach);
    assert!(app.take_job().is_none(), "nothing read ahead while Today still waits");
    assert!(app.accept(coach.run()));
    let ahead = app.take_job().expect("the goals, read ahead");
    assert_eq!(ahead.kind(), Kind::Goals);
    assert!(app.accept(ahead.run()));
    assert!(app.take_job().is_none(), "read ahead once");

    app.handle_event(&key('2'));
    let shown = draw(&app, 120, 40);
    assert_eq!(app.take_job().map(|job| job.kind()), Some(Kind::Goals), "read again beside, as a return is");
    let store = second_connection(&dir);
    let mut in_place = App::new_drawing_first(store, ctx()).unwrap();
    in_place.handle_event(&key('2'));
    assert_eq!(draw(&in_place, 120, 40), shown, "the rows a read in place shows");
}

/// A first visit before the goals read ahead came reads them in place; the answer, older
/// than that read, is dropped.
#[test]
fn a_first_visit_before_the_goals_read_ahead_came_reads_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = beside_app(&dir);
    let coach = app.take_job().unwrap();
    assert!(app.accept(coach.run()));
    let ahead = app.take_job().unwrap();
    assert_eq!(ahead.kind(), Kind::Goals);
    app.handle_event(&key('2'));
    let read = draw(&app, 120, 40);
    assert!(read.contains("▸ "), "{read}");
    assert!(!app.accept(ahead.run()), "older than the read in place");
    assert!(app.take_job().is_none());
    assert_eq!(draw(&app, 120, 40), read);
}

/// An undo while the first frame's rest is out: the rebuilt Today numbers its refreshes
/// from the start again, so the rest read before the undo (the complaint still resolved)
/// carries a ticket the new screen hands out too. It is dropped, not shown as the latest.
#[test]
fn a_rest_read_before_an_undo_is_not_shown_on_the_rebuilt_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("salescoach.db")).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let config = salescoach::config::Config::default();
    let list = store.checklist(today(), &config.cadence_defaults(), config.new_cards_per_day).unwrap();
    let open = list.complaints.len() as u64;
    let ben = list.complaints.iter().find(|c| c.customer == "Ben Okafor").unwrap().id;
    store.resolve_complaint(ben, today(), "Replaced the seal").unwrap();
    let mut app = App::new_drawing_first(store, ctx()).unwrap();
    app.work_beside();
    let old = app.take_job().unwrap();
    assert_eq!(old.kind(), Kind::Rest);
    let old = old.run();
    app.handle_event(&key('u'));
    assert!(app.status().is_some_and(|s| s.text.starts_with("Undone:")), "{:?}", app.status());
    assert_eq!(header_count(&draw(&app, 120, 40), "Open complaints"), open, "reopened");
    let new = app.take_job().unwrap();
    assert_eq!((new.kind(), new.ticket()), (Kind::Rest, old.ticket()), "the same ticket, another screen");
    assert!(!app.accept(old), "read before the undo");
    assert!(app.accept(new.run()));
    while let Some(job) = app.take_job() {
        app.accept(job.run());
    }
    assert_eq!(header_count(&draw(&app, 120, 40), "Open complaints"), open);
}

/// The goals read before an undo (a goal archived by another window, then the seller's `u`
/// undoing it) carry a ticket newer than any the rebuilt Goals screen has handed out yet:
/// dropped, so the restored goal shows and the screen's own answers settle it.
#[test]
fn goals_read_before_an_undo_are_dropped_and_the_rebuilt_screen_settles() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = first_frame_app(&dir);
    while let Some(job) = app.take_job() {
        app.accept(job.run());
    }
    app.handle_event(&key('2'));
    let job = app.take_job().unwrap();
    assert!(app.accept(job.run()));
    let mut other = second_connection(&dir);
    let goal = other.goals(false).unwrap().into_iter().next().unwrap();
    other.set_goal_archived(goal.id, true).unwrap();
    assert!(app.notice_outside_writes());
    let old = app.take_job().unwrap().run();
    app.handle_event(&key('u'));
    assert!(draw(&app, 120, 40).contains(&goal.title), "restored");
    come_back(&mut app, '2');
    let new = app.take_job().unwrap();
    assert!(!app.accept(old), "read before the undo");
    assert!(app.accept(new.run()));
    assert!(app.take_job().is_none(), "settled: not asked again on every pass");
    assert!(draw(&app, 120, 40).contains(&goal.title));
}

/// The cursor on the first frame's cards row; the rest brings hundreds of customers to get
/// back in touch with above it, further than the rows the screen holds at hand. The cursor
/// stays on the cards row: Enter starts the review, not a call.
#[test]
fn the_cursor_stays_on_its_item_when_the_rest_moves_it_far() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("salescoach.db")).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    for i in 0..300 {
        let lapsed = salescoach::domain::customer::NewCustomer {
            name: format!("Lapsed {i:03}"),
            created_on: today() - chrono::Days::new(400),
            ..Default::default()
        };
        store.add_customer(&lapsed).unwrap();
    }
    let mut app = App::new_drawing_first(store, ctx()).unwrap();
    app.work_beside();
    app.handle_event(&key('G'));
    let before = selected_line(&draw(&app, 120, 40));
    assert!(before.contains("card"), "{before}");
    let rest = app.take_job().unwrap();
    assert_eq!(rest.kind(), Kind::Rest);
    assert!(app.accept(rest.run()));
    let after = draw(&app, 120, 40);
    let to_call = after.split(" to call").next().and_then(|s| s.rsplit(' ').next()).and_then(|n| n.parse().ok());
    assert!(to_call.is_some_and(|n: u64| n >= 300), "the rest came: {after}");
    assert_eq!(selected_line(&after), before);
}
