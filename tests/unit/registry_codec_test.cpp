// The registry's JSON and CSV forms: every record of the bundled registry survives
// JSON → records → JSON and records → CSV → records unchanged; bad records are rejected with
// the field named and identifiers are stored canonically.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/registry_json.hpp"
#include "services/registry_csv.hpp"
#include "services/registry_loader.hpp"
#include "test_support.hpp"

using lmo::domain::RecordType;
namespace json = boost::json;

namespace {
lmo::domain::Registry bundled() { return lmo::services::read_bundled_registry(lmo::test::source_dir() / "data" / "registry"); }
}  // namespace

TEST(RegistryCodec, JsonRoundTripOfEveryBundledRecord) {
  auto registry = bundled();
  for (auto type : lmo::domain::kAllRecordTypes) {
    auto encoded = lmo::domain::encode_records(type, registry);
    lmo::domain::Registry decoded;
    std::vector<lmo::domain::RecordProblem> problems;
    lmo::domain::decode_records(type, encoded, decoded, problems);
    EXPECT_TRUE(problems.empty()) << lmo::domain::record_type_name(type);
    EXPECT_EQ(json::serialize(lmo::domain::encode_records(type, decoded)), json::serialize(encoded));
  }
}

TEST(RegistryCodec, CsvRoundTripOfEveryBundledRecord) {
  auto registry = bundled();
  for (auto type : lmo::domain::kAllRecordTypes) {
    auto encoded = lmo::domain::encode_records(type, registry);
    std::string csv = lmo::services::records_to_csv(type, encoded);
    std::vector<lmo::services::CsvProblem> problems;
    std::vector<std::size_t> lines;
    auto back = lmo::services::csv_to_records(type, csv, problems, lines);
    EXPECT_TRUE(problems.empty()) << lmo::domain::record_type_name(type) << ": " << (problems.empty() ? "" : problems[0].reason);
    lmo::domain::Registry decoded;
    std::vector<lmo::domain::RecordProblem> decode_problems;
    lmo::domain::decode_records(type, back, decoded, decode_problems);
    EXPECT_TRUE(decode_problems.empty());
    EXPECT_EQ(json::serialize(lmo::domain::encode_records(type, decoded)), json::serialize(encoded))
        << lmo::domain::record_type_name(type);
  }
}

TEST(RegistryCodec, RejectsBadRecordsNamingTheField) {
  struct Case {
    RecordType type;
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {RecordType::lmo, R"([{"uid":"MON-ØØ81#-6","event_name":"x","organism":"zea-mays","kind":"event","source":"s","retrieved":"2026-01-01","verified":true}])", "uid"},
      {RecordType::lmo, R"([{"event_name":"x","organism":"zea-mays","kind":"stack","parents":["a"],"source":"s","retrieved":"2026-01-01","verified":true}])", "parents"},
      {RecordType::lmo, R"([{"event_name":"x","organism":"zea-mays","kind":"hybrid","source":"s","retrieved":"2026-01-01","verified":true}])", "kind"},
      {RecordType::decision, R"([{"id":"d","country":"DE","lmos":["x"],"scope":{"smoking":true},"result":"approved","date":"2020-01-01","source":"s","retrieved":"2026-01-01","verified":true}])", "scope"},
      {RecordType::decision, R"([{"id":"d","country":"DE","lmos":["x"],"scope":{"food":true},"result":"approved","date":"1st May","source":"s","retrieved":"2026-01-01","verified":true}])", "date"},
      {RecordType::decision, R"([{"id":"d","country":"DE","lmos":[],"scope":{"food":true},"result":"approved","date":"2020-01-01","source":"s","retrieved":"2026-01-01","verified":true}])", "lmos"},
      {RecordType::method, R"([{"code":"m","name":"n","scope":"galaxy","source":"s","retrieved":"2026-01-01","verified":true}])", "scope"},
      {RecordType::laboratory, R"([{"id":"l","name":"n","country":"Italy","source":"s","retrieved":"2026-01-01","verified":true}])", "country"},
      {RecordType::authority, R"([{"id":"a","country":"ZA","role":"minister","institution":"x","source":"s","retrieved":"2026-01-01","verified":true}])", "role"},
      {RecordType::organism, R"([{"id":"o","scientific_name":"x","common_names":{"en":"x"},"kind":"plant","retrieved":"2026-01-01","verified":true}])", "source"},
      {RecordType::trait, R"([{"id":"t","name":{"en":"x"},"category":"c","source":"s","retrieved":"yesterday","verified":true}])", "retrieved"},
  };
  for (const auto& c : cases) {
    lmo::domain::Registry registry;
    std::vector<lmo::domain::RecordProblem> problems;
    lmo::domain::decode_records(c.type, json::parse(c.json), registry, problems);
    ASSERT_EQ(problems.size(), 1u) << c.json;
    EXPECT_EQ(problems[0].field, c.field) << c.json;
    EXPECT_FALSE(problems[0].reason.empty());
  }
  lmo::domain::Registry registry;
  std::vector<lmo::domain::RecordProblem> problems;
  lmo::domain::decode_records(RecordType::lmo, json::parse(R"({"not":"an array"})"), registry, problems);
  ASSERT_EQ(problems.size(), 1u);
  lmo::domain::decode_records(RecordType::lmo, json::parse("[1, null]"), registry, problems);
  EXPECT_EQ(problems.size(), 3u);
}

TEST(RegistryCodec, IdentifiersAreStoredCanonically) {
  lmo::domain::Registry registry;
  std::vector<lmo::domain::RecordProblem> problems;
  lmo::domain::decode_records(
      RecordType::lmo,
      json::parse(R"([{"uid":"mon 00810 6","event_name":"MON810","organism":"zea-mays","kind":"event","source":"s","retrieved":"2026-01-01","verified":true},
                     {"uid":"MON-89034-3 x MON-00603-6","event_name":"s","organism":"zea-mays","kind":"stack","parents":["a","b"],"source":"s","retrieved":"2026-01-01","verified":true}])"),
      registry, problems);
  ASSERT_TRUE(problems.empty());
  EXPECT_EQ(registry.lmos[0].uid, "MON-ØØ81Ø-6");
  EXPECT_EQ(registry.lmos[0].key, "MON-ØØ81Ø-6");
  EXPECT_EQ(registry.lmos[1].uid, "MON-89Ø34-3 × MON-ØØ6Ø3-6");
}

TEST(RegistryCsv, ProblemsNameLineAndField) {
  std::vector<lmo::services::CsvProblem> problems;
  std::vector<std::size_t> lines;
  lmo::services::csv_to_records(RecordType::decision, "id,colour\r\nx,red\r\n", problems, lines);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "colour");
  problems.clear();
  auto records = lmo::services::csv_to_records(
      RecordType::decision, "id,verified,scope\r\na,true,food=true\r\nb,maybe,food=true\r\nc,true,food\r\nd,true\r\n",
      problems, lines);
  EXPECT_EQ(records.size(), 1u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].field, "verified");
  EXPECT_EQ(problems[1].line, 4u);
  EXPECT_EQ(problems[1].field, "scope");
  EXPECT_EQ(problems[2].line, 5u);
}
