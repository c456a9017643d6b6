// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "match/pg_patient_source.h"

#include "db/connection.h"
#include "text/normalize.h"

namespace onshi::match {
namespace {

// Columns 0-6 of every patient query.
const char* const kPatientColumns =
    "p.ptid, rtrim(n.ptnum), p.tstptnumkbn = '1', coalesce(p.name, ''), "
    "coalesce(p.kananame, ''), coalesce(p.birthday, ''), coalesce(p.sex, '')";

Patient patient_at(const db::Result& r, int row) {
  Patient p;
  p.ptid = r.integer(row, 0);
  p.ptnum = r.text(row, 1);
  p.test_patient = r.text(row, 2) == "t";
  p.name = r.text(row, 3);
  p.kananame = r.text(row, 4);
  p.birthday = r.text(row, 5);
  p.sex = r.text(row, 6);
  return p;
}

std::vector<Coverage> coverages(const db::Result& r) {
  std::vector<Coverage> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({patient_at(r, i), static_cast<int>(r.integer(i, 7)), r.text(i, 8), r.text(i, 9)});
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
          ", h.hknid, coalesce(h.hknnum, ''), coalesce(rtrim(h.edaban), '')"
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
          ", k.kohid, coalesce(k.kohnum, ''), ''"
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

}  // namespace onshi::match
