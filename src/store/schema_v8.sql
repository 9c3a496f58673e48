-- The daily list (`today`, the Today tab's follow-up sections) reads every due follow-up
-- in due order. With only the order in the index, each row was a look-up in the table:
-- pages all over the file, read in due-date order rather than file order. The index now
-- holds every column those rows show (status too, so SQLite sees it as covering), and the
-- table is not read: `today --json` at 10,000 due rows went from 30 to 22-25 ms.
DROP INDEX followups_open_by_due;
CREATE INDEX followups_open_by_due
    ON followups (due_on, due_time, id, customer_id, kind, reason, recur_every, status)
    WHERE status = 'open';
