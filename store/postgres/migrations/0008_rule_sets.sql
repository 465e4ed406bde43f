-- Published revisions of national rule sets, the newest of each jurisdiction in force; drafts
-- may now also be rule sets (as the SQLite migration 0008).
CREATE TABLE rule_set_revisions (
  jurisdiction TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  doc          TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  PRIMARY KEY (jurisdiction, revision)
);

ALTER TABLE record_drafts DROP CONSTRAINT record_drafts_type_check;
ALTER TABLE record_drafts ADD CONSTRAINT record_drafts_type_check
  CHECK (type IN ('decision', 'laboratory', 'authority', 'rule_set'));
