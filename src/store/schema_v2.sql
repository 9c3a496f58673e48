-- The open follow-ups' due-date index also carries customer_id, so counting and
-- grouping the checklist and Follow-ups sections (which join customers to skip archived
-- ones) reads the index alone instead of fetching each follow-up row.
DROP INDEX followups_open_by_due;
CREATE INDEX followups_open_by_due ON followups (due_on, due_time, id, customer_id) WHERE status = 'open';
