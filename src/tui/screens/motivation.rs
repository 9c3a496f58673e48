//! Motivation: today's item on top, then every quote, tip and resource. Favourite what
//! moves you (favourites come up first as the item of the day), hide what does not.

use super::{Effect, Screen};
use crate::domain::motivation::{Item, ItemKind, ResourceStatus};
use crate::domain::text::{one_line, truncate};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::hanging;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(keymap::KeyCode::Enter)], Action::Open, "read the item in full"),
    keymap::bind(&[keymap::ch('f')], Action::Favourite, "favourite or unfavourite"),
    keymap::bind(&[keymap::ch('h')], Action::Hide, "hide or show again"),
    keymap::bind(&[keymap::ch('x'), keymap::ch(' ')], Action::Complete, "resource: to do → in progress → done"),
    keymap::bind(&[keymap::ch('a')], Action::Add, "add your own quote, tip or resource"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the text"),
    keymap::bind(&[keymap::ch('D')], Action::Delete, "delete (a built-in one never comes back)"),
    keymap::bind(&[keymap::ch('H')], Action::ShowHidden, "show or leave out hidden items"),
];

#[derive(Default)]
pub struct MotivationScreen {
    today: Option<Item>,
    items: Vec<Item>,
    show_hidden: bool,
    window: ListWindow,
    /// The item a first `D` asked about; a second `D` on it deletes.
    armed: Option<i64>,
    /// The item read in full (Enter), by id; the keys act on it.
    open: Option<i64>,
    /// How far that page is scrolled.
    scroll: Scroll,
}

impl MotivationScreen {
    fn selected(&self) -> Option<&Item> {
        match self.open {
            Some(id) => self.items.iter().find(|item| item.id == id),
            None => self.items.get(self.window.selected()? as usize),
        }
    }

    /// Puts the cursor on this item (just added or edited).
    pub fn select_item(&mut self, id: i64) {
        self.window.keep_on(Some(id), self.items.iter().enumerate().map(|(i, item)| (i as u64, item.id)), |_| true);
    }

    fn line(&self, item: &Item, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let star = if item.favourite { "★ " } else { "  " };
        let status = item.status.map(|s| format!(" [{}]", s.label())).unwrap_or_default();
        let hidden = if item.hidden { " (hidden)" } else { "" };
        let kind = format!("{:<9}", item.kind.label());
        let text_width = width.saturating_sub(2 + 2 + kind.len() + status.len() + hidden.len());
        let text = truncate(&one_line(&item.summary()), text_width).into_owned();
        let line = Line::from(vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled(star, ctx.theme.key),
            Span::styled(kind, ctx.theme.dim),
            Span::raw(text),
            Span::styled(format!("{status}{hidden}"), ctx.theme.dim),
        ]);
        if selected { line.style(ctx.theme.selected) } else { line }
    }
}

impl Screen for MotivationScreen {
    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        self.today = store.item_of_the_day(ctx.today)?;
        let kept = self.selected().map(|item| item.id);
        self.items = store.items(None, self.show_hidden)?;
        self.window.set_total(self.items.len() as u64, |_| true);
        self.window.keep_on(kept, self.items.iter().enumerate().map(|(i, item)| (i as u64, item.id)), |_| true);
        // An item deleted (or hidden, with hidden ones left out) closes its page.
        self.open = self.open.filter(|id| self.items.iter().any(|item| item.id == *id));
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if self.open.is_some() {
            // The page: movement scrolls it, Esc goes back to the list.
            match action {
                Action::Back => self.open = None,
                _ if self.scroll.follow(action) => {}
                _ => return self.act(action, ctx, store),
            }
            return Ok(Effect::Done);
        }
        if self.window.navigate(action, |_| true) {
            self.armed = None;
            return Ok(Effect::Done);
        }
        if action == Action::Open {
            self.open = self.selected().map(|item| item.id);
            self.scroll.top();
            return Ok(Effect::Done);
        }
        self.act(action, ctx, store)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        match self.selected().filter(|_| self.open.is_some()) {
            Some(item) => self.render_page(item, ctx, area, buf),
            None => self.render_list(ctx, area, buf),
        }
    }
}

