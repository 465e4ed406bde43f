// SessionStore: login sessions (by the hash of their token, with the CSRF token bound to each)
// and the record of failed logins that throttling counts — kept in the database so that
// several instances share them. Times are ISO 8601 UTC strings from the database's clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lmo::store {

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string username;
  std::string csrf_token;
  std::string expires_at;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Creates a session lasting `seconds`; also deletes every expired session.
  virtual void create_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                              std::int64_t seconds, const std::string& address) = 0;
  // The session when it exists, has not expired and its user is enabled.
  virtual std::optional<SessionRecord> find_session(const std::string& token_hash) const = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  // Records a login attempt of `key` that failed — or, reserved before the password is
  // checked, one that may yet fail (so parallel attempts are all counted).
  // Returns the attempt's id.
  virtual std::int64_t record_failure(const std::string& key) = 0;
  // Removes one recorded attempt (a reservation that turned out not to be a failure).
  virtual void forget_failure(std::int64_t id) = 0;
  // Failures of `key` in the last `seconds`.
  virtual std::int64_t recent_failures(const std::string& key, std::int64_t seconds) const = 0;
  virtual void clear_failures(const std::string& key) = 0;
};

}  // namespace lmo::store
