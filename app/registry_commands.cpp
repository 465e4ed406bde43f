#include "app/registry_commands.hpp"

#include "app/cli_actor.hpp"

#include <unistd.h>

#include <boost/json.hpp>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "domain/registry_json.hpp"
#include "services/clock.hpp"
#include "services/registry_csv.hpp"
#include "services/registry_import.hpp"
#include "store/store_error.hpp"

namespace lmo::app {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::vector<fs::path> expand(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    if (fs::is_directory(path)) {
      std::vector<fs::path> inside;
      for (const auto& entry : fs::directory_iterator(path)) {
        auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".json" || extension == ".csv")) inside.push_back(entry.path());
      }
      std::sort(inside.begin(), inside.end());
      files.insert(files.end(), inside.begin(), inside.end());
    } else {
      files.emplace_back(path);
    }
  }
  return files;
}

}  // namespace

int run_import(const ImportCommand& command) {
  std::vector<services::ImportFile> files;
  for (const auto& path : expand(command.paths)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "lmo-portal import: cannot read " << path.string() << "\n";
      return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files.push_back({path.filename().string(), bytes.str()});
  }
  if (files.empty()) {
    std::cerr << "lmo-portal import: no .json or .csv files given\n";
    return 2;
  }
  try {
    auto database = command.database.open();
    auto& store = database->registry();
    services::ImportOptions options;
    options.allow_partial = command.partial;
    options.dry_run = command.dry_run;
    options.retrieved_date = services::today_utc();
    bool terminal = isatty(STDERR_FILENO);
    if (terminal) std::cerr << "importing " << files.size() << " file(s)...\n";
    auto report = services::import_registry(files, store, "import", options);
    std::string names;
    for (const auto& f : files) names += (names.empty() ? "" : " ") + f.name;
    auto actor = cli_actor();
    database->accounts().append_audit(
        {0, {}, actor.name, "import", names, report.applied || (command.dry_run && report.rejections.empty()) ? "ok" : "failed",
         actor.address, "", "added " + std::to_string(report.written.added) + ", updated " +
         std::to_string(report.written.updated) + ", rejected " + std::to_string(report.rejections.size()) +
         (command.dry_run ? " (dry run)" : "")});
    if (command.format == "json") {
      json::array rejections;
      for (const auto& r : report.rejections) {
        rejections.push_back(json::object{{"file", r.file}, {"record", r.record}, {"field", r.field}, {"reason", r.reason}});
      }
      std::cout << json::serialize(json::object{{"records", report.records},
                                                {"added", report.written.added},
                                                {"updated", report.written.updated},
                                                {"unchanged", report.written.unchanged},
                                                {"rejected", report.rejections.size()},
                                                {"applied", report.applied},
                                                {"malformed", report.malformed},
                                                {"rejections", std::move(rejections)}})
                << "\n";
    } else {
      std::cout << "records read: " << report.records << "\n"
                << "added: " << report.written.added << ", updated: " << report.written.updated
                << ", unchanged: " << report.written.unchanged << ", rejected: " << report.rejections.size() << "\n";
      for (const auto& r : report.rejections) {
        std::cout << "  rejected: " << (r.file.empty() ? "" : r.file + ": ") << (r.record.empty() ? "" : r.record + ": ")
                  << (r.field.empty() ? "" : "field '" + r.field + "' ") << r.reason << "\n";
      }
      if (!report.rejections.empty() && !command.partial) {
        std::cout << "nothing was written (use --partial to write the valid records)\n";
      } else if (command.dry_run) {
        std::cout << "dry run: nothing was written\n";
      }
    }
    return report.rejections.empty() ? 0 : 1;
  } catch (const store::StoreError& error) {
    std::cerr << "lmo-portal import: " << error.what() << "\n";
    return 2;
  }
}

int run_export(const ExportCommand& command) {
  try {
    if (!command.database.exists()) {
      std::cerr << "lmo-portal export: no database at " << command.database.location() << "\n";
      return 2;
    }
    auto database = command.database.open();
    auto registry = database->registry().load();
    fs::create_directories(command.out_dir);
    std::size_t total = 0;
    if (command.format == "csv") {
      for (auto type : domain::kAllRecordTypes) {
        auto records = domain::encode_records(type, registry);
        total += records.size();
        std::ofstream(command.out_dir / (std::string(domain::record_type_file(type)) + ".csv"), std::ios::binary)
            << services::records_to_csv(type, records);
      }
    } else {
      for (const auto& file : services::export_registry(registry)) {
        std::ofstream(command.out_dir / file.name, std::ios::binary) << file.content;
      }
      for (auto type : domain::kAllRecordTypes) total += domain::encode_records(type, registry).size();
    }
    auto actor = cli_actor();
    database->accounts().append_audit(
        {0, {}, actor.name, "export", command.out_dir.string(), "ok", actor.address, "",
         std::to_string(total) + " records as " + command.format});
    std::cout << "exported " << total << " records to " << command.out_dir.string() << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "lmo-portal export: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace lmo::app
