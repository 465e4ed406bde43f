#include "store/postgres/pg_case_store.hpp"

namespace lmo::store::postgres {

namespace {

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

bool PgCaseStore::create_case(const InspectionCase& c) {
  auto db = database_.connection();
  Statement insert(*db, "INSERT INTO inspection_cases (reference, country, status, outcome, declaration, report, "
                        "created_by, created_at) VALUES ($1, $2, 'open', $3, $4, $5, $6, lmo_now()) "
                        "ON CONFLICT (reference) DO NOTHING");
  insert.bind(1, c.reference).bind(2, c.country).bind(3, c.outcome).bind(4, c.declaration).bind(5, c.report)
      .bind(6, c.created_by).execute();
  return insert.affected_rows() > 0;
}

std::optional<InspectionCase> PgCaseStore::find_case(const std::string& reference) const {
  auto db = database_.connection();
  // One snapshot for the case and its entries, so they always agree.
  Transaction transaction(*db);
  db->execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
  Statement select(*db, std::string(kColumns) + "WHERE reference = $1");
  select.bind(1, reference);
  if (!select.step()) return std::nullopt;
  auto c = read_case(select);
  Statement entries(*db, "SELECT id, at, actor, kind, content FROM case_entries WHERE case_id = $1 ORDER BY id");
  entries.bind(1, c.id);
  while (entries.step()) {
    c.entries.push_back({entries.integer(0), entries.text(1), entries.text(2), entries.text(3), entries.text(4)});
  }
  transaction.commit();
  return c;
}

std::vector<InspectionCase> PgCaseStore::cases(const std::vector<std::string>& countries, std::size_t limit) const {
  auto db = database_.connection();
  std::string where = countries.empty() ? "" : "WHERE country IN (" + placeholders(1, countries.size()) + ") ";
  Statement select(*db, std::string(kColumns) + where + "ORDER BY id DESC LIMIT $" +
                            std::to_string(countries.size() + 1) + "::bigint");
  int index = 1;
  for (const auto& country : countries) select.bind(index++, country);
  select.bind(index, static_cast<std::int64_t>(limit));
  std::vector<InspectionCase> out;
  while (select.step()) out.push_back(read_case(select));
  return out;
}

bool PgCaseStore::add_entry(const std::string& reference, std::int64_t version, const CaseEntry& entry,
                            const std::string& new_status, const std::optional<std::string>& decision) {
  auto db = database_.connection();
  Transaction transaction(*db);
  // FOR UPDATE: a concurrent change of the same case waits here, then sees the new version
  // and is refused.
  Statement current(*db, "SELECT id FROM inspection_cases WHERE reference = $1 AND version = $2::bigint "
                         "AND status <> 'decided' FOR UPDATE");
  current.bind(1, reference).bind(2, version);
  if (!current.step()) return false;
  auto id = current.integer(0);
  Statement insert(*db, "INSERT INTO case_entries (case_id, at, actor, kind, content) VALUES ($1, lmo_now(), $2, $3, $4)");
  insert.bind(1, id).bind(2, entry.actor).bind(3, entry.kind).bind(4, entry.content).execute();
  Statement update(*db, "UPDATE inspection_cases SET status = $1, version = version + 1, "
                        "decision = coalesce($2::text, decision), "
                        "decided_by = CASE WHEN $2::text IS NULL THEN decided_by ELSE $3 END, "
                        "decided_at = CASE WHEN $2::text IS NULL THEN decided_at ELSE lmo_now() END WHERE id = $4");
  update.bind(1, new_status).bind_optional(2, decision).bind(3, entry.actor).bind(4, id).execute();
  transaction.commit();
  return true;
}

}  // namespace lmo::store::postgres
