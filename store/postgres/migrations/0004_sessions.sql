-- Login sessions shared by every instance (only a hash of the token is kept), and failed
-- logins per account and per address for throttling (as the SQLite migration 0004).
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  address    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_failures (
  id      BIGSERIAL PRIMARY KEY,
  key     TEXT NOT NULL,   -- 'user:<name>' or 'address:<ip>'
  at      TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
