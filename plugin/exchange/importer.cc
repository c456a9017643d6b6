// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/importer.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "common/sha256.h"
#include "common/stat_time.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/flows.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "model/kind.h"
#include "store/jobs.h"
#include "store/notices.h"
#include "store/received_files.h"
#include "store/statistics.h"
#include "text/encoding.h"
#include "xml/reader.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;

/// Hex digest -> the 32 raw bytes the table stores.
std::string digest_bytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

struct JobRef {
  long long job_id = 0;
  std::optional<long long> ptid;
};

/// Finds (and locks) the job a result answers and marks it answered.
JobRef answer_job(db::Connection& conn, int hospnum, const model::Document& doc,
                  const std::string& file_name) {
  const std::string afi = model::text_or_empty(doc.header.ArbitraryFileIdentifier);
  // Our own correlation key of this facility names the job ("onshi-<hospnum>-<job_id>-<n>").
  const std::optional<CorrelationKey> key = parse_correlation_key(afi);
  const std::optional<store::AnsweredJob> job = store::find_job_for_answer(
      conn, hospnum, afi, model::request_file_name_for(file_name).value_or(""),
      key && key->hospnum == hospnum ? key->job_id : 0);
  JobRef ref;
  if (!job) return ref;
  ref.job_id = job->job_id;
  ref.ptid = job->ptid;
  // A late answer after a retry or a timeout still answers the job: nothing is thrown away.
  store::mark_answered(conn, ref.job_id);
  return ref;
}

/// The name as recorded: a hostile name (backslash, control characters, bytes that are not
/// UTF-8, e.g. a Shift_JIS name) is escaped as %XX so that it can be stored (the database
/// refuses invalid UTF-8) and shown, never interpreted.
std::string recorded_name(const std::string& name) {
  const bool utf8 = text::find_invalid_utf8(name) == std::string_view::npos;
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '\\' || c == '%' || (!utf8 && u >= 0x80)) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  if (out.size() > 255) {  // never in the middle of a character
    std::size_t n = 255;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  return out;
}

bool folder_fits(Folder folder, MessageKind kind) {
  const model::KindInfo& info = model::kind_info(kind);
  if (kind == MessageKind::unknown || info.request) return false;
  return (folder == Folder::face) == (kind == MessageKind::OQSsiquc01res_face);
}

/// True when the facility leaves the files of `folder` for another program (face_files = leave).
bool leaves(const db::FacilitySettings& facility, Folder folder) {
  return folder == Folder::face && facility.face_files == "leave";
}

/// Why a file is another program's, or "" when it is ours to import: in res/, an answer to a
/// request we did not write; in either folder, a name of no result kind of that folder.
std::string not_ours(db::Connection& conn, const db::FacilitySettings& facility, Folder folder,
                     const model::FileName& fname, const std::string& name) {
  if (!folder_fits(folder, fname.kind))
    return fname.kind == MessageKind::unknown
               ? "the name matches no result kind"
               : std::string(model::kind_name(fname.kind)) + " does not belong in " +
                     folder_name(folder) + "/";
  if (folder == Folder::face) return {};
  if (!store::find_our_request(conn, facility.hospnum,
                               model::request_file_name_for(name).value_or("")))
    return "answers no request we wrote";
  return {};
}

/// An answer under one of our request names that carries another program's identifier (the
/// other program used the same name): not ours either.
bool foreign_identifier(db::Connection& conn, const db::FacilitySettings& facility,
                        const model::Document& doc, const std::string& name) {
  const std::string afi = model::text_or_empty(doc.header.ArbitraryFileIdentifier);
  if (afi.empty()) return false;
  if (const std::optional<CorrelationKey> key = parse_correlation_key(afi);
      key && key->hospnum == facility.hospnum)
    return false;
  const std::optional<store::OurRequest> ours = store::find_our_request(
      conn, facility.hospnum, model::request_file_name_for(name).value_or(""));
  return ours && ours->correlation_key && *ours->correlation_key != afi;
}

