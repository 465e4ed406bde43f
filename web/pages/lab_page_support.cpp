#include "web/pages/lab_page_support.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace json = boost::json;

Response lab_page(const WebContext& context, const std::string& lang, const std::string& slug,
                  const std::string& template_name, TemplateData data, bool print, int status) {
  data.set("lang", lang);
  LayoutOptions layout;
  layout.title = label(context, lang, "page", slug.empty() ? "lab" : "lab-" + slug);
  layout.body_html = context.templates.render(template_name, lang, data);
  layout.page_path = slug.empty() ? "/lab" : "/lab/" + slug;
  layout.current_slug = "lab";
  if (!slug.empty()) layout.breadcrumbs.push_back({"lab", {label(context, lang, "page", "lab"), lang}});
  layout.print = print;
  layout.printable = false;  // results print from their own link (the query holds the inputs)
  layout.indexable = status == 200 && !print;
  Response response = html_response(render_layout(context, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

// The form's own values back into the page, so a result or a problem keeps what was typed.
void keep_values(TemplateData& data, const QueryParams& form) {
  for (const auto& [name, value] : form.values) {
    if (!value.empty()) data.set("v_" + name, value);
    data.set("is_" + name + "_" + value, true);
  }
}

// Puts the service's field error into the page; false when there is none.
bool take_problem(const services::ServiceResult& result, TemplateData& data) {
  const auto* error = domain::error_of(result);
  if (!error) return false;
  data.set("has_problem", true);
  data.set("problem_field", error->field);
  data.set("problem_message", error->message);
  return true;
}

const json::value* at(const json::value& value, std::initializer_list<std::string_view> path) {
  const json::value* current = &value;
  for (auto key : path) {
    const auto* object = current->if_object();
    if (!object) return nullptr;
    current = object->if_contains(key);
    if (!current) return nullptr;
  }
  return current;
}

double number_at(const json::value& value, std::initializer_list<std::string_view> path, double fallback) {
  const auto* found = at(value, path);
  return found && found->is_number() ? found->to_number<double>() : fallback;
}

std::string text_at(const json::value& value, std::initializer_list<std::string_view> path) {
  const auto* found = at(value, path);
  return found && found->is_string() ? std::string(found->get_string()) : std::string();
}

std::string percent_at(const json::value& value, std::initializer_list<std::string_view> path, const std::string& lang) {
  const auto* found = at(value, path);
  return found && found->is_number() ? display_percent(found->to_number<double>(), lang) : "—";
}

// Lines of a text area, trimmed, blank ones left out.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos) out.push_back(line.substr(start));
  }
  return out;
}

// Splits "a:b:c", "a b c", "a;b;c" or "a,b" (numbers in either notation) into fields.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::string current;
  for (char c : line) {
    if (c == ':' || c == ';' || c == ' ' || c == '\t' || c == '=') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

json::value number_or_text(const std::string& text) {
  if (auto number = form_number(text)) return *number;
  return json::value(text);
}

std::optional<double> form_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 40) return std::nullopt;
  std::string normal(text);
  if (normal.find('.') == std::string::npos) {
    if (auto comma = normal.find(','); comma != std::string::npos && normal.find(',', comma + 1) == std::string::npos) {
      normal[comma] = '.';
    }
  }
  double value = 0;
  auto [end, error] = std::from_chars(normal.data(), normal.data() + normal.size(), value);
  if (error != std::errc() || end != normal.data() + normal.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

boost::json::object lab_request(const QueryParams& form, std::initializer_list<std::string_view> fields) {
  boost::json::object request;
  for (auto field : fields) {
    std::string_view text = form.get(field);
    if (text.empty()) continue;
    std::string name(field);
    bool percent = name.size() > 8 && name.ends_with("_percent") && name != "threshold_percent";
    if (percent) name.resize(name.size() - 8);
    if (auto number = form_number(text)) {
      double value = percent ? *number / 100.0 : *number;
      if (std::floor(value) == value && std::fabs(value) < 1e15 && !percent) {
        request[name] = static_cast<std::int64_t>(value);
      } else {
        request[name] = value;
      }
    } else {
      request[name] = std::string(text);
    }
  }
  return request;
}

namespace {

std::string localize(std::string text, std::string_view lang) {
  if (lang == "en") return text;
  for (auto& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

}  // namespace

std::string display_number(double value, std::string_view lang, int significant) {
  if (!std::isfinite(value)) return "—";
  if (value == 0) return "0";
  double magnitude = std::floor(std::log10(std::fabs(value)));
  int decimals = std::max(0, significant - 1 - static_cast<int>(magnitude));
  if (decimals > 12) return localize(fmt::format("{:.{}e}", value, significant - 1), lang);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return localize(text, lang);
}

std::string display_percent(double fraction, std::string_view lang, int significant) {
  if (!std::isfinite(fraction)) return "—";
  return display_number(fraction * 100.0, lang, significant) + (lang == "fr" ? "\u202F%" : " %");
}

std::string display_json_number(const boost::json::value* value, std::string_view lang, int significant) {
  if (!value || !value->is_number()) return "—";
  return display_number(value->to_number<double>(), lang, significant);
}

NumberFormat chart_format(std::string_view lang, bool percent) {
  NumberFormat format;
  format.percent = percent;
  if (lang != "en") format.decimal_separator = ",";
  if (lang == "fr") format.percent_sign = "\u202F%";
  return format;
}

}  // namespace lmo::web
