// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Registration screen (頭書き): ask by insurance number, poll, accept updates, new patient saved.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/requests.h"
#include "hooks/fill.h"
#include "host/confirmation.h"
#include "host/patients.h"
#include "hooks/screens.h"
#include "json/json.h"
#include "text/normalize.h"

namespace onshi::hooks {
namespace {

bool digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// A new patient's check: the typed values, stored like exchange::enqueue_qualification_check
/// stores a registered patient's (the engine builds the request from the payload).
long long enqueue_new_patient(Context& ctx, onshi_link_reg_ask_rec& rec, const std::string& date,
                              const std::string& limit) {
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  const std::string insurer(text::strip_insurer_padding(ONSHI_GET(rec.insurer)));
  const std::string symbol = ONSHI_GET(rec.symbol), number = ONSHI_GET(rec.number),
                    branch = ONSHI_GET(rec.branch), birthdate = ONSHI_GET(rec.birthdate);
  if (!digits(insurer) || (insurer.size() != 6 && insurer.size() != 8))
    throw HookError(Status::refused, "ONSHI-W-6003", {"insurer"});
  if (number.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"number"});
  if (!branch.empty() && (branch.size() != 2 || !digits(branch)))
    throw HookError(Status::refused, "ONSHI-W-6003", {"branch"});
  if (!is_date(birthdate)) throw HookError(Status::refused, "ONSHI-W-6003", {"birthdate"});
  db::Result j = ctx.conn.exec(
      "WITH v AS (SELECT jsonb_build_object('insurer_number', $2::text, 'symbol', $3::text, "
      "    'number', $4::text, 'branch', $5::text, 'birthdate', $6::text, 'limit_flag', $7::text, "
      "    'confirmation_date', $8::text, 'ptnum', NULL) AS payload), "
      "existing AS (SELECT j.job_id FROM onshi_job j, v WHERE j.hospnum = $1 AND j.ptid IS NULL "
      "    AND j.kind = 'OQSsiquc01req' AND j.state IN ('pending', 'sent') "
      "    AND j.payload = v.payload ORDER BY j.job_id LIMIT 1), "
      "ins AS (INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "    expires_at, requested_by) "
      "  SELECT $1, 'OQSsiquc01req', v.payload, 'pending', now(), now(), "
      "    greatest(to_timestamp($8::text, 'YYYYMMDD') + interval '1 day', "
      "             now() + make_interval(secs => $9)), $10 "
      "  FROM v WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING job_id) "
      "SELECT job_id FROM existing UNION ALL SELECT job_id FROM ins",
      {ctx.hospnum, insurer, symbol.empty() ? db::Param() : db::Param(symbol), number,
       branch.empty() ? db::Param() : db::Param(branch), birthdate, limit, date,
       static_cast<long long>(exchange::kMinimumJobLifetime.count()), ctx.userid});
  return j.integer(0, 0);
}

}  // namespace

void registration_ask(Context& ctx, onshi_link_reg_ask_rec& rec) {
  ONSHI_PUT(rec.request_id, "");
  const std::string date = ONSHI_GET(rec.confirm_date);
  if (!is_date(date)) throw HookError(Status::refused, "ONSHI-W-6003", {"confirm_date"});
  const std::string limit = ONSHI_GET(rec.limit_consent) == "0" ? "0" : "1";
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  const std::optional<long long> hknid = ONSHI_NUM(rec.hknid);
  db::Transaction tx(ctx.conn);
  long long job = 0;
  if (ptid && *ptid > 0) {
    job = exchange::enqueue_qualification_check(
        ctx.conn, ctx.hospnum, *ptid,
        hknid ? std::optional<int>(static_cast<int>(*hknid)) : std::nullopt, date, ctx.userid);
    // The engine's queue stores limit flag 1; a refusal of the limit certificate is recorded
    // on the job before it is sent.
    if (limit == "0")
      ctx.conn.exec("UPDATE onshi_job SET payload = jsonb_set(payload, '{limit_flag}', '\"0\"') "
                    "WHERE job_id = $1 AND state = 'pending' AND attempts = 0",
                    {job});
  } else {
    job = enqueue_new_patient(ctx, rec, date, limit);
  }
  tx.commit();
  ONSHI_PUTN(rec.request_id, job);
  ctx.say("ONSHI-I-6002", {std::to_string(job)});
}

