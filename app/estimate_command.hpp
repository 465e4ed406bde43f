// `lmo-portal estimate pooled|stacked`: the share of GM seeds in a lot from qualitative results
// on pools, printed as the JSON of services/estimation_service (the API's answer).
//   lmo-portal estimate pooled --pool-size 100 --pools 10 --positive 2 [--confidence 0.95]
//                              [--interval two_sided|upper] [--fpr R] [--fnr R]
//   lmo-portal estimate pooled --group 100:10:3 --group 50:20:2 [...] [--max-iterations N]
//   lmo-portal estimate stacked --pool-size 20 --event MON89034 --event NK603
//                               --count none=30 --count MON89034=4 --count MON89034+NK603=3
//                               [--pools N] [--fpr R ...] [--fnr R ...] [--seed-type T ...]
//   lmo-portal estimate pooled|stacked --request FILE|-   (the API's JSON request)
#pragma once

#include <filesystem>

#include "app/lab_command.hpp"

namespace lmo::app {

LabCommand add_estimate_command(CLI::App& cli, const std::filesystem::path& share_dir);

}  // namespace lmo::app
