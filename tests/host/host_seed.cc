// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/host_seed.h"

#include "common/clock.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace onshi::test {
namespace {

/// splitmix64: tiny, portable, fully specified (std distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool percent(int p) { return below(100) < p; }

 private:
  std::uint64_t state_;
};

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
  char buf[8];
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

/// A birthdate `age` years (plus a random part of a year) before today.
Date birth(Rng& rng, const Date& today, int age) {
  Date b{today.y - age, 1 + rng.below(12), 1 + rng.below(28)};
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

/// Multi-row INSERT writer, flushing every `batch` rows.
class Inserter {
 public:
  Inserter(std::string& out, std::string head, int batch = 200)
      : out_(out), head_(std::move(head)), batch_(batch) {}
  ~Inserter() { flush(); }
  void row(const std::string& values) {
    out_ += rows_ == 0 ? head_ + " VALUES\n  " : ",\n  ";
    out_ += "(" + values + ")";
    if (++rows_ == batch_) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    out_ += ";\n";
    rows_ = 0;
  }

 private:
  std::string& out_;
  std::string head_;
  int batch_;
  int rows_ = 0;
};

struct Person {
  long ptid;
  Name name;
  char sex;
  Date birthday;
  bool test = false;
  bool dead = false;
};

}  // namespace

std::string today_yyyymmdd() { return local_date8(); }

std::string default_seed_data_dir() {
  const char* src = std::getenv("ONSHI_SRCDIR");
  return src && *src ? std::string(src) + "/tests/host" : std::string("tests/host");
}

