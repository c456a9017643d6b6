// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Notices for the front desk (store/notices.h): the pending ones of a workstation, waiting for
// one through LISTEN/NOTIFY on the session's connection (db/notifications.h), their
// acknowledgement, and the terminal's health (store/terminal_health.h).
#include "store/notices.h"

#include <chrono>
#include <cstddef>

#include "db/facility.h"
#include "db/notifications.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "store/terminal_health.h"

namespace onshi::hooks {
namespace {

/// The longest wait a call may ask for: the host's screen stays responsive.
constexpr long long kMaxWaitMs = 60000;

std::string workstation_of(const char* field, std::size_t width) {
  std::string w = get_text(field, width);
  if (w.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"workstation"});
  return w;
}

bool for_facility(const std::vector<db::Notification>& got, int hospnum) {
  const std::string mine = std::to_string(hospnum);
  for (const db::Notification& n : got)
    if (n.channel == store::kNoticeChannel && n.payload == mine) return true;
  return false;
}

}  // namespace

void notices(Context& ctx, onshi_link_notices_rec& rec) {
  const std::string workstation = workstation_of(rec.workstation, sizeof rec.workstation);
  const long long after_id = ONSHI_NUM(rec.after_id).value_or(0);
  const long long wait_ms = ONSHI_NUM(rec.wait_ms).value_or(0);
  if (after_id < 0) throw HookError(Status::refused, "ONSHI-W-6003", {"after_id"});
  if (wait_ms < 0 || wait_ms > kMaxWaitMs)
    throw HookError(Status::refused, "ONSHI-W-6003", {"wait_ms"});
  blank_outputs(rec, offsetof(onshi_link_notices_rec, last_id));

  // Listen first, then look: a notice committed after the look wakes the wait below. What
  // arrived before the look is in the look already.
  db::listen(ctx.conn, store::kNoticeChannel);
  db::take_notifications(ctx.conn);
  const int limit = static_cast<int>(ONSHI_LINK_MAX_NOTICES_NOTICE);
  std::vector<store::Notice> rows =
      store::pending_notices(ctx.conn, ctx.hospnum, workstation, after_id, limit);
  if (rows.empty() && wait_ms > 0) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
    for (;;) {
      const long long left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) break;
      const std::vector<db::Notification> got =
          db::wait_notifications(ctx.conn, static_cast<int>(left));
      if (got.empty()) break;                         // the bound, or a signal
      if (!for_facility(got, ctx.hospnum)) continue;  // another facility's notice
      rows = store::pending_notices(ctx.conn, ctx.hospnum, workstation, after_id, limit);
      if (!rows.empty()) break;
    }
  }

  long long last = after_id;
  std::size_t i = 0;
  for (const store::Notice& n : rows) {
    auto& out = rec.notice[i++];
    ONSHI_PUTN(out.notice_id, n.notice_id);
    ONSHI_PUT(out.kind, n.kind);
    ONSHI_PUT(out.time, timestamp14(n.created));
    if (n.confirmation_id) ONSHI_PUTN(out.confirmation_id, *n.confirmation_id);
    if (n.ptid) {
      ONSHI_PUTN(out.ptid, *n.ptid);
      if (const std::optional<std::string> pn =
              host::patient_number(ctx.conn, ctx.hospnum, *n.ptid))
        ONSHI_PUT(out.ptnum, *pn);
    }
    ONSHI_PUT(out.patient, n.subject);
    const store::NoticeMessage m = store::notice_message(n);
    ONSHI_PUT(out.msgid, m.id);
    ONSHI_PUT(out.text, ctx.text(m.id, m.args));
    last = n.notice_id;
  }
  ONSHI_PUTN(rec.last_id, last);
  ONSHI_PUTN(rec.notice_count, static_cast<long long>(rows.size()));
}

void notice_ack(Context& ctx, onshi_link_notice_ack_rec& rec) {
  const std::string workstation = workstation_of(rec.workstation, sizeof rec.workstation);
  const std::optional<long long> id = ONSHI_NUM(rec.notice_id);
  if (!id || *id <= 0) throw HookError(Status::refused, "ONSHI-W-6003", {"notice_id"});
  ONSHI_PUT(rec.state, "");
  switch (store::acknowledge_notice(ctx.conn, ctx.hospnum, *id, workstation, ctx.userid)) {
    case store::AckOutcome::unknown:
      throw HookError(Status::refused, "ONSHI-W-6087", {std::to_string(*id)});
    case store::AckOutcome::acknowledged:
      ONSHI_PUT(rec.state, "acknowledged");
      break;
    case store::AckOutcome::already:
      ONSHI_PUT(rec.state, "already");
      break;
  }
  ctx.say("ONSHI-I-6088", {std::to_string(*id)});
}

void term_health(Context& ctx, onshi_link_term_health_rec& rec) {
  const db::FacilitySettings f = db::load_enabled_facility(ctx.conn, ctx.hospnum);
  blank_outputs(rec, 0);
  const store::TerminalHealth h = store::terminal_health(ctx.conn, ctx.hospnum, f.answer_timeout_s);
  ONSHI_PUT(rec.last_answer, timestamp14(h.last_answer));
  if (h.last_answer_age_s) ONSHI_PUTN(rec.last_answer_age, *h.last_answer_age_s);
  if (h.latency_p50_ms) ONSHI_PUTN(rec.latency_p50, *h.latency_p50_ms);
  if (h.latency_p95_ms) ONSHI_PUTN(rec.latency_p95, *h.latency_p95_ms);
  ONSHI_PUTN(rec.answers, h.answers_hour);
  ONSHI_PUTN(rec.requests, h.requests_hour);
  ONSHI_PUTN(rec.refused, h.refused_hour);
  // Refused jobs per request file written in the hour (several attempts may precede one .err).
  const long long rate =
      h.requests_hour ? std::min<long long>(100, h.refused_hour * 100 / h.requests_hour) : 0;
  ONSHI_PUTN(rec.err_rate, rate);
  if (h.share_ok) ONSHI_PUT(rec.share_ok, *h.share_ok ? "1" : "0");
  ONSHI_PUT(rec.share_error, h.share_error);
  ONSHI_PUT(rec.silent, h.silence.silent ? "1" : "0");
  ONSHI_PUT(rec.silent_since, timestamp14(h.silence.since));
  ONSHI_PUTN(rec.waiting, h.waiting);
  const char* id = h.silence.silent ? "ONSHI-S-6085" : "ONSHI-I-6089";
  const std::vector<std::string> args =
      h.silence.silent
          ? std::vector<std::string>{h.silence.since}
          : std::vector<std::string>{h.last_answer.empty() ? "-" : h.last_answer,
                                     h.latency_p50_ms ? std::to_string(*h.latency_p50_ms) : "-",
                                     std::to_string(h.waiting)};
  ONSHI_PUT(rec.msgid, id);
  ONSHI_PUT(rec.text, ctx.text(id, args));
  ctx.say(id, args, h.silence.silent ? Status::warning : Status::ok);
}

}  // namespace onshi::hooks
