// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Hardened reader: exchange-file bytes -> typed Document. Streams through libxml2's SAX2
/// interface into the element tables (no DOM), so count and depth limits stop hostile files early.
/// No DTD, no entities, no network; DOCTYPE is refused on sight (doc/decisions.md 11).

#include <sys/stat.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "common/file_identity.h"
#include "model/messages.h"

namespace onshi::xml {

/// Receives the items of a document's streamed list one at a time (ReadOptions::items).
class ItemSink {
 public:
  virtual ~ItemSink() = default;
  /// One complete item of `list` (a struct of `list.child`), `index` counting from 0 in
  /// document order; it is gone after the call. An exception stops the read and is rethrown.
  virtual void item(const model::FieldDef& list, const void* item, std::size_t index) = 0;
};

/// A sink that drops every item (they are still checked by the read): a first read that only
/// decides whether a file is accepted, holding one item at a time.
class DropItems : public ItemSink {
 public:
  void item(const model::FieldDef&, const void*, std::size_t) override {}
};

/// Limits and switches for one read.
struct ReadOptions {
  std::size_t max_bytes = 0;   ///< 0 = the kind's default (16 MiB, 64 MiB for bulk results)
  std::size_t max_depth = 32;  ///< element nesting limit
  bool validate = true;        ///< run model::validate() after parsing
  /// When set, the items of the kind's streamed list (streamed_list(): the bulk units, a single
  /// answer's results) are handed here as each closes and not kept: the document comes back
  /// without them, and memory holds one item whatever their number. Limits, validation and
  /// every refusal are exactly those of a read that keeps them; a refused file may have handed
  /// on items before the refusal, so a sink keeps what it got until the read returned.
  ItemSink* items = nullptr;
};

/// The list of `kind`'s body whose items ReadOptions::items receives (the list shown at the top
/// level of the JSON view), or nullptr when the kind has none.
const model::FieldDef* streamed_list(model::MessageKind kind);

/// Initialises libxml2's global state. Call once on the main thread before documents are read on
/// several threads (libxml2's rule); harmless to call again.
void initialize();

/// libxml2 parser options used for every exchange file (also by the benchmark baseline).
int parser_options();

/// Reads a document of a known kind from memory. `label` names the input in errors.
/// @throws RefusedError for every reason a file is refused (kind and byte offset included)
model::Document read_document(std::string_view bytes, model::MessageKind kind,
                              std::string_view label, const ReadOptions& options = {});

/// Reads a file from disk: the kind comes from the file name (classify_file_name); the size limit
/// is checked with fstat before reading; symlinks are not followed. `bytes`, when given, receives
/// the file's bytes (for a second read; otherwise they are released before the call returns).
/// @throws RefusedError (also for unreadable files, with the OS reason)
model::Document read_file(const std::string& path, const ReadOptions& options = {},
                          std::string* bytes = nullptr);

/// Reads at most `max_bytes` of a regular file without following symlinks (Windows: reparse
/// points). `opened`, when given, receives the identity of the opened handle taken after the
/// read: which file was read (Linux: st_dev, st_ino; Windows: volume serial number and file
/// index), in which state (size, modification time). A file whose size or modification time
/// changed while it was read (rewritten in place) is refused like one that grew: too_large,
/// "changed while being read". Linux: here (reader.cc); Windows: read_file_win.cc.
/// @throws RefusedError too_large / empty, onshi::Error for OS errors
std::string read_file_bytes(const std::string& path, std::size_t max_bytes,
                            FileIdentity* opened = nullptr);

}  // namespace onshi::xml
