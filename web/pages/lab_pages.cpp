#include "web/pages/lab_pages.hpp"

#include <functional>

#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/lab_page_support.hpp"
#include "web/pages/lab_tool_pages.hpp"

namespace lmo::web {

namespace {

using PageData = std::function<TemplateData(const WebContext&, const std::string&, const QueryParams&, bool&)>;

// The page /{lang}/lab/<slug> for a form (a GET query or a POST body); a result that was
// computed gets a printer-friendly link (GET forms only: the query holds the inputs).
Response tool_page(const WebContext& ctx, Request& request, const std::string& slug, const PageData& page_data,
                   const QueryParams& form, bool linkable) {
  std::string lang(request.param("lang"));
  if (!ctx.catalogs.supports(lang) || !ctx.lab) return error_response(ctx, request, 404, "no such page");
  bool failed = false;
  TemplateData data = page_data(ctx, lang, form, failed);
  keep_values(data, form);
  if (linkable && form.has("tool") && !failed) {
    data.set("print_href", "/" + lang + "/lab/" + slug + "?" + request.query + "&print=1");
  }
  return lab_page(ctx, lang, slug, "lab_" + slug, std::move(data), linkable && form.get("print") == "1",
                  failed ? kFormProblem : 200);
}

void add_get_page(Router& router, const WebContext& context, const std::string& slug, PageData page_data) {
  const WebContext* ctx = &context;
  router.add({"GET", "/{lang}/lab/" + slug, "lab." + slug, [ctx, slug, page_data](Request& request) {
    QueryError error;
    auto form = parse_query(request.query, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    return tool_page(*ctx, request, slug, page_data, *form, true);
  }});
}

}  // namespace

void add_lab_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  router.add({"GET", "/{lang}/lab", "lab.index", [ctx](Request& request) {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang) || !ctx->lab) return error_response(*ctx, request, 404, "no such page");
    return lab_page(*ctx, lang, "", "lab_index", TemplateData(), false, 200);
  }});
  add_get_page(router, context, "sampling", sampling_page_data);
  add_get_page(router, context, "estimate", estimate_page_data);
  add_get_page(router, context, "quantify", quantify_page_data);

  // The matrix forms are posted: a laboratory's own matrix may be a long CSV text.
  router.add({"GET", "/{lang}/lab/matrix", "lab.matrix", [ctx](Request& request) {
    return tool_page(*ctx, request, "matrix", matrix_page_data, QueryParams{}, false);
  }});
  Route post{"POST", "/{lang}/lab/matrix", "lab.matrix.result", [ctx](Request& request) {
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    return tool_page(*ctx, request, "matrix", matrix_page_data, *form, false);
  }};
  post.body_limit = 4 * 1024 * 1024;
  router.add(std::move(post));
}

}  // namespace lmo::web
