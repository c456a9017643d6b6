// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/claim_transfers.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

db::Param opt(const std::optional<long long>& v) {
  return v ? db::Param(*v) : db::Param();
}

std::string id_array(const std::vector<long long>& ids) {
  std::string s = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i]);
  return s + "}";
}

const char* const kTransferColumns =
    "SELECT transfer_id, file_id, line, billing_month, claim_month, receipt_number, receipt_kind, "
    "chart_number, name, kana, birthdate, sex, old_insurer, old_symbol, old_number, old_branch, "
    "points, result_class, new_insurer, new_symbol, new_number, new_branch, new_acquired, "
    "old_lost, split_date, new_points, link_state, linked_by, ptid, "
    "array_to_string(candidates, ',') AS candidates, billed_hknid, new_hknid, action, "
    "resolved_by, to_char(resolved_at, 'YYYY-MM-DD HH24:MI:SS') AS resolved_at "
    "FROM onshi_claim_transfer ";

ClaimTransfer transfer_at(const db::Result& r, int i) {
  auto text = [&](const char* c) { return r.text(i, r.column(c)); };
  auto opt_text = [&](const char* c) { return r.optional(i, r.column(c)); };
  auto opt_int = [&](const char* c) -> std::optional<long long> {
    if (!r.optional(i, r.column(c))) return std::nullopt;
    return r.integer(i, r.column(c));
  };
  ClaimTransfer t;
  t.transfer_id = r.integer(i, r.column("transfer_id"));
  t.file_id = r.integer(i, r.column("file_id"));
  t.line = static_cast<int>(r.integer(i, r.column("line")));
  t.billing_month = text("billing_month");
  t.claim_month = text("claim_month");
  t.receipt_number = text("receipt_number");
  t.receipt_kind = opt_text("receipt_kind");
  t.chart_number = opt_text("chart_number");
  t.name = text("name");
  t.kana = opt_text("kana");
  t.birthdate = text("birthdate");
  t.sex = text("sex");
  t.old_insurer = text("old_insurer");
  t.old_symbol = opt_text("old_symbol");
  t.old_number = text("old_number");
  t.old_branch = opt_text("old_branch");
  t.points = opt_int("points");
  t.result_class = text("result_class");
  t.new_insurer = opt_text("new_insurer");
  t.new_symbol = opt_text("new_symbol");
  t.new_number = opt_text("new_number");
  t.new_branch = opt_text("new_branch");
  t.new_acquired = opt_text("new_acquired");
  t.old_lost = opt_text("old_lost");
  t.split_date = opt_text("split_date");
  t.new_points = opt_int("new_points");
  t.link_state = text("link_state");
  t.linked_by = opt_text("linked_by");
  t.ptid = opt_int("ptid");
  const std::string cands = text("candidates");
  std::size_t pos = 0;
  while (pos < cands.size()) {
    std::size_t end = cands.find(',', pos);
    if (end == std::string::npos) end = cands.size();
    t.candidates.push_back(std::stoll(cands.substr(pos, end - pos)));
    pos = end + 1;
  }
  t.billed_hknid = opt_int("billed_hknid");
  t.new_hknid = opt_int("new_hknid");
  t.action = text("action");
  t.resolved_by = opt_text("resolved_by");
  t.resolved_at = opt_text("resolved_at");
  return t;
}

}  // namespace

std::optional<ClaimTransferFile> find_claim_file(db::Connection& conn, int hospnum,
                                                 const std::string& sha256) {
  db::Result r = conn.exec(
      "SELECT file_id, file_name, encoding, institution_code, billing_month, review_body, "
      "file_size, results, imported_by, "
      "to_char(imported_at, 'YYYY-MM-DD HH24:MI:SS') AS imported_at "
      "FROM onshi_claim_transfer_file WHERE hospnum = $1::integer AND sha256 = $2::text",
      {hospnum, sha256});
  if (r.rows() == 0) return std::nullopt;
  ClaimTransferFile f;
  f.file_id = r.integer(0, r.column("file_id"));
  f.hospnum = hospnum;
  f.sha256 = sha256;
  f.file_name = r.text(0, r.column("file_name"));
  f.encoding = r.text(0, r.column("encoding"));
  f.institution_code = r.text(0, r.column("institution_code"));
  f.billing_month = r.text(0, r.column("billing_month"));
  f.review_body = r.text(0, r.column("review_body"));
  f.file_size = r.integer(0, r.column("file_size"));
  f.results = static_cast<int>(r.integer(0, r.column("results")));
  f.imported_by = r.text(0, r.column("imported_by"));
  f.imported_at = r.text(0, r.column("imported_at"));
  return f;
}

