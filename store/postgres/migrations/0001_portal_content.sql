-- The Customs Portal's editorial content (pages, resources, activities) and the fingerprints of
-- bundled datasets. schema_migrations and lmo_now() come from PgDatabase's bootstrap.
-- Text that is sorted or compared uses COLLATE "C" (byte order), as SQLite does, so both
-- backends list things in the same order whatever the database's locale.

-- Fingerprints of bundled datasets loaded from data/, so later starts reuse the database
-- and a changed data/ folder is reloaded.
CREATE TABLE bundled_datasets (
  name        TEXT COLLATE "C" PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  loaded_at   TEXT NOT NULL
);

CREATE TABLE pages (
  slug      TEXT COLLATE "C" PRIMARY KEY,
  parent    TEXT COLLATE "C" REFERENCES pages(slug) DEFERRABLE INITIALLY DEFERRED,
  position  INTEGER NOT NULL DEFAULT 0,
  lists     TEXT NOT NULL DEFAULT '',  -- record lists shown under the text: 'resources activities'
  updated   TEXT NOT NULL,
  source    TEXT NOT NULL,
  retrieved TEXT NOT NULL,
  verified  BOOLEAN NOT NULL,
  note      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE page_texts (
  slug      TEXT COLLATE "C" NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
  lang      TEXT COLLATE "C" NOT NULL,
  title     TEXT NOT NULL,
  nav_title TEXT NOT NULL,
  summary   TEXT NOT NULL,
  body_html TEXT NOT NULL,
  PRIMARY KEY (slug, lang)
);

CREATE TABLE resources (
  id                TEXT COLLATE "C" PRIMARY KEY,
  kind              TEXT NOT NULL,
  publisher         TEXT NOT NULL,
  year              INTEGER,
  url               TEXT NOT NULL,
  languages         TEXT NOT NULL,  -- space-separated language codes
  translated_titles TEXT NOT NULL,  -- space-separated language codes
  position          INTEGER NOT NULL,
  source            TEXT NOT NULL,
  retrieved         TEXT NOT NULL,
  verified          BOOLEAN NOT NULL,
  note              TEXT NOT NULL DEFAULT ''
);

CREATE TABLE resource_texts (
  resource_id TEXT COLLATE "C" NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  lang        TEXT COLLATE "C" NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (resource_id, lang)
);

CREATE TABLE activities (
  id         TEXT COLLATE "C" PRIMARY KEY,
  start_date TEXT COLLATE "C" NOT NULL,
  end_date   TEXT NOT NULL,
  city       TEXT,
  country    TEXT,
  online     BOOLEAN NOT NULL,
  region     TEXT NOT NULL,
  languages  TEXT NOT NULL,  -- space-separated language codes
  source     TEXT NOT NULL,
  retrieved  TEXT NOT NULL,
  verified   BOOLEAN NOT NULL,
  note       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE activity_texts (
  activity_id TEXT COLLATE "C" NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  lang        TEXT COLLATE "C" NOT NULL,
  title       TEXT NOT NULL,
  audience    TEXT NOT NULL,
  PRIMARY KEY (activity_id, lang)
);

CREATE TABLE activity_organisers (
  activity_id TEXT COLLATE "C" NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE activity_materials (
  activity_id TEXT COLLATE "C" NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  url         TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE activity_material_titles (
  activity_id TEXT COLLATE "C" NOT NULL,
  position    INTEGER NOT NULL,
  lang        TEXT COLLATE "C" NOT NULL,
  title       TEXT NOT NULL,
  PRIMARY KEY (activity_id, position, lang),
  FOREIGN KEY (activity_id, position) REFERENCES activity_materials(activity_id, position)
    ON DELETE CASCADE
);
