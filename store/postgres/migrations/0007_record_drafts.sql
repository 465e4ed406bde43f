-- Drafts of national records on their way from an editor to publication (as the SQLite
-- migration 0007); `version` grows with every change, so concurrent edits are detected.
CREATE TABLE record_drafts (
  id          BIGSERIAL PRIMARY KEY,
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
  version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX record_drafts_country ON record_drafts(country, status);