long long insert_claim_file(db::Connection& conn, const ClaimTransferFile& f) {
  return conn
      .exec(
          "INSERT INTO onshi_claim_transfer_file (hospnum, sha256, file_name, file_size, "
          "encoding, institution_code, billing_month, review_body, results, imported_by) "
          "VALUES ($1::integer, $2, $3, $4::bigint, $5, $6, $7, $8, $9::integer, $10) "
          "RETURNING file_id",
          {f.hospnum, f.sha256, f.file_name, f.file_size, f.encoding, f.institution_code,
           f.billing_month, f.review_body, f.results, f.imported_by})
      .integer(0, 0);
}

long long insert_claim_transfer(db::Connection& conn, int hospnum, const ClaimTransfer& t) {
  return conn
      .exec(
          "INSERT INTO onshi_claim_transfer (file_id, hospnum, line, billing_month, claim_month, "
          "receipt_number, receipt_kind, chart_number, name, kana, birthdate, sex, old_insurer, "
          "old_symbol, old_number, old_branch, points, result_class, new_insurer, new_symbol, "
          "new_number, new_branch, new_acquired, old_lost, split_date, new_points, link_state, "
          "linked_by, ptid, candidates, billed_hknid, new_hknid, action) VALUES ($1::bigint, "
          "$2::integer, $3::integer, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
          "$17::integer, $18, $19, $20, $21, $22, $23, $24, $25, $26::integer, $27, $28, "
          "$29::bigint, $30::bigint[], $31::integer, $32::integer, $33) RETURNING transfer_id",
          {t.file_id,
           hospnum,
           t.line,
           t.billing_month,
           t.claim_month,
           t.receipt_number,
           t.receipt_kind,
           t.chart_number,
           t.name,
           t.kana,
           t.birthdate,
           t.sex,
           t.old_insurer,
           t.old_symbol,
           t.old_number,
           t.old_branch,
           opt(t.points),
           t.result_class,
           t.new_insurer,
           t.new_symbol,
           t.new_number,
           t.new_branch,
           t.new_acquired,
           t.old_lost,
           t.split_date,
           opt(t.new_points),
           t.link_state,
           t.linked_by,
           opt(t.ptid),
           id_array(t.candidates),
           opt(t.billed_hknid),
           opt(t.new_hknid),
           t.action})
      .integer(0, 0);
}

std::vector<ClaimTransfer> list_claim_transfers(db::Connection& conn, int hospnum,
                                                const std::optional<std::string>& month,
                                                bool todo) {
  db::Result r = conn.exec(std::string(kTransferColumns) +
                               "WHERE hospnum = $1::integer AND ($2::text IS NULL OR "
                               "claim_month = $2::text) AND (NOT $3::boolean OR action <> 'none') "
                               "ORDER BY claim_month, transfer_id",
                           {hospnum, month, todo});
  std::vector<ClaimTransfer> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(transfer_at(r, i));
  return out;
}

std::optional<ClaimTransfer> find_claim_transfer(db::Connection& conn, int hospnum,
                                                 long long transfer_id, bool lock) {
  db::Result r = conn.exec(std::string(kTransferColumns) +
                               "WHERE hospnum = $1::integer AND transfer_id = $2::bigint" +
                               (lock ? " FOR UPDATE" : ""),
                           {hospnum, transfer_id});
  if (r.rows() == 0) return std::nullopt;
  return transfer_at(r, 0);
}

void link_claim_transfer(db::Connection& conn, int hospnum, long long transfer_id, long long ptid,
                         std::optional<long long> billed_hknid, std::optional<long long> new_hknid,
                         const std::string& action, const std::string& userid) {
  conn.exec(
      "UPDATE onshi_claim_transfer SET link_state = 'linked', linked_by = 'staff', "
      "ptid = $3::bigint, billed_hknid = $4::integer, new_hknid = $5::integer, action = $6, "
      "resolved_by = $7, resolved_at = now() WHERE hospnum = $1::integer AND transfer_id = "
      "$2::bigint",
      {hospnum, transfer_id, ptid, opt(billed_hknid), opt(new_hknid), action, userid});
}

}  // namespace onshi::store
