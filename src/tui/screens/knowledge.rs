//! Knowledge: products (with card retention beside win rate) and notes; Enter reads one;
//! `t` trains with today's flashcards: space reveals, 1-4 grades.

use super::knowledge_pages::{self, ProductPage};
use super::review::{self, Review};
use super::{Effect, Screen};
use crate::domain::knowledge::{Note, Product};
use crate::domain::text::{fit, one_line, truncate};
use crate::store::{ProductTraining, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Products,
    Notes,
}

enum View {
    List,
    Note(Note),
    Product(Box<ProductPage>),
    Review(Review),
}

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "read the note or product"),
    keymap::bind(&[keymap::ch('t')], Action::Train, "train: review today's flashcards"),
    keymap::bind(&[keymap::ch('a')], Action::Add, "add a note (Q:/A: lines become cards)"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the note (title, tags, product) or the product"),
    keymap::bind(&[keymap::ch('E')], Action::EditBody, "edit the note's text in $EDITOR"),
    keymap::bind(&[keymap::ch('c')], Action::AddCard, "add a flashcard by hand"),
    keymap::bind(&[keymap::ch('P')], Action::AddProduct, "add a product or service"),
];

pub struct KnowledgeScreen {
    products: Vec<Product>,
    training: Vec<ProductTraining>,
    notes: Vec<Note>,
    layout: SectionLayout<Part>,
    window: ListWindow,
    view: View,
    /// How far a long note or product page is scrolled.
    scroll: Scroll,
}

impl Default for KnowledgeScreen {
    fn default() -> Self {
        Self {
            products: Vec::new(),
            training: Vec::new(),
            notes: Vec::new(),
            layout: SectionLayout::default(),
            window: ListWindow::default(),
            view: View::List,
            scroll: Scroll::default(),
        }
    }
}

fn percent(value: Option<i64>) -> String {
    value.map_or("n/a".into(), |v| format!("{}%", (v + 5) / 10))
}

impl KnowledgeScreen {
    /// The product or note under the selection.
    fn selected(&self) -> Option<(Part, usize)> {
        match self.layout.line(self.window.selected()?)? {
            LineRef::Row { section, index } => Some((section, index as usize)),
            LineRef::Header { .. } => None,
        }
    }

    /// The product or note on a row, by id, to find it again after a reload.
    fn row_identity(&self, part: Part, index: usize) -> Option<(Part, i64)> {
        let id = match part {
            Part::Products => self.products.get(index)?.id,
            Part::Notes => self.notes.get(index)?.id,
        };
        Some((part, id))
    }

    fn selected_product(&self) -> Option<&Product> {
        match (&self.view, self.selected()) {
            (View::Product(page), _) => Some(&page.product),
            (View::List, Some((Part::Products, i))) => self.products.get(i),
            _ => None,
        }
    }

    fn selected_note(&self) -> Option<&Note> {
        match (&self.view, self.selected()) {
            (View::Note(note), _) => Some(note),
            (View::List, Some((Part::Notes, i))) => self.notes.get(i),
            _ => None,
        }
    }

    /// Puts the cursor on this product or note (just added, edited or moved to the top).
    pub fn select(&mut self, part: Part, id: i64) {
        let layout = &self.layout;
        let lines: Vec<_> = (0..layout.len())
            .filter_map(|line| match layout.line(line)? {
                LineRef::Row { section, index } => Some((line, self.row_identity(section, index as usize)?)),
                LineRef::Header { .. } => None,
            })
            .collect();
        self.window.keep_on(Some((part, id)), lines, |i| layout.is_selectable(i));
    }

    /// Begins today's review (from `t` here or the Today checklist).
    pub fn start_review(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        self.view = View::Review(Review::start(ctx, store)?);
        Ok(())
    }

    /// Opens a note or product found by search.
    pub fn show(&mut self, part: Part, id: i64, store: &Store) -> Result<()> {
        self.scroll.top();
        self.view = match part {
            Part::Notes => View::Note(store.note(id)?),
            Part::Products => View::Product(Box::new(ProductPage::load(store, id)?)),
        };
        Ok(())
    }

