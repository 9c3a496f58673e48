//! Drawing the whole frame from borrowed state, region by region.

use super::app::{App, Mode};
use super::tab::Tab;
use super::widgets::form_view::FormView;
use super::widgets::help::HelpView;
use super::widgets::search::SearchView;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// The screen row of the tab bar (under the title bar).
pub const TAB_ROW: u16 = 1;

impl App {
    pub fn render(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        self.render_to(area, frame.buffer_mut());
        if let (Some(form), None) = (&self.form, &self.help) {
            if let Some(position) = (FormView { form, theme: &self.ctx.theme }).cursor(area) {
                frame.set_cursor_position(position);
            }
        }
        if let (Some(search), None) = (&self.search, &self.help) {
            frame.set_cursor_position(SearchView { state: search, theme: &self.ctx.theme }.cursor(area));
        }
    }

    pub fn render_to(&self, area: Rect, buf: &mut Buffer) {
        self.frame_width.set(area.width);
        if area.width < 10 || area.height < 4 {
            Paragraph::new("Window too small").render(area, buf);
            return;
        }
        let [title, tabs, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(self.footer_rows(area.width)),
        ])
        .areas(area);
        self.render_title_bar(title, buf);
        match self.mode {
            Mode::Welcome => self.render_welcome(Rect { height: body.height + 1, ..tabs }, buf),
            Mode::Tabs => {
                self.render_tab_bar(tabs, buf);
                self.screen().render(&self.ctx, body, buf);
            }
        }
        self.render_footer(footer, buf);
        if let Some(form) = &self.form {
            FormView { form, theme: &self.ctx.theme }.render(area, buf);
        }
        if let Some(search) = &self.search {
            SearchView { state: search, theme: &self.ctx.theme }.render(area, buf);
        }
        if let Some(scroll) = &self.help {
            let theme = &self.ctx.theme;
            match &self.playbook {
                Some(lines) => {
                    HelpView { title: "Playbook", extra: lines.clone(), groups: &[], scroll, theme }.render(area, buf)
                }
                None => {
                    let groups = self.help_groups();
                    HelpView { title: "Help", extra: self.help_extra(), groups: &groups, scroll, theme }
                        .render(area, buf)
                }
            }
        }
    }

    fn render_title_bar(&self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.ctx.theme.title);
        let date = self.ctx.today.format("%a %-d %b %Y").to_string();
        let name = if area.width >= 40 { " salescoach" } else { " sc" };
        Paragraph::new(name).style(self.ctx.theme.title).render(area, buf);
        // Writes are refused: say so where the eye lands first, on every screen.
        let mark = match (self.store.health(), self.store.access()) {
            (crate::store::Health::Damaged(_), _) => Some(" DAMAGED · read only "),
            (_, crate::store::Access::ReadOnly(_)) => Some(" read only "),
            _ => None,
        };
        if let Some(mark) = mark {
            let x = area.x + name.len() as u16 + 1;
            if area.width > x - area.x + mark.len() as u16 + 16 {
                let spot = Rect { x, width: mark.len() as u16, ..area };
                Paragraph::new(mark).style(self.ctx.theme.error).render(spot, buf);
            }
        }
        let width = date.chars().count() as u16 + 1;
        if area.width > width + name.len() as u16 {
            let right = Rect { x: area.right() - width, width, ..area };
            Paragraph::new(date).style(self.ctx.theme.title).render(right, buf);
        }
    }

    /// Each tab's label in the tab bar at this width, in order, one space apart. Narrow
    /// terminals show every number but only the active tab's name.
    fn tab_labels(&self, width: u16) -> Vec<(Tab, String)> {
        let full: u16 = Tab::ALL.iter().map(|t| t.title().len() as u16 + 3).sum();
        Tab::ALL
            .iter()
            .map(|&tab| {
                let number = tab.index() + 1;
                let whole = full <= width || tab == self.tab;
                (tab, if whole { format!("{number} {}", tab.title()) } else { number.to_string() })
            })
            .collect()
    }

    /// The tab whose label is at `column` of the tab bar, as last drawn.
    pub(super) fn tab_at(&self, column: u16) -> Option<Tab> {
        let mut x = 0u16;
        for (tab, label) in self.tab_labels(self.frame_width.get()) {
            let width = label.len() as u16;
            if (x..x + width).contains(&column) {
                return Some(tab);
            }
            x += width + 1;
        }
        None
    }

    fn render_tab_bar(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for (tab, label) in self.tab_labels(area.width) {
            let style = if tab == self.tab { self.ctx.theme.tab_active } else { self.ctx.theme.tab };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    /// A long message (an error naming a file, say) takes up to three rows, so it is read
    /// whole; the hints take one.
    fn footer_rows(&self, width: u16) -> u16 {
        let Some(status) = &self.status else { return 1 };
        let page = Paragraph::new(one_line(&status.text).into_owned()).wrap(Wrap { trim: true });
        u16::try_from(page.line_count(width.max(1))).unwrap_or(3).clamp(1, 3)
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        if let Some(status) = &self.status {
            let style = if status.is_error { self.ctx.theme.error } else { self.ctx.theme.status };
            let text = Line::styled(one_line(&status.text).into_owned(), style);
            Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        let screen_hints = if self.mode == Mode::Tabs { self.screen().footer_hints() } else { None };
        let hints: &[(&str, &str)] = match (self.mode, self.help.is_some()) {
            (_, true) => &[("?", "close"), ("j/k", "scroll")],
            (Mode::Tabs, false) if screen_hints.is_some() => screen_hints.unwrap_or_default(),
            (Mode::Welcome, _) => &[("d", "demo data"), ("n", "start empty"), ("q", "quit")],
            (Mode::Tabs, _) if area.width < 60 => &[("?", "help"), ("/", "search"), ("q", "quit")],
            (Mode::Tabs, _) => {
                &[("?", "help"), ("1-7", "tabs"), ("/", "search"), ("S", "sale"), ("L", "log"), ("q", "quit")]
            }
        };
        let mut spans = Vec::new();
        for (key, what) in hints {
            spans.push(Span::styled(*key, self.ctx.theme.key));
            spans.push(Span::styled(format!(" {what}  "), self.ctx.theme.dim));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_welcome(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let lines = vec![
            Line::styled("Welcome to salescoach", theme.header),
            Line::raw(""),
            Line::from(vec![Span::styled(" d ", theme.key), Span::raw("load a demo business to try it")]),
            Line::from(vec![Span::styled(" n ", theme.key), Span::raw("start with an empty database")]),
            Line::from(vec![Span::styled(" q ", theme.key), Span::raw("quit")]),
            Line::raw(""),
            Line::raw("This database is empty. The demo is an invented coffee"),
            Line::raw("equipment seller: 30 customers, a year of sales, goals,"),
            Line::raw("follow-ups and product notes, dated around today."),
        ];
        let width = area.width.min(64);
        let height = area.height.min(lines.len() as u16 + 2);
        let inner =
            Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).border_style(theme.border))
            .render(inner, buf);
    }
}
