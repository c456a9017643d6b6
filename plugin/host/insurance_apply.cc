// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance_apply.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "host/confirmation.h"
#include "host/insurance.h"
#include "host/insurance_history.h"
#include "host/insurance_kind.h"
#include "host/orca_rows.h"
#include "text/normalize.h"

namespace onshi::host {
namespace {

/// The tables an apply touches, with the order their images are read in.
struct ImagedTable {
  const char* table;
  const char* order;
};
const ImagedTable kImaged[] = {{"tbl_ptnum", "t.ptid"},
                               {"tbl_pthkninf", "t.hknid"},
                               {"tbl_pthknrrk", "t.hknid, t.rennum"},
                               {"tbl_hkncombi", "t.hkncombinum"},
                               {"tbl_ptkohinf", "t.kohid"},
                               {"tbl_tsyrrk", "t.ninstymd"},
                               {"tbl_tnkrrk", "t.stymd"},
                               {"tbl_ptconf", "t.ckey"}};

std::string images_sql() {
  std::string sql = "SELECT jsonb_build_object(";
  bool first = true;
  for (const ImagedTable& t : kImaged) {
    sql += std::string(first ? "" : ", ") + "'" + t.table +
           "', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY " + t.order +
           "), '[]'::jsonb) FROM " + t.table +
           " t WHERE t.hospnum = $1::integer AND t.ptid = $2::bigint)";
    first = false;
  }
  return sql + ")";
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string insurer_of(const ReturnedCard& card) {
  return trimmed(std::string(text::strip_insurer_padding(card.insurer)));
}

/// The day before `day` (YYYYMMDD).
std::string day_before(db::Connection& conn, const std::string& day) {
  return conn.exec_prepared("SELECT to_char(to_date($1::text, 'YYYYMMDD') - 1, 'YYYYMMDD')", {day})
      .text(0, 0);
}

/// One insurance row as read for an apply (values trimmed).
struct Row {
  long long hknid = 0;
  std::string hknnum, insurer, symbol, number, branch, family, hojokbn, insured_name;
  std::string acquired, from, to;
};

std::optional<Row> read_row(db::Connection& conn, int hospnum, long long ptid, long long hknid) {
  db::Result r = conn.exec_prepared(
      "SELECT hknid, coalesce(rtrim(hknnum), '') AS hknnum, coalesce(rtrim(hknjanum), '') AS ins, "
      "  coalesce(kigo, '') AS kigo, coalesce(num, '') AS num, coalesce(rtrim(edaban), '') AS eda, "
      "  coalesce(rtrim(honkzkkbn), '') AS fam, coalesce(rtrim(hojokbn), '') AS hojo, "
      "  coalesce(hihknjaname, '') AS hname, coalesce(rtrim(skkgetymd), '') AS acq, "
      "  coalesce(rtrim(tekstymd), '') AS st, coalesce(rtrim(tekedymd), '') AS ed "
      "FROM tbl_pthkninf WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
      "  AND coalesce(sakjokbn, '') <> '1'",
      {hospnum, ptid, hknid});
  if (r.rows() == 0) return std::nullopt;
  Row w;
  w.hknid = r.integer(0, 0);
  w.hknnum = r.text(0, 1);
  w.insurer = r.text(0, 2);
  w.symbol = r.text(0, 3);
  w.number = r.text(0, 4);
  w.branch = r.text(0, 5);
  w.family = r.text(0, 6);
  w.hojokbn = r.text(0, 7);
  w.insured_name = r.text(0, 8);
  w.acquired = r.text(0, 9);
  w.from = r.text(0, 10);
  w.to = r.text(0, 11);
  return w;
}

/// The current insurance of the patient (as current_insurance(), `prefer` first).
std::optional<Row> current_row(db::Connection& conn, int hospnum, long long ptid, long long prefer,
                               const std::string& today) {
  CurrentInsuranceQuery q;
  q.date = today;
  if (prefer > 0) q.prefer_hknid = static_cast<int>(prefer);
  const std::optional<Insurance> ins = current_insurance(conn, hospnum, ptid, q);
  if (!ins) return std::nullopt;
  return read_row(conn, hospnum, ptid, ins->hknid);
}

/// Counters of tbl_ptnum moved on: a new insurance id and/or a new combination number, kept
/// above every existing row (ORCA's own rows included). @return {hknid, hkncombinum}
std::pair<long long, int> next_numbers(db::Connection& conn, int hospnum, long long ptid,
                                       bool insurance, const std::string& today,
                                       const std::string& opid) {
  db::Result r = conn.exec_prepared(
      "UPDATE tbl_ptnum p SET "
      "  hknid = CASE WHEN $3::boolean THEN greatest(p.hknid, (SELECT coalesce(max(i.hknid), 0) "
      "    FROM tbl_pthkninf i WHERE i.hospnum = p.hospnum AND i.ptid = p.ptid)) + 1 "
      "    ELSE p.hknid END, "
      "  autocombinum = greatest(p.autocombinum, (SELECT coalesce(max(c.hkncombinum), 0) "
      "    FROM tbl_hkncombi c WHERE c.hospnum = p.hospnum AND c.ptid = p.ptid "
      "      AND c.hkncombinum < 9000)) + 1, "
      "  opid = $4::text, upymd = $5::text, uphms = $6::text "
      "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint RETURNING p.hknid, p.autocombinum",
      {hospnum, ptid, insurance, opid, today, local_time6()});
  return {r.integer(0, 0), static_cast<int>(r.integer(0, 1))};
}

}  // namespace

bool lock_patient_insurance(db::Connection& conn, int hospnum, long long ptid) {
  if (conn.exec_prepared("SELECT 1 FROM tbl_ptnum WHERE hospnum = $1::integer "
                         "AND ptid = $2::bigint FOR UPDATE",
                         {hospnum, ptid})
          .rows() == 0)
    return false;
  conn.exec_prepared(
      "SELECT 1 FROM tbl_pthkninf WHERE hospnum = $1::integer AND ptid = $2::bigint FOR UPDATE",
      {hospnum, ptid});
  conn.exec_prepared(
      "SELECT 1 FROM tbl_hkncombi WHERE hospnum = $1::integer AND ptid = $2::bigint FOR UPDATE",
      {hospnum, ptid});
  conn.exec_prepared(
      "SELECT 1 FROM tbl_ptkohinf WHERE hospnum = $1::integer AND ptid = $2::bigint FOR UPDATE",
      {hospnum, ptid});
  for (const char* t : {"tbl_tsyrrk", "tbl_tnkrrk", "tbl_ptconf"})
    conn.exec_prepared(std::string("SELECT 1 FROM ") + t +
                           " WHERE hospnum = $1::integer AND ptid = $2::bigint FOR UPDATE",
                       {hospnum, ptid});
  return true;
}

std::string images(db::Connection& conn, int hospnum, long long ptid) {
  return conn.exec_prepared(images_sql() + "::text", {hospnum, ptid}).text(0, 0);
}

CopayState copay_state(db::Connection& conn, const std::string& images, long long hknid,
                       const std::string& day) {
  db::Result r = conn.exec_prepared(
      "WITH i AS (SELECT $1::jsonb AS j), "
      "k AS (SELECT e FROM i, jsonb_array_elements(i.j -> 'tbl_ptkohinf') e "
      "  WHERE e ->> 'kohnum' IN ('966', '967', '946') AND coalesce(e ->> 'sakjokbn', '') <> '1' "
      "  AND coalesce(nullif(rtrim(e ->> 'tekedymd'), ''), '99999999') >= $3::text), "
      "c AS (SELECT (SELECT string_agg(CASE WHEN e ->> 'kohnum' = '946' THEN '現役並み' || "
      "    translate(rtrim(e ->> 'jkysnum'), '12', '１２') ELSE rtrim(e ->> 'jkysnum') END, "
      "    '+' ORDER BY (e ->> 'kohid')::bigint) FROM k) AS koh, "
      "  (SELECT '低所得２' WHERE EXISTS (SELECT 1 FROM i, jsonb_array_elements(i.j -> "
      "    'tbl_tsyrrk') e WHERE coalesce(nullif(rtrim(e ->> 'ninedymd'), ''), '99999999') "
      "    >= $3::text)) AS two, "
      "  (SELECT '低所得１' WHERE EXISTS (SELECT 1 FROM i, jsonb_array_elements(i.j -> "
      "    'tbl_tnkrrk') e WHERE coalesce(nullif(rtrim(e ->> 'edymd'), ''), '99999999') "
      "    >= $3::text)) AS one) "
      "SELECT coalesce((SELECT rtrim(e ->> 'hknnum') FROM i, jsonb_array_elements(i.j -> "
      "    'tbl_pthkninf') e WHERE (e ->> 'hknid')::bigint = $2::bigint "
      "    AND coalesce(e ->> 'sakjokbn', '') <> '1' LIMIT 1), ''), "
      "  coalesce((SELECT rtrim(e ->> 'hojokbn') FROM i, jsonb_array_elements(i.j -> "
      "    'tbl_pthkninf') e WHERE (e ->> 'hknid')::bigint = $2::bigint "
      "    AND coalesce(e ->> 'sakjokbn', '') <> '1' LIMIT 1), ''), "
      "  coalesce(concat_ws('+', koh, two, one), '') FROM c",
      {images, hknid, day});
  return {copay_rate(r.text(0, 0), r.text(0, 1)), r.text(0, 2)};
}

HostRefusal apply_no_change(db::Connection& conn, int hospnum, long long ptid,
                            const ReturnedCard& card, long long prefer_hknid,
                            const std::string& today, const std::string& opid,
                            AppliedInsurance& out) {
  const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today);
  if (!row) return HostRefusal::no_insurance;
  // ORCA's P033 condition: insurer, symbol, number (and 本人/家族, branch when both known) equal.
  const std::string branch = trimmed(card.branch);
  if (row->insurer != insurer_of(card) ||
      text::card_key(row->symbol) != text::card_key(card.symbol) ||
      text::card_key(row->number) != text::card_key(card.number) ||
      (!card.family.empty() && !row->family.empty() && card.family != row->family) ||
      (!branch.empty() && !row->branch.empty() && branch != row->branch))
    return HostRefusal::card_differs;
  // The existing no-change path: confirmation date + ORCA's history, an empty branch filled.
  InsuranceConfirmation c;
  c.date = today;
  c.hknid = static_cast<int>(row->hknid);
  if (row->branch.empty() && !branch.empty() && !late_elderly_kind(row->hknnum))
    c.fill_branch = branch;
  if (!confirm_insurance(conn, hospnum, ptid, c, Stamp{today, local_time6()}))
    return HostRefusal::no_insurance;
  out.hknid = row->hknid;
  out.hknnum = row->hknnum;
  (void)opid;
  return HostRefusal::none;
}

namespace {

/// The combinations of insurance `hknid` follow its changed row (numbers kept, as ORCA's
/// renumbering keeps them); one with public expense keeps the part of its period the public
/// expense gives. Without any, one for the insurance alone. @return that new number (0 = none)
int follow_combinations(db::Connection& conn, int hospnum, long long ptid, long long hknid,
                        const std::string& hknnum, const std::string& family,
                        const std::string& hojokbn, const std::string& from, const std::string& to,
                        const std::string& today, const std::string& time, const std::string& op) {
  db::Result combos = conn.exec_prepared(
      "UPDATE tbl_hkncombi SET hknnum = $4::text, honkzkkbn = $5::text, hojokbn = $6::text, "
      "  tekstymd = CASE WHEN coalesce(koh1id, 0) = 0 THEN $7::text "
      "    ELSE greatest(tekstymd, $7::text) END, "
      "  tekedymd = CASE WHEN coalesce(koh1id, 0) = 0 THEN $8::text "
      "    ELSE least(tekedymd, $8::text) END, "
      "  opid = $9::text, upymd = $10::text, uphms = $11::text "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
      "  AND coalesce(delkbn, '') <> '1' RETURNING hkncombinum",
      {hospnum, ptid, hknid, hknnum, family, hojokbn, from, to, op, today, time});
  if (combos.rows() > 0) return 0;
  // Without a combination reception cannot use the insurance: one for it alone.
  const int combi = next_numbers(conn, hospnum, ptid, false, today, op).second;
  insert_main_combination(conn, hospnum, ptid, combi, hknid, hknnum, family, hojokbn, from, to,
                          today, time, op);
  return combi;
}

}  // namespace

HostRefusal apply_change(db::Connection& conn, int hospnum, long long ptid,
                         const ReturnedCard& card, long long prefer_hknid, const std::string& today,
                         const std::string& opid, AppliedInsurance& out) {
  const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today);
  if (!row) return HostRefusal::no_insurance;
  const std::string insurer = insurer_of(card);
  const std::string hknnum = insurance_kind(conn, hospnum, insurer, card.card_class, today);
  if (hknnum.empty()) return HostRefusal::bad_insurer;
  const std::string op = opid.substr(0, 16), time = local_time6();
  // The returned values; what the card does not say stays as registered.
  const std::string from = is_date(card.valid_from) ? card.valid_from : row->from;
  std::string to = is_date(card.valid_to) ? card.valid_to : "99999999";
  if (to < from) to = row->to;  // ORCA: an end before the row's start is not taken
  std::string hojokbn = copay_class(hknnum, card.copay_rate);
  if (hojokbn.empty()) hojokbn = row->hojokbn;
  const std::string family = card.family == "1" || card.family == "2" ? card.family : row->family;
  const std::string acquired = is_date(card.acquired) ? card.acquired : row->acquired;
  const std::string insured_name =
      card.insured_name.empty()
          ? row->insured_name
          : fit(text::to_fullwidth(text::fold_spaces(card.insured_name)), 100);
  const std::string branch =
      late_elderly_kind(hknnum) ? std::string() : trimmed(card.branch).substr(0, 2);
  conn.exec_prepared(
      "UPDATE tbl_pthkninf SET hknnum = $4::text, hknjanum = $5::text, hihknjaname = $6::text, "
      "  honkzkkbn = $7::text, hojokbn = $8::text, kigo = $9::text, num = $10::text, "
      "  skkgetymd = $11::text, tekstymd = $12::text, tekedymd = $13::text, edaban = $14::text, "
      "  opid = $15::text, upymd = $16::text, uphms = $17::text "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint",
      {hospnum, ptid, row->hknid, hknnum, insurer, insured_name, family, hojokbn,
       fit(text::to_fullwidth(card.symbol), 80), fit(text::to_fullwidth(card.number), 80), acquired,
       from, to, branch, op, today, time});
  // Confirmed today; the previous date into ORCA's history.
  set_confirmation_date(conn, hospnum, ptid, row->hknid, today, op);
  // The combinations follow.
  out.hkncombinum = follow_combinations(conn, hospnum, ptid, row->hknid, hknnum, family, hojokbn,
                                        from, to, today, time, op);
  out.hknid = row->hknid;
  out.hknnum = hknnum;
  return HostRefusal::none;
}

