// Small pieces the HTML page modules share: the HTML response, list joining for display,
// percent-encoding of a path segment (identifiers hold Ø and ×), readable JSON and the line
// differences shown by the history and draft pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/line_diff.hpp"
#include "web/http/http_types.hpp"
#include "web/templates/template_set.hpp"

namespace lmo::web {

Response html_response(std::string body);
std::string join_for_display(const std::vector<std::string>& items, std::string_view separator = ", ");
std::string encode_segment(std::string_view text);
// Sets a text only when it is not empty: Mustache renders a {{#section}} for any string,
// even an empty one, so optional texts must be absent rather than empty.
void put(TemplateData& data, const std::string& key, const std::string& value);
// JSON text with one member or array item per line, two spaces per level (for reading and for
// line differences); text that is not JSON comes back unchanged.
std::string pretty_json(const std::string& doc);
// Line differences for the templates' diff block: each line's text and whether it was added
// or removed.
kainjow::mustache::list diff_data(const std::vector<domain::DiffLine>& diff);

}  // namespace lmo::web
