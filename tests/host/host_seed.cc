// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/host_seed.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "common/clock.h"

namespace onshi::test {
namespace {

using Rng = SeedRng;

struct Name {
  std::string kanji, kana;
};

struct Names {
  std::vector<Name> family, male, female;
  Name test_patient;  ///< T line
  Name address;       ///< A line: prefix (kanji column) and suffix (kana column)
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Names load_names(const std::string& path) {
  Names n;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string kind, kanji, kana;
    std::getline(fields, kind, '\t');
    std::getline(fields, kanji, '\t');
    std::getline(fields, kana, '\t');
    if (kanji.empty() || kana.empty()) continue;
    if (kind == "F") n.family.push_back({kanji, kana});
    if (kind == "M") n.male.push_back({kanji, kana});
    if (kind == "W") n.female.push_back({kanji, kana});
    if (kind == "T") n.test_patient = {kanji, kana};
    if (kind == "A") n.address = {kanji, kana};
  }
  if (n.family.empty() || n.male.empty() || n.female.empty() || n.test_patient.kanji.empty() ||
      n.address.kanji.empty())
    throw std::runtime_error(path + ": needs F, M, W, T and A lines");
  return n;
}

/// Check digit of an insurer number body (the digits before it): from the right, weights
/// 2, 1, 2, ...; sum the digits of the products; check = (10 - sum % 10) % 10.
char check_digit(const std::string& body) {
  int sum = 0;
  int weight = 2;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    int p = (*it - '0') * weight;
    sum += p / 10 + p % 10;
    weight = weight == 2 ? 1 : 2;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.below(10));
  return s;
}

std::string two(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

struct Date {
  int y, m, d;
  std::string str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return buf;
  }
};

Date parse_date(const std::string& s) {
  if (s.size() != 8 || s.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("date must be YYYYMMDD: \"" + s + "\"");
  return {std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2))};
}

Date add_days(const Date& d, int days) {
  std::tm tm{};
  tm.tm_year = d.y - 1900;
  tm.tm_mon = d.m - 1;
  tm.tm_mday = d.d + days;
  tm.tm_hour = 12;
  std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  return {out.tm_year + 1900, out.tm_mon + 1, out.tm_mday};
}

/// A date `age` years (plus a random part of a year) before today, never after today.
Date birth(Rng& rng, const Date& today, int age) {
  Date b{today.y - age, 1 + rng.below(12), 1 + rng.below(28)};
  if (b.str() > today.str()) b = Date{today.y - age - 1, b.m, b.d};
  return b;
}

std::string q(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

/// A column of a host table, from reference_host_schema.sql.
struct Column {
  std::string name;
  char kind;  ///< 'c' char(n), 'v' varchar(n), 'n' numeric/integer
};
using Schema = std::map<std::string, std::vector<Column>>;

/// The host tables' columns in physical order, read from the CREATE TABLE statements of the
/// reference schema (so every INSERT names every column the schema has).
Schema load_schema(const std::string& path, bool edaban) {
  Schema schema;
  std::istringstream in(read_file(path));
  std::string line, table;
  while (std::getline(in, line)) {
    if (line.rfind("CREATE TABLE ", 0) == 0) {
      table = line.substr(13, line.find(' ', 13) - 13);
      schema[table];
      continue;
    }
    if (table.empty()) continue;
    if (line.rfind(")", 0) == 0) {
      table.clear();
      continue;
    }
    std::istringstream words(line);
    std::string name, type;
    words >> name >> type;
    if (name.empty() || name == "CONSTRAINT" || name.rfind("--", 0) == 0) continue;
    if (!edaban && table == "tbl_pthkninf" && name == "edaban") continue;
    char kind = 'n';
    if (type.rfind("character", 0) == 0) {
      std::string rest;
      words >> rest;
      kind = type == "character" && rest.rfind("varying", 0) == 0 ? 'v' : 'c';
    }
    schema[table].push_back({name, kind});
  }
  for (const char* t : {"tbl_ptinf", "tbl_ptnum", "tbl_pthkninf", "tbl_pthknrrk", "tbl_ptkohinf",
                        "tbl_hkncombi", "tbl_uketuke", "tbl_yyk", "tbl_syskanri"})
    if (schema[t].empty()) throw std::runtime_error(path + ": no CREATE TABLE " + t);
  return schema;
}

/// What ORCA stores for a blank item: SPACE in char(n) (PostgreSQL pads), '' in varchar, 0.
std::string blank(const Column& c) {
  return c.kind == 'c' ? "' '" : c.kind == 'v' ? "''" : "0";
}

using Values = std::map<std::string, std::string>;  ///< column -> SQL expression

/// Multi-row INSERT writer naming every column of the table (unset columns get ORCA's blank),
/// flushing every `batch` rows.
class Inserter {
 public:
  Inserter(std::string& out, const Schema& schema, const std::string& table, int batch = 200)
      : out_(out), columns_(schema.at(table)), batch_(batch) {
    head_ = "INSERT INTO " + table + " (";
    for (std::size_t i = 0; i < columns_.size(); ++i) head_ += (i ? ", " : "") + columns_[i].name;
    head_ += ")";
  }
  ~Inserter() { flush(); }
  void row(const Values& values) {
    std::size_t used = 0;
    std::string list;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      auto it = values.find(columns_[i].name);
      if (it != values.end()) ++used;
      list += (i ? ", " : "") + (it != values.end() ? it->second : blank(columns_[i]));
    }
    if (used != values.size()) {
      for (const auto& [k, v] : values) {
        bool known = false;
        for (const auto& c : columns_) known = known || c.name == k;
        // Only edaban may be absent (an ORCA 5.1 host).
        if (!known && k != "edaban")
          throw std::logic_error("seed: no column " + k + " in " + head_);
      }
    }
    out_ += rows_ == 0 ? head_ + " VALUES\n  " : ",\n  ";
    out_ += "(" + list + ")";
    if (++rows_ == batch_) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    out_ += ";\n";
    rows_ = 0;
  }

 private:
  std::string& out_;
  const std::vector<Column>& columns_;
  std::string head_;
  int batch_;
  int rows_ = 0;
};

/// INSERT INTO table (every column) SELECT ... FROM source: a column comes from `overrides`,
/// else from the source row (coalesced to ORCA's blank) when `from_source`, else blank.
std::string insert_select(const Schema& schema, const std::string& table, const std::string& from,
                          const Values& overrides, bool from_source) {
  std::string cols, exprs;
  const auto& columns = schema.at(table);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    cols += (i ? ", " : "") + c.name;
    auto it = overrides.find(c.name);
    std::string e = it != overrides.end() ? it->second
                    : from_source         ? "coalesce(s." + c.name + ", " + blank(c) + ")"
                                          : blank(c);
    exprs += (i ? ",\n         " : "") + e;
  }
  return "INSERT INTO " + table + " (" + cols + ")\n  SELECT " + exprs + "\n  " + from + ";\n";
}

