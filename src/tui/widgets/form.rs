//! A form: labelled text fields validated as you type. Nothing is saved until every field is
//! valid and the seller presses Enter; Esc leaves without a trace. `form_view.rs` draws it.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// What submitting the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    LogSale,
    LogInteraction,
    AddGoal,
    EditGoal(i64),
    CompleteFollowup(i64),
    SnoozeFollowup(i64),
    AddFollowup,
    ResolveComplaint(i64),
    OpenComplaint,
    Rate,
    AddCustomer,
    EditCustomer(i64),
    FilterCustomers,
    AddNote,
    EditNote(i64),
    AddCard,
    AddItem,
    EditItem(i64),
    AddProduct,
    EditProduct(i64),
    GoalEntry(i64),
    EditSale(i64),
    AddDeal,
    EditDeal(i64),
    WinDeal(i64),
    LoseDeal(i64),
    EditCard(i64),
    EditComplaint(i64),
    EditFollowup(i64),
    EditInteraction(i64),
    RefundSale(i64),
    FilterLog,
    LogPeriod,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not yet judged (an optional field left empty is fine).
    Empty,
    /// Valid; the text is what it was understood as ("Fri 4 Dec", "$1,234.50").
    Valid(String),
    Invalid(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// For enum fields: the accepted values as the seller reads them (labels, never the
    /// stored names: "stay in touch", not "stay_in_touch"), cycled with ←/→.
    pub choices: Vec<std::borrow::Cow<'static, str>>,
    /// Shown but not editable (a goal's metric once the goal exists).
    pub locked: bool,
    /// The value was filled in for the seller (a preset, the customer in view, a choice
    /// stepped to) and not yet typed into: like selected text, the first key typed
    /// replaces it, so `3` never turns `#32` into `#323`.
    pub preset: bool,
    pub status: Status,
}

impl Field {
    pub fn text(label: &'static str, value: &str) -> Self {
        Self::choice(label, Vec::new(), value)
    }

    pub fn choice(label: &'static str, choices: Vec<&'static str>, value: &str) -> Self {
        Self::named_choice(label, choices.into_iter().map(Into::into).collect(), value)
    }

    /// A choice among names the seller made (the pipeline's stages).
    pub fn named_choice(label: &'static str, choices: Vec<std::borrow::Cow<'static, str>>, value: &str) -> Self {
        let preset = !value.is_empty();
        Self { label, input: Input::new(value.to_string()), choices, locked: false, preset, status: Status::Empty }
    }

    pub fn locked(label: &'static str, value: &str) -> Self {
        Self { locked: true, ..Self::text(label, value) }
    }

    pub fn value(&self) -> &str {
        self.input.value().trim()
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save was refused, if it was.
    pub error: Option<String>,
    /// What Esc says for a form offered after another was saved (the sale a won quote
    /// brings): that first save stands, so "nothing was saved" would be wrong.
    pub declined: Option<String>,
    /// The values before the seller's first key (taken then, so a form its builder
    /// adjusted after `new` starts clean): Esc after typing asks before dropping them.
    opened_with: Option<Vec<String>>,
    /// Esc was pressed once on a changed form; a second Esc drops the changes.
    pub leaving: bool,
}

impl Form {
    /// The cursor starts on the first field left for the seller to fill: a filled-in
    /// field is never the first focus (unless every field is filled in).
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Self {
        let open = |f: &Field| !f.locked && f.input.value().is_empty();
        let focus = fields.iter().position(open).or_else(|| fields.iter().position(|f| !f.locked)).unwrap_or(0);
        Self {
            title: title.into(),
            purpose,
            fields,
            focus,
            error: None,
            declined: None,
            opened_with: None,
            leaving: false,
        }
    }

    /// Whether the seller's keys changed anything.
    pub fn is_changed(&self) -> bool {
        self.opened_with.as_ref().is_some_and(|old| self.fields.iter().zip(old).any(|(f, v)| f.value() != v))
    }

    fn before_a_key(&mut self) {
        if self.opened_with.is_none() {
            self.opened_with = Some(self.fields.iter().map(|f| f.value().to_string()).collect());
        }
    }

    /// A form over a record's own values (an edit): the cursor starts on the first field.
    pub fn edit(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Self {
        let focus = fields.iter().position(|f| !f.locked).unwrap_or(0);
        Self { focus, ..Self::new(title, purpose, fields) }
    }

    pub fn value(&self, label: &str) -> &str {
        self.fields.iter().find(|f| f.label == label).map_or("", Field::value)
    }

    pub fn set_status(&mut self, label: &str, status: Status) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.label == label) {
            field.status = status;
        }
    }

