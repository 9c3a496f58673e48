//! One customer: contact and demographic fields, lifetime value, cadence, next follow-up,
//! satisfaction history, complaints and the latest purchases.

use crate::domain::cadence::{CadenceState, days_since};
use crate::domain::care::{Complaint, Score, bucket};
use crate::domain::customer::Customer;
use crate::domain::sale::SaleKind;
use crate::domain::text::one_line;
use crate::store::{CustomerFigures, SaleRow, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::scroll::Scroll;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub struct Detail {
    pub customer: Customer,
    pub figures: CustomerFigures,
    pub scores: Vec<Score>,
    pub complaints: Vec<Complaint>,
    pub purchases: Vec<SaleRow>,
}

pub fn load(store: &Store, id: i64, ctx: &Ctx) -> Result<Detail> {
    let customer = store.customer(id)?;
    Ok(Detail {
        figures: store.customer_figures(&customer, ctx.config.default_cadence())?,
        scores: store.scores(id)?.into_iter().take(5).collect(),
        complaints: store.complaints(Some(id))?.into_iter().take(3).collect(),
        purchases: store.purchase_history(id, 12)?,
        customer,
    })
}

pub fn render(d: &Detail, ctx: &Ctx, area: Rect, buf: &mut Buffer, scroll: &Scroll) {
    let c = &d.customer;
    let theme = &ctx.theme;
    let money = |v: i64| ctx.config.currency.format(v);
    let field = |label: &str, value: &str| {
        Line::from(vec![Span::styled(format!("{label:<13}"), theme.dim), Span::raw(one_line(value).into_owned())])
    };
    let mut lines = vec![Line::styled(one_line(&c.name).into_owned(), theme.header)];
    for (label, value) in [("Company", &c.company), ("Email", &c.email), ("Phone", &c.phone)] {
        if !value.is_empty() {
            lines.push(field(label, value));
        }
    }
    let demographics: Vec<&str> =
        [&c.segment, &c.industry, &c.region].iter().map(|s| s.as_str()).filter(|s| !s.is_empty()).collect();
    if !demographics.is_empty() {
        lines.push(field("Segment", &demographics.join(" · ")));
    }
    if !c.tags.is_empty() {
        lines.push(field("Tags", &c.tags));
    }
    if !c.notes.trim().is_empty() {
        lines.push(field("Notes", &c.notes));
    }
    let since = days_since(c.last_contact_on, ctx.today);
    let state = d.figures.cadence.state(since);
    let state_style = match state {
        CadenceState::Fine => theme.good,
        CadenceState::Amber => theme.warning,
        CadenceState::Red => theme.danger,
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{:<13}", "Last contact"), theme.dim),
        Span::raw(format!("{} ({since} days) ", c.last_contact_on.format("%-d %b %Y"))),
        Span::styled(state.label(), state_style),
    ]));
    lines.push(field(
        "Cadence",
        &format!("every {} days, at most {}", d.figures.cadence.ideal_days, d.figures.cadence.max_days),
    ));
    let next = d.figures.next_followup.as_ref().map_or("none planned (p plans one)".to_string(), |(day, reason)| {
        format!("{} · {}", day.format("%a %-d %b"), one_line(reason))
    });
    lines.push(field("Next", &next));
    lines.push(field(
        "Value",
        &format!(
            "{} over {} purchases{}",
            money(d.figures.lifetime_value),
            d.figures.purchases,
            match d.figures.first_purchase {
                Some(day) => format!(" since {}", day.format("%b %Y")),
                None => String::new(),
            }
        ),
    ));
    if !d.scores.is_empty() {
        let scores: Vec<String> =
            d.scores.iter().map(|s| format!("{} ({})", s.score, s.rated_on.format("%-d %b"))).collect();
        lines.push(field("Scores", &format!("{} · latest {}", scores.join(", "), bucket(d.scores[0].score))));
    }
    for complaint in &d.complaints {
        let status = match complaint.resolved_on {
            Some(day) => format!("resolved {}", day.format("%-d %b")),
            None => {
                let (age, reply) = super::complaint_clocks(complaint, ctx.today);
                format!("{age}, {reply}")
            }
        };
        let style = if complaint.resolved_on.is_none() { theme.danger } else { theme.dim };
        lines.push(Line::styled(
            format!("Complaint    {} [{}] {status}", one_line(&complaint.summary), complaint.severity.label()),
            style,
        ));
    }
    if !d.purchases.is_empty() {
        lines.push(Line::styled("Purchases", theme.header));
        for sale in &d.purchases {
            let sign = if sale.kind == SaleKind::Refund { "refund " } else { "" };
            lines.push(Line::raw(format!(
                " {} {sign}{} · {}",
                sale.sold_on.format("%-d %b %y"),
                money(sale.amount_minor),
                one_line(sale.product.as_deref().unwrap_or("-"))
            )));
        }
    }
    scroll.render(Paragraph::new(lines).wrap(Wrap { trim: false }), area, buf);
}
