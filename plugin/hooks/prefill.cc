// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The pre-fill way of applying (issue 14; exchange/prefill.h): the registration screen loads
// what an apply in prefill mode would write (prefill G), or drops it (prefill C); after its
// 登録 the host tells which rows it wrote (insurance_saved), which are compared, applied and
// audited.
#include "exchange/prefill.h"

#include <cstddef>

#include "hooks/fill.h"
#include "hooks/screens.h"

namespace onshi::hooks {
namespace {

/// The differences array of both records.
template <class Entry, std::size_t N, std::size_t CountWidth>
void fill_saved_diffs(const std::vector<host::Difference>& diffs, Entry (&out)[N],
                      char (&count)[CountWidth]) {
  const std::size_t n = std::min(diffs.size(), N);
  for (std::size_t i = 0; i < n; ++i) {
    ONSHI_PUT(out[i].table, diffs[i].table);
    ONSHI_PUT(out[i].key, diffs[i].key);
    ONSHI_PUT(out[i].column, diffs[i].field);
    ONSHI_PUT(out[i].proposed, diffs[i].proposed);
    ONSHI_PUT(out[i].saved, diffs[i].saved);
  }
  ONSHI_PUTN(count, static_cast<long long>(n));
}

void show(onshi_link_prefill_rec& rec, const exchange::PrefillView& v) {
  const store::Prefill& p = v.prefill;
  ONSHI_PUTN(rec.prefill_id, p.prefill_id);
  ONSHI_PUTN(rec.confirmation_id, p.confirmation_id);
  if (p.ptid) ONSHI_PUTN(rec.ptid, p.ptid);
  ONSHI_PUT(rec.mode, p.mode);
  ONSHI_PUT(rec.state, p.state);
  ONSHI_PUT(rec.created_by, p.created_by);
  ONSHI_PUT(rec.created_at, p.created_at);
  ONSHI_PUT(rec.closed_by, p.closed_by);
  ONSHI_PUT(rec.closed_at, p.closed_at);
  if (const std::optional<host::ProposedInsurance>& i = v.proposal.insurance) {
    ONSHI_PUT(rec.ins_action, i->is_new ? "A" : "C");
    if (!i->is_new) ONSHI_PUTN(rec.hknid, i->hknid);
    ONSHI_PUT(rec.hknnum, i->hknnum);
    ONSHI_PUT(rec.insurer, i->insurer);
    ONSHI_PUT(rec.symbol, i->symbol);
    ONSHI_PUT(rec.number, i->number);
    ONSHI_PUT(rec.branch, i->branch);
    ONSHI_PUT(rec.family, i->family);
    ONSHI_PUT(rec.hojokbn, i->hojokbn);
    ONSHI_PUT(rec.insured_name, i->insured_name);
    ONSHI_PUT(rec.acquired, i->acquired);
    ONSHI_PUT(rec.valid_from, i->from);
    ONSHI_PUT(rec.valid_to, i->to);
    ONSHI_PUT(rec.confirm_date, i->confirmed);
  } else if (v.proposal.hknid) {
    ONSHI_PUTN(rec.hknid, v.proposal.hknid);  // the insurance a certificate goes with
  }
  const std::size_t ended = std::min<std::size_t>(v.proposal.ended.size(), std::size(rec.ended));
  for (std::size_t i = 0; i < ended; ++i) {
    ONSHI_PUTN(rec.ended[i].hknid, v.proposal.ended[i].hknid);
    ONSHI_PUT(rec.ended[i].valid_to, v.proposal.ended[i].to);
  }
  ONSHI_PUTN(rec.end_count, static_cast<long long>(ended));
  const std::size_t koh =
      std::min<std::size_t>(v.proposal.public_expense.size(), std::size(rec.koh));
  for (std::size_t i = 0; i < koh; ++i) {
    const host::ProposedPublicExpense& k = v.proposal.public_expense[i];
    if (!k.is_new) ONSHI_PUTN(rec.koh[i].kohid, k.kohid);
    ONSHI_PUT(rec.koh[i].kohnum, k.kohnum);
    ONSHI_PUT(rec.koh[i].paykbn, k.paykbn);
    ONSHI_PUT(rec.koh[i].ftnjanum, k.ftnjanum);
    ONSHI_PUT(rec.koh[i].jkysnum, k.jkysnum);
    ONSHI_PUT(rec.koh[i].valid_from, k.from);
    ONSHI_PUT(rec.koh[i].valid_to, k.to);
  }
  ONSHI_PUTN(rec.koh_count, static_cast<long long>(koh));
  fill_saved_diffs(v.differences, rec.diff, rec.diff_count);
  if (const std::optional<host::ProposedPatient>& pt = v.proposal.patient) {
    ONSHI_PUT(rec.pt_name, pt->name);
    ONSHI_PUT(rec.pt_kana, pt->kananame);
    ONSHI_PUT(rec.pt_sex, pt->sex);
    ONSHI_PUT(rec.pt_birthday, pt->birthday);
    ONSHI_PUT(rec.pt_post, pt->post);
    ONSHI_PUT(rec.pt_address, pt->address);
  }
}

}  // namespace

void prefill(Context& ctx, onshi_link_prefill_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  if (!action.empty() && action != "G" && action != "C")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> id = ONSHI_NUM(rec.prefill_id);
  const std::optional<long long> confirmation_id = ONSHI_NUM(rec.confirmation_id);
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!id && !confirmation_id && !ptid)
    throw HookError(Status::refused, "ONSHI-W-6003", {"prefill_id"});
  blank_outputs(rec, offsetof(onshi_link_prefill_rec, mode));
  try {
    if (action == "C") {
      const store::Prefill p =
          exchange::cancel_prefill(ctx.conn, ctx.hospnum, id, confirmation_id, ptid, ctx.userid);
      show(rec,
           exchange::get_prefill(ctx.conn, ctx.hospnum, p.prefill_id, std::nullopt, std::nullopt));
      ctx.say("ONSHI-I-6142", {std::to_string(p.prefill_id)});
      return;
    }
    const exchange::PrefillView v =
        exchange::get_prefill(ctx.conn, ctx.hospnum, id, confirmation_id, ptid);
    show(rec, v);
    if (v.prefill.state == "pending")
      ctx.say("ONSHI-I-6141", {std::to_string(v.prefill.prefill_id), v.prefill.mode});
    else if (!v.differences.empty())
      ctx.say("ONSHI-W-6144",
              {std::to_string(v.prefill.prefill_id), std::to_string(v.differences.size()),
               std::to_string(v.prefill.audit_id)},
              Status::warning);
    else
      ctx.say("ONSHI-I-6145", {std::to_string(v.prefill.prefill_id), v.prefill.state});
  } catch (const exchange::ApplyRefused& e) {
    throw apply_refusal(e, ctx.userid);
  }
}

