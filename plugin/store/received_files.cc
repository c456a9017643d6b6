// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/received_files.h"

#include "common/path.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "text/encoding.h"

namespace onshi::store {

namespace {

/// The claim; `raw_sql` is how the archived bytes enter the row ($10: the bytes, or the large
/// object they were staged in).
std::string claim_sql(const char* raw_sql) {
  return std::string(
             "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
             "size_bytes, kind, state, refusal, error, raw, job_id, once_per_content, "
             "predecessor_code, imported_at) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7::text, $8, $9, ") +
         raw_sql +
         ", $11, $12, $13, "
         "        CASE WHEN $7::text = 'imported' THEN now() END) "
         "ON CONFLICT DO NOTHING RETURNING file_id";  // this name+content, or this content imported
}

/// Stages `raw` in a new large object, kRawPiece bytes per statement. @return its oid
std::string stage_large_object(db::Connection& conn, std::string_view raw) {
  const std::string oid = conn.exec_prepared("SELECT lo_from_bytea(0, $1)",
                                             {db::Param::binary_view(raw.substr(0, kRawPiece))})
                              .text(0, 0);
  for (std::size_t at = kRawPiece; at < raw.size(); at += kRawPiece)
    conn.exec_prepared(
        "SELECT lo_put($1::oid, $2::bigint, $3)",
        {oid, static_cast<long long>(at), db::Param::binary_view(raw.substr(at, kRawPiece))});
  return oid;
}

/// The claim's parameters; $10 is `raw_param` (the bytes, or the large object's oid).
std::vector<db::Param> claim_params(const ReceivedFile& f, db::Param raw_param) {
  return {f.hospnum,
          f.folder,
          f.file_name,
          db::Param::binary(f.sha256),
          f.size_bytes,
          f.kind,
          f.state,
          f.refusal,
          f.error,
          std::move(raw_param),
          f.job_id ? db::Param(*f.job_id) : db::Param(),
          f.once_per_content,
          f.predecessor_code};
}

std::optional<long long> claimed_id(const db::Result& claim) {
  if (claim.rows() == 0) return std::nullopt;
  return claim.integer(0, claim.column("file_id"));
}
}  // namespace

std::optional<long long> claim_received_file(db::Connection& conn, const ReceivedFile& f) {
  // A large file goes to the server in pieces (a large object of this transaction, read into
  // the row by the INSERT and dropped after it): libpq copies each statement's parameters into
  // its output buffer, which would otherwise hold the whole file a second time.
  const bool staged = f.raw && f.raw->size() > kRawPiece;
  const std::string oid = staged ? stage_large_object(conn, *f.raw) : std::string();
  db::Result claim = conn.exec_prepared(claim_sql(staged ? "lo_get($10::oid)" : "$10"),
                                        claim_params(f, staged  ? db::Param(oid)
                                                        : f.raw ? db::Param::binary_view(*f.raw)
                                                                : db::Param()));
  if (staged) conn.exec_prepared("SELECT lo_unlink($1::oid)", {oid});
  return claimed_id(claim);
}

std::optional<DeferredClaim> defer_claim_received_file(db::Connection& conn,
                                                       const ReceivedFile& f) {
  if (f.raw && f.raw->size() > kRawPiece) return std::nullopt;
  return DeferredClaim(conn.defer_prepared_result(
      claim_sql("$10"), claim_params(f, f.raw ? db::Param::binary_view(*f.raw) : db::Param())));
}

std::optional<long long> DeferredClaim::file_id(db::Connection& conn) const {
  if (!*slot_) conn.flush();
  if (!*slot_) throw db::DbError("the claim of a received file was not sent");
  return claimed_id(**slot_);
}

std::optional<EarlierFile> find_earlier_file(db::Connection& conn, int hospnum,
                                             const std::string& file_name,
                                             const std::string& sha256) {
  db::Result prev = conn.exec_prepared(
      "SELECT file_id, state FROM onshi_received_file WHERE hospnum = $1 "
      "AND content_sha256 = $3 AND (file_name = $2 OR (state = 'imported' AND once_per_content)) "
      "ORDER BY file_name = $2 DESC LIMIT 1",
      {hospnum, file_name, db::Param::binary(sha256)});
  if (prev.rows() == 0) return std::nullopt;
  return EarlierFile{prev.integer(0, prev.column("file_id")), prev.text(0, prev.column("state"))};
}

void record_emr_copy(db::Connection& conn, long long file_id, const std::string& path) {
  conn.exec("UPDATE onshi_received_file SET emr_path = $2 WHERE file_id = $1", {file_id, path});
}

void mark_removed_from_share(db::Connection& conn, const std::vector<RemovalMark>& marks) {
  if (marks.empty()) return;
  // Our own ids and paths, so they can be part of the text: one round trip for the whole
  // transaction, which does not wait for the disk (a lost mark only means a second, harmless
  // disposal attempt). A path is an escape-string literal (quotes and backslashes doubled); one
  // that is not valid UTF-8 (a hostile name) is not recorded.
  std::string rows;
  for (const RemovalMark& m : marks) {
    std::string path = "NULL";
    if (is_absolute_path(m.host_copy) &&  // a Windows path too (migration 0031)
        text::find_invalid_utf8(m.host_copy) == std::string::npos &&
        m.host_copy.find('\0') == std::string::npos) {
      path = "E'";  // an escape string: the same whatever standard_conforming_strings says
      for (char c : m.host_copy) {
        if (c == '\'' || c == '\\') path += c;
        path += c;
      }
      path += "'";
    }
    rows +=
        (rows.empty() ? "(" : ",(") + std::to_string(m.file_id) + "::bigint," + path + "::text)";
  }
  try {
    conn.exec(
        "BEGIN; SET LOCAL synchronous_commit = off; "
        "UPDATE onshi_received_file f SET removed_from_share_at = now(), "
        "  archive_path = coalesce(v.path, f.archive_path) "
        "FROM (VALUES " +
        rows +
        ") AS v(id, path) "
        "WHERE f.file_id = v.id AND f.removed_from_share_at IS NULL; COMMIT");
  } catch (const db::DbError&) {
    // A failed statement leaves the transaction open and aborted: end it, or the connection's
    // next import would fail too.
    try {
      conn.exec("ROLLBACK");
    } catch (const db::DbError&) {
    }
    throw;
  }
}

std::vector<RecentFile> recent_files(db::Connection& conn, int hospnum) {
  db::Result files = conn.exec(
      "SELECT to_char(received_at, 'YYYY-MM-DD HH24:MI:SS') AS received, folder, state, "
      "file_name FROM onshi_received_file WHERE hospnum = $1 "
      "ORDER BY received_at DESC, file_id DESC LIMIT 5",
      {hospnum});
  std::vector<RecentFile> out;
  const int c_at = files.column("received"), c_folder = files.column("folder"),
            c_state = files.column("state"), c_name = files.column("file_name");
  for (int i = 0; i < files.rows(); ++i)
    out.push_back({files.text(i, c_at), files.text(i, c_folder), files.text(i, c_state),
                   files.text(i, c_name)});
  return out;
}

}  // namespace onshi::store
