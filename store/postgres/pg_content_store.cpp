#include "store/postgres/pg_content_store.hpp"

#include <map>
#include <sstream>

#include "store/postgres/pg_text.hpp"

namespace lmo::store::postgres {

namespace {

constexpr std::string_view kDatasetName = "portal_content";
// Advisory lock key held while the content is replaced ("lmo-cont" in ASCII): instances that
// start together with new bundled content take turns instead of colliding on primary keys.
constexpr std::int64_t kContentWriteLock = 0x6c6d6f2d636f6e74;

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    if (!out.empty()) out += ' ';
    out += code;
  }
  return out;
}

std::vector<std::string> split_codes(const std::string& joined) {
  std::vector<std::string> out;
  std::istringstream in(joined);
  for (std::string code; in >> code;) out.push_back(code);
  return out;
}

domain::Provenance read_provenance(const Statement& row, int first_column) {
  return {row.text(first_column), row.text(first_column + 1), row.integer(first_column + 2) != 0,
          row.text(first_column + 3)};
}

}  // namespace

std::vector<domain::Page> PgContentStore::query_pages(std::optional<std::string_view> slug) const {
  auto db = database_.connection();
  std::vector<domain::Page> pages;
  std::map<std::string, size_t, std::less<>> index;
  {
    Statement rows(*db,
                   "SELECT slug, parent, position, updated, source, retrieved, verified, note, lists "
                   "FROM pages WHERE $1::text IS NULL OR slug = $1::text ORDER BY position, slug");
    if (slug) rows.bind(1, *slug); else rows.bind_null(1);
    while (rows.step()) {
      domain::Page page;
      page.slug = rows.text(0);
      page.parent = rows.optional_text(1);
      page.position = static_cast<int>(rows.integer(2));
      page.updated = rows.text(3);
      page.provenance = read_provenance(rows, 4);
      page.lists = split_codes(rows.text(8));
      index.emplace(page.slug, pages.size());
      pages.push_back(std::move(page));
    }
  }
  Statement texts(*db,
                  "SELECT slug, lang, title, summary, body_html, nav_title FROM page_texts "
                  "WHERE $1::text IS NULL OR slug = $1::text");
  if (slug) texts.bind(1, *slug); else texts.bind_null(1);
  while (texts.step()) {
    auto found = index.find(texts.text(0));
    if (found == index.end()) continue;
    auto& page = pages[found->second];
    std::string lang = texts.text(1);
    page.title.set(lang, texts.text(2));
    page.summary.set(lang, texts.text(3));
    page.body_html.set(lang, texts.text(4));
    page.nav_title.set(lang, texts.text(5));
  }
  return pages;
}

std::optional<domain::Page> PgContentStore::find_page(std::string_view slug) const {
  if (!is_pg_text(slug)) return std::nullopt;  // no stored slug has such bytes
  auto pages = query_pages(slug);
  if (pages.empty()) return std::nullopt;
  return std::move(pages.front());
}

std::vector<domain::Page> PgContentStore::list_pages() const { return query_pages(std::nullopt); }

std::vector<domain::Resource> PgContentStore::list_resources() const {
  auto db = database_.connection();
  std::vector<domain::Resource> resources;
  std::map<std::string, size_t, std::less<>> index;
  Statement rows(*db,
                 "SELECT id, kind, publisher, year, url, languages, translated_titles, position, "
                 "source, retrieved, verified, note FROM resources ORDER BY position, id");
  while (rows.step()) {
    domain::Resource resource;
    resource.id = rows.text(0);
    resource.kind = rows.text(1);
    resource.publisher = rows.text(2);
    if (!rows.is_null(3)) resource.year = static_cast<int>(rows.integer(3));
    resource.url = rows.text(4);
    resource.languages = split_codes(rows.text(5));
    resource.translated_titles = split_codes(rows.text(6));
    resource.position = static_cast<int>(rows.integer(7));
    resource.provenance = read_provenance(rows, 8);
    index.emplace(resource.id, resources.size());
    resources.push_back(std::move(resource));
  }
  Statement texts(*db, "SELECT resource_id, lang, title, description FROM resource_texts");
  while (texts.step()) {
    auto found = index.find(texts.text(0));
    if (found == index.end()) continue;
    auto& resource = resources[found->second];
    resource.title.set(texts.text(1), texts.text(2));
    resource.description.set(texts.text(1), texts.text(3));
  }
  return resources;
}