HostRefusal apply_add(db::Connection& conn, int hospnum, long long ptid, const ReturnedCard& card,
                      const std::string& today, const std::string& opid, AppliedInsurance& out) {
  const std::string insurer = insurer_of(card);
  const std::string hknnum = insurance_kind(conn, hospnum, insurer, card.card_class, today);
  if (hknnum.empty()) return HostRefusal::bad_insurer;
  const std::string op = opid.substr(0, 16), time = local_time6();
  // ORCA 0005: the same insurance already valid today.
  if (conn.exec_prepared(
              "SELECT 1 FROM tbl_pthkninf WHERE hospnum = $1::integer AND ptid = $2::bigint "
              "  AND coalesce(sakjokbn, '') <> '1' AND btrim(hknjanum) = $3::text "
              "  AND onshi_card_key(coalesce(kigo, '')) = $4::text "
              "  AND onshi_card_key(coalesce(num, '')) = $5::text "
              "  AND coalesce(nullif(btrim(tekstymd), ''), '00000000') <= $6::text "
              "  AND coalesce(nullif(btrim(tekedymd), ''), '99999999') >= $6::text",
              {hospnum, ptid, insurer, text::card_key(card.symbol), text::card_key(card.number),
               today})
          .rows() > 0)
    return HostRefusal::already_registered;
  // Valid from today unless the card starts later; open end 99999999.
  const std::string from =
      is_date(card.valid_from) && card.valid_from > today ? card.valid_from : today;
  std::string to = is_date(card.valid_to) ? card.valid_to : "99999999";
  if (to < from) to = "99999999";
  // The main insurance the new one replaces: every other main insurance still valid on the new
  // start ends the day before (ORCSP03A 300-HKNKIKAN); one starting on or after it is refused.
  db::Result old = conn.exec_prepared(
      "SELECT hknid, coalesce(btrim(tekstymd), '') AS st FROM tbl_pthkninf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND coalesce(sakjokbn, '') <> '1' "
      "  AND coalesce(hknnum, '') NOT LIKE '9%' "
      "  AND coalesce(nullif(btrim(tekedymd), ''), '99999999') >= $3::text ORDER BY hknid",
      {hospnum, ptid, from});
  for (int i = 0; i < old.rows(); ++i)
    if (old.text(i, 1) >= from) return HostRefusal::overlap;
  const std::string before = day_before(conn, from);
  for (int i = 0; i < old.rows(); ++i) {
    const long long id = old.integer(i, 0);
    conn.exec_prepared(
        "UPDATE tbl_pthkninf SET tekedymd = $4::text, opid = $5::text, upymd = $6::text, "
        "  uphms = $7::text "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint",
        {hospnum, ptid, id, before, op, today, time});
    conn.exec_prepared(
        "UPDATE tbl_hkncombi SET tekedymd = $4::text, opid = $5::text, upymd = $6::text, "
        "  uphms = $7::text "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
        "  AND coalesce(delkbn, '') <> '1' "
        "  AND coalesce(nullif(btrim(tekedymd), ''), '99999999') > $4::text",
        {hospnum, ptid, id, before, op, today, time});
    out.ended_hknid = id;
    out.ended_on = before;
  }
  const auto [hknid, combi] = next_numbers(conn, hospnum, ptid, true, today, op);
  NewInsurance ins;
  ins.hknid = hknid;
  ins.hkncombinum = combi;
  ins.hknnum = hknnum;
  ins.insurer = insurer;
  ins.hojokbn = copay_class(hknnum, card.copay_rate);
  ins.family = card.family;
  ins.insured_name = card.insured_name;
  ins.symbol = card.symbol;
  ins.number = card.number;
  ins.branch = trimmed(card.branch);
  ins.acquired = card.acquired;
  ins.from = from;
  ins.to = to;
  insert_insurance(conn, hospnum, ptid, ins, today, time, op);
  out.hknid = hknid;
  out.hkncombinum = combi;
  out.hknnum = hknnum;
  return HostRefusal::none;
}

