// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Drug and specific health checkup information: permission, consent, audit, queue, list.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/medical_info.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "host/staff.h"
#include "store/medical_info.h"

namespace onshi::hooks {
namespace {

/// A kind as the screens name it ("D", "C"), with the message when permission is lacking.
struct Kind {
  exchange::MedicalInfoKind kind;
  const char* denied;
  const exchange::MedicalInfoFacts& facts() const { return exchange::medical_info_facts(kind); }
};

const Kind kDrug{exchange::MedicalInfoKind::drug, "ONSHI-W-6011"};
const Kind kCheckup{exchange::MedicalInfoKind::checkup, "ONSHI-W-6012"};

const Kind& kind_of(const std::string& k) {
  if (k == "D") return kDrug;
  if (k == "C") return kCheckup;
  throw HookError(Status::refused, "ONSHI-W-6003", {"kind"});
}

/// Appends one audit row (its own statement: a refusal is recorded too).
void audit(Context& ctx, const char* action, const Kind& k, long long ptid,
           const std::optional<long long>& info_id, const std::string& detail) {
  store::insert_audit(ctx.conn, ctx.hospnum, ctx.userid, action, k.facts().name, ptid, info_id,
                      detail);
}

/// Refuses (audited) unless the staff member holds the permission for `k`.
void require_permission(Context& ctx, const char* action, const Kind& k, long long ptid) {
  const std::optional<bool> permitted =
      host::may_view(ctx.conn, ctx.hospnum, ctx.userid, k.facts().permission);
  if (!permitted) {
    audit(ctx, action, k, ptid, std::nullopt, "refused: unknown staff member");
    throw HookError(Status::refused, "ONSHI-W-6015", {ctx.userid});
  }
  if (!*permitted) {
    audit(ctx, action, k, ptid, std::nullopt, "refused: no permission");
    throw HookError(Status::refused, k.denied);
  }
}

long long patient(Context& ctx, const std::optional<long long>& ptid) {
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const std::optional<std::string> test = host::test_patient_flag(ctx.conn, ctx.hospnum, *ptid);
  if (!test) throw HookError(Status::refused, "ONSHI-W-6004");
  if (*test == "1") throw HookError(Status::refused, "ONSHI-W-6005");
  return *ptid;
}

bool month(const std::string& m) {
  return m.size() == 6 && m.find_first_not_of("0123456789") == std::string::npos &&
         m.substr(4, 2) >= "01" && m.substr(4, 2) <= "12";
}

}  // namespace

void medical_request(Context& ctx, onshi_link_med_request_rec& rec) {
  ONSHI_PUT(rec.request_id, "");
  ONSHI_PUT(rec.consent_until, "");
  const Kind& k = kind_of(ONSHI_GET(rec.kind));
  const long long ptid = patient(ctx, ONSHI_NUM(rec.ptid));
  const std::string from = ONSHI_GET(rec.month_from), to = ONSHI_GET(rec.month_to);
  if (!from.empty() && !month(from))
    throw HookError(Status::refused, "ONSHI-W-6003", {"month_from"});
  if (!to.empty() && !month(to)) throw HookError(Status::refused, "ONSHI-W-6003", {"month_to"});
  // The decision, the job and the audit rows are the library's (exchange/medical_info.h), the
  // same the engine applies again when it sends the request.
  exchange::MedicalAccess access;
  long long job = 0;
  try {
    job = exchange::queue_medical_info(ctx.conn, ctx.hospnum, ptid, k.kind, ctx.userid, from, to,
                                       &access);
  } catch (const exchange::MedicalInfoRefused& e) {
    switch (e.access().refusal) {
      case exchange::MedicalRefusal::unknown_patient:
        throw HookError(Status::refused, "ONSHI-W-6004");
      case exchange::MedicalRefusal::unknown_staff:
        throw HookError(Status::refused, "ONSHI-W-6015", {ctx.userid});
      case exchange::MedicalRefusal::no_permission:
        throw HookError(Status::refused, k.denied);
      case exchange::MedicalRefusal::no_consent:
        throw HookError(Status::refused, "ONSHI-W-6013");
      case exchange::MedicalRefusal::consent_expired:
      case exchange::MedicalRefusal::none: {
        std::string until = e.access().available_until;
        if (until.size() == 14)
          until = until.substr(0, 4) + "-" + until.substr(4, 2) + "-" + until.substr(6, 2) + " " +
                  until.substr(8, 2) + ":" + until.substr(10, 2);
        throw HookError(Status::refused, "ONSHI-W-6014", {until});
      }
    }
  }
  ONSHI_PUTN(rec.request_id, job);
  ONSHI_PUT(rec.consent_until, access.available_until);
  ctx.say("ONSHI-I-6002", {std::to_string(job)});
}

void medical_list(Context& ctx, onshi_link_med_list_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_med_list_rec, row_count));
  ONSHI_PUT(rec.row_count, "000");
  const Kind& k = kind_of(ONSHI_GET(rec.kind));
  const long long ptid = patient(ctx, ONSHI_NUM(rec.ptid));
  require_permission(ctx, "view", k, ptid);
  const bool drug = k.kind == exchange::MedicalInfoKind::drug;
  const std::vector<store::MedicalInfoSummary> list = store::list_medical_info(
      ctx.conn, drug ? store::MedicalTable::drug : store::MedicalTable::checkup, ctx.hospnum, ptid,
      static_cast<int>(ONSHI_LINK_MAX_MED_LIST_ROW));
  db::Transaction tx(ctx.conn);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const store::MedicalInfoSummary& m = list[i];
    auto& row = rec.row[i];
    ONSHI_PUTN(row.info_id, m.info_id);
    ONSHI_PUT(row.received, m.received);
    ONSHI_PUT(row.format, m.format);
    ONSHI_PUT(row.month_from, m.month_from);
    ONSHI_PUT(row.month_to, m.month_to);
    ONSHI_PUTN(row.rows, m.rows);
    ONSHI_PUT(row.result_code, m.result_code);
    ONSHI_PUT(row.message, m.message);
    audit(ctx, "view", k, ptid, m.info_id, "listed");
  }
  if (list.empty()) audit(ctx, "view", k, ptid, std::nullopt, "listed: none stored");
  tx.commit();
  ONSHI_PUTN(rec.row_count, static_cast<long long>(list.size()));
}

}  // namespace onshi::hooks
