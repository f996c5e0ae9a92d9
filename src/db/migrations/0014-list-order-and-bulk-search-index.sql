-- Lists in their default order (deadline, no deadline last, then priority, then id): `list --all --limit 25`
-- and `next` over every task walk this index and stop after the rows shown instead of sorting every task
-- (docs/performance.md). The expressions match the ORDER BY of the store's task queries exactly.
CREATE INDEX tasks_in_list_order ON tasks (deadline_at IS NULL, deadline_at, (CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), id);

-- A person's unanswered remarks (R30, in every day and team report) start from their tasks that someone
-- else directs: this index holds what that lookup reads, so it no longer visits each task's row.
CREATE INDEX tasks_directed_by_responsible ON tasks (responsible_id, director_id, title) WHERE deleted_at IS NULL;

-- Imports fill the search index once after their bulk insert (SqliteStore.fillingSearchIndexAfter): while
-- the meta row 'search_index_deferred' exists - only inside that import's own transaction - a new task or
-- comment is not indexed row by row (an FTS5 trigram insert per row was about a third of an import).
DROP TRIGGER task_search_insert;
CREATE TRIGGER task_search_insert AFTER INSERT ON tasks
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search_index_deferred') BEGIN
  INSERT INTO task_search (rowid, body) VALUES (new.id * 2, replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO task_search (rowid, body) SELECT new.id * 2 + 1, replace(replace(new.description, 'ё', 'е'), 'Ё', 'Е') WHERE new.description IS NOT NULL;
END;
DROP TRIGGER comment_search_insert;
CREATE TRIGGER comment_search_insert AFTER INSERT ON comments
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search_index_deferred') BEGIN
  INSERT INTO comment_search (rowid, body) VALUES (new.id, replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'));
END;
