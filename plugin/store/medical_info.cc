// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/medical_info.h"

#include "db/connection.h"

namespace onshi::store {

void insert_audit(db::Connection& conn, int hospnum, const std::string& userid,
                  const std::string& action, const std::string& info_kind,
                  std::optional<long long> ptid, std::optional<long long> info_id,
                  const std::string& detail) {
  conn.exec(
      "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, ptid, info_id, detail) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {hospnum, userid, action, info_kind, ptid ? db::Param(*ptid) : db::Param(),
       info_id ? db::Param(*info_id) : db::Param(), detail});
}

std::optional<LatestConsent> latest_consent(db::Connection& conn, int hospnum, long long ptid,
                                            const std::string& consent_type) {
  // A written consent at the same time as a card's wins (staff recorded it knowingly).
  db::Result c = conn.exec(
      "SELECT flag, coalesce(to_char(available_until, 'YYYYMMDDHH24MISS'), '') AS until, "
      "  available_until IS NOT NULL AND available_until > localtimestamp AS available, "
      "  confirmation_id, written_id "
      "FROM (SELECT flag, consent_time, available_until, confirmation_id, 0::bigint AS written_id "
      "      FROM onshi_consent WHERE hospnum = $1 AND ptid = $2 AND consent_type = $3 "
      "      UNION ALL "
      "      SELECT flag, consent_time, available_until, 0, written_id "
      "      FROM onshi_written_consent WHERE hospnum = $1 AND ptid = $2 AND consent_type = $3) x "
      "ORDER BY consent_time DESC NULLS LAST, written_id DESC, confirmation_id DESC LIMIT 1",
      {hospnum, ptid, consent_type});
  if (c.rows() == 0) return std::nullopt;
  LatestConsent l;
  l.flag = c.text(0, c.column("flag"));
  l.available_until = c.text(0, c.column("until"));
  l.still_available = c.text(0, c.column("available")) == "t";
  l.confirmation_id = c.integer(0, c.column("confirmation_id"));
  l.written_id = c.integer(0, c.column("written_id"));
  return l;
}

const char* medical_table_name(MedicalTable table) {
  switch (table) {
    case MedicalTable::drug:
      return "onshi_drug_info";
    case MedicalTable::checkup:
      return "onshi_checkup_info";
    case MedicalTable::diagnosis:
      return "onshi_diagnosis_info";
  }
  return "?";
}

