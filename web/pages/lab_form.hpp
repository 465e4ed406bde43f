// LabForm: an HTML form of a laboratory tool read as the tool's JSON request, so the pages
// and the API are checked alike. Field values that read as numbers become JSON numbers (any
// other text stays a string, for the service to refuse with the field named); fields named
// "<name>_percent" become "<name>" divided by 100; empty fields are left out. Also the
// display of results: numbers with the reader's decimal separator, percentages, and the
// number format of the server-drawn charts.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "web/http/query_params.hpp"
#include "web/pages/svg_chart.hpp"

namespace lmo::web {

// The request built from the form's fields named in `fields` (others are ignored).
boost::json::object lab_request(const QueryParams& form, std::initializer_list<std::string_view> fields);

// A number from a form field: "12", "0.5" or "0,5"; nullopt otherwise.
std::optional<double> form_number(std::string_view text);

// `value` with up to `significant` significant digits, in the reader's notation ("0,25" in es/fr).
std::string display_number(double value, std::string_view lang, int significant = 4);
// A fraction as a percentage: 0.0523 → "5.23 %".
std::string display_percent(double fraction, std::string_view lang, int significant = 3);
// A JSON number (or null → "—").
std::string display_json_number(const boost::json::value* value, std::string_view lang, int significant = 4);

NumberFormat chart_format(std::string_view lang, bool percent);

}  // namespace lmo::web
