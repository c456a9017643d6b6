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
///   existing row of the same category with another period gets the new end date. The
///   low-income categories (限度額適用・標準負担額減額 / 標準負担額減額) as ORCA's P024 writes
///   them (tbl_tsyrrk 低所得Ⅱ, tbl_tnkrrk 低所得Ⅰ), and the consent date (tbl_ptconf ONSGENDOnn);
/// - specific disease (特定疾病療養受療証): tbl_ptkohinf kohnum 972 / 974 the same way;
/// - elderly recipient (高齢受給者証): the dates and copay class of the matching insurance row.
/// A certificate whose end date has passed is refused; one registered and covering its end date
/// is "already registered" (nothing written).
/// Every ORCA column is written (SPACE/'' for blank, 99999999 for an open end, never NULL).
/// The caller holds the transaction and has locked the patient's rows (lock_patient_insurance).
///
/// Undo works on images: images() reads the patient's rows of tbl_ptnum, tbl_pthkninf,
/// tbl_pthknrrk, tbl_hkncombi, tbl_ptkohinf, tbl_tsyrrk, tbl_tnkrrk and tbl_ptconf as one JSON
/// object (each row as to_jsonb, ordered by key); restore_images() puts the rows of a before image
/// back exactly (byte for byte) when the rows are still those of the after image.

#include <string>
#include <utility>
#include <vector>

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
  std::string long_term;  ///< 長期入院該当年月日 (低所得Ⅱ), "" = none
  /// The returned insurance's period (the elderly certificate's when it came with one) that
  /// ORCA's month rules compare with; "" = the registered insurance's.
  std::string insurance_from, insurance_to;
};

/// The low-income row ORCA keeps for a limit certificate (spec/orca52-host.md 1.5, 1.6):
/// level 2 = 低所得Ⅱ (tbl_tsyrrk), 1 = 低所得Ⅰ (tbl_tnkrrk), 0 = none.
struct LowIncome {
  int level = 0;
  std::string hkntekkbn;  ///< 0 (限度額適用・標準負担額減額), 3 (標準負担額減額)
  std::string kyoukaisoukbn;    ///< 1 境界層
  std::string rri_fukushi_kbn;  ///< 低所得Ⅰ: 1 老齢福祉年金
};
LowIncome low_income_row(const LimitCertificate& c);

/// One specific-disease certificate as returned (SpecificDiseasesCertificateInfo).
struct DiseaseCertificate {
  std::string category, self_pay, valid_start, valid_end;
};

/// ORCA's kohnum for a specific-disease certificate: 972 (self pay 10000), 974 (20000), "".
std::string disease_kohnum(const DiseaseCertificate& c);

/// The elderly recipient certificate as returned (ElderlyRecipientCertificateInfo).
struct ElderlyCertificate {
  std::string valid_start, valid_end, rate;
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
  std::string written;        ///< certificates: what was written ("" = nothing)
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
  expired,             ///< the certificate's end date has passed
};

/// Locks the patient's numbers row, insurance, combination and public-expense rows (FOR
/// UPDATE) until the transaction ends.
/// @return false when the patient has no tbl_ptnum row
bool lock_patient_insurance(db::Connection& conn, int hospnum, long long ptid);

/// The patient's rows as one JSON object (text): tbl_ptnum, tbl_pthkninf, tbl_pthknrrk,
/// tbl_hkncombi, tbl_ptkohinf, each an array of rows.
std::string images(db::Connection& conn, int hospnum, long long ptid);

/// What decides the patient's copay, read from an images() object: `rate` of insurance `hknid`
/// from its kind and copay class (copay_rate(): "010", "020", "030"; "" none or no such row),
/// and the income `category` of the limit certificate as ORCA keeps it (spec/orca52-host.md
/// 1.6: ア..オ from kohnum 966/967, 現役並み１/２ from 946, 低所得２ (Ⅱ) from tbl_tsyrrk, 低所得１
/// (Ⅰ) from tbl_tnkrrk, joined by "+", in characters every host encoding has; "" none), counting
/// the rows not ended before `day`. ORCA computes the amount from these; staff see them before and
/// after an apply.
struct CopayState {
  std::string rate, category;
  bool operator==(const CopayState& o) const { return rate == o.rate && category == o.category; }
};
CopayState copay_state(db::Connection& conn, const std::string& images, long long hknid,
                       const std::string& day);

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

/// The first specific-disease certificate ORCA keeps a row for (972/974; P034 公費追加/公費更新).
HostRefusal apply_disease(db::Connection& conn, int hospnum, long long ptid,
                          const std::vector<DiseaseCertificate>& certs, long long prefer_hknid,
                          const std::string& today, const std::string& opid, AppliedInsurance& out);

/// The elderly recipient certificate into the insurance row of the returned card (refused when
/// the registered insurance is not that card): skkgetymd (the card's acquisition date first),
/// tekstymd, tekedymd from the certificate (only the copay class for card class 05), hojokbn
/// from its copay rate, confirmed today; its combinations follow.
HostRefusal apply_elderly(db::Connection& conn, int hospnum, long long ptid,
                          const ReturnedCard& card, const ElderlyCertificate& cert,
                          long long prefer_hknid, const std::string& today, const std::string& opid,
                          AppliedInsurance& out);

/// Puts the rows of `before` back where the patient's rows are those of `after` (JSON objects
/// from images()). @return false (nothing written) when the rows changed since `after`
bool restore_images(db::Connection& conn, int hospnum, long long ptid, const std::string& before,
                    const std::string& after);

}  // namespace onshi::host
