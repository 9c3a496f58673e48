//! The layers that sit on top of a tab: forms, the search overlay, and the hand-over of a
//! note to $EDITOR. Keys reach them before the tab underneath.

use super::action::Action;
use super::app::{App, EditRequest, Status};
use super::forms;
use super::widgets::form::{Form, Purpose, Status as FieldStatus};
use super::widgets::scroll::Scroll;
use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyCode};
use tui_input::backend::crossterm::EventHandler;

impl App {
    pub(super) fn update_search(&mut self, action: Action) -> Result<()> {
        let Some(search) = self.search.as_mut() else { return Ok(()) };
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.search = None,
            Action::Down => search.move_by(1),
            Action::Up => search.move_by(-1),
            Action::Input(key) => {
                search.input.handle_event(&Event::Key(key));
                search.hits = self.store.search(search.input.value(), 50)?;
                search.selected = 0;
            }
            Action::Open => {
                let Some(hit) = search.selected_hit().cloned() else { return Ok(()) };
                self.search = None;
                self.show_found(hit.kind, hit.id)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The loop asks for this after every event: a note text to edit in $EDITOR.
    pub fn take_edit_request(&mut self) -> Option<EditRequest> {
        self.pending_edit.take()
    }

    /// The editor returned: save the new text (re-reading the flashcards) or report why not.
    pub fn finish_edit(&mut self, request: EditRequest, edited: Result<String>) {
        let outcome = edited.and_then(|body| {
            if body == request.text {
                return Ok("No changes".to_string());
            }
            // Text typed in the editor is never lost to a refusal: it is kept, and named.
            let saved = self.save_note_body(request.note_id, &body);
            let folder = self.store.path().map_or_else(std::env::temp_dir, crate::editor::recovery_folder);
            crate::editor::keep_on_failure(saved, &body, &folder)
        });
        let outcome = outcome.and_then(|message| {
            self.refresh_current()?;
            // The note moved to the top (newest first): the cursor goes with it.
            self.follow(forms::Subject::Note(request.note_id))?;
            Ok(message)
        });
        match outcome {
            Ok(message) => self.set_status(message),
            Err(err) => self.status = Some(Status { text: format!("{err:#}"), is_error: true }),
        }
    }

    fn save_note_body(&mut self, id: i64, body: &str) -> Result<String> {
        let note = self.store.note(id)?;
        let updated = crate::domain::knowledge::NewNote { body: body.to_string(), ..note.as_new() };
        let sync = self.store.update_note(id, &updated, self.ctx.today)?;
        let problems = sync.problems.first().map(|p| format!("; not a card: {p}")).unwrap_or_default();
        Ok(format!("Saved; cards {} added, {} updated, {} removed{problems}", sync.added, sync.updated, sync.removed))
    }

    pub(super) fn open_form(&mut self, mut form: Form) {
        forms::validate(&mut form, &self.store, &self.ctx);
        // Fresh fields are not yet wrong: only flag what the seller has touched or saved.
        for field in &mut form.fields {
            if field.value().is_empty() {
                field.status = FieldStatus::Empty;
            }
        }
        self.form = Some(form);
    }

    pub(super) fn update_form(&mut self, action: Action) -> Result<()> {
        let Some(form) = self.form.as_mut() else { return Ok(()) };
        if action != Action::Back {
            form.leaving = false;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help = Some(Scroll::default()),
            Action::Back if form.is_changed() && !form.leaving => {
                form.leaving = true;
                self.set_status("Esc again drops what you typed; Enter saves it");
                return Ok(());
            }
            Action::Back => {
                let declined = self.form.take().and_then(|form| form.declined);
                self.set_status(declined.unwrap_or_else(|| "Cancelled: nothing was saved".into()));
                return Ok(());
            }
            Action::NextField => form.move_focus(1),
            Action::PrevField => form.move_focus(-1),
            Action::NextChoice => form.cycle(1),
            Action::PrevChoice => form.cycle(-1),
            Action::Input(key) if !form.fields[form.focus].choices.is_empty() && key.code == KeyCode::Right => {
                form.cycle(1)
            }
            Action::Input(key) if !form.fields[form.focus].choices.is_empty() && key.code == KeyCode::Left => {
                form.cycle(-1)
            }
            Action::Input(key) => form.type_key(key),
            Action::Submit => return self.submit_form(),
            _ => {}
        }
        if let Some(form) = self.form.as_mut() {
            forms::validate(form, &self.store, &self.ctx);
        }
        Ok(())
    }

    pub(super) fn submit_form(&mut self) -> Result<()> {
        let Some(form) = self.form.as_mut() else { return Ok(()) };
        forms::validate(form, &self.store, &self.ctx);
        if let Some(index) = form.first_invalid() {
            form.focus = index;
            form.error = Some(format!("Check {}: nothing was saved", form.fields[index].label));
            return Ok(());
        }
        if let (Purpose::FilterLog | Purpose::LogPeriod, Some(log)) = (form.purpose, self.screens.goals.log.as_mut()) {
            let (purpose, values) =
                (form.purpose, [form.value("Customer"), form.value("Product"), form.value("Technique")]);
            let values = values.map(str::to_string);
            let (from, to) = (form.value("From").to_string(), form.value("To").to_string());
            self.form = None;
            return match purpose {
                Purpose::FilterLog => log.set_filter([&values[0], &values[1], &values[2]], &self.ctx, &self.store),
                _ => log.set_period(&from, &to, &self.ctx, &self.store),
            };
        }
        if form.purpose == Purpose::FilterCustomers {
            let text = form.value("Contains").to_string();
            self.form = None;
            return self.screens.customers.set_filter(&text, &self.ctx, &self.store);
        }
        match forms::submit(form, &mut self.store, &self.ctx) {
            Ok(saved) => {
                self.form = None;
                self.refresh_current()?;
                let shown = saved.subject.map(|s| self.follow(s)).transpose()?.flatten();
                self.set_status(match shown {
                    Some(note) => format!("{}; {note}", saved.message),
                    None => saved.message,
                });
                if let Some(next) = saved.then {
                    self.open_form(next);
                }
            }
            Err(err) => form.error = Some(format!("Not saved: {err:#}")),
        }
        Ok(())
    }
}
