// Registry imports: files in the project's JSON format (the shape of data/registry/*.json and
// of exports, one type per file named after it, or a bundle object with one array per type),
// the project's CSV format (one type per file, columns as in CSV exports), and Biosafety
// Clearing-House record JSON (single documents, arrays, search-index responses).
// An import is all or nothing: every file is read and every record checked first; if any file
// is malformed or any record is rejected, nothing is written (unless partial imports are
// allowed, when the valid records are written). Writes happen in one transaction and keep the
// revision history; re-importing the same records changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/registry_records.hpp"
#include "store/registry_store.hpp"

namespace lmo::services {

struct ImportFile {
  std::string name;     // file name as given; its stem names the record type for arrays and CSV
  std::string content;  // the bytes
};

struct ImportRejection {
  std::string file;
  std::string record;  // "record 3 (MON-ØØ81Ø-6)" or "line 7"
  std::string field;
  std::string reason;
};

struct ImportOptions {
  std::size_t max_file_bytes = 256 * 1024 * 1024;
  bool allow_partial = false;  // write the valid records even when some are rejected
  bool dry_run = false;        // check and report, write nothing
  std::string retrieved_date;  // provenance date for BCH records (YYYY-MM-DD)
};

struct ImportReport {
  std::size_t records = 0;  // records read
  store::WriteReport written;
  std::vector<ImportRejection> rejections;
  bool applied = false;     // whether anything was written
  bool malformed = false;   // a file could not be read as its format at all
};

ImportReport import_registry(const std::vector<ImportFile>& files, store::RegistryStore& store,
                             std::string_view origin, const ImportOptions& options = {});

// Writes every record of `registry` as one JSON array per type (the bundled file format).
std::vector<ImportFile> export_registry(const domain::Registry& registry);

}  // namespace lmo::services
