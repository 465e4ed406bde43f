// Approval: "does country C have a current decision approving LMO X for use U on date D?" —
// every rule and reason code, stacks and their parent-event fallback, and a randomized
// cross-check against a deliberately naive re-implementation.
#include "domain/approval.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>

using lmo::domain::answer;
using lmo::domain::ApprovalAnswer;
using lmo::domain::ApprovalQuery;
using lmo::domain::ApprovalReason;
using lmo::domain::ApprovalStatus;
using lmo::domain::Decision;
using lmo::domain::DecisionEvidence;
using lmo::domain::kAllUses;
using lmo::domain::Lmo;
using lmo::domain::reason_code;
using lmo::domain::status_name;
using lmo::domain::Use;

namespace {

const std::string kMon810 = "MON-ØØ81Ø-6";
const std::string kMon89034 = "MON-89Ø34-3";
const std::string kNk603 = "MON-ØØ6Ø3-6";
const std::string kStack = "MON-89Ø34-3 × MON-ØØ6Ø3-6";

Lmo event(const std::string& key) {
  Lmo lmo;
  lmo.key = key;
  lmo.uid = key;
  lmo.organism = "zea-mays";
  return lmo;
}

Lmo stack(const std::string& key, std::vector<std::string> parents) {
  Lmo lmo = event(key);
  lmo.is_stack = true;
  lmo.parents = std::move(parents);
  return lmo;
}

Decision decision(std::string id, std::string country, std::vector<std::string> lmos,
                  std::initializer_list<Use> uses, std::string result, std::string date,
                  std::optional<std::string> expiry = std::nullopt,
                  std::optional<std::string> conditions = std::nullopt) {
  Decision d;
  d.id = std::move(id);
  d.country = std::move(country);
  d.lmos = std::move(lmos);
  for (Use use : uses) d.scope.set(use, true);
  d.result = std::move(result);
  d.date = std::move(date);
  d.expiry = std::move(expiry);
  d.conditions = std::move(conditions);
  return d;
}

ApprovalQuery query(std::string country, std::string key, Use use, std::string on_date) {
  return ApprovalQuery{std::move(country), std::move(key), use, std::move(on_date)};
}

// MON810 in the EU: food/feed/processing by the 2017 renewal, release (cultivation) since 1998.
Decision eu_mon810() {
  return decision("EU-2017-1207", "EU", {kMon810},
                  {Use::food, Use::feed, Use::processing, Use::release}, "approved", "2017-07-03",
                  "2027-07-03");
}

std::vector<std::string> ids(const ApprovalAnswer& a) {
  std::vector<std::string> out;
  for (const DecisionEvidence& e : a.decisions) out.push_back(e.decision_id);
  return out;
}

const DecisionEvidence* find(const ApprovalAnswer& a, const std::string& id) {
  for (const DecisionEvidence& e : a.decisions) {
    if (e.decision_id == id) return &e;
  }
  return nullptr;
}

void expect(const ApprovalAnswer& a, ApprovalStatus status, ApprovalReason reason) {
  EXPECT_EQ(status_name(a.status), status_name(status)) << a.explanation;
  EXPECT_EQ(reason_code(a.reason), reason_code(reason)) << a.explanation;
  EXPECT_FALSE(a.explanation.empty());
}

}  // namespace

// ---- names ----

TEST(Approval, StatusNames) {
  EXPECT_EQ(status_name(ApprovalStatus::approved), "approved");
  EXPECT_EQ(status_name(ApprovalStatus::approved_with_conditions), "approved_with_conditions");
  EXPECT_EQ(status_name(ApprovalStatus::not_approved), "not_approved");
  EXPECT_EQ(status_name(ApprovalStatus::no_decision), "no_decision");
}

TEST(Approval, ReasonCodes) {
  EXPECT_EQ(reason_code(ApprovalReason::approved), "approved");
  EXPECT_EQ(reason_code(ApprovalReason::approved_with_conditions), "approved_with_conditions");
  EXPECT_EQ(reason_code(ApprovalReason::prohibited), "prohibited");
  EXPECT_EQ(reason_code(ApprovalReason::expired), "expired");
  EXPECT_EQ(reason_code(ApprovalReason::other_uses_only), "other_uses_only");
  EXPECT_EQ(reason_code(ApprovalReason::no_decision), "no_decision");
  EXPECT_EQ(reason_code(ApprovalReason::unrecognized_result), "unrecognized_result");
  EXPECT_EQ(reason_code(ApprovalReason::parents_approved), "parents_approved");
  EXPECT_EQ(reason_code(ApprovalReason::parent_not_approved), "parent_not_approved");
  EXPECT_EQ(reason_code(ApprovalReason::invalid_query), "invalid_query");
}

// ---- single events ----

