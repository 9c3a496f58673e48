-- Undo and redo of whole user actions, kept in the database so they work across the TUI and
-- the CLI and survive a restart (the technique of sqlite.org/undoredo).
--
-- A user action is one step. While its transaction runs, undo_recording holds the step's id,
-- and the triggers salescoach generates on every user table (store/undo_triggers.rs; made
-- from the schema after each migration, so a table added later gets them too) append the
-- SQL that reverses each row change to undo_log. Undoing replays a step's log newest first;
-- the same triggers then record the statements that redo it, which replace the log, and
-- the step is marked undone. Outside a user action undo_recording is empty and nothing is
-- recorded (migrations, imports of a whole export, the day's motivational pick).

CREATE TABLE undo_steps (
    id      INTEGER PRIMARY KEY,
    label   TEXT NOT NULL,
    -- Local wall-clock time, for the list only: no rule depends on it.
    made_at TEXT NOT NULL,
    undone  INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;
CREATE INDEX undo_steps_by_state ON undo_steps (undone, id);

-- row_key is the changed row's primary key as SQL literals ('4', or '''cafe''' for text), so
-- a refusal can name the row.
CREATE TABLE undo_log (
    id      INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES undo_steps (id) ON DELETE CASCADE,
    tbl     TEXT NOT NULL,
    row_key TEXT NOT NULL,
    sql     TEXT NOT NULL
) STRICT;
CREATE INDEX undo_log_by_step ON undo_log (step_id);

-- The step being recorded: one row, and only inside a user action's transaction.
CREATE TABLE undo_recording (
    step_id INTEGER PRIMARY KEY REFERENCES undo_steps (id) ON DELETE CASCADE
) STRICT;
