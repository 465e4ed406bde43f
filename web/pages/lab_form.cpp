#include "web/pages/lab_form.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace lmo::web {

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