TEST(Approval, Mon810ApprovedInEuForEachCoveredUse) {
  for (Use use : {Use::food, Use::feed, Use::processing, Use::release}) {
    auto a = answer(query("DE", kMon810, use, "2024-05-01"), event(kMon810), {}, {eu_mon810()});
    expect(a, ApprovalStatus::approved, ApprovalReason::approved);
    EXPECT_FALSE(a.via_parent_events);
    ASSERT_EQ(a.decisions.size(), 1u);
    const DecisionEvidence& e = a.decisions[0];
    EXPECT_EQ(e.decision_id, "EU-2017-1207");
    EXPECT_EQ(e.jurisdiction, "EU");
    EXPECT_EQ(e.lmo_key, kMon810);
    EXPECT_EQ(e.result, "approved");
    EXPECT_EQ(e.date, "2017-07-03");
    EXPECT_EQ(e.expiry, "2027-07-03");
    EXPECT_TRUE(e.current);
    EXPECT_TRUE(e.covers_use);
    EXPECT_TRUE(e.decides);
    EXPECT_TRUE(a.conditions.empty());
    EXPECT_TRUE(a.parents_lacking_approval.empty());
    EXPECT_NE(a.explanation.find("EU-2017-1207"), std::string::npos);
    EXPECT_NE(a.explanation.find(kMon810), std::string::npos);
  }
}

TEST(Approval, UseNotInScopeIsOtherUsesOnly) {
  for (Use use : {Use::field_trial, Use::contained_use, Use::transit, Use::other}) {
    auto a = answer(query("DE", kMon810, use, "2024-05-01"), event(kMon810), {}, {eu_mon810()});
    expect(a, ApprovalStatus::not_approved, ApprovalReason::other_uses_only);
    ASSERT_EQ(a.decisions.size(), 1u);
    EXPECT_TRUE(a.decisions[0].current);
    EXPECT_FALSE(a.decisions[0].covers_use);
    EXPECT_FALSE(a.decisions[0].decides);
  }
}

TEST(Approval, TransitOnlyScope) {
  Decision transit = decision("ZA-T-2019-04", "ZA", {kMon810}, {Use::transit}, "approved",
                              "2019-04-10");
  auto ok = answer(query("ZA", kMon810, Use::transit, "2024-01-15"), event(kMon810), {},
                   {transit});
  expect(ok, ApprovalStatus::approved, ApprovalReason::approved);
  for (Use use : kAllUses) {
    if (use == Use::transit) continue;
    auto a = answer(query("ZA", kMon810, use, "2024-01-15"), event(kMon810), {}, {transit});
    expect(a, ApprovalStatus::not_approved, ApprovalReason::other_uses_only);
  }
}

