//! Keys as data: each binding has its keys, its action and a description. The help overlay
//! and the footer are built from these tables, so they cannot drift from what the keys do.

use super::action::Action;
use super::tab::Tab;
pub use ratatui::crossterm::event::KeyCode;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub const fn key(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

impl Key {
    /// Whether a pressed key is this one. Shift is part of the character for letters and
    /// symbols (`?`, `G`), so it is only compared for non-character keys (Shift-Tab).
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && (event.modifiers & relevant) == self.mods,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && (event.modifiers & relevant) == (self.mods & relevant),
        }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub desc: &'static str,
}

/// How the help overlay and footer write a set of keys: "j ↓", "Ctrl-c".
pub fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

pub const fn bind(keys: &'static [Key], action: Action, desc: &'static str) -> Binding {
    Binding { keys, action, desc }
}

/// Ctrl-z, in every table: in raw mode the terminal sends it as a key, not as TSTP.
const SUSPEND: Binding =
    bind(&[Key { code: KeyCode::Char('z'), mods: KeyModifiers::CONTROL }], Action::Suspend, "suspend (fg returns)");

/// Keys that work on every tab.
pub const GLOBAL: &[Binding] = &[
    bind(&[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(&[ch('q')], Action::Back, "go back, or quit on a tab"),
    bind(&[key(KeyCode::Esc)], Action::Leave, "go back (never quits)"),
    bind(&[Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }], Action::Quit, "quit at once"),
    bind(&[key(KeyCode::Tab)], Action::NextTab, "next tab"),
    bind(&[key(KeyCode::BackTab)], Action::PrevTab, "previous tab"),
    bind(&[ch('1')], Action::GoTo(Tab::Today), "Today"),
    bind(&[ch('2')], Action::GoTo(Tab::Goals), "Goals"),
    bind(&[ch('3')], Action::GoTo(Tab::Customers), "Customers"),
    bind(&[ch('4')], Action::GoTo(Tab::Followups), "Follow-ups"),
    bind(&[ch('5')], Action::GoTo(Tab::Knowledge), "Knowledge"),
    bind(&[ch('6')], Action::GoTo(Tab::Motivation), "Motivation"),
    bind(&[ch('7')], Action::GoTo(Tab::Insights), "Insights"),
    bind(&[ch('r')], Action::Refresh, "reload from the database"),
    bind(&[ch('S')], Action::LogSale, "log a sale"),
    bind(&[ch('L')], Action::LogInteraction, "log a call, email, meeting, demo, visit or message"),
    bind(&[ch('/')], Action::Search, "search notes, products and customers"),
    bind(&[ch('u')], Action::Undo, "undo the latest change (again: the one before)"),
    bind(&[ch('U')], Action::Redo, "redo what was undone"),
    SUSPEND,
];

/// Keys while the search overlay is open; other keys type into the query.
pub const SEARCH: &[Binding] = &[
    bind(&[key(KeyCode::Enter)], Action::Open, "open the selected result"),
    bind(&[key(KeyCode::Esc)], Action::Back, "close the search"),
    bind(&[key(KeyCode::Down), key(KeyCode::Tab)], Action::Down, "next result"),
    bind(&[key(KeyCode::Up), key(KeyCode::BackTab)], Action::Up, "previous result"),
    bind(&[Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }], Action::Quit, "quit at once"),
    SUSPEND,
];

/// Keys while a form is open; any other key is typed into the focused field.
pub const FORM: &[Binding] = &[
    bind(&[key(KeyCode::Enter)], Action::Submit, "save (only when every field is valid)"),
    bind(&[key(KeyCode::Esc)], Action::Back, "cancel: nothing is saved"),
    bind(&[key(KeyCode::Tab), key(KeyCode::Down)], Action::NextField, "next field"),
    bind(&[key(KeyCode::BackTab), key(KeyCode::Up)], Action::PrevField, "previous field"),
    bind(
        &[Key { code: KeyCode::Right, mods: KeyModifiers::ALT }, key(KeyCode::PageDown)],
        Action::NextChoice,
        "next value of a choice field (also → in one)",
    ),
    bind(
        &[Key { code: KeyCode::Left, mods: KeyModifiers::ALT }, key(KeyCode::PageUp)],
        Action::PrevChoice,
        "previous value of a choice field (also ← in one)",
    ),
    bind(
        &[Key { code: KeyCode::Char('p'), mods: KeyModifiers::CONTROL }],
        Action::Playbook,
        "playbook cards for the technique, the objections, or the customer's segment's usual ones",
    ),
    bind(&[Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }], Action::Quit, "quit at once"),
    SUSPEND,
];

