// Today's date in UTC as YYYY-MM-DD: the default date of approval questions and the
// provenance date of imported records.
#pragma once

#include <string>

namespace lmo::services {

std::string today_utc();

}  // namespace lmo::services
