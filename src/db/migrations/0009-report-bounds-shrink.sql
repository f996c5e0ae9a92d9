-- The length of the longest finished entry (0008) also shrinks. When that entry is corrected shorter or
-- deleted (a timer left running over a weekend, stopped by `task doctor` or fixed with `task time edit`),
-- the bound is read again, so reports stop reading days of entries before every period. Such edits are
-- rare; reading the bound again is one pass over the finished entries.
CREATE TRIGGER time_entries_longest_shrink AFTER UPDATE OF start_at, end_at ON time_entries
  WHEN old.end_at IS NOT NULL
   AND old.end_at - old.start_at >= (SELECT longest_ms FROM time_entry_bounds WHERE id = 1)
   AND (new.end_at IS NULL OR new.end_at - new.start_at < old.end_at - old.start_at)
BEGIN
  UPDATE time_entry_bounds SET longest_ms = coalesce((SELECT max(end_at - start_at) FROM time_entries WHERE end_at IS NOT NULL), 0) WHERE id = 1;
END;

CREATE TRIGGER time_entries_longest_delete AFTER DELETE ON time_entries
  WHEN old.end_at IS NOT NULL
   AND old.end_at - old.start_at >= (SELECT longest_ms FROM time_entry_bounds WHERE id = 1)
BEGIN
  UPDATE time_entry_bounds SET longest_ms = coalesce((SELECT max(end_at - start_at) FROM time_entries WHERE end_at IS NOT NULL), 0) WHERE id = 1;
END;

-- Bounds left loose before this migration are made exact once.
UPDATE time_entry_bounds SET longest_ms = coalesce((SELECT max(end_at - start_at) FROM time_entries WHERE end_at IS NOT NULL), 0) WHERE id = 1;