std::vector<domain::Activity> PgContentStore::list_activities() const {
  auto db = database_.connection();
  std::vector<domain::Activity> activities;
  std::map<std::string, size_t, std::less<>> index;
  Statement rows(*db,
                 "SELECT id, start_date, end_date, city, country, online, region, languages, "
                 "source, retrieved, verified, note FROM activities "
                 "ORDER BY start_date DESC, id");
  while (rows.step()) {
    domain::Activity activity;
    activity.id = rows.text(0);
    activity.start = rows.text(1);
    activity.end = rows.text(2);
    activity.city = rows.optional_text(3);
    activity.country = rows.optional_text(4);
    activity.online = rows.integer(5) != 0;
    activity.region = rows.text(6);
    activity.languages = split_codes(rows.text(7));
    activity.provenance = read_provenance(rows, 8);
    index.emplace(activity.id, activities.size());
    activities.push_back(std::move(activity));
  }
  auto each_row = [&](std::string_view sql, auto&& apply) {
    Statement query(*db, sql);
    while (query.step()) {
      auto found = index.find(query.text(0));
      if (found != index.end()) apply(activities[found->second], query);
    }
  };
  each_row("SELECT activity_id, lang, title, audience FROM activity_texts",
           [](domain::Activity& a, const Statement& r) {
             a.title.set(r.text(1), r.text(2));
             a.audience.set(r.text(1), r.text(3));
           });
  each_row("SELECT activity_id, name FROM activity_organisers ORDER BY activity_id, position",
           [](domain::Activity& a, const Statement& r) { a.organisers.push_back(r.text(1)); });
  each_row("SELECT activity_id, url FROM activity_materials ORDER BY activity_id, position",
           [](domain::Activity& a, const Statement& r) { a.materials.push_back({{}, r.text(1)}); });
  each_row("SELECT activity_id, position, lang, title FROM activity_material_titles",
           [](domain::Activity& a, const Statement& r) {
             auto position = static_cast<size_t>(r.integer(1));
             if (position < a.materials.size()) a.materials[position].title.set(r.text(2), r.text(3));
           });
  return activities;
}

