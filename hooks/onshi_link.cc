// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The loadable module onshi_link.so: the host's C ABI (generated onshi_link_abi.h) over the core
// library. A thin shim: each entry point checks its pointers and hands the
// records to the core, which never lets an exception out; the try/catch here is the last guard.
// Built with -fvisibility=hidden: only the onshi_link_* entry points are exported (the host
// loads modules RTLD_GLOBAL, so a leaked symbol could clash).
#define ONSHI_LINK_BUILDING 1
#include <cstring>

#include "hooks/screens.h"
#include "hooks/session.h"
#include "onshi_link_abi.h"

namespace {

using onshi::hooks::Context;

constexpr int kError = ONSHI_LINK_STATUS_ERROR;

/// Writes a fixed message into ctl when even the core could not (out of memory, ...).
int last_resort(onshi_link_ctl_rec* ctl) noexcept {
  if (ctl) {
    std::memcpy(ctl->status, "12", 2);
    std::memset(ctl->msgid, ' ', sizeof ctl->msgid);
    std::memcpy(ctl->msgid, "ONSHI-E-6006", 12);
    static const char kText[] = "Internal error in onshi-link; see the log.";
    std::memset(ctl->message, ' ', sizeof ctl->message);
    std::memcpy(ctl->message, kText, sizeof kText - 1);
  }
  return kError;
}

template <class Record>
int call(onshi_link_ctl_rec* ctl, Record* rec, void (*op)(Context&, Record&)) noexcept {
  if (!ctl) return kError;
  if (!rec) return last_resort(ctl);
  try {
    return onshi::hooks::run_call(*ctl, [&](Context& ctx) { op(ctx, *rec); });
  } catch (...) {
    return last_resort(ctl);
  }
}

}  // namespace

