-- regula team server, schema version 7: the search index, and references checked at the end of a load.
--
-- Search (R25; SQLite keeps FTS5 trigram tables, its 0005).
-- A word is found as any substring of a title, description or comment, in any letter case, 'ё' as 'е'
-- (core/search.ts foldForSearch): search_fold() folds the text, and trigram indexes (pg_trgm, in the
-- contrib modules every Debian/Ubuntu `postgresql` package installs) on the folded text serve the
-- LIKE '%word%' of src/db/postgres/store/search.ts. PostgreSQL keeps them itself: nothing to fill or drift.
-- Row-level security is unchanged: the indexes are read through the tables' own policies (R4).

SET LOCAL search_path = regula, pg_catalog;

-- pg_trgm is a trusted extension: the database's owner may create it. Created in regula's schema when the
-- database does not have it yet; where it already is, its operator class is found where it lives.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA regula;

-- Lower case by Unicode (the ICU root locale) where the server has ICU, whatever the database's LC_CTYPE
-- (under "C", lower() folds ASCII only and 'ПОДГОТОВ' would not find 'подготовить').
DO $do$
DECLARE
  folded text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')
                      THEN $f$lower(translate(body, 'Ёё', 'Ее') COLLATE "und-x-icu")$f$
                      ELSE $f$lower(translate(body, 'Ёё', 'Ее'))$f$ END;
  trgm text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format($sql$CREATE FUNCTION regula.search_fold(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $body$ SELECT %s $body$$sql$, folded);
  EXECUTE format('CREATE INDEX tasks_title_search ON regula.tasks USING gin (regula.search_fold(title) %I.gin_trgm_ops)', trgm);
  EXECUTE format('CREATE INDEX tasks_description_search ON regula.tasks USING gin (regula.search_fold(description) %I.gin_trgm_ops)', trgm);
  EXECUTE format('CREATE INDEX comments_body_search ON regula.comments USING gin (regula.search_fold(body) %I.gin_trgm_ops)', trgm);
END $do$;

REVOKE EXECUTE ON FUNCTION search_fold(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_fold(text) TO regula_person;

-- Moving a team in (task import of a regula export, by the database owner): a dump's rows may name a row
-- that comes later (a manager added after the person, a parent task after its step). Every foreign key may
-- now be deferred to the end of a transaction - loadEntities does so, and checks them all before it
-- returns; every other write still checks them at once (INITIALLY IMMEDIATE), as before.
DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN SELECT conrelid::regclass AS tab, conname FROM pg_constraint
            WHERE contype = 'f' AND connamespace = 'regula'::regnamespace AND NOT condeferrable LOOP
    EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', fk.tab, fk.conname);
  END LOOP;
END $$;
