// The session, API token, case, draft and rule-set stores against every backend (SQLite and
// PostgreSQL): the same behaviour, and what several instances sharing one database rely on —
// a session made by one is valid on another, and concurrent changes are refused, never lost.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "backend_fixture.hpp"
#include "store/store_error.hpp"

using lmo::store::AuditEntry;
using lmo::store::CaseEntry;
using lmo::store::DraftRecord;
using lmo::store::InspectionCase;
using lmo::store::UserRecord;

namespace {

class StoreBackendTest : public lmo::test::BackendTest {
 protected:
  std::int64_t add_user(const std::string& name) {
    UserRecord user;
    user.username = name;
    user.display_name = name;
    user.password_hash = "$argon2id$test";
    user.grants = {{lmo::domain::Role::officer, "DE"}};
    auto id = database().accounts().add_user(user, {0, {}, "cli:test", "user.add", name, "ok", "", "", ""});
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  }
  static InspectionCase a_case(const std::string& reference, const std::string& country) {
    InspectionCase c;
    c.reference = reference;
    c.country = country;
    c.outcome = "sample_and_test";
    c.declaration = R"({"importing_country":")" + country + R"("})";
    c.report = R"({"outcome":"sample_and_test"})";
    c.created_by = "officer1";
    return c;
  }
};
LMO_INSTANTIATE_FOR_BACKENDS(StoreBackendTest);

TEST_P(StoreBackendTest, UserNamesAreUniqueIgnoringCaseAndGrantsAreKept) {
  auto id = add_user("Officer.One");
  auto again = database().accounts().add_user({0, "officer.one", "", "$argon2id$x", false, "", "", {}},
                                              {0, {}, "cli:test", "user.add", "officer.one", "ok", "", "", ""});
  EXPECT_FALSE(again.has_value());
  auto found = database().accounts().find_user("OFFICER.ONE");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->username, "Officer.One");
  ASSERT_EQ(found->grants.size(), 1u);
  EXPECT_EQ(found->grants[0].country, "DE");
  EXPECT_EQ(found->created_at.size(), 24u);  // 2026-11-27T13:10:11.123Z
  EXPECT_EQ(found->created_at.back(), 'Z');
  EXPECT_EQ(database().accounts().audit({}).size(), 1u);  // the refused duplicate wrote nothing
  EXPECT_TRUE(database().accounts().add_grant("officer.one", {lmo::domain::Role::officer, "DE"},
                                              {0, {}, "cli:test", "user.grant", "officer.one", "ok", "", "", ""}));
  EXPECT_EQ(database().accounts().find_user("officer.one")->grants.size(), 1u);  // granted twice, held once
  EXPECT_FALSE(database().accounts().set_disabled("nobody", true, {0, {}, "cli:test", "user.disable", "", "ok", "", "", ""}));
}

TEST_P(StoreBackendTest, SessionsExpireEndAndAreSharedWithASecondInstance) {
  auto user = add_user("officer1");
  auto& sessions = database().sessions();
  sessions.create_session("hash-live", user, "csrf-1", 3600, "127.0.0.1");
  sessions.create_session("hash-expired", user, "csrf-2", -1, "127.0.0.1");
  auto live = sessions.find_session("hash-live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->username, "officer1");
  EXPECT_EQ(live->csrf_token, "csrf-1");
  EXPECT_GT(live->expires_at, "2026");
  EXPECT_FALSE(sessions.find_session("hash-expired"));
  EXPECT_FALSE(sessions.find_session("no-such-hash"));

  auto second = reopen();  // another instance on the same database
  ASSERT_TRUE(second->sessions().find_session("hash-live"));
  second->sessions().delete_session("hash-live");
  EXPECT_FALSE(sessions.find_session("hash-live"));

  sessions.create_session("hash-again", user, "csrf-3", 3600, "");
  database().accounts().set_disabled("officer1", true, {0, {}, "cli:test", "user.disable", "officer1", "ok", "", "", ""});
  EXPECT_FALSE(second->sessions().find_session("hash-again"));  // a disabled user's sessions stop at once
}

TEST_P(StoreBackendTest, LoginFailuresAreCountedWithinAWindowAcrossInstances) {
  auto& sessions = database().sessions();
  for (int i = 0; i < 3; ++i) sessions.record_failure("user:ana");
  auto reserved = sessions.record_failure("user:ana");
  sessions.forget_failure(reserved);  // a reservation released: one attempt less
  sessions.forget_failure(reserved);  // already gone: no effect
  auto second = reopen();
  second->sessions().record_failure("user:ana");
  second->sessions().record_failure("address:127.0.0.1");
  EXPECT_EQ(sessions.recent_failures("user:ana", 900), 4);
  EXPECT_EQ(second->sessions().recent_failures("user:ana", 900), 4);
  EXPECT_EQ(sessions.recent_failures("address:127.0.0.1", 900), 1);
  EXPECT_EQ(sessions.recent_failures("user:ana", -1), 0);  // none in the future
  sessions.clear_failures("user:ana");
  EXPECT_EQ(second->sessions().recent_failures("user:ana", 900), 0);
  EXPECT_EQ(sessions.recent_failures("address:127.0.0.1", 900), 1);
}

TEST_P(StoreBackendTest, ApiTokensExpireAreRevokedAndStopWithTheirUser) {
  add_user("importer");
  auto& tokens = database().api_tokens();
  EXPECT_FALSE(tokens.create_token("nobody", "x", "hash-0", "import", 30));
  auto id = tokens.create_token("IMPORTER", "nightly BCH import", "hash-1", "import", 30);
  ASSERT_TRUE(id);
  auto expired = tokens.create_token("importer", "old", "hash-2", "import", -1);
  ASSERT_TRUE(expired);
  auto used = tokens.use_token("hash-1");
  ASSERT_TRUE(used);
  EXPECT_EQ(used->username, "importer");
  EXPECT_EQ(used->scopes, "import");
  EXPECT_GT(used->expires_at, used->created_at);
  EXPECT_FALSE(tokens.use_token("hash-2"));
  auto listed = tokens.tokens("importer");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, *id);
  EXPECT_TRUE(listed[0].last_used_at);
  EXPECT_FALSE(listed[1].last_used_at);

  EXPECT_TRUE(tokens.revoke_token(*id));
  EXPECT_FALSE(tokens.use_token("hash-1"));
  EXPECT_TRUE(tokens.tokens("importer")[0].revoked_at);
  EXPECT_FALSE(tokens.revoke_token(9999));
}

