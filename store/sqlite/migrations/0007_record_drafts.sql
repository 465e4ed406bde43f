-- National record editing: drafts of decisions, laboratories and authorities (contacts) that
-- national editors prepare and reviewers publish. A draft holds the record as JSON; publishing
-- writes it to the registry as a new revision (the registry keeps every revision). `version`
-- grows with every change, so concurrent edits are detected.
CREATE TABLE record_drafts (
  id          INTEGER PRIMARY KEY,
  type        TEXT NOT NULL CHECK (type IN ('decision', 'laboratory', 'authority')),
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
CREATE INDEX record_drafts_country ON record_drafts(country, status);
