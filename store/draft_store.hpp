// DraftStore: drafts of national records (decisions, laboratories, authorities) on their way
// from an editor to publication. Each change names the version it was made on and is refused
// (false) when the draft has changed since, so concurrent edits are never lost silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmo::store {

struct DraftRecord {
  std::int64_t id = 0;
  std::string type;  // decision, laboratory, authority
  std::string key;
  std::string country;
  std::string doc;  // JSON
  std::string status;  // draft, submitted, returned, published
  std::string author;
  std::string created_at, updated_at;
  std::optional<std::string> reviewer, reviewed_at, comment;
  std::int64_t version = 1;
};

class DraftStore {
 public:
  virtual ~DraftStore() = default;
  virtual std::int64_t create_draft(const DraftRecord& draft) = 0;
  virtual std::optional<DraftRecord> find_draft(std::int64_t id) const = 0;
  // Newest first; `countries` empty: every country.
  virtual std::vector<DraftRecord> drafts(const std::vector<std::string>& countries, std::size_t limit) const = 0;
  // Replaces the record (and its key and country) of a draft still at `version`.
  virtual bool update_doc(std::int64_t id, std::int64_t version, const std::string& key, const std::string& country,
                          const std::string& doc) = 0;
  // Sets the status of a draft still at `version`; a reviewer (and comment) when given.
  virtual bool set_status(std::int64_t id, std::int64_t version, const std::string& status,
                          const std::optional<std::string>& reviewer, const std::optional<std::string>& comment) = 0;
};

}  // namespace lmo::store