TEST_P(StoreBackendTest, CasesKeepTheirEntriesAndRefuseChangesOnAnOldVersion) {
  auto& cases = database().cases();
  EXPECT_TRUE(cases.create_case(a_case("LMO-20261127-AAAAAA", "DE")));
  EXPECT_TRUE(cases.create_case(a_case("LMO-20261127-BBBBBB", "MX")));
  auto taken = a_case("LMO-20261127-AAAAAA", "ES");
  EXPECT_FALSE(cases.create_case(taken));  // references are unique; nothing is written
  EXPECT_TRUE(cases.cases({"ES"}, 10).empty());

  auto found = cases.find_case("LMO-20261127-AAAAAA");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "open");
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->declaration, R"({"importing_country":"DE"})");
  EXPECT_EQ(cases.cases({"DE"}, 10).size(), 1u);
  EXPECT_EQ(cases.cases({"DE", "MX"}, 10).size(), 2u);
  EXPECT_EQ(cases.cases({}, 10).front().reference, "LMO-20261127-BBBBBB");  // newest first
  EXPECT_EQ(cases.cases({}, 1).size(), 1u);

  CaseEntry sampling{0, "", "officer1", "sampling", R"({"samples":3})"};
  EXPECT_TRUE(cases.add_entry("LMO-20261127-AAAAAA", 1, sampling, "sampled", std::nullopt));
  EXPECT_FALSE(cases.add_entry("LMO-20261127-AAAAAA", 1, sampling, "sampled", std::nullopt));  // stale version
  CaseEntry decision{0, "", "officer2", "decision", R"({"decision":"destroy"})"};
  EXPECT_TRUE(cases.add_entry("LMO-20261127-AAAAAA", 2, decision, "decided", std::string("destroy")));
  EXPECT_FALSE(cases.add_entry("LMO-20261127-AAAAAA", 3, sampling, "sampled", std::nullopt));  // decided: closed

  found = cases.find_case("LMO-20261127-AAAAAA");
  EXPECT_EQ(found->version, 3);
  EXPECT_EQ(found->status, "decided");
  EXPECT_EQ(found->decision, "destroy");
  EXPECT_EQ(found->decided_by, "officer2");
  EXPECT_TRUE(found->decided_at);
  ASSERT_EQ(found->entries.size(), 2u);
  EXPECT_EQ(found->entries[0].kind, "sampling");
  EXPECT_EQ(found->entries[1].content, R"({"decision":"destroy"})");
  EXPECT_FALSE(cases.find_case("LMO-20261127-CCCCCC"));
}

