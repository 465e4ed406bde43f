#include "web/pages/labels.hpp"

namespace lmo::web {

std::string label(const WebContext& context, std::string_view lang, std::string_view group,
                  std::string_view value) {
  TemplateData data;
  // Tag names are the value in lower case with runs of other characters as '-'.
  std::string key(group);
  key += '_';
  bool dash = false;
  for (char c : value) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a'), keep = true;
    if (keep) {
      if (dash && key.back() != '_') key += '-';
      key += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  data.set(key, true);
  std::string text = context.templates.render("label", lang, data);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? std::string(value) : text;
}

}  // namespace lmo::web
