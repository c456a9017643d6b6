// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance_kind.h"

#include "db/connection.h"

namespace onshi::host {
namespace {

bool digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// Law number (法別番号) -> hknnum when the host's master has no row for it.
std::string fixed_kind(const std::string& law) {
  if (law == "39") return "039";
  if (law == "01" || law == "02" || law == "03" || law == "04" || law == "06" || law == "07" ||
      law == "31" || law == "32" || law == "33" || law == "34" || law == "63" || law == "67")
    return "0" + law;
  return "";
}

}  // namespace

std::string insurance_kind(db::Connection& conn, int hospnum, const std::string& insurer,
                           const std::string& card_class, const std::string& today) {
  if (!digits(insurer) || (insurer.size() != 4 && insurer.size() != 6 && insurer.size() != 8))
    return "";
  std::string kind;
  db::Result has_master = conn.exec(
      "SELECT to_regclass('tbl_hknjainf') IS NOT NULL AS insurers, "
      "       to_regclass('tbl_hknnum') IS NOT NULL AS kinds");
  if (has_master.text(0, 0) == "t") {
    db::Result r = conn.exec(
        "SELECT btrim(hknnum) AS hknnum FROM tbl_hknjainf "
        "WHERE hospnum = $1::integer AND btrim(hknjanum) = $2::text AND btrim(hknnum) <> '' LIMIT "
        "1",
        {hospnum, insurer});
    if (r.rows()) kind = r.text(0, r.column("hknnum"));
  }
  if (kind.empty()) {
    if (insurer.size() == 4) {
      kind = "001";
    } else if (insurer.size() == 6) {
      kind = "060";
    } else {
      if (has_master.text(0, 1) == "t") {
        db::Result r = conn.exec(
            "SELECT hknnum FROM tbl_hknnum WHERE hospnum = $1::integer AND hbtnum = $2::bpchar "
            "  AND tekstymd <= $3::text AND tekedymd >= $3::text AND hknkohsbtkbn = '1' "
            "  AND btrim(coalesce(paykbn, '')) <> '' "
            "ORDER BY hknnum, tekstymd, paykbn LIMIT 1",
            {hospnum, insurer.substr(0, 2), today});
        if (r.rows()) kind = r.text(0, r.column("hknnum"));
      }
      if (kind.empty()) kind = fixed_kind(insurer.substr(0, 2));
    }
  }
  if (card_class == "05") {
    if (kind == "060")
      kind = "068";
    else if (kind == "067")
      kind = "069";
    else if (kind == "039")
      kind = "040";
  }
  return kind;
}

bool national_family(const std::string& k) {
  return k == "060" || k == "067" || k == "068" || k == "069" || k == "039" || k == "040";
}

std::string copay_class(const std::string& hknnum, const std::string& rate) {
  if (!digits(rate) || hknnum.empty() || hknnum[0] == '9') return "";
  const int r = std::stoi(rate);
  const char* const national[] = {"1", "2", "3"};
  const char* const other[] = {"9", "8", "7"};
  if (r != 10 && r != 20 && r != 30) return "";
  return (national_family(hknnum) ? national : other)[r / 10 - 1];
}

std::string copay_rate(const std::string& hknnum, const std::string& hojokbn) {
  if (hknnum.empty() || hknnum[0] == '9' || hojokbn.size() != 1) return "";
  const char c = hojokbn[0];
  if (national_family(hknnum)) return c >= '1' && c <= '3' ? std::string("0") + c + "0" : "";
  if (c == '9') return "010";
  if (c == '8') return "020";
  if (c == '7') return "030";
  const bool mutual = hknnum >= "031" && hknnum <= "034";
  if (mutual) return c == 'B' ? "010" : c == 'E' ? "020" : c == 'H' ? "030" : "";
  if (hknnum == "002" && c >= 'A' && c <= 'I') {
    // 船員: A-C 1割, D-F 2割, G-I 3割 (each 職務/下船/通勤).
    static const char* const rates[] = {"010", "020", "030"};
    return rates[(c - 'A') / 3];
  }
  return "";
}

}  // namespace onshi::host
