// ApiTokenStore: API tokens of machine clients — by the hash of the token, with their scopes,
// expiry and revocation. Times are ISO 8601 UTC strings from the database's clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmo::store {

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  std::string scopes;  // space-separated
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
};

class ApiTokenStore {
 public:
  virtual ~ApiTokenStore() = default;
  // nullopt when there is no such user.
  virtual std::optional<std::int64_t> create_token(const std::string& username, const std::string& name,
                                                   const std::string& token_hash, const std::string& scopes,
                                                   std::int64_t days) = 0;
  // The token when it is neither expired nor revoked and its user is enabled; marks it used.
  virtual std::optional<ApiTokenRecord> use_token(const std::string& token_hash) = 0;
  virtual std::vector<ApiTokenRecord> tokens(const std::string& username) const = 0;
  // false when there is no such token.
  virtual bool revoke_token(std::int64_t id) = 0;
};

}  // namespace lmo::store