void insurance_saved(Context& ctx, onshi_link_insurance_saved_rec& rec) {
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const long long prefill_id = ONSHI_NUM(rec.prefill_id).value_or(0);
  const long long hknid = ONSHI_NUM(rec.hknid).value_or(0);
  const long long count = ONSHI_NUM(rec.koh_count).value_or(0);
  if (count < 0 || count > static_cast<long long>(std::size(rec.kohid)))
    throw HookError(Status::refused, "ONSHI-W-6003", {"koh_count"});
  std::vector<long long> kohids;
  for (long long i = 0; i < count; ++i) {
    const std::optional<long long> k = ONSHI_NUM(rec.kohid[i].kohid);
    if (!k) throw HookError(Status::refused, "ONSHI-W-6003", {"kohid"});
    kohids.push_back(*k);
  }
  blank_outputs(rec, offsetof(onshi_link_insurance_saved_rec, confirmation_id));
  try {
    const exchange::PrefillSaved s = exchange::insurance_saved(
        ctx.conn, ctx.hospnum, *ptid, prefill_id, hknid, kohids, ctx.userid);
    ONSHI_PUTN(rec.confirmation_id, s.confirmation_id);
    ONSHI_PUT(rec.mode, s.mode);
    ONSHI_PUTN(rec.audit_id, s.audit_id);
    fill_saved_diffs(s.differences, rec.diff, rec.diff_count);
    if (s.ptid) {
      // A new patient: linked now, its reference number queued.
      ONSHI_PUT(rec.audit_id, "");
      ONSHI_PUTN(rec.result_ptid, s.ptid);
      if (s.reference_job) ONSHI_PUTN(rec.reference_job, s.reference_job);
      if (!s.differences.empty())
        ctx.say("ONSHI-W-6192",
                {std::to_string(s.prefill_id), std::to_string(s.ptid),
                 std::to_string(s.differences.size())},
                Status::warning);
      else
        ctx.say("ONSHI-I-6191", {std::to_string(s.prefill_id), std::to_string(s.ptid)});
    } else if (!s.differences.empty())
      ctx.say("ONSHI-W-6144",
              {std::to_string(s.prefill_id), std::to_string(s.differences.size()),
               std::to_string(s.audit_id)},
              Status::warning);
    else
      ctx.say("ONSHI-I-6143", {std::to_string(s.prefill_id), std::to_string(s.audit_id)});
  } catch (const exchange::ApplyRefused& e) {
    throw apply_refusal(e, ctx.userid);
  }
}

}  // namespace onshi::hooks
