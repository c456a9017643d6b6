// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// SHA-256 (FIPS 180-4) of a byte string: the content hash that makes a re-import a no-op.
/// A thin wrapper over libcrypto's EVP interface (OpenSSL 3; libpq links it already).

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

struct evp_md_ctx_st;

namespace onshi {

/// libcrypto refused an operation (out of memory, a provider without SHA-256); carries
/// OpenSSL's error text.
class CryptoError : public Error {
 public:
  using Error::Error;
};

/// An incremental SHA-256: update() any number of times, then digest() or hex_digest() once.
/// Owns its EVP_MD_CTX. @throws CryptoError from every member when libcrypto fails.
class Sha256 {
 public:
  Sha256();
  Sha256(Sha256&&) noexcept = default;
  Sha256& operator=(Sha256&&) noexcept = default;
  ~Sha256() = default;

  /// Adds `bytes` to the hashed input.
  Sha256& update(std::string_view bytes);
  /// The 32 raw bytes of the digest; ends the computation (update() afterwards throws).
  std::string digest();
  /// digest() as 64 lower-case hex characters.
  std::string hex_digest();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const noexcept;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
  bool finished_ = false;
};

/// Lower-case hex SHA-256 digest of `bytes` (64 characters). @throws CryptoError
std::string sha256_hex(std::string_view bytes);

}  // namespace onshi
