// CaseStore: inspection cases and their entries (sampling, laboratory results, decision).
// Every change names the version it was made on; a change on an older version is refused
// (returns false), so two officers editing one case never overwrite each other silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmo::store {

struct CaseEntry {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string kind;     // sampling, laboratory, decision
  std::string content;  // JSON
};

struct InspectionCase {
  std::int64_t id = 0;
  std::string reference;
  std::string country;
  std::string status;
  std::string outcome;
  std::string declaration;  // JSON
  std::string report;       // JSON
  std::string created_by;
  std::string created_at;
  std::optional<std::string> decision, decided_by, decided_at;
  std::int64_t version = 1;
  std::vector<CaseEntry> entries;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // False (nothing written) when the reference is taken already.
  virtual bool create_case(const InspectionCase& record) = 0;
  virtual std::optional<InspectionCase> find_case(const std::string& reference) const = 0;
  // Newest first; `countries` empty: every country.
  virtual std::vector<InspectionCase> cases(const std::vector<std::string>& countries, std::size_t limit) const = 0;
  // Adds an entry and sets the status (and, for a decision, the decision fields) when the case
  // is still at `version`; false otherwise (nothing written).
  virtual bool add_entry(const std::string& reference, std::int64_t version, const CaseEntry& entry,
                         const std::string& new_status, const std::optional<std::string>& decision) = 0;
};

}  // namespace lmo::store
