// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The reference host seed: deterministic, realistic, and the fixtures' sample people present.
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "db/migrations.h"
#include "db/pg_test_support.h"
#include "host/host_seed.h"

namespace onshi::test {

class SeedTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SeedTest);
  CPPUNIT_TEST(testDeterministic);
  CPPUNIT_TEST(testSeededHostContents);
  CPPUNIT_TEST(testSamplePeopleLinkable);
  CPPUNIT_TEST(testBranchNumbersAfterMigration);
  CPPUNIT_TEST_SUITE_END();

  SeedOptions options(std::uint64_t seed, int n) {
    SeedOptions o;
    o.seed = seed;
    o.patients = n;
    o.today = "20250612";
    o.data_dir = source_file("tests/host");
    return o;
  }

 public:
  void testDeterministic() {
    SeedStats a, b;
    const std::string one = generate_seed_sql(options(7, 300), &a);
    CPPUNIT_ASSERT_EQUAL(one, generate_seed_sql(options(7, 300), &b));
    CPPUNIT_ASSERT(one != generate_seed_sql(options(8, 300)));
    CPPUNIT_ASSERT_EQUAL(300, a.patients);
    CPPUNIT_ASSERT(a.employee > 0 && a.national > 0 && a.late_elderly > 0);
    CPPUNIT_ASSERT(a.public_assistance > 0 && a.dependents > 0 && a.test_patients > 0);
    CPPUNIT_ASSERT(a.same_name_pairs > 0 && a.twin_pairs > 0);
    CPPUNIT_ASSERT(a.reservations > 3 && a.receptions > 10);
    CPPUNIT_ASSERT_THROW(generate_seed_sql([&] { auto o = options(1, 1); o.today = "2025-06-12"; return o; }()),
                         std::runtime_error);
  }

  void testSeededHostContents() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    SeedStats st;
    c->exec(generate_seed_sql(options(3, 400), &st));
    const std::string generated = "(SELECT count(*) FROM tbl_ptinf WHERE ptid >= 1001)";
    CPPUNIT_ASSERT_EQUAL(std::string("400"), scalar(*c, "SELECT " + generated));
    CPPUNIT_ASSERT(scalar(*c, "SELECT count(*) FROM tbl_ptinf WHERE hospnum = 2 AND ptid >= 1001") == "100");
    // Patient numbers unique per facility, one per patient.
    CPPUNIT_ASSERT_EQUAL(scalar(*c, "SELECT count(*) FROM tbl_ptinf"),
                         scalar(*c, "SELECT count(DISTINCT (hospnum, ptnum)) FROM tbl_ptnum"));
    // National insurance: 6-digit insurer numbers; late-elderly: 039, 8 digits, no symbol.
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE hknnum = '060' AND "
                                    "trim(hknjanum) !~ '^[0-9]{6}$'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE hknnum = '039' AND "
                                    "(hknjanum !~ '^39[0-9]{6}$' OR kigo IS NOT NULL)"));
    CPPUNIT_ASSERT(scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE hknnum = '039'") != "0");
    // Dependents share the card of an insured person.
    CPPUNIT_ASSERT(scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE honkzkkbn = '2' AND ptid >= 1001") ==
                   std::to_string(st.dependents));
    // Twins: two patients, same card and birthday.
    CPPUNIT_ASSERT(std::stoi(scalar(*c,
        "SELECT count(*) FROM (SELECT h.hospnum, hknjanum, kigo, num, birthday FROM tbl_pthkninf h "
        "JOIN tbl_ptinf p USING (hospnum, ptid) WHERE honkzkkbn = '2' GROUP BY 1, 2, 3, 4, 5 "
        "HAVING count(*) >= 2) t")) >= st.twin_pairs);
    // Same name and birthdate, different patients.
    CPPUNIT_ASSERT(std::stoi(scalar(*c,
        "SELECT count(*) FROM (SELECT hospnum, name, birthday FROM tbl_ptinf WHERE ptid >= 1001 "
        "GROUP BY 1, 2, 3 HAVING count(*) >= 2) t")) >= st.same_name_pairs);
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.public_assistance),
                         scalar(*c, "SELECT count(*) FROM tbl_ptkohinf WHERE kohnum = '012' AND ptid >= 1001"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.test_patients + 1),
                         scalar(*c, "SELECT count(*) FROM tbl_ptinf WHERE tstptnumkbn = '1'"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.reservations),
                         scalar(*c, "SELECT count(*) FROM tbl_yyk WHERE yykymd = '20250613'"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(st.receptions),
                         scalar(*c, "SELECT count(*) FROM tbl_uketuke WHERE ukeymd = '20250612'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_uketuke u WHERE u.name IS NULL"));
    // Insurer numbers carry a valid check digit.
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c,
        "SELECT count(*) FROM tbl_pthkninf h, LATERAL (SELECT trim(h.hknjanum) AS n) x, "
        "LATERAL (SELECT sum(((d * w) / 10) + ((d * w) % 10)) AS s FROM ("
        "  SELECT substr(n, length(n) - i, 1)::int AS d, CASE WHEN i % 2 = 1 THEN 2 ELSE 1 END AS w "
        "  FROM generate_series(1, length(n) - 1) i) q) c "
        "WHERE h.ptid >= 1001 AND right(n, 1)::int <> (10 - c.s % 10) % 10"));
  }

  void testSamplePeopleLinkable() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    auto by_ptnum = [&](const std::string& ptnum, const std::string& column) {
      return scalar(*c, "SELECT " + column + " FROM tbl_ptnum n JOIN tbl_ptinf p USING (hospnum, ptid) "
                        "LEFT JOIN tbl_pthkninf h USING (hospnum, ptid) WHERE n.hospnum = 1 AND "
                        "trim(n.ptnum) = '" + ptnum + "'");
    };
    // Reference numbers of the fixtures are patient numbers.
    CPPUNIT_ASSERT_EQUAL(std::string("19751111"), by_ptnum("000123", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(std::string("138999|202"), by_ptnum("000123", "trim(h.hknjanum) || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999|5678|1001"),
                         by_ptnum("000124", "h.hknjanum || '|' || h.kigo || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("39139999|00998877"), by_ptnum("000125", "h.hknjanum || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("19920202"), by_ptnum("000126", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(std::string("19810101"), by_ptnum("000127", "p.birthday"));
    CPPUNIT_ASSERT_EQUAL(std::string("2233"), by_ptnum("000128", "h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("101"), by_ptnum("000129", "h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("00777777"), by_ptnum("000130", "h.num"));
    // Drug/checkup request patient ids 101 and 102.
    CPPUNIT_ASSERT_EQUAL(std::string("19800415|56789"), by_ptnum("000101", "p.birthday || '|' || h.num"));
    CPPUNIT_ASSERT_EQUAL(std::string("2|1122"), by_ptnum("000102", "h.honkzkkbn || '|' || h.num"));
    // Card check-ins by insurance keys (face/ files): one living, non-test patient each.
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
          "WHERE h.hospnum = 1 AND trim(h.hknjanum) = $1 AND h.kigo = $2 AND h.num = $3 "
          "AND p.birthday = $4 AND p.tstptnumkbn <> '1'",
          {k[0], k[1], k[2], k[3]});
      CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(k[2]), 1, r.rows());
    }
    // Late-elderly sample person: no symbol; public assistance sample person: ticket 1234567.
    CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c,
        "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND hknjanum = '39139999' AND "
        "num = '00123456' AND kigo IS NULL"));
    CPPUNIT_ASSERT_EQUAL(std::string("106"), scalar(*c,
        "SELECT ptid FROM tbl_ptkohinf WHERE hospnum = 1 AND ftnjanum = '12139999' AND "
        "trim(jkysnum) = '1234567'"));
    // The test patient shares a card with a real one; the twins share one card and birthday.
    CPPUNIT_ASSERT_EQUAL(std::string("2"), scalar(*c,
        "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND hknjanum = '06139999' AND "
        "kigo = '1234' AND num = '56789'"));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), scalar(*c,
        "SELECT count(*) FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid) WHERE "
        "h.hospnum = 1 AND num = '99001' AND honkzkkbn = '2' AND p.birthday = '20150505'"));
    // The bulk pre-check people come tomorrow.
    CPPUNIT_ASSERT_EQUAL(std::string("3"), scalar(*c,
        "SELECT count(*) FROM tbl_yyk WHERE hospnum = 1 AND yykymd = '20250613' AND ptid IN (124, 126, 127)"));
  }

  void testBranchNumbersAfterMigration() {
    {
      // An older host gets no branch numbers from the seed (it has no column for them).
      TestDatabase tdb(HostSchema::seeded);
      auto c = tdb.connect();
      CPPUNIT_ASSERT_EQUAL(std::string("f"), scalar(*c,
          "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
          "table_name = 'tbl_pthkninf' AND column_name = 'edaban')"));
    }
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    db::migrate(*c);
    c->exec(generate_seed_sql(options(5, 200)));
    CPPUNIT_ASSERT_EQUAL(std::string("01"),
                         scalar(*c, "SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 123"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE hknnum = '039' AND edaban IS NOT NULL"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(edaban) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid IN (115, 116)"));
    const int known = std::stoi(scalar(*c, "SELECT count(edaban) FROM tbl_pthkninf WHERE ptid >= 1001"));
    const int all = std::stoi(scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE ptid >= 1001 AND hknnum <> '039'"));
    CPPUNIT_ASSERT(known > all / 2 && known < all);  // most known, some unknown
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SeedTest);

}  // namespace onshi::test
