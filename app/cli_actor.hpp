// The actor of a command-line change, for the audit log: "cli:<system user name>" at "local".
#pragma once

#include "services/account_service.hpp"

namespace lmo::app {

services::Actor cli_actor();

}  // namespace lmo::app