/// Moves a refused file to the facility's quarantine folder when it is still the file that was
/// looked at (`read`); @return the new path ("" when it was gone or replaced).
std::string quarantine(const std::string& path, const db::FacilitySettings& facility, Folder folder,
                       const ImportOptions& options, const FileIdentity& read, ImportOutcome& out) {
  if (leaves(facility, folder)) {
    out.left = true;
    return {};
  }
  const int hospnum = facility.hospnum;
  if (options.quarantine_dir.empty())
    throw Error("no quarantine folder configured: refused file " + path + " left in place");
  std::string moved;
  const Disposal d =
      move_file_if_same(path, options.quarantine_dir + "/" + std::to_string(hospnum), read, &moved);
  out.replaced = d == Disposal::replaced;
  return moved;
}

/// Removes or moves an imported file from the share per the facility's policy, when it is still
/// the file that was read; @return the host copy ("" when removed, gone or replaced).
std::string dispose(const db::FacilitySettings& facility, Folder folder, const std::string& path,
                    const FileIdentity& read, ImportOutcome& out) {
  if (leaves(facility, folder)) {
    out.left = true;
    return {};
  }
  std::string moved;
  const Disposal d = facility.after_import == "move" && facility.move_dir
                         ? move_file_if_same(path, *facility.move_dir, read, &moved)
                         : remove_file_if_same(path, read);
  out.replaced = d == Disposal::replaced;
  return moved;
}

/// Records that the file left the share: now, or with the next flush of the caller's marks.
void mark_removed(db::Connection& conn, long long file_id, const std::string& host_copy,
                  const ImportOptions& options) {
  if (options.removal_marks) {
    options.removal_marks->add(file_id, host_copy);
    return;
  }
  RemovalMarks marks;
  marks.add(file_id, host_copy);
  marks.flush(conn);
}

}  // namespace

void RemovalMarks::flush(db::Connection& conn) {
  if (marks_.empty()) return;
  std::vector<store::RemovalMark> marks;
  marks.swap(marks_);  // forgotten even when the statement fails
  store::mark_removed_from_share(conn, marks);
}

const char* folder_name(Folder f) {
  return f == Folder::face ? "face" : "res";
}

const char* import_state_name(ImportState s) {
  switch (s) {
    case ImportState::imported:
      return "imported";
    case ImportState::duplicate:
      return "duplicate";
    case ImportState::refused:
      return "refused";
    case ImportState::not_ready:
      return "not_ready";
    case ImportState::foreign:
      return "foreign";
  }
  return "?";
}

namespace {

/// One file on its way through import_files(): what was read before the transaction, and what
/// is left to do after the commit.
struct Staged {
  FileToImport* file = nullptr;
  std::string name;
  model::FileName fname;
  struct stat st {};
  FileIdentity read{};
  std::string bytes;
  std::optional<model::Document> doc;
  bool units_streamed = false;  // doc without its bulk units (ImportOptions::stream_units_over)
  bool refused = false;
  RefusalKind refusal{};
  std::string detail;   // the whole refusal text, as recorded (status shows it)
  std::string located;  // without the name and kind the engine's line already says
  std::string hash_hex;
  std::optional<std::string> predecessor;  // the predecessor's code, when the file names it
  /// After the commit: dispose of the file (imported, or a duplicate of an imported file),
  /// quarantine it (refused, or a duplicate of a refused file), or nothing.
  enum class After { nothing, dispose, quarantine } after = After::nothing;
  /// The file's outcome (or error) is final: its transaction committed, or it needed none.
  bool settled = false;
};

/// Before any transaction: the checks by name, the read, decode, parse and validation. @return
/// true when the file needs the transaction; false when its outcome is final (foreign, gone,
/// not ready). @throws db::DbError, onshi::Error
bool stage(db::Connection& conn, Staged& s, const ImportOptions& options) {
  FileToImport& f = *s.file;
  const db::FacilitySettings& facility = *f.facility;
  ImportOutcome& out = f.outcome;
  s.name = std::string(model::base_name(f.path));
  s.fname = model::classify_file_name(s.name);
  const std::string& name = s.name;
  const model::FileName& fname = s.fname;
  out.kind = model::kind_name(fname.kind);

  // Another program's file (the share is often shared): looked at by name only, left alone.
  if (std::string why = not_ours(conn, facility, f.folder, fname, name); !why.empty()) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = why;
    return false;
  }
  struct stat& st = s.st;
  if (::lstat(f.path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw Error("stat " + f.path + ": " + std::strerror(errno));
    out.reason = "gone";  // another engine took it, or the terminal withdrew it
    return false;
  }
  const auto age = std::chrono::system_clock::now() -
                   std::chrono::system_clock::time_point(
                       std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           std::chrono::nanoseconds(mtime_ns(st))));

