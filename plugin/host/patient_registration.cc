// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/patient_registration.h"

#include <utility>
#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "host/insurance_kind.h"
#include "host/numbering.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace onshi::host {
namespace {

/// At most `n` characters (the host's varchar(n) counts characters).
std::string fit(const std::string& s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    text::next_code_point(s, i);
    ++count;
  }
  return s.substr(0, i);
}

/// One INSERT naming every column: `values` are parameters (cast to the column by assignment),
/// `blank` columns get '' (a char(n) column pads it to spaces, as ORCA's middleware writes a blank
/// field), `zero` columns 0.
void insert_row(db::Connection& conn, const char* table,
                const std::vector<std::pair<const char*, db::Param>>& values,
                const std::vector<const char*>& blank, const std::vector<const char*>& zero) {
  std::string cols, vals;
  std::vector<db::Param> params;
  auto add = [&](const char* c, const std::string& v) {
    cols += (cols.empty() ? "" : ", ") + std::string(c);
    vals += (vals.empty() ? "" : ", ") + v;
  };
  for (const auto& [c, p] : values) {
    params.push_back(p);
    add(c, "$" + std::to_string(params.size()));
  }
  for (const char* c : blank) add(c, "''");
  for (const char* c : zero) add(c, "0");
  conn.exec(std::string("INSERT INTO ") + table + " (" + cols + ") VALUES (" + vals + ")", params);
}

std::string digits_only(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

bool is_date(const std::string& s) {
  return s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos;
}

/// The insurance combination's columns beyond the ones we set (spec/orca52-host.md 1.7).
void combination_columns(std::vector<const char*>& blank, std::vector<const char*>& zero) {
  static const char* const kBlank[] = {"koh1hknnum",
                                       "koh1paykbn",
                                       "koh2hknnum",
                                       "koh2paykbn",
                                       "koh3hknnum",
                                       "koh3paykbn",
                                       "koh4hknnum",
                                       "koh4paykbn",
                                       "syu_tanseidoname",
                                       "syu_hknkohsbtkbn",
                                       "syu_gaijgnkbn",
                                       "syu_nyujgnkbn",
                                       "koh1_tanseidoname",
                                       "koh1_hknkohsbtkbn",
                                       "koh1_gaijgnkbn",
                                       "koh1_nyujgnkbn",
                                       "koh2_tanseidoname",
                                       "koh2_hknkohsbtkbn",
                                       "koh2_gaijgnkbn",
                                       "koh2_nyujgnkbn",
                                       "koh3_tanseidoname",
                                       "koh3_hknkohsbtkbn",
                                       "koh3_gaijgnkbn",
                                       "koh3_nyujgnkbn",
                                       "koh4_tanseidoname",
                                       "koh4_hknkohsbtkbn",
                                       "koh4_gaijgnkbn",
                                       "koh4_nyujgnkbn",
                                       "gai_ftnkbn",
                                       "gai_ykzftnkbn",
                                       "nyu_ftnkbn",
                                       "nyu_skjryokbn",
                                       "tsy_gaiftnkbn",
                                       "tsy_gaiykzftnkbn",
                                       "tsy_nyuftnkbn",
                                       "tsy_nyuskjryokbn",
                                       "tnk_gaiftnkbn",
                                       "tnk_gaiykzftnkbn",
                                       "tnk_nyuftnkbn",
                                       "tnk_nyuskjryokbn",
                                       "taxkbn",
                                       "chgkbn",
                                       "delkbn",
                                       "termid",
                                       "hyojikbn"};
  static const char* const kZero[] = {"koh1id",
                                      "koh2id",
                                      "koh3id",
                                      "koh4id",
                                      "gai_kftnrate",
                                      "gai_kkotgak",
                                      "gai_kjgngak",
                                      "gai_djgngak",
                                      "gai_djgncnt",
                                      "gai_mnaijgngak",
                                      "gai_mgaijgngak",
                                      "gai_mjgncnt",
                                      "nyu_kftnrate",
                                      "nyu_kkotgak",
                                      "nyu_kjgngak",
                                      "nyu_djgngak",
                                      "nyu_djgncnt",
                                      "nyu_mjgngak",
                                      "nyu_mjgncnt",
                                      "tsy_gaikftnrate",
                                      "tsy_gaikkotgak",
                                      "tsy_gaikjgngak",
                                      "tsy_gaidjgngak",
                                      "tsy_gaidjgncnt",
                                      "tsy_gaimnaijgngak",
                                      "tsy_gaimgaijgngak",
                                      "tsy_gaimjgncnt",
                                      "tsy_nyukftnrate",
                                      "tsy_nyukkotgak",
                                      "tsy_nyukjgngak",
                                      "tsy_nyudjgngak",
                                      "tsy_nyudjgncnt",
                                      "tsy_nyumjgngak",
                                      "tsy_nyumjgncnt",
                                      "tnk_gaikftnrate",
                                      "tnk_gaikkotgak",
                                      "tnk_gaikjgngak",
                                      "tnk_gaidjgngak",
                                      "tnk_gaidjgncnt",
                                      "tnk_gaimnaijgngak",
                                      "tnk_gaimgaijgngak",
                                      "tnk_gaimjgncnt",
                                      "tnk_nyukftnrate",
                                      "tnk_nyukkotgak",
                                      "tnk_nyukjgngak",
                                      "tnk_nyudjgngak",
                                      "tnk_nyudjgncnt",
                                      "tnk_nyumjgngak",
                                      "tnk_nyumjgncnt",
                                      "tentnk"};
  blank.assign(std::begin(kBlank), std::end(kBlank));
  zero.assign(std::begin(kZero), std::end(kZero));
}

}  // namespace

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
    const bool late_elderly = hknnum == "039" || hknnum == "040";
    std::string family = p.family == "2" ? "2" : "1";
    const std::string insured_name =
        fit(text::to_fullwidth(text::fold_spaces(p.insured_name)), 100);
    insert_row(conn, "tbl_pthkninf",
               {{"hospnum", hospnum},
                {"ptid", numbers.ptid},
                {"hknid", 1},
                {"hknnum", hknnum},
                {"hknjanum", insurer},
                {"hihknjaname", insured_name},
                {"honkzkkbn", family},
                {"hojokbn", hojokbn},
                {"kigo", fit(text::to_fullwidth(p.symbol), 80)},
                {"num", fit(text::to_fullwidth(p.number), 80)},
                {"skkgetymd", is_date(p.acquired) ? p.acquired : ""},
                {"tekstymd", from},
                {"tekedymd", to},
                {"kakuninymd", today},
                {"opid", op},
                {"creymd", today},
                {"upymd", today},
                {"uphms", time},
                {"edaban", late_elderly ? std::string() : p.branch.substr(0, 2)}},
               {"contkbn", "sakjokbn", "termid"}, {});
    std::vector<const char*> blank, zero;
    combination_columns(blank, zero);
    insert_row(conn, "tbl_hkncombi",
               {{"hospnum", hospnum},
                {"ptid", numbers.ptid},
                {"hkncombinum", 1},
                {"hknid", 1},
                {"hknnum", hknnum},
                {"honkzkkbn", family},
                {"hojokbn", hojokbn},
                {"contkbn", ""},
                {"tekstymd", from},
                {"tekedymd", to},
                {"opid", op},
                {"creymd", today},
                {"upymd", today},
                {"uphms", time}},
               blank, zero);
    out.hknid = 1;
    out.hknnum = hknnum;
    out.substituted = out.substituted || !conn.representable(insured_name);
  }
  return out;
}

}  // namespace onshi::host