TEST(Approval, NothingAtAllIsNoDecision) {
  auto empty = answer(query("KE", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {});
  expect(empty, ApprovalStatus::no_decision, ApprovalReason::no_decision);
  EXPECT_TRUE(empty.decisions.empty());
  EXPECT_FALSE(empty.via_parent_events);

  // Decisions on other LMOs do not concern MON810.
  Decision nk603 = decision("KE-2022-1", "KE", {kNk603}, {Use::food}, "approved", "2022-01-01");
  auto other = answer(query("KE", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {nk603});
  expect(other, ApprovalStatus::no_decision, ApprovalReason::no_decision);
  EXPECT_TRUE(other.decisions.empty());
}

TEST(Approval, MatchesByExactKeyOnly) {
  // Neither a prefix, nor the event name, nor a key differing in Ø/0 concerns the LMO.
  Decision d = decision("X-1", "XX", {"MON-00810-6", "MON810", "MON-ØØ81Ø"}, {Use::food},
                        "approved", "2020-01-01");
  auto a = answer(query("XX", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {d});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::no_decision);
}

TEST(Approval, ExpiredJapaneseDecision) {
  Decision jp = decision("JP-2007-0315", "JP", {kMon810}, {Use::food, Use::feed}, "approved",
                         "2007-03-15", "2022-03-14");
  auto a = answer(query("JP", kMon810, Use::food, "2024-06-01"), event(kMon810), {}, {jp});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::expired);
  ASSERT_EQ(a.decisions.size(), 1u);
  EXPECT_FALSE(a.decisions[0].current);
  EXPECT_TRUE(a.decisions[0].covers_use);
  EXPECT_FALSE(a.decisions[0].decides);

  // Still current while it ran.
  auto before = answer(query("JP", kMon810, Use::food, "2015-01-01"), event(kMon810), {}, {jp});
  expect(before, ApprovalStatus::approved, ApprovalReason::approved);
}

TEST(Approval, ExpiredAndWithdrawnResultsAreNotCurrent) {
  for (std::string result : {"expired", "withdrawn", "Withdrawn", "EXPIRED"}) {
    Decision d = decision("JP-1", "JP", {kMon810}, {Use::food}, result, "2010-01-01");
    auto a = answer(query("JP", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {d});
    expect(a, ApprovalStatus::not_approved, ApprovalReason::expired);
    EXPECT_FALSE(a.decisions[0].current) << result;
  }
}

TEST(Approval, NotYetValidDecisionCountsAsExpiredReason) {
  Decision future = decision("BR-2025-9", "BR", {kMon810}, {Use::food}, "approved",
                             "2025-09-01");
  auto a = answer(query("BR", kMon810, Use::food, "2025-08-31"), event(kMon810), {}, {future});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::expired);
  EXPECT_FALSE(a.decisions[0].current);
}

TEST(Approval, DateBoundaries) {
  Decision d = decision("CO-1", "CO", {kMon810}, {Use::feed}, "approved", "2020-03-01",
                        "2023-02-28");
  auto at = [&](const std::string& date) {
    return answer(query("CO", kMon810, Use::feed, date), event(kMon810), {}, {d});
  };
  EXPECT_EQ(at("2020-02-29").reason, ApprovalReason::expired);  // day before the decision
  EXPECT_EQ(at("2020-03-01").reason, ApprovalReason::approved);  // decided on D
  EXPECT_EQ(at("2021-07-15").reason, ApprovalReason::approved);
  EXPECT_EQ(at("2023-02-28").reason, ApprovalReason::approved);  // expiring on D
  EXPECT_EQ(at("2023-03-01").reason, ApprovalReason::expired);   // day after expiry
  // Same-day decision and expiry.
  Decision one_day = decision("CO-2", "CO", {kMon810}, {Use::feed}, "approved", "2020-03-01",
                              "2020-03-01");
  auto same = answer(query("CO", kMon810, Use::feed, "2020-03-01"), event(kMon810), {},
                     {one_day});
  EXPECT_EQ(same.reason, ApprovalReason::approved);
}

TEST(Approval, EmptyExpiryMeansNone) {
  Decision d = decision("MX-1", "MX", {kMon810}, {Use::food}, "approved", "2010-01-01", "");
  auto a = answer(query("MX", kMon810, Use::food, "2099-12-31"), event(kMon810), {}, {d});
  expect(a, ApprovalStatus::approved, ApprovalReason::approved);
}

TEST(Approval, ConditionalApprovalReportsConditions) {
  Decision d = decision("CN-2021-88", "CN", {kMon810}, {Use::processing},
                        "approved-with-conditions", "2021-12-30", "2026-12-29",
                        "Processing only in registered facilities; no seed germination.");
  auto a = answer(query("CN", kMon810, Use::processing, "2024-01-01"), event(kMon810), {}, {d});
  expect(a, ApprovalStatus::approved_with_conditions, ApprovalReason::approved_with_conditions);
  ASSERT_EQ(a.conditions.size(), 1u);
  EXPECT_EQ(a.conditions[0], "Processing only in registered facilities; no seed germination.");
  ASSERT_EQ(a.decisions.size(), 1u);
  EXPECT_EQ(a.decisions[0].conditions, a.conditions[0]);
  EXPECT_TRUE(a.decisions[0].decides);
}

TEST(Approval, ConditionalApprovalWithoutStatedConditions) {
  Decision d = decision("CN-2021-89", "CN", {kMon810}, {Use::feed}, "approved-with-conditions",
                        "2021-12-30");
  auto a = answer(query("CN", kMon810, Use::feed, "2024-01-01"), event(kMon810), {}, {d});
  expect(a, ApprovalStatus::approved_with_conditions, ApprovalReason::approved_with_conditions);
  EXPECT_TRUE(a.conditions.empty());
  EXPECT_NE(a.explanation.find("consult the decision"), std::string::npos);
}

TEST(Approval, ResultSpellingsAreNormalized) {
  struct Case { std::string result; ApprovalStatus status; };
  for (const Case& c : std::vector<Case>{
           {"Approved", ApprovalStatus::approved},
           {" approved ", ApprovalStatus::approved},
           {"Approved with conditions", ApprovalStatus::approved_with_conditions},
           {"approved_with_conditions", ApprovalStatus::approved_with_conditions},
           {"PROHIBITED", ApprovalStatus::not_approved},
           {"Rejected", ApprovalStatus::not_approved}}) {
    Decision d = decision("AR-1", "AR", {kMon810}, {Use::food}, c.result, "2015-01-01");
    auto a = answer(query("AR", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {d});
    EXPECT_EQ(a.status, c.status) << c.result;
    EXPECT_EQ(a.decisions[0].result, c.result);  // reported as recorded
  }
}

TEST(Approval, ProhibitionAndRejectionAreNotApproved) {
  for (std::string result : {"prohibited", "rejected"}) {
    Decision d = decision("PE-1", "PE", {kMon810}, {Use::release}, result, "2011-12-07");
    auto a = answer(query("PE", kMon810, Use::release, "2024-01-01"), event(kMon810), {}, {d});
    expect(a, ApprovalStatus::not_approved, ApprovalReason::prohibited);
    EXPECT_TRUE(a.decisions[0].decides);
    EXPECT_NE(a.explanation.find(result), std::string::npos);
  }
}

TEST(Approval, ProhibitionMoreRecentThanApprovalWins) {
  // Germany's 2009 national ban on MON810 cultivation after the EU authorisation.
  Decision eu = decision("EU-1998-294", "EU", {kMon810}, {Use::release}, "approved",
                         "1998-04-22");
  Decision de = decision("DE-2009-BVL", "DE", {kMon810}, {Use::release}, "prohibited",
                         "2009-04-14");
  Decision eu_food = decision("EU-2017-1207", "EU", {kMon810},
                              {Use::food, Use::feed, Use::processing}, "approved", "2017-07-03");
  auto a = answer(query("DE", kMon810, Use::release, "2024-01-01"), event(kMon810), {},
                  {eu, de, eu_food});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::prohibited);
  // Deciding first, then the other covering one, then the food/feed decision.
  EXPECT_EQ(ids(a), (std::vector<std::string>{"DE-2009-BVL", "EU-1998-294", "EU-2017-1207"}));
  EXPECT_TRUE(find(a, "DE-2009-BVL")->decides);
  EXPECT_FALSE(find(a, "EU-1998-294")->decides);
  EXPECT_TRUE(find(a, "EU-1998-294")->current);

  // The national ban covers only cultivation: food still approved through the EU.
  auto food = answer(query("DE", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                     {eu, de, eu_food});
  expect(food, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(food.decisions[0].decision_id, "EU-2017-1207");

  // Before the ban the EU authorisation decided.
  auto before = answer(query("DE", kMon810, Use::release, "2008-01-01"), event(kMon810), {},
                       {eu, de});
  expect(before, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_TRUE(find(before, "EU-1998-294")->decides);
  EXPECT_FALSE(find(before, "DE-2009-BVL")->current);
}

TEST(Approval, ApprovalMoreRecentThanProhibitionWins) {
  Decision ban = decision("KE-2012-BAN", "KE", {kMon810}, {Use::food, Use::feed}, "prohibited",
                          "2012-11-21");
  Decision lift = decision("KE-2022-LIFT", "KE", {kMon810}, {Use::food}, "approved",
                           "2022-10-03");
  auto food = answer(query("KE", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                     {ban, lift});
  expect(food, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(food.decisions[0].decision_id, "KE-2022-LIFT");
  // The approval does not cover feed, so the ban still decides for feed.
  auto feed = answer(query("KE", kMon810, Use::feed, "2024-01-01"), event(kMon810), {},
                     {ban, lift});
  expect(feed, ApprovalStatus::not_approved, ApprovalReason::prohibited);
  EXPECT_EQ(feed.decisions[0].decision_id, "KE-2012-BAN");
}

TEST(Approval, SameDateTieGoesToGreaterId) {
  Decision a1 = decision("UY-2020-0001", "UY", {kMon810}, {Use::food}, "prohibited",
                         "2020-05-05");
  Decision a2 = decision("UY-2020-0002", "UY", {kMon810}, {Use::food}, "approved",
                         "2020-05-05");
  for (auto list : {std::vector<Decision>{a1, a2}, std::vector<Decision>{a2, a1}}) {
    auto a = answer(query("UY", kMon810, Use::food, "2021-01-01"), event(kMon810), {}, list);
    expect(a, ApprovalStatus::approved, ApprovalReason::approved);
    EXPECT_EQ(a.decisions[0].decision_id, "UY-2020-0002");
  }
}

TEST(Approval, ExpiredOrFutureDecisionsDoNotOverrideCurrentOne) {
  Decision old_ban = decision("PH-1", "PH", {kMon810}, {Use::feed}, "prohibited", "2005-01-01",
                              "2010-01-01");
  Decision approval = decision("PH-2", "PH", {kMon810}, {Use::feed}, "approved", "2003-01-01");
  Decision future_ban = decision("PH-3", "PH", {kMon810}, {Use::feed}, "prohibited",
                                 "2030-01-01");
  auto a = answer(query("PH", kMon810, Use::feed, "2024-01-01"), event(kMon810), {},
                  {old_ban, approval, future_ban});
  expect(a, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"PH-2", "PH-3", "PH-1"}));
}

TEST(Approval, ExpiredCoveringBeatsOtherUsesOnly) {
  Decision expired = decision("JP-1", "JP", {kMon810}, {Use::food}, "approved", "2007-01-01",
                              "2017-01-01");
  Decision feed = decision("JP-2", "JP", {kMon810}, {Use::feed}, "approved", "2019-01-01");
  auto a = answer(query("JP", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                  {feed, expired});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::expired);
  // Covering ones listed before the others, even when less recent.
  EXPECT_EQ(ids(a), (std::vector<std::string>{"JP-1", "JP-2"}));
}

TEST(Approval, UnrecognizedResultsNeverDecide) {
  Decision pending = decision("IN-2023-P", "IN", {kMon810}, {Use::food}, "pending", "2023-01-01");
  auto alone = answer(query("IN", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                      {pending});
  expect(alone, ApprovalStatus::no_decision, ApprovalReason::unrecognized_result);
  EXPECT_TRUE(alone.decisions[0].current);
  EXPECT_FALSE(alone.decisions[0].decides);

  // An older recognised decision decides despite the more recent unrecognised one.
  Decision approval = decision("IN-2015-A", "IN", {kMon810}, {Use::food}, "approved",
                               "2015-01-01");
  auto with = answer(query("IN", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                     {pending, approval});
  expect(with, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(with.decisions[0].decision_id, "IN-2015-A");

  // A lapsed covering decision alongside makes it "expired".
  Decision lapsed = decision("IN-2010-X", "IN", {kMon810}, {Use::food}, "withdrawn",
                             "2010-01-01");
  auto mixed = answer(query("IN", kMon810, Use::food, "2024-01-01"), event(kMon810), {},
                      {pending, lapsed});
  expect(mixed, ApprovalStatus::not_approved, ApprovalReason::expired);
}

TEST(Approval, EvidenceOrder) {
  std::vector<Decision> list = {
      decision("D-a", "EU", {kMon810}, {Use::feed}, "approved", "2021-01-01"),
      decision("D-b", "EU", {kMon810}, {Use::food}, "approved", "2012-01-01"),
      decision("D-c", "EU", {kMon810}, {Use::food}, "approved", "2010-01-01", "2011-01-01"),
      decision("D-d", "EU", {kMon810}, {Use::food}, "withdrawn", "2019-01-01"),
      decision("D-e", "EU", {kMon810}, {Use::transit}, "approved", "2022-01-01"),
  };
  auto a = answer(query("FR", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, list);
  expect(a, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"D-b", "D-d", "D-c", "D-e", "D-a"}));
}

TEST(Approval, InvalidQuery) {
  for (std::string date : {"", "2024-1-01", "2024/01/01", "2024-13-01", "2024-00-10",
                           "2024-01-32", "2024-01-00", "20240101", "2024-01-01T00:00"}) {
    auto a = answer(query("DE", kMon810, Use::food, date), event(kMon810), {}, {eu_mon810()});
    expect(a, ApprovalStatus::no_decision, ApprovalReason::invalid_query);
    EXPECT_TRUE(a.decisions.empty()) << date;
  }
  auto mismatch = answer(query("DE", kNk603, Use::food, "2024-01-01"), event(kMon810), {},
                         {eu_mon810()});
  expect(mismatch, ApprovalStatus::no_decision, ApprovalReason::invalid_query);
  // An empty key in the query means the LMO given.
  auto implied = answer(query("DE", "", Use::food, "2024-01-01"), event(kMon810), {},
                        {eu_mon810()});
  expect(implied, ApprovalStatus::approved, ApprovalReason::approved);
}

TEST(Approval, DecisionOnSeveralLmos) {
  Decision joint = decision("KR-2016-7", "KR", {kNk603, kMon810, kMon89034}, {Use::food},
                            "approved", "2016-07-01");
  auto a = answer(query("KR", kMon810, Use::food, "2024-01-01"), event(kMon810), {}, {joint});
  expect(a, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_EQ(a.decisions[0].lmo_key, kMon810);
}

// ---- stacks ----

namespace {

std::vector<Lmo> parents() { return {event(kMon89034), event(kNk603)}; }
Lmo the_stack() { return stack(kStack, {kMon89034, kNk603}); }

Decision parent_approval(const std::string& id, const std::string& key) {
  return decision(id, "EU", {key}, {Use::food, Use::feed, Use::processing}, "approved",
                  "2016-01-01");
}

}  // namespace

TEST(ApprovalStack, OwnDecisionIsUsed) {
  Decision own = decision("EU-2015-2280", "EU", {kStack}, {Use::food, Use::feed}, "approved",
                          "2015-12-04");
  Decision parent_ban = decision("EU-X", "EU", {kNk603}, {Use::food}, "prohibited",
                                 "2020-01-01");
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), the_stack(), parents(),
                  {own, parent_ban, parent_approval("P1", kMon89034)});
  expect(a, ApprovalStatus::approved, ApprovalReason::approved);
  EXPECT_FALSE(a.via_parent_events);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"EU-2015-2280"}));
  EXPECT_EQ(a.decisions[0].lmo_key, kStack);
}

TEST(ApprovalStack, OwnExpiredDecisionPreventsFallback) {
  Decision own = decision("JP-S", "JP", {kStack}, {Use::food}, "approved", "2010-01-01",
                          "2020-01-01");
  auto a = answer(query("JP", kStack, Use::food, "2024-01-01"), the_stack(), parents(),
                  {own, parent_approval("P1", kMon89034), parent_approval("P2", kNk603)});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::expired);
  EXPECT_FALSE(a.via_parent_events);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"JP-S"}));
}

