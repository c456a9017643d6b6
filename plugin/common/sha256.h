// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// SHA-256 (FIPS 180-4) of a byte string: the content hash that makes a re-import a no-op.

#include <string>
#include <string_view>

namespace onshi {

/// Lower-case hex SHA-256 digest of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace onshi
