#include "store/sqlite/sqlite_case_store.hpp"

#include <sqlite3.h>

namespace lmo::store::sqlite {

namespace {

constexpr const char* kNow = kSqlNow;
constexpr const char* kColumns =
    "SELECT id, reference, country, status, outcome, declaration, report, created_by, created_at, decision, decided_by, "
    "decided_at, version FROM inspection_cases ";

InspectionCase read_case(Statement& row) {
  InspectionCase c;
  c.id = row.integer(0);
  c.reference = row.text(1);
  c.country = row.text(2);
  c.status = row.text(3);
  c.outcome = row.text(4);
  c.declaration = row.text(5);
  c.report = row.text(6);
  c.created_by = row.text(7);
  c.created_at = row.text(8);
  c.decision = row.optional_text(9);
  c.decided_by = row.optional_text(10);
  c.decided_at = row.optional_text(11);
  c.version = row.integer(12);
  return c;
}

}  // namespace

bool SqliteCaseStore::create_case(const InspectionCase& c) {
  auto db = database_.connection();
  Statement insert(*db, std::string("INSERT INTO inspection_cases (reference, country, status, outcome, declaration, report, "
                                    "created_by, created_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ") + kNow +
                            ") ON CONFLICT (reference) DO NOTHING");
  insert.bind(1, c.reference).bind(2, c.country).bind(3, c.outcome).bind(4, c.declaration).bind(5, c.report)
      .bind(6, c.created_by).execute();
  return sqlite3_changes(db->handle()) > 0;
}

std::optional<InspectionCase> SqliteCaseStore::find_case(const std::string& reference) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE reference = ?");
  select.bind(1, reference);
  if (!select.step()) return std::nullopt;
  auto c = read_case(select);
  select.reset();
  Statement entries(*db, "SELECT id, at, actor, kind, content FROM case_entries WHERE case_id = ? ORDER BY id");
  entries.bind(1, c.id);
  while (entries.step()) {
    c.entries.push_back({entries.integer(0), entries.text(1), entries.text(2), entries.text(3), entries.text(4)});
  }
  return c;
}

std::vector<InspectionCase> SqliteCaseStore::cases(const std::vector<std::string>& countries, std::size_t limit) const {
  auto db = database_.connection();
  std::string where;
  for (std::size_t i = 0; i < countries.size(); ++i) where += (i ? ", ?" : "WHERE country IN (?");
  if (!countries.empty()) where += ") ";
  Statement select(*db, std::string(kColumns) + where + "ORDER BY id DESC LIMIT ?");
  int index = 1;
  for (const auto& country : countries) select.bind(index++, country);
  select.bind(index, static_cast<std::int64_t>(limit));
  std::vector<InspectionCase> out;
  while (select.step()) out.push_back(read_case(select));
  return out;
}

bool SqliteCaseStore::add_entry(const std::string& reference, std::int64_t version, const CaseEntry& entry,
                                const std::string& new_status, const std::optional<std::string>& decision) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement current(*db, "SELECT id FROM inspection_cases WHERE reference = ? AND version = ? AND status <> 'decided'");
  current.bind(1, reference).bind(2, version);
  if (!current.step()) return false;
  auto id = current.integer(0);
  current.reset();
  Statement insert(*db, std::string("INSERT INTO case_entries (case_id, at, actor, kind, content) VALUES (?, ") + kNow +
                            ", ?, ?, ?)");
  insert.bind(1, id).bind(2, entry.actor).bind(3, entry.kind).bind(4, entry.content).execute();
  Statement update(*db, std::string("UPDATE inspection_cases SET status = ?, version = version + 1, "
                                    "decision = coalesce(?, decision), "
                                    "decided_by = CASE WHEN ? IS NULL THEN decided_by ELSE ? END, "
                                    "decided_at = CASE WHEN ? IS NULL THEN decided_at ELSE ") + kNow + " END WHERE id = ?");
  update.bind(1, new_status).bind_optional(2, decision).bind_optional(3, decision).bind(4, entry.actor)
      .bind_optional(5, decision).bind(6, id).execute();
  transaction.commit();
  return true;
}

}  // namespace lmo::store::sqlite
