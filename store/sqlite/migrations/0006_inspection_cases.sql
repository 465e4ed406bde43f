-- Inspection cases: a border check saved by an officer (the declaration and the report as JSON),
-- then what happened to the consignment — sampling, laboratory results, the final decision —
-- as entries. `version` grows with every change, so concurrent edits are detected.
CREATE TABLE inspection_cases (
  id          INTEGER PRIMARY KEY,
  reference   TEXT NOT NULL UNIQUE,
  country     TEXT NOT NULL,   -- the importing country: officers see their own country's cases
  status      TEXT NOT NULL CHECK (status IN ('open', 'sampled', 'awaiting_laboratory', 'decided')),
  outcome     TEXT NOT NULL,   -- the border check's outcome
  declaration TEXT NOT NULL,
  report      TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  decision    TEXT,            -- release, refuse_entry, re_export, destroy, refer_to_authority
  decided_by  TEXT,
  decided_at  TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspection_cases_country ON inspection_cases(country, created_at);

CREATE TABLE case_entries (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES inspection_cases(id) ON DELETE CASCADE,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('sampling', 'laboratory', 'decision')),
  content TEXT NOT NULL      -- JSON
);
CREATE INDEX case_entries_case ON case_entries(case_id, id);
