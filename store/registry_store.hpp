// RegistryStore: where the LMO registry lives — every record with its revision history, and
// the indexes that answer searches (identifiers, names, organisms; facets; pages) and
// approval questions. Writes are atomic: a whole batch lands, or nothing does.
// Implementations are safe to call from several threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_json.hpp"
#include "domain/registry_records.hpp"

namespace lmo::store {

// A search of the LMO registry. Empty strings match everything.
struct LmoSearch {
  std::string text;         // identifier (any spelling, or part of one), name, alias, organism
  std::string organism;     // Organism id
  std::string trait;        // Trait id
  std::string developer;    // Developer id
  std::string approved_in;  // country code with an approval on record
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
};

struct LmoSearchPage {
  std::size_t total = 0;  // matches before paging
  std::vector<domain::Lmo> lmos;
  std::vector<FacetValue> organisms, traits, developers, countries;
};

struct RecordRevision {
  int revision = 0;
  std::string doc;  // the record's JSON at that revision
  std::string origin;
  std::string recorded_at;
};

// What a write did, per record: added (new key), updated (changed document: new revision),
// unchanged (same document).
struct WriteReport {
  std::size_t added = 0, updated = 0, unchanged = 0;
};

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // Writes committed through this object so far. Caches above the store drop what they hold
  // when it moves, so this process sees its own writes at once (writes by other processes
  // sharing the database reach them within the caches' time bound).
  std::uint64_t writes() const { return writes_.load(std::memory_order_acquire); }

  // Every current record.
  virtual domain::Registry load() const = 0;
  // Every current record except LMOs and decisions (the reference data views need).
  virtual domain::Registry load_reference() const = 0;
  // Every current record of the given types (the others stay empty).
  virtual domain::Registry load_types(const std::vector<domain::RecordType>& types) const = 0;
  virtual std::optional<domain::Lmo> find_lmo(std::string_view key) const = 0;
  virtual std::optional<domain::Decision> find_decision(std::string_view id) const = 0;
  virtual LmoSearchPage search_lmos(const LmoSearch& search) const = 0;
  // Decisions naming any of `lmo_keys`, in any country.
  virtual std::vector<domain::Decision> decisions_about(const std::vector<std::string>& lmo_keys) const = 0;
  // Decisions of one jurisdiction (country code or bloc such as EU), most recent first.
  virtual std::vector<domain::Decision> decisions_in(std::string_view jurisdiction) const = 0;
  // Number of decisions per jurisdiction.
  virtual std::vector<FacetValue> decision_counts() const = 0;
  virtual std::vector<RecordRevision> history(domain::RecordType type, std::string_view key) const = 0;
  // Time of the last change to any record (ISO 8601), empty when the registry is empty.
  virtual std::string last_change() const = 0;

  // Writes every record of `batch` in one transaction: new keys are added, changed ones get
  // a new revision (the old one stays in the history), equal ones are left alone.
  // `fingerprint`, when given, is recorded as the bundled registry's in the same transaction.
  // With `keep_other_origins`, records whose current version came from another origin are
  // left as they are (counted unchanged): bundled defaults never overwrite imports or edits.
  virtual WriteReport write(const domain::Registry& batch, std::string_view origin,
                            std::optional<std::string_view> fingerprint = std::nullopt,
                            bool keep_other_origins = false) = 0;
  virtual std::optional<std::string> bundled_fingerprint() const = 0;

 protected:
  // Implementations call it after each committed write.
  void count_write() { writes_.fetch_add(1, std::memory_order_release); }

 private:
  std::atomic<std::uint64_t> writes_{0};
};

// The key a record is stored under: LMO key, decision id, method code, or id.
std::string record_key(const domain::Organism&);
std::string record_key(const domain::Developer&);
std::string record_key(const domain::GeneticElement&);
std::string record_key(const domain::Trait&);
std::string record_key(const domain::Lmo&);
std::string record_key(const domain::Decision&);
std::string record_key(const domain::DetectionMethod&);
std::string record_key(const domain::Laboratory&);
std::string record_key(const domain::Authority&);
std::string record_key(const domain::StandardBody&);
std::string record_key(const domain::TransportRule&);

}  // namespace lmo::store
