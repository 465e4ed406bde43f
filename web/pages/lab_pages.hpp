// Laboratory tools pages (/{lang}/lab/...): sampling plans (evaluate a plan with its
// operating-characteristic chart, find the cheapest plans, seeds needed), estimation from
// pooled results, screening-matrix interpretation and panel design (with its coverage chart),
// and quantification (qPCR standard curve chart, digital PCR, compliance decision). Every
// form is read as the tool's JSON request and answered by the same service as the API; the
// results print (`print=1` gives the printer-friendly view of a GET result).
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_lab_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
