// The JSON and text forms of a CheckReport (API answer and `lmo-portal check` output), with
// each finding's requirement, reason and action in the reader's language.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "services/shipment_check.hpp"

namespace lmo::services {

boost::json::object to_json(const CheckReport& report, const CheckRules& rules, std::string_view lang);
std::string to_text(const CheckReport& report, const CheckRules& rules, std::string_view lang);

}  // namespace lmo::services
