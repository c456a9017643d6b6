// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/confirmations.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

/// Parameters of one statement, numbered as they are added.
class Params {
 public:
  /// Adds a value and returns its placeholder ("$7"), with `cast` appended ("$7::jsonb").
  std::string add(db::Param p, const char* cast = "") {
    values_.push_back(std::move(p));
    return "$" + std::to_string(values_.size()) + cast;
  }
  const std::vector<db::Param>& values() const { return values_; }

 private:
  std::vector<db::Param> values_;
};

db::Param opt(const std::optional<long long>& v) {
  return v ? db::Param(*v) : db::Param();
}

/// `, x AS (INSERT INTO onshi_consent ... SELECT c.confirmation_id, v.* FROM c, (VALUES ...))`
/// for every consent; "" when none.
std::string consent_rows(Params& p, const ConfirmationRow& c,
                         const std::vector<ConsentRow>& consents) {
  std::string rows;
  for (const ConsentRow& x : consents) {
    rows += rows.empty() ? "(" : ",(";
    rows += p.add(c.hospnum, "::integer") + "," + p.add(opt(c.ptid), "::bigint") + "," +
            p.add(x.consent_type, "::text") + "," + p.add(x.flag, "::char(1)") + "," +
            p.add(x.consent_time, "::timestamp") + "," + p.add(x.available_until, "::timestamp") +
            ")";
  }
  if (rows.empty()) return {};
  return ", consents AS (INSERT INTO onshi_consent (confirmation_id, hospnum, ptid, consent_type, "
         "flag, consent_time, available_until) SELECT c.confirmation_id, v.* FROM c, (VALUES " +
         rows + ") AS v(hospnum, ptid, consent_type, flag, consent_time, available_until))";
}

/// The same for the certificates returned with a result; "" when none.
std::string certificate_rows(Params& p, const ConfirmationRow& c,
                             const std::vector<CertificateRow>& certificates) {
  std::string rows;
  for (const CertificateRow& x : certificates) {
    rows += rows.empty() ? "(" : ",(";
    rows += p.add(x.kind, "::text") + "," + p.add(x.seq, "::integer") + "," +
            p.add(c.hospnum, "::integer") + "," + p.add(opt(c.ptid), "::bigint") + "," +
            p.add(x.classification, "::text") + "," + p.add(x.classification_flag, "::text") + "," +
            p.add(x.contribution_ratio, "::text") + "," + p.add(x.self_pay, "::text") + "," +
            p.add(x.valid_start, "::char(8)") + "," + p.add(x.valid_end, "::char(8)") + "," +
            p.add(x.detail, "::jsonb") + ")";
  }
  if (rows.empty()) return {};
  return ", certificates AS (INSERT INTO onshi_certificate_detail (confirmation_id, kind, seq, "
         "hospnum, ptid, classification, classification_flag, contribution_ratio, self_pay, "
         "valid_start, valid_end, detail) SELECT c.confirmation_id, v.* FROM c, (VALUES " +
         rows +
         ") AS v(kind, seq, hospnum, ptid, classification, classification_flag, "
         "contribution_ratio, self_pay, valid_start, valid_end, detail))";
}

}  // namespace

