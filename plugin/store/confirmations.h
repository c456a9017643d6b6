// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The confirmation history (onshi_confirmation) with its consents (onshi_consent) and
/// certificates (onshi_certificate_detail): the importer's one-statement insert (which also
/// does the reference-number bookkeeping of onshi_reference_number), and the reads and updates
/// of the screens (results, reception, registration).

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The values of one onshi_confirmation row as the importer writes it (text as stored; nullopt
/// = NULL; json columns as JSON text).
struct ConfirmationRow {
  int hospnum = 0;
  long long file_id = 0;
  std::optional<long long> job_id;
  int result_index = 0;
  std::string source;  ///< face | single | bulk
  std::string kind;
  std::string confirmation_date;
  std::optional<std::string> request_echo;  ///< jsonb
  std::optional<std::string> processing_status, processing_code, processing_message, validity;
  std::optional<std::string> insurer_number, card_symbol, card_number, branch_number;
  std::optional<std::string> personal_family, card_classification, name, name_kana;
  std::optional<std::string> birthdate, sex, insured_name, insurer_name;
  std::optional<std::string> qualification_date, disqualification_date, reason_of_loss;
  std::optional<std::string> contribution_ratio, reference_number;
  std::optional<std::string> prescription_issue_select;  ///< 1 electronic, 2 paper prescription
  std::string returned = "{}";                           ///< jsonb
  bool name_unrepresentable = false;
  /// The database's encoding cannot hold some returned text (stored with U+3013 instead);
  /// `returned_utf8` then holds the exact returned block (UTF-8 JSON).
  bool encoding_substituted = false;
  std::optional<std::string> returned_utf8;
  std::string link_state = "not_applicable";
  std::optional<long long> ptid;
  std::string candidates = "{}";  ///< bigint[] literal
  std::optional<std::string> host_status;
  std::optional<std::string> new_patient_proposal;  ///< jsonb
  std::string differences = "{}";                   ///< jsonb
  std::string host_updates = "{}";                  ///< jsonb
  std::optional<long long> coverage_id;
  std::optional<std::string> linked_by;
};

/// One onshi_consent row of a confirmation (hospnum and ptid are the confirmation's).
struct ConsentRow {
  std::string consent_type;
  std::string flag;
  std::optional<std::string> consent_time;     ///< "YYYY-MM-DD HH:MM:SS"
  std::optional<std::string> available_until;  ///< "YYYY-MM-DD HH:MM:SS"
};

/// One onshi_certificate_detail row of a confirmation (hospnum and ptid are the confirmation's).
struct CertificateRow {
  std::string kind;  ///< limit | elderly | specific_disease | public_assistance
  int seq = 0;
  std::optional<std::string> classification, classification_flag, contribution_ratio, self_pay;
  std::optional<std::string> valid_start, valid_end;  ///< YYYYMMDD
  std::string detail = "{}";                          ///< jsonb
};

/// What to do with reference numbers in the same statement.
struct ReferenceBookkeeping {
  /// Records this number as the (linked) patient's registered number (kept when one exists).
  std::optional<std::string> record_registered;
  /// Asks whether the (linked) patient has no registered or pending number.
  bool ask_registration = false;
};

/// What insert_confirmation() stored.
struct StoredConfirmation {
  long long confirmation_id = 0;
  /// The patient has no registered or pending reference number (and none was recorded now).
  bool needs_registration = false;
};

/// Inserts the confirmation row and, through data-modifying CTEs of the same statement (one
/// round trip, prepared), its consents, certificates and the reference-number bookkeeping.
/// @return nullopt when the row exists already (same file and result index)
std::optional<StoredConfirmation> insert_confirmation(
    db::Connection& conn, const ConfirmationRow& row, const std::vector<ConsentRow>& consents,
    const std::vector<CertificateRow>& certificates, const ReferenceBookkeeping& refs);

/// One confirmation as the screens read it (trimmed texts, "" for NULL unless optional).
struct ConfirmationView {
  long long confirmation_id = 0;
  long long job_id = 0;                   ///< 0 when none
  std::optional<long long> request_ptid;  ///< the job's patient
  std::string source, link_state, host_status, validity, processing_status, processing_code;
  std::string processing_message, card_classification, confirmation_date;
  std::string time;  ///< HHMMSS of created_at
  std::string name, name_kana, birthdate, sex, insurer_number, card_symbol, card_number;
  std::string branch_number, personal_family, insured_name, contribution_ratio;
  std::string prescription_issue_select;  ///< 1 electronic, 2 paper, "" not chosen
  std::string home_post, home_adrs;       ///< of the new-patient proposal
  bool name_unrepresentable = false;
  bool has_proposal = false;
  std::optional<long long> ptid;
  std::string candidates;          ///< comma-separated ptids
  std::optional<long long> hknid;  ///< coverage matched, else the job's
  std::string resolution;
  bool resolved = false;
};

/// The confirmation `confirmation_id` of the facility; nullopt when there is none.
std::optional<ConfirmationView> load_confirmation(db::Connection& conn, int hospnum,
                                                  long long confirmation_id);

/// The contribution ratio of the patient's previous linked confirmation (before
/// `confirmation_id`) that has one; nullopt when none.
std::optional<std::string> previous_contribution_ratio(db::Connection& conn, int hospnum,
                                                       long long ptid, long long confirmation_id);

/// Locks the confirmation row (FOR UPDATE) until the transaction ends.
void lock_confirmation(db::Connection& conn, int hospnum, long long confirmation_id);

/// Links the confirmation (and its consents and certificates) to `ptid` by staff `userid`.
void link_confirmation(db::Connection& conn, int hospnum, long long confirmation_id, long long ptid,
                       const std::string& userid, const std::string& resolution);

/// Resolves the confirmation as dismissed by `userid` with `note`.
void dismiss_confirmation(db::Connection& conn, int hospnum, long long confirmation_id,
                          const std::string& userid, const std::string& note);

/// Records the returned values staff accepted (`accepted`: JSON object) and resolves the row.
void record_accepted_values(db::Connection& conn, int hospnum, long long confirmation_id,
                            const std::string& accepted, const std::string& userid);

/// The confirmations the reception screen lists for `day` (YYYYMMDD): every card check-in and
/// every unresolved result that needs staff, newest first.
std::vector<long long> reception_confirmations(db::Connection& conn, int hospnum,
                                               const std::string& day);

/// The unresolved confirmations of job `job_id` still waiting for a patient, in result order.
std::vector<long long> confirmations_awaiting_patient(db::Connection& conn, int hospnum,
                                                      long long job_id);

/// The new-patient proposal of a card check-in (onshi_confirmation.new_patient_proposal) as
/// JSON text, with the returned copay rate; nullopt when the result has none.
struct NewPatientProposal {
  std::string proposal;            ///< JSON object (see the importer's proposal_for)
  std::string contribution_ratio;  ///< "" when none
};
std::optional<NewPatientProposal> new_patient_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id);

/// The returned block of a result as stored (every element, verbatim, JSON text; the UTF-8 copy
/// when the host's encoding could not hold a character). nullopt when there is no such result.
std::optional<std::string> returned_block(db::Connection& conn, int hospnum,
                                          long long confirmation_id);

/// One result of an answer, as the returned-vs-registered screen lists it to choose from.
struct AnswerResult {
  long long confirmation_id = 0;
  std::string card_class, insurer, insurer_name, symbol, number, branch, validity, valid_to;
};
/// Every result of the answer `confirmation_id` came in (the same file) for the same person
/// (same birthdate), in the order returned; only itself when it came alone or from no file.
std::vector<AnswerResult> same_answer(db::Connection& conn, int hospnum, long long confirmation_id);

}  // namespace onshi::store
