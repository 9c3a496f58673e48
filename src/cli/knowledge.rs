//! `salescoach product …`, `note …`, `search`, `cards …`

use super::{Env, print_json};
use crate::domain::figures::permille_as_fraction;
use crate::domain::knowledge::{NewNote, NewProduct};
use crate::domain::money::Currency;
use crate::domain::srs::Grade;
use crate::domain::text::{counted, multi_line, one_line, pad};
use crate::editor::{edit_text, editor_from_env, keep_on_failure, recovery_folder};
use crate::store::search::{MATCH_END, MATCH_START};
use crate::store::{CardSync, Named, ProductTraining, Store};
use anyhow::Result;
use clap::{Args, Subcommand};
use std::io::BufRead;

#[derive(Debug, Subcommand)]
pub enum ProductCommand {
    /// Add a product or service: salescoach product add --name "Grinder" --price 1290
    Add {
        /// The product's or service's name.
        #[arg(long)]
        name: String,
        #[command(flatten)]
        fields: ProductFields,
        /// Print the new product as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Products with cards, 30-day card retention and win rate.
    List {
        /// Include archived products.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One product with its notes.
    Show {
        /// Name (or part of it) or #id.
        product: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a product's fields (only those given).
    Edit {
        /// Name (or part of it) or #id.
        product: String,
        /// A new name.
        #[arg(long)]
        rename: Option<String>,
        #[command(flatten)]
        fields: ProductFields,
    },
    /// Hide a product from lists; its sales and notes stay.
    Archive {
        /// Name (or part of it) or #id.
        product: String,
    },
    /// Bring an archived product back (by #id).
    Restore {
        /// The archived product's id.
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ProductFields {
    /// A category of your own, e.g. Machines.
    #[arg(long)]
    pub category: Option<String>,
    /// The list price, e.g. 1290 or 1,290.00.
    #[arg(long, allow_hyphen_values = true)]
    pub price: Option<String>,
    /// A description.
    #[arg(long)]
    pub description: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note; Q:/A: lines in the body become flashcards.
    Add {
        /// The note's title.
        #[arg(long)]
        title: String,
        /// The note's text; Q: and A: lines become flashcards.
        #[arg(long, conflicts_with = "edit", allow_hyphen_values = true)]
        body: Option<String>,
        /// Write the body in your editor ($VISUAL, then $EDITOR, then vi).
        #[arg(long)]
        edit: bool,
        /// A tag; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The product it is about: name (or part of it) or #id.
        #[arg(long)]
        product: Option<String>,
        #[command(flatten)]
        playbook: super::playbook::PlaybookFields,
        /// Print the new note's id and cards as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Notes, newest first.
    List {
        /// Only notes about this product: name (or part of it) or #id.
        #[arg(long)]
        product: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One note in full.
    Show {
        /// The note's id, as `note list` shows it.
        id: i64,
        /// Print the note and its cards as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a note; --edit opens its body in your editor ($VISUAL, $EDITOR or vi).
    Edit {
        /// The note's id, as `note list` shows it.
        id: i64,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// A new text (replaces the old one).
        #[arg(long, conflicts_with = "edit", allow_hyphen_values = true)]
        body: Option<String>,
        /// Edit the text in your editor ($VISUAL, then $EDITOR, then vi).
        #[arg(long)]
        edit: bool,
        /// New tags, replacing the old ones; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The product it is about: name (or part of it) or #id.
        #[arg(long)]
        product: Option<String>,
        #[command(flatten)]
        playbook: super::playbook::PlaybookFields,
    },
    /// Delete a note and its flashcards.
    Delete {
        /// The note's id, as `note list` shows it.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum CardsCommand {
    /// How many cards are due today, and which.
    Due {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Review today's cards one at a time: Enter reveals, 1-4 grades, q stops.
    Review,
    /// Change a hand-made card (a note's cards change with the note): cards edit 12 --back "..."
    Edit {
        /// The card's id.
        id: i64,
        /// The question side.
        #[arg(long)]
        front: Option<String>,
        /// The answer side.
        #[arg(long)]
        back: Option<String>,
    },
    /// Add a card by hand.
    Add {
        /// The question side.
        #[arg(long)]
        front: String,
        /// The answer side.
        #[arg(long)]
        back: String,
        /// The product it is about: name (or part of it) or #id.
        #[arg(long)]
        product: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (prefixes match, accents optional) or FTS5 syntax.
    pub query: Vec<String>,
    /// Show at most this many hits (1 to 1000).
    #[arg(long, default_value_t = 20, allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub limit: u64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A product's training figures with the rates also as fractions (0.885), the names a
/// script would guess, beside the per-mille integers kept for compatibility.
#[derive(serde::Serialize)]
struct TrainingJson<'a> {
    #[serde(flatten)]
    training: &'a ProductTraining,
    retention: Option<f64>,
    win_rate: Option<f64>,
}

impl<'a> TrainingJson<'a> {
    fn new(training: &'a ProductTraining) -> Self {
        Self {
            training,
            retention: permille_as_fraction(training.retention_permille),
            win_rate: permille_as_fraction(training.win_rate_permille),
        }
    }
}

fn product_fields(f: &ProductFields, base: NewProduct, currency: &Currency) -> Result<NewProduct> {
    Ok(NewProduct {
        category: f.category.clone().unwrap_or(base.category),
        price_minor: match &f.price {
            Some(p) => currency.amount(p, "price")?,
            None => base.price_minor,
        },
        description: f.description.clone().unwrap_or(base.description),
        name: base.name,
    })
}

pub fn product(command: &ProductCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    let money = |v| env.config.currency.format(v);
    let percent = |v: Option<i64>| v.map_or("n/a".to_string(), |v| format!("{}%", (v + 5) / 10));
    match command {
        ProductCommand::Add { name, fields, json } => {
            let id = store.add_product(&product_fields(
                fields,
                NewProduct { name: name.clone(), ..Default::default() },
                &env.config.currency,
            )?)?;
            if *json {
                return print_json(&store.product(id)?);
            }
            outln!("Added product #{id}: {}", one_line(name));
        }
        ProductCommand::List { all, json } => {
            let products = store.products(*all)?;
            let training = store.product_training(env.today)?;
            if *json {
                let training: Vec<TrainingJson> = training.iter().map(TrainingJson::new).collect();
                return print_json(&serde_json::json!({ "products": products, "training": training }));
            }
            for p in products {
                let t = training.iter().find(|t| t.product_id == p.id);
                let cards = t.map_or(String::new(), |t| {
                    format!(
                        "{} cards, retention {}, win rate {}",
                        t.cards,
                        percent(t.retention_permille),
                        percent(t.win_rate_permille)
                    )
                });
                let archived = if p.archived { " (archived)" } else { "" };
                outln!("#{:<4} {} {:>12}  {cards}{archived}", p.id, pad(&one_line(&p.name), 30), money(p.price_minor));
            }
        }
        ProductCommand::Show { product, json } => {
            let id = store.resolve(Named::Product, product)?;
            let p = store.product(id)?;
            let notes = store.notes(Some(id))?;
            if *json {
                return print_json(&serde_json::json!({ "product": p, "notes": notes }));
            }
            outln!("#{} {} · {} · {}", p.id, one_line(&p.name), one_line(&p.category), money(p.price_minor));
            outln!("{}", multi_line(&p.description));
            for n in notes {
                outln!("  note #{} {}", n.id, one_line(&n.title));
            }
        }
        ProductCommand::Edit { product, rename, fields } => {
            let id = store.resolve(Named::Product, product)?;
            let p = store.product(id)?;
            let base = NewProduct {
                name: rename.clone().unwrap_or(p.name),
                category: p.category,
                price_minor: p.price_minor,
                description: p.description,
            };
            store.update_product(id, &product_fields(fields, base, &env.config.currency)?)?;
            outln!("Product #{id} updated");
        }
        ProductCommand::Restore { id } => {
            store.set_product_archived(*id, false)?;
            outln!("Product #{id} restored");
        }
        ProductCommand::Archive { product } => {
            let id = store.resolve(Named::Product, product)?;
            store.set_product_archived(id, true)?;
            outln!("Product #{id} archived");
        }
    }
    Ok(())
}

fn report(sync: &CardSync) -> Result<()> {
    if sync.added + sync.updated + sync.removed > 0 {
        outln!("  cards: {} added, {} updated, {} removed", sync.added, sync.updated, sync.removed);
    }
    for problem in &sync.problems {
        outln!("  not a card: {problem}");
    }
    Ok(())
}

pub fn note(command: &NoteCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        NoteCommand::Add { title, body, edit, tags, product, playbook, json } => {
            let body = if *edit { edit_text("", Some(&editor_from_env()))? } else { body.clone().unwrap_or_default() };
            let mut add = || {
                let product_id = store.resolve_optional(Named::Product, product.as_deref())?;
                let plain = NewNote::plain(title, &body, &tags.join(","), product_id, env.today);
                let note = playbook.apply(plain, &store, env)?;
                store.add_note(&note)
            };
            // Text typed in the editor is never lost to a refusal: it is kept and named.
            let (id, sync) =
                if *edit { keep_on_failure(add(), &body, &recovery_folder(&env.db_path))? } else { add()? };
            if *json {
                return print_json(&serde_json::json!({ "id": id, "cards": sync }));
            }
            outln!("Added note #{id}: {}", one_line(title));
            report(&sync)?;
        }
        NoteCommand::List { product, json } => {
            let product_id = store.resolve_optional(Named::Product, product.as_deref())?;
            let notes = store.notes(product_id)?;
            if *json {
                return print_json(&notes);
            }
            for n in notes {
                let product = n.product.as_deref().map(|p| format!(" · {}", one_line(p))).unwrap_or_default();
                let product = format!("{product}{}", super::playbook::card_for(&n));
                outln!(
                    "#{:<4} {} {}{product}  [{}]",
                    n.id,
                    env.config.format_date(n.updated_on),
                    one_line(&n.title),
                    one_line(&n.tags)
                );
            }
        }
        NoteCommand::Show { id, json } => {
            let n = store.note(*id)?;
            if *json {
                return print_json(&serde_json::json!({ "note": n, "cards": store.cards_for_note(*id)? }));
            }
            outln!("# {}\n", one_line(&n.title));
            outln!("{}", multi_line(&n.body));
        }
        NoteCommand::Edit { id, title, body, edit, tags, product, playbook } => {
            let n = store.note(*id)?;
            let body = match (edit, body) {
                (true, _) => edit_text(&n.body, Some(&editor_from_env()))?,
                (false, Some(b)) => b.clone(),
                (false, None) => n.body.clone(),
            };
            let mut save = || {
                let updated = NewNote {
                    title: title.clone().unwrap_or(n.title.clone()),
                    body: body.clone(),
                    tags: if tags.is_empty() { n.tags.clone() } else { tags.join(",") },
                    product_id: match product {
                        Some(p) => Some(store.resolve(Named::Product, p)?),
                        None => n.product_id,
                    },
                    ..n.as_new()
                };
                let updated = playbook.apply(updated, &store, env)?;
                store.update_note(*id, &updated, env.today)
            };
            let sync = if *edit { keep_on_failure(save(), &body, &recovery_folder(&env.db_path))? } else { save()? };
            outln!("Note #{id} saved");
            report(&sync)?;
        }
        NoteCommand::Delete { id } => {
            store.delete_note(*id)?;
            outln!("Note #{id} deleted, with its cards");
        }
    }
    Ok(())
}

/// Marks become *stars* in plain text.
fn plain_highlight(text: &str) -> String {
    one_line(&text.replace([MATCH_START, MATCH_END], "*")).into_owned()
}

pub fn search(args: &SearchArgs, env: &Env) -> Result<()> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        return Err(super::UsageError("search: give words to look for, e.g. salescoach search lever".into()).into());
    }
    let store = env.open_store()?;
    let hits = store.search(&query, args.limit)?;
    if args.json {
        let hits: Vec<_> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "kind": h.kind, "id": h.id, "rank": h.rank,
                    "title": h.title.replace([MATCH_START, MATCH_END], ""),
                    "snippet": h.snippet.replace([MATCH_START, MATCH_END], ""),
                })
            })
            .collect();
        return print_json(&hits);
    }
    if hits.is_empty() {
        outln!("Nothing matches '{}'", one_line(&query));
    }
    for h in hits {
        outln!(
            "{:<8} #{:<5} {}\n         {}",
            h.kind.label(),
            h.id,
            plain_highlight(&h.title),
            plain_highlight(&h.snippet)
        );
    }
    Ok(())
}

pub fn cards(command: &CardsCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        CardsCommand::Due { json } => {
            let queue = store.review_queue(env.today, env.config.new_cards_per_day)?;
            if *json {
                let cards: Vec<_> = queue.iter().map(|id| store.card(*id)).collect::<Result<_>>()?;
                return print_json(&serde_json::json!({ "due": queue.len(), "cards": cards }));
            }
            outln!("{} due today", counted(queue.len() as i64, "card", "cards"));
        }
        CardsCommand::Add { front, back, product } => {
            let product_id = store.resolve_optional(Named::Product, product.as_deref())?;
            let id = store.add_card(front, back, product_id, env.today)?;
            outln!("Added card #{id}");
        }
        CardsCommand::Edit { id, front, back } => {
            let old = store.card(*id)?;
            store.update_card(*id, front.as_deref().unwrap_or(&old.front), back.as_deref().unwrap_or(&old.back))?;
            outln!("Card #{id} updated");
        }
        CardsCommand::Review => review(&mut store, env)?,
    }
    Ok(())
}

/// One card at a time on a plain terminal (or piped input, for scripts).
fn review(store: &mut Store, env: &Env) -> Result<()> {
    let queue = store.review_queue(env.today, env.config.new_cards_per_day)?;
    if queue.is_empty() {
        outln!("No cards due today.");
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut done = 0;
    for (index, id) in queue.iter().enumerate() {
        let card = store.card(*id)?;
        outln!(
            "\nCard {} of {}\nQ: {}\n(Enter shows the answer, q stops)",
            index + 1,
            queue.len(),
            one_line(&card.front)
        );
        super::output::flush()?;
        match lines.next() {
            Some(Ok(line)) if line.trim() == "q" => break,
            Some(Ok(_)) => {}
            _ => break,
        }
        outln!("A: {}\nGrade: 1 again, 2 hard, 3 good, 4 easy (q stops)", one_line(&card.back));
        let grade = loop {
            super::output::flush()?;
            match lines.next() {
                Some(Ok(line)) if line.trim() == "q" => break None,
                Some(Ok(line)) => match line.trim().parse::<u8>().ok().and_then(Grade::from_number) {
                    Some(grade) => break Some(grade),
                    None => outln!("Type 1, 2, 3 or 4"),
                },
                _ => break None,
            }
        };
        let Some(grade) = grade else { break };
        let next = store.grade_card(*id, grade, env.today)?;
        done += 1;
        outln!("{} -> next on {}", grade.label(), env.config.format_date(next.due_on));
    }
    let left = store.review_queue(env.today, env.config.new_cards_per_day)?.len();
    outln!("\nReviewed {done}; {} still due today.", counted(left as i64, "card", "cards"));
    Ok(())
}
