// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's insurance rows (tbl_pthkninf): the patient's current insurance on a date (one
/// definition for every request that identifies a patient by card), one row by id, and the rows
/// a returned result is compared with.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// One insurance row as a request sends it (values trimmed).
struct Insurance {
  int hknid = 0;
  std::string insurer;                ///< hknjanum
  std::optional<std::string> symbol;  ///< kigo; nullopt when none or blank
  std::string number;                 ///< num; "" when none
  std::optional<std::string> branch;  ///< edaban; nullopt when none or blank (never invented)
  bool deleted = false;               ///< sakjokbn '1' (only insurance_by_id reads it)
};

/// Which row is "current".
struct CurrentInsuranceQuery {
  /// The day it must be valid on (YYYYMMDD); nullopt: today on the database's local clock.
  std::optional<std::string> date;
  /// Only rows with an insured number (identification by card needs one).
  bool require_number = false;
  /// Rank this hknid first when it qualifies (the insurance a result matched).
  std::optional<int> prefer_hknid;
};

/// The patient's current insurance: not deleted, with an insurer number (and an insured number
/// when asked), valid on the date; several -> the one valid from the latest date, then the
/// highest hknid. nullopt when there is none.
std::optional<Insurance> current_insurance(db::Connection& conn, int hospnum, long long ptid,
                                           const CurrentInsuranceQuery& q);

/// The SQL condition of current_insurance() on the tbl_pthkninf row `alias`, valid on
/// `date_sql` (a parameter such as "$2::text"), for the statements in host/ that pick the
/// current insurance of many patients at once.
std::string current_insurance_condition(const std::string& alias, const std::string& date_sql,
                                        bool require_number);

/// The database's local date YYYYMMDD as SQL (the day "today" of current_insurance()).
extern const char* const kTodaySql;

/// One insurance row by id (deleted rows too: `deleted` tells). nullopt when absent.
std::optional<Insurance> insurance_by_id(db::Connection& conn, int hospnum, long long ptid,
                                         int hknid);

/// A registered insurance row as the result screens compare it (values trimmed, "" for NULL).
struct RegisteredInsurance {
  int hknid = 0;
  std::string insurer, symbol, number, branch;
  std::string family;                       ///< honkzkkbn
  std::string insured_name;                 ///< hihknjaname
  std::string kind;                         ///< hknnum
  std::string acquired, from, to, hojokbn;  ///< skkgetymd, tekstymd, tekedymd, copay class
};

/// The not-deleted row `hknid` of the patient.
std::optional<RegisteredInsurance> registered_insurance(db::Connection& conn, int hospnum,
                                                        long long ptid, int hknid);

/// The patient's not-deleted row with this insurer, number and symbol ("" = none), the newest
/// (highest hknid) when several.
std::optional<RegisteredInsurance> registered_insurance_by_card(db::Connection& conn, int hospnum,
                                                                long long ptid,
                                                                const std::string& insurer,
                                                                const std::string& number,
                                                                const std::string& symbol);

/// ORCA's kind (kohnum) of public assistance, 生活保護 (医療扶助): the public-expense row a
/// result of card class A1 belongs to (ORCSONSHI002 2401: payer numbers starting "12").
extern const char* const kPublicAssistanceKohnum;

/// A public-assistance row (tbl_ptkohinf, kohnum 012) as a request sends it: the verification
/// system is asked by 公費負担者番号 in the insurer number and 受給者番号 in the number, with no
/// symbol and no branch number (manual chapter 6, 資格情報照会（被保険者証）).
struct PublicAssistance {
  int kohid = 0;
  std::string payer;      ///< ftnjanum, trimmed
  std::string recipient;  ///< jkysnum as the card key (half-width, no spaces)
  bool deleted = false;   ///< sakjokbn '1' (only public_assistance_by_id reads it)
};

/// The SQL condition of current_public_assistance() on the tbl_ptkohinf row `alias`, valid on
/// `date_sql`: kohnum 012, not deleted, with a payer and a recipient number, valid that day.
std::string current_public_assistance_condition(const std::string& alias,
                                                const std::string& date_sql);

/// The patient's public-assistance row valid on `date` (YYYYMMDD); several -> the one valid from
/// the latest date, then the highest kohid. nullopt when there is none.
std::optional<PublicAssistance> current_public_assistance(db::Connection& conn, int hospnum,
                                                          long long ptid, const std::string& date);

/// One public-assistance row by id (deleted rows too). nullopt when absent or not kohnum 012.
std::optional<PublicAssistance> public_assistance_by_id(db::Connection& conn, int hospnum,
                                                        long long ptid, int kohid);

}  // namespace onshi::host