  // Decode, parse, validate: every problem with the file becomes a refusal (or "not ready").
  // The file disposed of later is exactly this one: the entry looked at, or the handle read.
  s.read = file_identity(st);
  try {
    if (!S_ISREG(st.st_mode))  // a link, folder, fifo ...: refused unread, never followed
      throw RefusedError(RefusalKind::structure, name,
                         std::string("not a regular file (") + entry_kind_name(st.st_mode) +
                             "; not followed, not read)");
    s.bytes = xml::read_file_bytes(f.path, model::kind_info(fname.kind).max_bytes, &s.read);
    s.hash_hex = sha256_hex(s.bytes);
    if (fname.pdf && s.bytes.substr(0, 5) != "%PDF-")
      throw RefusedError(RefusalKind::structure, name, "named .pdf but the content is not a PDF");
    // A large bulk answer: its units checked one at a time and dropped (held again one at a
    // time while they are stored); the bytes are then the only copy of the file held.
    xml::DropItems drop;
    xml::ReadOptions read_options;
    s.units_streamed =
        exchange::streams_bulk_units(fname.kind) && s.bytes.size() > options.stream_units_over;
    if (s.units_streamed) read_options.items = &drop;
    s.doc = xml::read_document(s.bytes, fname.kind, name, read_options);
    s.units_streamed = s.units_streamed && !s.doc->is_pdf;
    const std::string named = model::text_or_empty(s.doc->header.MedicalInstitutionCode);
    if (!s.doc->is_pdf && named != facility.institution_code) {
      // Succession: the predecessor's results are this facility's, recorded as named.
      if (facility.predecessor_code && named == *facility.predecessor_code)
        s.predecessor = named;
      else
        throw RefusedError(RefusalKind::inconsistent, name,
                           "MedicalInstitutionCode " + named + " is not this facility's (" +
                               facility.institution_code + ")");
    }
  } catch (const RefusedError& e) {
    s.refused = true;
    s.refusal = e.kind();
    s.detail = e.what();
    s.located = e.located_detail();
  }
  if (!s.refused && f.folder == Folder::res && !s.doc->is_pdf &&
      foreign_identifier(conn, facility, *s.doc, name)) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = "one of our request names, but another program's ArbitraryFileIdentifier";
    return false;
  }
  if (s.hash_hex.empty()) {
    // Unread (wrong name, too large, not a regular file): identify it by name, size and time.
    const long long ns = mtime_ns(st);
    long long sec = ns / 1000000000LL, sub = ns % 1000000000LL;
    if (sub < 0) sub += 1000000000LL, --sec;  // st_mtim: tv_nsec is never negative
    s.hash_hex = sha256_hex(name + "\n" + std::to_string(st.st_size) + "\n" + std::to_string(sec) +
                            "." + std::to_string(sub));
  }
  // Not ready is not bad (doc/decisions.md 12): an empty or cut file modified within the grace
  // period, either side of now (a modification time far in the future is no excuse: after the grace
  // it is refused like any other), and a file that grew past the limit while it was read (it
  // was within the limit when looked at).
  const bool recent = age < options.not_ready_grace && age > -options.not_ready_grace;
  const bool grew =
      s.refused && s.refusal == RefusalKind::too_large && fname.kind != MessageKind::unknown &&
      static_cast<unsigned long long>(st.st_size) <= model::kind_info(fname.kind).max_bytes;
  if (s.refused &&
      (((s.refusal == RefusalKind::empty || s.refusal == RefusalKind::malformed) && recent) ||
       grew)) {
    out.reason = refusal_kind_name(s.refusal);
    out.detail = (grew ? "grew while it was read; looked at again later: "
                       : "recently modified; looked at again later: ") +
                 s.detail;
    return false;
  }
  return true;
}

