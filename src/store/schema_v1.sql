-- salescoach schema, version 1. Append-only: later changes go in new migrations.
-- Dates are ISO text 'YYYY-MM-DD' in the seller's local day; money is integer minor units.

PRAGMA application_id = 1396788291; -- 'SALC'

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Stay-in-touch cadence defaults per segment; customers may override.
CREATE TABLE segment_cadence (
    segment    TEXT PRIMARY KEY COLLATE NOCASE,
    ideal_days INTEGER NOT NULL CHECK (ideal_days > 0),
    max_days   INTEGER NOT NULL CHECK (max_days >= ideal_days)
) STRICT;

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    company     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    segment     TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    cadence_ideal_days INTEGER CHECK (cadence_ideal_days IS NULL OR cadence_ideal_days > 0),
    cadence_max_days   INTEGER CHECK (cadence_max_days IS NULL OR cadence_max_days > 0),
    created_on  TEXT NOT NULL CHECK (created_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- The latest sale or interaction (or created_on): kept by the triggers below so the
    -- stay-in-touch check is one indexed range instead of a scan of the whole log.
    last_contact_on TEXT NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    CHECK (cadence_max_days IS NULL OR cadence_ideal_days IS NULL OR cadence_max_days >= cadence_ideal_days)
) STRICT;
CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);
CREATE INDEX customers_by_created ON customers (created_on);
CREATE INDEX customers_by_contact ON customers (archived, last_contact_on);
CREATE INDEX customers_by_cadence ON customers (cadence_ideal_days) WHERE cadence_ideal_days IS NOT NULL;

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category    TEXT NOT NULL DEFAULT '',
    price_minor INTEGER NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
    description TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX products_by_name ON products (name COLLATE NOCASE);

CREATE TABLE techniques (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX techniques_by_name ON techniques (name COLLATE NOCASE);

-- A refund is its own row with kind 'refund' and a positive amount; revenue = sales - refunds.
CREATE TABLE sales (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    product_id   INTEGER REFERENCES products (id) ON DELETE RESTRICT,
    technique_id INTEGER REFERENCES techniques (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
    quantity     INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0 OR (kind = 'refund' AND quantity = 0)),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    sold_on      TEXT NOT NULL CHECK (sold_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note         TEXT NOT NULL DEFAULT '',
    refund_of    INTEGER REFERENCES sales (id) ON DELETE RESTRICT,
    CHECK (kind = 'refund' OR refund_of IS NULL)
) STRICT;
CREATE INDEX sales_by_date ON sales (sold_on, kind, customer_id, amount_minor, quantity);
CREATE INDEX sales_by_customer ON sales (customer_id, kind, sold_on, amount_minor);
CREATE INDEX sales_by_product ON sales (product_id, sold_on);
CREATE INDEX sales_by_technique ON sales (technique_id, kind, sold_on, amount_minor);

CREATE TRIGGER sales_touch_customer AFTER INSERT ON sales BEGIN
    UPDATE customers SET last_contact_on = NEW.sold_on
    WHERE id = NEW.customer_id AND last_contact_on < NEW.sold_on;
END;

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    technique_id INTEGER REFERENCES techniques (id) ON DELETE SET NULL,
    product_id   INTEGER REFERENCES products (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'demo', 'visit', 'message')),
    outcome      TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('won', 'lost', 'pending', 'none')),
    lost_reason  TEXT NOT NULL DEFAULT '',
    happened_on  TEXT NOT NULL CHECK (happened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note         TEXT NOT NULL DEFAULT '',
    CHECK (outcome = 'lost' OR lost_reason = '')
) STRICT;
CREATE INDEX interactions_by_customer ON interactions (customer_id, happened_on);
CREATE INDEX interactions_by_date ON interactions (happened_on, outcome);
CREATE INDEX interactions_by_technique ON interactions (technique_id, outcome, happened_on);
CREATE INDEX interactions_by_product ON interactions (product_id, outcome, happened_on);
CREATE TRIGGER interactions_touch_customer AFTER INSERT ON interactions BEGIN
    UPDATE customers SET last_contact_on = NEW.happened_on
    WHERE id = NEW.customer_id AND last_contact_on < NEW.happened_on;
END;