std::pair<std::string, std::string> limit_certificate_row(const LimitCertificate& c) {
  static const struct {
    const char* classification;
    const char* flag;
    const char* kohnum;
    const char* jkysnum;
  } kRows[] = {{"01", "A01", "966", "ア"}, {"01", "A02", "966", "イ"}, {"01", "A03", "967", "ウ"},
               {"01", "A04", "967", "エ"}, {"01", "B02", "946", "２"}, {"01", "B03", "946", "１"},
               {"02", "A05", "967", "オ"}, {"02", "A06", "967", "オ"}};
  for (const auto& r : kRows)
    if (c.classification == r.classification && c.flag == r.flag) return {r.kohnum, r.jkysnum};
  return {"", ""};
}

namespace {

/// True when a certificate's end date (as returned) lies before today (blank, zero, all 9: open).
bool ended(const std::string& end, const std::string& today) {
  return is_date(end) && end != "00000000" && end != "99999999" && end < today;
}

/// The last day of `day`'s month (YYYYMMDD).
std::string month_end(db::Connection& conn, const std::string& day) {
  return conn
      .exec_prepared(
          "SELECT to_char((date_trunc('month', to_date($1::text, 'YYYYMMDD')) + "
          "interval '1 month - 1 day')::date, 'YYYYMMDD')",
          {day})
      .text(0, 0);
}

/// The period and payment class a certificate's public-expense row gets.
struct KohDates {
  std::string start, end, paykbn;
};

/// The kind's master row (tbl_hknnum valid today): its payment class, and its start when the
/// certificate starts earlier than the kind exists and the kind lasts beyond the certificate's
/// end (ORCGP02 30103, the 2024/12 rule).
void apply_master(db::Connection& conn, int hospnum, const std::string& kohnum,
                  const std::string& today, KohDates& d) {
  db::Result m = conn.exec_prepared(
      "SELECT coalesce(rtrim(paykbn), ''), coalesce(tekstymd, ''), coalesce(tekedymd, '') "
      "FROM tbl_hknnum WHERE hospnum = $1::integer AND hknnum = $2::bpchar "
      "  AND tekstymd <= $3::bpchar AND tekedymd >= $3::bpchar "
      "ORDER BY tekstymd DESC, paykbn LIMIT 1",
      {hospnum, kohnum, today});
  if (m.rows() == 0) return;
  d.paykbn = m.text(0, 0);
  if (m.text(0, 1) > d.start && m.text(0, 2) >= d.end) d.start = m.text(0, 1);
}

/// A certificate's public-expense row as P034 + registration write it: the same kind and
/// recipient text registered (not deleted, no payer number) and covering the end date: nothing
/// (already_registered); registered with another period: 公費更新 (the end date, confirmed
/// today; combinations with it follow); else 公費追加 (kohid = tbl_ptnum.kohid + 1) with a
/// combination of the insurance `row` with it.
HostRefusal put_public_expense(db::Connection& conn, int hospnum, long long ptid, const Row& row,
                               const std::string& kohnum, const std::string& jkysnum,
                               const KohDates& d, const std::string& today, const std::string& time,
                               const std::string& op, AppliedInsurance& out) {
  const std::string ins_to = row.to.empty() ? "99999999" : row.to;
  // ORCGP02 30104: every matching row is compared; one that covers the end: nothing to do.
  db::Result same = conn.exec_prepared(
      "SELECT kohid, coalesce(btrim(tekstymd), '') AS st, "
      "  coalesce(nullif(btrim(tekedymd), ''), '99999999') AS ed FROM tbl_ptkohinf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND kohnum = $3::bpchar "
      "  AND coalesce(sakjokbn, '') <> '1' AND onshi_card_key(coalesce(jkysnum, '')) = $4::text "
      "  AND btrim(coalesce(ftnjanum, '')) = '' ORDER BY kohid DESC FOR UPDATE",
      {hospnum, ptid, kohnum, text::card_key(jkysnum)});
  for (int i = 0; i < same.rows(); ++i)
    if (same.text(i, 1) <= d.end && d.end <= same.text(i, 2))
      return HostRefusal::already_registered;
  if (same.rows() > 0) {
    const long long kohid = same.integer(0, 0);
    // A newer certificate registered (it starts after this one's end): nothing to do.
    if (d.end < same.text(0, 1)) return HostRefusal::already_registered;
    conn.exec_prepared(
        "UPDATE tbl_ptkohinf SET tekedymd = $4::text, kakuninymd = $5::text, opid = $6::text, "
        "  upymd = $5::text, uphms = $7::text "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND kohid = $3::bigint",
        {hospnum, ptid, kohid, d.end, today, op, time});
    conn.exec_prepared(
        "UPDATE tbl_hkncombi SET tekedymd = least($4::text, $5::text), opid = $6::text, "
        "  upymd = $7::text, uphms = $8::text "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND koh1id = $3::bigint "
        "  AND coalesce(delkbn, '') <> '1'",
        {hospnum, ptid, kohid, d.end, ins_to, op, today, time});
    out.kohid = kohid;
    out.written += std::string(out.written.empty() ? "" : ", ") + "kohid " + std::to_string(kohid) +
                   " (" + kohnum + ") ends " + d.end;
    return HostRefusal::none;
  }
  // 公費追加: kohid = tbl_ptnum.kohid + 1 (kept above every existing row).
  const long long kohid =
      conn.exec_prepared(
              "UPDATE tbl_ptnum p SET kohid = greatest(p.kohid, (SELECT coalesce(max(k.kohid), 0) "
              "  FROM tbl_ptkohinf k WHERE k.hospnum = p.hospnum AND k.ptid = p.ptid)) + 1, "
              "  opid = $3::text, upymd = $4::text, uphms = $5::text "
              "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint RETURNING p.kohid",
              {hospnum, ptid, op, today, time})
          .integer(0, 0);
  insert_row(conn, "tbl_ptkohinf",
             {{"hospnum", hospnum},
              {"ptid", ptid},
              {"kohid", kohid},
              {"kohnum", kohnum},
              {"paykbn", d.paykbn},
              {"jkysnum", jkysnum},
              {"tekstymd", d.start},
              {"tekedymd", d.end},
              {"opid", op},
              {"creymd", today},
              {"upymd", today},
              {"uphms", time}},
             {"ftnjanum", "kakuninymd", "sakjokbn", "termid", "tekedchkkbn"}, {});
  // Reception needs a combination of the insurance with it.
  const std::string from = std::max(row.from, d.start), to = std::min(ins_to, d.end);
  const int combi = next_numbers(conn, hospnum, ptid, false, today, op).second;
  insert_combination(conn, hospnum, ptid, combi, row.hknid, row.hknnum, row.family, row.hojokbn,
                     kohid, kohnum, d.paykbn, from, to, today, time, op);
  out.kohid = kohid;
  out.hkncombinum = combi;
  out.written += std::string(out.written.empty() ? "" : ", ") + "kohid " + std::to_string(kohid) +
                 " (" + kohnum + ") " + d.start + "-" + d.end;
  return HostRefusal::none;
}

/// The low-income row of a limit certificate (P024 → ORCGP029 290/291), compared as ORCGP02
/// 30104 does (低所得Ⅱ: hkntekkbn, skjgnstymd, kyoukaisoukbn; 低所得Ⅰ: hkntekkbn,
/// rri_fukushi_kbn, kyoukaisoukbn; blank categories read as 0): covering the end date: nothing;
/// another period: the end date; else a new row (認定開始 = 食事認定開始 = the start).
HostRefusal put_low_income(db::Connection& conn, int hospnum, long long ptid, const LowIncome& li,
                           const std::string& start, const std::string& end,
                           const std::string& long_term, const std::string& today,
                           const std::string& time, const std::string& op, AppliedInsurance& out) {
  const bool two = li.level == 2;
  const std::string table = two ? "tbl_tsyrrk" : "tbl_tnkrrk";
  const std::string st = two ? "ninstymd" : "stymd", ed = two ? "ninedymd" : "edymd";
  const std::string third =
      two ? "coalesce(btrim(skjgnstymd), '')" : "coalesce(nullif(btrim(rri_fukushi_kbn), ''), '0')";
  db::Result same = conn.exec_prepared(
      "SELECT " + st + ", coalesce(nullif(btrim(" + ed + "), ''), '99999999') FROM " + table +
          " WHERE hospnum = $1::integer AND ptid = $2::bigint "
          "  AND coalesce(nullif(btrim(hkntekkbn), ''), '0') = $3::text "
          "  AND " +
          third +
          " = $4::text AND coalesce(nullif(btrim(kyoukaisoukbn), ''), '0') = $5::text "
          "ORDER BY " +
          st + " DESC FOR UPDATE",
      {hospnum, ptid, li.hkntekkbn, two ? long_term : li.rri_fukushi_kbn, li.kyoukaisoukbn});
  const std::string name = two ? "低所得Ⅱ" : "低所得Ⅰ";
  for (int i = 0; i < same.rows(); ++i)
    if (same.text(i, 0) <= end && end <= same.text(i, 1)) return HostRefusal::already_registered;
  if (same.rows() > 0) {
    if (end < same.text(0, 0)) return HostRefusal::already_registered;
    conn.exec_prepared("UPDATE " + table + " SET " + ed +
                           " = $4::text, opid = $5::text, upymd = $6::text, uphms = $7::text "
                           "WHERE hospnum = $1::integer AND ptid = $2::bigint AND " +
                           st + " = $3::bpchar",
                       {hospnum, ptid, same.text(0, 0), end, op, today, time});
    out.written += std::string(out.written.empty() ? "" : ", ") + name + " " + same.text(0, 0) +
                   " ends " + end;
    return HostRefusal::none;
  }
  // Another row of the patient starting that day (another category): staff decide on P024.
  if (conn.exec_prepared("SELECT 1 FROM " + table +
                             " WHERE hospnum = $1::integer AND ptid = $2::bigint AND " + st +
                             " = $3::bpchar",
                         {hospnum, ptid, start})
          .rows() > 0)
    return HostRefusal::overlap;
  if (two)
    insert_row(conn, "tbl_tsyrrk",
               {{"hospnum", hospnum},
                {"ptid", ptid},
                {"ninstymd", start},
                {"ninedymd", end},
                {"skjninstymd", start},
                {"skjgnstymd", long_term},
                {"hkntekkbn", li.hkntekkbn},
                {"kyoukaisoukbn", li.kyoukaisoukbn},
                {"opid", op},
                {"creymd", today},
                {"upymd", today},
                {"uphms", time}},
               {"termid"}, {});
  else
    insert_row(conn, "tbl_tnkrrk",
               {{"hospnum", hospnum},
                {"ptid", ptid},
                {"stymd", start},
                {"edymd", end},
                {"rri_fukushi_kbn", li.rri_fukushi_kbn},
                {"skjninstymd", start},
                {"hkntekkbn", li.hkntekkbn},
                {"kyoukaisoukbn", li.kyoukaisoukbn},
                {"opid", op},
                {"creymd", today},
                {"upymd", today},
                {"uphms", time}},
               {"termid"}, {});
  out.written += std::string(out.written.empty() ? "" : ", ") + name + " " + start + "-" + end;
  return HostRefusal::none;
}

/// The limit consent as ORCGP029 2119 records it: ONSGENDO01 = today, the earlier dates after it
/// (ONSGENDO02 ... 99, a date of today not repeated); nothing when ONSGENDO01 is today already.
void record_limit_consent(db::Connection& conn, int hospnum, long long ptid,
                          const std::string& today, const std::string& time,
                          const std::string& op) {
  db::Result r = conn.exec_prepared(
      "SELECT ckey, coalesce(cdata, '') FROM tbl_ptconf WHERE hospnum = $1::integer "
      "  AND ptid = $2::bigint AND ckey LIKE 'ONSGENDO%' ORDER BY ckey",
      {hospnum, ptid});
  if (r.rows() > 0 && r.text(0, 0) == "ONSGENDO01" && r.text(0, 1).substr(0, 8) == today) return;
  conn.exec_prepared(
      "DELETE FROM tbl_ptconf WHERE hospnum = $1::integer AND ptid = $2::bigint "
      "  AND ckey LIKE 'ONSGENDO%'",
      {hospnum, ptid});
  std::vector<std::string> dates{today};
  for (int i = 0; i < r.rows() && dates.size() < 99; ++i)
    if (r.text(i, 1) != today) dates.push_back(r.text(i, 1));
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const std::string key = std::string(i < 9 ? "ONSGENDO0" : "ONSGENDO") + std::to_string(i + 1);
    insert_row(conn, "tbl_ptconf",
               {{"hospnum", hospnum},
                {"ptid", ptid},
                {"ckey", key},
                {"cdata", dates[i]},
                {"opid", op},
                {"creymd", today},
                {"upymd", today},
                {"uphms", time}},
               {"termid"}, {});
  }
}

}  // namespace

