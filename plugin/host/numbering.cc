// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/numbering.h"

#include <cstdio>

#include "common/clock.h"
#include "db/connection.h"

namespace onshi::host {
namespace {

std::string field(const std::string& s, std::size_t pos1, std::size_t len) {
  std::string padded = s;
  if (padded.size() < pos1 - 1 + len) padded.resize(pos1 - 1 + len, ' ');
  return padded.substr(pos1 - 1, len);
}

long long number(const std::string& digits) {
  long long v = 0;
  bool any = false;
  for (char c : digits) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
    any = true;
  }
  return any ? v : 0;
}

std::string zero_padded(long long v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, v);
  return buf;
}

/// Japanese era year of a Gregorian year as ORCA's 3 characters: era digit + 2-digit year
/// (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和; 2025 -> "507").
std::string era_year(int y) {
  if (y >= 2019) return "5" + zero_padded(y - 2018, 2);
  if (y >= 1989) return "4" + zero_padded(y - 1988, 2);
  if (y >= 1926) return "3" + zero_padded(y - 1925, 2);
  if (y >= 1912) return "2" + zero_padded(y - 1911, 2);
  return "1" + zero_padded(y - 1867, 2);
}

const char* const kSettingsRow =
    "SELECT kanritbl, styukymd, edyukymd FROM tbl_syskanri "
    "WHERE hospnum = $1::integer AND kanricd = '1009' AND kbncd = '*' "
    "  AND styukymd <= $2::text AND edyukymd >= $2::text "
    "ORDER BY styukymd DESC LIMIT 1 FOR UPDATE";

}  // namespace

PatientNumberSettings parse_patient_number_settings(const std::string& t) {
  PatientNumberSettings s;
  s.composition = field(t, 1, 1)[0];
  s.standard_type = field(t, 5, 1)[0];
  s.year_kind = field(t, 6, 1)[0];
  s.serial_digits = static_cast<int>(number(field(t, 8, 2)));
  s.year = field(t, 17, 4);
  s.last_serial = number(field(t, 21, 10));
  s.last_ptid = number(field(t, 31, 10));
  return s;
}

std::string format_patient_number(const PatientNumberSettings& s, long long serial) {
  if (s.composition != '2')
    throw NumberingError(
        "composition",
        std::string("the host's patient numbers are of ") +
            (s.composition == '1'   ? "free"
             : s.composition == '3' ? "extended"
                                    : "unknown") +
            " composition (system management 1009): they are not issued automatically");
  if (s.standard_type == '1' || s.standard_type == '3')
    throw NumberingError("check_digit",
                         "the host's patient numbers carry a check digit: register the patient on "
                         "the host's registration screen");
  if (s.standard_type != '2' && s.standard_type != '4')
    throw NumberingError("composition",
                         "unknown standard composition type in system management 1009");
  if (s.serial_digits < 1 || s.serial_digits > 10)
    throw NumberingError("composition", "the serial length in system management 1009 is not set");
  std::string serial_part = zero_padded(serial, s.serial_digits);
  if (s.standard_type == '4') return serial_part;
  const int year = static_cast<int>(number(s.year));
  if (year <= 0)
    throw NumberingError("composition", "the serial's year in system management 1009 is not set");
  return (s.year_kind == '1' ? era_year(year) : zero_padded(year, 4)) + serial_part;
}