/// Half-width digits -> full-width (U+FF10..U+FF19), as ORCA stores kigo/num typed on P02.
std::string full_width(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>(0x90 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

/// Byte width of a UTF-8 string in EUC-JP (ASCII 1 byte, JIS X 0208 and half-width kana 2).
/// syskanri kanritbl positions are COBOL byte positions in ORCA's EUC-JP records.
std::size_t euc_width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) {
    if (c < 0x80)
      ++w;
    else if (c >= 0xC0)
      w += 2;  // lead byte of a multi-byte character
  }
  return w;
}

/// `s` padded with spaces to `width` EUC-JP bytes (a fixed-position X(width) item).
std::string field(const std::string& s, std::size_t width) {
  std::size_t w = euc_width(s);
  if (w > width)
    throw std::logic_error("seed: \"" + s + "\" is wider than " + std::to_string(width));
  return s + std::string(width - w, ' ');
}

/// Trailing spaces stripped, as ORCA's middleware writes every text item.
std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

int age_on(const Date& birthday, const Date& day) {
  int age = day.y - birthday.y;
  if (day.m < birthday.m || (day.m == birthday.m && day.d < birthday.d)) --age;
  return age;
}

/// hojokbn (補助区分) the way P02 stores the copay rate: 国保系 '3' 3割 / '2' 2割 (70-74 and
/// preschool); other insurances '7' 3割 / '8' 2割.
std::string hojokbn_for(const std::string& hknnum, int age) {
  const bool reduced = age >= 70 || age < 6;
  if (hknnum == "060" || hknnum == "067") return reduced ? "2" : "3";
  return reduced ? "8" : "7";
}

struct Person {
  long ptid;
  Name name;
  char sex;
  Date birthday;
  bool test = false;
  bool dead = false;
  Date registered{2025, 4, 1};
};

/// A facility of the seed: its syskanri 1001 / 1010 rows and its staff.
struct Staff {
  const char* kbncd;
  const char* userid;
  const char* kana;
  const char* name;
};
struct Facility {
  int hospnum;
  const char* institution_code;  ///< 10 digits: prefecture 2, fee table 1, institution 7
  const char* name;
  const char* clerk;  ///< login user that registers patients and receptions
  const char* termid;
  std::vector<Staff> staff;
};

const std::vector<Facility>& facilities() {
  static const std::vector<Facility> f = {
      {1,
       "1312345678",
       "架空内科クリニック",
       "clerk1",
       "orcaterm1",
       {{"00001", "ormaster", "カンリシャ", "管理者"},
        {"10001", "doctor1", "カクウ　イシイチ", "架空　医師一"},
        {"10002", "", "カクウ　イシニ", "架空　医師二"},
        {"40001", "clerk1", "ウケツケ　イチ", "受付　一"}}},
      {2,
       "2712345671",
       "模擬第二クリニック",
       "clerk2",
       "orcaterm2",
       {{"00001", "ormaster2", "カンリシャ", "管理者"},
        {"10001", "doctor2", "モギ　イシ", "模擬　医師"},
        {"40001", "clerk2", "ウケツケ　ニ", "受付　二"}}},
  };
  return f;
}

struct Reservation {
  int hospnum;
  std::string day;
  int time;  ///< HHMM
  long ptid;
  std::string name;  ///< SQL expression
  bool arrived;
  int yykid = 0;   ///< assigned per hour band and doctor
  int doctor = 0;  ///< drcd 10001 + doctor: a band holds at most 99 reservations per doctor
};

struct Reception {
  int hospnum;
  int time;  ///< HHMMSS
  long ptid;
  std::string name;   ///< SQL expression
  std::string combi;  ///< SQL expression
  int keyyyktime = 0, yyktime = 0, yykid = 0;
  int doctor = 0;  ///< the reservation's doctor (drcd 10001 + doctor)
  int order = 0;
};

}  // namespace

std::string seed_institution_code(int hospnum) {
  for (const Facility& f : facilities())
    if (f.hospnum == hospnum) return f.institution_code;
  throw std::runtime_error("the seed has no facility " + std::to_string(hospnum));
}

std::string today_yyyymmdd() {
  return local_date8();
}

std::string default_seed_data_dir() {
  const char* src = std::getenv("ONSHI_SRCDIR");
  return src && *src ? std::string(src) + "/tests/host" : std::string("tests/host");
}

