-- Indexes the traced query-plan test (tests/query_plans_traced.rs) found missing: statements
-- run per command that scanned a growing table in full.
--
-- Deleting a sale (the sales log's D, `sale delete`, undoing a logged sale, deleting a
-- customer with their history) makes SQLite look for the rows whose foreign keys point at
-- it: follow-ups, scores and complaints by sale_id, refunds by refund_of. Without these it
-- scanned all four tables for every sale deleted. The refund look-ups (how much of a sale
-- is refunded already, shown on the sales log's entry and checked by every refund and
-- edit) read sales by refund_of too.
CREATE INDEX sales_by_refund ON sales (refund_of) WHERE refund_of IS NOT NULL;
CREATE INDEX followups_by_sale ON followups (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX satisfaction_by_sale ON satisfaction (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX complaints_by_sale ON complaints (sale_id) WHERE sale_id IS NOT NULL;

-- Deleting a complaint (undoing a logged one, deleting a customer with their history)
-- clears the follow-ups planned for it.
CREATE INDEX followups_by_complaint ON followups (complaint_id) WHERE complaint_id IS NOT NULL;

-- The week's and month's review counts the complaints resolved in its period.
CREATE INDEX complaints_by_resolved ON complaints (resolved_on) WHERE resolved_on IS NOT NULL;

-- A sale or an interaction moves the customer's last contact; the search index's update
-- trigger fired on that too and rewrote the customer's entry every time. Only a change to
-- what the index holds (or to archived) refreshes it now.

DROP TRIGGER customers_au;
CREATE TRIGGER customers_au AFTER UPDATE OF name, company, email, notes, segment, industry, region, tags, archived
ON customers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
    INSERT INTO search_index (rowid, title, body, tags)
        SELECT NEW.id * 4 + 3, NEW.name, NEW.company || ' ' || NEW.email || ' ' || NEW.notes,
               NEW.segment || ' ' || NEW.industry || ' ' || NEW.region || ' ' || NEW.tags
        WHERE NEW.archived = 0;
END;
