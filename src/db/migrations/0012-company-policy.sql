-- R39: company policy lives with the data. One row per key that has been set (a key without a row has
-- its default); every change is kept in policy_history with who made it, when and why.
CREATE TABLE policy (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE policy_history (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  -- null: the key had its default
  old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
  new_value TEXT NOT NULL CHECK (json_valid(new_value)),
  actor_id INTEGER NOT NULL REFERENCES users (id),
  at INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (trim(reason) <> '')
);
