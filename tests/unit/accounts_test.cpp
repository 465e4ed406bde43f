// Accounts: role grants, user-name and password rules, argon2id hashing, and the account
// service on a real SQLite database — users with roles, credential checks audited either way,
// the audit log append-only, and no password anywhere in the database file.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "domain/account_rules.hpp"
#include "services/account_service.hpp"
#include "services/password_hasher.hpp"
#include "services/session_service.hpp"
#include "backend_fixture.hpp"
#include "store/store_error.hpp"
#include "test_support.hpp"

using lmo::domain::Role;

namespace {

std::string field_of(const lmo::domain::Checked<lmo::domain::RoleGrant>& grant) {
  const auto* error = lmo::domain::error_of(grant);
  return error ? error->field : "";
}

}  // namespace

TEST(AccountRules, RoleGrantsNeedACountryForEditorsAndReviewersOnly) {
  auto admin = lmo::domain::parse_role_grant("admin");
  ASSERT_FALSE(lmo::domain::error_of(admin));
  EXPECT_EQ(std::get<lmo::domain::RoleGrant>(admin).role, Role::admin);
  auto editor = std::get<lmo::domain::RoleGrant>(lmo::domain::parse_role_grant("editor:MX"));
  EXPECT_EQ(editor.role, Role::editor);
  EXPECT_EQ(editor.country, "MX");
  EXPECT_EQ(lmo::domain::grant_text(editor), "editor:MX");
  EXPECT_EQ(std::get<lmo::domain::RoleGrant>(lmo::domain::parse_role_grant("officer")).country, "");
  EXPECT_EQ(std::get<lmo::domain::RoleGrant>(lmo::domain::parse_role_grant("reviewer:EU")).country, "EU");
  EXPECT_EQ(field_of(lmo::domain::parse_role_grant("editor", "roles[0]")), "roles[0]");
  EXPECT_TRUE(lmo::domain::error_of(lmo::domain::parse_role_grant("admin:MX")));
  EXPECT_TRUE(lmo::domain::error_of(lmo::domain::parse_role_grant("editor:mx")));
  EXPECT_TRUE(lmo::domain::error_of(lmo::domain::parse_role_grant("editor:MEX")));
  EXPECT_TRUE(lmo::domain::error_of(lmo::domain::parse_role_grant("root")));
}

TEST(AccountRules, UserNamesAndPasswords) {
  EXPECT_FALSE(lmo::domain::check_username("ana.lopez@senasica"));
  EXPECT_TRUE(lmo::domain::check_username("ab"));
  EXPECT_TRUE(lmo::domain::check_username("ana lopez"));
  EXPECT_FALSE(lmo::domain::check_password("correct horse battery", "ana"));
  EXPECT_EQ(lmo::domain::check_password("short pass", "ana")->field, "password");        // 10 characters
  EXPECT_TRUE(lmo::domain::check_password(std::string(129, 'x') + "y", "ana"));         // too long
  EXPECT_TRUE(lmo::domain::check_password("aaaaaaaaaaaaaaaa", "ana"));                  // one character
  EXPECT_TRUE(lmo::domain::check_password("my name is ANA.LOPEZ", "ana.lopez"));        // contains the name
  EXPECT_FALSE(lmo::domain::check_password(std::string(12, 'x') + "y", "ana"));        // 13 is enough
}

TEST(PasswordHasher, Argon2idWithARandomSalt) {
  lmo::services::PasswordHasher hasher;
  auto first = hasher.hash("correct horse battery");
  auto second = hasher.hash("correct horse battery");
  EXPECT_EQ(first.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(first, second);  // salted
  EXPECT_EQ(first.find("correct horse"), std::string::npos);
  EXPECT_TRUE(hasher.verify(first, "correct horse battery"));
  EXPECT_TRUE(hasher.verify(second, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(first, "correct horse batterY"));
  EXPECT_FALSE(hasher.verify("not a hash", "correct horse battery"));
  EXPECT_FALSE(hasher.needs_rehash(first));
}

// The account service over each backend's AccountStore.
class AccountServiceTest : public lmo::test::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    accounts_ = std::make_unique<lmo::services::AccountService>(database().accounts());
  }
  lmo::services::AccountService& accounts() { return *accounts_; }
  lmo::store::AccountStore& store() { return database().accounts(); }
  lmo::services::Actor cli{"cli:tester", "local", ""};
  lmo::services::Actor web{"anonymous", "127.0.0.1", "req-1"};

 private:
  std::unique_ptr<lmo::services::AccountService> accounts_;
};
LMO_INSTANTIATE_FOR_BACKENDS(AccountServiceTest);

TEST_P(AccountServiceTest, AddsUsersWithRolesAndRefusesTakenNamesAndBadInput) {
  auto added = accounts().add_user({"ana.lopez", "Ana López", "tortilla de maíz 2026", {"editor:MX", "reviewer:MX"}}, cli);
  ASSERT_FALSE(lmo::domain::error_of(added)) << lmo::domain::error_of(added)->message;
  const auto& user = std::get<lmo::store::UserRecord>(added);
  EXPECT_EQ(user.display_name, "Ana López");
  ASSERT_EQ(user.grants.size(), 2u);
  EXPECT_EQ(lmo::domain::grant_text(user.grants[0]), "editor:MX");
  EXPECT_FALSE(user.created_at.empty());

  auto taken = accounts().add_user({"ANA.LOPEZ", "", "another long password", {"officer"}}, cli);
  ASSERT_TRUE(lmo::domain::error_of(taken));
  EXPECT_EQ(lmo::domain::error_of(taken)->field, "username");
  EXPECT_EQ(lmo::domain::error_of(accounts().add_user({"bo", "", "another long password", {"officer"}}, cli))->field, "username");
  EXPECT_EQ(lmo::domain::error_of(accounts().add_user({"bob", "", "short", {"officer"}}, cli))->field, "password");
  EXPECT_EQ(lmo::domain::error_of(accounts().add_user({"bob", "", "another long password", {}}, cli))->field, "roles");
  EXPECT_EQ(lmo::domain::error_of(accounts().add_user({"bob", "", "another long password", {"officer", "editor"}}, cli))->field,
            "roles[1]");
  EXPECT_EQ(accounts().users().size(), 1u);  // nothing partially written

  auto log = accounts().audit({});
  ASSERT_EQ(log.size(), 2u);  // the add, and the refused duplicate
  EXPECT_EQ(log[0].action, "user.add");
  EXPECT_EQ(log[0].outcome, "failed");
  EXPECT_EQ(log[1].outcome, "ok");
  EXPECT_EQ(log[1].actor, "cli:tester");
  EXPECT_EQ(log[1].detail, "roles: editor:MX reviewer:MX");
}