std::optional<StoredConfirmation> insert_confirmation(
    db::Connection& conn, const ConfirmationRow& c, const std::vector<ConsentRow>& consents,
    const std::vector<CertificateRow>& certificates, const ReferenceBookkeeping& refs) {
  // One statement per result: the confirmation row and, through data-modifying CTEs, its
  // consents and certificates (one round trip instead of one per row).
  Params p;
  const std::string values =
      p.add(c.hospnum) + "," + p.add(c.file_id) + "," + p.add(opt(c.job_id)) + "," +
      p.add(c.result_index) + "," + p.add(c.source) + "," + p.add(c.kind) + "," +
      p.add(c.confirmation_date) + "," + p.add(c.request_echo, "::jsonb") + "," +
      p.add(c.processing_status) + "," + p.add(c.processing_code) + "," +
      p.add(c.processing_message) + "," + p.add(c.validity) + "," + p.add(c.insurer_number) + "," +
      p.add(c.card_symbol) + "," + p.add(c.card_number) + "," + p.add(c.branch_number) + "," +
      p.add(c.personal_family) + "," + p.add(c.card_classification) + "," + p.add(c.name) + "," +
      p.add(c.name_kana) + "," + p.add(c.birthdate) + "," + p.add(c.sex) + "," +
      p.add(c.insured_name) + "," + p.add(c.insurer_name) + "," + p.add(c.qualification_date) +
      "," + p.add(c.disqualification_date) + "," + p.add(c.reason_of_loss) + "," +
      p.add(c.contribution_ratio) + "," + p.add(c.reference_number) + "," +
      p.add(c.returned, "::jsonb") + "," + p.add(c.name_unrepresentable) + "," +
      p.add(c.link_state) + "," + p.add(opt(c.ptid)) + "," + p.add(c.candidates, "::bigint[]") +
      "," + p.add(c.host_status) + "," + p.add(c.new_patient_proposal, "::jsonb") + "," +
      p.add(c.differences, "::jsonb") + "," + p.add(c.host_updates, "::jsonb") + "," +
      p.add(opt(c.coverage_id)) + "," + p.add(c.linked_by) + "," + p.add(c.encoding_substituted) +
      "," + p.add(c.returned_utf8 ? db::Param::binary(*c.returned_utf8) : db::Param(), "::bytea") +
      "," + p.add(c.prescription_issue_select);
  std::string sql =
      "WITH c AS (INSERT INTO onshi_confirmation (hospnum, file_id, job_id, result_index, source, "
      "kind, confirmation_date, request_echo, processing_status, processing_code, "
      "processing_message, validity, insurer_number, card_symbol, card_number, branch_number, "
      "personal_family, card_classification, name, name_kana, birthdate, sex, insured_name, "
      "insurer_name, qualification_date, disqualification_date, reason_of_loss, "
      "contribution_ratio, reference_number, returned, name_unrepresentable, link_state, ptid, "
      "candidates, host_status, new_patient_proposal, differences, host_updates, coverage_id, "
      "linked_by, encoding_substituted, returned_utf8, prescription_issue_select) VALUES (" +
      values +
      ") ON CONFLICT (file_id, result_index) WHERE file_id IS NOT NULL DO NOTHING "
      "RETURNING confirmation_id)";
  sql += consent_rows(p, c, consents);
  sql += certificate_rows(p, c, certificates);
  // Reference numbers (same statement): a linked result that carries the patient's number
  // records it as registered (e.g. registered on the terminal) ...
  const bool records_ref = refs.record_registered && c.ptid;
  if (records_ref)
    sql +=
        ", refs AS (INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, "
        "registered_at) SELECT " +
        p.add(c.hospnum, "::integer") + ", " + p.add(*c.ptid, "::bigint") + ", " +
        p.add(*refs.record_registered, "::varchar") +
        ", 'registered', now() FROM c ON CONFLICT DO NOTHING RETURNING ptid)";
  // ... and a valid one of a patient without a registered or pending number asks for one.
  if (refs.ask_registration && c.ptid)
    sql +=
        " SELECT confirmation_id, NOT EXISTS (SELECT 1 FROM onshi_reference_number x WHERE "
        "x.hospnum = " +
        p.add(c.hospnum, "::integer") + " AND x.ptid = " + p.add(*c.ptid, "::bigint") +
        " AND x.state IN ('registered', 'pending'))" +
        (records_ref ? " AND NOT EXISTS (SELECT 1 FROM refs)" : "") +
        " AS needs_registration FROM c";
  else
    sql += " SELECT confirmation_id, false AS needs_registration FROM c";
  db::Result r = conn.exec_prepared(sql, p.values());
  if (r.rows() == 0) return std::nullopt;
  return StoredConfirmation{r.integer(0, r.column("confirmation_id")),
                            r.text(0, r.column("needs_registration")) == "t"};
}