/// Inside the transaction: the job the file answers, the received-file row, and the kind's own
/// rows. @return false when the file was committed before (or its content was, under another
/// name): the caller rolls back what this call wrote and only disposes of the file.
/// @throws db::DbError
bool store_rows(db::Connection& conn, Staged& s, const ImportOptions& options) {
  FileToImport& f = *s.file;
  const db::FacilitySettings& facility = *f.facility;
  ImportOutcome& out = f.outcome;
  // The job this file answers, found (and locked) before the claim so that the received-file
  // row is written once, in its final state; a duplicate rolls all of it back.
  JobRef job;
  if (!s.refused && f.folder == Folder::res)  // a card check-in (face/) answers no request
    job = answer_job(conn, facility.hospnum, *s.doc, s.name);
  out.job_id = job.job_id;
  store::ReceivedFile claim;
  claim.hospnum = facility.hospnum;
  claim.folder = folder_name(f.folder);
  claim.file_name = recorded_name(s.name);
  claim.sha256 = digest_bytes(s.hash_hex);
  claim.size_bytes = s.read.size;
  if (s.fname.kind != MessageKind::unknown) claim.kind = out.kind;
  claim.state = s.refused ? "refused" : "imported";
  if (s.refused) {
    claim.refusal = refusal_kind_name(s.refusal);
    // The refusal text holds the name and may hold text of the file: made valid UTF-8 (the
    // database refuses anything else) without control characters (status shows it).
    claim.error = log::escape_line(s.detail);
  }
  if (options.archive_raw && !s.bytes.empty()) claim.raw = s.bytes;
  if (job.job_id) claim.job_id = job.job_id;
  claim.predecessor_code = s.predecessor;
  // Identical bytes are one event (sql/0010): card check-ins, answers with our identifier.
  claim.once_per_content =
      !s.refused && (f.folder == Folder::face ||
                     !model::text_or_empty(s.doc->header.ArbitraryFileIdentifier).empty());
  // A card check-in's claim goes to the server with its handler's first statement (the patient
  // lookups), not in a round trip of its own; the handler asks for the row (ResultFile::file_id())
  // before its first write, and a duplicate stops it there (doc/decisions.md 20).
  std::optional<store::DeferredClaim> deferred;
  if (!s.refused && f.folder == Folder::face)
    deferred = store::defer_claim_received_file(conn, claim);
  std::optional<long long> file_id;
  if (!deferred) file_id = store::claim_received_file(conn, claim);

  // Committed before (by us before a crash, or by another engine; or by an earlier file of this
  // group), or the same content was imported under another name (the terminal sent it again):
  // only dispose of the file, like the earlier one. The caller rolls back what was written.
  auto duplicate = [&] {
    const std::optional<store::EarlierFile> prev =
        store::find_earlier_file(conn, facility.hospnum, claim.file_name, claim.sha256);
    out = ImportOutcome{};
    out.kind = model::kind_name(s.fname.kind);
    out.state = ImportState::duplicate;
    if (prev) {
      out.file_id = prev->file_id;
      s.after = prev->state == "refused" ? Staged::After::quarantine : Staged::After::dispose;
    }
    return false;
  };
  if (!deferred && !file_id) return duplicate();
  if (file_id) out.file_id = *file_id;

  if (s.refused) {
    out.state = ImportState::refused;
    out.reason = refusal_kind_name(s.refusal);
    out.detail = s.located;
    s.after = Staged::After::quarantine;
    // Staff should know (a result the terminal sent is lost): a notice, in this transaction.
    store::NewNotice n;
    n.hospnum = facility.hospnum;
    n.kind = "refused_file";
    n.file_id = out.file_id;
    if (job.job_id) n.job_id = job.job_id;
    n.subject = claim.file_name;
    n.detail = out.reason;
    store::add_notice(conn, n);
    return true;
  }

  // The deferred claim's answer (sent now if nothing has taken it yet); 0: claimed before.
  auto claimed = [&]() -> long long {
    if (!out.file_id && deferred) out.file_id = deferred->file_id(conn).value_or(0);
    return out.file_id;
  };
  // The kind's own work (flows.h): the rows it stores, the bookkeeping of its flow.
  if (const Flow* flow = flow_of_result(s.fname.kind)) {
    ResultFile file{facility, s.fname.kind, *s.doc,   s.name,          s.bytes,
                    {},       job.job_id,   job.ptid, s.units_streamed};
    file.claimed = [&] {
      const long long id = claimed();
      if (!id) throw AlreadyClaimed();
      return id;
    };
    try {
      const StoredRows rows = flow->handle(conn, file);
      out.confirmations += rows.confirmations;
      out.linked += rows.linked;
    } catch (const AlreadyClaimed&) {
      return duplicate();
    }
  }
  // A handler that never asked for the row (or caught AlreadyClaimed): the claim's answer now.
  if (!claimed()) return duplicate();
  out.state = ImportState::imported;
  s.after = Staged::After::dispose;
  return true;
}