-- working_days is a bit mask, Monday = bit 0 ... Sunday = bit 6 (Mon-Fri = 31).
CREATE TABLE goals (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    metric       TEXT NOT NULL CHECK (metric IN ('revenue', 'units', 'deals', 'new_customers', 'contacts', 'custom')),
    unit         TEXT NOT NULL DEFAULT '',
    target       INTEGER NOT NULL CHECK (target > 0),
    start_on     TEXT NOT NULL CHECK (start_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    deadline_on  TEXT NOT NULL CHECK (deadline_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    working_days INTEGER NOT NULL DEFAULT 31 CHECK (working_days BETWEEN 1 AND 127),
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    CHECK (deadline_on >= start_on)
) STRICT;

-- Manual progress, only for metric 'custom' (enforced by the trigger below).
CREATE TABLE goal_entries (
    id       INTEGER PRIMARY KEY,
    goal_id  INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    entry_on TEXT NOT NULL CHECK (entry_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount   INTEGER NOT NULL,
    note     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX goal_entries_by_goal ON goal_entries (goal_id, entry_on, amount);
CREATE TRIGGER goal_entries_only_custom BEFORE INSERT ON goal_entries
WHEN (SELECT metric FROM goals WHERE id = NEW.goal_id) IS NOT 'custom'
BEGIN
    SELECT RAISE(ABORT, 'goal entries are only for custom goals');
END;

CREATE TABLE complaints (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    sale_id           INTEGER REFERENCES sales (id) ON DELETE SET NULL,
    severity          TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    summary           TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    opened_on         TEXT NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    first_response_on TEXT CHECK (first_response_on IS NULL OR first_response_on >= opened_on),
    resolved_on       TEXT CHECK (resolved_on IS NULL OR resolved_on >= opened_on),
    resolution        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX complaints_open ON complaints (opened_on) WHERE resolved_on IS NULL;
CREATE INDEX complaints_by_customer ON complaints (customer_id, opened_on);

CREATE TABLE satisfaction (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    sale_id     INTEGER REFERENCES sales (id) ON DELETE SET NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment     TEXT NOT NULL DEFAULT '',
    rated_on    TEXT NOT NULL CHECK (rated_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
CREATE INDEX satisfaction_by_customer ON satisfaction (customer_id, rated_on);
CREATE INDEX satisfaction_by_date ON satisfaction (rated_on);

-- previous_id links a recurring follow-up to the one it came from; the unique index makes
-- "completing twice creates two successors" impossible.
CREATE TABLE followups (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    kind         TEXT NOT NULL CHECK (kind IN ('checkin', 'quote', 'complaint', 'stay_in_touch', 'reorder', 'other')),
    reason       TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    due_time     TEXT CHECK (due_time IS NULL OR due_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    completed_on TEXT CHECK (completed_on IS NULL OR status <> 'open'),
    recur_every  INTEGER CHECK (recur_every IS NULL OR recur_every > 0),
    recur_unit   TEXT CHECK (recur_unit IS NULL OR recur_unit IN ('day', 'week', 'month')),
    recur_from   TEXT CHECK (recur_from IS NULL OR recur_from IN ('due', 'completion')),
    previous_id  INTEGER REFERENCES followups (id) ON DELETE SET NULL,
    sale_id      INTEGER REFERENCES sales (id) ON DELETE SET NULL,
    complaint_id INTEGER REFERENCES complaints (id) ON DELETE SET NULL,
    created_on   TEXT NOT NULL,
    CHECK ((recur_every IS NULL) = (recur_unit IS NULL) AND (recur_every IS NULL) = (recur_from IS NULL))
) STRICT;
CREATE INDEX followups_open_by_due ON followups (due_on, due_time, id) WHERE status = 'open';
CREATE INDEX followups_by_customer ON followups (customer_id, status, due_on);
CREATE INDEX followups_by_completed ON followups (completed_on) WHERE completed_on IS NOT NULL;
CREATE UNIQUE INDEX followups_one_successor ON followups (previous_id) WHERE previous_id IS NOT NULL;

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body       TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '',
    product_id INTEGER REFERENCES products (id) ON DELETE SET NULL,
    created_on TEXT NOT NULL,
    updated_on TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_product ON notes (product_id);

CREATE TABLE flashcards (
    id             INTEGER PRIMARY KEY,
    note_id        INTEGER REFERENCES notes (id) ON DELETE CASCADE,
    product_id     INTEGER REFERENCES products (id) ON DELETE SET NULL,
    front          TEXT NOT NULL CHECK (length(trim(front)) > 0),
    back           TEXT NOT NULL CHECK (length(trim(back)) > 0),
    state          TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    due_on         TEXT NOT NULL,
    stability      REAL NOT NULL DEFAULT 0,
    difficulty     REAL NOT NULL DEFAULT 0,
    reps           INTEGER NOT NULL DEFAULT 0,
    lapses         INTEGER NOT NULL DEFAULT 0,
    scheduled_days INTEGER NOT NULL DEFAULT 0,
    last_review_on TEXT,
    first_review_on TEXT,
    created_on     TEXT NOT NULL,
    suspended      INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1))
) STRICT;
CREATE INDEX flashcards_due ON flashcards (due_on) WHERE suspended = 0 AND state <> 'new';
CREATE INDEX flashcards_new ON flashcards (id) WHERE suspended = 0 AND state = 'new';
CREATE INDEX flashcards_first_review ON flashcards (first_review_on) WHERE first_review_on IS NOT NULL;
CREATE INDEX flashcards_by_product ON flashcards (product_id);
CREATE INDEX flashcards_by_note ON flashcards (note_id);

CREATE TABLE card_reviews (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES flashcards (id) ON DELETE CASCADE,
    reviewed_on TEXT NOT NULL,
    grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4)
) STRICT;
CREATE INDEX card_reviews_by_card ON card_reviews (card_id, reviewed_on);
CREATE INDEX card_reviews_by_date ON card_reviews (reviewed_on, card_id, grade);

-- Built-in items carry asset_key so an upgrade adds new ones without duplicating; a deleted
-- built-in stays as a tombstone (deleted = 1) so it is never resurrected.
CREATE TABLE motivation_items (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('quote', 'tip', 'resource')),
    resource_kind TEXT CHECK (resource_kind IS NULL OR resource_kind IN ('book', 'video', 'seminar', 'podcast', 'course', 'article')),
    body          TEXT NOT NULL CHECK (length(trim(body)) > 0),
    author        TEXT NOT NULL DEFAULT '',
    why           TEXT NOT NULL DEFAULT '',
    topic         TEXT NOT NULL DEFAULT '',
    status        TEXT CHECK (status IS NULL OR status IN ('todo', 'in_progress', 'done')),
    favourite     INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    asset_key     TEXT UNIQUE,
    CHECK ((kind = 'resource') = (resource_kind IS NOT NULL))
) STRICT;

CREATE TABLE motivation_shown (
    shown_on TEXT PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES motivation_items (id) ON DELETE CASCADE
) STRICT;

-- One full-text index over notes, products and customers. rowid = id * 4 + source
-- (1 note, 2 product, 3 customer), so triggers update by rowid without a scan.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, title, body, tags) VALUES (NEW.id * 4 + 1, NEW.title, NEW.body, NEW.tags);
END;
CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search_index (rowid, title, body, tags) VALUES (NEW.id * 4 + 1, NEW.title, NEW.body, NEW.tags);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;

CREATE TRIGGER products_ai AFTER INSERT ON products WHEN NEW.archived = 0 BEGIN
    INSERT INTO search_index (rowid, title, body, tags) VALUES (NEW.id * 4 + 2, NEW.name, NEW.description, NEW.category);
END;
CREATE TRIGGER products_au AFTER UPDATE ON products BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, title, body, tags)
        SELECT NEW.id * 4 + 2, NEW.name, NEW.description, NEW.category WHERE NEW.archived = 0;
END;
CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
END;

CREATE TRIGGER customers_ai AFTER INSERT ON customers WHEN NEW.archived = 0 BEGIN
    INSERT INTO search_index (rowid, title, body, tags)
        VALUES (NEW.id * 4 + 3, NEW.name, NEW.company || ' ' || NEW.email || ' ' || NEW.notes,
                NEW.segment || ' ' || NEW.industry || ' ' || NEW.region || ' ' || NEW.tags);
END;
CREATE TRIGGER customers_au AFTER UPDATE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
    INSERT INTO search_index (rowid, title, body, tags)
        SELECT NEW.id * 4 + 3, NEW.name, NEW.company || ' ' || NEW.email || ' ' || NEW.notes,
               NEW.segment || ' ' || NEW.industry || ' ' || NEW.region || ' ' || NEW.tags
        WHERE NEW.archived = 0;
END;
CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
END;
