-- Accounts and the audit log. Passwords are stored only as argon2id hashes (libsodium's
-- encoded form, which carries its own salt and parameters). A user holds roles, each for one
-- country (or for none: '' — administrators and officers of every country). The audit log is
-- append-only: triggers refuse updates and deletes.
CREATE TABLE users (
  id               INTEGER PRIMARY KEY,
  username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name     TEXT NOT NULL,
  password_hash    TEXT NOT NULL,
  disabled         INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  password_changed TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('officer', 'editor', 'reviewer', 'admin')),
  country TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, role, country)
);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,              -- UTC, ISO 8601 with milliseconds
  actor      TEXT NOT NULL,              -- username, 'cli:<system user>' or 'anonymous'
  action     TEXT NOT NULL,              -- e.g. user.add, login, login.failed, import
  target     TEXT NOT NULL DEFAULT '',
  outcome    TEXT NOT NULL,              -- ok, denied, failed
  address    TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
