//! The application state: which screen is showing, one state per tab, overlays, the status
//! line. `handle_key` turns keys into actions through the keymap; only `update` changes state.

use super::action::Action;
use super::beside::{Answered, Done, Job, Work};
use super::context::Ctx;
use super::forms;
use super::screens::{Screen, Screens};
use super::tab::Tab;
use super::widgets::form::Form;
use super::widgets::scroll::Scroll;
use super::widgets::search::SearchState;
use crate::demo::demo_plan;
use crate::store::Store;
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// First run on an empty database: offer demo data or a fresh start.
    Welcome,
    Tabs,
}

/// A note's text on its way to $EDITOR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub note_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub(super) store: Store,
    pub(super) ctx: Ctx,
    pub(super) mode: Mode,
    pub(super) tab: Tab,
    pub(super) screens: Screens,
    /// Help overlay scroll position, when it is open.
    pub(super) help: Option<Scroll>,
    /// The form on top, when one is open.
    pub(super) form: Option<Form>,
    /// Playbook cards shown in the help overlay's place (Ctrl-p in a form), while it is open.
    pub(super) playbook: Option<Vec<ratatui::text::Line<'static>>>,
    /// The search overlay, when open.
    pub(super) search: Option<SearchState>,
    /// A note whose text waits to be edited in $EDITOR (the loop suspends the screen).
    pub(super) pending_edit: Option<EditRequest>,
    /// The tab a review was started from (Today's cards row); leaving the review goes back.
    pub(super) review_from: Option<Tab>,
    /// Where each jump to another tab came from (Today -> a customer, search -> a note),
    /// latest last: Esc or q goes back there, with its selection, before anything else.
    pub(super) way_back: Vec<Tab>,
    pub(super) status: Option<Status>,
    pub(super) quit: bool,
    /// Ctrl-z was pressed: the loop gives the terminal back and stops.
    pub(super) suspend_requested: bool,
    /// The store's `data_version` when last looked at; another process's commit changes it.
    pub(super) seen_data_version: Option<i64>,
    /// The row and time of the last click, to tell a double click.
    pub(super) last_click: Option<(u16, std::time::Instant)>,
    /// The width of the last frame drawn, to find the tab under a click.
    pub(super) frame_width: std::cell::Cell<u16>,
    /// The slow figures are worked out beside the loop (`take_job`), not by `settle`.
    pub(super) beside: bool,
    /// Today draws what is quick first and its coach lines after (`settle`).
    draw_first: bool,
    /// How many times the screens were made anew (undo, redo): a job handed out for the
    /// screens before has its answer dropped.
    screens_made: u64,
}

impl App {
    pub fn new(store: Store, ctx: Ctx) -> Result<Self> {
        Self::build(store, ctx, false)
    }

    /// For the real terminal: Today's coach lines are worked out after the first frame is
    /// drawn (`settle`), so a very large database still opens at once.
    pub fn new_drawing_first(store: Store, ctx: Ctx) -> Result<Self> {
        Self::build(store, ctx, true)
    }

    fn build(store: Store, ctx: Ctx, draw_first: bool) -> Result<Self> {
        let mode = if store.has_user_data()? { Mode::Tabs } else { Mode::Welcome };
        let mut app = Self {
            store,
            ctx,
            mode,
            tab: Tab::Today,
            screens: Screens::default(),
            help: None,
            form: None,
            playbook: None,
            search: None,
            pending_edit: None,
            review_from: None,
            way_back: Vec::new(),
            status: None,
            quit: false,
            suspend_requested: false,
            seen_data_version: None,
            last_click: None,
            frame_width: std::cell::Cell::new(0),
            beside: false,
            screens_made: 0,
            draw_first,
        };
        app.fresh_screens();
        app.refresh_current()?;
        app.seen_data_version = app.store.data_version().ok();
        // A damaged or read-only file: said at once, with the way out.
        if let Some(why) = app.store.refusal() {
            app.status = Some(Status { text: why, is_error: true });
        }
        Ok(app)
    }

