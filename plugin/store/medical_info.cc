// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/medical_info.h"

#include "db/connection.h"

namespace onshi::store {

void insert_audit(db::Connection& conn, int hospnum, const std::string& userid,
                  const std::string& action, const std::string& info_kind, long long ptid,
                  std::optional<long long> info_id, const std::string& detail) {
  conn.exec(
      "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, ptid, info_id, detail) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {hospnum, userid, action, info_kind, ptid, info_id ? db::Param(*info_id) : db::Param(),
       detail});
}

std::optional<LatestConsent> latest_consent(db::Connection& conn, int hospnum, long long ptid,
                                            const std::string& consent_type) {
  db::Result c = conn.exec(
      "SELECT flag, coalesce(to_char(available_until, 'YYYYMMDDHH24MISS'), '') AS until, "
      "  available_until IS NOT NULL AND available_until > localtimestamp AS available, "
      "  confirmation_id "
      "FROM onshi_consent WHERE hospnum = $1 AND ptid = $2 AND consent_type = $3 "
      "ORDER BY consent_time DESC NULLS LAST, confirmation_id DESC LIMIT 1",
      {hospnum, ptid, consent_type});
  if (c.rows() == 0) return std::nullopt;
  LatestConsent l;
  l.flag = c.text(0, c.column("flag"));
  l.available_until = c.text(0, c.column("until"));
  l.still_available = c.text(0, c.column("available")) == "t";
  l.confirmation_id = c.integer(0, c.column("confirmation_id"));
  return l;
}

long long insert_medical_info(db::Connection& conn, MedicalTable table, const MedicalInfo& m) {
  const bool drug = table == MedicalTable::drug;
  std::vector<db::Param> params{
      m.hospnum, m.ptid,        m.job_id,  m.file_id,
      m.format,  m.result_code, m.message, m.pdf ? db::Param::binary(*m.pdf) : db::Param(),
      m.pdf_path};
  std::string sql = std::string("INSERT INTO ") +
                    (drug ? "onshi_drug_info" : "onshi_checkup_info") +
                    " (hospnum, ptid, job_id, file_id, format, result_code, message, pdf, pdf_path";
  if (drug) {
    sql += ", month_from, month_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    params.push_back(m.month_from);
    params.push_back(m.month_to);
  } else {
    sql += ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  }
  sql += " RETURNING info_id";
  db::Result r = conn.exec(sql, params);
  return r.integer(0, r.column("info_id"));
}

void insert_drug_row(db::Connection& conn, long long info_id, int seq, const DrugInfoRow& r) {
  conn.exec_prepared(
      "INSERT INTO onshi_drug_info_row (info_id, seq, treatment_month, dispensing_date, "
      "institution_kind, prescribing_kind, institution_name, drug_code, drug_name, quantity, "
      "unit, usage, special_instruction, detail) VALUES ($1, $2, $3, $4, nullif($5, ''), "
      "nullif($6, ''), nullif($7, ''), $8, $9, $10, $11, $12, $13, $14::jsonb)",
      {info_id, seq, r.treatment_month, r.dispensing_date, r.institution_kind, r.prescribing_kind,
       r.institution_name, r.drug_code, r.drug_name, r.quantity, r.unit, r.usage,
       r.special_instruction, r.detail});
}

void insert_checkup_row(db::Connection& conn, long long info_id, int seq, const CheckupInfoRow& r) {
  conn.exec_prepared(
      "INSERT INTO onshi_checkup_info_row (info_id, seq, checkup_date, item_code, "
      "item_name, data_value, unit, value_name, detail) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)",
      {info_id, seq, r.checkup_date, r.item_code, r.item_name, r.data_value, r.unit, r.value_name,
       r.detail});
}

std::vector<MedicalInfoSummary> list_medical_info(db::Connection& conn, MedicalTable table,
                                                  int hospnum, long long ptid, int limit) {
  const bool drug = table == MedicalTable::drug;
  db::Result r = conn.exec(
      std::string("SELECT i.info_id, to_char(i.received_at, 'YYYYMMDDHH24MISS') AS received, "
                  "i.format, ") +
          (drug
               ? "coalesce(i.month_from, '') AS month_from, coalesce(i.month_to, '') AS month_to, "
                 "(SELECT count(*) FROM onshi_drug_info_row x WHERE x.info_id = i.info_id) AS "
                 "row_count, "
               : "'' AS month_from, '' AS month_to, (SELECT count(*) FROM onshi_checkup_info_row x "
                 "WHERE x.info_id = i.info_id) AS row_count, ") +
          "coalesce(i.result_code, '') AS result_code, coalesce(i.message, '') AS message FROM " +
          (drug ? "onshi_drug_info" : "onshi_checkup_info") +
          " i WHERE i.hospnum = $1 AND i.ptid = $2 ORDER BY i.received_at DESC, i.info_id DESC "
          "LIMIT $3",
      {hospnum, ptid, limit});
  std::vector<MedicalInfoSummary> out;
  for (int i = 0; i < r.rows(); ++i) {
    auto text = [&](const char* name) { return r.text(i, r.column(name)); };
    MedicalInfoSummary m;
    m.info_id = r.integer(i, r.column("info_id"));
    m.received = text("received");
    m.format = text("format");
    m.month_from = text("month_from");
    m.month_to = text("month_to");
    m.rows = r.integer(i, r.column("row_count"));
    m.result_code = text("result_code");
    m.message = text("message");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace onshi::store
