// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The screen operations behind the onshi_link_* entry points (hooks/abi.def documents every
/// field). Each runs inside hooks::run_call, reads its input record, works on the database and
/// fills the output fields; failures are thrown as HookError (or core errors run_call maps).

#include <optional>
#include <string>

#include "exchange/insurance_apply.h"
#include "hooks/session.h"

namespace onshi::hooks {

/// The visit field of a single check (reg_ask, rcp_check): "1" or blank the office check, "2"
/// home-visit care, "3" online care. @return "" for the office check, else the code
/// @throws HookError W-6003 for another value
std::string check_visit(const std::string& field);
/// Queues the single check of a returning patient for `visit` (check_visit): a care the
/// facility does not use is refused with W-6047 / W-6048.
long long queue_visit_check(Context& ctx, long long ptid, std::optional<int> hknid,
                            const std::string& date, const std::string& visit);

// Registration (頭書き).
/// Queues an insurance-number check for a returning or a new patient.
void registration_ask(Context& ctx, onshi_link_reg_ask_rec& rec);
/// Status, returned values, candidates and "returned vs registered" of one request.
void registration_poll(Context& ctx, onshi_link_reg_poll_rec& rec);
/// Applies the chosen proposed updates to the host tables in one transaction.
void registration_accept(Context& ctx, onshi_link_reg_accept_rec& rec);
/// Links a new patient to its request and queues its reference-number registration.
void patient_saved(Context& ctx, onshi_link_patient_saved_rec& rec);
/// Sends a patient's reference number again on one insurance, deletes it, or shows its state
/// (audited).
void refnum_change(Context& ctx, onshi_link_refnum_change_rec& rec);

// Reservation (予約).
/// Bulk pre-check summary and per-patient status of one reservation day.
void reservation_summary(Context& ctx, onshi_link_rsv_summary_rec& rec);
/// Queues the bulk pre-check (OQSmuquc01req job) of one reservation day.
void reservation_run(Context& ctx, onshi_link_rsv_run_rec& rec);

// Reception (受付一覧).
/// The day's card check-ins and the results waiting for staff.
void reception_list(Context& ctx, onshi_link_rcp_list_rec& rec);
/// One row with candidates (same name first), proposal and differences.
void reception_detail(Context& ctx, onshi_link_rcp_detail_rec& rec);
/// The state (未委託 / 不整合あり) and the medical tickets of a public-assistance result.
void public_assistance_tickets(Context& ctx, onshi_link_pa_tickets_rec& rec);
/// Link / create a new patient / dismiss.
void reception_resolve(Context& ctx, onshi_link_rcp_resolve_rec& rec);
/// Individual check of one reception (a row of the host's receptions).
void reception_check(Context& ctx, onshi_link_rcp_check_rec& rec);

// Medical information.
/// Permission and consent checked, audited, then queued (YZKsiquc01req / TKKsiquc01req).
void medical_request(Context& ctx, onshi_link_med_request_rec& rec);
/// Stored drug, checkup or diagnosis information of a patient (audited as a view).
void medical_list(Context& ctx, onshi_link_med_list_rec& rec);
/// The rows of one stored answer, a page at a time (audited as a view).
void medical_rows(Context& ctx, onshi_link_med_rows_rec& rec);
/// The PDF of one stored answer, a base64 chunk at a time (audited as a view).
void medical_pdf(Context& ctx, onshi_link_med_pdf_rec& rec);

// Home-visit and online care.
/// Withdraws a patient's consent to view (queued, audited), or shows the latest withdrawal and
/// whether it is in force.
void home_visit_withdrawal(Context& ctx, onshi_link_hv_withdraw_rec& rec);
/// Runs a consented-information bulk now, or shows the latest of a care.
void home_visit_bulk(Context& ctx, onshi_link_hv_bulk_rec& rec);
// Results (ORCA P031/P032) and consents.
/// Every result of one day (or only those waiting for staff), with its consents and
/// certificates, and the nearest days with results before and after.
void day_list(Context& ctx, onshi_link_day_list_rec& rec);
/// One patient's confirmations, newest first, with what differed when each arrived; optionally
/// queues a new insurance-number check first (forced re-check).
void patient_history(Context& ctx, onshi_link_pt_history_rec& rec);
/// The patient's consent state per type (newest of card and written consents); action W records
/// a written consent given with a general-purpose reader (audited).
void consent_state(Context& ctx, onshi_link_consent_state_rec& rec);

// Administration.
void admin_facility(Context& ctx, onshi_link_adm_facility_rec& rec);
void admin_staff(Context& ctx, onshi_link_adm_staff_rec& rec);
void admin_password(Context& ctx, onshi_link_adm_password_rec& rec);

// Claims (claim transfer and split results, exchange/claim_transfers.h).
/// The results of one claim month with the action for each (what to change).
void claim_list(Context& ctx, onshi_link_claim_list_rec& rec);

// Insurance apply (exchange/insurance_apply.h).
/// A result's card applied to the host's insurance (nochange, change, add), an undo of the same
/// day, or the result's applies.
void ins_apply(Context& ctx, onshi_link_ins_apply_rec& rec);

// Notices (store/notices.h) and the terminal's health (store/terminal_health.h).
/// The facility's notices this workstation has not acknowledged after after_id; when there is
/// none, waits (LISTEN/NOTIFY on the session's connection, db/notifications.h) up to wait_ms.
void notices(Context& ctx, onshi_link_notices_rec& rec);
/// Acknowledges one notice at this workstation (audited with ctl.userid).
void notice_ack(Context& ctx, onshi_link_notice_ack_rec& rec);
/// The terminal's health figures, as `onshi-admin status` shows them.
void term_health(Context& ctx, onshi_link_term_health_rec& rec);
/// Outage mode: record a statement, list the statements, link or cancel one (exchange/outage.h).
void outage(Context& ctx, onshi_link_outage_rec& rec);
/// The host received a patient: queue the automatic check (exchange/auto_check.h).
void rcp_received(Context& ctx, onshi_link_rcp_received_rec& rec);
/// Returned vs registered (P033): every returned field of a result beside the host's value, and
/// the results of the same answer to choose from (hooks/returned.cc).
void returned(Context& ctx, onshi_link_returned_rec& rec);

// The pre-fill way of applying (exchange/prefill.h).
/// The screens' refusal (status 08 with its message) for an apply, undo or pre-fill refusal.
HookError apply_refusal(const exchange::ApplyRefused& e, const std::string& userid);
/// What the registration screen shows for an applied result (its pending pre-fill), or cancels
/// it (audited).
void prefill(Context& ctx, onshi_link_prefill_rec& rec);
/// The host's registration saved a pre-filled insurance: the rows read back and compared, the
/// result applied and audited, the pre-fill closed.
void insurance_saved(Context& ctx, onshi_link_insurance_saved_rec& rec);

}  // namespace onshi::hooks
