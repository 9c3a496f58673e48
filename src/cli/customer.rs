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
        /// Words to look for (accents and case ignored).
        #[arg(long)]
        search: Option<String>,
        /// Include archived customers.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One customer with lifetime value, cadence, next follow-up, scores and complaints.
    Show {
        /// Name (or part of it), company, or #id.
        customer: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a customer's fields (only those given).
    Edit {
        /// Name (or part of it), company, or #id.
        customer: String,
        #[command(flatten)]
        fields: CustomerEdit,
    },
    /// Hide a customer from lists and the checklist; history is kept.
    Archive {
        /// Name (or part of it), company, or #id.
        customer: String,
    },
    /// Bring an archived customer back.
    Restore {
        /// The archived customer's #id (archived customers are found by id only).
        customer: String,
    },
    /// Delete a customer; with history it refuses unless --with-history (all in one transaction).
    Delete {
        /// Name (or part of it), company, or #id.
        customer: String,
        /// Also delete their sales, interactions, scores, complaints and follow-ups.
        #[arg(long)]
        with_history: bool,
    },
    /// Set a segment's default stay-in-touch cadence.
    Cadence {
        /// The segment, as customers are tagged with --segment.
        #[arg(long)]
        segment: String,
        /// Ideal days between contacts.
        #[arg(long, allow_negative_numbers = true)]
        ideal: u32,
        /// Most days between contacts before a customer is overdue a call.
        #[arg(long, allow_negative_numbers = true)]
        max: u32,
    },
}

#[derive(Debug, Args)]
pub struct CustomerFields {
    /// The customer's name, e.g. "Ada Lovelace".
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub rest: CustomerEdit,
    /// Print the new customer as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: super::retry::IdKey,
}

#[derive(Debug, Args, Default)]
pub struct CustomerEdit {
    /// The company they buy for.
    #[arg(long)]
    pub company: Option<String>,
    /// An email address, like name@example.com.
    #[arg(long)]
    pub email: Option<String>,
    /// A phone number, as you would dial it.
    #[arg(long)]
    pub phone: Option<String>,
    /// Your own grouping, e.g. Cafés; sets the default stay-in-touch cadence.
    #[arg(long)]
    pub segment: Option<String>,
    /// Their industry, in your words.
    #[arg(long)]
    pub industry: Option<String>,
    /// Where they are, in your words.
    #[arg(long)]
    pub region: Option<String>,
    /// Tags, separated by commas.
    #[arg(long)]
    pub tags: Option<String>,
    /// Free-text notes.
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
            // Saying "restored" of a customer who was never archived would hide a wrong id.
            match (archive, store.customer(id)?.archived) {
                (true, true) => outln!("Customer #{id} was already archived; nothing changed"),
                (false, false) => outln!("Customer #{id} was not archived; nothing changed"),
                _ => {
                    store.set_customer_archived(id, archive)?;
                    outln!("Customer #{id} {}", if archive { "archived; history kept" } else { "restored" });
                }
            }
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
    let figures = store.customer_figures(&c, &env.config.cadence_defaults())?;
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
        env.config.format_date(c.last_contact_on),
        if since == 1 { "day" } else { "days" },
        figures.cadence.state(since).label(),
        figures.cadence.ideal_days,
        figures.cadence.max_days
    );
    if let Some((day, reason)) = &figures.next_followup {
        outln!("  next follow-up {}: {}", env.config.format_date(*day), one_line(reason));
    }
    for s in scores.iter().take(5) {
        outln!("  score #{} {} on {} {}", s.id, s.score, env.config.format_date(s.rated_on), one_line(&s.comment));
    }
    for k in &complaints {
        let state = k.resolved_on.map_or("OPEN".to_string(), |d| format!("resolved {}", env.config.format_date(d)));
        outln!("  complaint #{} [{}] {} ({state})", k.id, k.severity.label(), one_line(&k.summary));
    }
    Ok(())
}