TEST(ApprovalStack, OwnProhibitionPreventsFallback) {
  Decision own = decision("JP-S", "JP", {kStack}, {Use::release}, "prohibited", "2019-01-01");
  auto a = answer(query("JP", kStack, Use::release, "2024-01-01"), the_stack(), parents(),
                  {own, decision("P1", "JP", {kMon89034, kNk603}, {Use::release}, "approved",
                                 "2018-01-01")});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::prohibited);
  EXPECT_FALSE(a.via_parent_events);
}

TEST(ApprovalStack, OwnUnrecognizedCoveringDecisionPreventsFallback) {
  Decision own = decision("JP-S", "JP", {kStack}, {Use::food}, "under-review", "2023-01-01");
  auto a = answer(query("JP", kStack, Use::food, "2024-01-01"), the_stack(), parents(),
                  {own, parent_approval("P1", kMon89034), parent_approval("P2", kNk603)});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::unrecognized_result);
  EXPECT_FALSE(a.via_parent_events);
}

TEST(ApprovalStack, FallbackAllParentsApproved) {
  auto a = answer(query("ES", kStack, Use::feed, "2024-01-01"), the_stack(), parents(),
                  {parent_approval("P-89034", kMon89034), parent_approval("P-603", kNk603)});
  expect(a, ApprovalStatus::approved, ApprovalReason::parents_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"P-89034", "P-603"}));
  EXPECT_EQ(a.decisions[0].lmo_key, kMon89034);
  EXPECT_EQ(a.decisions[1].lmo_key, kNk603);
  EXPECT_TRUE(a.decisions[0].decides);
  EXPECT_TRUE(a.decisions[1].decides);
  EXPECT_TRUE(a.parents_lacking_approval.empty());
  EXPECT_TRUE(a.missing_parents.empty());
  EXPECT_NE(a.explanation.find("itself"), std::string::npos);
}

