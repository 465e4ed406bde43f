// The one exception type the store layer throws: a database could not be opened, migrated,
// read or written. Services catch it at their boundary; it never reaches a client as text.
#pragma once

#include <stdexcept>
#include <string>

namespace lmo::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace lmo::store
