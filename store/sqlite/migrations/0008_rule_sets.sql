-- National rule sets (data/rules/countries/<CODE>.json) published through the editing
-- workflow: every published revision is kept; the newest one of each jurisdiction is in force
-- (over the bundled file). Drafts may now also be rule sets.
CREATE TABLE rule_set_revisions (
  jurisdiction TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  doc          TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  PRIMARY KEY (jurisdiction, revision)
);

CREATE TABLE record_drafts_new (
  id          INTEGER PRIMARY KEY,
  type        TEXT NOT NULL CHECK (type IN ('decision', 'laboratory', 'authority', 'rule_set')),
  record_key  TEXT NOT NULL,
  country     TEXT NOT NULL,
  doc         TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'published')),
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  reviewer    TEXT,
  reviewed_at TEXT,
  comment     TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO record_drafts_new SELECT * FROM record_drafts;
DROP TABLE record_drafts;
ALTER TABLE record_drafts_new RENAME TO record_drafts;
CREATE INDEX record_drafts_country ON record_drafts(country, status);
