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
    "p.ptid, rtrim(n.ptnum) AS ptnum, p.tstptnumkbn = '1' AS test_patient, "
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
            branch = r.column("branch");
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({patient_at(r, i), static_cast<int>(r.integer(i, id)), r.text(i, kind),
                   r.text(i, branch)});
  return out;
}

}  // namespace

std::optional<Patient> PgPatientSource::by_ptnum(const std::string& ptnum) {
  db::Result r = conn_.exec_prepared(std::string("SELECT ") + kPatientColumns +
                                         " FROM tbl_ptnum n JOIN tbl_ptinf p USING (hospnum, ptid)"
                                         " WHERE n.hospnum = $1 AND rtrim(n.ptnum) = $2",
                                     {hospnum_, ptnum});
  if (r.rows() != 1) return std::nullopt;
  return patient_at(r, 0);
}

std::optional<Patient> PgPatientSource::by_ptid(long long ptid) {
  db::Result r = conn_.exec_prepared(std::string("SELECT ") + kPatientColumns +
                                         " FROM tbl_ptinf p LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
                                         " WHERE p.hospnum = $1 AND p.ptid = $2",
                                     {hospnum_, ptid});
  if (r.rows() != 1) return std::nullopt;
  return patient_at(r, 0);
}

std::vector<Coverage> PgPatientSource::by_card(const std::string& insurer,
                                               const std::string& symbol,
                                               const std::string& number) {
  // Stored values may carry padding; compare trimmed. Deleted insurance never matches.
  return coverages(conn_.exec_prepared(
      std::string("SELECT ") + kPatientColumns +
          ", h.hknid AS coverage_id, coalesce(h.hknnum, '') AS coverage_kind, "
          "coalesce(rtrim(h.edaban), '') AS branch"
          " FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid)"
          " LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
          " WHERE h.hospnum = $1 AND btrim(h.hknjanum) = $2"
          " AND btrim(coalesce(h.kigo, '')) = $3 AND btrim(h.num) = $4"
          " AND coalesce(h.sakjokbn, '0') <> '1'"
          " ORDER BY p.ptid, h.hknid",
      {hospnum_, insurer, symbol, number}));
}

std::vector<Coverage> PgPatientSource::by_public_expense(const std::string& payer,
                                                         const std::string& recipient) {
  return coverages(conn_.exec_prepared(
      std::string("SELECT ") + kPatientColumns +
          ", k.kohid AS coverage_id, coalesce(k.kohnum, '') AS coverage_kind, '' AS branch"
          " FROM tbl_ptkohinf k JOIN tbl_ptinf p USING (hospnum, ptid)"
          " LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
          " WHERE k.hospnum = $1 AND btrim(k.ftnjanum) = $2 AND btrim(k.jkysnum) = $3"
          " AND coalesce(k.sakjokbn, '0') <> '1'"
          " ORDER BY p.ptid, k.kohid",
      {hospnum_, payer, recipient}));
}

std::vector<Patient> PgPatientSource::same_person(const std::string& kana_key,
                                                  const std::string& birthday,
                                                  const std::string& sex) {
  // Birthdate and sex narrow it in SQL; the kana comparison needs our normalisation.
  db::Result r = conn_.exec_prepared(std::string("SELECT ") + kPatientColumns +
                                         " FROM tbl_ptinf p LEFT JOIN tbl_ptnum n USING (hospnum, ptid)"
                                         " WHERE p.hospnum = $1 AND p.birthday = $2 AND p.sex = $3"
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
  db::Result r = conn.exec("SELECT tstptnumkbn FROM tbl_ptinf WHERE hospnum = $1 AND ptid = $2",
                           {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, r.column("tstptnumkbn"));
}

std::optional<std::string> patient_number(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT rtrim(ptnum) AS ptnum FROM tbl_ptnum WHERE hospnum = $1 AND ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return r.optional(0, r.column("ptnum"));
}

std::vector<long long> patients_by_number(db::Connection& conn, int hospnum,
                                          const std::string& ptnum) {
  db::Result r =
      conn.exec("SELECT ptid FROM tbl_ptnum WHERE hospnum = $1 AND btrim(ptnum) = btrim($2)",
                {hospnum, ptnum});
  std::vector<long long> out;
  const int c = r.column("ptid");
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, c));
  return out;
}

std::optional<RequestPatient> request_patient(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT p.tstptnumkbn, nullif(btrim(n.ptnum), '') AS ptnum, "
      "coalesce(btrim(p.birthday), '') AS birthday "
      "FROM tbl_ptinf p LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
      "WHERE p.hospnum = $1 AND p.ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  RequestPatient p;
  p.test_flag = r.text(0, r.column("tstptnumkbn"));
  p.ptnum = r.optional(0, r.column("ptnum"));
  p.birthday = r.text(0, r.column("birthday"));
  return p;
}

std::optional<PatientSummary> patient_details(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT coalesce(name, '') AS name, coalesce(kananame, '') AS kananame, "
      "coalesce(birthday, '') AS birthday, coalesce(sex, '') AS sex "
      "FROM tbl_ptinf WHERE hospnum = $1 AND ptid = $2",
      {hospnum, ptid});
  if (r.rows() != 1) return std::nullopt;
  PatientSummary p;
  p.ptid = ptid;
  p.name = r.text(0, r.column("name"));
  p.kananame = r.text(0, r.column("kananame"));
  p.birthday = r.text(0, r.column("birthday"));
  p.sex = r.text(0, r.column("sex"));
  return p;
}

std::optional<PatientSummary> patient_with_number(db::Connection& conn, int hospnum,
                                                  long long ptid) {
  db::Result r = conn.exec(
      "SELECT coalesce(rtrim(n.ptnum), '') AS ptnum, coalesce(p.name, '') AS name, "
      "coalesce(p.kananame, '') AS kananame, coalesce(p.birthday, '') AS birthday, "
      "coalesce(p.sex, '') AS sex FROM tbl_ptinf p "
      "LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
      "WHERE p.hospnum = $1 AND p.ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  PatientSummary p;
  p.ptid = ptid;
  p.ptnum = r.text(0, r.column("ptnum"));
  p.name = r.text(0, r.column("name"));
  p.kananame = r.text(0, r.column("kananame"));
  p.birthday = r.text(0, r.column("birthday"));
  p.sex = r.text(0, r.column("sex"));
  return p;
}

std::optional<PatientSummary> patient_to_link(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT p.tstptnumkbn, coalesce(rtrim(n.ptnum), '') AS ptnum FROM tbl_ptinf p "
      "LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
      "WHERE p.hospnum = $1 AND p.ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  PatientSummary p;
  p.ptid = ptid;
  p.test_flag = r.text(0, r.column("tstptnumkbn"));
  p.ptnum = r.text(0, r.column("ptnum"));
  return p;
}

std::optional<PatientSummary> numbered_patient(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT p.tstptnumkbn, rtrim(n.ptnum) AS ptnum FROM tbl_ptinf p JOIN tbl_ptnum n "
      "ON n.hospnum = p.hospnum AND n.ptid = p.ptid WHERE p.hospnum = $1 AND p.ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  PatientSummary p;
  p.ptid = ptid;
  p.test_flag = r.text(0, r.column("tstptnumkbn"));
  p.ptnum = r.text(0, r.column("ptnum"));
  return p;
}

}  // namespace onshi::host