    /// Finishes the slow part of the screen in view (the rest of Today, then its coach
    /// unless that is worked out beside); true when there was some, so the loop draws again
    /// before it waits for a key.
    pub fn settle(&mut self) -> bool {
        if self.tab != Tab::Today || self.mode != Mode::Tabs {
            return false;
        }
        match self.screens.today.settle(&self.ctx, &mut self.store, self.beside) {
            Ok(settled) => settled,
            Err(err) => {
                self.status = Some(Status { text: format!("{err:#}"), is_error: true });
                false
            }
        }
    }

    /// From now on the slow figures (the rest of Today's first frame, and of a return to
    /// it, and its coach lines; the Goals tab's rows on a return to it; the Insights tab
    /// and its pages) are worked out beside the loop, on connections of
    /// their own (`take_job`, `accept`), so no key waits for them. Only for a store in a
    /// file: an in-memory one has no second connection.
    pub fn work_beside(&mut self) {
        self.beside = self.store.path().is_some();
        if self.beside {
            self.screens.insights.work_beside();
        }
    }

    /// Every screen new (after an undo, say), set up as the app was: deferring, beside.
    pub(super) fn fresh_screens(&mut self) {
        self.screens = Screens::default();
        self.screens_made += 1;
        if self.draw_first {
            self.screens.today.defer_coach();
        }
        if self.beside {
            self.screens.insights.work_beside();
        }
    }

    /// The work the screen in view wants done beside the loop, if any is left and none of
    /// its kind is out.
    pub fn take_job(&mut self) -> Option<Job> {
        if !self.beside || self.mode != Mode::Tabs {
            return None;
        }
        let work = match self.tab {
            Tab::Today => {
                let today = &mut self.screens.today;
                let goals = &mut self.screens.goals;
                today.rest_job(&self.ctx, &self.store).map(Work::Rest).or_else(|| {
                    today.coach_job(&self.ctx, &self.store).map(Work::Coach).or_else(|| {
                        // Once Today is complete, so as not to slow it down.
                        let ahead = today.settled().then(|| goals.read_ahead_job(&self.ctx, &self.store));
                        ahead.flatten().map(Work::Goals)
                    })
                })
            }
            Tab::Goals => self.screens.goals.job(&self.ctx, &self.store).map(Work::Goals),
            Tab::Insights => self.screens.insights.job(&self.ctx, &self.store),
            _ => None,
        };
        work.map(|work| Job { screens: self.screens_made, work })
    }

