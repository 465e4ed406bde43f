-- The LMO registry. Each record is kept whole as a JSON document (domain/registry_json.hpp),
-- with its revision history; the tables after registry_records are indexes derived from the
-- documents for search, facets and approval questions, rewritten with every change.
CREATE TABLE registry_records (
  type       TEXT NOT NULL,     -- lmo, decision, method, laboratory, organism, ...
  key        TEXT NOT NULL,     -- identifier, id or code of the record
  revision   INTEGER NOT NULL,  -- 1 for the first version, +1 per change
  doc        TEXT NOT NULL,     -- the record as JSON
  origin     TEXT NOT NULL,     -- 'bundled', or the file/user an import came from
  updated_at TEXT NOT NULL,
  PRIMARY KEY (type, key)
);

CREATE INDEX registry_records_updated ON registry_records(updated_at);

CREATE TABLE registry_revisions (
  type        TEXT NOT NULL,
  key         TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  doc         TEXT NOT NULL,
  origin      TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (type, key, revision)
);

CREATE TABLE lmo_index (
  id          INTEGER PRIMARY KEY,   -- also the rowid of the LMO's rows in the FTS tables
  key         TEXT NOT NULL UNIQUE,
  uid         TEXT,              -- canonical identifier (with Ø)
  uid_compact TEXT,              -- identifier in capitals, 0 for Ø, no separators: MON008106
  event_name  TEXT NOT NULL,
  organism    TEXT NOT NULL,
  developer   TEXT NOT NULL,
  is_stack    INTEGER NOT NULL
);
CREATE INDEX lmo_index_organism ON lmo_index(organism);
CREATE INDEX lmo_index_developer ON lmo_index(developer);
CREATE INDEX lmo_index_uid_compact ON lmo_index(uid_compact);

CREATE TABLE lmo_traits (
  key   TEXT NOT NULL,
  trait TEXT NOT NULL,
  PRIMARY KEY (key, trait)
);
CREATE INDEX lmo_traits_trait ON lmo_traits(trait);

-- Every name an LMO is known by, in lower case: event name, aliases, trade names.
CREATE TABLE lmo_names (
  key  TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (key, name)
);
CREATE INDEX lmo_names_name ON lmo_names(name);

CREATE TABLE decision_index (
  id       TEXT PRIMARY KEY,
  country  TEXT NOT NULL,
  date     TEXT NOT NULL,
  expiry   TEXT,
  result   TEXT NOT NULL
);
CREATE INDEX decision_index_country ON decision_index(country);

CREATE TABLE decision_lmos (
  decision_id TEXT NOT NULL,
  lmo_key     TEXT NOT NULL,
  PRIMARY KEY (decision_id, lmo_key)
);
CREATE INDEX decision_lmos_lmo ON decision_lmos(lmo_key);

-- Countries with an approval on record (any use, any date): the search facet.
CREATE TABLE lmo_approval_countries (
  key     TEXT NOT NULL,
  country TEXT NOT NULL,
  PRIMARY KEY (key, country)
);
CREATE INDEX lmo_approval_countries_country ON lmo_approval_countries(country);

-- Words: names, organism names in every language, traits, developer; accents ignored.
-- Rows are keyed by lmo_index.id (rowid), so they are replaced without scanning the table.
CREATE VIRTUAL TABLE lmo_words USING fts5(key UNINDEXED, words,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');
-- Identifiers and names as character trigrams, for partial identifiers such as "00810".
CREATE VIRTUAL TABLE lmo_trigrams USING fts5(key UNINDEXED, ids, tokenize = 'trigram');
