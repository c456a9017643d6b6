// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/public_assistance.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

const char* const kTicketColumns =
    "SELECT d.seq, coalesce(d.detail->>'TicketType', '') AS ticket_type, "
    "coalesce(d.detail->>'IssueNumber', '') AS issue_number, "
    "coalesce(d.detail->>'MedicalTreatmentMonth', '') AS treatment_month, "
    "coalesce(d.detail->>'MedicalTreatmentType', '') AS treatment_type, "
    "coalesce(d.detail->>'MedicalTicketValidDate', '') AS valid_start, "
    "coalesce(d.detail->>'MedicalTicketExpirationDate', '') AS valid_end, "
    "coalesce(d.detail->>'SingleOrCombinedUse', '') AS single_or_combined, "
    "coalesce(d.detail->>'StatusOfSocialInsurance', '') AS social_insurance, "
    "coalesce(d.detail->>'ConsistencyFlag', '') AS consistency, "
    "coalesce(d.detail->>'SelfPayAmount', '') AS self_pay, "
    "coalesce(d.detail->>'DesignatedMedicalInstitutionName', '') AS institution "
    "FROM onshi_certificate_detail d ";

std::vector<MedicalTicket> tickets_of(const db::Result& r) {
  std::vector<MedicalTicket> out;
  const int c_seq = r.column("seq"), c_type = r.column("ticket_type"),
            c_issue = r.column("issue_number"), c_month = r.column("treatment_month"),
            c_treat = r.column("treatment_type"), c_start = r.column("valid_start"),
            c_end = r.column("valid_end"), c_single = r.column("single_or_combined"),
            c_social = r.column("social_insurance"), c_cons = r.column("consistency"),
            c_pay = r.column("self_pay"), c_inst = r.column("institution");
  for (int i = 0; i < r.rows(); ++i) {
    MedicalTicket t;
    t.seq = static_cast<int>(r.integer(i, c_seq));
    t.ticket_type = r.text(i, c_type);
    t.issue_number = r.text(i, c_issue);
    t.treatment_month = r.text(i, c_month);
    t.treatment_type = r.text(i, c_treat);
    t.valid_start = r.text(i, c_start);
    t.valid_end = r.text(i, c_end);
    t.single_or_combined = r.text(i, c_single);
    t.social_insurance = r.text(i, c_social);
    t.consistency = r.text(i, c_cons);
    t.self_pay = r.text(i, c_pay);
    t.institution = r.text(i, c_inst);
    out.push_back(std::move(t));
  }
  return out;
}

const char* const kFetchColumns =
    "SELECT f.fetch_id, f.hospnum, f.treatment_month, f.state, f.upload_job_id, "
    "f.download_job_id, f.reception_number, f.polls, f.units, f.linked, f.tickets, "
    "coalesce(f.last_error, '') AS last_error, "
    "to_char(f.created_at, 'YYYY-MM-DD HH24:MI:SS') AS created_at ";

TicketFetch fetch_at(const db::Result& r, int i) {
  TicketFetch f;
  f.fetch_id = r.integer(i, r.column("fetch_id"));
  f.hospnum = static_cast<int>(r.integer(i, r.column("hospnum")));
  f.treatment_month = r.text(i, r.column("treatment_month"));
  f.state = r.text(i, r.column("state"));
  if (!r.is_null(i, r.column("upload_job_id")))
    f.upload_job_id = r.integer(i, r.column("upload_job_id"));
  if (!r.is_null(i, r.column("download_job_id")))
    f.download_job_id = r.integer(i, r.column("download_job_id"));
  f.reception_number = r.optional(i, r.column("reception_number"));
  f.polls = static_cast<int>(r.integer(i, r.column("polls")));
  f.units = static_cast<int>(r.integer(i, r.column("units")));
  f.linked = static_cast<int>(r.integer(i, r.column("linked")));
  f.tickets = static_cast<int>(r.integer(i, r.column("tickets")));
  f.last_error = r.text(i, r.column("last_error"));
  f.created_at = r.text(i, r.column("created_at"));
  return f;
}

std::optional<TicketFetch> first_fetch(const db::Result& r) {
  if (r.rows() == 0) return std::nullopt;
  return fetch_at(r, 0);
}

}  // namespace

std::string assistance_state(const std::vector<MedicalTicket>& tickets) {
  if (tickets.empty()) return "not_entrusted";
  for (const MedicalTicket& t : tickets)
    if (t.consistency == "1") return "inconsistent";
  return "tickets";
}

std::vector<MedicalTicket> medical_tickets(db::Connection& conn, int hospnum,
                                           long long confirmation_id) {
  return tickets_of(conn.exec(std::string(kTicketColumns) +
                                  "WHERE d.confirmation_id = $1 AND d.hospnum = $2 "
                                  "AND d.kind = 'public_assistance' ORDER BY d.seq",
                              {confirmation_id, hospnum}));
}