std::optional<std::string> PgContentStore::bundled_fingerprint() const {
  auto db = database_.connection();
  Statement query(*db, "SELECT fingerprint FROM bundled_datasets WHERE name = $1");
  query.bind(1, kDatasetName);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

void PgContentStore::replace_bundled_content(const domain::PortalContent& content, std::string_view fingerprint) {
  auto db = database_.connection();
  Transaction transaction(*db);
  lock_for_transaction(*db, kContentWriteLock);
  db->execute_script("DELETE FROM activities; DELETE FROM resources; DELETE FROM page_texts; DELETE FROM pages");

  Statement page_row(*db,
                     "INSERT INTO pages(slug, parent, position, updated, source, retrieved, "
                     "verified, note, lists) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
  Statement page_text(*db,
                      "INSERT INTO page_texts(slug, lang, title, summary, body_html, nav_title) "
                      "VALUES ($1, $2, $3, $4, $5, $6)");
  for (const auto& page : content.pages) {
    const auto& p = page.provenance;
    page_row.bind(1, page.slug).bind_optional(2, page.parent).bind(3, page.position).bind(4, page.updated)
        .bind(5, p.source).bind(6, p.retrieved).bind(7, p.verified).bind(8, p.note)
        .bind(9, join_codes(page.lists)).execute();
    for (const auto& [lang, title] : page.title.by_language()) {
      page_text.bind(1, page.slug).bind(2, lang).bind(3, title)
          .bind(4, page.summary.resolve_or_empty(lang).text)
          .bind(5, page.body_html.resolve_or_empty(lang).text)
          .bind(6, page.nav_title.resolve_or_empty(lang).text).execute();
    }
  }

  Statement resource_row(*db,
                         "INSERT INTO resources(id, kind, publisher, year, url, languages, "
                         "translated_titles, position, source, retrieved, verified, note) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
  Statement resource_text(*db,
                          "INSERT INTO resource_texts(resource_id, lang, title, description) "
                          "VALUES ($1, $2, $3, $4)");
  for (const auto& r : content.resources) {
    resource_row.bind(1, r.id).bind(2, r.kind).bind(3, r.publisher);
    if (r.year) resource_row.bind(4, *r.year); else resource_row.bind_null(4);
    resource_row.bind(5, r.url).bind(6, join_codes(r.languages))
        .bind(7, join_codes(r.translated_titles)).bind(8, r.position)
        .bind(9, r.provenance.source).bind(10, r.provenance.retrieved)
        .bind(11, r.provenance.verified).bind(12, r.provenance.note).execute();
    for (const auto& [lang, title] : r.title.by_language()) {
      auto description = r.description.by_language().find(lang);
      resource_text.bind(1, r.id).bind(2, lang).bind(3, title)
          .bind(4, description == r.description.by_language().end() ? "" : description->second)
          .execute();
    }
  }

  Statement activity_row(*db,
                         "INSERT INTO activities(id, start_date, end_date, city, country, online, "
                         "region, languages, source, retrieved, verified, note) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
  Statement activity_text(*db,
                          "INSERT INTO activity_texts(activity_id, lang, title, audience) "
                          "VALUES ($1, $2, $3, $4)");
  Statement organiser(*db, "INSERT INTO activity_organisers(activity_id, position, name) VALUES ($1, $2, $3)");
  Statement material(*db, "INSERT INTO activity_materials(activity_id, position, url) VALUES ($1, $2, $3)");
  Statement material_title(*db,
                           "INSERT INTO activity_material_titles(activity_id, position, lang, title) "
                           "VALUES ($1, $2, $3, $4)");
  for (const auto& a : content.activities) {
    activity_row.bind(1, a.id).bind(2, a.start).bind(3, a.end).bind_optional(4, a.city).bind_optional(5, a.country)
        .bind(6, a.online).bind(7, a.region).bind(8, join_codes(a.languages))
        .bind(9, a.provenance.source).bind(10, a.provenance.retrieved)
        .bind(11, a.provenance.verified).bind(12, a.provenance.note).execute();
    for (const auto& [lang, title] : a.title.by_language()) {
      auto audience = a.audience.by_language().find(lang);
      activity_text.bind(1, a.id).bind(2, lang).bind(3, title)
          .bind(4, audience == a.audience.by_language().end() ? "" : audience->second).execute();
    }
    for (size_t i = 0; i < a.organisers.size(); ++i) {
      organiser.bind(1, a.id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.organisers[i]).execute();
    }
    for (size_t i = 0; i < a.materials.size(); ++i) {
      auto position = static_cast<std::int64_t>(i);
      material.bind(1, a.id).bind(2, position).bind(3, a.materials[i].url).execute();
      for (const auto& [lang, title] : a.materials[i].title.by_language()) {
        material_title.bind(1, a.id).bind(2, position).bind(3, lang).bind(4, title).execute();
      }
    }
  }

  Statement record(*db,
                   std::string("INSERT INTO bundled_datasets(name, fingerprint, loaded_at) VALUES ($1, $2, ") + kPgNow +
                       ") ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint, "
                       "loaded_at = excluded.loaded_at");
  record.bind(1, kDatasetName).bind(2, fingerprint).execute();
  transaction.commit();
}

}  // namespace lmo::store::postgres
