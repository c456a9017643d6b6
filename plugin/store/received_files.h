// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The received files (onshi_received_file): the importer's claim of a file (name + content
/// hash), the look-up of an earlier claim, the marks that a file left the share, and the last
/// files `onshi-admin status` shows.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"

namespace onshi::store {

/// One onshi_received_file row as the importer claims it.
struct ReceivedFile {
  int hospnum = 0;
  std::string folder;     ///< res | face
  std::string file_name;  ///< as recorded (escaped)
  std::string sha256;     ///< the 32 raw bytes of the content digest
  long long size_bytes = 0;
  std::optional<std::string> kind;
  std::string state;  ///< imported | refused
  std::optional<std::string> refusal, error;
  /// The archived bytes, not copied: they must outlive the claim (a large file held once).
  std::optional<std::string_view> raw;
  std::optional<long long> job_id;
  bool once_per_content = false;  ///< identical bytes are one event (sql/0010)
  /// The predecessor's institution code the file named (succession, sql/0013); nullopt: the
  /// facility's own code (or a PDF, which names none)
  std::optional<std::string> predecessor_code;
};

/// Archived bytes above this size go to the server in pieces of this size (claim_received_file()).
constexpr std::size_t kRawPiece = 1 << 20;

/// Inserts the row unless this name+content (or this content, imported once per content) is
/// known. `raw` over kRawPiece bytes is sent in pieces of kRawPiece, staged in a large object of
/// the transaction (lo_from_bytea, lo_put; read into the row with lo_get and unlinked at once),
/// so that libpq never holds a copy of a large file. @return the new file_id, nullopt when the
/// file was claimed before
std::optional<long long> claim_received_file(db::Connection& conn, const ReceivedFile& f);

/// A claim_received_file() that is sent with the connection's next statement (in its round
/// trip: e.g. a handler's first lookups) instead of in a round trip of its own.
class DeferredClaim {
 public:
  explicit DeferredClaim(db::Connection::ResultSlot slot) : slot_(std::move(slot)) {}
  /// The new file_id, nullopt when the file was claimed before (as claim_received_file()); sends
  /// the claim first when it has not gone yet. @throws db::DbError (the claim's own failure too)
  std::optional<long long> file_id(db::Connection& conn) const;

 private:
  db::Connection::ResultSlot slot_;
};

/// Defers the claim of `f` (its bytes are copied) when they go in one statement (at most
/// kRawPiece); nullopt for a larger file: claim it with claim_received_file().
std::optional<DeferredClaim> defer_claim_received_file(db::Connection& conn, const ReceivedFile& f);

/// The earlier claim of a file (by name and content, else the same content imported once per
/// content).
struct EarlierFile {
  long long file_id = 0;
  std::string state;
};
std::optional<EarlierFile> find_earlier_file(db::Connection& conn, int hospnum,
                                             const std::string& file_name,
                                             const std::string& sha256);

/// Records the EMR copy written for a received file (onshi_received_file.emr_path; the retention
/// purge deletes it with the file's row). Inside the importer's transaction.
void record_emr_copy(db::Connection& conn, long long file_id, const std::string& path);

/// A file that left the share: its row and, when it was moved (quarantine, move policy), the copy
/// on the host (onshi_received_file.archive_path; the retention purge deletes it).
struct RemovalMark {
  long long file_id = 0;
  std::string host_copy;  ///< absolute path, "" when the file was deleted
};

/// Records that the files left the share, in a transaction of their own that does not wait
/// for the disk (synchronous_commit off). Must be called outside any transaction; a failure
/// rolls that transaction back and is rethrown.
void mark_removed_from_share(db::Connection& conn, const std::vector<RemovalMark>& marks);

/// A received file as `onshi-admin status` lists it.
struct RecentFile {
  std::string received_at;  ///< YYYY-MM-DD HH:MM:SS
  std::string folder, state, file_name;
};
/// The facility's last five received files, newest first.
std::vector<RecentFile> recent_files(db::Connection& conn, int hospnum);

}  // namespace onshi::store