void registration_poll(Context& ctx, onshi_link_reg_poll_rec& rec) {
  std::optional<long long> job = ONSHI_NUM(rec.request_id);
  const std::optional<long long> asked_ptid = ONSHI_NUM(rec.ptid);
  blank_outputs(rec, offsetof(onshi_link_reg_poll_rec, done));
  ONSHI_PUT(rec.cand_count, "00");
  ONSHI_PUT(rec.diff_count, "00");
  if (!job && asked_ptid) {
    db::Result l = ctx.conn.exec(
        "SELECT max(job_id) FROM onshi_job WHERE hospnum = $1 AND ptid = $2 "
        "AND kind = 'OQSsiquc01req'",
        {ctx.hospnum, *asked_ptid});
    if (!l.is_null(0, 0)) job = l.integer(0, 0);
  }
  if (!job) throw HookError(Status::refused, "ONSHI-W-6008");
  db::Result j = ctx.conn.exec(
      "SELECT state, coalesce(last_error, ''), ptid, "
      "(SELECT confirmation_id FROM onshi_confirmation c WHERE c.job_id = j.job_id "
      " ORDER BY result_index LIMIT 1) FROM onshi_job j WHERE hospnum = $1 AND job_id = $2 "
      "AND kind = 'OQSsiquc01req'",
      {ctx.hospnum, *job});
  if (j.rows() == 0) throw HookError(Status::refused, "ONSHI-W-6008");
  ONSHI_PUTN(rec.request_id, *job);
  const std::string state = j.text(0, 0);
  ONSHI_PUT(rec.job_state, state);
  if (!j.is_null(0, 2)) ONSHI_PUTN(rec.ptid, j.integer(0, 2));
  auto show = [&](const std::string& code, const std::string& id,
                  const std::vector<std::string>& args) {
    ONSHI_PUT(rec.status, code);
    ONSHI_PUT(rec.status_msgid, id);
    ONSHI_PUT(rec.status_text, ctx.text(id, args));
  };
  if (j.is_null(0, 3)) {
    if (state == "failed" || state == "expired" || state == "cancelled") {
      ONSHI_PUT(rec.done, "1");
      show("error", "ONSHI-S-6018", {});
      ctx.say("ONSHI-W-6023", {j.text(0, 1).empty() ? state : j.text(0, 1)}, Status::warning);
    } else {
      ONSHI_PUT(rec.done, "0");
      show("checking", "ONSHI-S-6015", {});
      ctx.say("ONSHI-I-6003");
    }
    return;
  }
  ResultView v = load_result(ctx, j.integer(0, 3));
  ONSHI_PUT(rec.done, "1");
  show(v.status, v.status_id, v.status_args);
  ONSHI_PUT(rec.validity, v.validity);
  if (std::string id = validity_message(v.validity); !id.empty())
    ONSHI_PUT(rec.validity_text, ctx.text(id));
  ONSHI_PUT(rec.processing_code, v.processing_code);
  ONSHI_PUT(rec.processing_message, v.processing_message);
  ONSHI_PUTN(rec.confirmation_id, v.confirmation_id);
  if (v.ptid) ONSHI_PUTN(rec.ptid, *v.ptid);
  if (v.hknid) ONSHI_PUTN(rec.hknid, *v.hknid);
  ONSHI_PUT(rec.fill_branch, v.fill_branch);
  ONSHI_PUT(rec.name, v.name);
  ONSHI_PUT(rec.kana, v.kana);
  ONSHI_PUT(rec.birthdate, v.birthdate);
  ONSHI_PUT(rec.sex, v.sex);
  ONSHI_PUT(rec.insurer, v.insurer);
  ONSHI_PUT(rec.symbol, v.symbol);
  ONSHI_PUT(rec.number, v.number);
  ONSHI_PUT(rec.branch, v.branch);
  ONSHI_PUT(rec.family, v.family);
  ONSHI_PUT(rec.ratio, v.ratio);
  std::vector<Candidate> cands = load_candidates(ctx, v, false);
  std::size_t n = std::min<std::size_t>(cands.size(), ONSHI_LINK_MAX_REG_POLL_CAND);
  for (std::size_t i = 0; i < n; ++i) {
    ONSHI_PUTN(rec.cand[i].ptid, cands[i].ptid);
    ONSHI_PUT(rec.cand[i].ptnum, cands[i].ptnum);
    ONSHI_PUT(rec.cand[i].name, cands[i].name);
    ONSHI_PUT(rec.cand[i].birthdate, cands[i].birthdate);
  }
  ONSHI_PUTN(rec.cand_count, static_cast<long long>(n));
  fill_diffs(ctx, v.diffs, rec.diff, rec.diff_count);
  ctx.say("ONSHI-I-6012");
}