std::string generate_seed_sql(const SeedOptions& options, SeedStats* stats_out) {
  const std::string dir = options.data_dir.empty() ? default_seed_data_dir() : options.data_dir;
  const Names names = load_names(dir + "/names.tsv");
  const Date today = parse_date(options.today.empty() ? today_yyyymmdd() : options.today);
  const Date tomorrow = add_days(today, 1);
  Rng rng(options.seed);
  SeedStats st;

  std::string sql;
  sql += "-- Reference host seed: seed " + std::to_string(options.seed) + ", " +
         std::to_string(options.patients) + " generated patients, today " + today.str() + "\n";
  sql += "SET client_encoding = 'UTF8';\nBEGIN;\n";
  sql += read_file(dir + "/sample_people.sql");
  sql += "\n-- Generated patients.\n";
  sql += "CREATE TEMP TABLE seed_edaban (hospnum integer, ptid bigint, hknid integer, "
         "edaban varchar(2));\n";

  const std::string audit = "'seed', " + q(today.str());
  std::string pt, num, hkn, koh, eda, yyk, uke;
  {
    Inserter ins_pt(pt, "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday, "
                        "home_post, home_adrs, home_banti, tstptnumkbn, deathkbn, opid, creymd)");
    Inserter ins_num(num, "INSERT INTO tbl_ptnum (hospnum, ptid, ptnum, opid, creymd)");
    Inserter ins_hkn(hkn, "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, "
                          "kigo, num, honkzkkbn, hihknjaname, skkgetymd, tekstymd, tekedymd, "
                          "kakuninymd, opid, creymd)");
    Inserter ins_koh(koh, "INSERT INTO tbl_ptkohinf (hospnum, ptid, kohid, kohnum, ftnjanum, "
                          "jkysnum, tekstymd, tekedymd, kakuninymd, opid, creymd)");
    Inserter ins_eda(eda, "INSERT INTO seed_edaban (hospnum, ptid, hknid, edaban)");
    Inserter ins_yyk(yyk, "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, "
                          "yykid, ptid, name, sryka, yykkbn, raiinzumi, opid, creymd)");
    Inserter ins_uke(uke, "INSERT INTO tbl_uketuke (hospnum, ukeymd, ukeid, uketime, ptid, name, "
                          "sryka, drcd, hkncombi, yyktime, yykid, opid, creymd)");

    const int share1 = options.patients - options.patients / 4;
    int yyk_id[3] = {0, 0, 0};
    int uke_id[3] = {0, 0, 0};

    auto full_name = [](const Name& f, const Name& g) {
      return Name{f.kanji + "\u3000" + g.kanji, f.kana + "\u3000" + g.kana};
    };
    auto random_given = [&](char sex) -> const Name& {
      const auto& pool = sex == '1' ? names.male : names.female;
      return pool[rng.below(static_cast<int>(pool.size()))];
    };
    auto visits = [&](int hospnum, const Person& p) {
      if (p.dead || p.test) return;
      if (rng.percent(10)) {
        int slot = rng.below(32);  // 09:00 .. 16:45 every 15 minutes
        std::string time = two(9 + slot / 4) + two(slot % 4 * 15) + "00";
        ins_yyk.row(std::to_string(hospnum) + ", '01', '10001', " + q(tomorrow.str()) + ", " +
                    q(time) + ", " + std::to_string(++yyk_id[hospnum]) + ", " +
                    std::to_string(p.ptid) + ", " + q(p.name.kanji) + ", '01', '1', '0', " + audit);
        ++st.reservations;
      }
      if (rng.percent(8)) {
        int minute = rng.below(8 * 60);
        std::string time = two(9 + minute / 60) + two(minute % 60) + "00";
        ins_uke.row(std::to_string(hospnum) + ", " + q(today.str()) + ", " +
                    std::to_string(++uke_id[hospnum]) + ", " + q(time) + ", " +
                    std::to_string(p.ptid) + ", " + q(p.name.kanji) +
                    ", '01', '10001', '0001', NULL, NULL, " + audit);
        ++st.receptions;
      }
    };
    auto add_person = [&](int hospnum, const Person& p) {
      ins_pt.row(std::to_string(hospnum) + ", " + std::to_string(p.ptid) + ", " + q(p.name.kana) +
                 ", " + q(p.name.kanji) + ", '" + p.sex + "', " + q(p.birthday.str()) + ", " +
                 q("100" + two(static_cast<int>(p.ptid % 100)) + "00") + ", " +
                 q(names.address.kanji + std::to_string(1 + p.ptid % 30) + names.address.kana) + ", " +
                 q(std::to_string(1 + p.ptid % 9) + "-" + std::to_string(1 + p.ptid % 17)) + ", '" +
                 (p.test ? '1' : '0') + "', '" + (p.dead ? '1' : '0') + "', " + audit);
      char ptnum[32];
      std::snprintf(ptnum, sizeof ptnum, "%06ld", p.ptid);
      ins_num.row(std::to_string(hospnum) + ", " + std::to_string(p.ptid) + ", " + q(ptnum) +
                  ", " + audit);
      ++st.patients;
      if (p.test) ++st.test_patients;
      if (p.dead) ++st.deceased;
      visits(hospnum, p);
    };
    auto add_insurance = [&](int hospnum, const Person& p, const std::string& hknnum,
                             const std::string& insurer, const std::string& kigo,
                             const std::string& number, char honkzk, const Name& insured,
                             const std::string& branch, const Date& since) {
      ins_hkn.row(std::to_string(hospnum) + ", " + std::to_string(p.ptid) + ", 1, " + q(hknnum) +
                  ", " + q(insurer) + ", " + (kigo.empty() ? "NULL" : q(kigo)) + ", " + q(number) +
                  ", '" + honkzk + "', " + q(insured.kanji) + ", " + q(since.str()) + ", " +
                  q(since.str()) + ", '99999999', NULL, " + audit);
      if (!branch.empty())
        ins_eda.row(std::to_string(hospnum) + ", " + std::to_string(p.ptid) + ", 1, " + q(branch));
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
        return p;
      };
      const Name& family = names.family[rng.below(static_cast<int>(names.family.size()))];
      const int roll = rng.below(100);
      const bool branch_known = !rng.percent(10);
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
            add_insurance(hospnum, *p, "006", body + check_digit(body), digits(rng, 4),
                          digits(rng, 5), '1', p->name, "00", birth(rng, today, 5));
            ++st.employee;
          }
          ++st.same_name_pairs;
          made += 2;
          continue;
        }
        const int kind = rng.below(10);
        std::string hknnum = kind < 5 ? "001" : kind < 8 ? "006" : "031";
        std::string law = kind < 5 ? "01" : kind < 8 ? "06" : "3" + std::to_string(1 + rng.below(4));
        std::string body = law + two(1 + rng.below(47)) + digits(rng, 3);
        std::string insurer = body + check_digit(body);
        std::string kigo = kind < 5 ? digits(rng, 8) : digits(rng, 1 + rng.below(4));
        std::string number = std::to_string(1 + rng.below(99999));
        Person head = new_person(family, rng.percent(60) ? '1' : '2', 25 + rng.below(40));
        add_person(hospnum, head);
        Date since = birth(rng, today, rng.below(15));
        add_insurance(hospnum, head, hknnum, insurer, kigo, number, '1', head.name,
                      branch_known ? "00" : "", since);
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
          add_person(hospnum, d);
          add_insurance(hospnum, d, hknnum, insurer, kigo, number, '2', head.name,
                        branch_known ? two(branch) : "", d.birthday.y > since.y ? d.birthday : since);
          ++branch;
          ++st.employee;
          ++st.dependents;
          ++made;
        }
        if (twins) ++st.twin_pairs;
      } else if (roll < 65) {
        // National insurance: 6-digit insurer number, everyone in the household insured.
        std::string body = two(1 + rng.below(47)) + digits(rng, 3);
        std::string insurer = body + check_digit(body);
        std::string kigo = rng.percent(50) ? digits(rng, 2) : "";
        std::string number = std::to_string(100 + rng.below(900000));
        int members = std::min(1 + (rng.percent(30) ? 1 + rng.below(2) : 0), room);
        Person head = new_person(family, rng.percent(50) ? '1' : '2', 20 + rng.below(54));
        for (int i = 0; i < members; ++i) {
          Person p = i == 0 ? head : new_person(family, rng.percent(50) ? '1' : '2', 1 + rng.below(60));
          add_person(hospnum, p);
          add_insurance(hospnum, p, "060", insurer, kigo, number, '1', head.name,
                        branch_known ? two(i) : "", birth(rng, today, rng.below(20)));
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
        add_insurance(hospnum, p, "039", body + check_digit(body), "", number, '1', p.name, "",
                      Date{p.birthday.y + 75, p.birthday.m, p.birthday.d});
        ++st.late_elderly;
        ++made;
      } else if (roll < 92) {
        // Public assistance only: payer 12PPxxxC, 7-digit recipient number, no health insurance.
        Person p = new_person(family, rng.percent(50) ? '1' : '2', 20 + rng.below(60));
        add_person(hospnum, p);
        std::string body = "12" + two(1 + rng.below(47)) + digits(rng, 3);
        ins_koh.row(std::to_string(hospnum) + ", " + std::to_string(p.ptid) + ", 1, '012', " +
                    q(body + check_digit(body)) + ", " + q(digits(rng, 7)) + ", " +
                    q(birth(rng, today, rng.below(3)).str()) + ", '99999999', NULL, " + audit);
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
        add_insurance(hospnum, p, "006", body + check_digit(body), "9999", digits(rng, 5), '1',
                      p.name, "00", today);
        ++st.employee;
        ++made;
      }
    }

    // The sample people the bulk pre-check fixture asks about come tomorrow; the card
    // check-in people are at the reception today.
    for (long ptid : {124L, 126L, 127L}) {
      ins_yyk.row("1, '01', '10001', " + q(tomorrow.str()) + ", " +
                  q(two(10 + static_cast<int>(ptid - 124)) + "0000") + ", " +
                  std::to_string(++yyk_id[1]) + ", " + std::to_string(ptid) +
                  ", (SELECT name FROM tbl_ptinf WHERE hospnum = 1 AND ptid = " +
                  std::to_string(ptid) + "), '01', '1', '0', " + audit);
      ++st.reservations;
    }
    for (long ptid : {101L, 102L, 104L, 129L, 105L, 128L, 123L, 106L, 126L, 107L}) {
      ins_uke.row("1, " + q(today.str()) + ", " + std::to_string(++uke_id[1]) + ", " +
                  q(two(9 + static_cast<int>(ptid % 7)) + "0000") + ", " + std::to_string(ptid) +
                  ", (SELECT name FROM tbl_ptinf WHERE hospnum = 1 AND ptid = " +
                  std::to_string(ptid) + "), '01', '10001', '0001', NULL, NULL, " + audit);
      ++st.receptions;
    }
  }
  sql += pt + num + hkn + koh + eda + yyk + uke;
  sql +=
      "DO $$\nBEGIN\n"
      "  IF EXISTS (SELECT 1 FROM information_schema.columns\n"
      "              WHERE table_name = 'tbl_pthkninf' AND column_name = 'edaban') THEN\n"
      "    EXECUTE 'UPDATE tbl_pthkninf h SET edaban = s.edaban FROM seed_edaban s '\n"
      "            'WHERE h.hospnum = s.hospnum AND h.ptid = s.ptid AND h.hknid = s.hknid';\n"
      "  END IF;\nEND\n$$;\n"
      "DROP TABLE seed_edaban;\nCOMMIT;\n";
  if (stats_out) *stats_out = st;
  return sql;
}

}  // namespace onshi::test
