//! The Sales log, `s` on the Goals tab: sales, refunds and interactions newest first over
//! a period, with its totals (revenue net of refunds, deals, units, average deal). `p`
//! steps the period, `P` sets any days, `f` narrows to a customer, product or technique;
//! Enter shows an entry whole, `e` edits it, `D` deletes it (asked twice), `R` refunds a
//! sale. Only the rows on screen are read.

use super::Effect;
use crate::domain::sales_log::{EntryKind, LogEntry, LogFilter, LogTotals, Period};
use crate::domain::text::{counted, fit, one_line};
use crate::store::{Named, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Rows read around the visible ones, so a few steps need no query.
const MARGIN: u64 = 50;

pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "show the entry whole"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the sale, refund or interaction"),
    keymap::bind(&[keymap::ch('D')], Action::Delete, "delete it (press twice)"),
    keymap::bind(&[keymap::ch('R')], Action::Refund, "refund the selected sale"),
    keymap::bind(&[keymap::ch('p')], Action::Period, "period: today, this week, month, year, all time"),
    keymap::bind(&[keymap::ch('P')], Action::CustomPeriod, "period: any days (from, to)"),
    keymap::bind(&[keymap::ch('f')], Action::Filter, "only a customer, product or technique"),
    keymap::bind(&[keymap::ch('s')], Action::SalesLog, "back to the goals"),
];

/// A filter as the seller gave it, with the names shown in the header.
#[derive(Debug, Clone, Default)]
struct Narrowed {
    customer: Option<(i64, String)>,
    product: Option<(i64, String)>,
    technique: Option<(i64, String)>,
}

pub struct SalesLog {
    period: Period,
    narrowed: Narrowed,
    totals: LogTotals,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<LogEntry>,
    /// The entry shown whole (Enter), read again on each refresh: rows come in above it
    /// (a refund of it is dated today, on top) and it may go.
    open: Option<LogEntry>,
    /// The entry a first `D` asked about.
    armed: Option<(EntryKind, i64)>,
}

impl Default for SalesLog {
    fn default() -> Self {
        Self {
            period: Period::Week,
            narrowed: Narrowed::default(),
            totals: LogTotals::default(),
            window: ListWindow::default(),
            cache_start: 0,
            cache: Vec::new(),
            open: None,
            armed: None,
        }
    }
}

fn name(store: &Store, what: Named, text: &str) -> Result<Option<(i64, String)>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let id = store.resolve(what, text)?;
    Ok(Some((id, store.display_name(what, id)?)))
}

impl SalesLog {
    fn filter(&self, ctx: &Ctx) -> LogFilter {
        let (from, to) = self.period.range(ctx.today, ctx.config.week_starts_monday);
        LogFilter {
            from,
            to,
            customer_id: self.narrowed.customer.as_ref().map(|c| c.0),
            product_id: self.narrowed.product.as_ref().map(|c| c.0),
            technique_id: self.narrowed.technique.as_ref().map(|c| c.0),
        }
    }

    pub fn refresh(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        if let Some(open) = self.open.take() {
            self.open = store.log_entry(open.kind, open.id)?;
        }
        let kept = self.selected().map(|e| (e.kind, e.id));
        self.totals = store.log_totals(&self.filter(ctx))?;
        self.window.set_total(self.totals.entries(), |_| true);
        self.fill(ctx, store, true)?;
        let start = self.cache_start;
        let lines = self.cache.iter().enumerate().map(|(i, e)| (start + i as u64, (e.kind, e.id)));
        self.window.keep_on(kept, lines, |_| true);
        self.fill(ctx, store, false)?;
        if let Some((kind, id)) = kept.filter(|kept| self.selected().map(|e| (e.kind, e.id)) != Some(*kept)) {
            // Further than the rows at hand (a day of sales imported above it).
            if let Some(place) = store.log_position(&self.filter(ctx), kind, id)? {
                self.window.select(place, |_| true);
                self.fill(ctx, store, false)?;
            }
        }
        Ok(())
    }

