// The laboratory tools' pages, one function per page: each reads the form that was sent (its
// `tool` field says which of the page's forms) as the tool's JSON request, calls the same
// service as the API and fills the page's template data — results, server-drawn charts, or
// the problem naming the field (then `failed` is true). Without a `tool`, the empty forms.
#pragma once

#include <string>

#include "web/http/query_params.hpp"
#include "web/templates/template_set.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

// Sampling plans: evaluate (OC chart), search (cheapest plans), seeds (and sample mass).
TemplateData sampling_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed);
// Estimation from pooled results: pooled (one event), stacked (two or three events).
TemplateData estimate_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed);
// Screening matrix: interpret (with the authorisation overlay), panel (coverage chart).
TemplateData matrix_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed);
// Quantification: qpcr (standard-curve chart), dpcr, decide (compliance with a threshold).
TemplateData quantify_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed);

}  // namespace lmo::web
