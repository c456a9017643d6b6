// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The qualification check (shikaku kakunin, OQSsiquc01req -> OQSsiquc01res) and the card
/// check-ins (OQSsiquc01res_face): queueing a check of one patient's insurance, its request, and
/// storing results as confirmation rows (consents, certificates, the link to a host patient, the
/// host's confirmation date, a reference-number registration for a patient without one). The
/// bulk pre-check (bulk_check.h) stores its final units through store_bulk_confirmations.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "exchange/flows.h"
#include "host/planner_statistics.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Once before results are linked on a server: planner statistics for the host tables that
/// linking reads by key, when they were never analysed (host/planner_statistics.h: without
/// them a fresh host's card lookup reads every patient). @throws db::DbError
host::StatisticsPass prepare_linking(db::Connection& conn);

/// Queues an insurance-number check (OQSsiquc01req) of one patient's insurance, due now.
/// `hknid` nullopt: the patient's current (not deleted, valid on `confirmation_date`, with an
/// insurer number) insurance; several -> the one valid from the latest date.
/// `confirmation_date` YYYYMMDD: the visit date (requirements 5: not the sending date).
/// The search values (insurer number, symbol, number, branch, birthdate, limit flag 1, date,
/// patient number) are stored in the job's payload as registered now; the request is built from
/// them, and checked now so that bad data is refused at once. The job expires at the end of the
/// confirmation day, but not before kMinimumJobLifetime from now. A pending or sent job with the
/// same values is reused (pressing the button twice sends one request).
/// A patient whose only coverage is public assistance (no insurance valid on the day; or
/// `kohid` given) is asked about by the public-assistance row (host/insurance.h
/// PublicAssistance: payer as the insurer number, recipient number as the number, no symbol, no
/// branch number; the job has no hknid).
/// `visit` (a 診療区分 name or code, model::treatment_flag_of; "" = outpatient): home-visit care
/// (2) sends the check as OQSsihvq01req, online care (3) as OQSsionq01req (OQS-IF-025..028;
/// the same search block with its MedicalTreatmentFlag; tests/fixtures/homevisit/README.md),
/// refused (EnqueueError not_used) unless the facility uses that care, and for home-visit care
/// while the patient's consent withdrawal is in force (consent_withdrawn). Emergency (4) has no
/// single check here (bad_argument).
/// Runs no transaction of its own: a screen hook may call it inside the host change's one.
/// @return the job id. @throws db::UnknownFacilityError / db::FacilityDisabledError,
/// EnqueueError (requests.h) when the patient or insurance does not exist or is a test patient
long long queue_qualification_check(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& confirmation_date,
                                    const std::string& requested_by,
                                    std::optional<int> kohid = std::nullopt,
                                    const std::string& visit = "");

/// The request kind of a single check for `visit` at facility `f` (OQSsiquc01req,
/// OQSsihvq01req, OQSsionq01req). @throws EnqueueError bad_argument (not a visit type of a
/// single check), not_used (the facility does not use that care)
model::MessageKind qualification_check_kind(const db::FacilitySettings& f,
                                            const std::string& visit);

/// The request bytes of an OQSsiquc01req (OQSsihvq01req, OQSsionq01req) job, from the search
/// values of its payload; a home-visit or online check is refused again when the facility
/// stopped using that care or the patient's home-visit consent was withdrawn meanwhile.
/// @throws onshi::Error with a reason for last_error (invalid value, unencodable character)
std::string build_qualification_check_request(db::Connection& conn,
                                              const db::FacilitySettings& facility,
                                              const RequestJob& job);

/// Stores every result of an OQSsiquc01res (OQSsihvq01res, OQSsionq01res: source 'single', the
/// kind tells the care) or a card check-in (OQSsiquc01res_face) as confirmation rows, linked to a
/// host patient (the job's patient first), and queues the reference-number registration of linked
/// patients without one.
StoredRows handle_qualification_check_result(db::Connection& conn, const ResultFile& file);

/// Linked, valid results of patients with no registered or pending reference number:
/// (ptid, confirmation_id), in file order.
using PendingRegistrations = std::vector<std::pair<long long, long long>>;

/// Stores every BulkConfirmUnit of a final bulk result (source 'bulk': the pre-check's
/// OQSmuquc02res or a consented-information bulk's OQSmuhvq02res / OQSmuonq02res; 'entrusted'
/// for the tickets of OQSmutic02res, whose units answer no person we asked about); a unit is
/// linked through its reference number, or the "<ptnum>_<n>" ArbitraryIdentifier of a
/// pre-check request, or like any result by card, name and birth date (match/linker.h). Adds the
/// registrations to queue to `registrations`.
StoredRows store_bulk_confirmations(db::Connection& conn, const ResultFile& file,
                                    PendingRegistrations& registrations,
                                    const char* source = "bulk");

/// Queues the reference-number registration of each patient of `registrations` once (the
/// queueing checks again: a later result of the file may have recorded the patient's number).
void queue_pending_registrations(db::Connection& conn, int hospnum,
                                 const PendingRegistrations& registrations);

}  // namespace onshi::exchange