std::optional<AssistanceQualification> assistance_qualification(db::Connection& conn, int hospnum,
                                                                long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(card_classification, '') AS card_class, "
      "  coalesce(btrim(insurer_number), '') AS payer, coalesce(btrim(card_number), '') AS "
      "recipient, "
      "  coalesce(btrim(qualification_date), '') AS qualified, "
      "  coalesce(btrim(disqualification_date), '') AS disqualified "
      "FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  AssistanceQualification q;
  q.card_class = r.text(0, r.column("card_class"));
  q.payer = r.text(0, r.column("payer"));
  q.recipient = r.text(0, r.column("recipient"));
  q.qualified = r.text(0, r.column("qualified"));
  q.disqualified = r.text(0, r.column("disqualified"));
  q.tickets = medical_tickets(conn, hospnum, confirmation_id);
  return q;
}

std::vector<AssistanceResult> assistance_results(db::Connection& conn, int hospnum, long long ptid,
                                                 int limit) {
  db::Result r = conn.exec(
      "SELECT confirmation_id, source, confirmation_date, coalesce(validity, '') AS validity, "
      "  coalesce(btrim(insurer_number), '') AS payer, coalesce(card_number, '') AS recipient, "
      "  coalesce(insurer_name, '') AS welfare_office, "
      "  to_char(created_at, 'YYYY-MM-DD HH24:MI:SS') AS received_at, "
      "  host_updates::text AS host_updates "
      "FROM onshi_confirmation WHERE hospnum = $1 AND ptid = $2 AND card_classification = 'A1' "
      "ORDER BY created_at DESC, confirmation_id DESC LIMIT $3",
      {hospnum, ptid, limit});
  std::vector<AssistanceResult> out;
  for (int i = 0; i < r.rows(); ++i) {
    AssistanceResult a;
    a.confirmation_id = r.integer(i, r.column("confirmation_id"));
    a.source = r.text(i, r.column("source"));
    a.confirmation_date = r.text(i, r.column("confirmation_date"));
    a.validity = r.text(i, r.column("validity"));
    a.payer = r.text(i, r.column("payer"));
    a.recipient = r.text(i, r.column("recipient"));
    a.welfare_office = r.text(i, r.column("welfare_office"));
    a.received_at = r.text(i, r.column("received_at"));
    a.host_updates = r.text(i, r.column("host_updates"));
    out.push_back(std::move(a));
  }
  for (AssistanceResult& a : out) a.tickets = medical_tickets(conn, hospnum, a.confirmation_id);
  return out;
}

std::optional<AssistanceView> assistance_view(db::Connection& conn, int hospnum,
                                              long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(insurer_name, '') AS welfare_office, "
      "  coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(host_updates->'issue_numbers') = "
      "    'array' THEN host_updates->'issue_numbers' END), 0) > 0 AS copied "
      "FROM onshi_confirmation WHERE confirmation_id = $1 AND hospnum = $2",
      {confirmation_id, hospnum});
  if (r.rows() == 0) return std::nullopt;
  AssistanceView v;
  v.welfare_office = r.text(0, r.column("welfare_office"));
  v.issue_numbers_copied = r.text(0, r.column("copied")) == "t";
  return v;
}

bool copy_issue_number_setting(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec_prepared(
      "SELECT copy_issue_number FROM onshi_facility WHERE hospnum = $1::integer", {hospnum});
  return r.rows() > 0 && r.text(0, 0) == "t";
}

bool set_copy_issue_number(db::Connection& conn, int hospnum, bool on) {
  return conn.exec(
                 "UPDATE onshi_facility SET copy_issue_number = $2, updated_at = now() "
                 "WHERE hospnum = $1",
                 {hospnum, on})
             .affected() == 1;
}

long long insert_ticket_fetch(db::Connection& conn, int hospnum, const std::string& month,
                              long long upload_job_id, const std::string& requested_by) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_ticket_fetch (hospnum, treatment_month, upload_job_id, requested_by) "
      "VALUES ($1, $2, $3, $4) RETURNING fetch_id",
      {hospnum, month, upload_job_id, requested_by});
  return r.integer(0, 0);
}

std::optional<TicketFetch> lock_fetch_of_upload(db::Connection& conn, int hospnum,
                                                long long job_id) {
  return first_fetch(conn.exec(std::string(kFetchColumns) +
                                   "FROM onshi_ticket_fetch f WHERE f.hospnum = $1 "
                                   "AND f.upload_job_id = $2 FOR UPDATE",
                               {hospnum, job_id}));
}

std::optional<TicketFetch> lock_fetch_of_download(db::Connection& conn, int hospnum,
                                                  const std::string& reception_number,
                                                  long long job_id) {
  return first_fetch(conn.exec(
      std::string(kFetchColumns) +
          "FROM onshi_ticket_fetch f WHERE f.hospnum = $1 AND ((f.reception_number = $2 AND "
          "$2 <> '') OR f.download_job_id = $3 OR EXISTS (SELECT 1 FROM onshi_job j WHERE "
          "j.job_id = $3 AND j.kind = 'OQSmutic02req' AND (j.payload->>'fetch_id')::bigint = "
          "f.fetch_id)) ORDER BY f.fetch_id DESC LIMIT 1 FOR UPDATE",
      {hospnum, reception_number, job_id}));
}

