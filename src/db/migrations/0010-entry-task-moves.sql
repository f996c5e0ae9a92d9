-- Time moved to the task it was really spent on (task time edit ENTRY --task ID, R22): the correction
-- log keeps the task the entry was on before and after. Both null when a correction left the task as it was.
ALTER TABLE time_entry_changes ADD COLUMN old_task_id INTEGER REFERENCES tasks (id);
ALTER TABLE time_entry_changes ADD COLUMN new_task_id INTEGER REFERENCES tasks (id);