    pub fn first_invalid(&self) -> Option<usize> {
        self.fields.iter().position(|f| matches!(f.status, Status::Invalid(_)))
    }

    pub fn is_valid(&self) -> bool {
        self.first_invalid().is_none()
    }

    pub fn move_focus(&mut self, delta: isize) {
        let len = self.fields.len() as isize;
        self.focus = ((self.focus as isize + delta).rem_euclid(len)) as usize;
    }

    /// ←/→ on an enum field steps through its values.
    pub fn cycle(&mut self, delta: isize) {
        self.before_a_key();
        let field = &mut self.fields[self.focus];
        if field.choices.is_empty() || field.locked {
            return;
        }
        let len = field.choices.len() as isize;
        let current = field.choices.iter().position(|c| c.eq_ignore_ascii_case(field.input.value().trim()));
        let next = match current {
            Some(i) => (i as isize + delta).rem_euclid(len),
            None => 0,
        };
        field.input = Input::new(field.choices[next as usize].to_string());
        field.preset = true;
    }

    /// A key typed into the focused field. Into a preset value, a character replaces it and
    /// Backspace or Delete clears it; a cursor key keeps it for editing.
    pub fn type_key(&mut self, key: KeyEvent) {
        self.before_a_key();
        self.error = None;
        let field = &mut self.fields[self.focus];
        if field.locked {
            return;
        }
        if std::mem::take(&mut field.preset) {
            let clears = matches!(key.code, KeyCode::Backspace | KeyCode::Delete);
            let typing = matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if clears || typing {
                field.input = Input::default();
            }
            if clears {
                return;
            }
        }
        field.input.handle_event(&Event::Key(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            "Test",
            Purpose::LogSale,
            vec![Field::text("Customer", ""), Field::choice("Kind", vec!["call", "email", "visit"], "call")],
        )
    }

    #[test]
    fn typing_goes_to_the_focused_field() {
        let mut f = form();
        for c in "Ma".chars() {
            f.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        f.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(f.value("Customer"), "M");
        f.move_focus(1);
        f.cycle(1);
        assert_eq!(f.value("Kind"), "email");
        f.cycle(-2);
        assert_eq!(f.value("Kind"), "visit", "wraps around");
        f.move_focus(1);
        assert_eq!(f.focus, 0, "focus wraps too");
    }

    fn type_text(f: &mut Form, text: &str) {
        for c in text.chars() {
            f.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn the_first_focus_is_the_first_field_left_to_fill() {
        let fields =
            vec![Field::text("Customer", "#32"), Field::choice("Kind", vec!["a"], "a"), Field::text("Score", "")];
        assert_eq!(Form::new("t", Purpose::Rate, fields).focus, 2);
        let filled = vec![Field::locked("Metric", "units"), Field::text("Title", "x")];
        assert_eq!(Form::new("t", Purpose::Rate, filled).focus, 1, "all filled in: the first editable one");
    }

    #[test]
    fn typing_into_a_preset_replaces_it() {
        let mut f = Form::new("t", Purpose::Rate, vec![Field::text("Customer", "#32"), Field::text("Score", "")]);
        f.focus = 0;
        type_text(&mut f, "3");
        assert_eq!(f.value("Customer"), "3", "replaced, not #323");
        type_text(&mut f, "4");
        assert_eq!(f.value("Customer"), "34", "typed text is the seller's own: it grows");
        // A choice stepped to is a preset too: `→` then `fri` gives fri.
        let mut f = Form::new("t", Purpose::Rate, vec![Field::choice("Until", vec!["tomorrow", "+3d"], "mon")]);
        f.cycle(1);
        type_text(&mut f, "fri");
        assert_eq!(f.value("Until"), "fri");
        // Backspace clears a preset; a cursor key keeps it to edit.
        let mut f = Form::new("t", Purpose::Rate, vec![Field::text("Date", "today")]);
        f.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(f.value("Date"), "");
        let mut f = Form::new("t", Purpose::Rate, vec![Field::text("Date", "today")]);
        f.type_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        type_text(&mut f, "!");
        assert_eq!(f.value("Date"), "today!");
    }

    #[test]
    fn validity_follows_the_statuses() {
        let mut f = form();
        assert!(f.is_valid());
        f.set_status("Kind", Status::Invalid("no".into()));
        assert_eq!(f.first_invalid(), Some(1));
        f.set_status("Kind", Status::Valid("call".into()));
        assert!(f.is_valid());
    }
}
