-- Accounts and the audit log (as store/sqlite/migrations/0003_accounts.sql). Passwords are
-- stored only as argon2id hashes. User names are unique case-insensitively. The audit log is
-- append-only: a trigger refuses updates and deletes.
CREATE TABLE users (
  id               BIGSERIAL PRIMARY KEY,
  username         TEXT NOT NULL,
  display_name     TEXT NOT NULL,
  password_hash    TEXT NOT NULL,
  disabled         BOOLEAN NOT NULL DEFAULT false,
  created_at       TEXT NOT NULL,
  password_changed TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('officer', 'editor', 'reviewer', 'admin')),
  country TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, role, country)
);

CREATE TABLE audit_log (
  id         BIGSERIAL PRIMARY KEY,
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

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
