// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host database's character encoding. ORCA's databases are EUC-JP by default; everything in
/// onshi-link is UTF-8. The connection converts on our side (ICU), so that a value the host's
/// encoding cannot hold (a JIS X 0213 kanji such as U+20BB7 in a returned name) never fails a
/// statement: each such character is written as U+3013 GETA MARK, the JIS mark for a character
/// that cannot be represented, and counted, so that callers can flag the value for staff and keep
/// the exact text elsewhere (our bytea copies).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace onshi::text {

/// Converts between UTF-8 and one server encoding. Not thread-safe (one per connection).
class HostCodec {
 public:
  /// `pg_encoding` is PostgreSQL's name (server_encoding: "UTF8", "EUC_JP", ...). Encodings we do
  /// not convert ourselves (UTF8, SQL_ASCII, and those ICU does not know) give an identity codec.
  explicit HostCodec(const std::string& pg_encoding);
  ~HostCodec();
  HostCodec(const HostCodec&) = delete;
  HostCodec& operator=(const HostCodec&) = delete;

  /// True when no conversion happens (the client encoding stays UTF8).
  bool identity() const { return !conv_; }
  /// PostgreSQL's name of the encoding the connection must use as client_encoding.
  const std::string& client_encoding() const { return client_encoding_; }

  /// UTF-8 -> host bytes; every character the host cannot hold becomes U+3013 (counted in
  /// `*substituted` when given). Invalid UTF-8 sequences are substituted too.
  std::string to_host(std::string_view utf8, std::size_t* substituted = nullptr);
  /// Host bytes -> UTF-8 (undecodable bytes become U+FFFD).
  std::string from_host(std::string_view bytes);
  /// True when every character of `utf8` can be stored unchanged.
  bool representable(std::string_view utf8);

 private:
  struct Converter;
  std::unique_ptr<Converter> conv_;
  std::string client_encoding_ = "UTF8";
};

}  // namespace onshi::text
