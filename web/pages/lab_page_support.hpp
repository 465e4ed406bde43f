// What the laboratory tools' pages share: the page frame, an HTML form read as the tool's JSON
// request (so the pages and the API are checked alike), the service's answer read back for
// display, and a refused request shown as a problem naming the field. Field values that read as numbers become JSON numbers (any
// other text stays a string, for the service to refuse with the field named); fields named
// "<name>_percent" become "<name>" divided by 100; empty fields are left out. Also the
// display of results: numbers with the reader's decimal separator, percentages, and the
// number format of the server-drawn charts.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "services/json_request.hpp"
#include "web/http/http_types.hpp"
#include "web/http/query_params.hpp"
#include "web/templates/template_set.hpp"
#include "web/web_context.hpp"
#include "web/pages/svg_chart.hpp"

namespace lmo::web {

// Form problems answer 422, with the form and its values kept.
inline constexpr int kFormProblem = 422;

// The page /{lang}/lab/<slug> ("" for the index) rendered from `template_name` in the layout.
Response lab_page(const WebContext& context, const std::string& lang, const std::string& slug,
                  const std::string& template_name, TemplateData data, bool print, int status);

// The form's own values back into the page ("v_<name>", and "is_<name>_<value>" for choices).
void keep_values(TemplateData& data, const QueryParams& form);
// Puts the service's field error into the page; false when there is none.
bool take_problem(const services::ServiceResult& result, TemplateData& data);

// Reading a service's answer: the value at a path of object keys (nullptr when absent), as a
// number, a text, or a percentage for display ("—" when absent).
const boost::json::value* at(const boost::json::value& value, std::initializer_list<std::string_view> path);
double number_at(const boost::json::value& value, std::initializer_list<std::string_view> path, double fallback = 0);
std::string text_at(const boost::json::value& value, std::initializer_list<std::string_view> path);
std::string percent_at(const boost::json::value& value, std::initializer_list<std::string_view> path,
                       const std::string& lang);

// Lines of a text area, trimmed, blank ones left out.
std::vector<std::string> lines_of(std::string_view text);
// Splits "a:b:c", "a b c", "a;b;c" or "a=b" into fields.
std::vector<std::string> fields_of(const std::string& line);
// A form text as a JSON number when it reads as one, else as a string (for the service to refuse).
boost::json::value number_or_text(const std::string& text);

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
