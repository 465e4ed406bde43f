// Loads the Customs Portal's bundled content (data/pages/, data/resources.json,
// data/activities.json) and writes it to the content store when the files changed since the
// last load. A malformed file stops the load with a message naming the file, record and
// field; the store is then left exactly as it was.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "domain/portal_content.hpp"
#include "services/data_file.hpp"
#include "store/content_store.hpp"

namespace lmo::services {

// Reads and validates every content file under `data_dir`. Throws BundledDataError.
domain::PortalContent read_bundled_content(const std::filesystem::path& data_dir,
                                           std::string* fingerprint = nullptr);

enum class LoadOutcome { loaded, unchanged };

// Loads the bundle into `store` unless the store already holds this exact bundle.
LoadOutcome load_bundled_content(const std::filesystem::path& data_dir,
                                 store::ContentStore& store);

}  // namespace lmo::services
