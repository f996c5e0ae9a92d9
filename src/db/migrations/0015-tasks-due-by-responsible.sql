-- A person's tasks due in a range (each day of a plan or report: `buildDayPlan`, the calendar): without this
-- index SQLite walked every task of the person (tasks_directed_by_responsible) and sorted them - 3 ms a
-- day at 100,000 tasks, 900 days in a team's month - instead of reading the few due that day in order.
CREATE INDEX tasks_due_by_responsible ON tasks (responsible_id, deadline_at) WHERE deleted_at IS NULL;