TEST_P(AccountServiceTest, CredentialChecksAreAuditedEitherWayAndDisabledUsersCannotLogIn) {
  ASSERT_FALSE(lmo::domain::error_of(accounts().add_user({"officer1", "", "sample every lot twice", {"officer:DE"}}, cli)));
  EXPECT_TRUE(accounts().verify_credentials("officer1", "sample every lot twice", web));
  EXPECT_TRUE(accounts().verify_credentials("OFFICER1", "sample every lot twice", web));  // names ignore case
  EXPECT_FALSE(accounts().verify_credentials("officer1", "sample every lot once", web));
  EXPECT_FALSE(accounts().verify_credentials("nobody", "sample every lot twice", web));
  EXPECT_FALSE(accounts().set_disabled("officer1", true, cli));
  EXPECT_FALSE(accounts().verify_credentials("officer1", "sample every lot twice", web));
  EXPECT_EQ(accounts().set_disabled("nobody", true, cli)->field, "username");

  lmo::store::AuditFilter failed;
  failed.action = "login.failed";
  auto failures = accounts().audit(failed);
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0].detail, "account disabled");
  EXPECT_EQ(failures[1].detail, "unknown user");
  EXPECT_EQ(failures[2].detail, "wrong password");
  EXPECT_EQ(failures[2].address, "127.0.0.1");
  EXPECT_EQ(failures[2].request_id, "req-1");
  lmo::store::AuditFilter ok;
  ok.action = "login";
  EXPECT_EQ(accounts().audit(ok).size(), 2u);
  lmo::store::AuditFilter page;
  page.limit = 2;
  auto first_page = accounts().audit(page);
  ASSERT_EQ(first_page.size(), 2u);
  page.before_id = first_page.back().id;
  EXPECT_LT(accounts().audit(page).front().id, first_page.back().id);

  // Grants add roles; unknown users and bad roles are refused.
  EXPECT_FALSE(accounts().grant("officer1", "reviewer:DE", cli));
  EXPECT_EQ(store().find_user("officer1")->grants.size(), 2u);
  EXPECT_EQ(accounts().grant("officer1", "reviewer", cli)->field, "role");
  EXPECT_EQ(accounts().grant("nobody", "officer", cli)->field, "username");
}

TEST_P(AccountServiceTest, TheAuditLogIsAppendOnlyAndNoPasswordIsStored) {
  ASSERT_FALSE(lmo::domain::error_of(accounts().add_user({"admin", "", "first operator passphrase", {"admin"}}, cli)));
  accounts().verify_credentials("admin", "a wrong guess of a password", web);
  EXPECT_THROW(execute_raw("UPDATE audit_log SET outcome = 'ok'"), lmo::store::StoreError);
  EXPECT_THROW(execute_raw("DELETE FROM audit_log"), lmo::store::StoreError);
  if (GetParam() == "postgresql") {
    EXPECT_THROW(execute_raw("TRUNCATE audit_log"), lmo::store::StoreError);
  }
  EXPECT_EQ(accounts().audit({}).size(), 2u);
  if (GetParam() != "sqlite") return;
  execute_raw("PRAGMA wal_checkpoint(TRUNCATE)");
  std::ifstream file(dir().path() / "portal.db", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
  EXPECT_EQ(bytes.find("first operator passphrase"), std::string::npos);
  EXPECT_EQ(bytes.find("a wrong guess of a password"), std::string::npos);
}

TEST_P(AccountServiceTest, ParallelWrongPasswordsFromTwoInstancesGetNoMoreChecksThanTheLimit) {
  ASSERT_FALSE(lmo::domain::error_of(accounts().add_user({"officer1", "", "sample every lot twice", {"officer:DE"}}, cli)));
  auto second = reopen();
  lmo::services::AccountService second_accounts(second->accounts());
  lmo::services::SessionService first(accounts(), database().sessions());
  lmo::services::SessionService other(second_accounts, second->sessions());
  std::atomic<int> checked{0}, throttled{0};
  std::vector<std::thread> guesses;
  for (int i = 0; i < 12; ++i) {
    guesses.emplace_back([&, i] {
      auto result = (i % 2 ? other : first).login("officer1", "guess number " + std::to_string(i), web);
      if (result.status == lmo::services::LoginResult::Status::throttled) ++throttled;
      if (result.status == lmo::services::LoginResult::Status::wrong_credentials) ++checked;
    });
  }
  for (auto& t : guesses) t.join();
  EXPECT_LE(checked.load(), 5);  // the per-account limit, however the attempts interleave
  EXPECT_EQ(checked.load() + throttled.load(), 12);
  // Only the checked attempts stay counted: a throttled attempt does not prolong the wait.
  EXPECT_EQ(database().sessions().recent_failures("user:officer1", 900), checked.load());
}
