// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/public_assistance_apply.h"

#include <algorithm>

#include "common/clock.h"
#include "db/connection.h"
#include "host/numbering.h"
#include "host/orca_rows.h"
#include "text/normalize.h"

namespace onshi::host {
namespace {

const char* const kOpen = "99999999";

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

/// `day` (YYYYMMDD) moved by `days`.
std::string shift_day(db::Connection& conn, const std::string& day, int days) {
  return conn
      .exec_prepared("SELECT to_char(to_date($1::text, 'YYYYMMDD') + $2::integer, 'YYYYMMDD')",
                     {day, days})
      .text(0, 0);
}

/// The kind's master row (tbl_hknnum) valid today.
struct KindMaster {
  bool found = false;
  std::string paykbn, from, to, name, kind;
};

KindMaster kind_master(db::Connection& conn, int hospnum, const std::string& kohnum,
                       const std::string& today) {
  KindMaster m;
  db::Result r = conn.exec_prepared(
      "SELECT coalesce(rtrim(paykbn), ''), coalesce(tekstymd, ''), coalesce(tekedymd, ''), "
      "  coalesce(tanseidoname, ''), coalesce(rtrim(hknkohsbtkbn), '') "
      "FROM tbl_hknnum WHERE hospnum = $1::integer AND hknnum = $2::bpchar "
      "  AND tekstymd <= $3::bpchar AND tekedymd >= $3::bpchar "
      "ORDER BY tekstymd DESC, paykbn LIMIT 1",
      {hospnum, kohnum, today});
  if (r.rows() == 0) return m;
  m.found = true;
  m.paykbn = r.text(0, 0);
  m.from = r.text(0, 1);
  m.to = r.text(0, 2);
  m.name = r.text(0, 3);
  m.kind = r.text(0, 4);
  return m;
}

/// The combinations of public expense `kohid` over `from`..`to` (ORCGP02W2 57013-SEIHO-HEN):
/// with each main insurance for the days they share, alone (hknid 0) for the days none covers.
std::vector<int> build_combinations(db::Connection& conn, int hospnum, long long ptid,
                                    long long kohid, const std::string& kohnum, const KindMaster& m,
                                    const std::string& from, const std::string& to,
                                    const std::string& today, const std::string& time,
                                    const std::string& opid) {
  std::vector<int> made;
  NewCombination c;
  c.kohid = kohid;
  c.kohnum = kohnum;
  c.paykbn = m.paykbn;
  c.koh_name = m.name;
  c.koh_kind = m.kind;
  auto add = [&](const std::string& f, const std::string& t) {
    c.hkncombinum = next_combination_number(conn, hospnum, ptid, today, opid);
    c.from = f;
    c.to = t;
    insert_combination(conn, hospnum, ptid, c, today, time, opid);
    made.push_back(c.hkncombinum);
  };
  db::Result ins = conn.exec_prepared(
      "SELECT hknid, coalesce(rtrim(hknnum), ''), coalesce(rtrim(honkzkkbn), ''), "
      "  coalesce(rtrim(hojokbn), ''), coalesce(nullif(btrim(tekstymd), ''), '00000000') AS st, "
      "  coalesce(nullif(btrim(tekedymd), ''), '99999999') AS ed "
      "FROM tbl_pthkninf WHERE hospnum = $1::integer AND ptid = $2::bigint "
      "  AND coalesce(sakjokbn, '') <> '1' AND coalesce(hknnum, '') NOT LIKE '9%' "
      "  AND coalesce(nullif(btrim(tekstymd), ''), '00000000') <= $4::text "
      "  AND coalesce(nullif(btrim(tekedymd), ''), '99999999') >= $3::text "
      "ORDER BY st, hknid",
      {hospnum, ptid, from, to});
  std::string cursor = from;  // the first day not yet covered by a main insurance
  bool done = false;
  for (int i = 0; i < ins.rows(); ++i) {
    const std::string st = ins.text(i, 4), ed = ins.text(i, 5);
    if (!done && st > cursor) {
      // Alone up to the day before this insurance starts.
      const std::string before = shift_day(conn, st, -1);
      add(cursor, std::min(before, to));
    }
    c.hknid = ins.integer(i, 0);
    c.hknnum = ins.text(i, 1);
    c.family = ins.text(i, 2);
    c.hojokbn = ins.text(i, 3);
    add(std::max(st, from), std::min(ed, to));
    c.hknid = 0;
    c.hknnum.clear();
    c.family.clear();
    c.hojokbn.clear();
    if (!done && ed >= cursor) {
      if (ed >= to)
        done = true;
      else
        cursor = shift_day(conn, ed, 1);
    }
  }
  if (!done) add(cursor, to);
  return made;
}

}  // namespace

const char* assistance_outcome_name(AssistanceOutcome o) {
  switch (o) {
    case AssistanceOutcome::added:
      return "added";
    case AssistanceOutcome::extended:
      return "extended";
    case AssistanceOutcome::registered:
      return "registered";
    case AssistanceOutcome::no_numbers:
      return "no_numbers";
    case AssistanceOutcome::no_kind:
      return "no_kind";
    case AssistanceOutcome::expired:
      return "expired";
  }
  return "?";
}

std::string assistance_kind(db::Connection& conn, int hospnum, const std::string& payer) {
  if (payer.size() != 8 || payer.find_first_not_of("0123456789") != std::string::npos) return "";
  if (conn.exec("SELECT to_regclass('tbl_hknjainf') IS NOT NULL").text(0, 0) == "t") {
    db::Result r = conn.exec_prepared(
        "SELECT btrim(hknnum) FROM tbl_hknjainf WHERE hospnum = $1::integer "
        "  AND btrim(hknjanum) = $2::text AND btrim(coalesce(hknnum, '')) <> '' LIMIT 1",
        {hospnum, payer});
    if (r.rows() > 0) return r.text(0, 0);
  }
  // ORCSONSHI002 2401-KOHFUJYO-HEN: "生活保護とする" for a payer of law number 12.
  return payer.substr(0, 2) == "12" ? "012" : "";
}

AppliedAssistance apply_public_assistance(db::Connection& conn, int hospnum, long long ptid,
                                          const ReturnedAssistance& a, const std::string& today,
                                          const std::string& opid) {
  AppliedAssistance out;
  const std::string payer = trimmed(std::string(text::strip_insurer_padding(a.payer)));
  const std::string recipient = trimmed(a.recipient);
  if (payer.empty() || recipient.empty()) return out;  // no_numbers
  const std::string op = opid.substr(0, 16), time = local_time6();

  // The period ORCA keeps for an A1 public expense: the qualification's start and loss dates.
  std::string earliest_ticket;
  bool ticket_valid = a.tickets.empty();
  for (const auto& [start, end] : a.tickets) {
    if (is_date(start) && (earliest_ticket.empty() || start < earliest_ticket))
      earliest_ticket = start;
    if (!is_date(end) || end >= today) ticket_valid = true;
  }
  std::string from = is_date(a.qualified) && a.qualified != "00000000" ? a.qualified
                     : !earliest_ticket.empty()                        ? earliest_ticket
                                                                       : today;
  std::string to =
      is_date(a.disqualified) && a.disqualified != "00000000" && a.disqualified != kOpen
          ? a.disqualified
          : kOpen;
  out.from = from;
  out.to = to;
  if (to < today || to < from || !ticket_valid) {
    out.outcome = AssistanceOutcome::expired;
    return out;
  }
  out.kohnum = assistance_kind(conn, hospnum, payer);
  if (out.kohnum.empty()) {
    out.outcome = AssistanceOutcome::no_kind;
    return out;
  }
  // The kind's master: payment class, combination labels, and its start when the kind begins
  // after the qualification (ORCGP02 30103, the 2024/12 rule).
  const KindMaster m = kind_master(conn, hospnum, out.kohnum, today);
  if (m.found && m.from > from && m.to >= to) from = m.from;
  out.from = from;

  // The registered rows of the same kind, payer and recipient (ORCGP02 30104).
  db::Result same = conn.exec_prepared(
      "SELECT kohid, coalesce(btrim(tekstymd), '') AS st, "
      "  coalesce(nullif(btrim(tekedymd), ''), '99999999') AS ed FROM tbl_ptkohinf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND kohnum = $3::bpchar "
      "  AND coalesce(sakjokbn, '') <> '1' AND btrim(coalesce(ftnjanum, '')) = $4::text "
      "  AND onshi_card_key(coalesce(jkysnum, '')) = $5::text "
      "ORDER BY kohid DESC LIMIT 1 FOR UPDATE",
      {hospnum, ptid, out.kohnum, payer, text::card_key(recipient)});
  if (same.rows() > 0) {
    out.kohid = same.integer(0, 0);
    const std::string st = same.text(0, 1), ed = same.text(0, 2);
    // The returned end within the registered period (or a newer row registered): nothing.
    if ((st <= to && to <= ed) || to < st) {
      out.outcome = AssistanceOutcome::registered;
      return out;
    }
    // 公費更新: the end date, confirmed today; the combinations that ended with it follow.
    out.previous_end = ed;
    conn.exec_prepared(
        "UPDATE tbl_ptkohinf SET tekedymd = $4::text, kakuninymd = $5::text, opid = $6::text, "
        "  upymd = $5::text, uphms = $7::text "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND kohid = $3::bigint",
        {hospnum, ptid, out.kohid, to, today, op, time});
    db::Result combos = conn.exec_prepared(
        "UPDATE tbl_hkncombi c SET tekedymd = CASE WHEN coalesce(c.hknid, 0) = 0 THEN $4::text "
        "    ELSE least($4::text, coalesce((SELECT nullif(btrim(h.tekedymd), '') FROM "
        "      tbl_pthkninf h WHERE h.hospnum = c.hospnum AND h.ptid = c.ptid "
        "      AND h.hknid = c.hknid), '99999999')) END, "
        "  opid = $6::text, upymd = $7::text, uphms = $8::text "
        "WHERE c.hospnum = $1::integer AND c.ptid = $2::bigint AND c.koh1id = $3::bigint "
        "  AND coalesce(c.delkbn, '') <> '1' "
        "  AND coalesce(nullif(btrim(c.tekedymd), ''), '99999999') = $5::text "
        "RETURNING c.hkncombinum",
        {hospnum, ptid, out.kohid, to, ed, op, today, time});
    if (combos.rows() == 0 &&
        conn.exec_prepared("SELECT 1 FROM tbl_hkncombi WHERE hospnum = $1::integer "
                           "AND ptid = $2::bigint AND koh1id = $3::bigint "
                           "AND coalesce(delkbn, '') <> '1'",
                           {hospnum, ptid, out.kohid})
                .rows() == 0)
      out.combinations = build_combinations(conn, hospnum, ptid, out.kohid, out.kohnum, m, st, to,
                                            today, time, op);
    out.outcome = AssistanceOutcome::extended;
    return out;
  }
  // 公費追加: a new row (kohid = tbl_ptnum.kohid + 1) and its combinations.
  out.kohid = next_public_expense_id(conn, hospnum, ptid, today, op);
  insert_public_expense(conn, hospnum, ptid, out.kohid, out.kohnum, m.paykbn, payer, recipient,
                        from, to, today, time, op);
  out.combinations =
      build_combinations(conn, hospnum, ptid, out.kohid, out.kohnum, m, from, to, today, time, op);
  out.outcome = AssistanceOutcome::added;
  return out;
}

}  // namespace onshi::host