IssuedNumbers issue_patient_numbers(db::Connection& conn, int hospnum, const std::string& today,
                                    const std::string& opid,
                                    const std::optional<std::string>& ptnum) {
  db::Result row = conn.exec(kSettingsRow, {hospnum, today});
  if (row.rows() == 0)
    throw NumberingError("no_settings",
                         "the host has no patient-number settings (system management 1009) for "
                         "facility " +
                             std::to_string(hospnum));
  const std::string kanritbl = row.text(0, row.column("kanritbl"));
  PatientNumberSettings s = parse_patient_number_settings(kanritbl);
  IssuedNumbers out;

  // Internal id: the last issued + 1 (all 9s start again at 1), never one already in use.
  long long ptid = s.last_ptid;
  for (int guard = 0;; ++guard) {
    ptid = ptid >= 9999999999LL ? 1 : ptid + 1;
    db::Result used = conn.exec(
        "SELECT (SELECT count(*) FROM tbl_ptinf WHERE hospnum = $1::integer AND ptid = $2::bigint) "
        "+ "
        "       (SELECT count(*) FROM tbl_ptnum WHERE hospnum = $1::integer AND ptid = $2::bigint)",
        {hospnum, ptid});
    if (used.integer(0, 0) == 0) break;
    if (guard > 100000)
      throw NumberingError("exhausted", "no free patient id near the host's counter");
  }
  out.ptid = ptid;

  long long serial = s.last_serial;
  if (ptnum) {
    out.ptnum = *ptnum;
  } else {
    long long max_serial = 1;
    for (int i = 0; i < s.serial_digits && i < 18; ++i) max_serial *= 10;
    --max_serial;
    for (int guard = 0;; ++guard) {
      if (serial >= max_serial) {
        if (s.standard_type == '4' || s.standard_type == '3')
          throw NumberingError(
              "exhausted",
              "the host's patient-number serial is exhausted (system management 1009)");
        serial = 0;  // year-based numbers wrap, as ORCA does (its warning 8000)
      }
      ++serial;
      std::string candidate = format_patient_number(s, serial);
      db::Result used = conn.exec(
          "SELECT count(*) FROM tbl_ptnum WHERE hospnum = $1::integer AND ptnum = $2::bpchar",
          {hospnum, candidate});
      if (used.integer(0, 0) == 0) {
        out.ptnum = candidate;
        break;
      }
      if (guard > 100000)
        throw NumberingError("exhausted", "no free patient number near the host's counter");
    }
  }

  // Only the counters move: positions 21-30 (serial) and 31-40 (ptid); trailing blanks are not
  // kept by ORCA either.
  std::string updated = kanritbl;
  if (updated.size() < 40) updated.resize(40, ' ');
  if (!ptnum) updated.replace(20, 10, zero_padded(serial, 10));
  updated.replace(30, 10, zero_padded(ptid, 10));
  while (!updated.empty() && updated.back() == ' ') updated.pop_back();
  db::Result written = conn.exec(
      "UPDATE tbl_syskanri SET kanritbl = $5::text, opid = $6::text, upymd = $7::text, "
      "  uphms = $8::text "
      "WHERE hospnum = $1::integer AND kanricd = '1009' AND kbncd = '*' "
      "  AND styukymd = $2::bpchar AND edyukymd = $3::bpchar AND kanritbl = $4::text",
      {hospnum, row.text(0, row.column("styukymd")), row.text(0, row.column("edyukymd")), kanritbl,
       updated, opid.substr(0, 16), local_date8(), local_time6()});
  // The row is locked; a text that did not come back byte for byte (it never should: digits
  // and spaces) must not leave the counters behind, or the next patient would reuse these.
  if (written.affected() != 1)
    throw NumberingError("no_settings",
                         "the patient-number settings (system management 1009) could not be "
                         "updated");
  return out;
}

long long next_public_expense_id(db::Connection& conn, int hospnum, long long ptid,
                                 const std::string& today, const std::string& opid) {
  return conn
      .exec_prepared(
          "UPDATE tbl_ptnum p SET kohid = greatest(p.kohid, (SELECT coalesce(max(k.kohid), 0) "
          "  FROM tbl_ptkohinf k WHERE k.hospnum = p.hospnum AND k.ptid = p.ptid)) + 1, "
          "  opid = $3::text, upymd = $4::text, uphms = $5::text "
          "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint RETURNING p.kohid",
          {hospnum, ptid, opid.substr(0, 16), today, local_time6()})
      .integer(0, 0);
}

int next_combination_number(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& today, const std::string& opid) {
  return static_cast<int>(
      conn.exec_prepared(
              "UPDATE tbl_ptnum p SET autocombinum = greatest(p.autocombinum, "
              "  (SELECT coalesce(max(c.hkncombinum), 0) FROM tbl_hkncombi c "
              "   WHERE c.hospnum = p.hospnum AND c.ptid = p.ptid AND c.hkncombinum < 9000)) + 1, "
              "  opid = $3::text, upymd = $4::text, uphms = $5::text "
              "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint RETURNING p.autocombinum",
              {hospnum, ptid, opid.substr(0, 16), today, local_time6()})
          .integer(0, 0));
}

}  // namespace onshi::host
