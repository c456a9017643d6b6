// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Importing result files from the terminal share (res/ or face/), exactly once: the received
/// file (hash, raw bytes), the parsed result, confirmation rows, consents, certificates, the job
/// it answers and the host updates are written in ONE transaction; only after commit is the file
/// removed from the share (or moved, per facility). Refused files are moved to a quarantine
/// folder on the host and recorded with their reason. A crash at any point leaves either the file
/// in place (a re-run imports it once) or the data committed (a re-run only disposes the file).
///
/// When several files wait, import_files() commits a group of them in one transaction (the
/// server's disk flush per commit is what limits a backlog): each file's rows in a savepoint of
/// their own, so that a file whose statements fail is rolled back alone and the others commit;
/// every file of the group is disposed of only after the commit. The group is bounded by count
/// and by time, and a lone file goes in at once.
///
/// What a result kind stores is its flow's handler, looked up in the table of flows (flows.h);
/// the importer itself does the same for every kind: the file checks, the job the result
/// answers, the transaction and the disposal.

#include <chrono>
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include "db/facility.h"
#include "store/received_files.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Which share folder a file came from.
enum class Folder { res, face };
const char* folder_name(Folder f);

/// Files taken off the share whose rows still lack `removed_from_share_at`. The mark is only
/// information (a lost mark means nothing but a harmless second disposal attempt), so an import
/// worker collects the marks and writes them in one transaction without waiting for the disk
/// (flush) instead of one transaction per file.
class RemovalMarks {
 public:
  /// `host_copy`: where the file went on the host (quarantine, move policy), "" when deleted.
  void add(long long file_id, std::string host_copy = "") {
    marks_.push_back({file_id, std::move(host_copy)});
  }
  bool empty() const { return marks_.empty(); }
  std::size_t size() const { return marks_.size(); }
  /// Writes the marks collected so far (and forgets them, even when the statement fails).
  /// @throws db::DbError
  void flush(db::Connection& conn);

 private:
  std::vector<store::RemovalMark> marks_;
};

/// Engine-wide import settings (not per facility).
struct ImportOptions {
  /// Host folder for refused files, never on the terminal. One subfolder per hospnum is used.
  std::string quarantine_dir;
  /// An empty or not-well-formed file modified less than this long ago is left for a later look
  /// (the link software may still be writing it) instead of being refused (doc/decisions.md 12).
  std::chrono::milliseconds not_ready_grace{3000};
  /// Keep the raw bytes in onshi_received_file.raw (the clinic's own copy of what came back).
  bool archive_raw = true;
  /// Where to collect the removal marks; null: each file's mark is written at once.
  RemovalMarks* removal_marks = nullptr;
  /// import_files(): at most this many files in one transaction ...
  std::size_t group_max_files = 32;
  /// ... and no further file added to a transaction that has been open this long ...
  std::chrono::milliseconds group_max_time{50};
  /// ... or once the files read for it hold this many bytes (each is held with its parsed
  /// document until the commit: a big bulk result goes with no file after it).
  std::size_t group_max_bytes = 4u << 20;
  /// A bulk pre-check answer (streams_bulk_units()) larger than this is read without keeping
  /// its units: checked one by one and dropped, then read again one by one while they are
  /// stored (flows.h, for_each_bulk_unit()). The parsed units of a 64 MiB answer take about
  /// twice its bytes; so only the bytes are held. 0: every such answer.
  std::size_t stream_units_over = 8u << 20;
};

enum class ImportState {
  imported,   ///< committed now
  duplicate,  ///< this name+content, or this content under another name, was committed before:
              ///< only disposed of now
  refused,    ///< recorded and moved to quarantine
  not_ready,  ///< left in place for a later look; nothing recorded
  foreign,    ///< another program's file on a shared share (an answer to a request we did not
              ///< write, a name of no result kind): never read, moved, removed or quarantined;
              ///< nothing recorded
};
const char* import_state_name(ImportState s);

/// What happened to one file.
struct ImportOutcome {
  ImportState state = ImportState::not_ready;
  long long file_id = 0;  ///< onshi_received_file row (0 for not_ready)
  std::string kind;       ///< message kind name, "unknown" when the name matched none
  std::string reason;     ///< refusal kind or the reason it is not ready
  std::string detail;     ///< human-readable detail (file names and element paths only)
  std::string moved_to;   ///< quarantine or move destination ("" when removed or left)
  int confirmations = 0;  ///< confirmation rows written
  int linked = 0;         ///< of which linked to a patient
  long long job_id = 0;   ///< the request this file answered (0 = none)
  /// Another file took the name while this one was imported (renamed over it, rewritten in
  /// place): the new file was left on the share for the next look, untouched.
  bool replaced = false;
  /// The facility leaves face/ files for another program (face_files = leave): the file was
  /// recorded (imported, refused or seen before) and stays where it is.
  bool left = false;
};

/// Imports the file at `path` for `facility`. Database errors propagate (the file stays in place
/// and the caller retries later); every problem with the file itself is an outcome.
///
/// The share may be read by other programs too. In res/ only answers to requests we wrote are
/// ours (the request name, req_ for res_, recorded when we wrote it; and when the answer
/// carries an ArbitraryFileIdentifier, ours); anything else there, and a name of no result kind
/// in either folder, is `foreign`: looked at by name (and, for a name of ours, by header) only.
/// @throws db::DbError, onshi::Error for I/O failures other than a vanished file
ImportOutcome import_file(db::Connection& conn, const db::FacilitySettings& facility,
                          const std::string& path, Folder folder, const ImportOptions& options);

/// One file for import_files(), and what became of it.
struct FileToImport {
  const db::FacilitySettings* facility = nullptr;  ///< not owned; outlives the call
  std::string path;
  Folder folder = Folder::res;
  /// Set when the file was dealt with (`error` is null).
  ImportOutcome outcome;
  /// Set when it could not be: a db::DbError (a failed statement, rolled back with its savepoint;
  /// or a broken connection, which fails every file not yet committed) or another exception (an
  /// I/O error). The file stays on the share; nothing of it was committed, unless the error came
  /// after the commit, while the file was disposed of (then a re-run only disposes of it).
  std::exception_ptr error;
  /// The file was committed in one transaction together with other files.
  bool grouped = false;
};

/// Imports `files` (in this order) in as few transactions as the group limits of `options`
/// allow, as import_file() would import each. Never throws for one file's problem: each file's
/// outcome or error is in its entry. A file that met a deadlock or serialization failure inside a
/// group is imported again on its own after the group's commit; when a group's COMMIT fails (and
/// the connection is still good), its files are imported again one transaction each, so that one
/// file cannot keep the others out.
void import_files(db::Connection& conn, std::vector<FileToImport>& files,
                  const ImportOptions& options);

}  // namespace onshi::exchange
