// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The reference host (ORCA 5.2's shape) and its seed: deterministic, rows stored exactly the way
// ORCA stores them (no NULLs, SPACE flags, 1009 numbering, counters, combinations, header rows),
// loadable into ORCA's default EUC-JP database, and the fixtures' sample people present.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>

#include "db/connection.h"
#include "db/pg_test_support.h"
#include "host/host_seed.h"

namespace onshi::test {
namespace {

/// The host tables the seed writes (all columns are written by ORCA's middleware).
const char* const kSeededTables[] = {"tbl_ptinf",    "tbl_ptnum",    "tbl_pthkninf", "tbl_pthknrrk",
                                     "tbl_ptkohinf", "tbl_hkncombi", "tbl_uketuke",  "tbl_yyk",
                                     "tbl_syskanri", "tbl_sysuser",  "tbl_passwd",   "tbl_dbkanri",
                                     "tbl_sysbase",  "tbl_hknnum"};

/// Sets ONSHI_TEST_DB_ENCODING for one scope.
class EncodingScope {
 public:
  explicit EncodingScope(const char* enc) {
    const char* old = std::getenv("ONSHI_TEST_DB_ENCODING");
    had_ = old != nullptr;
    if (had_) old_ = old;
    ::setenv("ONSHI_TEST_DB_ENCODING", enc, 1);
  }
  ~EncodingScope() {
    if (had_)
      ::setenv("ONSHI_TEST_DB_ENCODING", old_.c_str(), 1);
    else
      ::unsetenv("ONSHI_TEST_DB_ENCODING");
  }