impl MotivationScreen {
    /// What the keys do to the selected (or open) item.
    fn act(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let item = self.selected().cloned();
        let armed = self.armed.take();
        let message = match (action, item) {
            (Action::Add, _) => return Ok(Effect::OpenForm(forms::item_form())),
            (Action::Edit, Some(item)) => return Ok(Effect::OpenForm(forms::edit_item_form(&item))),
            (Action::ShowHidden, _) => {
                self.show_hidden = !self.show_hidden;
                if self.show_hidden { "Showing hidden items too" } else { "Hidden items left out" }.to_string()
            }
            (Action::Favourite, Some(item)) => {
                store.set_item_favourite(item.id, !item.favourite)?;
                if item.favourite { "No longer a favourite" } else { "Favourite: it comes up first" }.to_string()
            }
            (Action::Hide, Some(item)) => {
                store.set_item_hidden(item.id, !item.hidden)?;
                if item.hidden { "Shown again" } else { "Hidden: never the item of the day" }.to_string()
            }
            (Action::Complete, Some(item)) if item.kind == ItemKind::Resource => {
                let next = match item.status {
                    Some(ResourceStatus::Todo) | None => ResourceStatus::InProgress,
                    Some(ResourceStatus::InProgress) => ResourceStatus::Done,
                    Some(ResourceStatus::Done) => ResourceStatus::Todo,
                };
                store.set_resource_status(item.id, next)?;
                format!("Now {}", next.label())
            }
            (Action::Complete, Some(_)) => "Only resources have a status".to_string(),
            (Action::Delete, Some(item)) if armed == Some(item.id) => {
                store.delete_item(item.id)?;
                "Deleted".to_string()
            }
            (Action::Delete, Some(item)) => {
                self.armed = Some(item.id);
                let what = crate::domain::text::truncate(&one_line(&item.summary()), 40).into_owned();
                return Ok(Effect::Status(format!("Press D again to delete {what}")));
            }
            _ => return Ok(Effect::Ignored),
        };
        self.refresh(ctx, store)?;
        Ok(Effect::Status(message))
    }

    fn render_list(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let today = self
            .today
            .as_ref()
            .map_or("Nothing to show: add an item with a.".to_string(), |i| one_line(&i.summary()).into_owned());
        // One title row, then the item wrapped to the width (counted by characters).
        let wrapped = crate::domain::text::columns(&today).div_ceil(usize::from(area.width.max(1)));
        let top_height = (1 + wrapped).min(usize::from(area.height / 2)).max(2) as u16;
        let header = vec![Line::styled("Today", ctx.theme.header), Line::styled(today, ctx.theme.good)];
        Paragraph::new(header).wrap(Wrap { trim: true }).render(Rect { height: top_height, ..area }, buf);
        let list = Rect { y: area.y + top_height + 1, height: area.height.saturating_sub(top_height + 1), ..area };
        self.window.set_area(list, 1);
        let selected = self.window.selected();
        let lines: Vec<Line> = self
            .window
            .visible()
            .filter_map(|i| {
                self.items.get(i as usize).map(|item| self.line(item, list.width as usize, ctx, selected == Some(i)))
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }

    /// One item in full: its whole text wrapped, who said it, why it is here, its status.
    fn render_page(&self, item: &Item, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let kind = match (item.kind, item.resource_kind) {
            (ItemKind::Resource, Some(kind)) => format!("Resource: {}", kind.label()),
            (kind, _) => kind.label().to_string(),
        };
        let flags = [(item.favourite, "★ favourite"), (item.hidden, "hidden"), (item.built_in, "built in")];
        let flags: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, text)| *text).collect();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(kind, ctx.theme.header),
                Span::styled(flags.iter().map(|f| format!(" · {f}")).collect::<String>(), ctx.theme.dim),
            ]),
            Line::raw(""),
        ];
        let body = if item.kind == ItemKind::Quote { format!("“{}”", item.body) } else { item.body.clone() };
        for row in crate::domain::text::multi_line(&body).lines() {
            lines.extend(hanging(Span::raw(""), row, ctx.theme.good, width));
        }
        if !item.author.trim().is_empty() {
            lines.extend(hanging(Span::raw("— "), &one_line(&item.author), Style::new(), width));
        }
        let label = |text: &str| Span::styled(format!("{text:<8}"), ctx.theme.dim);
        let status = item.status.map(|s| s.label().to_string());
        let about = [("Why", Some(item.why.clone())), ("Topic", Some(item.topic.clone())), ("Status", status)];
        lines.push(Line::raw(""));
        for (name, value) in about {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                lines.extend(hanging(label(name), &one_line(&value), Style::new(), width));
            }
        }
        lines.push(Line::raw(""));
        let status = if item.kind == ItemKind::Resource { " · x next status" } else { "" };
        lines.push(Line::styled(format!("f favourite · h hide · e edit{status} · Esc back"), ctx.theme.dim));
        self.scroll.render(Paragraph::new(lines), area, buf);
    }
}
