-- The undo triggers leave the file. SQLite parses every trigger stored in a database each
-- time a connection first uses it, and the 76 undo triggers (three per table) were most of
-- what any command cost before its first query, a read as much as a write. They are now
-- TEMP triggers, made on a connection for a table the first time a change writes it
-- (store/undo_scope.rs); the migration drops the stored ones before it runs, as it does
-- before every step, and makes none again. undo_log, undo_steps and undo_recording keep
-- their shape: the history recorded so far can still be undone.
SELECT 1;
