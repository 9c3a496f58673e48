//! Ctrl-p in a form: the playbook cards for the technique typed, the objections typed, and
//! the objections the customer's segment usually raises, shown in the help overlay's place so
//! the form is still there, as typed, when it closes.

use super::app::App;
use super::theme::Theme;
use super::widgets::form::{Form, Purpose};
use super::widgets::scroll::Scroll;
use crate::domain::knowledge::Note;
use crate::domain::objections::stored_objections;
use crate::domain::text::one_line;
use crate::store::{Named, Store};
use anyhow::Result;
use ratatui::text::Line;

/// What a form is about, as far as its fields can be read (a field not yet valid is left out).
struct Subject {
    technique: Option<(i64, String)>,
    typed: Vec<String>,
    customer: Option<(i64, String, String)>,
}

fn subject(form: &Form, store: &Store, objections: &[String]) -> Subject {
    let value = |label: &str| form.fields.iter().any(|f| f.label == label).then(|| form.value(label).trim());
    let technique = value("Technique")
        .filter(|t| !t.is_empty())
        .and_then(|t| store.resolve(Named::Technique, t).ok())
        .and_then(|id| store.techniques(true).ok()?.into_iter().find(|t| t.id == id).map(|t| (id, t.name)));
    let typed = value("Objections").and_then(|o| stored_objections(o, objections).ok()).unwrap_or_default();
    let customer_id = match form.purpose {
        Purpose::CompleteFollowup(id) => store.followup(id).ok().map(|f| f.customer_id),
        _ => value("Customer").filter(|c| !c.is_empty()).and_then(|c| store.resolve(Named::Customer, c).ok()),
    };
    let customer = customer_id.and_then(|id| store.customer(id).ok().map(|c| (id, c.name, c.segment)));
    Subject { technique, typed, customer }
}

impl App {
    pub(super) fn open_playbook(&mut self) -> Result<()> {
        let Some(form) = &self.form else { return Ok(()) };
        let list = &self.ctx.config.objections;
        let subject = subject(form, &self.store, list);
        let usual = match &subject.customer {
            Some((id, ..)) => self.store.usual_objections_of(*id, self.ctx.today, list)?,
            None => Vec::new(),
        };
        let mut objections = subject.typed.clone();
        for o in &usual {
            if !objections.iter().any(|t| t.eq_ignore_ascii_case(o)) {
                objections.push(o.clone());
            }
        }
        let cards = self.store.playbook_cards(subject.technique.as_ref().map(|t| t.0), &objections)?;
        self.playbook = Some(playbook_lines(&subject, &usual, &cards, &self.ctx.theme));
        self.help = Some(Scroll::default());
        Ok(())
    }
}

fn playbook_lines(subject: &Subject, usual: &[String], cards: &[Note], theme: &Theme) -> Vec<Line<'static>> {
    let mut looked_for: Vec<String> = Vec::new();
    if let Some((_, name)) = &subject.technique {
        looked_for.push(one_line(name).into_owned());
    }
    if !subject.typed.is_empty() {
        looked_for.push(format!("objections {}", one_line(&subject.typed.join(", "))));
    }
    if let Some((_, name, segment)) = &subject.customer {
        let whose =
            if segment.is_empty() { one_line(name).into_owned() } else { format!("{} customers", one_line(segment)) };
        match usual {
            [] => looked_for.push(format!("{whose}: no objections logged in 12 months")),
            _ => looked_for.push(format!("{whose} usually raise {}", one_line(&usual.join(", ")))),
        }
    }
    let mut lines = vec![Line::styled(
        match looked_for.is_empty() {
            true => "Type a technique, objections or a customer first.".to_string(),
            false => format!("For {}", looked_for.join("; ")),
        },
        theme.dim,
    )];
    if cards.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw("No playbook card for these yet."));
        lines.push(Line::raw("Add one: salescoach note add --kind steps --technique \"...\" (or --objection price)"));
    }
    for card in cards {
        lines.push(Line::raw(""));
        let label = card.card_label().map(|l| format!(" · {l}")).unwrap_or_default();
        lines.push(Line::styled(format!("{}{label}", one_line(&card.title)), theme.header));
        lines.extend(card.body.lines().map(|l| Line::raw(one_line(l).into_owned())));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc: back to the form, as typed", theme.dim));
    lines
}