    fn fill(&mut self, ctx: &Ctx, store: &Store, force: bool) -> Result<()> {
        let visible = self.window.visible();
        let covered = visible.start >= self.cache_start && visible.end <= self.cache_start + self.cache.len() as u64;
        if covered && !force && !self.cache.is_empty() {
            return Ok(());
        }
        let start = visible.start.saturating_sub(MARGIN);
        let end = (visible.end + MARGIN).min(self.window.total());
        self.cache = store.log_entries(&self.filter(ctx), start, end - start)?;
        self.cache_start = start;
        Ok(())
    }

    fn selected(&self) -> Option<&LogEntry> {
        if let Some(open) = &self.open {
            return Some(open);
        }
        let index = self.window.selected()?.checked_sub(self.cache_start)?;
        self.cache.get(index as usize)
    }

    /// The filter form's values, applied: nothing is written.
    pub fn set_filter(&mut self, values: [&str; 3], ctx: &Ctx, store: &Store) -> Result<()> {
        self.narrowed = Narrowed {
            customer: name(store, Named::Customer, values[0])?,
            product: name(store, Named::Product, values[1])?,
            technique: name(store, Named::Technique, values[2])?,
        };
        self.open = None;
        self.window.home(|_| true);
        self.refresh(ctx, store)
    }

