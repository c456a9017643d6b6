// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Public assistance (医療扶助; verification system manual chapter 6) on our tables: the medical
/// tickets stored with a confirmation (onshi_certificate_detail, kind public_assistance, the
/// ticket verbatim in `detail`), the state staff see (未委託, 不整合あり), the facility setting
/// that copies issue numbers into the host (onshi_facility.copy_issue_number) and the runs of the
/// bulk retrieval of entrusted qualification information (onshi_ticket_fetch, OQSmutic).

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// One medical ticket (MedicalTicketInfo) as stored with its confirmation.
struct MedicalTicket {
  int seq = 0;
  std::string ticket_type;      ///< TicketType 01 医療券, 02 調剤券
  std::string issue_number;     ///< IssueNumber 交付番号
  std::string treatment_month;  ///< MedicalTreatmentMonth YYYYMM
  std::string treatment_type;   ///< MedicalTreatmentType 01 入院, 02 入院外, 03 歯科, ...
  std::string valid_start, valid_end;  ///< MedicalTicketValidDate / ExpirationDate
  std::string single_or_combined;      ///< SingleOrCombinedUse 01 単独, 02 併用
  std::string social_insurance;        ///< StatusOfSocialInsurance 01 あり, 02 なし
  std::string consistency;             ///< ConsistencyFlag 1 = 不整合あり
  std::string self_pay;                ///< SelfPayAmount
  std::string institution;             ///< DesignatedMedicalInstitutionName
};

/// The state of a public-assistance result (card class A1) as staff see it: "not_entrusted"
/// (未委託: no ticket names this institution yet; the terminal shows the payer and recipient
/// numbers as 「(未委託のため非表示)」), "inconsistent" (a ticket's ConsistencyFlag is 1: 社会保険
/// 「(不整合あり)」), "tickets" otherwise.
std::string assistance_state(const std::vector<MedicalTicket>& tickets);

/// The tickets of a confirmation of the facility, in their order (empty when none).
std::vector<MedicalTicket> medical_tickets(db::Connection& conn, int hospnum,
                                           long long confirmation_id);

/// What a screen shows beside the tickets of one result.
struct AssistanceView {
  std::string welfare_office;         ///< InsurerName (福祉事務所名)
  bool issue_numbers_copied = false;  ///< the import wrote them into the host (host_updates)
};

/// The confirmation's welfare office and whether its issue numbers were copied; nullopt when the
/// facility has no such confirmation.
std::optional<AssistanceView> assistance_view(db::Connection& conn, int hospnum,
                                              long long confirmation_id);

/// A public-assistance result of a patient, for `onshi-admin pubassist show`.
struct AssistanceResult {
  long long confirmation_id = 0;
  std::string source, confirmation_date, validity, payer, recipient, welfare_office;
  std::string received_at;   ///< local time YYYY-MM-DD HH:MM:SS
  std::string host_updates;  ///< the confirmation's host_updates JSON (issue numbers copied)
  std::vector<MedicalTicket> tickets;
};

/// The latest public-assistance results (card class A1) linked to a patient, newest first.
std::vector<AssistanceResult> assistance_results(db::Connection& conn, int hospnum, long long ptid,
                                                 int limit);

/// What an apply (or a new patient) takes from a public-assistance result into the host's
/// public-expense row: the payer (公費負担者番号, InsurerNumber, padding stripped), the recipient
/// (受給者番号, InsuredIdentificationNumber), the qualification's dates as returned
/// (QualificationDate, DisqualificationDate; "" when none) and the medical tickets.
struct AssistanceQualification {
  std::string card_class, payer, recipient, qualified, disqualified;
  std::vector<MedicalTicket> tickets;
};

/// The confirmation's public-assistance qualification; nullopt when the facility has no such
/// confirmation.
std::optional<AssistanceQualification> assistance_qualification(db::Connection& conn, int hospnum,
                                                                long long confirmation_id);

/// onshi_facility.copy_issue_number (false when the facility has no row).
bool copy_issue_number_setting(db::Connection& conn, int hospnum);

/// Sets onshi_facility.copy_issue_number. @return false when the facility has no row
bool set_copy_issue_number(db::Connection& conn, int hospnum, bool on);

// ------------------------------------------------------------------------------------------
// Bulk retrieval of entrusted qualification information (OQSmutic)

/// A run, as locked by the flow or listed by `onshi-admin pubassist fetch-status`.
struct TicketFetch {
  long long fetch_id = 0;
  int hospnum = 0;
  std::string treatment_month;
  std::string state;  ///< uploading, waiting, done, error
  std::optional<long long> upload_job_id, download_job_id;
  std::optional<std::string> reception_number;
  int polls = 0, units = 0, linked = 0, tickets = 0;
  std::string last_error;  ///< "" when none
  std::string created_at;  ///< local time YYYY-MM-DD HH:MM:SS
  std::string job_error;   ///< the open job's failure, when it failed or expired
};

/// Records a run (state uploading) with its upload job. @return fetch_id
long long insert_ticket_fetch(db::Connection& conn, int hospnum, const std::string& month,
                              long long upload_job_id, const std::string& requested_by);

/// The run whose upload job is `job_id`, locked. nullopt when none.
std::optional<TicketFetch> lock_fetch_of_upload(db::Connection& conn, int hospnum,
                                                long long job_id);

/// The run with this reception number (or whose download job is `job_id`), locked.
std::optional<TicketFetch> lock_fetch_of_download(db::Connection& conn, int hospnum,
                                                  const std::string& reception_number,
                                                  long long job_id);

/// The reception number arrived: state waiting, download job `download_job_id`.
void fetch_waiting(db::Connection& conn, long long fetch_id, const std::string& reception_number,
                   const std::string& reception_time, long long download_job_id);

/// Another "still processing" answer: polls = `polls`, next download job.
void fetch_next_poll(db::Connection& conn, long long fetch_id, int polls, long long job_id);

/// The final result was stored.
void fetch_done(db::Connection& conn, long long fetch_id, int units, int linked, int tickets,
                long long file_id);

/// The run failed with `reason`.
void fail_fetch(db::Connection& conn, long long fetch_id, const std::string& reason);

/// Runs of a facility, newest first.
std::vector<TicketFetch> ticket_fetches(db::Connection& conn, int hospnum, int limit);

/// Queues an OQSmutic01req for `month`, due now. @return the job id
long long enqueue_ticket_fetch_upload_job(db::Connection& conn, int hospnum,
                                          const std::string& month,
                                          const std::string& requested_by);

/// Queues an OQSmutic02req (poll `poll`) after `delay_s`. @return the job id
long long enqueue_ticket_fetch_download_job(db::Connection& conn, int hospnum, long long fetch_id,
                                            const std::string& reception_number, int poll,
                                            long long delay_s);

/// The treatment month in an OQSmutic01req job's payload; nullopt when none.
std::optional<std::string> job_treatment_month(db::Connection& conn, long long job_id);

/// The OQSmutic02req job that wrote request file `file`, locked; nullopt when none.
std::optional<long long> lock_ticket_fetch_download_job(db::Connection& conn, int hospnum,
                                                        const std::string& file);

}  // namespace onshi::store