TEST_P(StoreBackendTest, ConcurrentChangesOfOneCaseFromTwoInstancesLetExactlyOneWin) {
  database().cases().create_case(a_case("LMO-20261127-RACE00", "DE"));
  auto second = reopen();
  for (int round = 1; round <= 20; ++round) {
    std::atomic<int> wins{0};
    auto attempt = [&](lmo::store::Database& db, const char* actor) {
      CaseEntry entry{0, "", actor, "laboratory", R"({"round":)" + std::to_string(round) + "}"};
      if (db.cases().add_entry("LMO-20261127-RACE00", round, entry, "awaiting_laboratory", std::nullopt)) ++wins;
    };
    std::thread a(attempt, std::ref(database()), "officer-a");
    std::thread b(attempt, std::ref(*second), "officer-b");
    a.join();
    b.join();
    ASSERT_EQ(wins.load(), 1) << "round " << round;
  }
  auto found = second->cases().find_case("LMO-20261127-RACE00");
  EXPECT_EQ(found->version, 21);
  EXPECT_EQ(found->entries.size(), 20u);  // one entry per round: nothing lost, nothing doubled
}

TEST_P(StoreBackendTest, DraftsRefuseStaleEditsAndRecordReviews) {
  auto& drafts = database().drafts();
  DraftRecord draft;
  draft.type = "decision";
  draft.key = "MX-2026-001";
  draft.country = "MX";
  draft.doc = R"({"id":"MX-2026-001"})";
  draft.author = "editor1";
  auto id = drafts.create_draft(draft);
  auto other = drafts.create_draft(DraftRecord{0, "rule_set", "MX", "MX", "{}", "", "editor1", "", "", {}, {}, {}, 1});
  EXPECT_NE(id, other);
  auto found = drafts.find_draft(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "draft");
  EXPECT_EQ(found->version, 1);

  EXPECT_TRUE(drafts.update_doc(id, 1, "MX-2026-002", "MX", R"({"id":"MX-2026-002"})"));
  EXPECT_FALSE(drafts.update_doc(id, 1, "MX-2026-003", "MX", R"({"id":"MX-2026-003"})"));  // stale
  EXPECT_TRUE(drafts.set_status(id, 2, "submitted", std::nullopt, std::nullopt));
  EXPECT_TRUE(drafts.set_status(id, 3, "returned", std::string("reviewer1"), std::string("cite the permit")));
  EXPECT_FALSE(drafts.set_status(id, 3, "published", std::string("reviewer1"), std::nullopt));
  found = drafts.find_draft(id);
  EXPECT_EQ(found->key, "MX-2026-002");
  EXPECT_EQ(found->status, "returned");
  EXPECT_EQ(found->version, 4);
  EXPECT_EQ(found->reviewer, "reviewer1");
  EXPECT_EQ(found->comment, "cite the permit");
  EXPECT_TRUE(found->reviewed_at);
  EXPECT_EQ(drafts.drafts({"MX"}, 10).size(), 2u);
  EXPECT_EQ(drafts.drafts({"DE"}, 10).size(), 0u);
  EXPECT_FALSE(drafts.find_draft(424242));
  EXPECT_THROW(drafts.create_draft(DraftRecord{0, "poem", "k", "MX", "{}", "", "e", "", "", {}, {}, {}, 1}),
               lmo::store::StoreError);
}

TEST_P(StoreBackendTest, RuleSetRevisionsFromTwoInstancesNeverClash) {
  auto second = reopen();
  std::vector<std::thread> publishers;
  for (int i = 0; i < 4; ++i) {
    publishers.emplace_back([&, i] {
      auto& store = (i % 2 ? *second : database()).rule_sets();
      for (int n = 0; n < 5; ++n) store.add_revision("MX", R"({"n":)" + std::to_string(i * 10 + n) + "}", "reviewer1");
    });
  }
  for (auto& t : publishers) t.join();
  database().rule_sets().add_revision("BR", R"({"n":1})", "reviewer2");
  auto history = database().rule_sets().history("MX");
  ASSERT_EQ(history.size(), 20u);
  for (std::size_t i = 0; i < history.size(); ++i) EXPECT_EQ(history[i].revision, static_cast<int>(i + 1));
  auto in_force = second->rule_sets().in_force();
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(in_force[0].first, "BR");
  EXPECT_EQ(in_force[1].first, "MX");
  EXPECT_EQ(in_force[1].second, history.back().doc);
  EXPECT_EQ(history.back().origin, "reviewer1");
}

TEST_P(StoreBackendTest, TextWithANulCharacterIsNeverStoredShortened) {
  std::string target("admin\0junk", 10);
  AuditEntry entry{0, {}, "anonymous", "login.failed", target, "failed", "", "", ""};
  if (GetParam() == "postgresql") {
    // PostgreSQL text cannot hold NUL: refused (the web layer refuses %00 before it gets here).
    EXPECT_THROW(database().accounts().append_audit(entry), lmo::store::StoreError);
    EXPECT_TRUE(database().accounts().audit({}).empty());
  } else {
    database().accounts().append_audit(entry);
    EXPECT_EQ(database().accounts().audit({}).at(0).target, target);
  }
}

}  // namespace
