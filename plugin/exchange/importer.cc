// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/importer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/flows.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "model/kind.h"
#include "store/jobs.h"
#include "store/received_files.h"
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

ImportOutcome import_file(db::Connection& conn, const db::FacilitySettings& facility,
                          const std::string& path, Folder folder, const ImportOptions& options) {
  ImportOutcome out;
  const std::string name(model::base_name(path));
  const model::FileName fname = model::classify_file_name(name);
  out.kind = model::kind_name(fname.kind);

  // Another program's file (the share is often shared): looked at by name only, left alone.
  if (std::string why = not_ours(conn, facility, folder, fname, name); !why.empty()) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = why;
    return out;
  }
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw Error("stat " + path + ": " + std::strerror(errno));
    out.reason = "gone";  // another engine took it, or the terminal withdrew it
    return out;
  }
  const auto age = std::chrono::system_clock::now() -
                   std::chrono::system_clock::time_point(
                       std::chrono::seconds(st.st_mtim.tv_sec) +
                       std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           std::chrono::nanoseconds(st.st_mtim.tv_nsec)));

  // Decode, parse, validate: every problem with the file becomes a refusal (or "not ready").
  // The file disposed of later is exactly this one: the entry looked at, or the handle read.
  FileIdentity read = file_identity(st);
  std::string bytes;
  std::optional<model::Document> doc;
  RefusalKind refusal{};
  std::string detail;   // the whole refusal text, as recorded (status shows it)
  std::string located;  // without the name and kind the engine's line already says
  std::string hash_hex;
  bool refused = false;
  std::optional<std::string> predecessor;  // the predecessor's code, when the file names it
  try {
    if (!S_ISREG(st.st_mode))  // a link, folder, fifo ...: refused unread, never followed
      throw RefusedError(RefusalKind::structure, name,
                         std::string("not a regular file (") + entry_kind_name(st.st_mode) +
                             "; not followed, not read)");
    struct stat opened;
    bytes = xml::read_file_bytes(path, model::kind_info(fname.kind).max_bytes, &opened);
    read = file_identity(opened);
    hash_hex = sha256_hex(bytes);
    if (fname.pdf && bytes.substr(0, 5) != "%PDF-")
      throw RefusedError(RefusalKind::structure, name, "named .pdf but the content is not a PDF");
    doc = xml::read_document(bytes, fname.kind, name);
    const std::string named = model::text_or_empty(doc->header.MedicalInstitutionCode);
    if (!doc->is_pdf && named != facility.institution_code) {
      // Succession: the predecessor's results are this facility's, recorded as named.
      if (facility.predecessor_code && named == *facility.predecessor_code)
        predecessor = named;
      else
        throw RefusedError(RefusalKind::inconsistent, name,
                           "MedicalInstitutionCode " + named + " is not this facility's (" +
                               facility.institution_code + ")");
    }
  } catch (const RefusedError& e) {
    refused = true;
    refusal = e.kind();
    detail = e.what();
    located = e.located_detail();
  }
  if (!refused && folder == Folder::res && !doc->is_pdf &&
      foreign_identifier(conn, facility, *doc, name)) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = "one of our request names, but another program's ArbitraryFileIdentifier";
    return out;
  }
  if (hash_hex.empty()) {
    // Unread (wrong name, too large, not a regular file): identify it by name, size and time.
    hash_hex =
        sha256_hex(name + "\n" + std::to_string(st.st_size) + "\n" +
                   std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
  }
  // Not ready is not bad (doc/decisions.md 12): an empty or cut file modified within the grace
  // period, either side of now (a modification time far in the future is no excuse: after the grace
  // it is refused like any other), and a file that grew past the limit while it was read (it
  // was within the limit when looked at).
  const bool recent = age < options.not_ready_grace && age > -options.not_ready_grace;
  const bool grew =
      refused && refusal == RefusalKind::too_large && fname.kind != MessageKind::unknown &&
      static_cast<unsigned long long>(st.st_size) <= model::kind_info(fname.kind).max_bytes;
  if (refused &&
      (((refusal == RefusalKind::empty || refusal == RefusalKind::malformed) && recent) || grew)) {
    out.reason = refusal_kind_name(refusal);
    out.detail = (grew ? "grew while it was read; looked at again later: "
                       : "recently modified; looked at again later: ") +
                 detail;
    return out;
  }

  db::Transaction tx(conn);
  // The job this file answers, found (and locked) before the claim so that the received-file
  // row is written once, in its final state; a duplicate rolls all of it back.
  JobRef job;
  if (!refused && folder == Folder::res)  // a card check-in (face/) answers no request
    job = answer_job(conn, facility.hospnum, *doc, name);
  out.job_id = job.job_id;
  store::ReceivedFile claim;
  claim.hospnum = facility.hospnum;
  claim.folder = folder_name(folder);
  claim.file_name = recorded_name(name);
  claim.sha256 = digest_bytes(hash_hex);
  claim.size_bytes = read.size;
  if (fname.kind != MessageKind::unknown) claim.kind = out.kind;
  claim.state = refused ? "refused" : "imported";
  if (refused) {
    claim.refusal = refusal_kind_name(refusal);
    // The refusal text holds the name and may hold text of the file: made valid UTF-8 (the
    // database refuses anything else) without control characters (status shows it).
    claim.error = log::escape_line(detail);
  }
  if (options.archive_raw && !bytes.empty()) claim.raw = bytes;
  if (job.job_id) claim.job_id = job.job_id;
  claim.predecessor_code = predecessor;
  // Identical bytes are one event (sql/0010): card check-ins, answers with our identifier.
  claim.once_per_content =
      !refused && (folder == Folder::face ||
                   !model::text_or_empty(doc->header.ArbitraryFileIdentifier).empty());
  const std::optional<long long> file_id = store::claim_received_file(conn, claim);

  if (!file_id) {
    // Committed before (by us before a crash, or by another engine), or the same content was
    // imported under another name (the terminal sent it again): only dispose of the file.
    const std::optional<store::EarlierFile> prev =
        store::find_earlier_file(conn, facility.hospnum, claim.file_name, claim.sha256);
    tx.rollback();
    out.state = ImportState::duplicate;
    if (prev) {
      out.file_id = prev->file_id;
      if (prev->state == "refused") {
        out.moved_to = quarantine(path, facility, folder, options, read, out);
      } else {
        out.moved_to = dispose(facility, folder, path, read, out);
      }
      if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
    }
    return out;
  }
  out.file_id = *file_id;

  if (refused) {
    tx.commit();
    out.state = ImportState::refused;
    out.reason = refusal_kind_name(refusal);
    out.detail = located;
    out.moved_to = quarantine(path, facility, folder, options, read, out);
    if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
    return out;
  }

  // The kind's own work (flows.h): the rows it stores, the bookkeeping of its flow.
  if (const Flow* flow = flow_of_result(fname.kind)) {
    const StoredRows rows = flow->handle(conn, ResultFile{facility, fname.kind, *doc, name, bytes,
                                                          out.file_id, job.job_id, job.ptid});
    out.confirmations += rows.confirmations;
    out.linked += rows.linked;
  }
  tx.commit();

  out.state = ImportState::imported;
  out.moved_to = dispose(facility, folder, path, read, out);
  if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
  return out;
}

}  // namespace onshi::exchange
