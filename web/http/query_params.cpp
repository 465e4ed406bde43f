#include "web/http/query_params.hpp"

#include "domain/utf8_text.hpp"

#include <boost/url/decode_view.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/grammar/parse.hpp>
#include <boost/url/rfc/pct_encoded_rule.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <boost/url/pct_string_view.hpp>

namespace lmo::web {

namespace {

// Decodes one name or value: '+' is a space, %XX an escaped byte. False when malformed.
bool decode_component(std::string_view raw, std::string& out) {
  auto checked = boost::urls::make_pct_string_view(raw);
  if (!checked) return false;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  out = checked->decode(options);
  return out.find('\0') == std::string::npos;
}

}  // namespace

std::optional<QueryParams> parse_query(std::string_view query, QueryError* error) {
  QueryParams params;
  size_t count = 0;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    if (++count > 100) {
      if (error) *error = {"query", "too many parameters"};
      return std::nullopt;
    }
    size_t equals = pair.find('=');
    std::string name;
    std::string value;
    if (!decode_component(pair.substr(0, equals), name)) {
      if (error) *error = {"query", "malformed parameter name"};
      return std::nullopt;
    }
    if (equals != std::string_view::npos && !decode_component(pair.substr(equals + 1), value)) {
      if (error) *error = {name, "malformed percent-encoding in value"};
      return std::nullopt;
    }
    // Every text field is UTF-8 without NUL (%00): anything else is refused, never stored
    // mangled or cut short.
    if (!domain::is_utf8_text(name)) {
      if (error) *error = {"query", "a parameter name is not UTF-8 text (or holds %00)"};
      return std::nullopt;
    }
    if (!domain::is_utf8_text(value)) {
      if (error) *error = {name, "is not UTF-8 text (or holds %00)"};
      return std::nullopt;
    }
    params.values.emplace(std::move(name), std::move(value));
  }
  return params;
}

}  // namespace lmo::web