    /// A job's answer: shown if it is for the screen as it is now; true when shown (or a
    /// failure said), so the loop draws again. An answer for screens since made anew (an
    /// undo, a redo) is dropped: it was read before the change, and its ticket is one the
    /// new screens may hand out again.
    pub fn accept(&mut self, done: Done) -> bool {
        if done.screens != self.screens_made {
            return false;
        }
        let (shown, what) = match done.answer {
            Answered::Rest(done) => {
                (self.screens.today.accept_rest(done, &self.ctx, &mut self.store), "Today's goals and checklist")
            }
            Answered::Coach(done) => (self.screens.today.accept_coach(done), "The coach lines"),
            Answered::Goals(done) => (self.screens.goals.accept(done), "The goals"),
            Answered::Insights(done) => (self.screens.insights.accept(done), "The Insights figures"),
            Answered::Pane(done) => (self.screens.insights.accept_pane(done, &self.ctx), "The page's figures"),
        };
        shown.unwrap_or_else(|err| {
            self.status = Some(Status { text: format!("{what} could not be read: {err:#}"), is_error: true });
            true
        })
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(super) fn screen(&self) -> &dyn Screen {
        self.screens.get(self.tab)
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// Applies one action. A failure becomes a status-line message, never a crash.
    pub fn update(&mut self, action: Action) {
        // Quitting keeps the last message, so whoever looks afterwards still sees it.
        if !matches!(
            action,
            Action::Tick | Action::WheelDown | Action::WheelUp | Action::Quit | Action::Back | Action::Suspend
        ) {
            self.status = None;
        }
        if let Err(err) = self.try_update(action) {
            self.status = Some(Status { text: format!("{err:#}"), is_error: true });
        }
    }

    fn try_update(&mut self, action: Action) -> Result<()> {
        // Whatever is open stays open for `fg`.
        if action == Action::Suspend {
            self.suspend_requested = true;
            return Ok(());
        }
        // Esc closes whatever is on top exactly like q does.
        let on_top = self.help.is_some() || self.form.is_some() || self.search.is_some();
        let action = if action == Action::Leave && on_top { Action::Back } else { action };
        if let Some(scroll) = self.help.as_mut() {
            match action {
                Action::Back | Action::ToggleHelp => {
                    self.help = None;
                    self.playbook = None;
                }
                Action::Down | Action::WheelDown => scroll.by(1),
                Action::Up | Action::WheelUp => scroll.by(-1),
                Action::PageDown => scroll.by(10),
                Action::PageUp => scroll.by(-10),
                Action::Top => scroll.top(),
                Action::Bottom => scroll.bottom(),
                Action::Quit => self.quit = true,
                _ => {}
            }
            return Ok(());
        }
        if self.search.is_some() {
            return self.update_search(action);
        }
        if self.form.is_some() && action == Action::Playbook {
            return self.open_playbook();
        }
        if self.form.is_some() {
            return self.update_form(action);
        }
        match action {
            Action::Quit => self.quit = true,
            Action::LogSale => self.open_form(forms::sale_form_for(self.screen().customer_in_view())),
            Action::Search => self.search = Some(SearchState::default()),
            Action::LogInteraction => self.open_form(match self.screen().customer_in_view() {
                Some(id) => forms::interaction_form_for(id),
                None => forms::interaction_form(),
            }),
            Action::ToggleHelp => self.help = Some(Scroll::default()),
            Action::NextTab => self.switch_to(self.tab.next())?,
            Action::PrevTab => self.switch_to(self.tab.prev())?,
            Action::GoTo(tab) => self.switch_to(tab)?,
            Action::Click { column, row: super::render::TAB_ROW } => {
                if let Some(tab) = self.tab_at(column) {
                    self.switch_to(tab)?;
                }
            }
            Action::Refresh => {
                self.refresh_current()?;
                self.set_status("Reloaded");
            }
            Action::LoadDemo => self.load_demo()?,
            Action::Undo => self.undo_or_redo(false)?,
            Action::Redo => self.undo_or_redo(true)?,
            Action::StartEmpty => {
                self.mode = Mode::Tabs;
                self.set_status("Empty database: press ? for keys");
            }
            other => self.update_screen(other)?,
        }
        Ok(())
    }

    fn load_demo(&mut self) -> Result<()> {
        let plan = demo_plan(self.ctx.today)?;
        let summary = self.store.load_plan(&plan)?;
        self.mode = Mode::Tabs;
        self.tab = Tab::Today;
        self.refresh_current()?;
        self.set_status(format!(
            "Demo loaded: {} customers, {} sales, {} open follow-ups",
            summary.customers, summary.sales, summary.open_followups
        ));
        Ok(())
    }

    /// The clock moved on (the app stayed open past midnight): show the new day's work.
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        if today != self.ctx.today {
            self.ctx.today = today;
            if let Err(err) = self.refresh_current() {
                self.status = Some(Status { text: format!("{err:#}"), is_error: true });
            }
        }
    }

    /// Whether Ctrl-z asked the loop to suspend; asking clears it.
    pub fn take_suspend_request(&mut self) -> bool {
        std::mem::take(&mut self.suspend_requested)
    }

    /// Shows what another process wrote since the last look (a CLI command, a second
    /// window), keeping the selection on its item. `true` when the screen was reloaded.
    pub fn notice_outside_writes(&mut self) -> bool {
        // A failed look is not worth a message every second; the next one may work.
        let Ok(version) = self.store.data_version() else { return false };
        if self.seen_data_version.replace(version) == Some(version) {
            return false;
        }
        if let Err(err) = self.reload_current() {
            self.status = Some(Status { text: format!("{err:#}"), is_error: true });
        }
        true
    }

    /// A message from outside the app's own actions (the background backup).
    pub fn report(&mut self, text: String, is_error: bool) {
        self.status = Some(Status { text, is_error });
    }

    pub(super) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), is_error: false });
    }
}
