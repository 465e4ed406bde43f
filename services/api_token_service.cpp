#include "services/api_token_service.hpp"

#include <algorithm>
#include <sstream>

#include "services/secret_token.hpp"

namespace lmo::services {

namespace {

constexpr std::string_view kPrefix = "lmo_";

bool has_scope(const std::string& scopes, const std::string& scope) {
  std::istringstream words(scopes);
  for (std::string word; words >> word;) {
    if (word == scope) return true;
  }
  return false;
}

}  // namespace

domain::Checked<IssuedToken> ApiTokenService::create(const std::string& username, const std::string& name,
                                                     const std::vector<std::string>& scopes, long long days,
                                                     const Actor& actor) {
  if (name.empty() || name.size() > 100) return domain::FieldError{"name", "must be 1 to 100 characters"};
  if (days < 1 || days > 366) return domain::FieldError{"days", "must be between 1 and 366"};
  if (scopes.empty()) return domain::FieldError{"scopes", "at least one scope is required (import)"};
  std::string joined;
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    if (std::find(kApiTokenScopes.begin(), kApiTokenScopes.end(), scopes[i]) == kApiTokenScopes.end()) {
      return domain::FieldError{"scopes[" + std::to_string(i) + "]", "must be one of: import"};
    }
    joined += (joined.empty() ? "" : " ") + scopes[i];
  }
  std::string token = std::string(kPrefix) + random_token();
  auto id = tokens_.create_token(username, name, token_hash(token), joined, days);
  if (!id) return domain::FieldError{"username", "no such user"};
  accounts_.record({0, {}, actor.name, "token.create", username, "ok", actor.address, actor.request_id,
                    "token " + std::to_string(*id) + " '" + name + "', scopes: " + joined + ", " + std::to_string(days) + " days"});
  return IssuedToken{*id, token};
}

std::optional<TokenUser> ApiTokenService::authenticate(std::string_view authorization, const std::string& scope,
                                                       const Actor& from) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.rfind(kBearer, 0) != 0) return std::nullopt;
  std::string token(authorization.substr(kBearer.size()));
  if (token.rfind(kPrefix, 0) != 0 || token.size() > 100) return std::nullopt;
  auto record = tokens_.use_token(token_hash(token));
  auto refuse = [&](const std::string& target, const std::string& why) {
    accounts_.record({0, {}, target.empty() ? "anonymous" : target, "token.use", scope, "denied", from.address,
                      from.request_id, why});
    return std::nullopt;
  };
  if (!record) return refuse("", "unknown, expired or revoked token");
  if (!has_scope(record->scopes, scope)) return refuse(record->username, "token " + std::to_string(record->id) + " lacks scope " + scope);
  auto user = accounts_.find(record->username);
  if (!user) return refuse(record->username, "no such user");
  accounts_.record({0, {}, user->username, "token.use", scope, "ok", from.address, from.request_id,
                    "token " + std::to_string(record->id)});
  return TokenUser{user->username, user->grants, record->id};
}

std::optional<domain::FieldError> ApiTokenService::revoke(std::int64_t id, const Actor& actor) {
  if (!tokens_.revoke_token(id)) return domain::FieldError{"id", "no such token"};
  accounts_.record({0, {}, actor.name, "token.revoke", std::to_string(id), "ok", actor.address, actor.request_id, {}});
  return std::nullopt;
}

}  // namespace lmo::services
