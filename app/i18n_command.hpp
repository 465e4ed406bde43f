// `lmo-portal i18n extract` writes the message template (.pot) of every translatable text in
// templates/; `lmo-portal i18n check` fails when a catalog lacks a translation.
#pragma once

#include <filesystem>

namespace lmo::app {

int run_i18n_extract(const std::filesystem::path& share_dir);
int run_i18n_check(const std::filesystem::path& share_dir, const std::filesystem::path& locale_dir);

}  // namespace lmo::app
