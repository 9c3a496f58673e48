//! Drawing a form: each field on one row, what it was understood as (or why it is wrong)
//! wrapped under it with a hanging indent, the refusal of the last save pinned on top.
//! Everything is measured in terminal columns, so a wide glyph never reaches the border.

use super::form::{Form, Status};
use super::wrap::{clip, wrap};
use crate::domain::text::one_line;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

const LABEL_WIDTH: usize = 13;
/// Where values and their notes start: after the label and one space.
const VALUE_COLUMN: usize = LABEL_WIDTH + 1;

pub struct FormView<'a> {
    pub form: &'a Form,
    pub theme: &'a Theme,
}

/// The rows a form draws inside its border: the pinned error, then the fields.
struct Rows {
    error: Vec<Line<'static>>,
    fields: Vec<Line<'static>>,
    /// The row (in `fields`) of the focused field's value, and one past its notes.
    focus: (usize, usize),
}

impl FormView<'_> {
    fn popup_width(area: Rect) -> u16 {
        area.width.min(70)
    }

    fn value_width(inner_width: u16) -> usize {
        usize::from(inner_width).saturating_sub(VALUE_COLUMN).max(1)
    }

    fn rows(&self, inner_width: u16) -> Rows {
        let width = Self::value_width(inner_width);
        let error = match &self.form.error {
            Some(text) => wrap(&one_line(text), usize::from(inner_width).max(1))
                .into_iter()
                .map(|row| Line::styled(row, self.theme.error))
                .collect(),
            None => Vec::new(),
        };
        let mut fields = Vec::new();
        let mut focus = (0, 0);
        for (index, field) in self.form.fields.iter().enumerate() {
            let focused = index == self.form.focus;
            let start = fields.len();
            let label_style = if focused { self.theme.key } else { self.theme.dim };
            let arrows = if field.choices.is_empty() || !focused { "" } else { "  ←/→" };
            let room = width.saturating_sub(if arrows.is_empty() { 0 } else { 5 });
            let shown = clip(&one_line(field.input.value()), Self::scroll(field, room), room);
            // A preset under the cursor looks selected: typing replaces it.
            let value_style = if focused && field.preset { self.theme.selected } else { Style::new() };
            fields.push(Line::from(vec![
                Span::styled(format!("{:>LABEL_WIDTH$} ", field.label), label_style),
                Span::styled(shown, value_style),
                Span::styled(arrows, self.theme.dim),
            ]));
            let (note, style) = match &field.status {
                Status::Empty => (String::new(), Style::new()),
                Status::Valid(text) => (one_line(text).into_owned(), self.theme.good),
                Status::Invalid(text) => (one_line(text).into_owned(), self.theme.danger),
            };
            for row in wrap(&note, width) {
                fields.push(Line::from(vec![Span::raw(" ".repeat(VALUE_COLUMN)), Span::styled(row, style)]));
            }
            if focused {
                focus = (start, fields.len());
            }
        }
        Rows { error, fields, focus }
    }

    /// The popup's area inside `area`: as wide as useful, as tall as its rows.
    pub fn area(&self, area: Rect) -> Rect {
        let width = Self::popup_width(area);
        let rows = self.rows(width.saturating_sub(2));
        let wanted = rows.error.len() + rows.fields.len() + 2;
        let height = area.height.min(u16::try_from(wanted).unwrap_or(u16::MAX));
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
    }

    /// How far a value is scrolled to keep the cursor in view, with a column for the
    /// cursor itself after the last character.
    fn scroll(field: &super::form::Field, room: usize) -> usize {
        field.input.visual_scroll(room.saturating_sub(1))
    }

    /// The first field row shown: the focused field and its notes stay in view.
    fn first_row(rows: &Rows, height: usize) -> usize {
        let (start, end) = rows.focus;
        end.saturating_sub(height).min(start)
    }

    /// Where the terminal cursor goes: in the focused field, after the typed text.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let inner = Block::default().borders(Borders::ALL).inner(self.area(area));
        let rows = self.rows(inner.width);
        let height = usize::from(inner.height).saturating_sub(rows.error.len());
        let row = rows.error.len() + rows.focus.0 - Self::first_row(&rows, height);
        let field = &self.form.fields[self.form.focus];
        let room = Self::value_width(inner.width).saturating_sub(if field.choices.is_empty() { 0 } else { 5 });
        let column = field.input.visual_cursor().saturating_sub(Self::scroll(field, room));
        let x = inner.x + u16::try_from(VALUE_COLUMN + column).unwrap_or(u16::MAX);
        let y = inner.y + u16::try_from(row).ok()?;
        (y < inner.bottom()).then_some(Position { x: x.min(inner.right().saturating_sub(1)), y })
    }
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = self.area(area);
        super::popup::clear(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border)
            .title(format!(" {} ", one_line(&self.form.title)))
            .title_bottom(" Enter save · Tab next · Esc cancel ");
        let inner = block.inner(popup);
        block.render(popup, buf);
        let rows = self.rows(inner.width);
        let height = usize::from(inner.height).saturating_sub(rows.error.len());
        let first = Self::first_row(&rows, height);
        let mut lines = rows.error.clone();
        lines.extend(rows.fields.into_iter().skip(first).take(height));
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::form::{Field, Purpose};

    fn drawn(form: &Form, width: u16, height: u16) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        FormView { form, theme: &Theme::mono() }.render(area, &mut buf);
        buf
    }

    fn rows_of(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (0..area.height)
            .map(|y| (0..area.width).map(|x| buf.cell((x, y)).map_or(" ", |c| c.symbol())).collect())
            .collect()
    }

    #[test]
    fn a_wide_glyph_at_the_edge_leaves_the_border_alone() {
        let mut form = Form::new("t", Purpose::AddCustomer, vec![Field::text("Name", &"山田商店".repeat(10))]);
        form.fields[0].input = tui_input::Input::new("山".repeat(30)).with_cursor(0);
        for width in 30..40 {
            let buf = drawn(&form, width, 8);
            let popup = FormView { form: &form, theme: &Theme::mono() }.area(buf.area);
            for y in popup.y + 1..popup.bottom() - 1 {
                let right = buf.cell((popup.right() - 1, y)).map(|c| c.symbol().to_string());
                assert_eq!(right.as_deref(), Some("│"), "width {width}, row {y}:\n{}", rows_of(&buf).join("\n"));
            }
        }
    }

    #[test]
    fn a_long_note_wraps_under_the_value_and_the_error_sits_on_top() {
        let mut form = Form::new("t", Purpose::AddFollowup, vec![Field::text("Due", "x"), Field::text("Time", "")]);
        let why = "use YYYY-MM-DD, today, tomorrow, +3d, +2w, a weekday (fri), next mon or last fri";
        form.fields[0].status = Status::Invalid(why.into());
        form.error = Some("Check Due: nothing was saved".into());
        let rows = rows_of(&drawn(&form, 50, 12)).join("\n");
        assert!(rows.contains("│Check Due: nothing was saved"), "{rows}");
        for piece in ["use YYYY-MM-DD, today, tomorrow,", "+3d, +2w, a weekday (fri),", "mon or last fri"] {
            let row = rows.lines().find(|r| r.contains(piece)).unwrap_or_else(|| panic!("{piece}: {rows}"));
            let column = row[..row.find(piece).unwrap()].chars().count();
            assert_eq!(column, 1 + VALUE_COLUMN, "a hanging indent: {rows}");
        }
    }
}
