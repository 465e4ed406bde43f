-- Schema bookkeeping and the Customs Portal's editorial content (pages, resources, activities).
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- Fingerprints of bundled datasets loaded from data/, so later starts reuse the database
-- and a changed data/ folder is reloaded.
CREATE TABLE bundled_datasets (
  name        TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  loaded_at   TEXT NOT NULL
);

CREATE TABLE pages (
  slug      TEXT PRIMARY KEY,
  parent    TEXT REFERENCES pages(slug) DEFERRABLE INITIALLY DEFERRED,
  position  INTEGER NOT NULL DEFAULT 0,
  lists     TEXT NOT NULL DEFAULT '',  -- record lists shown under the text: 'resources activities'
  updated   TEXT NOT NULL,
  source    TEXT NOT NULL,
  retrieved TEXT NOT NULL,
  verified  INTEGER NOT NULL CHECK (verified IN (0, 1)),
  note      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE page_texts (
  slug      TEXT NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
  lang      TEXT NOT NULL,
  title     TEXT NOT NULL,
  nav_title TEXT NOT NULL,
  summary   TEXT NOT NULL,
  body_html TEXT NOT NULL,
  PRIMARY KEY (slug, lang)
);

CREATE TABLE resources (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL,
  publisher         TEXT NOT NULL,
  year              INTEGER,
  url               TEXT NOT NULL,
  languages         TEXT NOT NULL,  -- space-separated language codes
  translated_titles TEXT NOT NULL,  -- space-separated language codes
  position          INTEGER NOT NULL,
  source            TEXT NOT NULL,
  retrieved         TEXT NOT NULL,
  verified          INTEGER NOT NULL CHECK (verified IN (0, 1)),
  note              TEXT NOT NULL DEFAULT ''
);

CREATE TABLE resource_texts (
  resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (resource_id, lang)
);

CREATE TABLE activities (
  id         TEXT PRIMARY KEY,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  city       TEXT,
  country    TEXT,
  online     INTEGER NOT NULL CHECK (online IN (0, 1)),
  region     TEXT NOT NULL,
  languages  TEXT NOT NULL,  -- space-separated language codes
  source     TEXT NOT NULL,
  retrieved  TEXT NOT NULL,
  verified   INTEGER NOT NULL CHECK (verified IN (0, 1)),
  note       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE activity_texts (
  activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL,
  title       TEXT NOT NULL,
  audience    TEXT NOT NULL,
  PRIMARY KEY (activity_id, lang)
);

CREATE TABLE activity_organisers (
  activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE activity_materials (
  activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  url         TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE activity_material_titles (
  activity_id TEXT NOT NULL,
  position    INTEGER NOT NULL,
  lang        TEXT NOT NULL,
  title       TEXT NOT NULL,
  PRIMARY KEY (activity_id, position, lang),
  FOREIGN KEY (activity_id, position) REFERENCES activity_materials(activity_id, position)
    ON DELETE CASCADE
);