/// After the commit: the file leaves the share (removed, moved, quarantined) and is marked so.
/// @throws onshi::Error, db::DbError (the marks, when written at once)
void after_commit(db::Connection& conn, Staged& s, const ImportOptions& options) {
  FileToImport& f = *s.file;
  ImportOutcome& out = f.outcome;
  if (s.after == Staged::After::nothing) return;
  out.moved_to = s.after == Staged::After::quarantine
                     ? quarantine(f.path, *f.facility, f.folder, options, s.read, out)
                     : dispose(*f.facility, f.folder, f.path, s.read, out);
  if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
}

/// True when `e` broke the connection (everything not committed is lost with it).
bool broken(const db::DbError& e, db::Connection& conn) {
  return db::connection_broken(e, &conn);
}

/// Forgets what store_rows() recorded for a file whose rows were rolled back.
void undone(Staged& s) {
  s.after = Staged::After::nothing;
  s.file->outcome = ImportOutcome{};
  s.file->outcome.kind = model::kind_name(s.fname.kind);
}

/// One transaction over `files[from..]`: as many files as the time limit allows (at least one).
/// A file of a group that met a deadlock or serialization failure goes to `again`; when the
/// COMMIT itself fails, the whole group does. @return the index after the last file taken.
/// @throws db::DbError when the connection broke (nothing of this transaction is committed)
std::size_t run_group(db::Connection& conn, const std::vector<Staged*>& files, std::size_t from,
                      const ImportOptions& options, std::vector<Staged*>& again) {
  const auto start = std::chrono::steady_clock::now();
  const bool savepoints = files.size() - from > 1;
  std::vector<Staged*> group;  // the files this transaction took
  std::size_t next = from;
  auto retry = [&](Staged* s) {
    undone(*s);
    if (std::find(again.begin(), again.end(), s) == again.end()) again.push_back(s);
  };
  try {
    db::Transaction tx(conn, db::Transaction::deferred_begin);  // BEGIN with the first statement
    bool rolled_back = false;
    bool held = false;  // the previous file's savepoint, released with the next one's start
    while (next < files.size() &&
           (group.empty() || std::chrono::steady_clock::now() - start < options.group_max_time)) {
      Staged& s = *files[next++];
      group.push_back(&s);
      if (!savepoints) {  // a lone file: the transaction is its savepoint
        if (!store_rows(conn, s, options)) {
          tx.rollback();
          rolled_back = true;
        }
        continue;
      }
      // Sent with the file's first statement, in its round trip (db::Connection::defer): the
      // previous file's savepoint is released (its rows stay in the transaction; COMMIT
      // releases the last one), this file's is set. A failure of either is thrown by that
      // first statement and the whole group is tried again, one file per transaction.
      if (held) conn.defer("RELEASE SAVEPOINT onshi_file");
      conn.defer("SAVEPOINT onshi_file");
      held = true;
      try {
        if (!store_rows(conn, s, options)) conn.exec("ROLLBACK TO SAVEPOINT onshi_file");
      } catch (const db::DbError& e) {
        // A failed SAVEPOINT or RELEASE (sent with the file's first statement): no rollback to
        // a savepoint that may be the previous file's; the group goes again, file by file.
        if (broken(e, conn) || conn.deferred_failed()) throw;
        conn.exec("ROLLBACK TO SAVEPOINT onshi_file");
        if (dynamic_cast<const db::TransactionRollback*>(&e)) {
          retry(&s);  // a lock conflict with another transaction: once more, alone
        } else {
          undone(s);
          s.file->error = std::current_exception();
        }
      } catch (const std::exception&) {  // not the database's: this file's rows are undone
        conn.exec("ROLLBACK TO SAVEPOINT onshi_file");
        undone(s);
        s.file->error = std::current_exception();
      }
    }
    if (!rolled_back) tx.commit();
  } catch (const db::DbError& e) {
    if (broken(e, conn)) throw;
    if (group.empty()) group.push_back(files[next++]);  // BEGIN itself failed: this file fails
    if (group.size() > 1) {  // the COMMIT failed: each file once more, in its own transaction
      for (Staged* s : group)
        if (!s->file->error) retry(s);
      return next;
    }
    undone(*group.front());
    group.front()->file->error = std::current_exception();
    return next;
  } catch (...) {  // a lone file's own failure: rolled back by the transaction
    if (group.empty()) group.push_back(files[next++]);
    undone(*group.front());
    group.front()->file->error = std::current_exception();
    return next;
  }
  for (Staged* s : group) {
    if (s->file->error || std::find(again.begin(), again.end(), s) != again.end()) continue;
    s->file->grouped = group.size() > 1;
    s->settled = true;
    try {
      after_commit(conn, *s, options);
    } catch (...) {  // committed; the file stays on the share (a re-run only disposes of it)
      s->file->error = std::current_exception();
    }
  }
  return next;
}

