#include "services/session_service.hpp"

#include "services/secret_token.hpp"

#include <algorithm>
#include <cctype>

namespace lmo::services {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

LoginResult SessionService::login(const std::string& username, const std::string& password, const Actor& from) {
  const std::string account_key = "user:" + lower(username);
  const std::string address_key = "address:" + from.address;
  // The attempt is counted before the (slow) password check, so attempts running in parallel
  // — on this instance or on others sharing the database — all see each other: of N at once,
  // at most the limit get a password check.
  auto account_attempt = sessions_.record_failure(account_key);
  auto address_attempt = sessions_.record_failure(address_key);
  if (sessions_.recent_failures(account_key, limits_.window_seconds) > limits_.per_account ||
      sessions_.recent_failures(address_key, limits_.window_seconds) > limits_.per_address) {
    sessions_.forget_failure(account_attempt);  // a refused attempt does not prolong the wait
    sessions_.forget_failure(address_attempt);
    accounts_.record({0, {}, from.name, "login.throttled", username, "denied", from.address, from.request_id, {}});
    return {LoginResult::Status::throttled, std::nullopt, limits_.window_seconds};
  }
  auto user = accounts_.verify_credentials(username, password, from);
  if (!user) return {LoginResult::Status::wrong_credentials, std::nullopt, 0};  // the attempt stays counted
  sessions_.clear_failures(account_key);
  sessions_.forget_failure(address_attempt);
  OpenedSession opened{random_token(), random_token(), *user};
  sessions_.create_session(token_hash(opened.token), user->id, opened.csrf_token, limits_.session_seconds, from.address);
  return {LoginResult::Status::ok, std::move(opened), 0};
}

std::optional<SessionUser> SessionService::authenticate(const std::string& token) const {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto session = sessions_.find_session(token_hash(token));
  if (!session) return std::nullopt;
  auto user = accounts_.find(session->username);
  if (!user) return std::nullopt;
  return SessionUser{user->username, session->csrf_token, user->grants};
}

void SessionService::logout(const std::string& token, const Actor& from) {
  if (token.empty() || token.size() > 100) return;
  sessions_.delete_session(token_hash(token));
  accounts_.record({0, {}, from.name, "logout", from.name, "ok", from.address, from.request_id, {}});
}

}  // namespace lmo::services