    pub fn set_period(&mut self, from: &str, to: &str, ctx: &Ctx, store: &Store) -> Result<()> {
        let read = |text: &str| crate::domain::date_input::parse_date(text, ctx.today);
        if let (Ok(from), Ok(to)) = (read(from), read(to)) {
            self.period = Period::Custom { from, to };
        }
        self.open = None;
        self.window.home(|_| true);
        self.refresh(ctx, store)
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if action != Action::Delete {
            self.armed = None;
        }
        if self.open.is_none() && self.window.navigate(action, |_| true) {
            self.fill(ctx, store, false)?;
            return Ok(Effect::Done);
        }
        match action {
            Action::Back => {
                // Back on the list, on the entry shown, however far rows moved it meanwhile.
                let Some(shown) = self.open.take() else { return Ok(Effect::Ignored) };
                if let Some(place) = store.log_position(&self.filter(ctx), shown.kind, shown.id)? {
                    self.window.select(place, |_| true);
                    self.fill(ctx, store, false)?;
                }
            }
            Action::Open => self.open = self.selected().cloned(),
            Action::Period => {
                self.period = self.period.next();
                self.open = None;
                self.window.home(|_| true);
                self.refresh(ctx, store)?;
                return Ok(Effect::Status(format!("Sales log: {}", self.period.label())));
            }
            Action::CustomPeriod => {
                let (from, to) = self.period.range(ctx.today, ctx.config.week_starts_monday);
                let from = from.max(crate::domain::date_input::EARLIEST).min(ctx.today);
                return Ok(Effect::OpenForm(forms::log_period_form(&from.to_string(), &to.min(ctx.today).to_string())));
            }
            Action::Filter => {
                let shown = |n: &Option<(i64, String)>| n.as_ref().map(|(id, _)| format!("#{id}")).unwrap_or_default();
                let n = &self.narrowed;
                return Ok(Effect::OpenForm(forms::log_filter_form(
                    &shown(&n.customer),
                    &shown(&n.product),
                    &shown(&n.technique),
                )));
            }
            Action::Edit | Action::Delete | Action::Refund => {
                let Some(entry) = self.selected().cloned() else {
                    return Ok(Effect::Status("Nothing selected".into()));
                };
                return self.act_on(action, &entry, ctx, store);
            }
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn act_on(&mut self, action: Action, entry: &LogEntry, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let described = describe(entry, ctx);
        Ok(match (action, entry.kind) {
            (Action::Edit, EntryKind::Interaction(_)) => {
                Effect::OpenForm(forms::edit_interaction_form(entry.id, store)?)
            }
            (Action::Edit, _) => Effect::OpenForm(forms::edit_sale_form(entry.id, store, &ctx.config.currency)?),
            (Action::Refund, EntryKind::Sale) => match store.refundable(entry.id)? {
                left if left > 0 => Effect::OpenForm(forms::refund_form(entry.id, left, &ctx.config.currency)),
                _ => Effect::Status(format!("{described} is refunded in full already")),
            },
            (Action::Refund, _) => Effect::Status("Only a sale can be refunded; select the sale".into()),
            (_, kind) if self.armed.take() != Some((kind, entry.id)) => {
                self.armed = Some((kind, entry.id));
                Effect::Status(format!("Press D again to delete {described}"))
            }
            (_, EntryKind::Interaction(_)) => {
                store.delete_interaction(entry.id)?;
                self.after_delete(ctx, store, format!("Deleted {described}"))?
            }
            (_, _) => {
                let deleted = store.delete_sale(entry.id).map_err(|e| anyhow::anyhow!(forms::short(&e)))?;
                let more = match deleted.open_followups_removed {
                    0 => String::new(),
                    n => format!(" and its {}", counted(n as i64, "open follow-up", "open follow-ups")),
                };
                self.after_delete(ctx, store, format!("Deleted {described}{more}"))?
            }
        })
    }

    fn after_delete(&mut self, ctx: &Ctx, store: &Store, message: String) -> Result<Effect> {
        self.open = None;
        self.refresh(ctx, store)?;
        Ok(Effect::Status(message))
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        let money = |v: i64| ctx.config.currency.format(v);
        let t = &self.totals;
        let mut narrowed: Vec<String> = Vec::new();
        for (what, n) in [
            ("", &self.narrowed.customer),
            ("product ", &self.narrowed.product),
            ("technique ", &self.narrowed.technique),
        ] {
            if let Some((_, name)) = n {
                narrowed.push(format!("{what}{}", one_line(name)));
            }
        }
        let title = match narrowed.is_empty() {
            true => format!("Sales log · {}", self.period.label()),
            false => format!("Sales log · {} · {}", self.period.label(), narrowed.join(" · ")),
        };
        let average = t.average_deal().map_or("n/a".into(), money);
        let figures = format!(
            "{} net · {} · {} · avg {average}",
            money(t.revenue_minor),
            counted(t.deals as i64, "deal", "deals"),
            counted(t.units, "unit", "units")
        );
        let mut lines = vec![
            Line::styled(fit(&title, width), ctx.theme.header),
            Line::styled(fit(&figures, width), ctx.theme.good),
        ];
        let body = Rect { y: area.y + 2, height: area.height.saturating_sub(2), ..area };
        if let Some(entry) = &self.open {
            Paragraph::new(lines).render(area, buf);
            Paragraph::new(whole(entry, ctx)).wrap(Wrap { trim: false }).render(body, buf);
            return;
        }
        if t.entries() == 0 {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Nothing logged in this period. "),
                Span::styled("p", ctx.theme.key),
                Span::raw(" changes it; "),
                Span::styled("S", ctx.theme.key),
                Span::raw(" logs a sale."),
            ]));
            Paragraph::new(lines).render(area, buf);
            return;
        }
        Paragraph::new(lines).render(area, buf);
        self.window.set_area(body, 1);
        let selected = self.window.selected();
        let rows: Vec<Line> = self
            .window
            .visible()
            .map(|i| match i.checked_sub(self.cache_start).and_then(|k| self.cache.get(k as usize)) {
                Some(e) => row(e, width, ctx, selected == Some(i)),
                None => Line::styled("  …", ctx.theme.dim),
            })
            .collect();
        Paragraph::new(rows).render(body, buf);
    }

    pub fn customer_in_view(&self) -> Option<i64> {
        self.selected().map(|e| e.customer_id)
    }
}