TEST(ApprovalStack, FallbackWhenStackDecisionsCoverOtherUsesOnly) {
  Decision own = decision("EU-S", "EU", {kStack}, {Use::food}, "approved", "2015-12-04");
  auto a = answer(query("ES", kStack, Use::processing, "2024-01-01"), the_stack(), parents(),
                  {own, parent_approval("P-89034", kMon89034), parent_approval("P-603", kNk603)});
  expect(a, ApprovalStatus::approved, ApprovalReason::parents_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"P-89034", "P-603"}));  // the parents' decisions
}

TEST(ApprovalStack, FallbackConditionalParent) {
  Decision cond = decision("P-603-C", "EU", {kNk603}, {Use::feed}, "approved-with-conditions",
                           "2018-01-01", std::nullopt, "Post-market environmental monitoring.");
  auto a = answer(query("ES", kStack, Use::feed, "2024-01-01"), the_stack(), parents(),
                  {parent_approval("P-89034", kMon89034), cond});
  expect(a, ApprovalStatus::approved_with_conditions, ApprovalReason::parents_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(a.conditions, (std::vector<std::string>{"Post-market environmental monitoring."}));
}

TEST(ApprovalStack, FallbackParentProhibited) {
  Decision ban = decision("P-603-B", "EU", {kNk603}, {Use::feed}, "prohibited", "2020-01-01");
  auto a = answer(query("ES", kStack, Use::feed, "2024-01-01"), the_stack(), parents(),
                  {parent_approval("P-89034", kMon89034), parent_approval("P-603", kNk603), ban});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::parent_not_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kNk603}));
  EXPECT_NE(a.explanation.find(kNk603), std::string::npos);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"P-89034", "P-603-B", "P-603"}));
}

