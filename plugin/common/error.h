// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The typed exception hierarchy used inside the core library. Nothing here crosses the C ABI:
/// `extern "C"` entry points catch everything and return a status (exceptions inside, status
/// codes at the edge).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace onshi {

/// Base of every error the core library throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Why a file from the terminal was refused. Stable names, used in logs and the database.
enum class RefusalKind {
  too_large,     ///< over the configured size limit, refused before parsing
  empty,         ///< zero bytes (the writer may still be busy)
  encoding,      ///< undecodable bytes or unsupported/unknown encoding
  inconsistent,  ///< declaration, CharacterCodeIdentifier and bytes disagree
  forbidden,     ///< DOCTYPE / entity declarations: never legitimate here
  malformed,     ///< not well-formed XML (truncated, not XML at all)
  limit,         ///< nesting depth or element-count limit exceeded
  structure,     ///< wrong root element or missing top-level block
  invalid,       ///< a field fails validation (code, date, length, required)
  unknown_kind,  ///< the file name matches no known message kind
};

/// Name of a refusal kind, e.g. "encoding".
const char* refusal_kind_name(RefusalKind kind);

/// A file (or in-memory document) that cannot be accepted. Carries where it went wrong.
class RefusedError : public Error {
 public:
  /// @param kind category of the refusal
  /// @param file file name or label of the input ("" when unknown)
  /// @param detail human-readable reason (element names, values)
  /// @param offset byte offset in the input where the problem was found, or npos
  RefusedError(RefusalKind kind, std::string file, std::string detail, std::size_t offset = npos);

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  RefusalKind kind() const noexcept { return kind_; }
  const std::string& file() const noexcept { return file_; }
  const std::string& detail() const noexcept { return detail_; }
  std::size_t offset() const noexcept { return offset_; }
  /// The detail with its place and nothing a caller's own line already says (the file name, the
  /// refusal kind): "<detail> (byte offset N)", or the detail alone when the offset is unknown.
  std::string located_detail() const;

 private:
  RefusalKind kind_;
  std::string file_;
  std::string detail_;
  std::size_t offset_;
};

/// A field failed validation; names the element path (e.g. "Results[0].Birthdate").
class ValidationError : public Error {
 public:
  ValidationError(std::string element, std::string detail);
  const std::string& element() const noexcept { return element_; }

 private:
  std::string element_;
};

/// A value cannot be written in the requested output encoding or form.
class EncodeError : public Error {
 public:
  using Error::Error;
};

}  // namespace onshi