long long insert_medical_info(db::Connection& conn, MedicalTable table, const MedicalInfo& m) {
  std::vector<db::Param> params{
      m.hospnum, m.ptid,        m.job_id,  m.file_id,
      m.format,  m.result_code, m.message, m.pdf ? db::Param::binary(*m.pdf) : db::Param(),
      m.pdf_path};
  std::string sql = std::string("INSERT INTO ") + medical_table_name(table) +
                    " (hospnum, ptid, job_id, file_id, format, result_code, message, pdf, pdf_path";
  std::string values = "$1, $2, $3, $4, $5, $6, $7, $8, $9";
  if (table != MedicalTable::checkup) {
    sql += ", month_from, month_to";
    values += ", $10, $11";
    params.push_back(m.month_from);
    params.push_back(m.month_to);
  }
  if (table == MedicalTable::diagnosis) {
    sql += ", surgery_withheld";
    values += ", $12";
    params.push_back(m.surgery_withheld);
  }
  sql += ") VALUES (" + values + ") RETURNING info_id";
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

void insert_diagnosis_row(db::Connection& conn, long long info_id, int seq,
                          const DiagnosisInfoRow& r) {
  conn.exec_prepared(
      "INSERT INTO onshi_diagnosis_info_row (info_id, seq, treatment_month, treatment_date, "
      "institution_code, institution_name, treatment_class, treatment_code, treatment_name, "
      "quantity, times, unit, surgery, detail) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)",
      {info_id, seq, r.treatment_month, r.treatment_date, r.institution_code, r.institution_name,
       r.treatment_class, r.treatment_code, r.treatment_name, r.quantity, r.times, r.unit,
       r.surgery, r.detail});
}

std::vector<MedicalInfoSummary> list_medical_info(db::Connection& conn, MedicalTable table,
                                                  int hospnum, long long ptid, int limit) {
  const std::string t = medical_table_name(table);
  const bool months = table != MedicalTable::checkup;
  db::Result r = conn.exec(
      "SELECT i.info_id, to_char(i.received_at, 'YYYYMMDDHH24MISS') AS received, i.format, " +
          std::string(months ? "coalesce(i.month_from, '') AS month_from, "
                               "coalesce(i.month_to, '') AS month_to, "
                             : "'' AS month_from, '' AS month_to, ") +
          (table == MedicalTable::diagnosis ? "i.surgery_withheld, " : "0 AS surgery_withheld, ") +
          "(SELECT count(*) FROM " + t + "_row x WHERE x.info_id = i.info_id) AS row_count, " +
          "coalesce(i.result_code, '') AS result_code, coalesce(i.message, '') AS message FROM " +
          t +
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
    m.surgery_withheld = static_cast<int>(r.integer(i, r.column("surgery_withheld")));
    out.push_back(std::move(m));
  }
  return out;
}

namespace {

/// The answer's patient, or nullopt when the facility has no such answer.
std::optional<long long> answer_patient(db::Connection& conn, MedicalTable table, int hospnum,
                                        long long info_id) {
  db::Result r = conn.exec(std::string("SELECT ptid FROM ") + medical_table_name(table) +
                               " WHERE info_id = $1 AND hospnum = $2",
                           {info_id, hospnum});
  if (r.rows() == 0) return std::nullopt;
  return r.integer(0, 0);
}

}  // namespace

std::optional<std::vector<MedicalInfoDetailRow>> medical_info_rows(db::Connection& conn,
                                                                   MedicalTable table, int hospnum,
                                                                   long long info_id, int start,
                                                                   int limit, long long& total,
                                                                   long long& ptid) {
  const std::optional<long long> patient = answer_patient(conn, table, hospnum, info_id);
  if (!patient) return std::nullopt;
  ptid = *patient;
  // One shape for the three row tables (hooks/abi.def med_rows).
  const char* select = nullptr;
  switch (table) {
    case MedicalTable::drug:
      select =
          "coalesce(treatment_month, '') AS month, coalesce(dispensing_date, '') AS date, "
          "coalesce(institution_name, '') AS institution, coalesce(detail->>'source', '') AS "
          "category, coalesce(drug_code, '') AS code, coalesce(drug_name, '') AS name, "
          "coalesce(quantity, '') AS quantity, coalesce(unit, '') AS unit, "
          "coalesce(detail->>'times', '') AS times, coalesce(usage, '') AS note, false AS surgery";
      break;
    case MedicalTable::checkup:
      select =
          "'' AS month, coalesce(checkup_date, '') AS date, '' AS institution, '' AS category, "
          "coalesce(item_code, '') AS code, coalesce(item_name, '') AS name, "
          "coalesce(data_value, '') AS quantity, coalesce(unit, '') AS unit, '' AS times, "
          "coalesce(value_name, '') AS note, false AS surgery";
      break;
    case MedicalTable::diagnosis:
      select =
          "coalesce(treatment_month, '') AS month, coalesce(treatment_date, '') AS date, "
          "coalesce(institution_name, '') AS institution, coalesce(treatment_class, '') AS "
          "category, coalesce(treatment_code, '') AS code, coalesce(treatment_name, '') AS name, "
          "coalesce(quantity, '') AS quantity, coalesce(unit, '') AS unit, "
          "coalesce(times, '') AS times, '' AS note, surgery";
      break;
  }
  const std::string rows = std::string(medical_table_name(table)) + "_row";
  db::Result n = conn.exec("SELECT count(*) FROM " + rows + " WHERE info_id = $1", {info_id});
  total = n.integer(0, 0);
  db::Result r = conn.exec("SELECT seq, " + std::string(select) + " FROM " + rows +
                               " WHERE info_id = $1 ORDER BY seq OFFSET $2 LIMIT $3",
                           {info_id, start, limit});
  std::vector<MedicalInfoDetailRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    auto text = [&](const char* name) { return r.text(i, r.column(name)); };
    MedicalInfoDetailRow d;
    d.seq = static_cast<int>(r.integer(i, r.column("seq")));
    d.month = text("month");
    d.date = text("date");
    d.institution = text("institution");
    d.category = text("category");
    d.code = text("code");
    d.name = text("name");
    d.quantity = text("quantity");
    d.unit = text("unit");
    d.times = text("times");
    d.note = text("note");
    d.surgery = text("surgery") == "t";
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::string> medical_info_pdf(db::Connection& conn, MedicalTable table, int hospnum,
                                            long long info_id, long long offset, int length,
                                            long long& total, long long& ptid) {
  db::Result r = conn.exec(
      std::string("SELECT ptid, coalesce(length(pdf), 0) AS total, "
                  "substring(pdf FROM ($3::bigint + 1)::integer FOR $4::integer) AS chunk FROM ") +
          medical_table_name(table) + " WHERE info_id = $1 AND hospnum = $2",
      {info_id, hospnum, offset, length});
  if (r.rows() == 0) return std::nullopt;
  ptid = r.integer(0, r.column("ptid"));
  total = r.integer(0, r.column("total"));
  if (r.is_null(0, r.column("chunk"))) return std::string();
  return r.bytes(0, r.column("chunk"));
}

}  // namespace onshi::store
