// GM content as laboratories report it: 100 × event copies / taxon reference copies (copy-number
// ratio, in per cent). Used by the qPCR and digital PCR quantifications alike.
#pragma once

#include "domain/field_error.hpp"

namespace lmo::domain {

// event_copies ≥ 0 and finite; reference_copies > 0 and finite (fields "event_copies",
// "reference_copies").
Checked<double> gm_percent(double event_copies, double reference_copies);

}  // namespace lmo::domain
