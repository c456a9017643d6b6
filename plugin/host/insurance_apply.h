// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A returned card applied to the host's insurance by staff, as ORCA's P033 and registration
/// (P02 + ORCGP029) write it (spec/orca52-host.md sections 1.2-1.4, 1.7, 6.2):
/// - no change (保険変更なし): the confirmation date of the matching insurance = today, the
///   previous one into ORCA's history (tbl_pthknrrk), an empty branch number filled;
/// - change (保険変更): the same insurance row (same hknid) updated in place with the returned
///   card, its combinations following (numbers kept), confirmation date and history as above;
/// - add (保険追加): a new insurance row (hknid = tbl_ptnum.hknid + 1) with its combination
///   (autocombinum + 1), the patient's main insurance that overlaps it ended the day before.
/// - limit certificate (限度額適用認定証, P034 公費追加/公費更新): the public-expense row ORCA's
///   registration writes for it (tbl_ptkohinf kohnum 966/967/946 with the category in jkysnum,
///   dates on ORCA's month rules) and a combination of the current insurance with it; an
///   existing row of the same category with another period gets the new end date.
/// Every ORCA column is written (SPACE/'' for blank, 99999999 for an open end, never NULL).
/// The caller holds the transaction and has locked the patient's rows (lock_patient_insurance).
///
/// Undo works on images: images() reads the patient's rows of tbl_ptnum, tbl_pthkninf,
/// tbl_pthknrrk, tbl_hkncombi and tbl_ptkohinf as one JSON object (each row as to_jsonb, ordered by
/// key); restore_images() puts the rows of a before image back exactly (byte for byte) when the
/// rows are still those of the after image.

#include <string>
#include <utility>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The card as returned (UTF-8, values as the result carries them).
struct ReturnedCard {
  std::string card_class, insurer, symbol, number, branch, family, insured_name;
  std::string acquired, valid_from, valid_to, copay_rate;
};

/// A limit certificate as returned (LimitApplicationCertificateRelatedInfo).
struct LimitCertificate {
  std::string classification;  ///< 01 限度額適用, 02 限度額適用・標準負担額減額, 03 標準負担額減額
  std::string flag;  ///< A01 ... B10
  std::string valid_start, valid_end;
};

/// ORCA's public-expense kind (kohnum) and recipient text (jkysnum) for a limit certificate
/// (spec/orca52-host.md 1.5); {"", ""} when ORCA keeps no row for it.
std::pair<std::string, std::string> limit_certificate_row(const LimitCertificate& c);

/// What an apply wrote.
struct AppliedInsurance {
  long long hknid = 0;        ///< the insurance confirmed, changed or added
  long long ended_hknid = 0;  ///< add: the insurance ended the day before (0 = none)
  int hkncombinum = 0;        ///< the combination created (0 = none)
  std::string hknnum;         ///< the insurance kind written (change, add)
  std::string ended_on;       ///< add: the old insurance's new end date
  long long kohid = 0;        ///< limit: the public-expense row written or updated
};

/// Why the host refuses an apply (the flow checks the result first).
enum class HostRefusal {
  none,
  no_patient,          ///< the patient has no tbl_ptnum row
  no_insurance,        ///< no current insurance to confirm or change
  card_differs,        ///< no change: the registered card is not the returned one
  already_registered,  ///< add: the same card is already valid
  bad_insurer,         ///< the insurer number gives no insurance kind (length)
  overlap,             ///< add: an insurance starting on/after the new start overlaps it
  no_certificate,      ///< limit: no certificate ORCA keeps a row for
};

/// Locks the patient's numbers row, insurance, combination and public-expense rows (FOR
/// UPDATE) until the transaction ends.
/// @return false when the patient has no tbl_ptnum row
bool lock_patient_insurance(db::Connection& conn, int hospnum, long long ptid);

/// The patient's rows as one JSON object (text): tbl_ptnum, tbl_pthkninf, tbl_pthknrrk,
/// tbl_hkncombi, tbl_ptkohinf, each an array of rows.
std::string images(db::Connection& conn, int hospnum, long long ptid);

/// 保険変更なし on the current insurance (`prefer_hknid` first when it qualifies).
HostRefusal apply_no_change(db::Connection& conn, int hospnum, long long ptid,
                            const ReturnedCard& card, long long prefer_hknid,
                            const std::string& today, const std::string& opid,
                            AppliedInsurance& out);

/// 保険変更 of the current insurance (`prefer_hknid` first when it qualifies).
HostRefusal apply_change(db::Connection& conn, int hospnum, long long ptid,
                         const ReturnedCard& card, long long prefer_hknid, const std::string& today,
                         const std::string& opid, AppliedInsurance& out);

/// 保険追加.
HostRefusal apply_add(db::Connection& conn, int hospnum, long long ptid, const ReturnedCard& card,
                      const std::string& today, const std::string& opid, AppliedInsurance& out);

/// The limit certificate into the host (P034 公費追加, or 公費更新 of the same category).
HostRefusal apply_limit(db::Connection& conn, int hospnum, long long ptid,
                        const LimitCertificate& cert, long long prefer_hknid,
                        const std::string& today, const std::string& opid, AppliedInsurance& out);

/// Puts the rows of `before` back where the patient's rows are those of `after` (JSON objects
/// from images()). @return false (nothing written) when the rows changed since `after`
bool restore_images(db::Connection& conn, int hospnum, long long ptid, const std::string& before,
                    const std::string& after);

}  // namespace onshi::host
