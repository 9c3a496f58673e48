//! `a` / `e` on the Goals tab: add or edit a goal.

use super::{Saved, Subject, date_status, labels, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::parse_date;
use crate::domain::goal::{Goal, Metric, NewGoal, WorkingDays, format_metric_amount, parse_metric_amount};
use crate::domain::money::Currency;
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};

pub fn add_goal_form(ctx: &Ctx) -> Form {
    Form::new(
        "Add a goal",
        Purpose::AddGoal,
        vec![
            Field::text("Title", ""),
            Field::choice("Metric", labels(Metric::ALL, Metric::label), Metric::Revenue.label()),
            Field::text("Target", ""),
            Field::text("Start", "today"),
            Field::text("Deadline", ""),
            Field::text("Working days", &ctx.config.working_days.describe()),
            Field::text("Unit", ""),
        ],
    )
}

pub fn edit_goal_form(goal: &Goal, currency: &Currency) -> Form {
    let target = if goal.metric.is_money() {
        currency.separators.plain(goal.target.unsigned_abs())
    } else {
        goal.target.to_string()
    };
    let mut form = Form::edit(
        format!("Edit goal #{}", goal.id),
        Purpose::EditGoal(goal.id),
        vec![
            Field::text("Title", &goal.title),
            Field::locked("Metric", goal.metric.label()),
            Field::text("Target", &target),
            Field::text("Start", &goal.start_on.to_string()),
            Field::text("Deadline", &goal.deadline_on.to_string()),
            Field::text("Working days", &goal.working_days.describe()),
            Field::text("Unit", &goal.unit),
        ],
    );
    // Editing a goal is most often moving its target.
    form.focus = 2;
    form
}

pub fn validate(form: &mut Form, ctx: &Ctx) {
    let metric = Metric::parse(form.value("Metric"));
    let editing = matches!(form.purpose, Purpose::EditGoal(_));
    let metric_status = match (&metric, editing) {
        (Ok(m), true) => Status::Valid(format!("{} (fixed once created)", m.label())),
        (Ok(m), false) => Status::Valid(m.label().to_string()),
        (Err(e), _) => Status::Invalid(e.clone()),
    };
    let target = match metric {
        Ok(m) => status_of(
            form.value("Target"),
            true,
            |v| match parse_metric_amount(m, v, "target", ctx.config.currency.separators) {
                Ok(t) if t <= 0 => Err("must be greater than zero".to_string()),
                Ok(t) => Ok(t),
                Err(e) => Err(e.message),
            },
            |t| format_metric_amount(m, form.value("Unit"), t, &ctx.config.currency),
        ),
        Err(_) => Status::Empty,
    };
    let start = parse_date(form.value("Start"), ctx.today).ok();
    let deadline = match date_status(form.value("Deadline"), ctx) {
        Status::Valid(text) => match (start, parse_date(form.value("Deadline"), ctx.today)) {
            (Some(s), Ok(d)) if d < s => Status::Invalid(format!("before the start {s}")),
            _ => Status::Valid(text),
        },
        other => other,
    };
    let working_days =
        status_of(form.value("Working days"), true, |v| WorkingDays::parse(v).map_err(|e| e.message), |w| w.describe());
    let statuses = [
        ("Title", text_status(form.value("Title"), true)),
        ("Metric", metric_status),
        ("Target", target),
        ("Start", date_status(form.value("Start"), ctx)),
        ("Deadline", deadline),
        ("Working days", working_days),
        ("Unit", text_status(form.value("Unit"), false)),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx, id: Option<i64>) -> Result<Saved> {
    let metric = Metric::parse(form.value("Metric")).map_err(|e| FieldError::new("metric", e))?;
    let goal = NewGoal {
        title: form.value("Title").to_string(),
        metric,
        unit: form.value("Unit").to_string(),
        target: parse_metric_amount(metric, form.value("Target"), "target", ctx.config.currency.separators)?,
        start_on: parse_date(form.value("Start"), ctx.today).context("start")?,
        deadline_on: parse_date(form.value("Deadline"), ctx.today).context("deadline")?,
        working_days: WorkingDays::parse(form.value("Working days"))?,
    };
    match id {
        Some(id) => {
            store.update_goal(id, &goal)?;
            Ok(Saved::about(Subject::Goal(id), format!("Goal #{id} updated")))
        }
        None => {
            let id = store.add_goal(&goal)?;
            Ok(Saved::about(Subject::Goal(id), format!("Added goal #{id}: {}", goal.title)))
        }
    }
}

/// `l` on a custom goal: progress the log cannot derive, entered by hand.
pub fn goal_entry_form(goal: &Goal) -> Form {
    let unit = if goal.unit.is_empty() { String::new() } else { format!(" ({})", goal.unit) };
    Form::new(
        format!("Log progress: {}{unit}", goal.title),
        Purpose::GoalEntry(goal.id),
        vec![Field::text("Amount", ""), Field::text("Date", "today"), Field::text("Note", "")],
    )
}

pub fn validate_entry(form: &mut Form, ctx: &Ctx) {
    let amount = status_of(
        form.value("Amount"),
        true,
        |v| {
            crate::domain::goal::parse_count(v, "amount")
                .map_err(|e| e.message)
                .and_then(|n| if n == 0 { Err("must not be zero".to_string()) } else { Ok(n) })
        },
        |n| if n < 0 { format!("{n} (a correction)") } else { format!("+{n}") },
    );
    form.set_status("Amount", amount);
    form.set_status("Date", date_status(form.value("Date"), ctx));
    form.set_status("Note", text_status(form.value("Note"), false));
}

pub fn submit_entry(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<String> {
    let amount = crate::domain::goal::parse_count(form.value("Amount"), "amount")?;
    let on = crate::domain::date_input::not_in_future(
        parse_date(form.value("Date"), ctx.today).context("date")?,
        ctx.today,
        "date",
    )?;
    store.add_goal_entry(id, on, amount, form.value("Note"))?;
    Ok(format!("Logged {amount} on {}", on.format("%-d %b")))
}
