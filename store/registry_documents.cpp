#include "store/registry_documents.hpp"

#include "store/store_error.hpp"

namespace lmo::store {

namespace json = boost::json;

void decode_documents(domain::RecordType type, const std::vector<std::string>& docs, domain::Registry& into) {
  json::array array;
  for (const auto& doc : docs) array.push_back(json::parse(doc));
  std::vector<domain::RecordProblem> problems;
  domain::decode_records(type, array, into, problems);
  if (!problems.empty()) {
    throw StoreError("stored " + std::string(domain::record_type_name(type)) + " '" + problems.front().record +
                     "' does not decode: " + problems.front().field + " " + problems.front().reason);
  }
}

}  // namespace lmo::store
