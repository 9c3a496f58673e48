-- The pipeline: deals moving through the seller's stages towards won or lost. Stages are
-- rows (named, ordered, each with a default probability in permille and an idle limit in
-- days), so the seller can rename or retune them and the export carries them. Every move
-- is kept in deal_moves, the history conversion figures are read from. Interactions and
-- follow-ups may name a deal; logging an interaction on one is its latest activity.

CREATE TABLE deal_stages (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    position             INTEGER NOT NULL UNIQUE,
    probability_permille INTEGER NOT NULL CHECK (probability_permille BETWEEN 0 AND 1000),
    idle_days            INTEGER NOT NULL CHECK (idle_days BETWEEN 1 AND 3650)
) STRICT;
INSERT INTO deal_stages (name, position, probability_permille, idle_days) VALUES
    ('Lead', 1, 100, 14), ('Qualified', 2, 250, 10), ('Proposal', 3, 500, 7), ('Negotiation', 4, 750, 5);

CREATE TABLE deals (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    product_id           INTEGER REFERENCES products (id) ON DELETE SET NULL,
    value_minor          INTEGER NOT NULL CHECK (value_minor >= 0),
    stage_id             INTEGER NOT NULL REFERENCES deal_stages (id) ON DELETE RESTRICT,
    close_on             TEXT CHECK (close_on IS NULL OR close_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    probability_permille INTEGER CHECK (probability_permille IS NULL OR probability_permille BETWEEN 0 AND 1000),
    created_on           TEXT NOT NULL CHECK (created_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    last_activity_on     TEXT NOT NULL CHECK (last_activity_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    lost_reason          TEXT NOT NULL DEFAULT '',
    closed_on            TEXT CHECK ((closed_on IS NULL) = (status = 'open')),
    sale_id              INTEGER REFERENCES sales (id) ON DELETE SET NULL,
    CHECK (status = 'lost' OR lost_reason = '')
) STRICT;
CREATE INDEX deals_open_by_close ON deals (close_on, id) WHERE status = 'open';
CREATE INDEX deals_by_customer ON deals (customer_id, status);
CREATE INDEX deals_by_stage ON deals (stage_id, status);
CREATE INDEX deals_by_sale ON deals (sale_id) WHERE sale_id IS NOT NULL;

CREATE TABLE deal_moves (
    id       INTEGER PRIMARY KEY,
    deal_id  INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    stage_id INTEGER NOT NULL REFERENCES deal_stages (id) ON DELETE RESTRICT,
    moved_on TEXT NOT NULL CHECK (moved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
CREATE INDEX deal_moves_by_deal ON deal_moves (deal_id, moved_on);
CREATE INDEX deal_moves_by_date ON deal_moves (moved_on);
CREATE INDEX deal_moves_by_stage ON deal_moves (stage_id);

ALTER TABLE interactions ADD COLUMN deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL;
ALTER TABLE followups ADD COLUMN deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL;
CREATE INDEX interactions_by_deal ON interactions (deal_id, happened_on) WHERE deal_id IS NOT NULL;
CREATE INDEX followups_by_deal ON followups (deal_id) WHERE deal_id IS NOT NULL;

CREATE TRIGGER interactions_touch_deal AFTER INSERT ON interactions WHEN NEW.deal_id IS NOT NULL BEGIN
    UPDATE deals SET last_activity_on = NEW.happened_on
    WHERE id = NEW.deal_id AND last_activity_on < NEW.happened_on;
END;
