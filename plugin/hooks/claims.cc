// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Claims (レセプト振替・分割結果): a claim month's transfer and split results with what the billing
// staff must change (exchange/claim_transfers.h). Linking a result is `onshi-admin claims resolve`.
#include <cstddef>

#include "exchange/claim_transfers.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "store/claim_transfers.h"

namespace onshi::hooks {

void claim_list(Context& ctx, onshi_link_claim_list_rec& rec) {
  const std::string month = ONSHI_GET(rec.month);
  if (month.size() != 6 || month.find_first_not_of("0123456789") != std::string::npos)
    throw HookError(Status::refused, "ONSHI-W-6003", {"month"});
  const std::string todo = ONSHI_GET(rec.todo);
  const long long start = ONSHI_NUM(rec.start).value_or(0);
  blank_outputs(rec, offsetof(onshi_link_claim_list_rec, total));
  const std::vector<store::ClaimTransfer> rows =
      store::list_claim_transfers(ctx.conn, ctx.hospnum, month, todo == "1");
  ONSHI_PUTN(rec.total, static_cast<long long>(rows.size()));
  std::size_t n = 0;
  for (std::size_t i = static_cast<std::size_t>(start);
       i < rows.size() && n < ONSHI_LINK_MAX_CLAIM_LIST_ROW; ++i, ++n) {
    const store::ClaimTransfer& t = rows[i];
    auto& row = rec.row[n];
    ONSHI_PUTN(row.transfer_id, t.transfer_id);
    ONSHI_PUT(row.billing_month, t.billing_month);
    ONSHI_PUT(row.receipt_number, t.receipt_number);
    ONSHI_PUT(row.chart_number, t.chart_number.value_or(""));
    ONSHI_PUT(row.result, t.result_class);
    ONSHI_PUT(row.name, t.name);
    ONSHI_PUT(row.kana, t.kana.value_or(""));
    ONSHI_PUT(row.birthdate, t.birthdate);
    ONSHI_PUT(row.sex, t.sex);
    ONSHI_PUT(row.link_state, t.link_state);
    if (t.ptid) {
      ONSHI_PUTN(row.ptid, *t.ptid);
      if (const std::optional<std::string> pn =
              host::patient_number(ctx.conn, ctx.hospnum, *t.ptid))
        ONSHI_PUT(row.ptnum, *pn);
    }
    ONSHI_PUTN(row.cand_count, static_cast<long long>(t.candidates.size()));
    ONSHI_PUT(row.old_insurer, t.old_insurer);
    ONSHI_PUT(row.old_symbol, t.old_symbol.value_or(""));
    ONSHI_PUT(row.old_number, t.old_number);
    ONSHI_PUT(row.new_insurer, t.new_insurer.value_or(""));
    ONSHI_PUT(row.new_symbol, t.new_symbol.value_or(""));
    ONSHI_PUT(row.new_number, t.new_number.value_or(""));
    ONSHI_PUT(row.new_branch, t.new_branch.value_or(""));
    ONSHI_PUT(row.split_date, t.split_date.value_or(""));
    if (t.billed_hknid) ONSHI_PUTN(row.billed_hknid, *t.billed_hknid);
    if (t.new_hknid) ONSHI_PUTN(row.new_hknid, *t.new_hknid);
    ONSHI_PUT(row.action, t.action);
    const exchange::ClaimActionMessage m = exchange::claim_action(t);
    ONSHI_PUT(row.action_msgid, m.id);
    ONSHI_PUT(row.action_text, ctx.text(m.id, m.args));
  }
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

}  // namespace onshi::hooks
