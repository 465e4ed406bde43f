// Password hashing with argon2id (libsodium's crypto_pwhash_str: a random salt and the cost
// parameters are encoded in the result). Costs are libsodium's "interactive" limits, meant for
// logins; the encoded hash says which costs were used, so they can be raised later and old
// hashes still verify (needs_rehash tells when to re-hash at the next login).
#pragma once

#include <string>
#include <string_view>

namespace lmo::services {

class PasswordHasher {
 public:
  PasswordHasher();  // initialises libsodium; throws std::runtime_error when it cannot
  std::string hash(std::string_view password) const;
  bool verify(std::string_view encoded_hash, std::string_view password) const;
  bool needs_rehash(std::string_view encoded_hash) const;
  // Spends the time of one verification without a stored hash, so that an unknown user name
  // answers as slowly as a wrong password.
  void waste_time(std::string_view password) const;

 private:
  std::string dummy_hash_;
};

}  // namespace lmo::services
