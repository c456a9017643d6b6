// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/sha256.h"

#include <openssl/err.h>
#include <openssl/evp.h>

namespace onshi {
namespace {

/// Throws the oldest queued libcrypto error (and clears the thread's queue: the next caller
/// must not see this one).
[[noreturn]] void fail(const char* what) {
  std::string text = std::string("SHA-256: ") + what;
  if (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    text += std::string(": ") + buf;
  }
  ERR_clear_error();
  throw CryptoError(text);
}

}  // namespace

void Sha256::Free::operator()(evp_md_ctx_st* ctx) const noexcept {
  EVP_MD_CTX_free(ctx);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) fail("EVP_MD_CTX_new failed");
  if (EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) fail("EVP_DigestInit_ex failed");
}

Sha256& Sha256::update(std::string_view bytes) {
  if (finished_) throw CryptoError("SHA-256: update after the digest was taken");
  if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1)
    fail("EVP_DigestUpdate failed");
  return *this;
}

std::string Sha256::digest() {
  if (finished_) throw CryptoError("SHA-256: the digest was taken already");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), md, &len) != 1) fail("EVP_DigestFinal_ex failed");
  finished_ = true;
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string Sha256::hex_digest() {
  static const char kHex[] = "0123456789abcdef";
  const std::string raw = digest();
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  return Sha256().update(bytes).hex_digest();
}

}  // namespace onshi
