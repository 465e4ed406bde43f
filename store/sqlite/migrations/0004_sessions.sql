-- Login sessions, stored in the database so that several server instances share them. Only a
-- hash of the session token is kept (the token itself lives in the user's cookie). Failed
-- logins are counted per account and per address for throttling.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  address    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_failures (
  key     TEXT NOT NULL,   -- 'user:<name>' or 'address:<ip>'
  at      TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
