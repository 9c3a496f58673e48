//! `salescoach customer add|list|show|edit|archive|restore|delete|cadence`

use super::{Env, print_json};
use crate::domain::cadence::{Cadence, days_since};
use crate::domain::customer::NewCustomer;
use crate::domain::text::{one_line, pad};
use crate::store::{CustomerFilter, Named, Store};
use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer: salescoach customer add --name "Ada Lovelace" --company "Engines Ltd" --segment Office
    Add(CustomerFields),
    /// List customers by name (--search matches name, company, email, segment, region, tags).
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One customer with lifetime value, cadence, next follow-up, scores and complaints.
    Show {
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a customer's fields (only those given).
    Edit {
        customer: String,
        #[command(flatten)]
        fields: CustomerEdit,
    },
    /// Hide a customer from lists and the checklist; history is kept.
    Archive { customer: String },
    /// Bring an archived customer back.
    Restore { customer: String },
    /// Delete a customer; with history it refuses unless --with-history (all in one transaction).
    Delete {
        customer: String,
        #[arg(long)]
        with_history: bool,
    },
    /// Set a segment's default stay-in-touch cadence.
    Cadence {
        #[arg(long)]
        segment: String,
        #[arg(long, allow_negative_numbers = true)]
        ideal: u32,
        #[arg(long, allow_negative_numbers = true)]
        max: u32,
    },
}

#[derive(Debug, Args)]
pub struct CustomerFields {
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub rest: CustomerEdit,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: super::retry::IdKey,
}

#[derive(Debug, Args, Default)]
pub struct CustomerEdit {
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long)]
    pub tags: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Ideal days between contacts (overrides the segment's).
    #[arg(long, allow_negative_numbers = true)]
    pub ideal_days: Option<u32>,
    /// Maximum days between contacts.
    #[arg(long, allow_negative_numbers = true)]
    pub max_days: Option<u32>,
    /// Only for edit: the new name.
    #[arg(long = "rename")]
    pub rename: Option<String>,
}

impl CustomerEdit {
    fn apply(&self, c: &mut NewCustomer) {
        let set = |target: &mut String, value: &Option<String>| {
            if let Some(v) = value {
                *target = v.clone();
            }
        };
        set(&mut c.name, &self.rename);
        set(&mut c.company, &self.company);
        set(&mut c.email, &self.email);
        set(&mut c.phone, &self.phone);
        set(&mut c.segment, &self.segment);
        set(&mut c.industry, &self.industry);
        set(&mut c.region, &self.region);
        set(&mut c.tags, &self.tags);
        set(&mut c.notes, &self.notes);
        if self.ideal_days.is_some() {
            c.cadence_ideal_days = self.ideal_days;
        }
        if self.max_days.is_some() {
            c.cadence_max_days = self.max_days;
        }
    }
}