/// After a group: ANALYZEs our import tables that outgrew their statistics. Only advice to the
/// planner: another failure leaves it to the next group (or to autovacuum); a broken connection
/// is thrown (the files are settled; the caller's next statement would find it anyway).
void refresh_statistics(db::Connection& conn) {
  try {
    store::refresh_import_statistics(conn);
  } catch (const db::DbError& e) {
    if (broken(e, conn)) throw;
  }
}

}  // namespace

void import_files(db::Connection& conn, std::vector<FileToImport>& files,
                  const ImportOptions& options) {
  const std::size_t max_files = std::max<std::size_t>(options.group_max_files, 1);
  std::size_t chunk = 0;       // the first file of the files being read and written
  std::vector<Staged> staged;  // those files
  staged.reserve(max_files);   // never reallocated: `waiting` points into it
  try {
    while (chunk < files.size()) {
      // Read and check up to max_files files (fewer when their bytes reach group_max_bytes:
      // a big bulk result is read with the small files before it, never with more after it),
      // then write them in as few transactions as the time limit allows.
      staged.clear();
      std::size_t bytes = 0;
      std::vector<Staged*> waiting;
      while (chunk + staged.size() < files.size() && staged.size() < max_files &&
             bytes < options.group_max_bytes) {
        Staged& s = staged.emplace_back();
        s.file = &files[chunk + staged.size() - 1];
        try {
          if (stage(conn, s, options))
            waiting.push_back(&s);
          else
            s.settled = true;
        } catch (const db::DbError& e) {
          if (broken(e, conn)) throw;
          s.file->error = std::current_exception();
          s.settled = true;
        } catch (...) {
          s.file->error = std::current_exception();
          s.settled = true;
        }
        bytes += s.bytes.size();
      }
      std::vector<Staged*> again;
      for (std::size_t next = 0; next < waiting.size();)
        next = run_group(conn, waiting, next, options, again);
      std::vector<Staged*> retries;
      retries.swap(again);
      for (Staged* s : retries) {  // one transaction each (a lone file never adds to `again`)
        const std::vector<Staged*> alone{s};
        run_group(conn, alone, 0, options, again);
      }
      chunk += staged.size();
    }
    // A backlog grows our tables faster than autovacuum analyses them: plans cached from their
    // empty state would read whole tables for every file (store/statistics.h).
    if (files.size() > 1) refresh_statistics(conn);
  } catch (const db::DbError&) {
    // The connection broke: nothing more can be done on it, and what was not committed is not.
    // Every file of these and after that is not settled fails with it.
    for (std::size_t j = chunk; j < files.size(); ++j) {
      if (j - chunk < staged.size() && staged[j - chunk].settled) continue;
      files[j].outcome = ImportOutcome{};
      files[j].error = std::current_exception();
    }
  }
}

ImportOutcome import_file(db::Connection& conn, const db::FacilitySettings& facility,
                          const std::string& path, Folder folder, const ImportOptions& options) {
  std::vector<FileToImport> files(1);
  files[0].facility = &facility;
  files[0].path = path;
  files[0].folder = folder;
  import_files(conn, files, options);
  if (files[0].error) std::rethrow_exception(files[0].error);
  return std::move(files[0].outcome);
}

}  // namespace onshi::exchange