/// Movement in any list.
pub const LIST: &[Binding] = &[
    bind(&[ch('j'), key(KeyCode::Down)], Action::Down, "move down"),
    bind(&[ch('k'), key(KeyCode::Up)], Action::Up, "move up"),
    bind(
        &[key(KeyCode::PageDown), Key { code: KeyCode::Char('d'), mods: KeyModifiers::CONTROL }],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[key(KeyCode::PageUp), Key { code: KeyCode::Char('u'), mods: KeyModifiers::CONTROL }],
        Action::PageUp,
        "page up",
    ),
    bind(&[ch('g'), key(KeyCode::Home)], Action::Top, "first row"),
    bind(&[ch('G'), key(KeyCode::End)], Action::Bottom, "last row"),
];

/// The first-run welcome screen.
pub const WELCOME: &[Binding] = &[
    bind(&[ch('d')], Action::LoadDemo, "load the demo business"),
    bind(&[ch('n')], Action::StartEmpty, "start with an empty database"),
    bind(&[ch('U')], Action::Redo, "redo what was undone (the demo, after u)"),
    bind(&[ch('q'), key(KeyCode::Esc)], Action::Quit, "quit"),
    bind(&[Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }], Action::Quit, "quit at once"),
    SUSPEND,
];

/// Keys while the help overlay is open.
pub const HELP: &[Binding] = &[
    bind(&[ch('?'), ch('q'), key(KeyCode::Esc)], Action::Back, "close help"),
    bind(&[ch('j'), key(KeyCode::Down)], Action::Down, "scroll down"),
    bind(&[ch('k'), key(KeyCode::Up)], Action::Up, "scroll up"),
    bind(&[key(KeyCode::PageDown), ch(' ')], Action::PageDown, "page down"),
    bind(&[key(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind(&[ch('g'), key(KeyCode::Home)], Action::Top, "top"),
    bind(&[ch('G'), key(KeyCode::End)], Action::Bottom, "end"),
    bind(&[Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }], Action::Quit, "quit at once"),
    SUSPEND,
];

/// The first binding in `tables` (searched in order) whose keys include the pressed key.
pub fn lookup(tables: &[&[Binding]], event: &KeyEvent) -> Option<Action> {
    tables.iter().flat_map(|t| t.iter()).find(|b| b.keys.iter().any(|k| k.matches(event))).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Within one context (the tables searched together), no key may be bound twice.
    fn assert_no_duplicates(tables: &[&[Binding]]) {
        let mut seen = HashSet::new();
        for binding in tables.iter().flat_map(|t| t.iter()) {
            for key in binding.keys {
                assert!(seen.insert(*key), "{} is bound twice", key.label());
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        assert_no_duplicates(&[GLOBAL, LIST]);
        assert_no_duplicates(&[WELCOME]);
        assert_no_duplicates(&[HELP]);
        assert_no_duplicates(&[FORM]);
        assert_no_duplicates(&[SEARCH]);
    }

    #[test]
    fn lookup_respects_modifiers() {
        let press = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Leave));
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Char('c'), KeyModifiers::NONE)), None);
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::ToggleHelp));
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevTab));
        assert_eq!(lookup(&[LIST], &press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Bottom));
        assert_eq!(lookup(&[LIST], &press(KeyCode::Char('d'), KeyModifiers::CONTROL)), Some(Action::PageDown));
        assert_eq!(lookup(&[FORM], &press(KeyCode::Char('z'), KeyModifiers::CONTROL)), Some(Action::Suspend));
        assert_eq!(lookup(&[GLOBAL], &press(KeyCode::Char('z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn labels() {
        assert_eq!(keys_label(LIST[0].keys), "j ↓");
        assert_eq!(keys_label(GLOBAL[3].keys), "Ctrl-c");
    }
}
