// SessionService: logging in and out. A login checks the credentials through AccountService
// (audited either way) unless throttled — at most 5 failures per account and 20 per address in
// 15 minutes — and opens a new session: a random 256-bit token (given to the browser once, kept
// only as a hash) and a CSRF token bound to it. A new token at every login means a session id
// planted before the login is never promoted (no session fixation).
#pragma once

#include <optional>
#include <string>

#include "services/account_service.hpp"
#include "store/session_store.hpp"

namespace lmo::services {

struct LoginLimits {
  std::int64_t per_account = 5;
  std::int64_t per_address = 20;
  std::int64_t window_seconds = 15 * 60;
  std::int64_t session_seconds = 8 * 60 * 60;  // a working day
};

struct OpenedSession {
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
  store::UserRecord user;
};

struct LoginResult {
  enum class Status { ok, wrong_credentials, throttled } status = Status::wrong_credentials;
  std::optional<OpenedSession> session;
  std::int64_t retry_after_seconds = 0;  // when throttled
};

struct SessionUser {
  std::string username;
  std::string csrf_token;
  std::vector<domain::RoleGrant> grants;
};

class SessionService {
 public:
  // REQUIRES: both outlive the service.
  SessionService(AccountService& accounts, store::SessionStore& sessions, LoginLimits limits = {})
      : accounts_(accounts), sessions_(sessions), limits_(limits) {}

  LoginResult login(const std::string& username, const std::string& password, const Actor& from);
  // The user of a session token (from a cookie), when the session is valid.
  std::optional<SessionUser> authenticate(const std::string& token) const;
  void logout(const std::string& token, const Actor& from);
 private:
  AccountService& accounts_;
  store::SessionStore& sessions_;
  LoginLimits limits_;
};

}  // namespace lmo::services
