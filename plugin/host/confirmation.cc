// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/confirmation.h"

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "host/insurance.h"
#include "host/insurance_history.h"
#include "text/normalize.h"

namespace onshi::host {

bool confirm_public_expense(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& date, const std::string& payer,
                            const std::string& recipient, const Stamp& stamp) {
  // Public-expense confirmation dates have no history table in ORCA (reception writes them
  // directly); never a date after today.
  if (date > local_date8()) return false;
  db::Result u = conn.exec_prepared(
      "UPDATE tbl_ptkohinf SET kakuninymd = $3::text, upymd = $5::text, uphms = $6::text, "
      "  opid = 'ONSHI' "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND btrim(ftnjanum) = $4::text "
      "  AND onshi_card_key(jkysnum) = $7::text AND coalesce(sakjokbn, '') <> '1' RETURNING kohid",
      {hospnum, ptid, date, payer, stamp.day, stamp.time, text::card_key(recipient)});
  return u.rows() > 0;
}

IssueNumberCopy copy_issue_numbers(db::Connection& conn, int hospnum, long long ptid,
                                   const std::string& payer, const std::string& recipient,
                                   const std::vector<TicketIssue>& tickets, const Stamp& stamp) {
  IssueNumberCopy out;
  if (conn.exec_prepared("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                         "current_schema() AND table_name = 'tbl_monthlynum' "
                         "AND column_name = 'kofunum'",
                         {})
          .rows() == 0) {
    out.skipped = "no_column";
    return out;
  }
  db::Result k = conn.exec_prepared(
      "SELECT kohid, kohnum FROM tbl_ptkohinf WHERE hospnum = $1::integer AND ptid = $2::bigint "
      "  AND kohnum = $5::text AND btrim(ftnjanum) = $3::text "
      "  AND onshi_card_key(jkysnum) = $4::text AND coalesce(sakjokbn, '') <> '1' "
      "ORDER BY kohid DESC LIMIT 1",
      {hospnum, ptid, payer, text::card_key(recipient), std::string(kPublicAssistanceKohnum)});
  if (k.rows() == 0) {
    out.skipped = "no_row";
    return out;
  }
  const long long kohid = k.integer(0, k.column("kohid"));
  const std::string this_month = local_date8().substr(0, 6);
  int seq = 0;
  for (const TicketIssue& t : tickets) {
    const int position = seq++;
    if (out.writes.size() >= 10) break;  // ORCA keeps at most 10 per public expense
    // ORAPION013 803-HANKAKU-HEN: the issue number in half-width.
    std::string issue = text::card_key(t.issue_number);
    if (issue.empty()) continue;
    if (issue.size() > 15) issue = issue.substr(0, 15);
    IssueNumberWrite w;
    w.seq = position;
    w.kohid = kohid;
    w.sryym = t.month.size() == 6 ? t.month : this_month;
    w.nyugaikbn = t.treatment_type == "01" ? "1" : "2";
    w.issue_number = issue;
    db::Result r = conn.exec_prepared(
        "SELECT coalesce(jkysnum, '') AS jkysnum, coalesce(kofunum, '') AS kofunum "
        "FROM tbl_monthlynum WHERE hospnum = $1::numeric AND ptid = $2::numeric "
        "  AND kohid = $3::numeric AND sryym = $4::bpchar AND nyugaikbn = $5::bpchar "
        "  AND kohnum = $6::bpchar FOR UPDATE",
        {hospnum, ptid, kohid, w.sryym, w.nyugaikbn, std::string(kPublicAssistanceKohnum)});
    if (r.rows() == 0) {
      conn.exec_prepared(
          "INSERT INTO tbl_monthlynum (hospnum, ptid, kohnum, kohid, sryym, nyugaikbn, jkysnum, "
          "  kofunum, termid, opid, creymd, upymd, uphms) "
          "VALUES ($1::numeric, $2::numeric, $6::bpchar, $3::numeric, $4::bpchar, $5::bpchar, "
          "  $7::bpchar, $8::bpchar, '', 'ONSHI', $9::bpchar, $9::bpchar, $10::bpchar)",
          {hospnum, ptid, kohid, w.sryym, w.nyugaikbn, std::string(kPublicAssistanceKohnum),
           recipient, issue, stamp.day, stamp.time});
      w.outcome = "inserted";
    } else if (text::card_key(r.text(0, r.column("jkysnum"))) != text::card_key(recipient) ||
               text::card_key(r.text(0, r.column("kofunum"))) != issue) {
      conn.exec_prepared(
          "UPDATE tbl_monthlynum SET jkysnum = $7::bpchar, kofunum = $8::bpchar, "
          "  upymd = $9::bpchar, uphms = $10::bpchar, opid = 'ONSHI' "
          "WHERE hospnum = $1::numeric AND ptid = $2::numeric AND kohid = $3::numeric "
          "  AND sryym = $4::bpchar AND nyugaikbn = $5::bpchar AND kohnum = $6::bpchar",
          {hospnum, ptid, kohid, w.sryym, w.nyugaikbn, std::string(kPublicAssistanceKohnum),
           recipient, issue, stamp.day, stamp.time});
      w.outcome = "updated";
    } else {
      w.outcome = "unchanged";
    }
    out.writes.push_back(std::move(w));
  }
  if (out.writes.empty()) out.skipped = "no_ticket";
  return out;
}

std::optional<int> confirm_insurance(db::Connection& conn, int hospnum, long long ptid,
                                     const InsuranceConfirmation& c, const Stamp& stamp) {
  long long hknid = c.hknid;
  const bool today_or_before = c.date <= local_date8();
  // The row found by its numbers is locked and its date read in the same statement when the
  // date is to be set (below): one read of the insurance row instead of two.
  std::optional<std::string> locked_date;
  if (hknid == 0) {
    const std::string find =
        "SELECT hknid, coalesce(kakuninymd, '') AS kakuninymd FROM tbl_pthkninf "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint "
        "  AND coalesce(sakjokbn, '') <> '1' AND btrim(hknjanum) = $3::text "
        "  AND onshi_card_key(coalesce(kigo, '')) = $4::text AND onshi_card_key(num) = $5::text "
        "ORDER BY hknid DESC LIMIT 1";
    db::Result r = conn.exec_prepared(
        today_or_before ? find + " FOR UPDATE" : find,
        {hospnum, ptid, c.insurer, text::card_key(c.symbol), text::card_key(c.number)});
    if (r.rows() == 0) return std::nullopt;
    hknid = r.integer(0, r.column("hknid"));
    if (today_or_before) locked_date = r.text(0, r.column("kakuninymd"));
  }
  // An empty branch number filled (only the branch number, as ORCA's own branch-number update:
  // kakuninymd is the confirmation's business, below).
  if (c.fill_branch)
    conn.exec_prepared(
        "UPDATE tbl_pthkninf SET edaban = $4::text, upymd = $5::text, uphms = $6::text, "
        "  opid = 'ONSHI' "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
        "  AND coalesce(sakjokbn, '') <> '1' AND coalesce(btrim(edaban), '') = ''",
        {hospnum, ptid, hknid, c.fill_branch->substr(0, 2), stamp.day, stamp.time});
  // The confirmation date: only the day's own (a pre-check for tomorrow stores its result and
  // the visit day's confirmation applies it); the previous date goes to ORCA's history.
  if (today_or_before) {
    const ConfirmationWrite w =
        locked_date ? set_locked_confirmation_date(conn, hospnum, ptid, hknid, *locked_date, c.date,
                                                   "ONSHI")
                    : set_confirmation_date(conn, hospnum, ptid, hknid, c.date, "ONSHI");
    if (!w.found) return std::nullopt;
  }
  return static_cast<int>(hknid);
}

AcceptOutcome accept_returned_value(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& item,
                                    const std::string& value, const Stamp& stamp,
                                    const std::string& opid) {
  static const struct {
    const char* item;
    const char* table;
    const char* column;
  } kColumns[] = {{"name", "tbl_ptinf", "name"},
                  {"kana", "tbl_ptinf", "kananame"},
                  {"birthdate", "tbl_ptinf", "birthday"},
                  {"sex", "tbl_ptinf", "sex"},
                  {"branch", "tbl_pthkninf", "edaban"},
                  {"family", "tbl_pthkninf", "honkzkkbn"},
                  {"insured_name", "tbl_pthkninf", "hihknjaname"}};
  for (const auto& c : kColumns) {
    if (item != c.item) continue;
    const bool insurance = std::string(c.table) == "tbl_pthkninf";
    if (insurance && !hknid) return AcceptOutcome::needs_insurance;
    std::string sql = std::string("UPDATE ") + c.table + " SET " + c.column +
                      " = $3::text, upymd = $4::text, uphms = $5::text, opid = $6::text "
                      "WHERE hospnum = $1::integer AND ptid = $2::bigint";
    // Names as ORCA stores returned text: full-width (kana in its name form).
    const std::string item_name = c.item;
    std::string stored = value;
    if (item_name == "name" || item_name == "insured_name")
      stored = text::to_fullwidth(text::fold_spaces(value));
    else if (item_name == "kana")
      stored = text::to_fullwidth(text::kana_name_for_host(value));
    std::vector<db::Param> params{hospnum, ptid, stored, stamp.day, stamp.time, opid.substr(0, 16)};
    if (insurance) {
      sql += " AND hknid = $7::bigint AND coalesce(sakjokbn, '') <> '1'";
      params.push_back(*hknid);
    }
    db::Result u = conn.exec(sql, params);
    return u.affected() == 1 ? AcceptOutcome::updated : AcceptOutcome::not_updated;
  }
  return AcceptOutcome::not_a_host_item;
}

}  // namespace onshi::host