 private:
  bool had_ = false;
  std::string old_;
};

}  // namespace

class SeedTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SeedTest);
  CPPUNIT_TEST(testDeterministic);
  CPPUNIT_TEST(testSchemaShape);
  CPPUNIT_TEST(testSeededHostContents);
  CPPUNIT_TEST(testNoNulls);
  CPPUNIT_TEST(testFlags);
  CPPUNIT_TEST(testPatientNumbering);
  CPPUNIT_TEST(testCombinations);
  CPPUNIT_TEST(testReservationsAndReceptions);
  CPPUNIT_TEST(testSystemRowsAndUsers);
  CPPUNIT_TEST(testSamplePeopleLinkable);
  CPPUNIT_TEST(testBranchNumbers);
  CPPUNIT_TEST(testOrca51);
  CPPUNIT_TEST(testEucJp);
  CPPUNIT_TEST(testPopulationIsTheHostsPatients);
  CPPUNIT_TEST_SUITE_END();

  SeedOptions options(std::uint64_t seed, int n) {
    SeedOptions o;
    o.seed = seed;
    o.patients = n;
    o.today = "20250612";
    o.data_dir = source_file("tests/host");
    return o;
  }

  static std::string count(db::Connection& c, const std::string& from_where) {
    return scalar(c, "SELECT count(*) FROM " + from_where);
  }

  /// A database with the reference schema and a 400-patient seed (seed 3), built once.
  struct Seeded {
    TestDatabase tdb{HostSchema::reference};
    std::unique_ptr<db::Connection> c = tdb.connect();
    SeedStats st;
  };
  Seeded& big() {
    static Seeded* s = [this] {
      auto* x = new Seeded;
      x->c->exec(generate_seed_sql(options(3, 400), &x->st));
      return x;
    }();
    return *s;
  }

 public:
  /// The simulator's population (seed_host --population) is the host's generated patients as the
  /// insurers know them: asking for it does not change the SQL; every person is a generated,
  /// non-test patient of the host with the same name, birthdate and sex, and the card is the
  /// host's current insurance (insurer; the branch number the host has, when it has one) or, for
  /// card class A1, its public-assistance row (payer, recipient).
  void testPopulationIsTheHostsPatients() {
    Seeded& s = big();
    std::vector<SeedPerson> people;
    CPPUNIT_ASSERT(generate_seed_sql(options(3, 400), nullptr, &people) ==
                   generate_seed_sql(options(3, 400)));
    CPPUNIT_ASSERT(people.size() > 300);
    int a1 = 0, unknown_branch = 0;
    for (const SeedPerson& p : people) {
      const std::string key =
          "hospnum = " + std::to_string(p.hospnum) + " AND ptid = " + std::to_string(p.ptid);
      const std::string what = "person " + key;
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          what, std::string("1"), count(*s.c, "tbl_ptinf WHERE " + key + " AND tstptnumkbn = '0'"));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(what, p.name + "|" + p.birthday + "|" + p.sex,
                                   scalar(*s.c,
                                          "SELECT name || '|' || birthday || '|' || sex "
                                          "FROM tbl_ptinf WHERE " +
                                              key));
      if (p.card_class == "A1") {
        ++a1;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(
            what, std::string("1"),
            count(*s.c, "tbl_ptkohinf WHERE " + key + " AND kohnum = '012' AND ftnjanum = '" +
                            p.insurer + "' AND jkysnum = '" + p.number + "'"));
        continue;
      }
      CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("01"), p.card_class);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          what, std::string("1"),
          count(*s.c, "tbl_pthkninf WHERE " + key + " AND rtrim(hknjanum) = '" + p.insurer +
                          "' AND tekedymd = '99999999' AND sakjokbn = ' '"
                          " AND (edaban = '' OR edaban = '" +
                          p.branch + "')"));
      if (scalar(*s.c, "SELECT edaban FROM tbl_pthkninf WHERE " + key +
                           " AND tekedymd = '99999999' AND sakjokbn = ' '")
              .empty() &&
          !p.branch.empty())
        ++unknown_branch;
    }
    CPPUNIT_ASSERT(a1 > 0);
    CPPUNIT_ASSERT(unknown_branch > 0);  // the insurer knows what the host does not
    CPPUNIT_ASSERT(s.st.patients - s.st.test_patients >= static_cast<int>(people.size()));
  }

  void testDeterministic() {
    SeedStats a, b;
    const std::string one = generate_seed_sql(options(7, 300), &a);
    CPPUNIT_ASSERT_EQUAL(one, generate_seed_sql(options(7, 300), &b));
    CPPUNIT_ASSERT(one != generate_seed_sql(options(8, 300)));
    CPPUNIT_ASSERT_EQUAL(300, a.patients);
    CPPUNIT_ASSERT(a.employee > 0 && a.national > 0 && a.late_elderly > 0);
    CPPUNIT_ASSERT(a.public_assistance > 0 && a.dependents > 0 && a.test_patients > 0);
    CPPUNIT_ASSERT(a.same_name_pairs > 0 && a.twin_pairs > 0);
    CPPUNIT_ASSERT(a.reservations > 3 && a.receptions > 10 && a.reservations_today > 0);
    CPPUNIT_ASSERT(a.expired_insurances > 0 && a.deleted_insurances > 0);
    CPPUNIT_ASSERT(a.full_width_cards > a.patients / 3 && a.full_width_cards < a.patients * 2 / 3);
    CPPUNIT_ASSERT_THROW(generate_seed_sql([&] {
                           auto o = options(1, 1);
                           o.today = "2025-06-12";
                           return o;
                         }()),
                         std::runtime_error);
    // Nothing outside EUC-JP: 𠮷 (U+20BB7) and other 4-byte UTF-8 never reach the host.
    CPPUNIT_ASSERT(one.find("\xF0") == std::string::npos);
  }

  void testSchemaShape() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    auto type = [&](const std::string& table, const std::string& column) {
      return scalar(*c,
                    "SELECT data_type || coalesce('(' || character_maximum_length || ')', '') "
                    "|| coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') "
                    "|| ' ' || is_nullable || ' ' || coalesce(column_default, '-') FROM "
                    "information_schema.columns WHERE table_name = '" +
                        table + "' AND column_name = '" + column + "'");
    };
    CPPUNIT_ASSERT_EQUAL(std::string("60"),
                         count(*c, "information_schema.columns WHERE table_name = 'tbl_ptinf'"));
    CPPUNIT_ASSERT_EQUAL(std::string("109"),
                         count(*c, "information_schema.columns WHERE table_name = 'tbl_hkncombi'"));
    CPPUNIT_ASSERT_EQUAL(std::string("smallint(16,0) NO -"), type("tbl_ptinf", "hospnum"));
    CPPUNIT_ASSERT_EQUAL(std::string("numeric(2,0) NO -"), type("tbl_uketuke", "hospnum"));
    CPPUNIT_ASSERT_EQUAL(std::string("numeric(10,0) YES 0"), type("tbl_yyk", "ptid"));
    CPPUNIT_ASSERT_EQUAL(std::string("numeric(4,0) NO -"), type("tbl_yyk", "keyyyktime"));
    CPPUNIT_ASSERT_EQUAL(std::string("numeric(5,0) NO -"), type("tbl_uketuke", "ukeid"));
    CPPUNIT_ASSERT_EQUAL(std::string("character(1) YES -"), type("tbl_pthkninf", "sakjokbn"));
    CPPUNIT_ASSERT_EQUAL(std::string("character varying(2) YES -"), type("tbl_pthkninf", "edaban"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("edaban"),
        scalar(
            *c,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'tbl_pthkninf' "
            "ORDER BY ordinal_position DESC LIMIT 1"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("tekedchkkbn"),
        scalar(
            *c,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'tbl_ptkohinf' "
            "ORDER BY ordinal_position DESC LIMIT 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("password,userid"),
                         scalar(*c,
                                "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM "
                                "information_schema.columns "
                                "WHERE table_name = 'tbl_passwd'"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         count(*c, "pg_indexes WHERE indexname = 'idx_pthkninf_hoken'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(*c, "pg_class WHERE relname LIKE 'onshi%'"));
    // ptnum is not unique by constraint (ORCA checks in code).
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(*c,
                               "pg_index i JOIN pg_class x ON x.oid = i.indexrelid "
                               "WHERE x.relname = 'idx_ptnum_ptnum' AND i.indisunique"));
  }

  void testSeededHostContents() {
    auto& s = big();
    auto& c = *s.c;
    const SeedStats& st = s.st;
    CPPUNIT_ASSERT_EQUAL(std::string("400"), count(c, "tbl_ptinf WHERE ptid >= 1001"));
    CPPUNIT_ASSERT_EQUAL(std::string("100"),
                         count(c, "tbl_ptinf WHERE hospnum = 2 AND ptid >= 1001"));
    // Patient numbers unique per facility, one per patient.
    CPPUNIT_ASSERT_EQUAL(count(c, "tbl_ptinf"),
                         scalar(c, "SELECT count(DISTINCT (hospnum, ptnum)) FROM tbl_ptnum"));
    // National insurance: 6-digit insurer numbers left-justified; late-elderly: 039, 8 digits, no
    // symbol.
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "tbl_pthkninf WHERE hknnum = '060' AND "
                                                 "hknjanum::text !~ '^[0-9]{6}$'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_pthkninf WHERE hknnum = '060' AND "
                               "(length(hknjanum) <> 6 OR octet_length(hknjanum) <> 8)"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "tbl_pthkninf WHERE hknnum = '039' AND "
                                                 "(hknjanum !~ '^39[0-9]{6}$' OR kigo <> '')"));
    CPPUNIT_ASSERT(count(c, "tbl_pthkninf WHERE hknnum = '039'") != "0");
    // hknnum follows the insurer's 法別番号 (8 digits) as in the tbl_hknnum master.
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "tbl_pthkninf h WHERE length(rtrim(h.hknjanum)) = "
                                                 "8 AND NOT EXISTS (SELECT 1 FROM tbl_hknnum m "
                                                 "WHERE m.hospnum = h.hospnum AND m.hbtnum = "
                                                 "left(h.hknjanum, 2) AND m.hknnum = h.hknnum "
                                                 "AND m.hknkohsbtkbn = '1')"));
    // hojokbn: employees' 7/8, national 2/3, late-elderly 1/2/3.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_pthkninf WHERE NOT CASE WHEN hknnum = '039' THEN hojokbn IN ('1', '2', '3') "
              "WHEN hknnum = '060' THEN hojokbn IN ('2', '3') ELSE hojokbn IN ('7', '8') END"));
    // About half of the generated cards carry full-width digits.
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.full_width_cards),
                         count(c, "tbl_pthkninf WHERE ptid >= 1001 AND num ~ '^[０-９]+$'"));
    // Dependents share the card of an insured person.
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.dependents),
                         count(c, "tbl_pthkninf WHERE honkzkkbn = '2' AND ptid >= 1001"));
    // Twins: two patients, same card and birthday.
    CPPUNIT_ASSERT(
        std::stoi(scalar(
            c,
            "SELECT count(*) FROM (SELECT h.hospnum, hknjanum, kigo, num, birthday FROM "
            "tbl_pthkninf h "
            "JOIN tbl_ptinf p USING (hospnum, ptid) WHERE honkzkkbn = '2' GROUP BY 1, 2, 3, 4, 5 "
            "HAVING count(*) >= 2) t")) >= st.twin_pairs);
    // Same name and birthdate, different patients.
    CPPUNIT_ASSERT(std::stoi(scalar(c,
                                    "SELECT count(*) FROM (SELECT hospnum, name, birthday FROM "
                                    "tbl_ptinf WHERE ptid >= 1001 "
                                    "GROUP BY 1, 2, 3 HAVING count(*) >= 2) t")) >=
                   st.same_name_pairs);
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.public_assistance),
                         count(c, "tbl_ptkohinf WHERE kohnum = '012' AND ptid >= 1001"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.test_patients + 1),
                         count(c, "tbl_ptinf WHERE tstptnumkbn = '1'"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.deceased), count(c, "tbl_ptinf WHERE deathkbn = '1'"));
    // Replaced cards (end date set) and logically deleted ones (plus the sample trap row).
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.deleted_insurances + 1),
                         count(c, "tbl_pthkninf WHERE sakjokbn = '1'"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.expired_insurances),
                         count(c, "tbl_pthkninf WHERE sakjokbn <> '1' AND tekedymd < '20250612'"));
    // Previous confirmation dates are older than the current one.
    CPPUNIT_ASSERT(count(c, "tbl_pthknrrk") != "0");
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_pthknrrk r JOIN tbl_pthkninf h USING (hospnum, ptid, hknid) "
                               "WHERE r.kakuninymd >= h.kakuninymd"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.reservations),
                         count(c, "tbl_yyk WHERE yykymd = '20250613' AND yykid > 0"));
    CPPUNIT_ASSERT_EQUAL(
        std::to_string(st.reservations_today),
        count(c, "tbl_yyk WHERE yykymd = '20250612' AND yykid > 0 AND raiinzumi = '1'"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.receptions),
                         count(c, "tbl_uketuke WHERE ukeymd = '20250612' AND ukeid > 0"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c, "tbl_uketuke WHERE ukeid > 0 AND name = ''"));
    // Insurer numbers carry a valid check digit.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(c,
               "SELECT count(*) FROM tbl_pthkninf h, LATERAL (SELECT rtrim(h.hknjanum) AS n) x, "
               "LATERAL (SELECT sum(((d * w) / 10) + ((d * w) % 10)) AS s FROM ("
               "  SELECT substr(n, length(n) - i, 1)::int AS d, CASE WHEN i % 2 = 1 THEN 2 ELSE 1 "
               "END AS w "
               "  FROM generate_series(1, length(n) - 1) i) q) c "
               "WHERE h.ptid >= 1001 AND right(n, 1)::int <> (10 - c.s % 10) % 10"));
  }

  void testNoNulls() {
    auto& c = *big().c;
    for (const char* table : kSeededTables) {
      db::Result cols = c.exec(
          "SELECT column_name FROM information_schema.columns WHERE "
          "table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
          {std::string(table)});
      CPPUNIT_ASSERT_MESSAGE(table, cols.rows() > 1);
      CPPUNIT_ASSERT_MESSAGE(table, count(c, table) != "0");
      std::string sum;
      for (int i = 0; i < cols.rows(); ++i)
        sum += (i ? " || " : "") + std::string("CASE WHEN ") + cols.text(i, 0) +
               " IS NULL THEN ' " + cols.text(i, 0) + "' ELSE '' END";
      db::Result r = c.exec("SELECT DISTINCT " + sum + " FROM " + table);
      for (int i = 0; i < r.rows(); ++i)
        CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(table) + " has NULL in", std::string(""),
                                     r.text(i, 0));
    }
  }

  void testFlags() {
    auto& c = *big().c;
    const char* checks[] = {
        "tbl_ptinf WHERE deathkbn NOT IN (' ', '1') OR tstptnumkbn NOT IN ('0', '1') OR "
        "sex NOT IN ('1', '2') OR skyprtflg <> ' '",
        // tstptnumkbn in tbl_ptnum is left blank by P02's insert.
        "tbl_ptnum WHERE tstptnumkbn <> ' '",
        "tbl_pthkninf WHERE sakjokbn NOT IN (' ', '1') OR contkbn <> ' ' OR honkzkkbn NOT IN ('1', "
        "'2')",
        "tbl_pthkninf WHERE edaban !~ '^([0-9]{2})?$'",
        "tbl_pthkninf WHERE kakuninymd !~ '^([0-9]{8}| {8})$' OR tekedymd !~ '^[0-9]{8}$'",
        "tbl_ptkohinf WHERE sakjokbn NOT IN (' ', '1') OR tekedchkkbn <> ' '",
        "tbl_hkncombi WHERE delkbn NOT IN (' ', '1') OR hyojikbn <> ' ' OR chgkbn <> ' ' OR "
        "contkbn <> ' '",
        "tbl_yyk WHERE raiinzumi NOT IN (' ', '1')",
        "tbl_sysuser WHERE supervisor NOT IN ('T', 'F')",
        // Blank varchar is '' (never padded), blank char is spaces.
        "tbl_ptinf WHERE nickname <> '' OR email <> '' OR octet_length(nickname) <> 0",
        "tbl_pthkninf WHERE hknnum = '039' AND (octet_length(kigo) <> 0 OR octet_length(edaban) <> "
        "0)",
        // Audit columns filled on every row.
        "tbl_ptinf WHERE opid = '' OR termid = '' OR creymd !~ '^[0-9]{8}$' OR uphms !~ "
        "'^[0-9]{6}$'",
        "tbl_pthkninf WHERE opid = '' OR creymd !~ '^[0-9]{8}$' OR upymd !~ '^[0-9]{8}$'",
        "tbl_uketuke WHERE opid = '' OR creymd !~ '^[0-9]{8}$'",
    };
    for (const char* q : checks) CPPUNIT_ASSERT_EQUAL_MESSAGE(q, std::string("0"), count(c, q));
  }

  void testPatientNumbering() {
    auto& c = *big().c;
    // 1009: standard composition, serial only, 6 digits; RENNUM/PTID = the highest issued.
    db::Result r = c.exec(
        "SELECT s.hospnum, substr(kanritbl, 1, 1), substr(kanritbl, 5, 1), substr(kanritbl, 8, 2), "
        "substr(kanritbl, 21, 10), substr(kanritbl, 31, 10), "
        "(SELECT lpad(max(rtrim(n.ptnum)::bigint)::text, 10, '0') FROM tbl_ptnum n WHERE n.hospnum "
        "= s.hospnum), "
        "(SELECT lpad(max(n.ptid)::text, 10, '0') FROM tbl_ptnum n WHERE n.hospnum = s.hospnum), "
        "styukymd || edyukymd || kbncd "
        "FROM tbl_syskanri s WHERE kanricd = '1009' ORDER BY 1");
    CPPUNIT_ASSERT_EQUAL(2, r.rows());
    for (int i = 0; i < r.rows(); ++i) {
      CPPUNIT_ASSERT_EQUAL(std::string("2"), r.text(i, 1));
      CPPUNIT_ASSERT_EQUAL(std::string("4"), r.text(i, 2));
      CPPUNIT_ASSERT_EQUAL(std::string("06"), r.text(i, 3));
      CPPUNIT_ASSERT_EQUAL(r.text(i, 6), r.text(i, 4));
      CPPUNIT_ASSERT_EQUAL(r.text(i, 7), r.text(i, 5));
      CPPUNIT_ASSERT_EQUAL(std::string("0000000099999999*"), r.text(i, 8));
    }
    // Every ptnum: 6 digits, left-justified in char(20).
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_ptnum WHERE ptnum::text !~ '^[0-9]{6}$' OR "
                               "octet_length(ptnum) <> 20 OR left(ptnum, 1) = ' '"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("000123              "),
        scalar(c,
               "SELECT ptnum::text || repeat(' ', 20 - length(ptnum)) FROM tbl_ptnum "
               "WHERE hospnum = 1 AND ptid = 123"));
    // Counters: last hknid, last kohid, last combination number.
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_ptnum n WHERE hknid <> (SELECT coalesce(max(hknid), 0) FROM "
                               "tbl_pthkninf h WHERE h.hospnum = n.hospnum AND h.ptid = n.ptid) "
                               "OR kohid <> (SELECT coalesce(max(kohid), 0) FROM tbl_ptkohinf k "
                               "WHERE k.hospnum = n.hospnum AND k.ptid = n.ptid) "
                               "OR autocombinum <> (SELECT coalesce(max(hkncombinum), 0) FROM "
                               "tbl_hkncombi k WHERE k.hospnum = n.hospnum AND k.ptid = n.ptid)"));
    CPPUNIT_ASSERT_EQUAL(std::string("2|0|2"),
                         scalar(c,
                                "SELECT hknid || '|' || kohid || '|' || autocombinum FROM "
                                "tbl_ptnum WHERE hospnum = 1 AND ptid = 113"));
  }

  void testCombinations() {
    auto& c = *big().c;
    // Every insurance has its combination; deleted insurance -> deleted combination.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_pthkninf h WHERE NOT EXISTS (SELECT 1 FROM tbl_hkncombi k WHERE k.hospnum = "
              "h.hospnum "
              "AND k.ptid = h.ptid AND k.hknid = h.hknid AND k.hknnum = h.hknnum AND k.honkzkkbn = "
              "h.honkzkkbn "
              "AND k.hojokbn = h.hojokbn AND k.tekstymd = h.tekstymd AND k.tekedymd = h.tekedymd "
              "AND (k.delkbn = '1') = (h.sakjokbn = '1'))"));
    // Every patient can be received: one usable combination today (public-expense-only via koh1).
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_ptinf p WHERE NOT EXISTS (SELECT 1 FROM tbl_hkncombi k WHERE "
                               "k.hospnum = p.hospnum "
                               "AND k.ptid = p.ptid AND k.delkbn = ' ' AND k.hyojikbn <> '1' AND "
                               "'20250612' BETWEEN k.tekstymd AND k.tekedymd)"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1|0|   |012|01"),
        scalar(
            c,
            "SELECT koh1id || '|' || hknid || '|' || hknnum::text || repeat(' ', 3 - "
            "length(hknnum)) || '|' || "
            "koh1hknnum || '|' || koh1paykbn FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 106"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "tbl_hkncombi WHERE hknid > 0 AND (koh1id <> 0 OR "
                                                 "koh1hknnum <> '   ' OR koh2id <> 0 OR "
                                                 "gai_kftnrate <> 0 OR tentnk <> 0)"));
    // Receptions point at a usable combination of their patient.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_uketuke u WHERE ukeid > 0 AND NOT EXISTS (SELECT 1 FROM tbl_hkncombi k WHERE "
              "k.hospnum = u.hospnum AND k.ptid = u.ptid AND k.hkncombinum = u.hkncombi AND "
              "k.delkbn = ' ')"));
  }

  void testReservationsAndReceptions() {
    auto& c = *big().c;
    // One header row per band (yykid 0, ptid 0) with yykcnt = number of detail rows.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_yyk h WHERE yykid = 0 AND (ptid <> 0 OR yykmaxcnt <> 10 OR yykcnt <> (SELECT "
              "count(*) "
              "FROM tbl_yyk d WHERE d.hospnum = h.hospnum AND d.srynaiyo = h.srynaiyo AND d.drcd = "
              "h.drcd "
              "AND d.yykymd = h.yykymd AND d.keyyyktime = h.keyyyktime AND d.yykid > 0))"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_yyk d WHERE yykid > 0 AND NOT EXISTS (SELECT 1 FROM tbl_yyk h WHERE h.hospnum = "
              "d.hospnum "
              "AND h.srynaiyo = d.srynaiyo AND h.drcd = d.drcd AND h.yykymd = d.yykymd AND "
              "h.keyyyktime = d.keyyyktime AND h.yykid = 0)"));
    // keyyyktime = the hour band of yyktime; detail ids 1..n within the band.
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_yyk WHERE yykid > 0 AND (keyyyktime <> trunc(yyktime / 100) * "
                               "100 OR ptid = 0 OR name = '')"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "(SELECT hospnum, yykymd, keyyyktime, max(yykid) "
                                                 "AS m, count(*) AS n FROM tbl_yyk WHERE yykid > 0 "
                                                 "GROUP BY 1, 2, 3) t WHERE m <> n"));
    CPPUNIT_ASSERT_EQUAL(std::string("1200"), scalar(c,
                                                     "SELECT keyyyktime FROM tbl_yyk WHERE hospnum "
                                                     "= 1 AND ptid = 126 AND yykymd = '20250613'"));
    // Reception: a header row per day whose ptid = the last ukeid; ids 1..n in time order.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(
            c,
            "tbl_uketuke h WHERE ukeid = 0 AND ptid <> (SELECT max(ukeid) FROM tbl_uketuke d WHERE "
            "d.hospnum = h.hospnum AND d.ukeymd = h.ukeymd)"));
    CPPUNIT_ASSERT_EQUAL(scalar(c, "SELECT count(DISTINCT (hospnum, ukeymd)) FROM tbl_uketuke"),
                         count(c, "tbl_uketuke WHERE ukeid = 0"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c,
                                                 "tbl_uketuke a JOIN tbl_uketuke b USING (hospnum, "
                                                 "ukeymd) WHERE a.ukeid > 0 AND b.ukeid > a.ukeid "
                                                 "AND b.uketime < a.uketime"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_uketuke WHERE ukeid > 0 AND (uketime !~ '^[0-9]{6}$' OR drcd "
                               "<> '10001' OR kaikeitime <> 0 "
                               "OR kakren <> '  ' OR srflg <> '  ')"));
    // Receptions from a reservation copy its keys; that reservation is marked arrived.
    CPPUNIT_ASSERT(count(c, "tbl_uketuke WHERE yykid > 0") != "0");
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_uketuke u WHERE yykid > 0 AND NOT EXISTS (SELECT 1 FROM tbl_yyk y WHERE "
              "y.hospnum = u.hospnum "
              "AND y.yykymd = u.ukeymd AND y.keyyyktime = u.keyyyktime AND y.yykid = u.yykid AND "
              "y.yyktime = u.yyktime AND y.ptid = u.ptid AND y.raiinzumi = '1')"));
  }

  void testSystemRowsAndUsers() {
    auto& c = *big().c;
    CPPUNIT_ASSERT_EQUAL(
        std::string("1312345678|架空内科クリニック"),
        scalar(
            c,
            "SELECT substr(kanritbl, 1, 10) || '|' || substr(kanritbl, 36) FROM tbl_syskanri WHERE "
            "hospnum = 1 AND kanricd = '1001' AND kbncd = '*'"));
    CPPUNIT_ASSERT_EQUAL(std::string("2712345671"),
                         scalar(c,
                                "SELECT substr(kanritbl, 1, 10) FROM tbl_syskanri WHERE hospnum = "
                                "2 AND kanricd = '1001'"));
    CPPUNIT_ASSERT_EQUAL(std::string("1|010"),
                         scalar(c,
                                "SELECT substr(kanritbl, 1, 1) || '|' || substr(kanritbl, 2, 3) "
                                "FROM tbl_syskanri WHERE "
                                "hospnum = 1 AND kanricd = '1051' AND kbncd = '*'"));
    // Trailing spaces are stripped by ORCA's middleware.
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(c, "tbl_syskanri WHERE kanritbl LIKE '% '"));
    // 1010 staff: every login user has a tbl_sysuser row of the same facility.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(c,
              "tbl_syskanri s WHERE kanricd = '1010' AND rtrim(substr(kanritbl, 1, 16)) <> '' AND "
              "NOT EXISTS "
              "(SELECT 1 FROM tbl_sysuser u WHERE u.userid = rtrim(substr(s.kanritbl, 1, 16)) AND "
              "u.hospnum = s.hospnum "
              "AND u.supervisor = CASE WHEN s.kbncd = '00001' THEN 'T' ELSE 'F' END)"));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1,doctor1,ormaster|clerk2,doctor2,ormaster2"),
                         scalar(c,
                                "SELECT string_agg(u, '|' ORDER BY h) FROM (SELECT hospnum AS h, "
                                "string_agg(userid, ',' ORDER BY userid) "
                                "AS u FROM tbl_sysuser GROUP BY hospnum) t"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(c,
                               "tbl_sysuser u FULL JOIN tbl_passwd p USING (userid) WHERE u.userid "
                               "IS NULL OR p.userid IS NULL "
                               "OR p.password !~ '^\\$1\\$[./0-9A-Za-z]{8}\\$[./0-9A-Za-z]{22}$'"));
    CPPUNIT_ASSERT_EQUAL(std::string("050200-1"),
                         scalar(c, "SELECT version FROM tbl_dbkanri WHERE kanricd = 'ORCADB00'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1,2"),
        scalar(c, "SELECT string_agg(hospnum::text, ',' ORDER BY grpnum) FROM tbl_sysbase"));
    // hknnum master: 法別 -> hknnum for main insurances; public-expense kinds present.
    CPPUNIT_ASSERT_EQUAL(std::string("039"),
                         scalar(c,
                                "SELECT hknnum FROM tbl_hknnum WHERE hospnum = 1 AND hbtnum = '39' "
                                "AND hknkohsbtkbn = '1' AND paykbn <> ''"));
    CPPUNIT_ASSERT_EQUAL(std::string("6"),
                         count(c,
                               "tbl_hknnum WHERE hospnum = 2 AND hknnum IN ('012', '946', '966', "
                               "'967', '972', '974') AND hknkohsbtkbn <> '1'"));
  }

  void testSamplePeopleLinkable() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    auto by_ptnum = [&](const std::string& ptnum, const std::string& column) {
      return scalar(*c, "SELECT " + column +
                            " FROM tbl_ptnum n JOIN tbl_ptinf p USING (hospnum, ptid) "
                            "LEFT JOIN tbl_pthkninf h ON h.hospnum = n.hospnum AND h.ptid = n.ptid "
                            "AND h.hknid = 1 "
                            "WHERE n.hospnum = 1 AND n.ptnum = '" +
                            ptnum + "'");
    };
    // Reference numbers of the fixtures are patient numbers.
    CPPUNIT_ASSERT_EQUAL(std::string("19751111"), by_ptnum("000123", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("138999|202|"),
        by_ptnum("000123", "rtrim(h.hknjanum) || '|' || h.num || '|' || h.edaban"));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999|5678|1001"),
                         by_ptnum("000124", "h.hknjanum || '|' || h.kigo || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("39139999|00998877||"),
        by_ptnum("000125", "h.hknjanum || '|' || h.num || '|' || h.kigo || '|' || h.edaban"));
    CPPUNIT_ASSERT_EQUAL(std::string("19920202"), by_ptnum("000126", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(std::string("19810101"), by_ptnum("000127", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(std::string("2233"), by_ptnum("000128", "h.num"));
    // 𠮷 (JIS X 0213) cannot be stored in EUC-JP: staff typed 吉.
    CPPUNIT_ASSERT_EQUAL(std::string("吉田　四郎"), by_ptnum("000128", "p.name"));
    CPPUNIT_ASSERT_EQUAL(std::string("101"), by_ptnum("000129", "h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), by_ptnum("000129", "h.hojokbn"));
    CPPUNIT_ASSERT_EQUAL(std::string("00777777"), by_ptnum("000130", "h.num"));
    // Drug/checkup request patient ids 101 and 102.
    CPPUNIT_ASSERT_EQUAL(std::string("19800415|56789"),
                         by_ptnum("000101", "p.birthday || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("2|1122"), by_ptnum("000102", "h.honkzkkbn || '|' || h.num"));
    // Card check-ins by insurance keys (face/ files): one living, non-test patient each among
    // the insurance rows that are not deleted.
    const char* keys[][4] = {{"06139999", "1234", "56789", "19800415"},
                             {"01130012", "40110203", "1122", "19850707"},
                             {"138999", "\xE5\x8D\x83\xE6\x9E\xB6", "101", "19520920"},
                             {"06139999", "1234", "77001", "19600101"},
                             {"01130012", "40110203", "2233", "19701225"},
                             {"138999", "\xE5\x8D\x83\xE6\x9E\xB6", "202", "19751111"},
                             {"06139999", "1234", "88002", "19920202"},
                             {"01130012", "40110203", "3344", "19881212"},
                             {"06139999", "1234", "12010", "19960601"},
                             {"06139999", "1234", "12011", "19940402"}};
    for (auto& k : keys) {
      db::Result r = c->exec(
          "SELECT p.ptid FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid) "
          "WHERE h.hospnum = 1 AND h.hknjanum = $1 AND h.kigo = $2 AND h.num = $3 "
          "AND p.birthday = $4 AND p.tstptnumkbn <> '1' AND h.sakjokbn <> '1'",
          {k[0], k[1], k[2], k[3]});
      CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(k[2]), 1, r.rows());
    }
    // The trap: 129's card also sits, deleted, on patient 113.
    CPPUNIT_ASSERT_EQUAL(
        std::string("113,129"),
        scalar(*c,
               "SELECT string_agg(ptid::text, ',' ORDER BY ptid) FROM tbl_pthkninf WHERE hospnum = "
               "1 AND "
               "hknjanum = '138999' AND kigo = '\xE5\x8D\x83\xE6\x9E\xB6' AND num = '101'"));
    // Late-elderly sample person: no symbol; public assistance sample person: ticket 1234567.
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        scalar(*c,
               "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND hknjanum = '39139999' AND "
               "num = '00123456' AND kigo = '' AND edaban = ''"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("106"),
        scalar(*c,
               "SELECT ptid FROM tbl_ptkohinf WHERE hospnum = 1 AND ftnjanum = '12139999' AND "
               "jkysnum = '1234567'"));
    // The test patient shares a card with a real one; the twins share one card and birthday.
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        scalar(*c,
               "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND hknjanum = '06139999' AND "
               "kigo = '1234' AND num = '56789'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        scalar(*c,
               "SELECT count(*) FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid) WHERE "
               "h.hospnum = 1 AND num = '99001' AND honkzkkbn = '2' AND p.birthday = '20150505'"));
    // The bulk pre-check people come tomorrow.
    CPPUNIT_ASSERT_EQUAL(std::string("3"),
                         scalar(*c,
                                "SELECT count(*) FROM tbl_yyk WHERE hospnum = 1 AND yykymd = "
                                "'20250613' AND ptid IN (124, 126, 127)"));
  }

  void testBranchNumbers() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    // The sample people's branch numbers are not known yet ('' as after ORCA's 5.2 update).
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        count(*c, "tbl_pthkninf WHERE hospnum = 1 AND ptid BETWEEN 101 AND 199 AND edaban <> ''"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         count(*c, "tbl_pthkninf WHERE hknnum = '039' AND edaban <> ''"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        count(*c, "tbl_pthkninf WHERE hospnum = 1 AND ptid IN (115, 116) AND edaban = ''"));
    // A bigger seed: most branch numbers known, some unknown ('').
    TestDatabase big_db(HostSchema::reference);
    auto b = big_db.connect();
    b->exec(generate_seed_sql(options(5, 200)));
    const int known = std::stoi(count(*b, "tbl_pthkninf WHERE ptid >= 1001 AND edaban <> ''"));
    const int all = std::stoi(count(*b, "tbl_pthkninf WHERE ptid >= 1001 AND hknnum <> '039'"));
    CPPUNIT_ASSERT(known > all / 2 && known < all);
  }

  void testOrca51() {
    TestDatabase tdb(HostSchema::orca51);
    auto c = tdb.connect();
    CPPUNIT_ASSERT_EQUAL(std::string("f"),
                         scalar(*c,
                                "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
                                "table_name = 'tbl_pthkninf' AND column_name = 'edaban')"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), count(*c, "tbl_pthkninf"));
    // The seed fits a 5.1 host too (no branch numbers).
    SeedOptions o = options(2, 60);
    o.edaban = false;
    c->exec(generate_seed_sql(o));
    CPPUNIT_ASSERT_EQUAL(std::string("60"), count(*c, "tbl_ptinf WHERE ptid >= 1001"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("hospnum"),
        scalar(
            *c,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'tbl_pthkninf' "
            "ORDER BY ordinal_position DESC LIMIT 1"));
  }

  void testEucJp() {
    EncodingScope scope("EUC_JP");
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    CPPUNIT_ASSERT_EQUAL(std::string("EUC_JP"),
                         scalar(*c,
                                "SELECT pg_encoding_to_char(encoding) FROM "
                                "pg_database WHERE datname = current_database()"));
    CPPUNIT_ASSERT_EQUAL(std::string("吉田　四郎"),
                         scalar(*c, "SELECT name FROM tbl_ptinf WHERE hospnum = 1 AND ptid = 128"));
    // A large seed (every name pool entry, full-width digits) converts to EUC-JP as well.
    TestDatabase big_db(HostSchema::reference);
    auto b = big_db.connect();
    b->exec(generate_seed_sql(options(11, 600)));
    CPPUNIT_ASSERT_EQUAL(std::string("600"), count(*b, "tbl_ptinf WHERE ptid >= 1001"));
    CPPUNIT_ASSERT(count(*b, "tbl_pthkninf WHERE num ~ '^[０-９]+$'") != "0");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SeedTest);

}  // namespace onshi::test