pub fn run(command: &CustomerCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        CustomerCommand::Add(f) => {
            if f.key.already_recorded(&mut store, "customer add", f.json)? {
                return Ok(());
            }
            let mut customer = NewCustomer { name: f.name.clone(), created_on: env.today, ..Default::default() };
            f.rest.apply(&mut customer);
            let namesakes = store.namesakes(&customer.name, None)?;
            let id = store.add_customer(&customer)?;
            if let Some(first) = namesakes.first() {
                eprintln!("note: same name as {}", one_line(first));
            }
            if f.json {
                return print_json(&store.customer(id)?);
            }
            outln!("Added customer #{id}: {}", one_line(&customer.name));
        }
        CustomerCommand::List { search, all, json } => {
            let filter = CustomerFilter { text: search.clone().unwrap_or_default(), include_archived: *all };
            let total = store.customer_count(&filter)?;
            let customers = store.customers_page(&filter, 0, total)?;
            if *json {
                return print_json(&customers);
            }
            for c in customers {
                let archived = if c.archived { " (archived)" } else { "" };
                outln!(
                    "#{:<5} {} {} {}{archived}",
                    c.id,
                    pad(&one_line(&c.name), 26),
                    pad(&one_line(&c.company), 28),
                    one_line(&c.segment)
                );
            }
        }
        CustomerCommand::Show { customer, json } => show(&store, customer, *json, env)?,
        CustomerCommand::Edit { customer, fields } => {
            let id = store.resolve(Named::Customer, customer)?;
            let mut updated = store.customer(id)?.to_new();
            fields.apply(&mut updated);
            store.update_customer(id, &updated)?;
            outln!("Customer #{id} updated");
        }
        CustomerCommand::Archive { customer } | CustomerCommand::Restore { customer } => {
            // Archived customers are found by #id only.
            let id = store.resolve(Named::Customer, customer)?;
            let archive = matches!(command, CustomerCommand::Archive { .. });
            store.set_customer_archived(id, archive)?;
            outln!("Customer #{id} {}", if archive { "archived; history kept" } else { "restored" });
        }
        CustomerCommand::Delete { customer, with_history } => {
            let id = store.resolve(Named::Customer, customer)?;
            let removed = store.delete_customer(id, *with_history)?;
            outln!("Customer #{id} deleted with {removed} history records");
        }
        CustomerCommand::Cadence { segment, ideal, max } => {
            store.set_segment_cadence(segment, Cadence { ideal_days: *ideal, max_days: *max })?;
            outln!("Segment {}: ideal every {ideal} days, at most {max}", one_line(segment));
        }
    }
    Ok(())
}

fn show(store: &Store, customer: &str, json: bool, env: &Env) -> Result<()> {
    let id = store.resolve(Named::Customer, customer)?;
    let c = store.customer(id)?;
    let figures = store.customer_figures(&c, env.config.default_cadence())?;
    let scores = store.scores(id)?;
    let complaints = store.complaints(Some(id))?;
    let purchases = store.purchase_history(id, 20)?;
    let since = days_since(c.last_contact_on, env.today);
    if json {
        return print_json(&serde_json::json!({
            "customer": c, "figures": figures, "days_since_contact": since,
            "cadence_state": figures.cadence.state(since), "scores": scores,
            "complaints": complaints, "purchases": purchases,
        }));
    }
    // Empty fields are left out rather than printed as empty separators.
    let joined = |parts: &[&str]| {
        parts.iter().filter(|p| !p.trim().is_empty()).map(|p| one_line(p).into_owned()).collect::<Vec<_>>().join(" · ")
    };
    outln!("#{} {}", c.id, joined(&[&c.name, &c.company]));
    let contact = joined(&[&c.email, &c.phone, &c.segment, &c.industry, &c.region]);
    if !contact.is_empty() {
        outln!("  {contact}");
    }
    if !c.tags.trim().is_empty() {
        outln!("  tags: {}", one_line(&c.tags));
    }
    if !c.notes.trim().is_empty() {
        outln!("  notes: {}", one_line(&c.notes));
    }
    outln!(
        "  lifetime value {} over {} {}",
        env.config.currency.format(figures.lifetime_value),
        figures.purchases,
        if figures.purchases == 1 { "purchase" } else { "purchases" }
    );
    outln!(
        "  last contact {} ({since} {}, {}); cadence {}/{} days",
        c.last_contact_on,
        if since == 1 { "day" } else { "days" },
        figures.cadence.state(since).label(),
        figures.cadence.ideal_days,
        figures.cadence.max_days
    );
    if let Some((day, reason)) = &figures.next_followup {
        outln!("  next follow-up {day}: {}", one_line(reason));
    }
    for s in scores.iter().take(5) {
        outln!("  score {} on {} {}", s.score, s.rated_on, one_line(&s.comment));
    }
    for k in &complaints {
        let state = k.resolved_on.map_or("OPEN".to_string(), |d| format!("resolved {d}"));
        outln!("  complaint #{} [{}] {} ({state})", k.id, k.severity.label(), one_line(&k.summary));
    }
    Ok(())
}
