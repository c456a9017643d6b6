// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Outage mode at the front desk (exchange/outage.h): while the terminal or the national system is
// down, the reception screen records what the patient states; the list shows each statement's
// state and what the re-check after recovery changed; a statement is linked to a patient
// registered meanwhile, or cancelled.
#include "exchange/outage.h"

#include <cstddef>

#include "hooks/fill.h"
#include "hooks/screens.h"
#include "store/outage.h"

namespace onshi::hooks {
namespace {

HookError refusal(const exchange::OutageRefused& e) {
  using R = exchange::OutageRefusal;
  switch (e.reason()) {
    case R::staff:
      return HookError(Status::refused, "ONSHI-W-6003", {"userid"});
    case R::name:
      return HookError(Status::refused, "ONSHI-W-6170");
    case R::sex:
      return HookError(Status::refused, "ONSHI-W-6171");
    case R::visit_date:
      return HookError(Status::refused, "ONSHI-W-6172");
    case R::birthdate:
      return HookError(Status::refused, "ONSHI-W-6173");
    case R::patient:
      return HookError(Status::refused, "ONSHI-W-6174");
    case R::reason:
    case R::until:
      break;
  }
  return HookError(Status::refused, "ONSHI-W-6003", {"action"});
}

template <class Entry>
void fill_statement(Entry& o, const store::OutageStatement& s) {
  ONSHI_PUTN(o.statement_id, s.statement_id);
  ONSHI_PUT(o.recorded_at, timestamp14(s.recorded_at));
  ONSHI_PUT(o.recorded_by, s.recorded_by);
  ONSHI_PUT(o.visit_date, s.visit_date);
  ONSHI_PUT(o.name, s.name);
  ONSHI_PUT(o.sex, s.sex);
  ONSHI_PUT(o.birthdate, s.birthdate);
  if (s.ptid) ONSHI_PUTN(o.ptid, *s.ptid);
  ONSHI_PUT(o.ptnum, s.ptnum);
  ONSHI_PUT(o.state, s.state);
  ONSHI_PUT(o.note, s.note);
  if (s.confirmation_id) ONSHI_PUTN(o.confirmation_id, *s.confirmation_id);
  ONSHI_PUT(o.validity, s.validity);
  std::string changes;
  for (const std::string& c : exchange::outage_changes(s))
    changes += (changes.empty() ? "" : ",") + c;
  ONSHI_PUT(o.changes, changes);
}

/// Shows the one statement an action changed.
void show_one(Context& ctx, onshi_link_outage_rec& rec, long long statement_id) {
  if (std::optional<store::OutageStatement> s =
          store::outage_statement(ctx.conn, ctx.hospnum, statement_id)) {
    fill_statement(rec.statement[0], *s);
    ONSHI_PUTN(rec.statement_count, 1LL);
  }
}

}  // namespace

void outage(Context& ctx, onshi_link_outage_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  if (!action.empty() && action != "R" && action != "L" && action != "K" && action != "C")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> statement_id = ONSHI_NUM(rec.statement_id);
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  const std::optional<long long> before_id = ONSHI_NUM(rec.before_id);
  if ((action == "K" || action == "C") && !statement_id)
    throw HookError(Status::refused, "ONSHI-W-6003", {"statement_id"});
  if (action == "K" && !ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  if (before_id && *before_id < 0) throw HookError(Status::refused, "ONSHI-W-6003", {"before_id"});
  blank_outputs(rec, offsetof(onshi_link_outage_rec, statement_count));
  ONSHI_PUTN(rec.statement_count, 0LL);
  try {
    if (action == "R") {
      store::OutageStatement s;
      s.hospnum = ctx.hospnum;
      s.ptid = ptid;
      s.visit_date = ONSHI_GET(rec.visit_date);
      s.name = ONSHI_GET(rec.name);
      s.name_kana = ONSHI_GET(rec.kana);
      s.sex = ONSHI_GET(rec.sex);
      s.birthdate = ONSHI_GET(rec.birthdate);
      s.address = ONSHI_GET(rec.address);
      s.insurer = ONSHI_GET(rec.insurer);
      const long long id = exchange::record_outage_statement(ctx.conn, s, ctx.userid);
      ONSHI_PUTN(rec.statement_id, id);
      show_one(ctx, rec, id);
      ctx.say("ONSHI-I-6176", {std::to_string(id)});
      return;
    }
    if (action == "K" || action == "C") {
      const bool done = action == "K" ? exchange::link_outage_statement(
                                            ctx.conn, ctx.hospnum, *statement_id, *ptid, ctx.userid)
                                      : exchange::cancel_outage_statement(
                                            ctx.conn, ctx.hospnum, *statement_id, ctx.userid);
      if (!done) throw HookError(Status::refused, "ONSHI-W-6175", {std::to_string(*statement_id)});
      show_one(ctx, rec, *statement_id);
      ctx.say(action == "K" ? "ONSHI-I-6177" : "ONSHI-I-6178", {std::to_string(*statement_id)});
      return;
    }
  } catch (const exchange::OutageRefused& e) {
    throw refusal(e);
  }
  const int limit = static_cast<int>(ONSHI_LINK_MAX_OUTAGE_STATEMENT);
  const std::vector<store::OutageStatement> rows = store::outage_statements(
      ctx.conn, ctx.hospnum, ONSHI_GET(rec.open_only) == "1", limit, before_id.value_or(0));
  for (std::size_t i = 0; i < rows.size(); ++i) fill_statement(rec.statement[i], rows[i]);
  ONSHI_PUTN(rec.statement_count, static_cast<long long>(rows.size()));
}

}  // namespace onshi::hooks
