//! Input: which keymap tables are in force, keys and mouse events turned into actions.

use super::action::Action;
use super::app::{App, Mode};
use super::keymap::{self, Binding};
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use std::time::{Duration, Instant};

/// Two clicks on one row within this long are a double click (the usual desktop default).
const DOUBLE_CLICK: Duration = Duration::from_millis(500);

impl App {
    /// The keymap tables in force, most specific first.
    pub fn active_keys(&self) -> Vec<&'static [Binding]> {
        if self.search.is_some() && self.help.is_none() {
            return vec![keymap::SEARCH];
        }
        if self.form.is_some() && self.help.is_none() {
            return vec![keymap::FORM];
        }
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
        if self.search.is_some() {
            return vec![("Search", keymap::SEARCH)];
        }
        if self.form.is_some() {
            return vec![("Form", keymap::FORM)];
        }
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
                MouseEventKind::Down(MouseButton::Left) => self.click(mouse.column, mouse.row),
                _ => None,
            },
            Event::Resize(..) => Some(Action::Tick),
            _ => None,
        };
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// A left click: on a tab it switches, on a row it selects; a second click on the same
    /// row soon after opens it (crossterm reports single presses; the app times the pair).
    fn click(&mut self, column: u16, row: u16) -> Option<Action> {
        // Clicks are for the tabs and their lists; a form, the search or the help takes keys.
        let on_top = self.form.is_some() || self.search.is_some() || self.help.is_some();
        if on_top || self.mode == Mode::Welcome {
            return None;
        }
        let now = Instant::now();
        let double = self.last_click.is_some_and(|(r, at)| r == row && now.duration_since(at) <= DOUBLE_CLICK);
        self.last_click = (!double).then_some((row, now));
        self.update(Action::Click { column, row });
        double.then_some(Action::Open)
    }

    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        let found = keymap::lookup(&self.active_keys(), key);
        let typing = (self.form.is_some() || self.search.is_some()) && self.help.is_none();
        match found {
            None if typing => Some(Action::Input(*key)),
            _ => found,
        }
    }

    /// Extra help lines from the current screen (a goal's explanation).
    pub fn help_extra(&self) -> Vec<ratatui::text::Line<'static>> {
        if self.form.is_some() || self.mode == Mode::Welcome {
            return Vec::new();
        }
        self.screen().help_extra(&self.ctx)
    }
}
