// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Consent state per type of a patient, and the written consent (exchange/written_consent.h).
#include <cstddef>

#include "db/transaction.h"
#include "exchange/written_consent.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "store/written_consent.h"

namespace onshi::hooks {
namespace {

/// The label of a consent type ("" for a type without one: newer types show their name).
std::string consent_label(const std::string& type) {
  // Every ID written out, so that po/check_messages.sh sees it.
  static const struct {
    const char* type;
    const char* id;
  } kTypes[] = {{"pharmacists", "ONSHI-D-6060"},       {"specific_health_checkups", "ONSHI-D-6061"},
                {"diagnosis", "ONSHI-D-6062"},         {"operation", "ONSHI-D-6063"},
                {"limit_certificate", "ONSHI-D-6064"}, {"specific_diseases", "ONSHI-S-6064"}};
  for (const auto& k : kTypes)
    if (type == k.type) return k.id;
  return "";
}

/// valid | expired | refused | difficult | given, with its message id.
std::pair<std::string, std::string> consent_state_of(const store::ConsentState& s) {
  if (s.flag == "0") return {"refused", "ONSHI-S-6062"};
  if (s.flag == "3") return {"difficult", "ONSHI-S-6063"};
  if (s.flag == "2") return {"expired", "ONSHI-S-6061"};
  if (s.until.empty()) return {"given", "ONSHI-S-6060"};  // certificates: no available-until
  return s.still_available ? std::pair<std::string, std::string>{"valid", "ONSHI-S-6060"}
                           : std::pair<std::string, std::string>{"expired", "ONSHI-S-6061"};
}

HookError refusal(const exchange::WrittenConsentRefused& e, const std::string& type,
                  const std::string& userid) {
  using R = exchange::WrittenConsentRefusal;
  switch (e.reason()) {
    case R::no_patient:
      return HookError(Status::refused, "ONSHI-W-6004");
    case R::test_patient:
      return HookError(Status::refused, "ONSHI-W-6005");
    case R::unknown_staff:
      return HookError(Status::refused, "ONSHI-W-6015", {userid});
    case R::not_in_writing:
      return HookError(Status::refused, "ONSHI-W-6060", {type});
    case R::bad_time:
      break;
  }
  return HookError(Status::refused, "ONSHI-W-6061", {e.what()});
}

}  // namespace

void consent_state(Context& ctx, onshi_link_consent_state_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  if (!action.empty() && action != "G" && action != "W")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  blank_outputs(rec, offsetof(onshi_link_consent_state_rec, written_id));
  if (!host::patient_with_number(ctx.conn, ctx.hospnum, *ptid))
    throw HookError(Status::refused, "ONSHI-W-6004");
  if (action == "W") {
    const std::string type = ONSHI_GET(rec.kind);
    if (type.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"kind"});
    db::Transaction tx(ctx.conn);
    try {
      const exchange::WrittenConsent w = exchange::record_written_consent(
          ctx.conn, ctx.hospnum, *ptid, type, ONSHI_GET(rec.given_at), ctx.userid);
      tx.commit();
      ONSHI_PUTN(rec.written_id, w.written_id);
      ONSHI_PUT(rec.until, w.until);
      ctx.say("ONSHI-I-6060", {std::to_string(w.written_id), w.until});
    } catch (const exchange::WrittenConsentRefused& e) {
      tx.commit();  // the refusal's audit row stays
      throw refusal(e, type, ctx.userid);
    }
  }
  const std::vector<store::ConsentState> states =
      store::consent_states(ctx.conn, ctx.hospnum, *ptid);
  const std::size_t n = std::min<std::size_t>(states.size(), ONSHI_LINK_MAX_CONSENT_STATE_TYPE);
  for (std::size_t i = 0; i < n; ++i) {
    const store::ConsentState& s = states[i];
    auto& o = rec.type[i];
    ONSHI_PUT(o.kind, s.type);
    const std::string label = consent_label(s.type);
    ONSHI_PUT(o.label, label.empty() ? s.type : ctx.text(label));
    const auto [state, state_id] = consent_state_of(s);
    ONSHI_PUT(o.state, state);
    ONSHI_PUT(o.state_text, ctx.text(state_id));
    ONSHI_PUT(o.flag, s.flag);
    ONSHI_PUT(o.given_at, s.given);
    ONSHI_PUT(o.until, s.until);
    ONSHI_PUT(o.source, s.source);
    ONSHI_PUT(o.recorded_by, s.recorded_by);
  }
  ONSHI_PUTN(rec.type_count, static_cast<long long>(n));
}

}  // namespace onshi::hooks
