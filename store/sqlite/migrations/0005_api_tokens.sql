-- API tokens for machine clients: shown once at creation, stored only as a hash, limited to
-- scopes (space-separated, e.g. 'import'), expiring, revocable. A token acts for its user and
-- stops working when the user is disabled.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  scopes       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
