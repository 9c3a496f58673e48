//! One file per tab. Each screen declares its own keys, refreshes itself from the store and
//! renders from borrowed state.

pub mod briefing;
pub mod customer_detail;
pub mod customers;
pub mod followups;
pub mod goal_detail;
pub mod goals;
pub mod goals_job;
pub mod insight_page;
pub mod insights;
pub mod insights_job;
pub mod insights_panes;
pub mod knowledge;
pub mod knowledge_pages;
pub mod motivation;
pub mod objection_page;
pub mod pipeline;
mod pipeline_columns;
pub mod quality;
pub mod review;
pub mod sales_log;
pub mod segment_table;
pub mod technique_groups_page;
pub mod today;
pub mod today_coach;
pub mod today_rest;

use super::action::Action;
use super::context::Ctx;
use super::keymap::Binding;
use super::tab::Tab;
use super::widgets::form::Form;
use crate::store::Store;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What a screen's update asks the app to do next.
pub enum Effect {
    /// The action means nothing here; the app may apply its default (Back quits).
    Ignored,
    Done,
    Status(String),
    OpenForm(Form),
    /// Switch to the Customers tab with this customer open.
    OpenCustomer(i64),
    /// Switch to the Knowledge tab and start today's flashcard review.
    StartReview,
    /// The review was left; the app returns to where it was started from.
    ReviewEnded,
    /// Suspend the screen and edit this note's text in $EDITOR.
    EditNoteBody(i64),
}

/// One state per tab, each by its own type: the app routes cross-screen moves (open a
/// customer, start a review, show a search hit) to the screen that does them, so the
/// `Screen` trait stays the small contract every tab fulfils.
#[derive(Default)]
pub struct Screens {
    pub today: today::TodayScreen,
    pub goals: goals::GoalsScreen,
    pub customers: customers::CustomersScreen,
    pub followups: followups::FollowupsScreen,
    pub knowledge: knowledge::KnowledgeScreen,
    pub motivation: motivation::MotivationScreen,
    pub insights: insights::InsightsScreen,
}

impl Screens {
    pub fn get(&self, tab: Tab) -> &dyn Screen {
        match tab {
            Tab::Today => &self.today,
            Tab::Goals => &self.goals,
            Tab::Customers => &self.customers,
            Tab::Followups => &self.followups,
            Tab::Knowledge => &self.knowledge,
            Tab::Motivation => &self.motivation,
            Tab::Insights => &self.insights,
        }
    }

    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Screen {
        match tab {
            Tab::Today => &mut self.today,
            Tab::Goals => &mut self.goals,
            Tab::Customers => &mut self.customers,
            Tab::Followups => &mut self.followups,
            Tab::Knowledge => &mut self.knowledge,
            Tab::Motivation => &mut self.motivation,
            Tab::Insights => &mut self.insights,
        }
    }
}

/// A complaint's age ("open 3d", counted like the coach's "open for 3 days") and where its
/// reply stands against the 48 hours ("reply 1d late", "reply in 1d", "replied").
pub fn complaint_clocks(c: &crate::domain::care::Complaint, today: chrono::NaiveDate) -> (String, String) {
    let age = format!("open {}d", (today - c.opened_on).num_days());
    let due = (c.due_on() - today).num_days();
    let reply = match (c.first_response_on, due) {
        (Some(_), _) => "replied".to_string(),
        (None, d) if d < 0 => format!("reply {}d late", -d),
        (None, 0) => "reply today".to_string(),
        (None, d) => format!("reply in {d}d"),
    };
    (age, reply)
}

pub trait Screen {
    /// Keys specific to this screen, searched before the list and global keys.
    fn keys(&self) -> &'static [Binding];

    /// Whether the list movement keys apply.
    fn has_list(&self) -> bool {
        true
    }

