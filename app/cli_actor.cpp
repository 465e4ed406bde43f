#include "app/cli_actor.hpp"

#include <pwd.h>
#include <unistd.h>

namespace lmo::app {

services::Actor cli_actor() {
  const passwd* entry = getpwuid(getuid());
  return {std::string("cli:") + (entry ? entry->pw_name : std::to_string(getuid())), "local", ""};
}

}  // namespace lmo::app