LowIncome low_income_row(const LimitCertificate& c) {
  LowIncome li;
  if (c.classification != "02" && c.classification != "03") return li;
  const std::string& f = c.flag;
  if (f == "A05" || f == "A06" || f == "B05")
    li.level = 2;
  else if (f == "B06" || f == "B07" || f == "B08")
    li.level = 1;
  else
    return li;
  li.hkntekkbn = c.classification == "02" ? "0" : "3";
  li.kyoukaisoukbn = f == "A06" || f == "B08" ? "1" : "0";
  if (li.level == 1) li.rri_fukushi_kbn = f == "B07" ? "1" : "0";
  return li;
}

HostRefusal apply_limit(db::Connection& conn, int hospnum, long long ptid,
                        const LimitCertificate& cert, long long prefer_hknid,
                        const std::string& today, const std::string& opid, AppliedInsurance& out) {
  const auto [kohnum, jkysnum] = limit_certificate_row(cert);
  const LowIncome li = low_income_row(cert);
  // 70歳以上 現役並みⅢ, 一般, 一般Ⅱ, 一般Ⅰ (01/B01, B04, B09, B10): ORCA keeps no row (their copay
  // is the insurance's rate), but registration still records the consent date (fact sheet 1.5,
  // 1.6; ORCGP029 2119). Any other category without a row is unknown to ORCA too.
  const bool consent_only =
      kohnum.empty() && li.level == 0 && cert.classification == "01" &&
      (cert.flag == "B01" || cert.flag == "B04" || cert.flag == "B09" || cert.flag == "B10");
  if (kohnum.empty() && li.level == 0 && !consent_only) return HostRefusal::no_certificate;
  if (ended(cert.valid_end, today)) return HostRefusal::expired;
  if (consent_only) {
    const std::string op = opid.substr(0, 16), time = local_time6();
    if (conn.exec_prepared("SELECT 1 FROM tbl_ptconf WHERE hospnum = $1::integer "
                           "AND ptid = $2::bigint AND ckey = 'ONSGENDO01' "
                           "AND substr(cdata, 1, 8) = $3::text",
                           {hospnum, ptid, today})
            .rows() > 0)
      return HostRefusal::already_registered;
    record_limit_consent(conn, hospnum, ptid, today, time, op);
    out.written += std::string(out.written.empty() ? "" : ", ") + "ONSGENDO01 " + today +
                   " (category " + cert.flag + ": no row)";
    if (const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today))
      out.hknid = row->hknid;
    return HostRefusal::none;
  }
  const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today);
  if (!row && !kohnum.empty()) return HostRefusal::no_insurance;
  const std::string op = opid.substr(0, 16), time = local_time6();
  // ORCSONSHI002 2201: the start moves to the 1st of its month when it is neither the
  // insurance's start nor a 1st and lies in this month; the end (blank, zero, all 9: open)
  // moves to its month's end unless it is the insurance's end. The insurance = the returned one
  // (its elderly certificate's period when it came with one), else the registered one.
  const std::string ins_from = !cert.insurance_from.empty() ? cert.insurance_from
                               : row                        ? row->from
                                                            : std::string();
  const std::string ins_to = !cert.insurance_from.empty() ? cert.insurance_to
                             : row                        ? row->to
                                                          : std::string();
  std::string start = is_date(cert.valid_start) ? cert.valid_start : today;
  if (start != ins_from && start.substr(6) != "01" && start.substr(0, 6) == today.substr(0, 6))
    start = start.substr(0, 6) + "01";
  std::string end = cert.valid_end;
  if (!is_date(end) || end == "00000000" || end == "99999999")
    end = "99999999";
  else if (end != ins_to)
    end = month_end(conn, end);
  if (end < start) return HostRefusal::no_certificate;
  bool wrote = false;
  if (!kohnum.empty()) {
    KohDates d{start, end, ""};
    apply_master(conn, hospnum, kohnum, today, d);
    if (d.end < d.start) return HostRefusal::no_certificate;
    const HostRefusal r =
        put_public_expense(conn, hospnum, ptid, *row, kohnum, jkysnum, d, today, time, op, out);
    if (r != HostRefusal::none && r != HostRefusal::already_registered) return r;
    wrote = r == HostRefusal::none;
  }
  if (li.level) {
    const std::string long_term =
        li.level == 2 && is_date(cert.long_term) ? cert.long_term : std::string();
    const HostRefusal r =
        put_low_income(conn, hospnum, ptid, li, start, end, long_term, today, time, op, out);
    if (r != HostRefusal::none && r != HostRefusal::already_registered) return r;
    wrote = wrote || r == HostRefusal::none;
  }
  if (!wrote) return HostRefusal::already_registered;
  // The patient's consent to the limit information (the caller checked flag 1).
  record_limit_consent(conn, hospnum, ptid, today, time, op);
  if (row) out.hknid = row->hknid;
  return HostRefusal::none;
}