TEST(ApprovalStack, FallbackParentExpiredIsNotApproved) {
  Decision old = decision("P-603-old", "JP", {kNk603}, {Use::food}, "approved", "2001-01-01",
                          "2011-01-01");
  auto a = answer(query("JP", kStack, Use::food, "2024-01-01"), the_stack(), parents(),
                  {parent_approval("P-89034", kMon89034), old});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::parent_not_approved);
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kNk603}));
}

TEST(ApprovalStack, FallbackParentWithoutDecision) {
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), the_stack(), parents(),
                  {parent_approval("P-89034", kMon89034)});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::parent_not_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kNk603}));
  EXPECT_TRUE(a.missing_parents.empty());
}

TEST(ApprovalStack, NotApprovedParentIsWorseThanNoDecision) {
  Decision ban = decision("P-89034-B", "EU", {kMon89034}, {Use::food}, "rejected", "2019-01-01");
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), the_stack(), parents(), {ban});
  expect(a, ApprovalStatus::not_approved, ApprovalReason::parent_not_approved);
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kMon89034, kNk603}));
  // Order of the parents does not change the status.
  auto b = answer(query("ES", kStack, Use::food, "2024-01-01"), stack(kStack, {kNk603, kMon89034}),
                  parents(), {ban});
  EXPECT_EQ(b.status, ApprovalStatus::not_approved);
  EXPECT_EQ(b.parents_lacking_approval, (std::vector<std::string>{kNk603, kMon89034}));
}

TEST(ApprovalStack, ParentMissingFromParentEventsCountsAsNoDecision) {
  // NK603 has an approval, but its record was not supplied.
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), the_stack(), {event(kMon89034)},
                  {parent_approval("P-89034", kMon89034), parent_approval("P-603", kNk603)});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::parent_not_approved);
  EXPECT_TRUE(a.via_parent_events);
  EXPECT_EQ(a.missing_parents, (std::vector<std::string>{kNk603}));
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kNk603}));
  EXPECT_EQ(ids(a), (std::vector<std::string>{"P-89034"}));
  EXPECT_NE(a.explanation.find("not in the registry"), std::string::npos);
}

TEST(ApprovalStack, ConditionsDroppedWhenFallbackFails) {
  Decision cond = decision("P-89034-C", "EU", {kMon89034}, {Use::food}, "approved-with-conditions",
                           "2018-01-01", std::nullopt, "Labelling.");
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), the_stack(), parents(), {cond});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::parent_not_approved);
  EXPECT_TRUE(a.conditions.empty());
}

TEST(ApprovalStack, DuplicateParentKeysCountOnce) {
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"),
                  stack(kStack, {kMon89034, kNk603, kMon89034}), parents(),
                  {parent_approval("P-89034", kMon89034)});
  EXPECT_EQ(a.parents_lacking_approval, (std::vector<std::string>{kNk603}));
  EXPECT_EQ(ids(a), (std::vector<std::string>{"P-89034"}));
}

TEST(ApprovalStack, StackWithoutParentsHasNoFallback) {
  auto a = answer(query("ES", kStack, Use::food, "2024-01-01"), stack(kStack, {}), parents(),
                  {parent_approval("P-89034", kMon89034), parent_approval("P-603", kNk603)});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::no_decision);
  EXPECT_FALSE(a.via_parent_events);
  EXPECT_TRUE(a.decisions.empty());
}

TEST(ApprovalStack, SingleEventNeverFallsBack) {
  // A non-stack with parents listed (bad data) is still answered by its own decisions.
  Lmo odd = event(kMon810);
  odd.parents = {kMon89034};
  auto a = answer(query("ES", kMon810, Use::food, "2024-01-01"), odd, parents(),
                  {parent_approval("P-89034", kMon89034)});
  expect(a, ApprovalStatus::no_decision, ApprovalReason::no_decision);
  EXPECT_FALSE(a.via_parent_events);
}

// ---- randomized cross-check against a naive re-implementation ----

