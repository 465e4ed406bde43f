#include "app/install_paths.hpp"

#include <system_error>

namespace lmo::app {

namespace fs = std::filesystem;

namespace {

fs::path executable_dir() {
  std::error_code error;
  auto self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}

}  // namespace

fs::path default_share_dir() {
  auto bin = executable_dir();
  if (!bin.empty()) {
    for (auto candidate : {bin.parent_path().parent_path(), bin.parent_path() / "share" / "lmo-portal"}) {
      if (fs::exists(candidate / "templates" / "layout.mustache")) return candidate;
    }
  }
  return LMO_DEFAULT_SHARE_DIR;
}

fs::path default_locale_dir() {
  auto bin = executable_dir();
  if (!bin.empty() && fs::is_directory(bin.parent_path() / "locale")) return bin.parent_path() / "locale";
  return LMO_DEFAULT_LOCALE_DIR;
}

}  // namespace lmo::app
