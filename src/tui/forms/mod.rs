//! The forms behind `a`, `e`, `S` and `L`: what each asks, how each field is checked as
//! the seller types, and what saving does. Checks only read; saving is one transaction.

mod care;
mod customer;
mod deal;
mod done;
mod followup;
mod goal;
mod interaction;
mod item;
mod log_edit;
mod note;
mod product;
mod sale;

pub use care::{complaint_form, edit_complaint_form, rate_form, resolve_complaint_form};
pub use customer::customer_form;
pub use deal::{add_deal_form, edit_deal_form, lose_deal_form, win_deal_form};
pub use done::complete_followup_form;
pub use followup::{edit_followup_form, followup_form_for, snooze_form};
pub use goal::{add_goal_form, edit_goal_form, goal_entry_form};
pub use interaction::{deal_touch_form, interaction_form, interaction_form_for};
pub use item::{edit_item_form, item_form};
pub use log_edit::{edit_interaction_form, edit_sale_form, log_filter_form, log_period_form, refund_form};
pub use note::{card_form, edit_card_form, note_form};
pub use product::product_form;
pub use sale::sale_form_for;

use super::context::Ctx;
use super::widgets::form::{Form, Purpose, Status};
use crate::domain::date_input::parse_date;
use crate::store::{Named, Store};
use anyhow::Result;

/// `f` on Customers: the text to filter by (applied by the screen, nothing is written).
pub fn filter_form(current: &str) -> Form {
    Form::new(
        "Filter customers",
        Purpose::FilterCustomers,
        vec![super::widgets::form::Field::text("Contains", current)],
    )
}

/// Re-checks every field after a change.
pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    match form.purpose {
        Purpose::LogSale => sale::validate(form, store, ctx),
        Purpose::LogInteraction => interaction::validate(form, store, ctx),
        Purpose::AddGoal | Purpose::EditGoal(_) => goal::validate(form, ctx),
        Purpose::CompleteFollowup(_) => done::validate(form, store, ctx),
        Purpose::SnoozeFollowup(_) | Purpose::AddFollowup | Purpose::EditFollowup(_) => {
            followup::validate(form, store, ctx)
        }
        Purpose::ResolveComplaint(_) | Purpose::OpenComplaint | Purpose::Rate | Purpose::EditComplaint(_) => {
            care::validate(form, store)
        }
        Purpose::AddCustomer | Purpose::EditCustomer(_) => customer::validate(form, store, ctx),
        Purpose::FilterCustomers => form.set_status("Contains", text_status(form.value("Contains"), false)),
        Purpose::AddNote | Purpose::EditNote(_) | Purpose::AddCard | Purpose::EditCard(_) => {
            note::validate(form, store, ctx)
        }
        Purpose::AddItem | Purpose::EditItem(_) => item::validate(form),
        Purpose::AddProduct | Purpose::EditProduct(_) => product::validate(form, ctx),
        Purpose::GoalEntry(_) => goal::validate_entry(form, ctx),
        Purpose::EditSale(id) => log_edit::validate_sale(form, store, ctx, id),
        Purpose::EditInteraction(_) => log_edit::validate_interaction(form, store, ctx),
        Purpose::RefundSale(_) => log_edit::validate_refund(form, ctx),
        Purpose::FilterLog => log_edit::validate_log_filter(form, store),
        Purpose::LogPeriod => log_edit::validate_log_period(form, ctx),
        Purpose::AddDeal | Purpose::EditDeal(_) => deal::validate(form, store, ctx),
        Purpose::WinDeal(_) => deal::validate_win(form, ctx),
        Purpose::LoseDeal(_) => deal::validate_lose(form),
    }
}

/// An item a form wrote, for the list showing it to put the cursor on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Customer(i64),
    Goal(i64),
    Followup(i64),
    Note(i64),
    Product(i64),
    Item(i64),
    Deal(i64),
}

/// What saving a form did: the status line's message, the item written if one list shows
/// it (a sale or a score has no row of its own to follow), and the form the next step
/// offers, filled in (the sale a won quote brings; the reorder check a sale answers).
#[derive(Debug, Clone)]
pub struct Saved {
    pub message: String,
    pub subject: Option<Subject>,
    pub then: Option<Form>,
}

impl Saved {
    pub fn about(subject: Subject, message: String) -> Self {
        Self { message, subject: Some(subject), then: None }
    }
}

impl From<String> for Saved {
    fn from(message: String) -> Self {
        Self { message, subject: None, then: None }
    }
}