fn kind_label(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Sale => "sale",
        EntryKind::Refund => "refund",
        EntryKind::Interaction(k) => k.label(),
    }
}

/// "sale #12 ($48.90, Ada Lovelace)", "call #7 with Ada Lovelace".
fn describe(e: &LogEntry, ctx: &Ctx) -> String {
    let who = one_line(&e.customer);
    match (e.kind, e.amount_minor) {
        (EntryKind::Interaction(k), _) => format!("{} #{} with {who}", k.label(), e.id),
        (kind, Some(amount)) => {
            format!("{} #{} ({}, {who})", kind_label(kind), e.id, ctx.config.currency.format(amount))
        }
        (kind, None) => format!("{} #{} ({who})", kind_label(kind), e.id),
    }
}

fn row(e: &LogEntry, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
    let amount = match (e.kind, e.amount_minor) {
        (EntryKind::Refund, Some(a)) => ctx.config.currency.format(-a),
        (_, Some(a)) => ctx.config.currency.format(a),
        (_, None) => e.outcome.clone().filter(|o| o != "none").unwrap_or_default(),
    };
    let what = [e.product.as_deref(), e.technique.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let day = e.on.format("%a %-d %b").to_string();
    let wide = width >= 70;
    let amount_width = amount.chars().count().max(if wide { 12 } else { 0 });
    // Narrow: the name takes what the day and the amount leave.
    let name_width = if wide { 22 } else { width.saturating_sub(2 + 11 + amount_width + 1) };
    let what_width = if wide { width.saturating_sub(2 + 11 + 8 + name_width + 1 + amount_width + 1) } else { 0 };
    let mut spans =
        vec![Span::raw(if selected { "▸ " } else { "  " }), Span::styled(format!("{day:<11}"), ctx.theme.dim)];
    if wide {
        spans.push(Span::raw(format!("{:<8}", kind_label(e.kind))));
    }
    spans.push(Span::raw(format!("{} ", fit(&one_line(&e.customer), name_width))));
    if wide {
        spans.push(Span::styled(format!("{} ", fit(&one_line(&what), what_width)), ctx.theme.dim));
    }
    let style = if e.kind == EntryKind::Refund { ctx.theme.danger } else { ratatui::style::Style::new() };
    spans.push(Span::styled(format!("{amount:>amount_width$}"), style));
    let line = Line::from(spans);
    if selected { line.style(ctx.theme.selected) } else { line }
}

/// Every field of an entry, for Enter.
fn whole(e: &LogEntry, ctx: &Ctx) -> Vec<Line<'static>> {
    let mut lines = vec![Line::raw(""), Line::styled(describe(e, ctx), ctx.theme.header)];
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            lines.push(Line::raw(format!("  {label:<11} {value}")));
        }
    };
    field("Date", e.on.format("%A %-d %B %Y").to_string());
    field("Customer", one_line(&e.customer).into_owned());
    field("Product", e.product.as_deref().map(|p| one_line(p).into_owned()).unwrap_or_default());
    field("Technique", e.technique.as_deref().map(|t| one_line(t).into_owned()).unwrap_or_default());
    field("Amount", e.amount_minor.map(|a| ctx.config.currency.format(a)).unwrap_or_default());
    field("Units", e.quantity.map(|q| q.to_string()).unwrap_or_default());
    field("Outcome", e.outcome.clone().unwrap_or_default());
    field("Objections", one_line(&e.objections).into_owned());
    field("Response", one_line(&e.response).into_owned());
    for (i, text) in crate::domain::text::multi_line(&e.note).lines().enumerate() {
        let label = if i == 0 { "Note" } else { "" };
        lines.push(Line::raw(format!("  {label:<11} {text}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("e edit · D delete · R refund a sale · Esc back", ctx.theme.dim));
    lines
}
