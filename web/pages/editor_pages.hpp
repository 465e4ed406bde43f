// National record editing for editors and reviewers: /{lang}/editor (the drafts of their
// countries, a new draft — empty or from the published record), /{lang}/editor/drafts/{id}
// (the draft with its differences from the published record and the actions its status and
// the user's roles allow: save, submit, return with a comment, publish). Forms carry the
// session's CSRF token and the draft's version.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_editor_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
