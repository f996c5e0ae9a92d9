-- Lists in their default order (deadline, no deadline last, then priority, then id): `list --all --limit 25`
-- and `next` over every task walk this index and stop after the rows shown instead of sorting every task
-- (docs/performance.md). The expressions match the ORDER BY of the store's task queries exactly.
CREATE INDEX tasks_in_list_order ON tasks (deadline_at IS NULL, deadline_at, (CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), id);
