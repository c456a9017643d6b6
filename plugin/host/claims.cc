// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/claims.h"

#include "db/connection.h"
#include "text/normalize.h"

namespace onshi::host {
namespace {

/// Not deleted and valid on some day of the month $M (a parameter reference such as "$4").
std::string valid_in_month(const std::string& m) {
  return "coalesce(h.sakjokbn, '') <> '1' "
         "AND coalesce(btrim(h.tekstymd), '') <= to_char(to_date(" +
         m + "::text || '01', 'YYYYMMDD') + interval '1 month' - interval '1 day', 'YYYYMMDD') " +
         "AND (coalesce(btrim(h.tekedymd), '') = '' OR h.tekedymd >= (" + m + "::text || '01')) ";
}

}  // namespace

bool insurance_valid_in_month(db::Connection& conn, int hospnum, long long ptid, long long hknid,
                              const std::string& month) {
  return conn.exec(
                 "SELECT 1 FROM tbl_pthkninf h WHERE h.hospnum = $1::integer AND h.ptid = "
                 "$2::bigint AND h.hknid = $3::bigint AND " +
                     valid_in_month("$4"),
                 {hospnum, ptid, hknid, month})
             .rows() > 0;
}

std::optional<int> insurance_in_month_by_card(db::Connection& conn, int hospnum, long long ptid,
                                              const std::string& month, const std::string& insurer,
                                              const std::string& symbol,
                                              const std::string& number) {
  db::Result r = conn.exec(
      "SELECT h.hknid FROM tbl_pthkninf h WHERE h.hospnum = $1::integer AND h.ptid = $2::bigint "
      "AND btrim(h.hknjanum) = $3::text AND onshi_card_key(h.num) = $4::text "
      "AND onshi_card_key(coalesce(h.kigo, '')) = $5::text AND " +
          valid_in_month("$6") + "ORDER BY h.hknid DESC LIMIT 1",
      {hospnum, ptid, std::string(text::strip_insurer_padding(insurer)), text::card_key(number),
       text::card_key(symbol), month});
  if (r.rows() == 0) return std::nullopt;
  return static_cast<int>(r.integer(0, 0));
}

}  // namespace onshi::host
