//! Customers: a filterable list and, beside it (or on Enter when narrow), the selected
//! customer's contact fields, figures, satisfaction, complaints and purchases.

use super::customer_detail::{self, Detail};
use super::{Effect, Screen};
use crate::domain::customer::Customer;
use crate::domain::text::{one_line, truncate};
use crate::store::{CustomerFilter, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::render_hint;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

const MARGIN: u64 = 100;
/// From this width the detail sits beside the list.
const SIDE_BY_SIDE: u16 = 90;

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer (narrow screens)"),
    keymap::bind(&[keymap::ch('f')], Action::Filter, "filter by name, company, email, segment, region, tag"),
    keymap::bind(&[keymap::ch('a')], Action::Add, "add a customer"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the customer"),
    keymap::bind(&[keymap::ch('A')], Action::Archive, "archive or restore the customer"),
    keymap::bind(&[keymap::ch('p')], Action::Snooze, "plan a follow-up"),
    keymap::bind(&[keymap::ch('R')], Action::Rate, "record a satisfaction score (0-10)"),
    keymap::bind(&[keymap::ch('c')], Action::Complain, "log a complaint"),
    keymap::bind(&[keymap::ch('H')], Action::ShowHidden, "show or leave out archived customers"),
];

#[derive(Default)]
pub struct CustomersScreen {
    filter: CustomerFilter,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<Customer>,
    detail: Option<Detail>,
    /// On narrow screens the detail replaces the list.
    detail_open: bool,
    /// How far the detail is scrolled when it fills a narrow screen.
    detail_scroll: Scroll,
    /// Whether the last draw was narrow (detail replacing the list), so j/k scroll it.
    narrow: std::cell::Cell<bool>,
}

impl CustomersScreen {
    fn selected(&self) -> Option<&Customer> {
        let index = self.window.selected()?.checked_sub(self.cache_start)?;
        self.cache.get(index as usize)
    }

    fn fill(&mut self, store: &Store) -> Result<()> {
        let visible = self.window.visible();
        let end = self.cache_start + self.cache.len() as u64;
        let selected = self.window.selected().unwrap_or(0);
        let covered = visible.start >= self.cache_start && visible.end <= end && selected < end.max(1);
        if !covered || self.cache.is_empty() {
            self.cache_start = visible.start.saturating_sub(MARGIN);
            self.cache =
                store.customers_page(&self.filter, self.cache_start, visible.end - visible.start + 2 * MARGIN)?;
        }
        Ok(())
    }

    fn load_detail(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        let wanted = self.selected().map(|c| c.id);
        if self.detail.as_ref().map(|d| d.customer.id) != wanted || wanted.is_none() {
            self.detail = wanted.map(|id| customer_detail::load(store, id, ctx)).transpose()?;
        }
        Ok(())
    }

    fn reload(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        let kept = self.selected().map(|c| c.id);
        let total = store.customer_count(&self.filter)?;
        self.window.set_total(total, |_| true);
        self.cache.clear();
        self.fill(store)?;
        let start = self.cache_start;
        self.window.keep_on(kept, self.cache.iter().enumerate().map(|(i, c)| (start + i as u64, c.id)), |_| true);
        self.fill(store)?;
        if let Some(id) = kept.filter(|id| self.selected().map(|c| c.id) != Some(*id)) {
            // Further than the rows at hand (hundreds imported above it): found by its name.
            if let Some(position) = self.position_of(id, store)? {
                self.window.select(position, |_| true);
                self.fill(store)?;
            }
        }
        // A customer's page whose customer left the list (archived, deleted elsewhere)
        // closes rather than become the page of the customer now on its line.
        if self.detail_open && self.selected().map(|c| c.id) != kept {
            self.detail_open = false;
        }
        self.detail = None;
        self.load_detail(ctx, store)
    }

    /// Where customer `id` is in the list as filtered now, if it is there.
    fn position_of(&self, id: i64, store: &Store) -> Result<Option<u64>> {
        let Some(customer) = store.customer_if_any(id)? else { return Ok(None) };
        let position = store.customer_position(&self.filter, &customer)?;
        let found = store.customers_page(&self.filter, position, 1)?;
        Ok(found.first().filter(|c| c.id == id).map(|_| position))
    }

    /// Puts the cursor on this customer (just added or edited), wherever the name sorts.
    /// A filter that leaves the customer out is cleared; the note returned says so.
    pub fn select_customer(&mut self, id: i64, ctx: &Ctx, store: &Store) -> Result<Option<String>> {
        let customer = store.customer(id)?;
        let (position, note) = match self.position_of(id, store)? {
            Some(position) => (Some(position), None),
            None => {
                self.filter = CustomerFilter { text: String::new(), include_archived: customer.archived };
                self.reload(ctx, store)?;
                (self.position_of(id, store)?, Some(format!("filter cleared to show {}", customer.name)))
            }
        };
        if let Some(position) = position {
            self.window.select(position, |_| true);
            self.fill(store)?;
            self.load_detail(ctx, store)?;
        }
        Ok(note)
    }

    /// Applies the text typed after `f`.
    pub fn set_filter(&mut self, text: &str, ctx: &Ctx, store: &Store) -> Result<()> {
        self.filter.text = text.to_string();
        self.window.home(|_| true);
        self.reload(ctx, store)
    }

    fn render_list(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let title = if self.filter.text.is_empty() {
            format!("{} customers", self.window.total())
        } else {
            format!("{} matching '{}' (f to change)", self.window.total(), one_line(&self.filter.text))
        };
        Paragraph::new(Line::styled(title, ctx.theme.header)).render(Rect { height: 1, ..area }, buf);
        let list = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
        self.window.set_area(list, 1);
        let width = list.width as usize;
        let selected = self.window.selected();
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|flat| match flat.checked_sub(self.cache_start).and_then(|i| self.cache.get(i as usize)) {
                Some(c) => {
                    let marker = if selected == Some(flat) { "▸ " } else { "  " };
                    let company =
                        if c.company.is_empty() { String::new() } else { format!(" · {}", one_line(&c.company)) };
                    let archived = if c.archived { " (archived)" } else { "" };
                    let text = format!("{marker}{}{company}{archived}", one_line(&c.name));
                    let line = Line::raw(truncate(&text, width).into_owned());
                    if selected == Some(flat) { line.style(ctx.theme.selected) } else { line }
                }
                None => Line::styled("  …", ctx.theme.dim),
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}

impl Screen for CustomersScreen {
    fn customer_in_view(&self) -> Option<i64> {
        self.selected().map(|c| c.id)
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        self.reload(ctx, store)
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let all = |_| true;
        let id = self.selected().map(|c| c.id);
        let reading = self.detail_open && self.narrow.get();
        match action {
            Action::Up | Action::WheelUp if reading => self.detail_scroll.by(-1),
            Action::Down | Action::WheelDown if reading => self.detail_scroll.by(1),
            Action::PageUp if reading => self.detail_scroll.by(-10),
            Action::PageDown if reading => self.detail_scroll.by(10),
            Action::Top if reading => self.detail_scroll.top(),
            Action::Bottom if reading => self.detail_scroll.bottom(),
            // The list is not on screen while the page fills it.
            Action::Click { .. } if reading => {}
            action if self.window.navigate(action, all) => {}
            Action::Open => {
                self.detail_open = self.selected().is_some();
                self.detail_scroll.top();
            }
            Action::Back if self.detail_open => self.detail_open = false,
            Action::Back if !self.filter.text.is_empty() => {
                return self.set_filter("", ctx, store).map(|_| Effect::Status("Filter cleared".into()));
            }
            Action::Filter => return Ok(Effect::OpenForm(forms::filter_form(&self.filter.text))),
            Action::ShowHidden => {
                self.filter.include_archived = !self.filter.include_archived;
                self.reload(ctx, store)?;
                let what = if self.filter.include_archived {
                    "Showing archived customers too"
                } else {
                    "Archived customers left out"
                };
                return Ok(Effect::Status(what.into()));
            }
            Action::Add => return Ok(Effect::OpenForm(forms::customer_form(None))),
            Action::Edit => {
                return Ok(self.selected().map_or(Effect::Done, |c| Effect::OpenForm(forms::customer_form(Some(c)))));
            }
            Action::Snooze => return Ok(Effect::OpenForm(forms::followup_form_for(id, ctx))),
            Action::Rate => return Ok(Effect::OpenForm(forms::rate_form(id))),
            Action::Complain => return Ok(Effect::OpenForm(forms::complaint_form(id))),
            Action::Archive => {
                let Some(customer) = self.selected().cloned() else { return Ok(Effect::Done) };
                store.set_customer_archived(customer.id, !customer.archived)?;
                self.reload(ctx, store)?;
                let what = if customer.archived { "Restored" } else { "Archived (history kept; H shows archived)" };
                return Ok(Effect::Status(format!("{what}: {}", customer.name)));
            }
            _ => return Ok(Effect::Ignored),
        }
        self.fill(store)?;
        self.load_detail(ctx, store)?;
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        self.narrow.set(area.width < SIDE_BY_SIDE);
        if area.width >= SIDE_BY_SIDE {
            let [list, detail] = Layout::horizontal([Constraint::Percentage(38), Constraint::Fill(1)]).areas(area);
            self.render_list(ctx, list, buf);
            let block = Block::default().borders(Borders::LEFT).border_style(ctx.theme.border);
            let inner = block.inner(detail);
            block.render(detail, buf);
            if let Some(d) = &self.detail {
                customer_detail::render(d, ctx, inner, buf, &Scroll::default());
            }
        } else if let (true, Some(d)) = (self.detail_open, &self.detail) {
            customer_detail::render(d, ctx, area, buf, &self.detail_scroll);
        } else {
            self.render_list(ctx, area, buf);
        }
        if self.window.total() == 0 && self.filter.text.is_empty() {
            let hint = Line::from(vec![
                Span::raw("No customers yet. Press "),
                Span::styled("a", ctx.theme.key),
                Span::raw(" to add one."),
            ]);
            render_hint(vec![hint], Rect { y: area.y + 2, height: area.height - 2, ..area }, buf);
        }
    }
}

impl CustomersScreen {
    /// Shows this customer, with the filter cleared so its row is in the list.
    pub fn open_customer(&mut self, id: i64, ctx: &Ctx, store: &Store) -> Result<()> {
        let customer = store.customer(id)?;
        self.filter = CustomerFilter { text: String::new(), include_archived: customer.archived };
        self.reload(ctx, store)?;
        // Walk the pages to the customer's row: the list is by name, so count those before it.
        let position = store.customer_position(&self.filter, &customer)?;
        self.window.select(position, |_| true);
        self.fill(store)?;
        self.load_detail(ctx, store)?;
        self.detail_open = true;
        self.detail_scroll.top();
        Ok(())
    }
}