std::optional<ConfirmationView> load_confirmation(db::Connection& conn, int hospnum,
                                                  long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT c.confirmation_id, coalesce(c.job_id, 0) AS job_id, j.ptid AS request_ptid, "
      "c.source, c.link_state, "
      "coalesce(c.host_status, '') AS host_status, coalesce(btrim(c.validity), '') AS validity, "
      "coalesce(btrim(c.processing_status), '') AS processing_status, "
      "coalesce(c.processing_code, '') AS processing_code, "
      "coalesce(c.processing_message, '') AS processing_message, "
      "coalesce(c.card_classification, '') AS card_classification, "
      "c.confirmation_date, to_char(c.created_at, 'HH24MISS') AS time, "
      "coalesce(c.name, '') AS name, "
      "coalesce(c.name_kana, '') AS name_kana, coalesce(c.birthdate, '') AS birthdate, "
      "coalesce(c.sex, '') AS sex, "
      "coalesce(btrim(c.insurer_number), '') AS insurer_number, "
      "coalesce(btrim(c.card_symbol), '') AS card_symbol, "
      "coalesce(btrim(c.card_number), '') AS card_number, "
      "coalesce(btrim(c.branch_number), '') AS branch_number, "
      "coalesce(c.personal_family, '') AS personal_family, "
      "coalesce(c.insured_name, '') AS insured_name, "
      "coalesce(btrim(c.contribution_ratio), '') AS contribution_ratio, "
      "coalesce(c.prescription_issue_select, '') AS prescription_issue_select, "
      "coalesce(c.new_patient_proposal->>'home_post', '') AS home_post, "
      "coalesce(c.new_patient_proposal->>'home_adrs', '') AS home_adrs, c.name_unrepresentable, "
      "c.new_patient_proposal IS NOT NULL AS has_proposal, c.ptid, "
      "array_to_string(c.candidates, ',') AS candidates, "
      "coalesce(nullif(c.coverage_id, 0), j.hknid) AS hknid, "
      "coalesce(c.resolution, '') AS resolution, "
      "c.resolved_at IS NOT NULL AS resolved "
      "FROM onshi_confirmation c LEFT JOIN onshi_job j ON j.job_id = c.job_id "
      "WHERE c.hospnum = $1 AND c.confirmation_id = $2",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  auto text = [&r](const char* name) { return r.text(0, r.column(name)); };
  auto id = [&r](const char* name) -> std::optional<long long> {
    const int col = r.column(name);
    if (r.is_null(0, col)) return std::nullopt;
    return r.integer(0, col);
  };
  ConfirmationView v;
  v.confirmation_id = r.integer(0, r.column("confirmation_id"));
  v.job_id = r.integer(0, r.column("job_id"));
  v.request_ptid = id("request_ptid");
  v.source = text("source");
  v.link_state = text("link_state");
  v.host_status = text("host_status");
  v.validity = text("validity");
  v.processing_status = text("processing_status");
  v.processing_code = text("processing_code");
  v.processing_message = text("processing_message");
  v.card_classification = text("card_classification");
  v.confirmation_date = text("confirmation_date");
  v.time = text("time");
  v.name = text("name");
  v.name_kana = text("name_kana");
  v.birthdate = text("birthdate");
  v.sex = text("sex");
  v.insurer_number = text("insurer_number");
  v.card_symbol = text("card_symbol");
  v.card_number = text("card_number");
  v.branch_number = text("branch_number");
  v.personal_family = text("personal_family");
  v.insured_name = text("insured_name");
  v.contribution_ratio = text("contribution_ratio");
  v.prescription_issue_select = text("prescription_issue_select");
  v.home_post = text("home_post");
  v.home_adrs = text("home_adrs");
  v.name_unrepresentable = text("name_unrepresentable") == "t";
  v.has_proposal = text("has_proposal") == "t";
  v.ptid = id("ptid");
  v.candidates = text("candidates");
  v.hknid = id("hknid");
  v.resolution = text("resolution");
  v.resolved = text("resolved") == "t";
  return v;
}

std::optional<std::string> previous_contribution_ratio(db::Connection& conn, int hospnum,
                                                       long long ptid, long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT btrim(contribution_ratio) AS ratio FROM onshi_confirmation WHERE hospnum = $1 "
      "AND ptid = $2 AND confirmation_id < $3 AND link_state = 'linked' "
      "AND coalesce(btrim(contribution_ratio), '') <> '' "
      "ORDER BY confirmation_id DESC LIMIT 1",
      {hospnum, ptid, confirmation_id});
  if (r.rows() != 1) return std::nullopt;
  return r.text(0, r.column("ratio"));
}

void lock_confirmation(db::Connection& conn, int hospnum, long long confirmation_id) {
  conn.exec(
      "SELECT 1 FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $2 "
      "FOR UPDATE",
      {hospnum, confirmation_id});
}

