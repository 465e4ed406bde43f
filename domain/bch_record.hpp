// Import of Biosafety Clearing-House (BCH) records (domain.md §8) into registry records.
//
// Accepted input (any JSON value; nothing here throws):
//   - one BCH document as `GET /api/v2013/documents/{uid}` returns it: an object with
//     `header` {identifier, schema, languages} and the schema's fields;
//   - the `/info` form of a document: {identifier, documentID, revision, title, body: <document>};
//   - a search-index row (`GET /api/v2013/index`): an object with `schema_s`, `identifier_s`, ...;
//   - an array of any of these;
//   - a search-index response {"response": {"docs": [<row>, ...]}}.
// Schemas imported: modifiedOrganism → Lmo, biosafetyDecision → Decision,
// laboratoryDetection → Laboratory. Every other schema, and every document that lacks a field
// our records need or holds a field of the wrong type, is left out and reported as a
// RecordProblem whose `field` is a JSON path ("documents[3].transformationEvent",
// "response.docs[0].government_s", "header.schema") and whose `reason` says what is wrong.
// Every record produced is valid for decode_records (registry_json): encoding it with to_json and
// decoding it again gives no problem.
//
// Identifier rules (see bch_record.cpp for the field-by-field mapping and its sources):
//   - BCH references ({"identifier": "<GUID>@<revision>"}) and thesaurus terms
//     ({"identifier": "<term id>"}) that we cannot resolve offline are kept as "bch:<id>"
//     (revision dropped). Decisions name their LMOs by reference, so Decision::lmos holds
//     "bch:<GUID>" keys unless the reference carries a readable `uniqueIdentification`, in which
//     case the canonical OECD identifier is used (the registry key of that LMO).
//   - Organism ids: bch_organism_id() of the recipient organism's scientific name.
//   - Developer ids: bch_name_id() of the developer's name.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_json.hpp"
#include "domain/registry_records.hpp"

namespace lmo::domain {

struct BchDecodeResult {
  Registry records;                    // lmos, decisions and laboratories decoded
  std::vector<RecordProblem> problems;  // one per document left out (or per input-level fault)
  std::size_t documents = 0;           // documents (or index rows) looked at
};

// Decodes `document` (see above). `retrieved_date` (YYYY-MM-DD) becomes provenance.retrieved of
// every record; when it is not such a date nothing is decoded and one problem names
// "retrieved_date". REQUIRES: nothing (any JSON value).
BchDecodeResult decode_bch(const boost::json::value& document, std::string_view retrieved_date);

// An id from a name: ASCII letters lower-cased, each run of other ASCII characters (spaces,
// punctuation) becomes one '-', no leading or trailing '-'; non-ASCII bytes (UTF-8 letters) are
// kept. "Monsanto Company" → "monsanto-company". Empty when nothing is left.
std::string bch_name_id(std::string_view name);

// An organism id from a scientific name: the text before any '(' , its first two words (genus
// and species epithet; one word if there is only one), then bch_name_id(). "Zea mays" and
// "Zea mays L." → "zea-mays"; "Beta vulgaris subsp. vulgaris" → "beta-vulgaris".
std::string bch_organism_id(std::string_view scientific_name);

}  // namespace lmo::domain
