#include "services/threshold_table.hpp"

#include <cmath>
#include <regex>
#include <set>

#include "services/data_file.hpp"

namespace lmo::services {

namespace json = boost::json;

namespace {

const std::set<std::string_view> record_fields = {
    "id",    "jurisdiction", "name",   "kind",      "threshold_percent", "applies_to",
    "scope", "legal_basis",  "source", "retrieved", "verified",          "note"};

class RecordCheck {
 public:
  RecordCheck(std::string origin, std::string where) : origin_(std::move(origin)), where_(std::move(where)) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw BundledDataError(origin_ + ": " + where_ + ": " + std::string(what));
  }

  std::string text(const json::object& record, std::string_view key) const {
    const auto* value = record.if_contains(key);
    if (!value || !value->is_string() || value->get_string().empty())
      fail(std::string(key) + " must be a non-empty string");
    return std::string(value->get_string());
  }

  void texts(const json::object& record, std::string_view key, const std::set<std::string_view>& allowed = {}) const {
    const auto* value = record.if_contains(key);
    if (!value || !value->is_array() || value->get_array().empty())
      fail(std::string(key) + " must be a non-empty array");
    for (const auto& item : value->get_array()) {
      if (!item.is_string() || item.get_string().empty()) fail(std::string(key) + " must hold non-empty strings");
      if (!allowed.empty() && !allowed.count(std::string_view(item.get_string()))) {
        fail(std::string(key) + " holds an unknown value '" + std::string(item.get_string()) + "'");
      }
    }
  }

 private:
  std::string origin_;
  std::string where_;
};

JurisdictionThreshold read_record(const json::value& entry, std::size_t index, const std::string& origin) {
  RecordCheck check(origin, "thresholds[" + std::to_string(index) + "]");
  const auto* record = entry.if_object();
  if (!record) check.fail("must be an object");
  for (const auto& member : *record) {
    if (!record_fields.count(std::string_view(member.key()))) {
      check.fail("unknown field '" + std::string(member.key()) + "'");
    }
  }
  JurisdictionThreshold threshold;
  threshold.id = check.text(*record, "id");
  check = RecordCheck(origin, "threshold '" + threshold.id + "'");
  check.text(*record, "jurisdiction");
  const auto* name = record->if_contains("name");
  if (!name || !name->is_object() || !name->get_object().if_contains("en") ||
      !name->get_object().at("en").is_string()) {
    check.fail("name must be an object with an English ('en') text");
  }
  auto kind = check.text(*record, "kind");
  const auto* percent = record->if_contains("threshold_percent");
  if (kind == "percent") {
    if (!percent || !percent->is_number() || !std::isfinite(percent->to_number<double>()) ||
        percent->to_number<double>() < 0 || percent->to_number<double>() > 100) {
      check.fail("threshold_percent must be a number between 0 and 100 for kind 'percent'");
    }
    threshold.threshold = {domain::ThresholdKind::percent, percent->to_number<double>()};
  } else if (kind == "presence") {
    if (!percent || !percent->is_null()) check.fail("threshold_percent must be null for kind 'presence'");
    threshold.threshold = {domain::ThresholdKind::presence, 0};
  } else {
    check.fail("kind must be 'percent' or 'presence'");
  }
  check.texts(*record, "applies_to", {"food", "feed"});
  check.text(*record, "scope");
  check.text(*record, "legal_basis");
  check.texts(*record, "source");
  static const std::regex iso_date(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(check.text(*record, "retrieved"), iso_date)) check.fail("retrieved must be YYYY-MM-DD");
  const auto* verified = record->if_contains("verified");
  if (!verified || !verified->is_bool()) check.fail("verified must be true or false");
  if (record->if_contains("note")) check.text(*record, "note");
  threshold.record = *record;
  return threshold;
}

}  // namespace

ThresholdTable::ThresholdTable(const std::filesystem::path& file)
    : ThresholdTable(read_json_file(file), file.string()) {}

ThresholdTable::ThresholdTable(const json::value& document, std::string_view origin) {
  const std::string where(origin);
  const auto* root = document.if_object();
  const auto* list = root ? root->if_contains("thresholds") : nullptr;
  if (!list || !list->is_array()) throw BundledDataError(where + ": needs a 'thresholds' array");
  const auto* version = root->if_contains("version");
  if (!version || !version->is_string()) throw BundledDataError(where + ": needs a 'version' string");
  version_ = std::string(version->get_string());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    auto threshold = read_record(list->get_array()[i], i, where);
    if (!ids.insert(threshold.id).second) {
      throw BundledDataError(where + ": threshold '" + threshold.id + "' appears more than once");
    }
    thresholds_.push_back(std::move(threshold));
  }
}

const JurisdictionThreshold* ThresholdTable::find(std::string_view id) const {
  for (const auto& threshold : thresholds_) {
    if (threshold.id == id) return &threshold;
  }
  return nullptr;
}

}  // namespace lmo::services
