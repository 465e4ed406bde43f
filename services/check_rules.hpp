// CheckRules: the data the border check applies — the Article 18 rule set (id, regimes,
// severity, legal basis, requirement/why/action texts per language, phrases recognised in
// document text) from data/rules/article18.json; per-jurisdiction overrides (a rule's
// severity, an additional legal basis) and additions (statement rules: a wording the document
// must carry in that jurisdiction) from data/rules/countries/<CODE>.json; and the HS-code
// hints from data/rules/hs_hints.json. Loaded once; immutable afterwards.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/localized_text.hpp"
#include "domain/statement_recognizer.hpp"

namespace lmo::services {

struct CheckRule {
  std::string id;
  std::vector<std::string> regimes;  // food_feed_processing, contained_use, environment, any
  std::string severity;              // mandatory, recommended, information
  std::string legal_basis;
  domain::LocalizedText requirement, why, action;
  std::vector<domain::StatementPhrase> phrases;
  bool applies_to(std::string_view regime) const;
};

struct HsHint {
  std::string hs;  // "1005.10", or a national code "1005 90 00"
  std::string jurisdiction;  // empty for the Harmonized System; "EU", "US"... for a national table
  domain::LocalizedText description;
  std::string organism;
  std::string indicates;  // seed_for_sowing, grain_or_oilseed, live_animal, live_plant, micro-organism_culture, processed_product
  std::vector<std::string> expected_uses;
};

class CheckRules {
 public:
  // Throws BundledDataError naming the file when a file is missing or malformed.
  explicit CheckRules(const std::filesystem::path& rules_dir);

  const CheckRule* rule(std::string_view id) const;
  // The rule as it applies in a country whose jurisdictions (the country and its blocs) are
  // given: overrides of those jurisdictions applied in order. nullopt for an unknown id.
  std::optional<CheckRule> rule_in(std::string_view id, const std::vector<std::string>& jurisdictions) const;
  // Rules a jurisdiction adds (statement rules), for the given jurisdictions, in order.
  std::vector<CheckRule> additions(const std::vector<std::string>& jurisdictions) const;
  // A jurisdiction's rule set (the format of data/rules/countries/<CODE>.json): the problem
  // with it, or nullopt when it is valid. set_jurisdiction also puts it in force (replacing
  // the bundled one); it is safe while other threads check shipments.
  std::optional<std::string> check_jurisdiction(const boost::json::value& document) const;
  std::optional<std::string> set_jurisdiction(const boost::json::value& document);
  // The rule set in force for `code` as JSON text, or "" when there is none.
  std::string jurisdiction_doc(std::string_view code) const;
  // Versions of the jurisdiction overrides in force, e.g. "EU 2026-11-27.1".
  std::vector<std::string> override_versions(const std::vector<std::string>& jurisdictions) const;
  const std::vector<CheckRule>& rules() const { return rules_; }
  const std::string& version() const { return version_; }
  // The most specific hint for an HS code (digits compared without dots), if any: the
  // Harmonized System's, or the national tables' (data/rules/hs_national/) of `jurisdictions`.
  const HsHint* hs_hint(std::string_view hs_code, const std::vector<std::string>& jurisdictions = {}) const;
  // The hints that apply in `jurisdictions`: the Harmonized System's and their national ones.
  std::vector<const HsHint*> hs_hints_in(const std::vector<std::string>& jurisdictions) const;
  // Jurisdictions that have a national tariff table.
  std::vector<std::string> national_tables() const;
  const std::vector<HsHint>& hs_hints() const { return hints_; }
  // Statement phrases of the rules that apply to `regime`.
  domain::StatementRecognizer recognizer_for(std::string_view regime) const;

 private:
  void read_hints(const boost::json::value& entries, const std::string& jurisdiction, const std::filesystem::path& file);
  std::string version_;
  struct Override {
    std::string rule;
    std::string severity;  // empty: unchanged
    std::string legal_basis_addition;
  };
  struct Jurisdiction {
    std::string code;
    std::string version;
    std::vector<Override> overrides;
    std::vector<CheckRule> additions;
    std::string doc;  // as read
  };
  std::shared_ptr<const Jurisdiction> read_jurisdiction(const boost::json::value& value, const std::string& origin) const;
  std::shared_ptr<const Jurisdiction> jurisdiction(std::string_view code) const;
  std::vector<CheckRule> rules_;
  std::vector<HsHint> hints_;
  mutable std::shared_mutex mutex_;  // guards jurisdictions_ (rule sets are published at run time)
  std::map<std::string, std::shared_ptr<const Jurisdiction>, std::less<>> jurisdictions_;
};

}  // namespace lmo::services