void fetch_waiting(db::Connection& conn, long long fetch_id, const std::string& reception_number,
                   const std::string& reception_time, long long download_job_id) {
  conn.exec(
      "UPDATE onshi_ticket_fetch SET state = 'waiting', reception_number = $2, "
      "reception_time = nullif($3, ''), download_job_id = $4, updated_at = now() "
      "WHERE fetch_id = $1",
      {fetch_id, reception_number, reception_time, download_job_id});
}

void fetch_next_poll(db::Connection& conn, long long fetch_id, int polls, long long job_id) {
  conn.exec(
      "UPDATE onshi_ticket_fetch SET polls = $2, download_job_id = $3, updated_at = now() "
      "WHERE fetch_id = $1",
      {fetch_id, polls, job_id});
}

void fetch_done(db::Connection& conn, long long fetch_id, int units, int linked, int tickets,
                long long file_id) {
  conn.exec(
      "UPDATE onshi_ticket_fetch SET state = 'done', units = $2, linked = $3, tickets = $4, "
      "file_id = $5, last_error = NULL, updated_at = now() WHERE fetch_id = $1",
      {fetch_id, units, linked, tickets, file_id ? db::Param(file_id) : db::Param()});
}

void fail_fetch(db::Connection& conn, long long fetch_id, const std::string& reason) {
  conn.exec(
      "UPDATE onshi_ticket_fetch SET state = 'error', last_error = $2, updated_at = now() "
      "WHERE fetch_id = $1",
      {fetch_id, reason});
}

std::vector<TicketFetch> ticket_fetches(db::Connection& conn, int hospnum, int limit) {
  db::Result r = conn.exec(
      std::string(kFetchColumns) +
          ", coalesce(CASE WHEN f.state = 'uploading' AND u.state IN ('failed', 'expired', "
          "'cancelled') THEN u.last_error WHEN f.state = 'waiting' AND d.state IN ('failed', "
          "'expired', 'cancelled') THEN d.last_error END, '') AS job_error "
          "FROM onshi_ticket_fetch f LEFT JOIN onshi_job u ON u.job_id = f.upload_job_id "
          "LEFT JOIN onshi_job d ON d.job_id = f.download_job_id "
          "WHERE f.hospnum = $1 ORDER BY f.fetch_id DESC LIMIT $2",
      {hospnum, limit});
  std::vector<TicketFetch> out;
  for (int i = 0; i < r.rows(); ++i) {
    TicketFetch f = fetch_at(r, i);
    f.job_error = r.text(i, r.column("job_error"));
    out.push_back(std::move(f));
  }
  return out;
}

long long enqueue_ticket_fetch_upload_job(db::Connection& conn, int hospnum,
                                          const std::string& month,
                                          const std::string& requested_by) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "  expires_at, requested_by) "
      "VALUES ($1, 'OQSmutic01req', jsonb_build_object('treatment_month', $2::text), "
      "  'pending', now(), now(), now() + interval '1 day', $3) RETURNING job_id",
      {hospnum, month, requested_by});
  return j.integer(0, 0);
}

long long enqueue_ticket_fetch_download_job(db::Connection& conn, int hospnum, long long fetch_id,
                                            const std::string& reception_number, int poll,
                                            long long delay_s) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "  expires_at, requested_by) "
      "VALUES ($1, 'OQSmutic02req', jsonb_build_object('fetch_id', $2::bigint, "
      "  'reception_number', $3::text, 'poll', $4::int), 'pending', "
      "  now() + make_interval(secs => $5), now() + make_interval(secs => $5), "
      "  now() + make_interval(secs => $5) + interval '1 day', 'onshi-pubassist') "
      "RETURNING job_id",
      {hospnum, fetch_id, reception_number, poll, delay_s});
  return j.integer(0, 0);
}

std::optional<std::string> job_treatment_month(db::Connection& conn, long long job_id) {
  db::Result r = conn.exec(
      "SELECT payload->>'treatment_month' AS m FROM onshi_job WHERE job_id = $1", {job_id});
  if (r.rows() == 0) return std::nullopt;
  return r.optional(0, 0);
}

std::optional<long long> lock_ticket_fetch_download_job(db::Connection& conn, int hospnum,
                                                        const std::string& file) {
  db::Result j = conn.exec(
      "SELECT job_id FROM onshi_job WHERE hospnum = $1 AND request_file = $2 "
      "AND kind = 'OQSmutic02req' FOR UPDATE",
      {hospnum, file});
  if (j.rows() == 0) return std::nullopt;
  return j.integer(0, 0);
}

}  // namespace onshi::store
