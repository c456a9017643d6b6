// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/patients.h"

#include "db/connection.h"
#include "text/normalize.h"

namespace onshi::host {
namespace {

using match::Coverage;
using match::Patient;

// The patient columns of every linker query.
const char* const kPatientColumns =
    "p.ptid, rtrim(n.ptnum) AS ptnum, coalesce(p.tstptnumkbn, '') = '1' AS test_patient, "
    "coalesce(p.name, '') AS name, coalesce(p.kananame, '') AS kananame, "
    "coalesce(p.birthday, '') AS birthday, coalesce(p.sex, '') AS sex";

Patient patient_at(const db::Result& r, int row) {
  Patient p;
  p.ptid = r.integer(row, r.column("ptid"));
  p.ptnum = r.text(row, r.column("ptnum"));
  p.test_patient = r.text(row, r.column("test_patient")) == "t";
  p.name = r.text(row, r.column("name"));
  p.kananame = r.text(row, r.column("kananame"));
  p.birthday = r.text(row, r.column("birthday"));
  p.sex = r.text(row, r.column("sex"));
  return p;
}

std::vector<Coverage> coverages(const db::Result& r) {
  std::vector<Coverage> out;
  const int id = r.column("coverage_id"), kind = r.column("coverage_kind"),
            branch = r.column("branch"), family = r.column("family");
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({patient_at(r, i), static_cast<int>(r.integer(i, id)), r.text(i, kind),
                   r.text(i, branch), r.text(i, family)});
  return out;
}

}  // namespace

std::optional<Patient> PgPatientSource::by_ptnum(const std::string& ptnum) {
  forget();
  db::Result r = conn_.exec_prepared(std::string("SELECT ") + kPatientColumns +
                                         " FROM tbl_ptnum n JOIN tbl_ptinf p USING (hospnum, ptid)"
                                         " WHERE n.hospnum = $1::integer AND n.ptnum = $2::bpchar",
                                     {hospnum_, ptnum});
  if (r.rows() != 1) return std::nullopt;
  return patient_at(r, 0);
}

std::optional<Patient> PgPatientSource::by_reference_number(const std::string& ref) {
  // One statement: the facility's reference_number_source (read with the lookup, so that a
  // changed setting applies to the next file) picks the branch. 'ptid': internal ids as
  // reference numbers, digits only, never a patient number that looks alike; else (the
  // default, also without a facility row) the patient number.
  const bool digits =
      !ref.empty() && ref.size() <= 18 && ref.find_first_not_of("0123456789") == std::string::npos;
  db::Connection::Statement lookup{
      std::string("SELECT ") + kPatientColumns +
          " FROM tbl_ptnum n JOIN tbl_ptinf p USING (hospnum, ptid)"
          " WHERE n.hospnum = $1::integer AND n.ptnum = $2::bpchar AND NOT EXISTS (SELECT 1 FROM"
          " onshi_facility f WHERE f.hospnum = $1::integer AND f.reference_number_source = 'ptid')"
          " UNION ALL SELECT " +
          kPatientColumns +
          " FROM tbl_ptinf p LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
          " WHERE p.hospnum = $1::integer AND p.ptid = $3::bigint AND EXISTS (SELECT 1 FROM"
          " onshi_facility f WHERE f.hospnum = $1::integer AND f.reference_number_source = 'ptid')",
      {hospnum_, ref, digits ? db::Param(std::stoll(ref)) : db::Param()}};
  db::Result r;
  if (expected_.size() == 3) {  // the card the linker checks next, in the same round trip
    std::vector<db::Result> both = conn_.exec_prepared_batch(
        {std::move(lookup), card_statement(expected_[0], expected_[1], expected_[2])});
    r = std::move(both[0]);
    fetched_card_ = std::move(expected_);
    expected_.clear();
    fetched_ = std::move(both[1]);
    fetched_at_ = conn_.calls();
  } else {
    forget();
    r = conn_.exec_prepared(lookup.sql, lookup.params);
  }
  if (r.rows() != 1) return std::nullopt;
  return patient_at(r, 0);
}

std::optional<Patient> PgPatientSource::by_ptid(long long ptid) {
  forget();
  db::Result r =
      conn_.exec_prepared(std::string("SELECT ") + kPatientColumns +
                              " FROM tbl_ptinf p LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
                              " WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint",
                          {hospnum_, ptid});
  if (r.rows() != 1) return std::nullopt;
  return patient_at(r, 0);
}

void PgPatientSource::expect_card(const std::string& insurer, const std::string& symbol,
                                  const std::string& number) {
  forget();
  expected_ = {insurer, symbol, number};
}

std::vector<Coverage> PgPatientSource::by_card(const std::string& insurer,
                                               const std::string& symbol,
                                               const std::string& number) {
  if (fetched_ && fetched_at_ == conn_.calls() &&
      fetched_card_ == std::vector<std::string>{insurer, symbol, number}) {
    // Fetched with the reference-number lookup just before, nothing run on the connection since.
    db::Result r = std::move(*fetched_);
    forget();
    return coverages(r);
  }
  forget();
  const db::Connection::Statement s = card_statement(insurer, symbol, number);
  return coverages(conn_.exec_prepared(s.sql, s.params));
}

db::Connection::Statement PgPatientSource::card_statement(const std::string& insurer,
                                                          const std::string& symbol,
                                                          const std::string& number) const {
  // ORCA keeps 記号・番号 full-width once staff entered them (older rows half-width): both sides
  // are compared as card keys (sql/0011 onshi_card_key, text::card_key), the number through our
  // index. Insurer numbers are left-justified in char(8). Deleted insurance never matches; a
  // blank flag may be SPACE, '' or NULL.
  return {std::string("SELECT ") + kPatientColumns +
              ", h.hknid AS coverage_id, coalesce(h.hknnum, '') AS coverage_kind, "
              "coalesce(rtrim(h.edaban), '') AS branch, coalesce(btrim(h.honkzkkbn), '') AS family"
              " FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid)"
              " LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
              " WHERE h.hospnum = $1::integer AND onshi_card_key(h.num) = $4::text"
              " AND btrim(h.hknjanum) = $2::text"
              " AND onshi_card_key(coalesce(h.kigo, '')) = $3::text"
              " AND coalesce(h.sakjokbn, '') <> '1'"
              " ORDER BY p.ptid, h.hknid",
          {hospnum_, insurer, text::card_key(symbol), text::card_key(number)}};
}

std::vector<Coverage> PgPatientSource::by_public_expense(const std::string& payer,
                                                         const std::string& recipient) {
  forget();
  return coverages(conn_.exec_prepared(
      std::string("SELECT ") + kPatientColumns +
          ", k.kohid AS coverage_id, coalesce(k.kohnum, '') AS coverage_kind, '' AS branch, "
          "'' AS family"
          " FROM tbl_ptkohinf k JOIN tbl_ptinf p USING (hospnum, ptid)"
          " LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
          " WHERE k.hospnum = $1::integer AND onshi_card_key(k.jkysnum) = $3::text"
          " AND btrim(k.ftnjanum) = $2::text AND coalesce(k.sakjokbn, '') <> '1'"
          " ORDER BY p.ptid, k.kohid",
      {hospnum_, payer, text::card_key(recipient)}));
}

std::vector<Patient> PgPatientSource::same_person(const std::string& kana_key,
                                                  const std::string& birthday,
                                                  const std::string& sex) {
  forget();
  // Birthdate and sex narrow it in SQL; the kana comparison needs our normalisation.
  db::Result r = conn_.exec_prepared(
      std::string("SELECT ") + kPatientColumns +
          " FROM tbl_ptinf p LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
          " WHERE p.hospnum = $1::integer AND p.birthday = $2::bpchar AND p.sex = $3::bpchar"
          " ORDER BY p.ptid",
      {hospnum_, birthday, sex});
  std::vector<Patient> out;
  for (int i = 0; i < r.rows(); ++i) {
    Patient p = patient_at(r, i);
    if (text::name_match_key(p.kananame) == kana_key) out.push_back(std::move(p));
  }
  return out;
}

std::optional<std::string> test_patient_flag(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT coalesce(tstptnumkbn, '') AS tstptnumkbn FROM tbl_ptinf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, r.column("tstptnumkbn"));
}

