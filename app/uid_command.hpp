// `lmo-portal uid validate ID... [--format json|text]`: checks OECD unique identifiers (and
// stacks of them) offline, with the developer prefixes of the bundled registry deciding the
// split of unseparated input. Exit code 0 when every identifier is valid (warnings allowed),
// 1 when any is invalid.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lmo::app {

int run_uid_validate(const std::vector<std::string>& identifiers, const std::string& format,
                     const std::filesystem::path& share_dir);

}  // namespace lmo::app
