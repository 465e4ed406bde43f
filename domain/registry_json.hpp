// The registry's JSON form: one object per record, exactly the shape of data/registry/*.json.
// It is the format of the bundled files, of `lmo-portal export`, of the project's JSON import
// and of the documents the store keeps per record, so export → import is lossless.
// Decoding never throws: a record that does not fit is reported as a RecordProblem naming
// the field and the reason, and left out.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_records.hpp"

namespace lmo::domain {

// The kinds of registry record, with the file name each is bundled in (without ".json").
enum class RecordType {
  organism, developer, genetic_element, trait, lmo, decision, method, laboratory, authority,
  standard, transport_rule
};
inline constexpr RecordType kAllRecordTypes[] = {
    RecordType::organism, RecordType::developer, RecordType::genetic_element, RecordType::trait,
    RecordType::lmo,      RecordType::decision,  RecordType::method,          RecordType::laboratory,
    RecordType::authority, RecordType::standard, RecordType::transport_rule};
std::string_view record_type_name(RecordType type);  // "lmo", "decision", ...
std::string_view record_type_file(RecordType type);  // "lmos", "decisions", ...

struct RecordProblem {
  std::size_t index = 0;  // 0-based position in the array
  std::string record;     // the record's key or id when known
  std::string field;
  std::string reason;
};

// Decodes an array of records of `type` into `registry`, appending problems for records that
// are rejected. A value that is not an array is one problem with an empty field.
void decode_records(RecordType type, const boost::json::value& array, Registry& registry,
                    std::vector<RecordProblem>& problems);

boost::json::array encode_records(RecordType type, const Registry& registry);

boost::json::object to_json(const Organism&);
boost::json::object to_json(const Developer&);
boost::json::object to_json(const GeneticElement&);
boost::json::object to_json(const Trait&);
boost::json::object to_json(const Lmo&);
boost::json::object to_json(const Decision&);
boost::json::object to_json(const DetectionMethod&);
boost::json::object to_json(const Laboratory&);
boost::json::object to_json(const Authority&);
boost::json::object to_json(const StandardBody&);
boost::json::object to_json(const TransportRule&);

// The registry key of an LMO: its identifier when it has one, else "event:" + event name.
std::string lmo_key(const std::optional<std::string>& uid, std::string_view event_name);

}  // namespace lmo::domain