namespace naive {

// Dates as integers yyyymmdd (assumes well-formed input, as generated below).
long day_number(const std::string& iso) {
  return std::stol(iso.substr(0, 4)) * 10000 + std::stol(iso.substr(5, 2)) * 100 +
         std::stol(iso.substr(8, 2));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Verdict {
  std::string status;
  std::string reason;
  std::string decided_by;  // empty when none
  std::map<std::string, std::pair<bool, bool>> flags;  // id → (current, covers)
};

Verdict single(const std::string& key, Use use, const std::string& on,
               const std::vector<Decision>& all) {
  Verdict v;
  long today = day_number(on);
  int concerned = 0, covering = 0, covering_lapsed = 0;
  const Decision* best = nullptr;
  for (const Decision& d : all) {
    bool mine = false;
    for (const std::string& k : d.lmos) mine = mine || k == key;
    if (!mine) continue;
    ++concerned;
    std::string r = lower(d.result);
    bool started = day_number(d.date) <= today;
    bool not_ended = !d.expiry.has_value() || d.expiry->empty() || day_number(*d.expiry) >= today;
    bool alive = r != "expired" && r != "withdrawn";
    bool current = started && not_ended && alive;
    bool covers = false;
    for (Use u : kAllUses) {
      if (u == use) covers = d.scope.covers(u);
    }
    v.flags[d.id] = {current, covers};
    if (!covers) continue;
    ++covering;
    if (!current) {
      ++covering_lapsed;
      continue;
    }
    bool known = r == "approved" || r == "approved-with-conditions" || r == "prohibited" ||
                 r == "rejected";
    if (!known) continue;
    if (best == nullptr || day_number(d.date) > day_number(best->date) ||
        (day_number(d.date) == day_number(best->date) && d.id > best->id)) {
      best = &d;
    }
  }
  if (best != nullptr) {
    std::string r = lower(best->result);
    v.decided_by = best->id;
    if (r == "approved") {
      v.status = v.reason = "approved";
    } else if (r == "approved-with-conditions") {
      v.status = v.reason = "approved_with_conditions";
    } else {
      v.status = "not_approved";
      v.reason = "prohibited";
    }
  } else if (covering_lapsed > 0) {
    v.status = "not_approved";
    v.reason = "expired";
  } else if (covering > 0) {
    v.status = "no_decision";
    v.reason = "unrecognized_result";
  } else if (concerned > 0) {
    v.status = "not_approved";
    v.reason = "other_uses_only";
  } else {
    v.status = v.reason = "no_decision";
  }
  return v;
}

}  // namespace naive

namespace {

// A small deterministic generator (no dependence on library distributions).
class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool coin() { return below(2) == 1; }

 private:
  std::mt19937 engine_;
};

const std::vector<std::string> kDates = {"2019-12-31", "2020-01-01", "2020-01-02", "2020-06-30",
                                         "2021-01-01"};
const std::vector<std::string> kResults = {"approved", "approved-with-conditions", "prohibited",
                                           "rejected", "expired",  "withdrawn",
                                           "pending",  "Approved"};

std::vector<Decision> random_decisions(Random& random, const std::vector<std::string>& keys) {
  std::vector<Decision> out;
  std::size_t count = random.below(7);
  for (std::size_t i = 0; i < count; ++i) {
    Decision d;
    d.id = "D" + std::to_string(random.below(90) + 10) + "-" + std::to_string(i);  // unique
    d.country = random.coin() ? "EU" : "DE";
    for (const std::string& key : keys) {
      if (random.below(3) != 0) d.lmos.push_back(key);
    }
    for (Use use : kAllUses) d.scope.set(use, random.below(3) == 0);
    d.result = kResults[random.below(kResults.size())];
    d.date = kDates[random.below(kDates.size())];
    switch (random.below(4)) {
      case 0: d.expiry = kDates[random.below(kDates.size())]; break;
      case 1: d.expiry = ""; break;
      default: break;
    }
    if (random.coin()) d.conditions = "condition of " + d.id;
    out.push_back(std::move(d));
  }
  return out;
}

void compare_single(const ApprovalAnswer& got, const naive::Verdict& want,
                    const std::string& key, const std::string& context) {
  ASSERT_EQ(status_name(got.status), want.status) << context;
  ASSERT_EQ(reason_code(got.reason), want.reason) << context;
  ASSERT_EQ(got.decisions.size(), want.flags.size()) << context;
  std::string decided;
  for (const DecisionEvidence& e : got.decisions) {
    auto it = want.flags.find(e.decision_id);
    ASSERT_NE(it, want.flags.end()) << context;
    EXPECT_EQ(e.current, it->second.first) << context << " " << e.decision_id;
    EXPECT_EQ(e.covers_use, it->second.second) << context << " " << e.decision_id;
    EXPECT_EQ(e.lmo_key, key) << context;
    if (e.decides) {
      EXPECT_TRUE(decided.empty()) << context << ": two deciding decisions";
      decided = e.decision_id;
    }
  }
  EXPECT_EQ(decided, want.decided_by) << context;
}

std::string describe(const std::vector<Decision>& decisions, Use use, const std::string& on) {
  std::string out = "use=" + std::string(lmo::domain::use_name(use)) + " on=" + on;
  for (const Decision& d : decisions) {
    out += "\n  " + d.id + " " + d.result + " " + d.date + "..";
    out += d.expiry ? (d.expiry->empty() ? "''" : *d.expiry) : "-";
    out += " lmos=";
    for (const std::string& k : d.lmos) out += k + ",";
    out += " covers=" + std::to_string(d.scope.covers(use));
  }
  return out;
}

}  // namespace