std::string disease_kohnum(const DiseaseCertificate& c) {
  std::string v = trimmed(c.self_pay);
  while (!v.empty() && v.front() == ' ') v.erase(0, 1);
  if (trimmed(c.category).empty() || v.empty() ||
      v.find_first_not_of("0123456789") != std::string::npos)
    return "";
  while (v.size() > 1 && v.front() == '0') v.erase(0, 1);
  if (v == "10000") return "972";
  if (v == "20000") return "974";
  return "";
}

HostRefusal apply_disease(db::Connection& conn, int hospnum, long long ptid,
                          const std::vector<DiseaseCertificate>& certs, long long prefer_hknid,
                          const std::string& today, const std::string& opid,
                          AppliedInsurance& out) {
  // ORCSONSHI002 2202: one row only, from the first certificate with a limit ORCA knows.
  const DiseaseCertificate* cert = nullptr;
  std::string kohnum;
  for (const DiseaseCertificate& c : certs)
    if (!(kohnum = disease_kohnum(c)).empty()) {
      cert = &c;
      break;
    }
  if (!cert) return HostRefusal::no_certificate;
  if (ended(cert->valid_end, today)) return HostRefusal::expired;
  const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today);
  if (!row) return HostRefusal::no_insurance;
  const std::string op = opid.substr(0, 16), time = local_time6();
  KohDates d;
  d.start = is_date(cert->valid_start) ? cert->valid_start : today;
  d.end = is_date(cert->valid_end) && cert->valid_end != "00000000" ? cert->valid_end : "99999999";
  apply_master(conn, hospnum, kohnum, today, d);
  if (d.end < d.start) return HostRefusal::no_certificate;
  const HostRefusal r =
      put_public_expense(conn, hospnum, ptid, *row, kohnum, "", d, today, time, op, out);
  if (r == HostRefusal::none) out.hknid = row->hknid;
  return r;
}

