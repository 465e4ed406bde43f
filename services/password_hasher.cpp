#include "services/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

namespace lmo::services {

PasswordHasher::PasswordHasher() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  dummy_hash_ = hash("not a password of anyone");
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool PasswordHasher::verify(std::string_view encoded_hash, std::string_view password) const {
  std::string stored(encoded_hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view encoded_hash) const {
  std::string stored(encoded_hash);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void PasswordHasher::waste_time(std::string_view password) const { (void)verify(dummy_hash_, password); }

}  // namespace lmo::services
