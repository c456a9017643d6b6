// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Drug, specific health checkup and diagnosis/surgery information: permission, consent, audit,
// queue, list, rows, PDF.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/medical_info.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "host/staff.h"
#include "model/messages.h"
#include "store/medical_info.h"

namespace onshi::hooks {
namespace {

/// A kind as the screens name it ("D", "C", "T"), with the message when permission is lacking.
struct Kind {
  exchange::MedicalInfoKind kind;
  const char* denied;
  const exchange::MedicalInfoFacts& facts() const { return exchange::medical_info_facts(kind); }
};

const Kind kDrug{exchange::MedicalInfoKind::drug, "ONSHI-W-6011"};
const Kind kCheckup{exchange::MedicalInfoKind::checkup, "ONSHI-W-6012"};
const Kind kDiagnosis{exchange::MedicalInfoKind::diagnosis, "ONSHI-W-6029"};

const Kind& kind_of(const std::string& k) {
  if (k == "D") return kDrug;
  if (k == "C") return kCheckup;
  if (k == "T") return kDiagnosis;
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
      exchange::may_view(ctx.conn, ctx.hospnum, ctx.userid, k.kind);
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

store::MedicalTable table_of(const Kind& k) {
  switch (k.kind) {
    case exchange::MedicalInfoKind::drug:
      return store::MedicalTable::drug;
    case exchange::MedicalInfoKind::checkup:
      return store::MedicalTable::checkup;
    case exchange::MedicalInfoKind::diagnosis:
      return store::MedicalTable::diagnosis;
  }
  return store::MedicalTable::drug;
}

/// RFC 4648 base64 with padding.
std::string base64(const std::string& in) {
  static const char* const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const unsigned b0 = static_cast<unsigned char>(in[i]);
    const unsigned b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const unsigned b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    const unsigned v = (b0 << 16) | (b1 << 8) | b2;
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += i + 1 < in.size() ? a[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? a[v & 63] : '=';
  }
  return out;
}

/// Bytes of PDF one med_pdf call returns (base64: 4000 characters).
constexpr int kPdfChunk = 3000;

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
                                       &access, "", ONSHI_GET(rec.visit));
  } catch (const exchange::MedicalVisitRefused& e) {
    if (e.unknown()) throw HookError(Status::refused, "ONSHI-W-6003", {"visit"});
    throw HookError(Status::refused, model::treatment_flag_of(ONSHI_GET(rec.visit)) == "2"
                                         ? "ONSHI-W-6047"
                                         : "ONSHI-W-6048");
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
      case exchange::MedicalRefusal::consent_withdrawn:
        throw HookError(Status::refused, "ONSHI-W-6055");
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
  const std::vector<store::MedicalInfoSummary> list = store::list_medical_info(
      ctx.conn, table_of(k), ctx.hospnum, ptid, static_cast<int>(ONSHI_LINK_MAX_MED_LIST_ROW));
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
    ONSHI_PUTN(row.surgery_withheld, m.surgery_withheld);
    audit(ctx, "view", k, ptid, m.info_id, "listed");
  }
  if (list.empty()) audit(ctx, "view", k, ptid, std::nullopt, "listed: none stored");
  tx.commit();
  ONSHI_PUTN(rec.row_count, static_cast<long long>(list.size()));
}

void medical_rows(Context& ctx, onshi_link_med_rows_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_med_rows_rec, total));
  ONSHI_PUT(rec.total, "000000");
  ONSHI_PUT(rec.row_count, "000");
  const Kind& k = kind_of(ONSHI_GET(rec.kind));
  const std::optional<long long> info_id = ONSHI_NUM(rec.info_id);
  if (!info_id) throw HookError(Status::refused, "ONSHI-W-6003", {"info_id"});
  const long long start = ONSHI_NUM(rec.start).value_or(0);
  if (start > 999999) throw HookError(Status::refused, "ONSHI-W-6003", {"start"});
  long long total = 0, ptid = 0;
  const auto rows = store::medical_info_rows(
      ctx.conn, table_of(k), ctx.hospnum, *info_id, static_cast<int>(start),
      static_cast<int>(ONSHI_LINK_MAX_MED_ROWS_ROW), total, ptid);
  if (!rows) throw HookError(Status::refused, "ONSHI-W-6009");
  require_permission(ctx, "view", k, ptid);
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const store::MedicalInfoDetailRow& r = (*rows)[i];
    auto& out = rec.row[i];
    ONSHI_PUTN(out.seq, r.seq);
    ONSHI_PUT(out.month, r.month);
    ONSHI_PUT(out.date, r.date);
    ONSHI_PUT(out.institution, r.institution);
    ONSHI_PUT(out.category, r.category);
    ONSHI_PUT(out.code, r.code);
    ONSHI_PUT(out.name, r.name);
    ONSHI_PUT(out.quantity, r.quantity);
    ONSHI_PUT(out.unit, r.unit);
    ONSHI_PUT(out.times, r.times);
    ONSHI_PUT(out.note, r.note);
    ONSHI_PUT(out.surgery, r.surgery ? "1" : "0");
  }
  audit(ctx, "view", k, ptid, *info_id,
        "rows " + std::to_string(start + (rows->empty() ? 0 : 1)) + "-" +
            std::to_string(start + static_cast<long long>(rows->size())) + " of " +
            std::to_string(total));
  ONSHI_PUTN(rec.total, total);
  ONSHI_PUTN(rec.row_count, static_cast<long long>(rows->size()));
}

void medical_pdf(Context& ctx, onshi_link_med_pdf_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_med_pdf_rec, total));
  ONSHI_PUT(rec.total, "0000000000");
  ONSHI_PUT(rec.length, "000000");
  const Kind& k = kind_of(ONSHI_GET(rec.kind));
  const std::optional<long long> info_id = ONSHI_NUM(rec.info_id);
  if (!info_id) throw HookError(Status::refused, "ONSHI-W-6003", {"info_id"});
  const long long offset = ONSHI_NUM(rec.offset).value_or(0);
  long long total = 0, ptid = 0;
  const std::optional<std::string> chunk = store::medical_info_pdf(
      ctx.conn, table_of(k), ctx.hospnum, *info_id, offset, kPdfChunk, total, ptid);
  if (!chunk) throw HookError(Status::refused, "ONSHI-W-6009");
  require_permission(ctx, "view", k, ptid);
  if (total > 0 && offset >= total) throw HookError(Status::refused, "ONSHI-W-6003", {"offset"});
  audit(ctx, "view", k, ptid, *info_id,
        total == 0 ? std::string("PDF: none stored")
                   : "PDF bytes " + std::to_string(offset) + "-" +
                         std::to_string(offset + static_cast<long long>(chunk->size())) + " of " +
                         std::to_string(total));
  ONSHI_PUTN(rec.total, total);
  ONSHI_PUTN(rec.length, static_cast<long long>(chunk->size()));
  ONSHI_PUT(rec.data, base64(*chunk));
}

}  // namespace onshi::hooks