std::string generate_seed_sql(const SeedOptions& options, SeedStats* stats_out,
                              std::vector<SeedPerson>* people) {
  const std::string dir = options.data_dir.empty() ? default_seed_data_dir() : options.data_dir;
  const Names names = load_names(dir + "/names.tsv");
  const Schema schema = load_schema(dir + "/reference_host_schema.sql", options.edaban);
  const Date today = parse_date(options.today.empty() ? today_yyyymmdd() : options.today);
  const Date tomorrow = add_days(today, 1);
  Rng rng(options.seed);
  SeedStats st;

  std::string sql;
  sql += "-- Reference host seed (ORCA 5.2 storage conventions; test/demo data only): seed " +
         std::to_string(options.seed) + ", " + std::to_string(options.patients) +
         " generated patients, today " + today.str() + "\n";
  // No client_encoding here: a connection of ours converts on its side (db/connection.h);
  // seed_host (for psql) puts SET client_encoding = 'UTF8' in front.
  sql += "BEGIN;\n";
  // Staging copies of the patient tables for the sample people (sample_people.sql).
  sql +=
      "CREATE TEMP TABLE seed_ptinf (LIKE tbl_ptinf);\n"
      "CREATE TEMP TABLE seed_pthkninf (LIKE tbl_pthkninf);\n"
      "CREATE TEMP TABLE seed_ptkohinf (LIKE tbl_ptkohinf);\n";
  if (!options.edaban) sql += "ALTER TABLE seed_pthkninf ADD COLUMN edaban varchar(2);\n";
  sql += read_file(dir + "/sample_people.sql");

  auto audit = [](const std::string& termid, const std::string& opid, const std::string& ymd,
                  const std::string& hms) {
    return Values{{"termid", q(termid)},
                  {"opid", q(opid)},
                  {"creymd", q(ymd)},
                  {"upymd", q(ymd)},
                  {"uphms", q(hms)}};
  };
  auto with = [](Values v, const Values& more) {
    for (const auto& [k, e] : more) v[k] = e;
    return v;
  };
  auto fac = [](int hospnum) -> const Facility& { return facilities()[hospnum - 1]; };

  // syskanri 1001 (institution code at 1-10, name at 36), 1010 staff, 1051 for facility 1.
  sql += "\n-- System management rows (kanritbl fixed positions, trailing spaces stripped).\n";
  {
    Inserter ins(sql, schema, "tbl_syskanri");
    for (const Facility& f : facilities()) {
      Values base = with(audit("orcasv", "ormaster", "20250401", "093000"),
                         {{"kbncd", "'*'"},
                          {"styukymd", "'00000000'"},
                          {"edyukymd", "'99999999'"},
                          {"hospnum", std::to_string(f.hospnum)}});
      // PREFNUM+TENHYOKBN+HOSPCD, HOSPSBT '0', HOSPID blank, HOSPNAME at 36.
      ins.row(with(base, {{"kanricd", "'1001'"},
                          {"kanritbl", q(rstrip(field(f.institution_code, 10) + "0" +
                                                field("", 24) + field(f.name, 120)))}}));
      for (const Staff& s : f.staff)
        ins.row(with(base, {{"kanricd", "'1010'"},
                            {"kbncd", q(s.kbncd)},
                            {"kanritbl", q(rstrip(field(s.userid, 16) + field(s.kana, 80) +
                                                  field(s.name, 80)))}}));
      if (f.hospnum == 1) {
        // 1051: ONSHIKAKU 1, POPUP-TIMEOUT 010, PDFs 1 1, SINRYO 1, YKZSINRYO 1, DENSHISHOHO
        // blank (not WebORCA), POPUP-COND-TIMEOUT 010, WebORCA items blank, CSVFILEDIR blank,
        // HOUMON 0, ONLINE 0, FUJYO 1, KOFUTNK 0, the rest blank.
        ins.row(with(base, {{"kanricd", "'1051'"},
                            {"kanritbl", q(rstrip("1010"
                                                  "1111"
                                                  " "
                                                  "010"
                                                  "  " +
                                                  field("", 200) + "0010"))}}));
      }
    }
  }

  // The sample people: host rows with every column, from the staging tables.
  sql += "\n-- Sample people (every column as ORCA writes it).\n";
  const Values sample_audit = {{"termid", "'orcaterm1'"},
                               {"opid", "CASE s.hospnum WHEN 1 THEN 'clerk1' ELSE 'clerk2' END"},
                               {"creymd", "'20250401'"},
                               {"upymd", "'20250401'"},
                               {"uphms", "'100000'"}};
  sql += insert_select(schema, "tbl_ptinf", "FROM seed_ptinf s ORDER BY s.hospnum, s.ptid",
                       sample_audit, true);
  sql +=
      insert_select(schema, "tbl_pthkninf",
                    "FROM seed_pthkninf s ORDER BY s.hospnum, s.ptid, s.hknid", sample_audit, true);
  sql +=
      insert_select(schema, "tbl_ptkohinf",
                    "FROM seed_ptkohinf s ORDER BY s.hospnum, s.ptid, s.kohid", sample_audit, true);
  sql += "DROP TABLE seed_ptinf, seed_pthkninf, seed_ptkohinf;\n";

  sql += "\n-- Generated patients.\n";
  std::string pt, hkn, rrk, koh;
  std::vector<Reservation> reservations;
  std::vector<Reception> receptions;
  {
    Inserter ins_pt(pt, schema, "tbl_ptinf");
    Inserter ins_hkn(hkn, schema, "tbl_pthkninf");
    Inserter ins_rrk(rrk, schema, "tbl_pthknrrk");
    Inserter ins_koh(koh, schema, "tbl_ptkohinf");

    const int share1 = options.patients - options.patients / 4;

    auto full_name = [](const Name& f, const Name& g) {
      return Name{f.kanji + "\u3000" + g.kanji, f.kana + "\u3000" + g.kana};
    };
    auto random_given = [&](char sex) -> const Name& {
      const auto& pool = sex == '1' ? names.male : names.female;
      return pool[rng.below(static_cast<int>(pool.size()))];
    };
    auto hms = [&](int hour_from, int hours) {
      int s = rng.below(hours * 3600);
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02d%02d%02d", hour_from + s / 3600, s / 60 % 60, s % 60);
      return std::string(buf);
    };
    // The patient's current combination number (= hknid of the current card, or 1).
    std::map<long, int> current_combi[3];
    auto visits = [&](int hospnum, const Person& p) {
      if (p.dead || p.test) return;
      const std::string name = q(p.name.kanji);
      if (rng.percent(10)) {
        int slot = rng.below(32);  // 09:00 .. 16:45 every 15 minutes
        reservations.push_back(
            {hospnum, tomorrow.str(), (9 + slot / 4) * 100 + slot % 4 * 15, p.ptid, name, false});
        ++st.reservations;
      }
      if (rng.percent(8)) {
        Reception r{hospnum, 0, p.ptid, name,
                    std::to_string(
                        current_combi[hospnum].count(p.ptid) ? current_combi[hospnum][p.ptid] : 0)};
        if (rng.percent(30)) {
          // Came with a reservation for today: the reception copies the reservation's keys.
          int slot = rng.below(30);
          int hhmm = (9 + slot / 4) * 100 + slot % 4 * 15;
          reservations.push_back({hospnum, today.str(), hhmm, p.ptid, name, true});
          r.keyyyktime = hhmm / 100 * 100;
          r.yyktime = hhmm;
          r.yykid = -static_cast<int>(reservations.size());  // resolved after numbering
          int before = 1 + rng.below(10);                    // arrives a few minutes early
          int minutes = hhmm / 100 * 60 + hhmm % 100 - before;
          r.time = (minutes / 60) * 10000 + (minutes % 60) * 100 + rng.below(60);
          ++st.reservations_today;
        } else {
          r.time = std::stoi(hms(9, 8));
        }
        receptions.push_back(r);
        ++st.receptions;
      }
    };
    auto add_person = [&](int hospnum, const Person& p) {
      const Facility& f = fac(hospnum);
      const std::string reg = p.registered.str();
      ins_pt.row(with(audit(f.termid, f.clerk, reg, hms(9, 8)),
                      {{"hospnum", std::to_string(hospnum)},
                       {"ptid", std::to_string(p.ptid)},
                       {"kananame", q(p.name.kana)},
                       {"name", q(p.name.kanji)},
                       {"sex", q(std::string(1, p.sex))},
                       {"birthday", q(p.birthday.str())},
                       {"deathkbn", p.dead ? "'1'" : "' '"},
                       {"home_post", q("100" + two(static_cast<int>(p.ptid % 100)) + "00")},
                       {"home_adrs", q(names.address.kanji + std::to_string(1 + p.ptid % 30) +
                                       names.address.kana)},
                       {"home_banti",
                        q(std::to_string(1 + p.ptid % 9) + "-" + std::to_string(1 + p.ptid % 17))},
                       {"tstptnumkbn", p.test ? "'1'" : "'0'"}}));
      ++st.patients;
      if (p.test) ++st.test_patients;
      if (p.dead) ++st.deceased;
    };
    struct Card {
      std::string hknnum, insurer, kigo, number;
      bool full_width;
    };
    // The simulator's population (SeedPerson): a patient's current card as the insurer has it.
    auto known_to_insurer = [&](int hospnum, const Person& p, const char* card_class,
                                const std::string& insurer, const std::string& symbol,
                                const std::string& number, const std::string& branch, char family,
                                const std::string& insured_name, const Date& since) {
      if (!people || p.test) return;
      SeedPerson sp;
      sp.hospnum = hospnum;
      sp.ptid = p.ptid;
      sp.name = p.name.kanji;
      sp.kana = p.name.kana;
      sp.sex = p.sex;
      sp.birthday = p.birthday.str();
      sp.card_class = card_class;
      sp.insurer = insurer;
      sp.symbol = symbol;
      sp.number = number;
      sp.branch = branch;
      sp.family = family;
      sp.insured_name = insured_name;
      sp.since = since.str();
      sp.dead = p.dead;
      people->push_back(std::move(sp));
    };
    // `truth`: the branch number the insurer has ("" = `branch`, what the host stored).
    auto add_insurance = [&](int hospnum, const Person& p, int hknid, const Card& card, char honkzk,
                             const Name& insured, const std::string& branch, const Date& since,
                             const std::string& until, bool deleted,
                             const std::string& truth = "") {
      const Facility& f = fac(hospnum);
      if (!deleted && until == "99999999")
        known_to_insurer(hospnum, p, "01", card.insurer, card.kigo, card.number,
                         card.hknnum == "039" ? ""
                         : truth.empty()      ? branch
                                              : truth,
                         honkzk, insured.kanji, since);
      const int age = age_on(p.birthday, today);
      std::string hojokbn = card.hknnum == "039"
                                ? std::string(1, "1112"[rng.below(4)])  // mostly 1割
                                : hojokbn_for(card.hknnum, age);
      const std::string reg = std::max(p.registered.str(), since.str());
      // Confirmed at a visit (kakuninymd) for about half of the current cards; earlier
      // confirmation dates are kept in tbl_pthknrrk (newest = rennum 1, at most 5).
      std::string kakunin = "        ";
      if (!deleted && until == "99999999" && rng.percent(50)) {
        Date k = add_days(today, -rng.below(300));
        if (k.str() < reg) k = parse_date(reg);
        kakunin = k.str();
        int history = rng.percent(40) ? 1 + rng.below(3) : 0;
        Date prev = k;
        for (int i = 1; i <= history; ++i) {
          prev = add_days(prev, -(30 + rng.below(120)));
          if (prev.str() < reg) break;
          ins_rrk.row(with(audit(f.termid, f.clerk, prev.str(), hms(9, 8)),
                           {{"hospnum", std::to_string(hospnum)},
                            {"ptid", std::to_string(p.ptid)},
                            {"hknid", std::to_string(hknid)},
                            {"rennum", std::to_string(i)},
                            {"kakuninymd", q(prev.str())}}));
        }
      }
      auto text = [&](const std::string& s) { return q(card.full_width ? full_width(s) : s); };
      ins_hkn.row(with(audit(f.termid, f.clerk, reg, hms(9, 8)),
                       {{"hospnum", std::to_string(hospnum)},
                        {"ptid", std::to_string(p.ptid)},
                        {"hknid", std::to_string(hknid)},
                        {"hknnum", q(card.hknnum)},
                        {"hknjanum", q(card.insurer)},
                        {"hihknjaname", q(insured.kanji)},
                        {"honkzkkbn", q(std::string(1, honkzk))},
                        {"hojokbn", q(hojokbn)},
                        {"kigo", text(card.kigo)},
                        {"num", text(card.number)},
                        {"skkgetymd", q(since.str())},
                        {"tekstymd", q(since.str())},
                        {"tekedymd", q(until)},
                        {"kakuninymd", q(kakunin)},
                        {"sakjokbn", deleted ? "'1'" : "' '"},
                        {"edaban", q(card.hknnum == "039" ? "" : branch)}}));
      if (card.full_width) ++st.full_width_cards;
      if (deleted) ++st.deleted_insurances;
      if (!deleted && until == "99999999") current_combi[hospnum][p.ptid] = hknid;
    };
    auto employee_card = [&](bool full_width) {
      const int kind = rng.below(10);
      std::string law = kind < 5 ? "01" : kind < 8 ? "06" : "3" + std::to_string(1 + rng.below(4));
      std::string body = law + two(1 + rng.below(47)) + digits(rng, 3);
      Card c{"0" + law, body + check_digit(body),
             kind < 5 ? digits(rng, 8) : digits(rng, 1 + rng.below(4)),
             std::to_string(1 + rng.below(99999)), full_width};
      return c;
    };
    // Before the current card: sometimes an older card, replaced (end date set) or, when it
    // was registered by mistake, logically deleted (sakjokbn '1'). Returns the next hknid.
    auto older_card = [&](int hospnum, const Person& p, const Date& since) {
      const int roll = rng.below(100);
      if (roll >= 6 || p.test) return 1;
      Card old = employee_card(rng.percent(50));
      Date old_since = add_days(since, -(400 + rng.below(2000)));
      if (old_since.str() < p.birthday.str()) old_since = p.birthday;
      const bool deleted = roll < 2;
      add_insurance(hospnum, p, 1, old, '1', p.name, rng.percent(50) ? "00" : "", old_since,
                    deleted ? "99999999" : add_days(since, -1).str(), deleted);
      if (!deleted) ++st.expired_insurances;
      return 2;
    };

    long next_ptid[3] = {0, 1001, 1001};
    for (int made = 0; made < options.patients;) {
      const int hospnum = made < share1 ? 1 : 2;
      const int room = (hospnum == 1 ? share1 : options.patients) - made;
      auto new_person = [&](const Name& family, char sex, int age) {
        Person p;
        p.ptid = next_ptid[hospnum]++;
        p.sex = sex;
        p.name = full_name(family, random_given(sex));
        p.birthday = birth(rng, today, age);
        p.dead = rng.percent(1);
        p.registered = add_days(today, -(30 + rng.below(1500)));
        if (p.registered.str() < p.birthday.str()) p.registered = p.birthday;
        return p;
      };
      const Name& family = names.family[rng.below(static_cast<int>(names.family.size()))];
      const int roll = rng.below(100);
      const bool branch_known = !rng.percent(10);
      // About half of the cards were typed on ORCA's registration screen, which stores
      // full-width digits in kigo/num; older rows keep half-width.
      const bool fw = rng.percent(50);
      std::vector<Person> household;
      if (roll < 40 || roll >= 96) {
        // Employees' insurance: kyokai (01), union (06) or mutual aid (31-34), with dependents.
        if (roll >= 96 && room >= 2) {
          // Same name and birthdate, unrelated (different cards): never merge automatically.
          Person a = new_person(family, '1', 20 + rng.below(50));
          Person b = a;
          b.ptid = next_ptid[hospnum]++;
          b.dead = false;
          for (Person* p : {&a, &b}) {
            add_person(hospnum, *p);
            std::string body = "06" + two(1 + rng.below(47)) + digits(rng, 3);
            Card c{"006", body + check_digit(body), digits(rng, 4), digits(rng, 5), fw};
            Date since = birth(rng, today, 5);
            add_insurance(hospnum, *p, older_card(hospnum, *p, since), c, '1', p->name, "00", since,
                          "99999999", false);
            ++st.employee;
            visits(hospnum, *p);
          }
          ++st.same_name_pairs;
          made += 2;
          continue;
        }
        Card card = employee_card(fw);
        Person head = new_person(family, rng.percent(60) ? '1' : '2', 25 + rng.below(40));
        add_person(hospnum, head);
        Date since = birth(rng, today, rng.below(15));
        add_insurance(hospnum, head, older_card(hospnum, head, since), card, '1', head.name,
                      branch_known ? "00" : "", since, "99999999", false, "00");
        visits(hospnum, head);
        ++st.employee;
        ++made;
        int dependents = rng.percent(40) ? 1 + rng.below(3) : 0;
        dependents = std::min(dependents, room - 1);
        int branch = 1;
        bool twins = dependents >= 2 && rng.percent(15);
        Date twin_birth = birth(rng, today, 1 + rng.below(15));
        for (int i = 0; i < dependents; ++i) {
          bool child = i > 0 || rng.percent(30);
          Person d = new_person(family, rng.percent(50) ? '1' : '2',
                                child ? 1 + rng.below(20) : 25 + rng.below(40));
          if (twins && i >= dependents - 2) d.birthday = twin_birth;  // twins on one card
          if (d.registered.str() < d.birthday.str()) d.registered = d.birthday;
          add_person(hospnum, d);
          add_insurance(hospnum, d, 1, card, '2', head.name, branch_known ? two(branch) : "",
                        d.birthday.y > since.y ? d.birthday : since, "99999999", false,
                        two(branch));
          visits(hospnum, d);
          ++branch;
          ++st.employee;
          ++st.dependents;
          ++made;
        }
        if (twins) ++st.twin_pairs;
      } else if (roll < 65) {
        // National insurance: 6-digit insurer number (left-justified in char(8)), everyone in
        // the household insured.
        std::string body = two(1 + rng.below(47)) + digits(rng, 3);
        Card card{"060", body + check_digit(body), rng.percent(50) ? digits(rng, 2) : "",
                  std::to_string(100 + rng.below(900000)), fw};
        int members = std::min(1 + (rng.percent(30) ? 1 + rng.below(2) : 0), room);
        Person head = new_person(family, rng.percent(50) ? '1' : '2', 20 + rng.below(54));
        for (int i = 0; i < members; ++i) {
          Person p =
              i == 0 ? head : new_person(family, rng.percent(50) ? '1' : '2', 1 + rng.below(60));
          add_person(hospnum, p);
          Date since = birth(rng, today, rng.below(20));
          if (since.str() < p.birthday.str()) since = p.birthday;
          add_insurance(hospnum, p, i == 0 ? older_card(hospnum, p, since) : 1, card, '1',
                        head.name, branch_known ? two(i) : "", since, "99999999", false, two(i));
          visits(hospnum, p);
          ++st.national;
          ++made;
        }
      } else if (roll < 86) {
        // Late-elderly (75+): insurer 39PPxxxC, 8-digit number, no symbol, no branch number.
        Person p = new_person(family, rng.percent(45) ? '1' : '2', 75 + rng.below(25));
        add_person(hospnum, p);
        std::string body = "39" + two(1 + rng.below(47)) + digits(rng, 3);
        char number[16];
        std::snprintf(number, sizeof number, "%08d", rng.below(100000000));
        Date since{p.birthday.y + 75, p.birthday.m, p.birthday.d};
        Card card{"039", body + check_digit(body), "", number, fw};
        add_insurance(hospnum, p, older_card(hospnum, p, since), card, '1', p.name, "", since,
                      "99999999", false);
        visits(hospnum, p);
        ++st.late_elderly;
        ++made;
      } else if (roll < 92) {
        // Public assistance only: payer 12PPxxxC, 7-digit recipient number, no health insurance.
        Person p = new_person(family, rng.percent(50) ? '1' : '2', 20 + rng.below(60));
        add_person(hospnum, p);
        const Facility& f = fac(hospnum);
        std::string body = "12" + two(1 + rng.below(47)) + digits(rng, 3);
        Date since = birth(rng, today, rng.below(3));
        const std::string payer = body + check_digit(body);
        const std::string recipient = digits(rng, 7);
        ins_koh.row(
            with(audit(f.termid, f.clerk, std::max(since.str(), p.registered.str()), hms(9, 8)),
                 {{"hospnum", std::to_string(hospnum)},
                  {"ptid", std::to_string(p.ptid)},
                  {"kohid", "1"},
                  {"kohnum", "'012'"},
                  {"paykbn", "'01'"},
                  {"ftnjanum", q(payer)},
                  {"jkysnum", q(recipient)},
                  {"tekstymd", q(since.str())},
                  {"tekedymd", "'99999999'"},
                  {"kakuninymd", "'        '"},
                  {"sakjokbn", "' '"},
                  {"tekedchkkbn", "' '"}}));
        current_combi[hospnum][p.ptid] = 1;
        known_to_insurer(hospnum, p, "A1", payer, "", recipient, "", '1', p.name.kanji, since);
        visits(hospnum, p);
        ++st.public_assistance;
        ++made;
      } else {
        // Test patient: exists in the host, never linked to a result.
        Person p = new_person(names.family[0], '1', 30 + rng.below(30));
        p.name = Name{names.test_patient.kanji + std::to_string(p.ptid), names.test_patient.kana};
        p.test = true;
        p.dead = false;
        add_person(hospnum, p);
        std::string body = "06" + two(13) + digits(rng, 3);
        Card card{"006", body + check_digit(body), "9999", digits(rng, 5), fw};
        add_insurance(hospnum, p, 1, card, '1', p.name, "00", today, "99999999", false);
        ++st.employee;
        ++made;
      }
    }

    // The sample people the bulk pre-check fixture asks about come tomorrow; the card
    // check-in people are at the reception today.
    auto sample_name = [](long ptid) {
      return "(SELECT name FROM tbl_ptinf WHERE hospnum = 1 AND ptid = " + std::to_string(ptid) +
             ")";
    };
    for (long ptid : {124L, 126L, 127L}) {
      reservations.push_back({1, tomorrow.str(), (10 + static_cast<int>(ptid - 124)) * 100, ptid,
                              sample_name(ptid), false});
      ++st.reservations;
    }
    for (long ptid : {101L, 102L, 104L, 129L, 105L, 128L, 123L, 106L, 126L, 107L}) {
      receptions.push_back(
          {1, (9 + static_cast<int>(ptid % 7)) * 10000, ptid, sample_name(ptid),
           "coalesce((SELECT max(hkncombinum) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = " +
               std::to_string(ptid) + " AND delkbn = ' '), 0)"});
      ++st.receptions;
    }
  }
  sql += pt + hkn + rrk + koh;

  // One combination per insurance (number = hknid, so autocombinum = the last hknid; a deleted
  // insurance's combination has delkbn '1'), and for public-expense-only patients one with koh1.
  sql += "\n-- Insurance combinations (what P02 would have built).\n";
  const Values combi_audit = {{"termid", "s.termid"}, {"opid", "s.opid"},
                              {"creymd", "s.creymd"}, {"upymd", "s.upymd"},
                              {"uphms", "s.uphms"},   {"hospnum", "s.hospnum"},
                              {"ptid", "s.ptid"}};
  sql += insert_select(
      schema, "tbl_hkncombi",
      "FROM tbl_pthkninf s LEFT JOIN tbl_hknnum m ON m.hospnum = s.hospnum AND m.hknnum = s.hknnum "
      "AND m.paykbn = '01' ORDER BY s.hospnum, s.ptid, s.hknid",
      with(combi_audit, {{"hkncombinum", "s.hknid"},
                         {"hknid", "s.hknid"},
                         {"hknnum", "s.hknnum"},
                         {"honkzkkbn", "s.honkzkkbn"},
                         {"hojokbn", "s.hojokbn"},
                         {"contkbn", "s.contkbn"},
                         {"tekstymd", "s.tekstymd"},
                         {"tekedymd", "s.tekedymd"},
                         {"syu_tanseidoname", "coalesce(m.tanseidoname, '')"},
                         {"syu_hknkohsbtkbn", "'1'"},
                         {"delkbn", "CASE WHEN s.sakjokbn = '1' THEN '1' ELSE ' ' END"}}),
      false);
  sql += insert_select(
      schema, "tbl_hkncombi",
      "FROM tbl_ptkohinf s LEFT JOIN tbl_hknnum m ON m.hospnum = s.hospnum AND m.hknnum = s.kohnum "
      "AND m.paykbn = '01' WHERE NOT EXISTS (SELECT 1 FROM tbl_pthkninf h WHERE h.hospnum = "
      "s.hospnum AND h.ptid = s.ptid) ORDER BY s.hospnum, s.ptid, s.kohid",
      with(combi_audit, {{"hkncombinum", "s.kohid"},
                         {"hknid", "0"},
                         {"hknnum", "'   '"},
                         {"koh1id", "s.kohid"},
                         {"koh1hknnum", "s.kohnum"},
                         {"koh1paykbn", "s.paykbn"},
                         {"tekstymd", "s.tekstymd"},
                         {"tekedymd", "s.tekedymd"},
                         {"koh1_tanseidoname", "coalesce(m.tanseidoname, '')"},
                         {"koh1_hknkohsbtkbn", "coalesce(m.hknkohsbtkbn, ' ')"},
                         {"delkbn", "CASE WHEN s.sakjokbn = '1' THEN '1' ELSE ' ' END"}}),
      false);

  // Patient numbers: standard composition, serial only, 6 digits (syskanri 1009 below); the
  // serial is the ptid. Counters: last hknid, last kohid, last combination number.
  sql += "\n-- Patient numbers and per-patient counters.\n";
  sql += insert_select(
      schema, "tbl_ptnum", "FROM tbl_ptinf s ORDER BY s.hospnum, s.ptid",
      {{"ptid", "s.ptid"},
       {"ptnum", "lpad(s.ptid::text, 6, '0')"},
       {"hknid",
        "(SELECT coalesce(max(h.hknid), 0) FROM tbl_pthkninf h WHERE h.hospnum = s.hospnum "
        "AND h.ptid = s.ptid)"},
       {"kohid",
        "(SELECT coalesce(max(k.kohid), 0) FROM tbl_ptkohinf k WHERE k.hospnum = s.hospnum "
        "AND k.ptid = s.ptid)"},
       {"autocombinum",
        "(SELECT coalesce(max(c.hkncombinum), 0) FROM tbl_hkncombi c WHERE "
        "c.hospnum = s.hospnum AND c.ptid = s.ptid)"},
       {"manucombinum", "0"},
       {"tstptnumkbn", "' '"},
       {"termid", "s.termid"},
       {"opid", "s.opid"},
       {"creymd", "s.creymd"},
       {"upymd", "s.upymd"},
       {"uphms", "s.uphms"},
       {"hospnum", "s.hospnum"}},
      false);

  // Reservations: yykid numbered within the hour band in booking order; one header row per band.
  sql += "\n-- Reservations (header row per hour band) and receptions (header row per day).\n";
  {
    std::string yyk;
    Inserter ins(yyk, schema, "tbl_yyk");
    // yykid is numeric(2): a band's 100th reservation goes to the next doctor.
    std::map<std::tuple<int, std::string, int>, int> band_count;
    std::map<std::tuple<int, std::string, int, int>, int> header_count;
    for (Reservation& r : reservations) {
      const int n = ++band_count[{r.hospnum, r.day, r.time / 100 * 100}];
      r.doctor = (n - 1) / 99;
      r.yykid = (n - 1) % 99 + 1;
      ++header_count[{r.hospnum, r.day, r.time / 100 * 100, r.doctor}];
    }
    for (const auto& [key, count] : header_count) {
      const auto& [hospnum, day, band, doctor] = key;
      const std::string drcd = "'" + std::to_string(10001 + doctor) + "'";
      const Facility& f = fac(hospnum);
      ins.row(with(audit(f.termid, f.clerk, today.str(), "083000"),
                   {{"hospnum", std::to_string(hospnum)},
                    {"srynaiyo", "'01'"},
                    {"drcd", drcd},
                    {"yykymd", q(day)},
                    {"keyyyktime", std::to_string(band)},
                    {"yykid", "0"},
                    {"yykmaxcnt", "10"},
                    {"yykcnt", std::to_string(count)},
                    {"yyktime", "0"},
                    {"ptid", "0"}}));
      for (const Reservation& r : reservations) {
        if (r.hospnum != hospnum || r.day != day || r.time / 100 * 100 != band ||
            r.doctor != doctor)
          continue;
        ins.row(with(audit(f.termid, f.clerk, today.str(), "083000"),
                     {{"hospnum", std::to_string(hospnum)},
                      {"srynaiyo", "'01'"},
                      {"drcd", drcd},
                      {"yykymd", q(day)},
                      {"keyyyktime", std::to_string(band)},
                      {"yykid", std::to_string(r.yykid)},
                      {"yykmaxcnt", "0"},
                      {"yykcnt", "0"},
                      {"yyktime", std::to_string(r.time)},
                      {"ptid", std::to_string(r.ptid)},
                      {"name", r.name},
                      {"sryka", "'01'"},
                      {"yykkbn", "'01'"},
                      {"kakren", "'  '"},
                      {"raiinzumi", r.arrived ? "'1'" : "' '"}}));
      }
    }
    ins.flush();
    sql += yyk;
  }
  {
    std::string uke;
    Inserter ins(uke, schema, "tbl_uketuke");
    for (std::size_t i = 0; i < receptions.size(); ++i) {
      receptions[i].order = static_cast<int>(i);
      if (receptions[i].yykid < 0) {
        const Reservation& booked = reservations[-receptions[i].yykid - 1];
        receptions[i].yykid = booked.yykid;
        receptions[i].doctor = booked.doctor;
      }
    }
    std::stable_sort(receptions.begin(), receptions.end(),
                     [](const Reception& a, const Reception& b) {
                       return a.hospnum != b.hospnum ? a.hospnum < b.hospnum : a.time < b.time;
                     });
    for (const Facility& f : facilities()) {
      int last = 0;
      std::string rows;
      for (const Reception& r : receptions) {
        if (r.hospnum != f.hospnum) continue;
        char time[8];
        std::snprintf(time, sizeof time, "%06d", r.time);
        ins.row(with(audit(f.termid, f.clerk, today.str(), time),
                     {{"hospnum", std::to_string(f.hospnum)},
                      {"ukeymd", q(today.str())},
                      {"ukeid", std::to_string(++last)},
                      {"uketime", q(time)},
                      {"ptid", std::to_string(r.ptid)},
                      {"name", r.name},
                      {"sryka", "'01'"},
                      {"drcd", "'" + std::to_string(10001 + r.doctor) + "'"},
                      {"srynaiyo", "'01'"},
                      {"hkncombi", r.combi},
                      {"kaikeitime", "0"},
                      {"keyyyktime", std::to_string(r.keyyyktime)},
                      {"yyktime", std::to_string(r.yyktime)},
                      {"yykid", std::to_string(r.yykid)},
                      {"hyojijun", "0"},
                      {"kakren", "'  '"},
                      {"srflg", "'  '"}}));
      }
      if (last == 0) continue;
      // Header row: ukeid 0, ptid = the last ukeid used today.
      ins.row(with(audit(f.termid, f.clerk, today.str(), "090000"),
                   {{"hospnum", std::to_string(f.hospnum)},
                    {"ukeymd", q(today.str())},
                    {"ukeid", "0"},
                    {"ptid", std::to_string(last)}}));
    }
    ins.flush();
    sql += uke;
  }

  // syskanri 1009 per facility: standard composition (1 '2'), serial only (5 '4'), serial
  // length 06 (8-9), NEN (17-20), RENNUM (21-30) = highest serial issued, PTID (31-40) =
  // highest ptid issued, NENTUKI (41-42) '01'. Numeric length items zero-filled.
  sql += "\n-- Patient-number settings and counters (syskanri 1009).\n";
  sql += insert_select(
      schema, "tbl_syskanri",
      "FROM (SELECT n.hospnum, max(ltrim(rtrim(n.ptnum), '0')::bigint) AS serial, max(n.ptid) AS "
      "ptid FROM tbl_ptnum n GROUP BY n.hospnum) s ORDER BY s.hospnum",
      {{"kanricd", "'1009'"},
       {"kbncd", "'*'"},
       {"styukymd", "'00000000'"},
       {"edyukymd", "'99999999'"},
       {"kanritbl",
        "'2' || ' ' || '00' || '4' || ' ' || ' ' || '06' || ' ' || '00' || '00' || "
        "'00' || " +
            q(std::to_string(today.y)) +
            " || lpad(s.serial::text, 10, '0') || lpad(s.ptid::text, 10, '0') || '01'"},
       {"termid", "'orcasv'"},
       {"opid", "'ormaster'"},
       {"creymd", "'20250401'"},
       {"upymd", q(today.str())},
       {"uphms", "'090000'"},
       {"hospnum", "s.hospnum"}},
      false);
  sql += "COMMIT;\n";
  if (stats_out) *stats_out = st;
  return sql;
}

