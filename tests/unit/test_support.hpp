// Helpers shared by the unit tests: a fresh temporary folder per test, and the locations of
// the source tree and compiled catalogs (set by tests/unit/CMakeLists.txt).
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace lmo::test {

inline std::filesystem::path source_dir() { return LMO_SOURCE_DIR; }
inline std::filesystem::path locale_dir() { return LMO_LOCALE_DIR; }

// A folder under the system temporary folder, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("lmo-unit-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace lmo::test
