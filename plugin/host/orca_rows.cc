// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/orca_rows.h"

#include "text/normalize.h"
#include "text/utf8.h"

namespace onshi::host {

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

void insert_main_combination(db::Connection& conn, int hospnum, long long ptid, int hkncombinum,
                             long long hknid, const std::string& hknnum, const std::string& family,
                             const std::string& hojokbn, const std::string& from,
                             const std::string& to, const std::string& today,
                             const std::string& time, const std::string& opid) {
  insert_combination(conn, hospnum, ptid, hkncombinum, hknid, hknnum, family, hojokbn, 0, "", "",
                     from, to, today, time, opid);
}

void insert_combination(db::Connection& conn, int hospnum, long long ptid, int hkncombinum,
                        long long hknid, const std::string& hknnum, const std::string& family,
                        const std::string& hojokbn, long long kohid, const std::string& kohnum,
                        const std::string& paykbn, const std::string& from, const std::string& to,
                        const std::string& today, const std::string& time,
                        const std::string& opid) {
  NewCombination c;
  c.hkncombinum = hkncombinum;
  c.hknid = hknid;
  c.hknnum = hknnum;
  c.family = family;
  c.hojokbn = hojokbn;
  c.kohid = kohid;
  c.kohnum = kohnum;
  c.paykbn = paykbn;
  c.from = from;
  c.to = to;
  insert_combination(conn, hospnum, ptid, c, today, time, opid);
}

void insert_combination(db::Connection& conn, int hospnum, long long ptid, const NewCombination& c,
                        const std::string& today, const std::string& time,
                        const std::string& opid) {
  std::vector<const char*> blank, zero;
  combination_columns(blank, zero);
  std::vector<std::pair<const char*, db::Param>> values{
      {"hospnum", hospnum},   {"ptid", ptid},       {"hkncombinum", c.hkncombinum},
      {"hknid", c.hknid},     {"hknnum", c.hknnum}, {"honkzkkbn", c.family},
      {"hojokbn", c.hojokbn}, {"contkbn", ""},      {"tekstymd", c.from},
      {"tekedymd", c.to},     {"opid", opid},       {"creymd", today},
      {"upymd", today},       {"uphms", time}};
  auto drop = [](std::vector<const char*>& v, const std::string& col) {
    for (auto it = v.begin(); it != v.end(); ++it)
      if (col == *it) {
        v.erase(it);
        return;
      }
  };
  if (c.kohid != 0) {
    drop(zero, "koh1id");
    drop(blank, "koh1hknnum");
    drop(blank, "koh1paykbn");
    values.push_back({"koh1id", c.kohid});
    values.push_back({"koh1hknnum", c.kohnum});
    values.push_back({"koh1paykbn", c.paykbn});
    if (!c.koh_name.empty()) {
      drop(blank, "koh1_tanseidoname");
      values.push_back({"koh1_tanseidoname", fit(c.koh_name, 20)});
    }
    if (!c.koh_kind.empty()) {
      drop(blank, "koh1_hknkohsbtkbn");
      values.push_back({"koh1_hknkohsbtkbn", c.koh_kind.substr(0, 1)});
    }
  }
  insert_row(conn, "tbl_hkncombi", values, blank, zero);
}

void insert_public_expense(db::Connection& conn, int hospnum, long long ptid, long long kohid,
                           const std::string& kohnum, const std::string& paykbn,
                           const std::string& payer, const std::string& recipient,
                           const std::string& from, const std::string& to, const std::string& today,
                           const std::string& time, const std::string& opid) {
  insert_row(conn, "tbl_ptkohinf",
             {{"hospnum", hospnum},
              {"ptid", ptid},
              {"kohid", kohid},
              {"kohnum", kohnum},
              {"paykbn", paykbn},
              {"ftnjanum", payer.substr(0, 8)},
              {"jkysnum", fit(recipient, 20)},
              {"tekstymd", from},
              {"tekedymd", to},
              {"opid", opid},
              {"creymd", today},
              {"upymd", today},
              {"uphms", time}},
             {"kakuninymd", "sakjokbn", "termid", "tekedchkkbn"}, {});
}

bool late_elderly_kind(const std::string& hknnum) {
  return hknnum == "039" || hknnum == "040";
}

std::string insert_insurance(db::Connection& conn, int hospnum, long long ptid,
                             const NewInsurance& ins, const std::string& today,
                             const std::string& time, const std::string& opid) {
  const std::string family = ins.family == "2" ? "2" : "1";
  const std::string insured_name =
      fit(text::to_fullwidth(text::fold_spaces(ins.insured_name)), 100);
  insert_row(conn, "tbl_pthkninf",
             {{"hospnum", hospnum},
              {"ptid", ptid},
              {"hknid", ins.hknid},
              {"hknnum", ins.hknnum},
              {"hknjanum", ins.insurer},
              {"hihknjaname", insured_name},
              {"honkzkkbn", family},
              {"hojokbn", ins.hojokbn},
              {"kigo", fit(text::to_fullwidth(ins.symbol), 80)},
              {"num", fit(text::to_fullwidth(ins.number), 80)},
              {"skkgetymd", is_date(ins.acquired) ? ins.acquired : ""},
              {"tekstymd", ins.from},
              {"tekedymd", ins.to},
              {"kakuninymd", today},
              {"opid", opid},
              {"creymd", today},
              {"upymd", today},
              {"uphms", time},
              {"edaban", late_elderly_kind(ins.hknnum) ? std::string() : ins.branch.substr(0, 2)}},
             {"contkbn", "sakjokbn", "termid"}, {});
  insert_main_combination(conn, hospnum, ptid, ins.hkncombinum, ins.hknid, ins.hknnum, family,
                          ins.hojokbn, ins.from, ins.to, today, time, opid);
  return insured_name;
}

}  // namespace onshi::host
