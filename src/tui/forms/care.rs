//! Customer care: resolve a complaint (`x` on it), open one (`c`), rate satisfaction (`R`).

use super::{labels, log_choices, log_kind, log_shown, lookup_status, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::care::{Complaint, NewComplaint, NewScore, Severity, bucket};
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose};
use anyhow::Result;

pub fn resolve_complaint_form(c: &Complaint) -> Form {
    Form::new(
        format!("Resolve: {}", c.customer),
        Purpose::ResolveComplaint(c.id),
        vec![
            Field::text("Resolution", ""),
            Field::choice("Log as", log_choices(&[InteractionKind::Demo]), InteractionKind::Call.label()),
        ],
    )
}

pub fn complaint_form(customer_id: Option<i64>) -> Form {
    Form::new(
        "Log a complaint",
        Purpose::OpenComplaint,
        vec![
            Field::text("Customer", &customer_id.map(|id| format!("#{id}")).unwrap_or_default()),
            Field::choice("Severity", labels(Severity::ALL, Severity::label), Severity::Medium.label()),
            Field::text("Summary", ""),
        ],
    )
}

/// `e` on a complaint: its severity and summary, and its resolution once resolved.
pub fn edit_complaint_form(c: &Complaint) -> Form {
    let mut fields = vec![
        Field::choice("Severity", labels(Severity::ALL, Severity::label), c.severity.label()),
        Field::text("Summary", &c.summary),
    ];
    if c.resolved_on.is_some() {
        fields.push(Field::text("Resolution", &c.resolution));
    }
    Form::edit(format!("Edit complaint #{}: {}", c.id, c.customer), Purpose::EditComplaint(c.id), fields)
}

pub fn rate_form(customer_id: Option<i64>) -> Form {
    Form::new(
        "Satisfaction score",
        Purpose::Rate,
        vec![
            Field::text("Customer", &customer_id.map(|id| format!("#{id}")).unwrap_or_default()),
            Field::text("Score", ""),
            Field::text("Comment", ""),
        ],
    )
}

fn score(value: &str) -> Result<u8, String> {
    match value.parse::<u8>() {
        Ok(n @ 0..=10) => Ok(n),
        _ => Err("a whole number from 0 to 10".into()),
    }
}

pub fn validate(form: &mut Form, store: &Store) {
    match form.purpose {
        Purpose::ResolveComplaint(_) => {
            form.set_status("Resolution", text_status(form.value("Resolution"), true));
            form.set_status("Log as", status_of(form.value("Log as"), true, log_kind, log_shown));
        }
        Purpose::EditComplaint(id) => {
            form.set_status("Severity", status_of(form.value("Severity"), true, Severity::parse, |s| s.label().into()));
            form.set_status("Summary", text_status(form.value("Summary"), true));
            if store.complaint(id).is_ok_and(|c| c.resolved_on.is_some()) {
                form.set_status("Resolution", text_status(form.value("Resolution"), true));
            }
        }
        Purpose::OpenComplaint => {
            form.set_status("Customer", lookup_status(form.value("Customer"), true, Named::Customer, store));
            form.set_status("Severity", status_of(form.value("Severity"), true, Severity::parse, |s| s.label().into()));
            form.set_status("Summary", text_status(form.value("Summary"), true));
        }
        _ => {
            form.set_status("Customer", lookup_status(form.value("Customer"), true, Named::Customer, store));
            let shown = |s: u8| {
                let concern = if s <= 6 { "; opens a concern to handle within 48 hours" } else { "" };
                format!("{}{concern}", bucket(s))
            };
            form.set_status("Score", status_of(form.value("Score"), true, score, shown));
            form.set_status("Comment", text_status(form.value("Comment"), false));
        }
    }
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<String> {
    match form.purpose {
        Purpose::EditComplaint(id) => {
            let severity = Severity::parse(form.value("Severity")).map_err(|e| FieldError::new("severity", e))?;
            let resolved = store.complaint(id)?.resolved_on.is_some();
            let resolution = resolved.then(|| form.value("Resolution"));
            store
                .update_complaint(id, severity, form.value("Summary"), resolution)
                .map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(format!("Saved complaint #{id}"))
        }
        Purpose::ResolveComplaint(id) => {
            let complaint = store.complaint(id)?;
            let log = match log_kind(form.value("Log as")).map_err(|e| FieldError::new("log as", e))? {
                None => None,
                Some(kind) => Some(NewInteraction {
                    customer_id: complaint.customer_id,
                    technique_id: None,
                    product_id: None,
                    kind,
                    outcome: Outcome::None,
                    lost_reason: String::new(),
                    happened_on: ctx.today,
                    note: format!(
                        "Resolved complaint: {}",
                        crate::domain::text::truncate(form.value("Resolution"), 500)
                    ),
                    objections: Vec::new(),
                    response: String::new(),
                }),
            };
            store
                .resolve_complaint_logging(id, ctx.today, form.value("Resolution"), log.as_ref())
                .map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(format!("Resolved the complaint from {}", complaint.customer))
        }
        Purpose::OpenComplaint => {
            let complaint = NewComplaint {
                customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
                sale_id: None,
                severity: Severity::parse(form.value("Severity")).map_err(|e| FieldError::new("severity", e))?,
                summary: form.value("Summary").to_string(),
                opened_on: ctx.today,
            };
            let id = store.open_complaint(&complaint)?;
            Ok(format!("Complaint #{id} opened: it tops the checklist until resolved"))
        }
        _ => {
            let rated = store.rate(&NewScore {
                customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
                sale_id: None,
                score: score(form.value("Score")).map_err(|e| FieldError::new("score", e))?,
                comment: form.value("Comment").to_string(),
                rated_on: ctx.today,
            })?;
            Ok(match rated.concern_id {
                Some(id) => format!("Score saved; concern #{id} opened, due within 48 hours"),
                None => "Score saved".to_string(),
            })
        }
    }
}
