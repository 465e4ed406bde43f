// Where the binary finds what it ships with: templates/, static/, data/ and the OpenAPI
// document (the "share" folder, the source tree in a build) and the compiled catalogs.
// Looked up next to the executable first (build/bin/lmo-portal → the tree two levels up),
// then at the locations the build recorded.
#pragma once

#include <filesystem>

namespace lmo::app {

std::filesystem::path default_share_dir();
std::filesystem::path default_locale_dir();

}  // namespace lmo::app