SeedNames load_seed_names(const std::string& data_dir) {
  const Names n =
      load_names((data_dir.empty() ? default_seed_data_dir() : data_dir) + "/names.tsv");
  SeedNames out;
  for (const Name& x : n.family) out.family.push_back({x.kanji, x.kana});
  for (const Name& x : n.male) out.male.push_back({x.kanji, x.kana});
  for (const Name& x : n.female) out.female.push_back({x.kanji, x.kana});
  return out;
}

struct HostRowWriter::Impl {
  struct Insurance {
    int hknid;
    std::string hknnum, hojokbn, since;
  };
  struct PublicExpense {
    int kohid;
    std::string kohnum, since;
  };
  Schema schema;
  std::string pt, num, hkn, koh, combi;
  Inserter ins_pt{pt, schema, "tbl_ptinf"}, ins_num{num, schema, "tbl_ptnum"},
      ins_hkn{hkn, schema, "tbl_pthkninf"}, ins_koh{koh, schema, "tbl_ptkohinf"},
      ins_combi{combi, schema, "tbl_hkncombi"};
  std::vector<Insurance> insurances;  ///< of the patient being written
  std::vector<PublicExpense> publics;

  Impl(const std::string& dir, bool edaban)
      : schema(load_schema(dir + "/reference_host_schema.sql", edaban)) {}

