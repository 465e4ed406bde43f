// `lmo-portal quantify qpcr|dpcr|decide|thresholds`: the quantification and compliance tools on
// the command line. Each subcommand takes friendly options or `--request FILE|-` with the same
// JSON as the API, calls the same service, and prints the service's JSON on standard output;
// bad input exits 2 with "lmo-portal quantify: <field>: <message>" on standard error.
//   quantify qpcr   --curve 1e5:20.1,1e4:23.4,1e3:26.8 --event-cq 29.9,30.1 --reference-cq 22.0,22.1
//                   (or --event-curve … --reference-curve …; --min-efficiency 90 --max-efficiency 110
//                   --min-r-squared 0.98)
//   quantify dpcr   --positive 8000 --partitions 20000 --partition-volume-nl 1 [--reaction-volume-ul 20]
//                   [--dilution-factor 1] [--reference-positive K [--reference-partitions N …]] [--confidence 0.95]
//   quantify decide --value 1.1 --rsd-precision 10 --rsd-bias 5 --threshold eu-labelling
//                   (or --u-precision/--u-bias, --threshold-percent, --coverage-factor, --lod,
//                   --result quantified|identified|not_detected)
//   quantify thresholds
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/lab_command.hpp"

namespace lmo::app {

LabCommand add_quantify_command(CLI::App& cli, const std::filesystem::path& share_dir);

}  // namespace lmo::app
