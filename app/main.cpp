// lmo-portal: the LMO Customs Portal's one binary — web portal and JSON API (`serve`) and
// command-line tools. This file only wires subcommands to their implementations.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/backup_command.hpp"
#include "app/check_command.hpp"
#include "app/estimate_command.hpp"
#include "app/i18n_command.hpp"
#include "app/matrix_command.hpp"
#include "app/plan_command.hpp"
#include "app/quantify_command.hpp"
#include "app/registry_commands.hpp"
#include "app/install_paths.hpp"
#include "app/screen_command.hpp"
#include "app/serve_command.hpp"
#include "app/serve_settings.hpp"
#include "app/uid_command.hpp"
#include "app/user_command.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"LMO Customs Portal: border checks of shipments of living modified organisms "
               "under Article 18 of the Cartagena Protocol on Biosafety"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("lmo-portal ") + LMO_VERSION);

  auto* serve = cli.add_subcommand("serve", "serve the web portal and JSON API");
  lmo::app::ServeSettingsParser serve_settings(*serve);

  auto* i18n = cli.add_subcommand("i18n", "message catalogs of the user interface");
  i18n->require_subcommand(1);
  auto* extract = i18n->add_subcommand("extract", "print the message template (.pot) of the templates");
  auto* check = i18n->add_subcommand("check", "fail when a catalog lacks a translation");

  auto* uid = cli.add_subcommand("uid", "OECD unique identifiers of LMOs");
  uid->require_subcommand(1);
  auto* validate = uid->add_subcommand("validate", "check identifiers: format, check digit, stacks");
  std::vector<std::string> identifiers;
  std::string uid_format = "text";
  validate->add_option("ID", identifiers, "identifiers, e.g. MON-ØØ81Ø-6 or \"mon 00810 6\"")->required();
  validate->add_option("--format", uid_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  lmo::app::ImportCommand import_command;
  auto* import = cli.add_subcommand("import", "import registry records: project JSON or CSV, BCH record JSON");
  import->add_option("FILE", import_command.paths, "files or folders of .json / .csv")->required();
  lmo::app::add_database_options(*import, import_command.database);
  import->add_flag("--partial", import_command.partial, "write the valid records even when some are rejected");
  import->add_flag("--dry-run", import_command.dry_run, "check and report only");
  import->add_option("--format", import_command.format, "report as text or json")->check(CLI::IsMember({"text", "json"}));

  lmo::app::ExportCommand export_command;
  auto* export_cmd = cli.add_subcommand("export", "write the whole registry, one file per record type");
  lmo::app::add_database_options(*export_cmd, export_command.database);
  export_cmd->add_option("--out", export_command.out_dir, "folder to write to (default ./export)");
  export_cmd->add_option("--format", export_command.format, "json or csv")->check(CLI::IsMember({"json", "csv"}));

  lmo::app::CheckCommand check_command;
  auto* check_cmd = cli.add_subcommand("check", "border check of a shipment's declaration (JSON; - for standard input)");
  check_cmd->add_option("FILE", check_command.file, "declaration file")->required();
  check_cmd->add_option("--format", check_command.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  check_cmd->add_option("--lang", check_command.lang, "language of the findings' texts")->check(CLI::IsMember({"en", "es", "fr"}));
  lmo::app::add_database_options(*check_cmd, check_command.database);

  lmo::app::ScreenCommand screen_command;
  auto* screen_cmd = cli.add_subcommand("screen", "screen a stream of declaration lines (CSV with a header, or NDJSON)");
  screen_cmd->add_option("FILE", screen_command.file, "file, or - for standard input")->required();
  screen_cmd->add_option("--format", screen_command.format, "csv or ndjson (default: from the file name)")
      ->check(CLI::IsMember({"csv", "ndjson"}));
  screen_cmd->add_option("--country", screen_command.country,
                         "importing country (ISO code): its national tariff codes (data/rules/hs_national/) are screened too");
  lmo::app::add_database_options(*screen_cmd, screen_command.database);

  // Laboratory tools: sampling plans, estimation from pools, screening matrix, quantification.
  const auto share_dir = lmo::app::default_share_dir();
  std::vector<lmo::app::LabCommand> lab_commands{
      lmo::app::add_plan_command(cli, share_dir), lmo::app::add_estimate_command(cli, share_dir),
      lmo::app::add_matrix_command(cli, share_dir), lmo::app::add_quantify_command(cli, share_dir)};

  auto user_command = lmo::app::add_user_command(cli);
  auto backup_commands = lmo::app::add_backup_commands(cli);

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*serve) return lmo::app::run_serve(serve_settings.resolve());
    if (*user_command.command) return user_command.run();
    if (*backup_commands.backup) return backup_commands.run_backup();
    if (*backup_commands.restore) return backup_commands.run_restore();
    for (const auto& lab : lab_commands) {
      if (*lab.command) return lab.run();
    }
    if (*screen_cmd) return lmo::app::run_screen(screen_command, lmo::app::default_share_dir());
    if (*check_cmd) return lmo::app::run_check(check_command, lmo::app::default_share_dir());
    if (*import) return lmo::app::run_import(import_command);
    if (*export_cmd) return lmo::app::run_export(export_command);
    if (*validate) return lmo::app::run_uid_validate(identifiers, uid_format, lmo::app::default_share_dir());
    if (*extract) return lmo::app::run_i18n_extract(lmo::app::default_share_dir());
    if (*check) {
      return lmo::app::run_i18n_check(lmo::app::default_share_dir(), lmo::app::default_locale_dir());
    }
  } catch (const std::exception& error) {
    std::cerr << "lmo-portal: " << error.what() << "\n";
    return 2;
  }
  return 2;
}