void link_confirmation(db::Connection& conn, int hospnum, long long confirmation_id, long long ptid,
                       const std::string& userid, const std::string& resolution) {
  conn.exec(
      "UPDATE onshi_confirmation SET link_state = 'linked', ptid = $3, linked_by = 'staff', "
      "resolved_by = $4, resolved_at = now(), resolution = $5 "
      "WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id, ptid, userid, resolution});
  conn.exec("UPDATE onshi_consent SET ptid = $2 WHERE confirmation_id = $1",
            {confirmation_id, ptid});
  conn.exec("UPDATE onshi_certificate_detail SET ptid = $2 WHERE confirmation_id = $1",
            {confirmation_id, ptid});
}

void dismiss_confirmation(db::Connection& conn, int hospnum, long long confirmation_id,
                          const std::string& userid, const std::string& note) {
  conn.exec(
      "UPDATE onshi_confirmation SET resolved_by = $3, resolved_at = now(), "
      "resolution = 'dismissed', resolution_note = $4 "
      "WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id, userid, note});
}

void record_accepted_values(db::Connection& conn, int hospnum, long long confirmation_id,
                            const std::string& accepted, const std::string& userid) {
  conn.exec(
      "UPDATE onshi_confirmation SET host_updates = host_updates || jsonb_build_object("
      "'accepted', $3::jsonb, 'accepted_by', $4::text, 'accepted_at', now()), "
      "resolved_by = $4, resolved_at = now(), resolution = 'accepted' "
      "WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id, accepted, userid});
}

std::vector<long long> reception_confirmations(db::Connection& conn, int hospnum,
                                               const std::string& day) {
  db::Result r = conn.exec(
      "SELECT confirmation_id FROM onshi_confirmation c "
      "WHERE hospnum = $1 AND created_at >= to_date($2, 'YYYYMMDD') "
      "  AND created_at < to_date($2, 'YYYYMMDD') + 1 "
      "  AND (source = 'face' OR (resolved_at IS NULL AND ("
      "       link_state IN ('candidates', 'no_patient', 'conflict') "
      "       OR coalesce(processing_status, '') <> '1' OR differences ?| array['name', 'kana'])))"
      "  AND NOT (source = 'single' AND link_state = 'no_patient' AND EXISTS ("
      "       SELECT 1 FROM onshi_job j WHERE j.job_id = c.job_id AND j.ptid IS NULL)) "
      "ORDER BY created_at DESC, confirmation_id DESC",
      {hospnum, day});
  std::vector<long long> out;
  const int col = r.column("confirmation_id");
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, col));
  return out;
}

std::vector<long long> confirmations_awaiting_patient(db::Connection& conn, int hospnum,
                                                      long long job_id) {
  db::Result r = conn.exec(
      "SELECT confirmation_id FROM onshi_confirmation WHERE hospnum = $1 AND job_id = $2 "
      "AND link_state IN ('no_patient', 'candidates') AND resolved_at IS NULL "
      "ORDER BY result_index",
      {hospnum, job_id});
  std::vector<long long> out;
  const int col = r.column("confirmation_id");
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, col));
  return out;
}

std::optional<NewPatientProposal> new_patient_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT new_patient_proposal::text AS proposal, coalesce(contribution_ratio, '') AS ratio "
      "FROM onshi_confirmation WHERE hospnum = $1::integer AND confirmation_id = $2::bigint "
      "  AND new_patient_proposal IS NOT NULL",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  return NewPatientProposal{r.text(0, r.column("proposal")), r.text(0, r.column("ratio"))};
}

std::optional<std::string> returned_block(db::Connection& conn, int hospnum,
                                          long long confirmation_id) {
  // The UTF-8 copy as bytes: converting it in the server would fail in an EUC-JP database on
  // the very characters it was kept for.
  db::Result r = conn.exec_prepared(
      "SELECT returned::text, returned_utf8 IS NOT NULL, returned_utf8 "
      "FROM onshi_confirmation WHERE hospnum = $1::integer AND confirmation_id = $2::bigint",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 1) == "t" ? r.bytes(0, 2) : r.text(0, 0);
}

std::vector<AnswerResult> same_answer(db::Connection& conn, int hospnum,
                                      long long confirmation_id) {
  db::Result r = conn.exec_prepared(
      "SELECT c.confirmation_id, coalesce(c.card_classification, ''), "
      "  coalesce(btrim(c.insurer_number), ''), coalesce(c.returned ->> 'InsurerName', ''), "
      "  coalesce(c.card_symbol, ''), coalesce(c.card_number, ''), "
      "  coalesce(c.branch_number, ''), coalesce(btrim(c.validity), ''), "
      "  coalesce(c.returned ->> 'InsuredCardExpirationDate', '') "
      "FROM onshi_confirmation me JOIN onshi_confirmation c ON c.hospnum = me.hospnum "
      "  AND (c.confirmation_id = me.confirmation_id OR (c.file_id = me.file_id "
      "    AND c.birthdate IS NOT DISTINCT FROM me.birthdate)) "
      "WHERE me.hospnum = $1::integer AND me.confirmation_id = $2::bigint "
      "ORDER BY c.result_index, c.confirmation_id",
      {hospnum, confirmation_id});
  std::vector<AnswerResult> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
                   r.text(i, 5), r.text(i, 6), r.text(i, 7), r.text(i, 8)});
  return out;
}

}  // namespace onshi::store