HostRefusal apply_elderly(db::Connection& conn, int hospnum, long long ptid,
                          const ReturnedCard& card, const ElderlyCertificate& cert,
                          long long prefer_hknid, const std::string& today, const std::string& opid,
                          AppliedInsurance& out) {
  if (!is_date(cert.valid_start) && trimmed(cert.rate).empty()) return HostRefusal::no_certificate;
  if (ended(cert.valid_end, today)) return HostRefusal::expired;
  const std::optional<Row> row = current_row(conn, hospnum, ptid, prefer_hknid, today);
  if (!row) return HostRefusal::no_insurance;
  // The certificate belongs to the returned card: never written onto another insurance.
  if (row->insurer != insurer_of(card) ||
      text::card_key(row->symbol) != text::card_key(card.symbol) ||
      text::card_key(row->number) != text::card_key(card.number))
    return HostRefusal::card_differs;
  const std::string op = opid.substr(0, 16), time = local_time6();
  std::string hojokbn = copay_class(row->hknnum, cert.rate);
  if (hojokbn.empty()) hojokbn = row->hojokbn;
  const std::string row_to = row->to.empty() ? "99999999" : row->to;
  std::string acquired = row->acquired, from = row->from, to = row_to;
  // ORCGP02 30102: card class 05 (資格証明書) takes the copay rate only; else the acquisition
  // date (the card's own first), the start and the end (blank: open) of the certificate.
  if (card.card_class != "05" && is_date(cert.valid_start)) {
    acquired = is_date(card.acquired) ? card.acquired : cert.valid_start;
    from = cert.valid_start;
    to = is_date(cert.valid_end) && cert.valid_end != "00000000" ? cert.valid_end : "99999999";
    if (to < from) to = row_to;
  }
  if (acquired == row->acquired && from == row->from && to == row_to && hojokbn == row->hojokbn)
    return HostRefusal::already_registered;
  conn.exec_prepared(
      "UPDATE tbl_pthkninf SET skkgetymd = $4::text, tekstymd = $5::text, tekedymd = $6::text, "
      "  hojokbn = $7::text, opid = $8::text, upymd = $9::text, uphms = $10::text "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint",
      {hospnum, ptid, row->hknid, acquired, from, to, hojokbn, op, today, time});
  // Confirmed today (the previous date into ORCA's history); the combinations follow.
  set_confirmation_date(conn, hospnum, ptid, row->hknid, today, op);
  out.hkncombinum = follow_combinations(conn, hospnum, ptid, row->hknid, row->hknnum, row->family,
                                        hojokbn, from, to, today, time, op);
  out.hknid = row->hknid;
  out.hknnum = row->hknnum;
  out.written += std::string(out.written.empty() ? "" : ", ") + "hknid " +
                 std::to_string(row->hknid) + " " + from + "-" + to + " hojokbn " +
                 (hojokbn.empty() ? "-" : hojokbn);
  return HostRefusal::none;
}

