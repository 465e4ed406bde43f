// ThresholdTable: the jurisdictions' GM thresholds from data/lab/thresholds.json (EU labelling
// 0.9 %, EU feed "technical zero" 0.1 %, zero tolerance for unauthorised events, other
// countries' labelling thresholds), each with its scope, legal basis and provenance. Checked
// strictly on load; immutable afterwards.
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/compliance_decision.hpp"

namespace lmo::services {

struct JurisdictionThreshold {
  std::string id;
  domain::ComplianceThreshold threshold;
  boost::json::object record;  // the record as in the file: names, scope, legal basis, provenance
};

class ThresholdTable {
 public:
  // Throws BundledDataError (services/data_file.hpp) naming the file and the record when the
  // file is missing or malformed.
  explicit ThresholdTable(const std::filesystem::path& file);
  // The same checks on an already parsed document; `origin` names it in errors.
  ThresholdTable(const boost::json::value& document, std::string_view origin);
  ThresholdTable() = default;  // empty: knows no threshold

  const JurisdictionThreshold* find(std::string_view id) const;
  const std::vector<JurisdictionThreshold>& all() const { return thresholds_; }
  const std::string& version() const { return version_; }

 private:
  std::string version_;
  std::vector<JurisdictionThreshold> thresholds_;
};

}  // namespace lmo::services