extern "C" {

ONSHI_LINK_API int onshi_link_abi_version(void) {
  return ONSHI_LINK_ABI_VERSION;
}

ONSHI_LINK_API int onshi_link_init(onshi_link_ctl_rec* ctl, onshi_link_init_rec* rec) {
  if (!ctl) return ONSHI_LINK_STATUS_ABI;
  if (!rec) return last_resort(ctl);
  try {
    return onshi::hooks::init(*ctl, *rec);
  } catch (...) {
    return last_resort(ctl);
  }
}

ONSHI_LINK_API int onshi_link_fini(onshi_link_ctl_rec* ctl) {
  if (!ctl) return kError;
  try {
    return onshi::hooks::fini(*ctl);
  } catch (...) {
    return last_resort(ctl);
  }
}

ONSHI_LINK_API int onshi_link_reg_ask(onshi_link_ctl_rec* ctl, onshi_link_reg_ask_rec* rec) {
  return call(ctl, rec, onshi::hooks::registration_ask);
}
ONSHI_LINK_API int onshi_link_reg_poll(onshi_link_ctl_rec* ctl, onshi_link_reg_poll_rec* rec) {
  return call(ctl, rec, onshi::hooks::registration_poll);
}
ONSHI_LINK_API int onshi_link_reg_accept(onshi_link_ctl_rec* ctl, onshi_link_reg_accept_rec* rec) {
  return call(ctl, rec, onshi::hooks::registration_accept);
}
ONSHI_LINK_API int onshi_link_refnum_change(onshi_link_ctl_rec* ctl,
                                            onshi_link_refnum_change_rec* rec) {
  return call(ctl, rec, onshi::hooks::refnum_change);
}

ONSHI_LINK_API int onshi_link_patient_saved(onshi_link_ctl_rec* ctl,
                                            onshi_link_patient_saved_rec* rec) {
  return call(ctl, rec, onshi::hooks::patient_saved);
}
ONSHI_LINK_API int onshi_link_rsv_summary(onshi_link_ctl_rec* ctl,
                                          onshi_link_rsv_summary_rec* rec) {
  return call(ctl, rec, onshi::hooks::reservation_summary);
}
ONSHI_LINK_API int onshi_link_rsv_run(onshi_link_ctl_rec* ctl, onshi_link_rsv_run_rec* rec) {
  return call(ctl, rec, onshi::hooks::reservation_run);
}
ONSHI_LINK_API int onshi_link_rcp_list(onshi_link_ctl_rec* ctl, onshi_link_rcp_list_rec* rec) {
  return call(ctl, rec, onshi::hooks::reception_list);
}
ONSHI_LINK_API int onshi_link_rcp_detail(onshi_link_ctl_rec* ctl, onshi_link_rcp_detail_rec* rec) {
  return call(ctl, rec, onshi::hooks::reception_detail);
}
ONSHI_LINK_API int onshi_link_rcp_resolve(onshi_link_ctl_rec* ctl,
                                          onshi_link_rcp_resolve_rec* rec) {
  return call(ctl, rec, onshi::hooks::reception_resolve);
}
ONSHI_LINK_API int onshi_link_rcp_check(onshi_link_ctl_rec* ctl, onshi_link_rcp_check_rec* rec) {
  return call(ctl, rec, onshi::hooks::reception_check);
}
ONSHI_LINK_API int onshi_link_pa_tickets(onshi_link_ctl_rec* ctl, onshi_link_pa_tickets_rec* rec) {
  return call(ctl, rec, onshi::hooks::public_assistance_tickets);
}
ONSHI_LINK_API int onshi_link_hv_withdraw(onshi_link_ctl_rec* ctl,
                                          onshi_link_hv_withdraw_rec* rec) {
  return call(ctl, rec, onshi::hooks::home_visit_withdrawal);
}
ONSHI_LINK_API int onshi_link_hv_bulk(onshi_link_ctl_rec* ctl, onshi_link_hv_bulk_rec* rec) {
  return call(ctl, rec, onshi::hooks::home_visit_bulk);
}
ONSHI_LINK_API int onshi_link_med_request(onshi_link_ctl_rec* ctl,
                                          onshi_link_med_request_rec* rec) {
  return call(ctl, rec, onshi::hooks::medical_request);
}
ONSHI_LINK_API int onshi_link_med_list(onshi_link_ctl_rec* ctl, onshi_link_med_list_rec* rec) {
  return call(ctl, rec, onshi::hooks::medical_list);
}
ONSHI_LINK_API int onshi_link_med_rows(onshi_link_ctl_rec* ctl, onshi_link_med_rows_rec* rec) {
  return call(ctl, rec, onshi::hooks::medical_rows);
}
ONSHI_LINK_API int onshi_link_med_pdf(onshi_link_ctl_rec* ctl, onshi_link_med_pdf_rec* rec) {
  return call(ctl, rec, onshi::hooks::medical_pdf);
}
ONSHI_LINK_API int onshi_link_day_list(onshi_link_ctl_rec* ctl, onshi_link_day_list_rec* rec) {
  return call(ctl, rec, onshi::hooks::day_list);
}
ONSHI_LINK_API int onshi_link_pt_history(onshi_link_ctl_rec* ctl, onshi_link_pt_history_rec* rec) {
  return call(ctl, rec, onshi::hooks::patient_history);
}
ONSHI_LINK_API int onshi_link_consent_state(onshi_link_ctl_rec* ctl,
                                            onshi_link_consent_state_rec* rec) {
  return call(ctl, rec, onshi::hooks::consent_state);
}
ONSHI_LINK_API int onshi_link_adm_facility(onshi_link_ctl_rec* ctl,
                                           onshi_link_adm_facility_rec* rec) {
  return call(ctl, rec, onshi::hooks::admin_facility);
}
ONSHI_LINK_API int onshi_link_adm_staff(onshi_link_ctl_rec* ctl, onshi_link_adm_staff_rec* rec) {
  return call(ctl, rec, onshi::hooks::admin_staff);
}
ONSHI_LINK_API int onshi_link_adm_password(onshi_link_ctl_rec* ctl,
                                           onshi_link_adm_password_rec* rec) {
  return call(ctl, rec, onshi::hooks::admin_password);
}
ONSHI_LINK_API int onshi_link_claim_list(onshi_link_ctl_rec* ctl, onshi_link_claim_list_rec* rec) {
  return call(ctl, rec, onshi::hooks::claim_list);
}
ONSHI_LINK_API int onshi_link_ins_apply(onshi_link_ctl_rec* ctl, onshi_link_ins_apply_rec* rec) {
  return call(ctl, rec, onshi::hooks::ins_apply);
}
ONSHI_LINK_API int onshi_link_notices(onshi_link_ctl_rec* ctl, onshi_link_notices_rec* rec) {
  return call(ctl, rec, onshi::hooks::notices);
}
ONSHI_LINK_API int onshi_link_notice_ack(onshi_link_ctl_rec* ctl, onshi_link_notice_ack_rec* rec) {
  return call(ctl, rec, onshi::hooks::notice_ack);
}
ONSHI_LINK_API int onshi_link_term_health(onshi_link_ctl_rec* ctl,
                                          onshi_link_term_health_rec* rec) {
  return call(ctl, rec, onshi::hooks::term_health);
}
ONSHI_LINK_API int onshi_link_prefill(onshi_link_ctl_rec* ctl, onshi_link_prefill_rec* rec) {
  return call(ctl, rec, onshi::hooks::prefill);
}
ONSHI_LINK_API int onshi_link_insurance_saved(onshi_link_ctl_rec* ctl,
                                              onshi_link_insurance_saved_rec* rec) {
  return call(ctl, rec, onshi::hooks::insurance_saved);
}
ONSHI_LINK_API int onshi_link_outage(onshi_link_ctl_rec* ctl, onshi_link_outage_rec* rec) {
  return call(ctl, rec, onshi::hooks::outage);
}
ONSHI_LINK_API int onshi_link_rcp_received(onshi_link_ctl_rec* ctl,
                                           onshi_link_rcp_received_rec* rec) {
  return call(ctl, rec, onshi::hooks::rcp_received);
}
ONSHI_LINK_API int onshi_link_returned(onshi_link_ctl_rec* ctl, onshi_link_returned_rec* rec) {
  return call(ctl, rec, onshi::hooks::returned);
}

}  // extern "C"
