// Value types of the Customs Portal's editorial content: pages, resource records and
// capacity-building activities. Every record carries its provenance (source, retrieved,
// verified) as the data policy requires.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/localized_text.hpp"

namespace lmo::domain {

struct Provenance {
  std::string source;     // citation or URL of the public register or document
  std::string retrieved;  // ISO date the facts were read
  bool verified = false;  // false: unconfirmed or illustrative, and the UI says so
  std::string note;       // what is unconfirmed, if anything
};

struct Page {
  std::string slug;
  std::optional<std::string> parent;  // slug of the parent page (breadcrumbs); none for home
  int position = 0;                   // order among siblings and in the navigation
  LocalizedText title;
  LocalizedText nav_title;  // short title for navigation and breadcrumbs
  LocalizedText summary;
  LocalizedText body_html;  // trusted HTML fragment written by the project
  std::vector<std::string> lists;  // record lists shown after the text: "resources", "activities"
  std::string updated;      // ISO date of the last content change
  Provenance provenance;
};

struct Resource {
  std::string id;
  std::string kind;  // guide, video, publication, webpage, decision, training-material, legal-text
  LocalizedText title;
  LocalizedText description;
  std::vector<std::string> translated_titles;  // languages whose title is our translation
  std::string publisher;
  std::optional<int> year;
  std::string url;
  std::vector<std::string> languages;  // languages the resource itself is available in
  int position = 0;
  Provenance provenance;
};

struct ActivityMaterial {
  LocalizedText title;
  std::string url;
};

struct Activity {
  std::string id;
  LocalizedText title;
  LocalizedText audience;
  std::string start;  // ISO date, or year-month when the day is unknown
  std::string end;
  std::optional<std::string> city;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2
  bool online = false;
  std::string region;
  std::vector<std::string> languages;
  std::vector<std::string> organisers;
  std::vector<ActivityMaterial> materials;
  Provenance provenance;
};

// Everything the project bundles in data/ for the portal pages, loaded as one unit.
struct PortalContent {
  std::vector<Page> pages;
  std::vector<Resource> resources;
  std::vector<Activity> activities;
};

}  // namespace lmo::domain