TEST(ApprovalCrossCheck, SingleEventsAgreeWithNaiveImplementation) {
  Random random(20240501);
  const std::vector<std::string> keys = {"A", "B", "C"};
  std::set<std::string> reasons_seen;
  for (int round = 0; round < 20000; ++round) {
    std::vector<Decision> decisions = random_decisions(random, keys);
    const std::string& key = keys[random.below(keys.size())];
    Use use = kAllUses[random.below(std::size(kAllUses))];
    const std::string& on = kDates[random.below(kDates.size())];
    ApprovalAnswer got = answer(query("DE", key, use, on), event(key), {}, decisions);
    naive::Verdict want = naive::single(key, use, on, decisions);
    std::string context = "round " + std::to_string(round) + " " + describe(decisions, use, on);
    compare_single(got, want, key, context);
    EXPECT_FALSE(got.via_parent_events);
    if (got.status == ApprovalStatus::approved_with_conditions) {
      ASSERT_FALSE(got.decisions.empty());
      const auto& conditions = got.decisions[0].conditions;
      EXPECT_EQ(got.conditions.size(), conditions ? 1u : 0u) << context;
    } else {
      EXPECT_TRUE(got.conditions.empty()) << context;
    }
    reasons_seen.insert(want.reason);
    if (HasFatalFailure() || HasFailure()) return;
  }
  // The generator reaches every single-event outcome.
  EXPECT_EQ(reasons_seen, (std::set<std::string>{"approved", "approved_with_conditions",
                                                  "prohibited", "expired", "other_uses_only",
                                                  "no_decision", "unrecognized_result"}));
}

TEST(ApprovalCrossCheck, StacksAgreeWithNaiveFallback) {
  Random random(7);
  const std::vector<std::string> keys = {"S", "P", "Q"};
  std::set<std::string> reasons_seen;
  for (int round = 0; round < 10000; ++round) {
    std::vector<Decision> decisions = random_decisions(random, keys);
    Use use = kAllUses[random.below(std::size(kAllUses))];
    const std::string& on = kDates[random.below(kDates.size())];
    std::vector<Lmo> known = {event("P")};
    bool q_known = random.below(4) != 0;
    if (q_known) known.push_back(event("Q"));
    ApprovalAnswer got = answer(query("DE", "S", use, on), stack("S", {"P", "Q"}), known,
                                decisions);
    std::string context = "round " + std::to_string(round) + " q_known=" +
                          std::to_string(q_known) + " " + describe(decisions, use, on);

    // Naive: any decision on S covering the use (current or not) means no fallback.
    bool own_covers = false;
    for (const Decision& d : decisions) {
      if (std::count(d.lmos.begin(), d.lmos.end(), "S") > 0 && d.scope.covers(use)) {
        own_covers = true;
      }
    }
    if (own_covers) {
      compare_single(got, naive::single("S", use, on, decisions), "S", context);
      EXPECT_FALSE(got.via_parent_events) << context;
      reasons_seen.insert("own");
    } else {
      naive::Verdict p = naive::single("P", use, on, decisions);
      naive::Verdict q = q_known ? naive::single("Q", use, on, decisions) : naive::Verdict{
                                                                                "no_decision",
                                                                                "no_decision",
                                                                                "",
                                                                                {}};
      auto ok = [](const naive::Verdict& v) {
        return v.status == "approved" || v.status == "approved_with_conditions";
      };
      std::string status, reason;
      std::vector<std::string> lacking;
      if (!ok(p)) lacking.push_back("P");
      if (!ok(q)) lacking.push_back("Q");
      if (ok(p) && ok(q)) {
        reason = "parents_approved";
        status = p.status == "approved_with_conditions" || q.status == "approved_with_conditions"
                     ? "approved_with_conditions"
                     : "approved";
      } else {
        reason = "parent_not_approved";
        status = p.status == "not_approved" || q.status == "not_approved" ? "not_approved"
                                                                          : "no_decision";
      }
      ASSERT_EQ(status_name(got.status), status) << context;
      ASSERT_EQ(reason_code(got.reason), reason) << context;
      EXPECT_TRUE(got.via_parent_events) << context;
      EXPECT_EQ(got.parents_lacking_approval, lacking) << context;
      EXPECT_EQ(got.missing_parents,
                q_known ? std::vector<std::string>{} : std::vector<std::string>{"Q"})
          << context;
      std::size_t expected_evidence = p.flags.size() + q.flags.size();
      EXPECT_EQ(got.decisions.size(), expected_evidence) << context;
      for (const DecisionEvidence& e : got.decisions) {
        EXPECT_TRUE(e.lmo_key == "P" || e.lmo_key == "Q") << context;
      }
      reasons_seen.insert(reason + "/" + status);
    }
    if (HasFailure()) return;
  }
  EXPECT_EQ(reasons_seen,
            (std::set<std::string>{"own", "parents_approved/approved",
                                   "parents_approved/approved_with_conditions",
                                   "parent_not_approved/not_approved",
                                   "parent_not_approved/no_decision"}));
}
