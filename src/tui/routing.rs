//! Cross-screen moves: an action the app does not handle itself goes to the current tab,
//! and what the tab asks for next (an `Effect`) is routed here, to the app or to the screen
//! that does it (open a customer, start a review, show a search hit).

use super::action::Action;
use super::app::App;
use super::forms::Subject;
use super::screens::Effect;
use super::tab::Tab;
use crate::store::search::HitKind;
use anyhow::Result;

impl App {
    /// Gives `action` to the current tab and carries out the effect it returns.
    pub(super) fn update_screen(&mut self, action: Action) -> Result<()> {
        if matches!(action, Action::Back | Action::Leave)
            && let Some(origin) = self.way_back.pop()
        {
            // Close what the jump opened (a customer's page), then return where it came from.
            self.screens.get_mut(self.tab).update(Action::Back, &self.ctx, &mut self.store)?;
            self.tab = origin;
            self.refresh_current()?;
            self.set_status(format!("Back to {}", origin.title()));
            return Ok(());
        }
        // On a tab, Esc backs out like q but never quits.
        let asked = if action == Action::Leave { Action::Back } else { action };
        let effect = self.screens.get_mut(self.tab).update(asked, &self.ctx, &mut self.store)?;
        match effect {
            Effect::Ignored if action == Action::Back => self.quit = true,
            Effect::Ignored if action == Action::Leave => self.set_status("q quits"),
            effect => self.apply(effect)?,
        }
        Ok(())
    }

    /// Carries out what a screen asked for.
    pub(super) fn apply(&mut self, effect: Effect) -> Result<()> {
        match effect {
            Effect::Ignored | Effect::Done => {}
            Effect::Status(text) => self.set_status(text),
            Effect::OpenForm(form) => self.open_form(form),
            Effect::OpenCustomer(id) => self.open_customer(id)?,
            Effect::StartReview => self.start_review()?,
            Effect::ReviewEnded => {
                if let Some(tab) = self.review_from.take() {
                    self.switch_to(tab)?;
                }
            }
            Effect::EditNoteBody(id) => {
                let note = self.store.note(id)?;
                self.pending_edit = Some(super::app::EditRequest { note_id: id, text: note.body });
            }
        }
        Ok(())
    }

    /// Switches to the Knowledge tab and starts today's review; leaving it comes back here.
    fn start_review(&mut self) -> Result<()> {
        self.review_from = Some(self.tab).filter(|t| *t != Tab::Knowledge);
        self.tab = Tab::Knowledge;
        self.refresh_current()?;
        self.screens.knowledge.start_review(&self.ctx, &self.store)
    }

    /// The Customers tab with this customer open.
    pub(super) fn open_customer(&mut self, id: i64) -> Result<()> {
        self.review_from = None;
        self.leave_for(Tab::Customers);
        self.screens.customers.open_customer(id, &self.ctx, &self.store)
    }

    /// A search hit: a customer on the Customers tab, a note or product on Knowledge.
    pub(super) fn show_found(&mut self, kind: HitKind, id: i64) -> Result<()> {
        use super::screens::knowledge::Part;
        let part = match kind {
            HitKind::Customer => return self.open_customer(id),
            HitKind::Note => Part::Notes,
            HitKind::Product => Part::Products,
        };
        // Leaving a review for a search hit ends its way back as well.
        self.review_from = None;
        self.leave_for(Tab::Knowledge);
        self.refresh_current()?;
        self.screens.knowledge.show(part, id, &self.store)
    }

    /// Puts the cursor on an item just written (added, edited, moved) when the tab in view
    /// lists it, wherever the list's order put it. A filter that hid it is cleared, and
    /// the note returned says so.
    pub(super) fn follow(&mut self, subject: Subject) -> Result<Option<String>> {
        use super::screens::knowledge::Part;
        let (ctx, store) = (&self.ctx, &self.store);
        match (subject, self.tab) {
            (Subject::Customer(id), Tab::Customers) => return self.screens.customers.select_customer(id, ctx, store),
            (Subject::Goal(id), Tab::Goals) => self.screens.goals.select_goal(id),
            (Subject::Deal(id), Tab::Goals) => self.screens.goals.select_deal(id),
            (Subject::Followup(id), Tab::Followups) => self.screens.followups.select_followup(id, store)?,
            (Subject::Note(id), Tab::Knowledge) => self.screens.knowledge.select(Part::Notes, id),
            (Subject::Product(id), Tab::Knowledge) => self.screens.knowledge.select(Part::Products, id),
            (Subject::Item(id), Tab::Motivation) => self.screens.motivation.select_item(id),
            _ => {}
        }
        Ok(None)
    }

    /// Moves to `tab` for a jump, remembering where it came from.
    fn leave_for(&mut self, tab: Tab) {
        if self.tab != tab {
            self.way_back.push(self.tab);
        }
        self.tab = tab;
    }

    /// The seller chose a tab: the trail of jumps behind them no longer applies.
    pub(super) fn switch_to(&mut self, tab: Tab) -> Result<()> {
        self.way_back.clear();
        self.review_from = None;
        self.tab = tab;
        self.reload_current()
    }

    /// The tab in view read again for what may have changed elsewhere (a return to it,
    /// another process's write): in a real terminal, what is slow at a million rows (the
    /// rest of Today, the goals) is read beside while the tab shows what it had. After a
    /// change made here, `refresh_current` reads everything in place instead, so the row
    /// acted on is gone before the next key.
    pub(super) fn reload_current(&mut self) -> Result<()> {
        match self.tab {
            Tab::Today if self.beside => self.screens.today.refresh_keeping_rest(&self.ctx, &mut self.store),
            Tab::Goals if self.beside => self.screens.goals.refresh_beside(&self.ctx, &mut self.store),
            _ => self.refresh_current(),
        }
    }

    pub(super) fn refresh_current(&mut self) -> Result<()> {
        self.screens.get_mut(self.tab).refresh(&self.ctx, &mut self.store)
    }
}
