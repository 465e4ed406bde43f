-- Inspection cases and their entries (as the SQLite migration 0006); `version` grows with
-- every change, so concurrent edits are detected.
CREATE TABLE inspection_cases (
  id          BIGSERIAL PRIMARY KEY,
  reference   TEXT NOT NULL UNIQUE,
  country     TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'sampled', 'awaiting_laboratory', 'decided')),
  outcome     TEXT NOT NULL,
  declaration TEXT NOT NULL,
  report      TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  decision    TEXT,
  decided_by  TEXT,
  decided_at  TEXT,
  version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX inspection_cases_country ON inspection_cases(country, created_at);

CREATE TABLE case_entries (
  id      BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES inspection_cases(id) ON DELETE CASCADE,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('sampling', 'laboratory', 'decision')),
  content TEXT NOT NULL
);
CREATE INDEX case_entries_case ON case_entries(case_id, id);
