//! The application state: which screen is showing, one state per tab, overlays, the status
//! line. `handle_key` turns keys into actions through the keymap; only `update` changes state.

use super::action::Action;
use super::context::Ctx;
use super::keymap::{self, Binding};
use super::screens::Screen;
use super::screens::placeholder::Placeholder;
use super::screens::today::TodayScreen;
use super::tab::Tab;
use crate::demo::demo_plan;
use crate::store::Store;
use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// First run on an empty database: offer demo data or a fresh start.
    Welcome,
    Tabs,
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
    pub(super) screens: Vec<Box<dyn Screen>>,
    /// Help overlay scroll position, when it is open.
    pub(super) help: Option<u16>,
    pub(super) status: Option<Status>,
    quit: bool,
}

impl App {
    pub fn new(store: Store, ctx: Ctx) -> Result<Self> {
        let mode = if store.counts()?.is_empty() { Mode::Welcome } else { Mode::Tabs };
        let screens: Vec<Box<dyn Screen>> = vec![
            Box::new(TodayScreen::default()),
            Box::new(Placeholder::new(
                Tab::Goals,
                "Goals with deadlines, pace and the progress chart are coming next.",
            )),
            Box::new(Placeholder::new(
                Tab::Customers,
                "The customer list with purchase history and satisfaction is coming.",
            )),
            Box::new(Placeholder::new(Tab::Followups, "Every upcoming follow-up, grouped by day, is coming.")),
            Box::new(Placeholder::new(Tab::Knowledge, "Product notes, search and flashcards are coming.")),
            Box::new(Placeholder::new(Tab::Motivation, "Quotes, tips and resources are coming.")),
            Box::new(Placeholder::new(Tab::Insights, "Technique effectiveness and coaching insights are coming.")),
        ];
        let mut app = Self { store, ctx, mode, tab: Tab::Today, screens, help: None, status: None, quit: false };
        app.refresh_current()?;
        Ok(app)
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
        self.screens[self.tab.index()].as_ref()
    }

    /// The keymap tables in force, most specific first.
    pub fn active_keys(&self) -> Vec<&'static [Binding]> {
        if self.help.is_some() {
            return vec![keymap::HELP];
        }
        if self.mode == Mode::Welcome {
            return vec![keymap::WELCOME];
        }
        let screen = self.screen();
        let mut tables = vec![screen.keys()];
        if screen.has_list() {
            tables.push(keymap::LIST);
        }
        tables.push(keymap::GLOBAL);
        tables
    }

    /// Help groups for the overlay: this screen, lists, everywhere.
    pub fn help_groups(&self) -> Vec<(&'static str, &'static [Binding])> {
        if self.mode == Mode::Welcome {
            return vec![("Welcome", keymap::WELCOME)];
        }
        let screen = self.screen();
        let mut groups = vec![(self.tab.title(), screen.keys())];
        if screen.has_list() {
            groups.push(("Lists", keymap::LIST));
        }
        groups.push(("Everywhere", keymap::GLOBAL));
        groups
    }

    pub fn handle_event(&mut self, event: &Event) {
        let action = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.action_for_key(key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollUp => Some(Action::WheelUp),
                MouseEventKind::ScrollDown => Some(Action::WheelDown),
                _ => None,
            },
            Event::Resize(..) => Some(Action::Tick),
            _ => None,
        };
        if let Some(action) = action {
            self.update(action);
        }
    }

    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        keymap::lookup(&self.active_keys(), key)
    }

    /// Applies one action. A failure becomes a status-line message, never a crash.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Tick | Action::WheelDown | Action::WheelUp) {
            self.status = None;
        }
        if let Err(err) = self.try_update(action) {
            self.status = Some(Status { text: format!("{err:#}"), is_error: true });
        }
    }

    fn try_update(&mut self, action: Action) -> Result<()> {
        if let Some(scroll) = self.help.as_mut() {
            match action {
                Action::Back | Action::ToggleHelp => self.help = None,
                Action::Down | Action::WheelDown => *scroll = scroll.saturating_add(1),
                Action::Up | Action::WheelUp => *scroll = scroll.saturating_sub(1),
                Action::Quit => self.quit = true,
                _ => {}
            }
            return Ok(());
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.quit = true,
            Action::ToggleHelp => self.help = Some(0),
            Action::NextTab => self.switch_to(self.tab.next())?,
            Action::PrevTab => self.switch_to(self.tab.prev())?,
            Action::GoTo(tab) => self.switch_to(tab)?,
            Action::Refresh => {
                self.refresh_current()?;
                self.set_status("Reloaded");
            }
            Action::LoadDemo => self.load_demo()?,
            Action::StartEmpty => {
                self.mode = Mode::Tabs;
                self.set_status("Empty database: press ? for keys");
            }
            other => {
                let index = self.tab.index();
                let message = self.screens[index].update(other, &self.ctx, &mut self.store)?;
                if let Some(text) = message {
                    self.set_status(text);
                }
            }
        }
        Ok(())
    }

    fn switch_to(&mut self, tab: Tab) -> Result<()> {
        self.tab = tab;
        self.refresh_current()
    }

    fn refresh_current(&mut self) -> Result<()> {
        let index = self.tab.index();
        self.screens[index].refresh(&self.ctx, &self.store)
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

    fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), is_error: false });
    }
}
