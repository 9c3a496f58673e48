//! One customer: contact and demographic fields, lifetime value, cadence, next follow-up,
//! satisfaction history, complaints, the latest contacts with their notes, and purchases.
//! Lines are wrapped here, each under its own value (a hanging indent), never under a label.

use crate::domain::cadence::{CadenceState, days_since};
use crate::domain::care::{Complaint, Score, bucket};
use crate::domain::customer::Customer;
use crate::domain::sale::{Outcome, SaleKind};
use crate::domain::text::{columns, one_line, pad_left};
use crate::store::pages::Contact;
use crate::store::{CustomerFigures, SaleRow, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::hanging;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Labels take this many columns, the longest ("Last contact") with two spaces after it.
const LABEL: usize = 14;
/// How many of the latest contacts the page lists.
const CONTACTS: u64 = 5;

pub struct Detail {
    pub customer: Customer,
    pub figures: CustomerFigures,
    pub scores: Vec<Score>,
    pub complaints: Vec<Complaint>,
    pub contacts: Vec<Contact>,
    pub purchases: Vec<SaleRow>,
}

pub fn load(store: &Store, id: i64, ctx: &Ctx) -> Result<Detail> {
    let customer = store.customer(id)?;
    Ok(Detail {
        figures: store.customer_figures(&customer, &ctx.config.cadence_defaults())?,
        scores: store.scores(id)?.into_iter().take(5).collect(),
        complaints: store.complaints(Some(id))?.into_iter().take(3).collect(),
        contacts: store.recent_contacts(id, CONTACTS)?,
        purchases: store.purchase_history(id, 12)?,
        customer,
    })
}

/// The page's lines for `width` columns.
fn lines(d: &Detail, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let c = &d.customer;
    let theme = &ctx.theme;
    let money = |v: i64| ctx.config.currency.format(v);
    let mut lines = vec![Line::styled(one_line(&c.name).into_owned(), theme.header)];
    let field = |lines: &mut Vec<Line<'static>>, label: &str, value: &str, style: Style| {
        let label = Span::styled(format!("{label:<LABEL$}"), theme.dim);
        lines.extend(hanging(label, &one_line(value), style, width));
    };
    for (label, value) in [("Company", &c.company), ("Email", &c.email), ("Phone", &c.phone)] {
        if !value.is_empty() {
            field(&mut lines, label, value, Style::new());
        }
    }
    let demographics: Vec<&str> =
        [&c.segment, &c.industry, &c.region].iter().map(|s| s.as_str()).filter(|s| !s.is_empty()).collect();
    if !demographics.is_empty() {
        field(&mut lines, "Segment", &demographics.join(" · "), Style::new());
    }
    if !c.tags.is_empty() {
        field(&mut lines, "Tags", &c.tags, Style::new());
    }
    if !c.notes.trim().is_empty() {
        field(&mut lines, "Notes", &c.notes, Style::new());
    }
    let since = days_since(c.last_contact_on, ctx.today);
    let state = d.figures.cadence.state(since);
    let state_style = match state {
        CadenceState::Fine => theme.good,
        CadenceState::Amber => theme.warning,
        CadenceState::Red => theme.danger,
    };
    let contact = format!("{} ({since} days) · {}", c.last_contact_on.format("%-d %b %Y"), state.label());
    field(&mut lines, "Last contact", &contact, state_style);
    let cadence = format!("every {} days, at most {}", d.figures.cadence.ideal_days, d.figures.cadence.max_days);
    field(&mut lines, "Cadence", &cadence, Style::new());
    let next = d.figures.next_followup.as_ref().map_or("none planned (p plans one)".to_string(), |(day, reason)| {
        format!("{} · {}", day.format("%a %-d %b"), one_line(reason))
    });
    field(&mut lines, "Next", &next, Style::new());
    let since = d.figures.first_purchase.map(|day| format!(" since {}", day.format("%b %Y"))).unwrap_or_default();
    let value = format!("{} over {} purchases{since}", money(d.figures.lifetime_value), d.figures.purchases);
    field(&mut lines, "Value", &value, Style::new());
    if let Some(latest) = d.scores.first() {
        let scores: Vec<String> =
            d.scores.iter().map(|s| format!("{} ({})", s.score, s.rated_on.format("%-d %b"))).collect();
        field(&mut lines, "Scores", &format!("{} · latest {}", scores.join(", "), bucket(latest.score)), Style::new());
    }
    for complaint in &d.complaints {
        let (status, style) = match complaint.resolved_on {
            Some(day) => (format!("resolved {}", day.format("%-d %b")), theme.dim),
            None => {
                let (age, reply) = super::complaint_clocks(complaint, ctx.today);
                (format!("{age}, {reply}"), theme.danger)
            }
        };
        let text = format!("{} [{}] {status}", one_line(&complaint.summary), complaint.severity.label());
        field(&mut lines, "Complaint", &text, style);
    }
    contact_lines(d, ctx, width, &mut lines);
    purchase_lines(d, ctx, &mut lines);
    lines
}

/// The latest contacts, each with what was noted on it under it.
fn contact_lines(d: &Detail, ctx: &Ctx, width: usize, lines: &mut Vec<Line<'static>>) {
    if d.contacts.is_empty() {
        return;
    }
    lines.push(Line::styled("Latest contacts", ctx.theme.header));
    for contact in &d.contacts {
        let mut what = vec![contact.kind.label().to_string()];
        if contact.outcome != Outcome::None {
            what.push(contact.outcome.label().to_string());
        }
        what.extend(contact.technique.iter().chain(&contact.product).map(|t| one_line(t).into_owned()));
        let day = Span::styled(format!(" {:<LABEL$}", contact.happened_on.format("%-d %b %y")), ctx.theme.dim);
        lines.extend(hanging(day, &what.join(" · "), Style::new(), width));
        if !contact.note.trim().is_empty() {
            let indent = Span::raw(" ".repeat(LABEL + 1));
            lines.extend(hanging(indent, &one_line(&contact.note), ctx.theme.dim, width));
        }
    }
}

/// Purchases with the amounts right-aligned in their own column.
fn purchase_lines(d: &Detail, ctx: &Ctx, lines: &mut Vec<Line<'static>>) {
    if d.purchases.is_empty() {
        return;
    }
    lines.push(Line::styled("Purchases", ctx.theme.header));
    let amounts: Vec<String> = d.purchases.iter().map(|s| ctx.config.currency.format(s.amount_minor)).collect();
    let amount_width = amounts.iter().map(|a| columns(a)).max().unwrap_or(0);
    for (sale, amount) in d.purchases.iter().zip(amounts) {
        let refund = if sale.kind == SaleKind::Refund { "refund " } else { "" };
        lines.push(Line::raw(format!(
            " {:<9}  {}  {refund}{}",
            sale.sold_on.format("%-d %b %y").to_string(),
            pad_left(&amount, amount_width),
            one_line(sale.product.as_deref().unwrap_or("-"))
        )));
    }
}

pub fn render(d: &Detail, ctx: &Ctx, area: Rect, buf: &mut Buffer, scroll: &Scroll) {
    scroll.render(Paragraph::new(lines(d, ctx, usize::from(area.width))), area, buf);
}
