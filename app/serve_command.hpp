// `lmo-portal serve`: opens (or creates) the database, applies migrations, loads the bundled
// data, and serves the portal until SIGINT/SIGTERM.
#pragma once

#include "app/serve_settings.hpp"

namespace lmo::app {

// Returns the process exit code: 0 after a clean shutdown, 1 when start-up failed.
int run_serve(const ServeSettings& settings);

}  // namespace lmo::app
