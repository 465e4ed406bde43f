// `lmo-portal matrix interpret|panel|show`: the screening-matrix tools on the command line. The
// matrix is a laboratory's CSV (--matrix FILE.csv) or, without it, the registry's, built from
// data/registry/*.json. Each subcommand takes friendly options or `--request FILE|-` with the
// same JSON as the API, calls the same service, and prints the service's JSON on standard
// output; bad input exits 2 with "lmo-portal matrix: <field>: <message>" on standard error.
//   matrix interpret [--matrix lab.csv] --positive P-35S --positive T-nos --negative bar
//                    [--untested M ...] [--country DE [--use food]] [--max-explanations 20]
//                    [--max-next-tests 10]
//   matrix panel     [--matrix lab.csv] [--targets MON810,NK603,...] [--methods P-35S,T-nos,...]
//                    [--cost P-35S=2.5 ...] [--coverage 80] [--max-methods 5]
//   matrix show      [--matrix lab.csv]
//   matrix interpret|panel --request FILE|-   (the API's JSON request)
// The authorisation overlay (--country/--use) needs `approval`; without it the answer says
// the overlay is unavailable.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/lab_command.hpp"
#include "services/screening_matrix_service.hpp"

namespace lmo::app {

LabCommand add_matrix_command(CLI::App& cli, const std::filesystem::path& share_dir,
                              services::ApprovalLookup approval = {});

}  // namespace lmo::app
