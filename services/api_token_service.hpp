// ApiTokenService: API tokens for machine clients. A token ("lmo_" + 256 random bits) is shown
// once at creation and stored only as a hash; it carries scopes (what it may be used for, e.g.
// "import"), expires after a number of days, can be revoked, and acts for its user (whose roles
// still apply). Creation, revocation and every use — accepted or refused — are audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/account_service.hpp"
#include "store/api_token_store.hpp"

namespace lmo::services {

// The scopes a token may carry.
inline const std::vector<std::string> kApiTokenScopes{"import"};

struct IssuedToken {
  std::int64_t id = 0;
  std::string token;  // shown once
};

struct TokenUser {
  std::string username;
  std::vector<domain::RoleGrant> grants;
  std::int64_t token_id = 0;
};

class ApiTokenService {
 public:
  // REQUIRES: both outlive the service.
  ApiTokenService(AccountService& accounts, store::ApiTokenStore& tokens) : accounts_(accounts), tokens_(tokens) {}

  domain::Checked<IssuedToken> create(const std::string& username, const std::string& name,
                                      const std::vector<std::string>& scopes, long long days, const Actor& actor);
  // The user of an "Authorization: Bearer lmo_..." value when the token is valid and carries
  // `scope`; audited as token.use (ok, or denied with the reason).
  std::optional<TokenUser> authenticate(std::string_view authorization, const std::string& scope, const Actor& from);
  std::optional<domain::FieldError> revoke(std::int64_t id, const Actor& actor);
  std::vector<store::ApiTokenRecord> tokens(const std::string& username) const { return tokens_.tokens(username); }

 private:
  AccountService& accounts_;
  store::ApiTokenStore& tokens_;
};

}  // namespace lmo::services
