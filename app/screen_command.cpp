#include "app/screen_command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "services/check_rules.hpp"
#include "services/country_directory.hpp"
#include "services/registry_service.hpp"
#include "services/declaration_screening.hpp"
#include "services/registry_loader.hpp"

namespace lmo::app {

namespace fs = std::filesystem;

int run_screen(const ScreenCommand& command, const fs::path& share_dir) {
  std::string format = command.format;
  if (format.empty()) {
    auto extension = fs::path(command.file).extension().string();
    format = (extension == ".ndjson" || extension == ".jsonl") ? "ndjson" : "csv";
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (command.file != "-") {
    file.open(command.file, std::ios::binary);
    if (!file) {
      std::cerr << "lmo-portal screen: cannot read " << command.file << "\n";
      return 2;
    }
    in = &file;
  }
  static char input_buffer[1 << 20];
  in->rdbuf()->pubsetbuf(input_buffer, sizeof input_buffer);
  std::ios::sync_with_stdio(false);
  // Verdicts leave in 4 MiB batches: a larger pipe buffer (when standard output is a pipe)
  // saves the reader and the writer thousands of wake-ups per batch. Best effort.
  struct stat out_stat {};
  if (fstat(STDOUT_FILENO, &out_stat) == 0 && S_ISFIFO(out_stat.st_mode)) fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);

  auto database = command.database.open();
  auto& store = database->registry();
  services::load_bundled_registry(share_dir / "data" / "registry", store);
  services::CheckRules rules(share_dir / "data" / "rules");
  services::RegistryService registry(store, services::read_regional_blocs(share_dir / "data"));
  services::CountryDirectory countries(share_dir / "data" / "countries.json");
  if (!command.country.empty() && !countries.contains(command.country)) {
    std::cerr << "lmo-portal screen: --country: not a known country code (ISO 3166-1 alpha-2)\n";
    return 2;
  }
  services::ScreenerSet screeners(store.load_types({domain::RecordType::lmo}), rules,
                                  share_dir / "data" / "rules" / "screening.json",
                                  [&registry](std::string_view country) { return registry.jurisdictions_of(country); });
  const auto& screener = screeners.for_country(command.country);
  bool terminal = isatty(STDERR_FILENO);
  auto counts = services::screen_stream(
      *in, format == "ndjson" ? services::StreamFormat::ndjson : services::StreamFormat::csv, screener, std::cout,
      std::cerr, [terminal](const services::ScreeningCounts& so_far) {
        if (terminal) std::cerr << "\r" << so_far.lines << " lines, " << (so_far.bytes >> 20) << " MiB" << std::flush;
      });
  if (terminal) std::cerr << "\n";
  std::cerr << "{\"lines\":" << counts.lines << ",\"lmo_relevant\":" << counts.lmo_relevant
            << ",\"possible\":" << counts.possible << ",\"not_relevant\":" << counts.not_relevant
            << ",\"malformed\":" << counts.malformed << "}\n";
  return 0;
}

}  // namespace lmo::app