bool restore_images(db::Connection& conn, int hospnum, long long ptid, const std::string& before,
                    const std::string& after) {
  // Only the tables the after image holds (an apply recorded before a table was imaged).
  db::Result same = conn.exec_prepared(
      "SELECT (SELECT coalesce(jsonb_object_agg(i.key, i.value), '{}'::jsonb) "
      "  FROM jsonb_each((" +
          images_sql() + ")) i WHERE $3::jsonb ? i.key) = ($3::jsonb - 'onshi_confirmation')",
      {hospnum, ptid, after});
  if (same.text(0, 0) != "t") return false;
  for (const ImagedTable& t : kImaged) {
    const std::string table = t.table;
    const std::string sets =
        "WITH b AS (SELECT e FROM jsonb_array_elements($3::jsonb -> '" + table +
        "') e), a AS (SELECT e FROM jsonb_array_elements($4::jsonb -> '" + table + "') e) ";
    // Rows of the after image that the before image does not have (new or changed) go ...
    conn.exec_prepared(sets + "DELETE FROM " + table +
                           " t WHERE t.hospnum = $1::integer AND t.ptid = $2::bigint "
                           "AND to_jsonb(t) IN (SELECT e FROM a EXCEPT SELECT e FROM b)",
                       {hospnum, ptid, before, after});
    // ... and the before image's rows that the after image does not have come back, as they were.
    conn.exec_prepared(sets + "INSERT INTO " + table +
                           " SELECT (jsonb_populate_record(NULL::" + table +
                           ", s.e)).* FROM (SELECT e FROM b EXCEPT SELECT e FROM a) s "
                           "WHERE $1::integer IS NOT NULL AND $2::bigint IS NOT NULL",
                       {hospnum, ptid, before, after});
  }
  return true;
}

}  // namespace onshi::host