void registration_accept(Context& ctx, onshi_link_reg_accept_rec& rec) {
  ONSHI_PUTN(rec.applied_count, 0);
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  const std::optional<long long> count = ONSHI_NUM(rec.item_count);
  if (!count || *count < 1 || *count > ONSHI_LINK_MAX_REG_ACCEPT_ITEM)
    throw HookError(Status::refused, "ONSHI-W-6003", {"item_count"});

  db::Transaction tx(ctx.conn);
  ctx.conn.exec("SELECT 1 FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $2 "
                "FOR UPDATE",
                {ctx.hospnum, *id});
  ResultView v = load_result(ctx, *id);
  if (v.link_state != "linked" || !v.ptid) throw HookError(Status::refused, "ONSHI-W-6020");
  std::vector<const Difference*> chosen;
  for (long long i = 0; i < *count; ++i) {
    const std::string item = ONSHI_GET(rec.item[i].code);
    const Difference* d = nullptr;
    for (const Difference& x : v.diffs)
      if (x.item == item && x.proposed) d = &x;
    if (!d) throw HookError(Status::refused, "ONSHI-W-6019", {item});
    chosen.push_back(d);
  }
  const std::string day = today(), time = now_time();
  json::Object accepted;
  for (const Difference* d : chosen) {
    const host::AcceptOutcome done = host::accept_returned_value(
        ctx.conn, ctx.hospnum, *v.ptid, v.hknid, d->item, d->returned, {day, time},
        ctx.userid.substr(0, 16));
    if (done == host::AcceptOutcome::needs_insurance || done == host::AcceptOutcome::not_updated)
      throw HookError(Status::refused, "ONSHI-W-6019", {d->item});
    json::Object change;
    change.emplace_back("from", d->registered);
    change.emplace_back("to", d->returned);
    accepted.emplace_back(d->item, std::move(change));
  }
  ctx.conn.exec(
      "UPDATE onshi_confirmation SET host_updates = host_updates || jsonb_build_object("
      "'accepted', $3::jsonb, 'accepted_by', $4::text, 'accepted_at', now()), "
      "resolved_by = $4, resolved_at = now(), resolution = 'accepted' "
      "WHERE hospnum = $1 AND confirmation_id = $2",
      {ctx.hospnum, *id, json::dump(accepted), ctx.userid});
  tx.commit();
  ONSHI_PUTN(rec.applied_count, static_cast<long long>(chosen.size()));
  ctx.say("ONSHI-I-6004", {std::to_string(chosen.size())});
}

void patient_saved(Context& ctx, onshi_link_patient_saved_rec& rec) {
  ONSHI_PUT(rec.reference_number, "");
  ONSHI_PUT(rec.job_id, "");
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const std::optional<long long> job = ONSHI_NUM(rec.request_id);
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  db::Transaction tx(ctx.conn);
  const std::optional<host::PatientSummary> p = host::numbered_patient(ctx.conn, ctx.hospnum, *ptid);
  if (!p) throw HookError(Status::refused, "ONSHI-W-6004");
  if (p->test_flag == "1") throw HookError(Status::refused, "ONSHI-W-6005");
  long long confirmation = 0;
  if (job) {
    db::Result j = ctx.conn.exec(
        "UPDATE onshi_job SET ptid = $3, updated_at = now() WHERE hospnum = $1 AND job_id = $2 "
        "AND ptid IS NULL AND kind = 'OQSsiquc01req' RETURNING job_id",
        {ctx.hospnum, *job, *ptid});
    if (j.rows() == 0) throw HookError(Status::refused, "ONSHI-W-6008");
    db::Result c = ctx.conn.exec(
        "SELECT confirmation_id FROM onshi_confirmation WHERE hospnum = $1 AND job_id = $2 "
        "AND link_state IN ('no_patient', 'candidates') AND resolved_at IS NULL "
        "ORDER BY result_index",
        {ctx.hospnum, *job});
    for (int i = 0; i < c.rows(); ++i) {
      confirmation = c.integer(i, 0);
      link_result(ctx, confirmation, *ptid, "new_patient");
    }
  }
  const long long ref_job = queue_reference_registration(ctx, *ptid, confirmation);
  tx.commit();
  ONSHI_PUT(rec.reference_number, p->ptnum);
  if (ref_job) ONSHI_PUTN(rec.job_id, ref_job);
  ctx.say("ONSHI-I-6011", {p->ptnum});
}

}  // namespace onshi::hooks