  static Values audit(int hospnum, const std::string& ymd) {
    return {{"hospnum", std::to_string(hospnum)},
            {"termid", "'orcaterm1'"},
            {"opid", "'clerk1'"},
            {"creymd", q(ymd)},
            {"upymd", q(ymd)},
            {"uphms", "'100000'"}};
  }
};

HostRowWriter::HostRowWriter(const std::string& data_dir, bool edaban)
    : impl_(std::make_unique<Impl>(data_dir.empty() ? default_seed_data_dir() : data_dir, edaban)) {
}

HostRowWriter::~HostRowWriter() = default;

void HostRowWriter::insurance(int hospnum, long long ptid, int hknid, const std::string& hknnum,
                              const std::string& insurer, const std::string& symbol,
                              const std::string& number, const std::string& branch, char honkzkkbn,
                              const std::string& insured_name, const std::string& since,
                              bool full) {
  Impl& m = *impl_;
  // The copay class as P02 stores it; the age only decides 2 or 3 割 here.
  const std::string hojokbn = hknnum == "039" ? "1" : hojokbn_for(hknnum, 40);
  auto text = [&](const std::string& s) { return q(full ? full_width(s) : s); };
  Values v = Impl::audit(hospnum, since);
  for (const auto& [k, e] : Values{{"ptid", std::to_string(ptid)},
                                   {"hknid", std::to_string(hknid)},
                                   {"hknnum", q(hknnum)},
                                   {"hknjanum", q(insurer)},
                                   {"hihknjaname", q(insured_name)},
                                   {"honkzkkbn", q(std::string(1, honkzkkbn))},
                                   {"hojokbn", q(hojokbn)},
                                   {"kigo", text(symbol)},
                                   {"num", text(number)},
                                   {"skkgetymd", q(since)},
                                   {"tekstymd", q(since)},
                                   {"tekedymd", "'99999999'"},
                                   {"kakuninymd", "'        '"},
                                   {"sakjokbn", "' '"},
                                   {"edaban", q(hknnum == "039" ? "" : branch)}})
    v[k] = e;
  m.ins_hkn.row(v);
  Values c = Impl::audit(hospnum, since);
  for (const auto& [k, e] : Values{{"ptid", std::to_string(ptid)},
                                   {"hkncombinum", std::to_string(hknid)},
                                   {"hknid", std::to_string(hknid)},
                                   {"hknnum", q(hknnum)},
                                   {"honkzkkbn", q(std::string(1, honkzkkbn))},
                                   {"hojokbn", q(hojokbn)},
                                   {"tekstymd", q(since)},
                                   {"tekedymd", "'99999999'"},
                                   {"syu_hknkohsbtkbn", "'1'"},
                                   {"delkbn", "' '"}})
    c[k] = e;
  m.ins_combi.row(c);
  m.insurances.push_back({hknid, hknnum, hojokbn, since});
}

