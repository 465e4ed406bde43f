// How every registry store keeps records: one JSON document per record (the shape of
// domain/registry_json.hpp) under its type and record_key(). Encoding a batch and decoding
// what was stored live here so that both backends store exactly the same text.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/registry_json.hpp"
#include "domain/registry_records.hpp"
#include "store/registry_store.hpp"

namespace lmo::store {

// Calls visit(key, document) for every record of `type` in `registry`, in the batch's order;
// the document is the record's JSON text as stored.
template <typename Visit>
void for_each_document(const domain::Registry& registry, domain::RecordType type, Visit&& visit) {
  using domain::RecordType;
  auto each = [&](const auto& records) {
    for (const auto& record : records) visit(record_key(record), boost::json::serialize(domain::to_json(record)));
  };
  switch (type) {
    case RecordType::organism: each(registry.organisms); break;
    case RecordType::developer: each(registry.developers); break;
    case RecordType::genetic_element: each(registry.elements); break;
    case RecordType::trait: each(registry.traits); break;
    case RecordType::lmo: each(registry.lmos); break;
    case RecordType::decision: each(registry.decisions); break;
    case RecordType::method: each(registry.methods); break;
    case RecordType::laboratory: each(registry.laboratories); break;
    case RecordType::authority: each(registry.authorities); break;
    case RecordType::standard: each(registry.standards); break;
    case RecordType::transport_rule: each(registry.transport_rules); break;
  }
}

// Decodes stored documents of one type into `into`. A stored document that no longer decodes
// is a store fault, not bad input: throws StoreError.
void decode_documents(domain::RecordType type, const std::vector<std::string>& docs, domain::Registry& into);

}  // namespace lmo::store