    fn render_list(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        self.window.set_area(area, 1);
        let selected = self.window.selected();
        let width = area.width as usize;
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|flat| {
                let marker = if selected == Some(flat) { "▸ " } else { "  " };
                let line = match self.layout.line(flat) {
                    Some(LineRef::Header { section: Part::Products, count }) => {
                        return Line::styled(
                            format!("Products ({count}): cards · retention 30d · win rate"),
                            ctx.theme.header,
                        );
                    }
                    Some(LineRef::Header { section: Part::Notes, count }) => {
                        return Line::styled(format!("Notes ({count})"), ctx.theme.header);
                    }
                    Some(LineRef::Row { section: Part::Products, index }) => {
                        let p = &self.products[index as usize];
                        let t = self.training.iter().find(|t| t.product_id == p.id);
                        let figures = t.map_or(String::new(), |t| {
                            format!(
                                "{} · {} · {}",
                                crate::domain::text::counted(t.cards as i64, "card", "cards"),
                                percent(t.retention_permille),
                                percent(t.win_rate_permille)
                            )
                        });
                        let name_width = width.saturating_sub(2 + figures.chars().count() + 1).max(8);
                        format!("{marker}{} {figures}", fit(&one_line(&p.name), name_width))
                    }
                    Some(LineRef::Row { section: Part::Notes, index }) => {
                        let n = &self.notes[index as usize];
                        let tags = if n.tags.is_empty() { String::new() } else { format!("  [{}]", one_line(&n.tags)) };
                        let card = n.card_label().map(|l| format!(" · {l}")).unwrap_or_default();
                        format!("{marker}{}{card}{tags}", one_line(&n.title))
                    }
                    None => String::new(),
                };
                let line = Line::raw(truncate(&line, width).into_owned());
                if selected == Some(flat) { line.style(ctx.theme.selected) } else { line }
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}

impl Screen for KnowledgeScreen {
    fn keys(&self) -> &'static [Binding] {
        if matches!(self.view, View::Review(_)) { review::KEYS } else { KEYS }
    }

    /// Movement keys work everywhere but in a review (they scroll a note or product page).
    fn has_list(&self) -> bool {
        !matches!(self.view, View::Review(_))
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        let kept = self.selected().and_then(|(part, index)| self.row_identity(part, index));
        self.products = store.products(false)?;
        self.training = store.product_training(ctx.today)?;
        self.notes = store.notes(None)?;
        self.layout =
            SectionLayout::new(&[(Part::Products, self.products.len() as u64), (Part::Notes, self.notes.len() as u64)]);
        let layout = &self.layout;
        self.window.set_total(layout.len(), |i| layout.is_selectable(i));
        if let Some((part, id)) = kept {
            self.select(part, id);
        }
        // An open page shows what was just saved (an edit, a card added to the product).
        match &self.view {
            View::Note(note) => self.view = store.note(note.id).map_or(View::List, View::Note),
            View::Product(page) => {
                self.view = ProductPage::load(store, page.product.id).map_or(View::List, |p| View::Product(Box::new(p)))
            }
            View::Review(_) | View::List => {}
        }
        if let View::Review(review) = &mut self.view {
            review.reload(store)?;
        }
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let layout = &self.layout;
        let selectable = |i| layout.is_selectable(i);
        match (&mut self.view, action) {
            (View::Review(review), Action::Grade(n)) => return review.grade(n, ctx, store),
            (View::Review(review), Action::Reveal) => review.reveal(),
            (View::Review(review), Action::Edit) => return Ok(review.edit()),
            (View::Review(_), Action::Back) => {
                self.view = View::List;
                self.refresh(ctx, store)?;
                return Ok(Effect::ReviewEnded);
            }
            (View::Review(_), _) => return Ok(Effect::Done),
            (View::Note(_) | View::Product(..), Action::Back) => self.view = View::List,
            (View::Note(_) | View::Product(..), Action::Down | Action::WheelDown) => self.scroll.by(1),
            (View::Note(_) | View::Product(..), Action::Up | Action::WheelUp) => self.scroll.by(-1),
            (View::Note(_) | View::Product(..), Action::PageDown) => self.scroll.by(10),
            (View::Note(_) | View::Product(..), Action::PageUp) => self.scroll.by(-10),
            (View::Note(_) | View::Product(..), Action::Top) => self.scroll.top(),
            (View::Note(_) | View::Product(..), Action::Bottom) => self.scroll.bottom(),
            (_, Action::Train) => self.start_review(ctx, store)?,
            (View::List, action) if self.window.navigate(action, selectable) => {}
            (View::List, Action::Open) => {
                self.scroll.top();
                match self.selected() {
                    Some((Part::Notes, i)) => self.view = View::Note(self.notes[i].clone()),
                    Some((Part::Products, i)) => {
                        self.view = View::Product(Box::new(ProductPage::load(store, self.products[i].id)?));
                    }
                    None => {}
                }
            }
            (_, Action::Add) => return Ok(Effect::OpenForm(forms::note_form(None))),
            (_, Action::AddCard) => return Ok(Effect::OpenForm(forms::card_form())),
            (_, Action::AddProduct) => return Ok(Effect::OpenForm(forms::product_form(None, &ctx.config.currency))),
            (_, Action::Edit) => {
                if let Some(product) = self.selected_product() {
                    return Ok(Effect::OpenForm(forms::product_form(Some(product), &ctx.config.currency)));
                }
                return Ok(self.selected_note().map_or(Effect::Status("Select a note or product".into()), |n| {
                    Effect::OpenForm(forms::note_form(Some(n)))
                }));
            }
            (_, Action::EditBody) => {
                return Ok(self
                    .selected_note()
                    .map_or(Effect::Status("Select a note".into()), |n| Effect::EditNoteBody(n.id)));
            }
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        match &self.view {
            View::List if self.layout.is_empty() => {
                let hint = Line::from(vec![
                    Span::raw("No products or notes yet. "),
                    Span::styled("P", ctx.theme.key),
                    Span::raw(" adds a product, "),
                    Span::styled("a", ctx.theme.key),
                    Span::raw(" a note."),
                ]);
                crate::tui::widgets::wrap::render_hint(vec![Line::raw(""), hint], area, buf);
            }
            View::List => self.render_list(ctx, area, buf),
            View::Review(review) => review.render(ctx, area, buf),
            View::Note(note) => knowledge_pages::render_note(note, ctx, area, buf, &self.scroll),
            View::Product(page) => page.render(ctx, area, buf, &self.scroll),
        }
    }

    fn footer_hints(&self) -> Option<&'static [(&'static str, &'static str)]> {
        matches!(self.view, View::Review(_)).then_some(review::HINTS)
    }
}
