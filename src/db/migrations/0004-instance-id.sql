-- A random id of this database, so identifiers written outside it (iCalendar UIDs, exports) are
-- unique across databases and stable across exports.
CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('instance_id', lower(hex(randomblob(16))));
