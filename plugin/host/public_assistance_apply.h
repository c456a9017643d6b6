// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A public-assistance result (医療扶助, card class A1) into the host the way ORCA's P033
/// (公費のみ反映) + registration write it (spec/orca52-host.md 1.5, 1.7, 6.2; ORCSONSHI002
/// 2401-KOHFUJYO-HEN, ORCGP02 30103/30104, ORCGP02W2 57013-SEIHO-HEN):
/// - the public-expense row (tbl_ptkohinf): kind from the insurer master for the payer number,
///   else 012 (生活保護) for a payer starting with 12; ftnjanum = the payer (公費負担者番号),
///   jkysnum = the recipient number (受給者番号) as returned (no full-width conversion);
///   tekstymd = the qualification's start (QualificationDate, which ORCA keeps as the public
///   expense's start for A1), moved to the kind's master start when that is later (the 2024/12
///   rule); tekedymd = DisqualificationDate, open (99999999) when none;
/// - compared with the registered rows of the same kind, payer and recipient (ORCGP02 30104):
///   the returned end within a registered row's period: nothing to do; another period: that
///   row's end date updated (公費更新, confirmed today); none: a new row (kohid = tbl_ptnum.kohid
///   + 1);
/// - its combinations (tbl_hkncombi, numbers autocombinum + 1): the public expense alone (hknid
///   0, 生保単独) for the part of its period no main insurance covers, and with each main
///   insurance for the part they share.
/// ORCA refuses insurance actions for an A1 result (P033 error 0021): there is no insurance here.
/// The caller holds the transaction and has locked the patient's rows.

#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The public-assistance qualification as returned (UTF-8, values as the result carries them).
struct ReturnedAssistance {
  std::string payer;         ///< InsurerNumber: 公費負担者番号
  std::string recipient;     ///< InsuredIdentificationNumber: 受給者番号
  std::string qualified;     ///< QualificationDate (YYYYMMDD or "")
  std::string disqualified;  ///< DisqualificationDate (YYYYMMDD or "")
  /// The medical tickets' validity (MedicalTicketValidDate, MedicalTicketExpirationDate).
  std::vector<std::pair<std::string, std::string>> tickets;
};

/// What apply_public_assistance() did or why it wrote nothing.
enum class AssistanceOutcome {
  added,       ///< a new public-expense row and its combinations
  extended,    ///< the registered row's end date updated (and its combinations')
  registered,  ///< the registered row covers the returned period: nothing to do
  no_numbers,  ///< no payer or recipient number (e.g. not entrusted yet)
  no_kind,     ///< the payer number gives no public-expense kind
  expired,     ///< the qualification or every medical ticket ended before today
};

struct AppliedAssistance {
  AssistanceOutcome outcome = AssistanceOutcome::no_numbers;
  long long kohid = 0;            ///< the row added, updated or found
  std::string kohnum;             ///< its kind
  std::string from, to;           ///< the returned period as ORCA stores it
  std::string previous_end;       ///< extended: the end date before
  std::vector<int> combinations;  ///< the combinations created
};

/// The public-expense kind ORCA gives a 医療扶助 payer number: the facility's insurer master
/// (tbl_hknjainf, when the host has it), else 012 for a payer starting with 12; "" otherwise.
std::string assistance_kind(db::Connection& conn, int hospnum, const std::string& payer);

/// Writes the result's public-expense row and combinations for patient `ptid` (see the file
/// comment), confirmed `today` by `opid`.
AppliedAssistance apply_public_assistance(db::Connection& conn, int hospnum, long long ptid,
                                          const ReturnedAssistance& a, const std::string& today,
                                          const std::string& opid);

/// "added", "extended", "registered", "no_numbers", "no_kind", "expired".
const char* assistance_outcome_name(AssistanceOutcome o);

}  // namespace onshi::host