std::optional<std::string> patient_number(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT rtrim(ptnum) AS ptnum FROM tbl_ptnum WHERE hospnum = $1::integer AND ptid = "
      "$2::bigint",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return r.optional(0, r.column("ptnum"));
}

std::vector<long long> patients_by_number(db::Connection& conn, int hospnum,
                                          const std::string& ptnum) {
  db::Result r = conn.exec(
      "SELECT ptid FROM tbl_ptnum WHERE hospnum = $1::integer AND ptnum = btrim($2::text)::bpchar",
      {hospnum, ptnum});
  std::vector<long long> out;
  const int c = r.column("ptid");
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, c));
  return out;
}

std::optional<RequestPatient> request_patient(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT coalesce(p.tstptnumkbn, '') AS tstptnumkbn, nullif(btrim(n.ptnum), '') AS ptnum, "
      "coalesce(btrim(p.birthday), '') AS birthday "
      "FROM tbl_ptinf p LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
      "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  RequestPatient p;
  p.test_flag = r.text(0, r.column("tstptnumkbn"));
  p.ptnum = r.optional(0, r.column("ptnum"));
  p.birthday = r.text(0, r.column("birthday"));
  return p;
}

namespace {

/// One patient as the screens show it; `numbered`: only when the patient has a patient number.
std::optional<PatientSummary> summary(db::Connection& conn, int hospnum, long long ptid,
                                      bool numbered) {
  db::Result r = conn.exec_prepared(
      "SELECT coalesce(p.tstptnumkbn, '') AS tstptnumkbn, coalesce(rtrim(n.ptnum), '') AS ptnum, "
      "  n.ptid IS NOT NULL AS has_number, coalesce(p.name, '') AS name, "
      "  coalesce(p.kananame, '') AS kananame, coalesce(p.birthday, '') AS birthday, "
      "  coalesce(p.sex, '') AS sex, coalesce(btrim(p.home_post), '') AS post, "
      "  coalesce(rtrim(p.home_adrs), '') AS address "
      "FROM tbl_ptinf p LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
      "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint",
      {hospnum, ptid});
  if (r.rows() != 1) return std::nullopt;
  if (numbered && r.text(0, r.column("has_number")) != "t") return std::nullopt;
  PatientSummary p;
  p.ptid = ptid;
  p.test_flag = r.text(0, r.column("tstptnumkbn"));
  p.ptnum = r.text(0, r.column("ptnum"));
  p.name = r.text(0, r.column("name"));
  p.kananame = r.text(0, r.column("kananame"));
  p.birthday = r.text(0, r.column("birthday"));
  p.sex = r.text(0, r.column("sex"));
  p.post = r.text(0, r.column("post"));
  p.address = r.text(0, r.column("address"));
  return p;
}

}  // namespace

std::optional<PatientSummary> patient_details(db::Connection& conn, int hospnum, long long ptid) {
  return summary(conn, hospnum, ptid, false);
}

std::optional<PatientSummary> patient_with_number(db::Connection& conn, int hospnum,
                                                  long long ptid) {
  return summary(conn, hospnum, ptid, false);
}

std::optional<PatientSummary> patient_to_link(db::Connection& conn, int hospnum, long long ptid) {
  return summary(conn, hospnum, ptid, false);
}

std::optional<PatientSummary> numbered_patient(db::Connection& conn, int hospnum, long long ptid) {
  return summary(conn, hospnum, ptid, true);
}

}  // namespace onshi::host
