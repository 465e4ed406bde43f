// Secret tokens (sessions, CSRF, API tokens): 256 random bits as URL-safe base64 (43
// characters), their one-way hash for storage (BLAKE2b-256, hex), and a constant-time
// comparison. libsodium underneath.
#pragma once

#include <string>

namespace lmo::services {

std::string random_token();
std::string token_hash(const std::string& token);
bool same_token(const std::string& a, const std::string& b);

}  // namespace lmo::services