void HostRowWriter::public_expense(int hospnum, long long ptid, int kohid,
                                   const std::string& kohnum, const std::string& payer,
                                   const std::string& recipient, const std::string& since) {
  Impl& m = *impl_;
  Values v = Impl::audit(hospnum, since);
  for (const auto& [k, e] : Values{{"ptid", std::to_string(ptid)},
                                   {"kohid", std::to_string(kohid)},
                                   {"kohnum", q(kohnum)},
                                   {"paykbn", "'01'"},
                                   {"ftnjanum", q(payer)},
                                   {"jkysnum", q(recipient)},
                                   {"tekstymd", q(since)},
                                   {"tekedymd", "'99999999'"},
                                   {"kakuninymd", "'        '"},
                                   {"sakjokbn", "' '"},
                                   {"tekedchkkbn", "' '"}})
    v[k] = e;
  m.ins_koh.row(v);
  m.publics.push_back({kohid, kohnum, since});
}

void HostRowWriter::patient(int hospnum, long long ptid, const std::string& ptnum,
                            const SeedName& name, char sex, const std::string& birthday,
                            bool test_patient) {
  Impl& m = *impl_;
  const std::string reg = "20250401";
  Values v = Impl::audit(hospnum, reg);
  for (const auto& [k, e] : Values{{"ptid", std::to_string(ptid)},
                                   {"kananame", q(name.kana)},
                                   {"name", q(name.kanji)},
                                   {"sex", q(std::string(1, sex))},
                                   {"birthday", q(birthday)},
                                   {"deathkbn", "' '"},
                                   {"tstptnumkbn", test_patient ? "'1'" : "'0'"}})
    v[k] = e;
  m.ins_pt.row(v);
  int last_combi = 0, last_hknid = 0, last_kohid = 0;
  for (const Impl::Insurance& i : m.insurances) {
    last_hknid = std::max(last_hknid, i.hknid);
    last_combi = std::max(last_combi, i.hknid);
  }
  for (const Impl::PublicExpense& k : m.publics) {
    last_kohid = std::max(last_kohid, k.kohid);
    if (!m.insurances.empty()) continue;
    Values c = Impl::audit(hospnum, k.since);
    for (const auto& [key, e] : Values{{"ptid", std::to_string(ptid)},
                                       {"hkncombinum", std::to_string(k.kohid)},
                                       {"hknid", "0"},
                                       {"hknnum", "'   '"},
                                       {"koh1id", std::to_string(k.kohid)},
                                       {"koh1hknnum", q(k.kohnum)},
                                       {"koh1paykbn", "'01'"},
                                       {"tekstymd", q(k.since)},
                                       {"tekedymd", "'99999999'"},
                                       {"delkbn", "' '"}})
      c[key] = e;
    m.ins_combi.row(c);
    last_combi = std::max(last_combi, k.kohid);
  }
  Values n = Impl::audit(hospnum, reg);
  for (const auto& [k, e] : Values{{"ptid", std::to_string(ptid)},
                                   {"ptnum", q(ptnum)},
                                   {"hknid", std::to_string(last_hknid)},
                                   {"kohid", std::to_string(last_kohid)},
                                   {"autocombinum", std::to_string(last_combi)},
                                   {"manucombinum", "0"},
                                   {"tstptnumkbn", "' '"}})
    n[k] = e;
  m.ins_num.row(n);
  m.insurances.clear();
  m.publics.clear();
}

std::string HostRowWriter::take_sql() {
  Impl& m = *impl_;
  for (Inserter* i : {&m.ins_pt, &m.ins_num, &m.ins_hkn, &m.ins_koh, &m.ins_combi}) i->flush();
  std::string sql = m.pt + m.num + m.hkn + m.koh + m.combi;
  for (std::string* s : {&m.pt, &m.num, &m.hkn, &m.koh, &m.combi}) s->clear();
  return sql;
}

}  // namespace onshi::test
