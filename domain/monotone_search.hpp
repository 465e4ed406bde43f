// first_satisfying: the smallest whole number in [first, last] for which a monotone predicate
// (false … false true … true) holds, by galloping up from `first` and then bisecting, so that
// an answer near `first` costs few evaluations and any answer at most 2·log2(range) of them.
// Used to find the fewest pools that meet a risk.
#pragma once

#include <optional>

namespace lmo::domain {

template <class Predicate>
std::optional<long long> first_satisfying(long long first, long long last, Predicate holds) {
  if (first > last) return std::nullopt;
  if (holds(first)) return first;
  long long fails = first;  // holds(fails) is false
  long long passes = 0;     // holds(passes) is true, once found
  for (long long step = 1;; step *= 2) {
    if (step >= last - fails) {
      if (!holds(last)) return std::nullopt;
      passes = last;
      break;
    }
    if (holds(fails + step)) {
      passes = fails + step;
      break;
    }
    fails += step;
  }
  while (passes - fails > 1) {
    long long middle = fails + (passes - fails) / 2;
    (holds(middle) ? passes : fails) = middle;
  }
  return passes;
}

}  // namespace lmo::domain