/// Saves the form; the message goes to the status line, the cursor to the item saved.
pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    match form.purpose {
        Purpose::LogSale => sale::submit(form, store, ctx),
        Purpose::LogInteraction => interaction::submit(form, store, ctx).map(Saved::from),
        Purpose::AddGoal => goal::submit(form, store, ctx, None),
        Purpose::EditGoal(id) => goal::submit(form, store, ctx, Some(id)),
        Purpose::CompleteFollowup(id) => done::submit(form, store, ctx, id),
        Purpose::SnoozeFollowup(_) | Purpose::AddFollowup | Purpose::EditFollowup(_) => {
            followup::submit(form, store, ctx)
        }
        Purpose::ResolveComplaint(_) | Purpose::OpenComplaint | Purpose::Rate | Purpose::EditComplaint(_) => {
            care::submit(form, store, ctx).map(Saved::from)
        }
        Purpose::AddCustomer | Purpose::EditCustomer(_) => customer::submit(form, store, ctx),
        Purpose::FilterCustomers => Ok(Saved::from(String::new())),
        Purpose::AddNote | Purpose::EditNote(_) | Purpose::AddCard | Purpose::EditCard(_) => {
            note::submit(form, store, ctx)
        }
        Purpose::AddItem | Purpose::EditItem(_) => item::submit(form, store),
        Purpose::AddProduct | Purpose::EditProduct(_) => product::submit(form, store, ctx),
        Purpose::GoalEntry(id) => goal::submit_entry(form, store, ctx, id).map(Saved::from),
        Purpose::EditSale(id) => log_edit::submit_sale(form, store, ctx, id),
        Purpose::EditInteraction(id) => log_edit::submit_interaction(form, store, ctx, id),
        Purpose::RefundSale(id) => log_edit::submit_refund(form, store, ctx, id),
        Purpose::AddDeal | Purpose::EditDeal(_) => deal::submit(form, store, ctx),
        Purpose::WinDeal(id) => deal::submit_win(form, store, ctx, id),
        Purpose::LoseDeal(id) => deal::submit_lose(form, store, ctx, id),
        // Applied by the Sales log itself: nothing is written.
        Purpose::FilterLog | Purpose::LogPeriod => Ok(Saved::from(String::new())),
    }
}

/// The labels of an enum's values, in its order: what a choice field shows and steps
/// through (the enum's `parse` reads a label as well as a stored name).
fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| label(*v)).collect()
}

/// "Log as" when nothing is to be logged.
const NO_LOG: &str = "don't log";

/// The "Log as" choices: the interaction kinds, then logging nothing.
fn log_choices(except: &[crate::domain::sale::InteractionKind]) -> Vec<&'static str> {
    use crate::domain::sale::InteractionKind;
    let kinds = InteractionKind::ALL.iter().filter(|k| !except.contains(k)).map(|k| k.label());
    kinds.chain([NO_LOG]).collect()
}

/// What "Log as" asks for: a kind of interaction, or nothing.
fn log_kind(value: &str) -> Result<Option<crate::domain::sale::InteractionKind>, String> {
    if value.eq_ignore_ascii_case(NO_LOG) || value == "none" {
        return Ok(None);
    }
    crate::domain::sale::InteractionKind::parse(value).map(Some)
}

/// How "Log as" reads back: "log a call", "nothing logged".
fn log_shown(kind: Option<crate::domain::sale::InteractionKind>) -> String {
    kind.map_or("nothing logged".into(), |k| format!("log {}", crate::domain::text::with_article(k.label())))
}

fn status_of<T>(
    value: &str,
    required: bool,
    check: impl FnOnce(&str) -> Result<T, String>,
    show: impl FnOnce(T) -> String,
) -> Status {
    if value.is_empty() {
        return if required { Status::Invalid("required".into()) } else { Status::Empty };
    }
    match check(value) {
        Ok(parsed) => Status::Valid(show(parsed)),
        Err(message) => Status::Invalid(message),
    }
}

fn date_status(value: &str, ctx: &Ctx) -> Status {
    status_of(
        value,
        true,
        |v| parse_date(v, ctx.today).map_err(|e| e.to_string()),
        |d| d.format("%a %-d %b %Y").to_string(),
    )
}

/// A date for something that happened: not after today.
fn past_date_status(value: &str, ctx: &Ctx) -> Status {
    status_of(
        value,
        true,
        |v| {
            let date = parse_date(v, ctx.today).map_err(|e| e.to_string())?;
            crate::domain::date_input::not_in_future(date, ctx.today, "date").map_err(|e| e.message)
        },
        |d| d.format("%a %-d %b %Y").to_string(),
    )
}

fn lookup_status(value: &str, required: bool, what: Named, store: &Store) -> Status {
    status_of(
        value,
        required,
        |v| store.resolve(what, v).map_err(|e| short(&e)),
        |id| store.display_name(what, id).unwrap_or_default(),
    )
}

/// The message of a field error without the field name (the form shows it beside the field).
pub(crate) fn short(err: &anyhow::Error) -> String {
    match err.downcast_ref::<crate::domain::FieldError>() {
        Some(field) => field.message.clone(),
        None => format!("{err:#}"),
    }
}

fn text_status(value: &str, required: bool) -> Status {
    status_of(value, required, |_| Ok(()), |_| String::new())
}
