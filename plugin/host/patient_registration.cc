// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/patient_registration.h"

#include <utility>
#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "host/insurance_kind.h"
#include "host/numbering.h"
#include "host/orca_rows.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace onshi::host {

CreatedPatient create_patient(db::Connection& conn, int hospnum, const PatientFromResult& p,
                              const std::string& today, const std::string& opid) {
  CreatedPatient out;
  const std::string op = opid.substr(0, 16), time = local_time6();
  const IssuedNumbers numbers = issue_patient_numbers(conn, hospnum, today, op);
  out.ptid = numbers.ptid;
  out.ptnum = numbers.ptnum;

  // The host's form of the returned text (full-width, as ORCA stores online results).
  const std::string name = fit(text::to_fullwidth(text::fold_spaces(p.name)), 100);
  const std::string kana = fit(text::to_fullwidth(text::kana_name_for_host(p.kananame)), 100);
  const std::string address = fit(text::to_fullwidth(p.address), 200);
  std::string post = digits_only(p.post);
  if (post.size() != 7) post.clear();
  const std::string sex = p.sex == "1" ? "1" : "2";  // ORCA: '1' male, anything else female
  const std::string birthday = is_date(p.birthday) ? p.birthday : "";

  // Insurance first decided, so that the counters in the patient-number row are right.
  std::string hknnum, hojokbn, insurer;
  if (p.has_insurance) {
    insurer = std::string(text::strip_insurer_padding(p.insurer));
    while (!insurer.empty() && insurer.back() == ' ') insurer.pop_back();
    hknnum = insurance_kind(conn, hospnum, insurer, p.card_class, today);
    hojokbn = copay_class(hknnum, p.copay_rate);
  }
  const bool insured = p.has_insurance && !hknnum.empty();

  insert_row(conn, "tbl_ptinf",
             {{"hospnum", hospnum},
              {"ptid", numbers.ptid},
              {"kananame", kana},
              {"name", name},
              {"sex", sex},
              {"birthday", birthday},
              {"home_post", post},
              {"home_adrs", address},
              {"tstptnumkbn", "0"},
              {"opid", op},
              {"creymd", today},
              {"upymd", today},
              {"uphms", time}},
             {"nickname",      "deathkbn",
              "home_banti",    "home_tel1",
              "home_tel2",     "setainusi",
              "zokugara",      "job",
              "keitai_tel",    "fax",
              "email",         "discount",
              "discount_rate", "condition_1",
              "condition_2",   "condition_3",
              "comment_1",     "comment_2",
              "taboo_1",       "taboo_2",
              "allergy_1",     "allergy_2",
              "kansensyo_1",   "kansensyo_2",
              "renraku_name",  "renraku_zokugara",
              "renraku_post",  "renraku_adrs",
              "renraku_banti", "renraku_tel1",
              "renraku_tel2",  "office_name",
              "office_post",   "office_adrs",
              "office_banti",  "office_tel",
              "kisei_name",    "kisei_post",
              "kisei_adrs",    "kisei_banti",
              "kisei_tel",     "nyukin_hoho",
              "skyprtflg",     "termid"},
             {"maxzainum", "rrknum", "rrkedanum"});
  insert_row(conn, "tbl_ptnum",
             {{"hospnum", hospnum},
              {"ptid", numbers.ptid},
              {"ptnum", numbers.ptnum},
              {"hknid", insured ? 1 : 0},
              {"autocombinum", insured ? 1 : 0},
              {"opid", op},
              {"creymd", today},
              {"upymd", today},
              {"uphms", time}},
             {"tstptnumkbn", "termid"}, {"kohid", "manucombinum"});
  out.substituted =
      !conn.representable(name) || !conn.representable(kana) || !conn.representable(address);

  if (insured) {
    // Valid from today unless the card starts later (ORCA's new-patient rule); open end 99999999.
    const std::string from = is_date(p.valid_from) && p.valid_from > today ? p.valid_from : today;
    const std::string to = is_date(p.valid_to) ? p.valid_to : "99999999";
    NewInsurance ins;
    ins.hknnum = hknnum;
    ins.insurer = insurer;
    ins.hojokbn = hojokbn;
    ins.family = p.family;
    ins.insured_name = p.insured_name;
    ins.symbol = p.symbol;
    ins.number = p.number;
    ins.branch = p.branch;
    ins.acquired = p.acquired;
    ins.from = from;
    ins.to = to;
    const std::string insured_name =
        insert_insurance(conn, hospnum, numbers.ptid, ins, today, time, op);
    out.hknid = 1;
    out.hknnum = hknnum;
    out.substituted = out.substituted || !conn.representable(insured_name);
  } else if (p.public_assistance) {
    // 医療扶助: the public-expense row (kohid 1) and its combination, the public expense alone.
    const AppliedAssistance a =
        apply_public_assistance(conn, hospnum, numbers.ptid, p.assistance, today, op);
    out.assistance = assistance_outcome_name(a.outcome);
    if (a.outcome == AssistanceOutcome::added) out.kohid = a.kohid;
  }
  return out;
}

}  // namespace onshi::host