    /// Reloads what the screen shows.
    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()>;

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect>;

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);

    /// The customer the selection is about, so `S` and `L` can start with it filled in.
    fn customer_in_view(&self) -> Option<i64> {
        None
    }

    /// Footer hints for a special mode (a review); `None` keeps the usual ones.
    fn footer_hints(&self) -> Option<&'static [(&'static str, &'static str)]> {
        None
    }

    /// Extra lines for the `?` overlay, above the keys (a goal explains its numbers).
    fn help_extra(&self, _ctx: &Ctx) -> Vec<Line<'static>> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    //! Every list keeps its selection on the same item when a write by another process
    //! reloads it: a row arriving above must not move the selection to a neighbour.

    use crate::domain::customer::NewCustomer;
    use crate::domain::followup::{FollowupKind, NewFollowup};
    use crate::domain::goal::{Metric, NewGoal, WorkingDays};
    use crate::domain::knowledge::NewProduct;
    use crate::store::Store;
    use crate::tui::{Action, App, Ctx, Tab, Theme};
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The app on a demo database file, and a second connection to that file: another
    /// process, as far as SQLite can tell.
    fn app_and_outsider(dir: &tempfile::TempDir) -> (App, Store) {
        let path = dir.path().join("shared.db");
        let mut store = Store::open(&path).unwrap();
        store.load_plan(&crate::demo::demo_plan(day("2026-11-27")).unwrap()).unwrap();
        let ctx = Ctx { today: day("2026-11-27"), config: crate::config::Config::default(), theme: Theme::mono() };
        (App::new(store, ctx).unwrap(), Store::open(&path).unwrap())
    }

    fn draw(app: &App) -> String {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal.draw(|frame| app.render(frame)).unwrap();
        terminal.backend().to_string()
    }

    fn selected_line(app: &App) -> String {
        let screen = draw(app);
        let line = screen.lines().find(|line| line.contains('▸'));
        let line = line.unwrap_or_else(|| panic!("nothing selected:\n{screen}"));
        // The list's part: a detail pane beside it shows other lines on other rows.
        line.split('│').next().unwrap_or(line).to_string()
    }

    /// On `tab`, `downs` rows down, `write` from outside puts `shown` above the selection.
    fn keeps_its_item(tab: Tab, downs: usize, write: impl FnOnce(&mut Store), shown: &str) {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, mut outsider) = app_and_outsider(&dir);
        app.update(Action::GoTo(tab));
        // Drawn first, as the loop does: the lists learn their height.
        draw(&app);
        for _ in 0..downs {
            app.update(Action::Down);
        }
        let before = selected_line(&app);
        assert!(!app.notice_outside_writes(), "nothing written yet");
        write(&mut outsider);
        assert!(app.notice_outside_writes(), "{tab:?}: the outside write went unnoticed");
        let screen = draw(&app);
        assert!(screen.contains(shown), "{tab:?}: '{shown}' not shown:\n{screen}");
        assert_eq!(selected_line(&app), before, "{tab:?}: the selection moved to another item");
        assert!(!app.notice_outside_writes(), "seen once, not again");
    }

    fn overdue_followup(store: &mut Store) {
        let followup = NewFollowup {
            customer_id: 1,
            kind: FollowupKind::CheckIn,
            reason: "Written by another process".into(),
            due_on: day("2026-10-01"),
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: day("2026-09-01"),
        };
        store.add_followup(&followup).unwrap();
    }

    #[test]
    fn today_keeps_the_selected_row() {
        keeps_its_item(Tab::Today, 4, overdue_followup, "Written by another process");
    }

    #[test]
    fn followups_keep_the_selected_row() {
        keeps_its_item(Tab::Followups, 3, overdue_followup, "Written by another process");
    }

    #[test]
    fn customers_keep_the_selected_customer() {
        let add = |store: &mut Store| {
            let customer =
                NewCustomer { name: "Aaron Abbott".into(), created_on: day("2026-11-27"), ..NewCustomer::default() };
            store.add_customer(&customer).unwrap();
        };
        keeps_its_item(Tab::Customers, 4, add, "Aaron Abbott");
    }

    #[test]
    fn goals_keep_the_selected_goal() {
        let add = |store: &mut Store| {
            let goal = NewGoal {
                title: "Sooner than the rest".into(),
                metric: Metric::Deals,
                unit: String::new(),
                target: 3,
                start_on: day("2026-11-01"),
                deadline_on: day("2026-11-30"),
                working_days: WorkingDays::default(),
            };
            store.add_goal(&goal).unwrap();
        };
        keeps_its_item(Tab::Goals, 1, add, "Sooner than the rest");
    }

    #[test]
    fn knowledge_keeps_the_selected_product() {
        let add = |store: &mut Store| {
            let product = NewProduct {
                name: "Aardvark grinder".into(),
                category: String::new(),
                price_minor: 100,
                description: String::new(),
            };
            store.add_product(&product).unwrap();
        };
        keeps_its_item(Tab::Knowledge, 1, add, "Aardvark grinder");
    }

    #[test]
    fn motivation_keeps_the_selected_item() {
        // A favourite comes first: the last item, favourited elsewhere, moves to the top.
        let favourite_last = |store: &mut Store| {
            let last = store.items(None, false).unwrap().last().unwrap().id;
            store.set_item_favourite(last, true).unwrap();
        };
        keeps_its_item(Tab::Motivation, 3, favourite_last, "★");
    }

    #[test]
    fn two_windows_settle_instead_of_reloading_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, outsider) = app_and_outsider(&dir);
        let ctx = Ctx { today: first.ctx().today, config: first.ctx().config.clone(), theme: Theme::mono() };
        let mut second = App::new(outsider, ctx).unwrap();
        for _ in 0..3 {
            assert!(!first.notice_outside_writes() && !second.notice_outside_writes());
        }
    }
}
