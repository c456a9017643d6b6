// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Insurance apply (issue 14, Apply): staff accept a result's card as no change, change or add,
// its certificates (limit, disease, elderly, certs = all), a public-assistance result as its
// public expense (pubassist), or undo an apply of the same day
// (exchange/insurance_apply.h); G lists the result's applies.
#include "exchange/insurance_apply.h"

#include <cstddef>

#include "hooks/fill.h"
#include "hooks/screens.h"
#include "store/insurance_apply.h"

namespace onshi::hooks {
namespace {

HookError refusal(const exchange::ApplyRefused& e, const std::string& userid,
                  const std::string& mode) {
  using R = exchange::ApplyRefusal;
  const bool certificate =
      mode == "limit" || mode == "disease" || mode == "elderly" || mode == "certs";
  const bool assistance = mode == "pubassist";
  switch (e.reason()) {
    case R::expired:
      if (assistance) return HookError(Status::refused, "ONSHI-W-6121");
      return HookError(Status::refused, "ONSHI-W-6100");
    case R::not_assistance:
      return HookError(Status::refused, "ONSHI-W-6123");
    case R::no_certificate:
      return HookError(Status::refused, "ONSHI-W-6102");
    case R::already_registered:
      if (assistance) return HookError(Status::refused, "ONSHI-W-6122");
      if (certificate) return HookError(Status::refused, "ONSHI-W-6101");
      return HookError(Status::refused, "ONSHI-W-6097");
    case R::card_differs:
      if (mode == "elderly") return HookError(Status::refused, "ONSHI-W-6103");
      return HookError(Status::refused, "ONSHI-W-6096");
    case R::overlap:
      if (certificate) return HookError(Status::refused, "ONSHI-W-6104");
      return HookError(Status::refused, "ONSHI-W-6097");
    case R::bad_mode:
      return HookError(Status::refused, "ONSHI-W-6003", {"mode"});
    case R::unknown_staff:
      return HookError(Status::refused, "ONSHI-W-6015", {userid});
    case R::no_result:
      return HookError(Status::refused, "ONSHI-W-6009");
    case R::not_valid:
      return HookError(Status::refused, "ONSHI-W-6090");
    case R::not_linked:
      return HookError(Status::refused, "ONSHI-W-6091");
    case R::other_patient:
      return HookError(Status::refused, "ONSHI-W-6092");
    case R::already_applied:
      return HookError(Status::refused, "ONSHI-W-6093");
    case R::public_assistance:
      return HookError(Status::refused, "ONSHI-W-6120");
    case R::bad_insurer:
      if (assistance) return HookError(Status::refused, "ONSHI-W-6124");
      return HookError(Status::refused, "ONSHI-W-6094");
    case R::no_insurance:
      return HookError(Status::refused, "ONSHI-W-6095");
    case R::no_apply:
    case R::already_undone:
    case R::not_today:
      return HookError(Status::refused, "ONSHI-W-6098");
    case R::changed_since:
      return HookError(Status::refused, "ONSHI-W-6099");
    case R::prefill_pending:
      return HookError(Status::refused, "ONSHI-W-6146");
    case R::no_prefill:
      return HookError(Status::refused, "ONSHI-W-6147");
    case R::several_prefills:
      return HookError(Status::refused, "ONSHI-W-6148");
    case R::prefill_closed:
      return HookError(Status::refused, "ONSHI-W-6149");
    case R::other_person:
      return HookError(Status::refused, "ONSHI-W-6193");
  }
  return HookError(Status::refused, "ONSHI-W-6003", {mode});
}

void list_applies(Context& ctx, onshi_link_ins_apply_rec& rec, long long confirmation_id) {
  const std::vector<store::InsuranceApply> applies =
      store::applies_of(ctx.conn, ctx.hospnum, confirmation_id);
  const std::size_t n = std::min<std::size_t>(applies.size(), ONSHI_LINK_MAX_INS_APPLY_APPLY);
  // The newest ones when there are more than fit.
  const std::size_t first = applies.size() - n;
  for (std::size_t i = 0; i < n; ++i) {
    const store::InsuranceApply& a = applies[first + i];
    auto& o = rec.apply[i];
    ONSHI_PUTN(o.id, a.audit_id);
    ONSHI_PUT(o.mode, a.mode);
    ONSHI_PUT(o.staff, a.userid);
    ONSHI_PUT(o.at, a.at);
    if (a.undo_id) ONSHI_PUTN(o.undo_id, a.undo_id);
    ONSHI_PUT(o.undoable, a.today && !a.undo_id ? "1" : "0");
  }
  ONSHI_PUTN(rec.apply_count, static_cast<long long>(n));
}

}  // namespace

HookError apply_refusal(const exchange::ApplyRefused& e, const std::string& userid) {
  return refusal(e, userid, "");
}

void ins_apply(Context& ctx, onshi_link_ins_apply_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  if (!action.empty() && action != "G" && action != "A" && action != "U")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> confirmation_id = ONSHI_NUM(rec.confirmation_id);
  const std::optional<long long> audit_id = ONSHI_NUM(rec.audit_id);
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  const std::string mode = ONSHI_GET(rec.mode);
  if (action == "U" && !audit_id) throw HookError(Status::refused, "ONSHI-W-6003", {"audit_id"});
  if (action != "U" && !confirmation_id)
    throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  if (action == "A" && !ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  blank_outputs(rec, offsetof(onshi_link_ins_apply_rec, hknid));
  long long listed = confirmation_id.value_or(0);
  try {
    if (action == "A") {
      const exchange::InsuranceApplied a = exchange::apply_insurance(
          ctx.conn, ctx.hospnum, *confirmation_id, mode, ctx.userid, ptid);
      if (a.audit_id)
        ONSHI_PUTN(rec.audit_id, a.audit_id);
      else
        ONSHI_PUT(rec.audit_id, "");  // a pre-fill: audited when registration saves it
      ONSHI_PUTN(rec.hknid, a.hknid);
      if (a.ended_hknid) {
        ONSHI_PUTN(rec.ended_hknid, a.ended_hknid);
        ONSHI_PUT(rec.ended_on, a.ended_on);
      }
      if (a.hkncombinum) ONSHI_PUTN(rec.hkncombinum, a.hkncombinum);
      if (a.kohid) ONSHI_PUTN(rec.kohid, a.kohid);
      ONSHI_PUT(rec.copay_before, a.copay_before.rate);
      ONSHI_PUT(rec.copay_after, a.copay_after.rate);
      ONSHI_PUT(rec.limit_before, a.copay_before.category);
      ONSHI_PUT(rec.limit_after, a.copay_after.category);
      if (a.prefill_id)  // prefill mode: nothing written until registration saves it
        ctx.say("ONSHI-I-6140", {mode, std::to_string(a.prefill_id)});
      else if (!a.assistance.empty())  // the public-expense row added or its end date updated
        ctx.say(a.assistance == "added" ? "ONSHI-I-6120" : "ONSHI-I-6121",
                {std::to_string(a.kohid), std::to_string(a.audit_id)});
      else if (a.written.empty())
        ctx.say("ONSHI-I-6090", {mode, std::to_string(a.audit_id)});
      else
        ctx.say("ONSHI-I-6100", {mode, a.written, std::to_string(a.audit_id)});
    } else if (action == "U") {
      const exchange::InsuranceUndone u =
          exchange::undo_insurance_apply(ctx.conn, ctx.hospnum, *audit_id, ctx.userid);
      ONSHI_PUTN(rec.audit_id, u.audit_id);
      listed = u.confirmation_id;
      ctx.say("ONSHI-I-6091", {std::to_string(*audit_id)});
    }
  } catch (const exchange::ApplyRefused& e) {
    throw refusal(e, ctx.userid, mode);
  }
  if (listed) list_applies(ctx, rec, listed);
}

}  // namespace onshi::hooks
