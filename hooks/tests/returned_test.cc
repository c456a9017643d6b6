// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_returned (ABI 8; ORCA's P033 "returned vs registered"): every field a result
// carries with a code's meaning (a short-term card and a certificate of qualification shown as
// such, Sex2, preschool, reason of loss, other name), beside the host's value and whether they
// differ; every result of the same answer for the person to choose from.
#include <cppunit/extensions/HelperMacros.h>

#include <map>

#include "hook_test_support.h"

namespace onshi::test {

class ReturnedHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ReturnedHookTest);
  CPPUNIT_TEST(testEveryFieldBesideTheRegisteredOne);
  CPPUNIT_TEST(testResultsOfTheSameAnswer);
  CPPUNIT_TEST_SUITE_END();

  struct Item {
    std::string label, returned, meaning, registered, differs;
  };

  static std::map<std::string, Item> items(const onshi_link_returned_rec& rec) {
    std::map<std::string, Item> out;
    for (long long i = 0; i < num(rec.item_count); ++i)
      out[get(rec.item[i].item)] = {get(rec.item[i].label), get(rec.item[i].returned),
                                    get(rec.item[i].meaning), get(rec.item[i].registered),
                                    get(rec.item[i].differs)};
    return out;
  }

  static int call(HookFixture& f, const std::string& id, onshi_link_returned_rec& rec,
                  onshi_link_ctl_rec& ctl, const std::string& lang = "en") {
    blank(rec);
    put(rec.confirmation_id, id);
    ctl = f.ctl("clerk1", lang);
    return f.call("onshi_link_returned", ctl, rec);
  }

  static std::string taro_result(HookFixture& f) {
    f.check_in("taro");
    return f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 101 "
        "AND link_state = 'linked'");
  }

 public:
  void testEveryFieldBesideTheRegisteredOne() {
    HookFixture f;
    const std::string id = taro_result(f);
    // A short-term card (03) with another number; the fields only some results carry.
    f.conn().exec(
        "UPDATE onshi_confirmation SET card_classification = '03', card_number = '424242', "
        "returned = returned || '{\"InsuredCardClassification\": \"03\", \"NameOfOther\": "
        "\"テスト　タロ\", \"Sex2\": \"2\", \"PreschoolClassification\": \"1\", "
        "\"ReasonOfLoss\": \"03\", \"DisqualificationDate\": \"20250930\"}' "
        "WHERE confirmation_id = " +
        id);
    onshi_link_returned_rec rec;
    onshi_link_ctl_rec ctl;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, call(f, id, rec, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6195"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(101LL, num(rec.ptid));
    std::map<std::string, Item> m = items(rec);
    CPPUNIT_ASSERT_EQUAL(std::string("03|Short-term insurance card (general)"),
                         m["card_class"].returned + "|" + m["card_class"].meaning);
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　タロ"), m["name_other"].returned);
    CPPUNIT_ASSERT_EQUAL(std::string("2|Female"), m["sex2"].returned + "|" + m["sex2"].meaning);
    CPPUNIT_ASSERT_EQUAL(std::string("Preschool child"), m["preschool"].meaning);
    CPPUNIT_ASSERT_EQUAL(std::string("03|Acquired other medical insurance"),
                         m["loss_reason"].returned + "|" + m["loss_reason"].meaning);
    CPPUNIT_ASSERT_EQUAL(std::string("20250930"), m["disqualified"].returned);
    // Beside the host's values: the number differs, the name and birthdate do not.
    CPPUNIT_ASSERT_EQUAL(std::string("424242|1"), m["number"].returned + "|" + m["number"].differs);
    CPPUNIT_ASSERT(!m["number"].registered.empty());
    CPPUNIT_ASSERT_EQUAL(f.value("SELECT rtrim(name) FROM tbl_ptinf WHERE hospnum = 1 AND "
                                 "ptid = 101"),
                         m["name"].registered);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), m["name"].differs);
    CPPUNIT_ASSERT_EQUAL(m["birthdate"].registered, m["birthdate"].returned);
    CPPUNIT_ASSERT_EQUAL(std::string("Card class"), m["card_class"].label);
    // In Japanese for the Japanese screen; a 資格証明書 (05) named as such.
    f.conn().exec(
        "UPDATE onshi_confirmation SET card_classification = '05' WHERE confirmation_id = " + id);
    CPPUNIT_ASSERT_EQUAL(0, call(f, id, rec, ctl, "ja"));
    m = items(rec);
    CPPUNIT_ASSERT_EQUAL(std::string("被保険者資格証明書（特別療養費）"), m["card_class"].meaning);
    CPPUNIT_ASSERT_EQUAL(std::string("被保険者証区分"), m["card_class"].label);
    // A character an EUC-JP host cannot hold was kept in the UTF-8 copy: that copy is shown.
    const std::string copy = "{\"NameOfOther\": \"𠮷野　太郎\"}";
    std::string hex;
    for (unsigned char c : copy) {
      static const char* const digits = "0123456789abcdef";
      hex += digits[c >> 4];
      hex += digits[c & 15];
    }
    f.conn().exec("UPDATE onshi_confirmation SET returned_utf8 = decode('" + hex +
                  "', 'hex') WHERE confirmation_id = " + id);
    CPPUNIT_ASSERT_EQUAL(0, call(f, id, rec, ctl, "ja"));
    CPPUNIT_ASSERT_EQUAL(std::string("𠮷野　太郎"), items(rec)["name_other"].returned);
    // Only itself in its answer; an unknown result is refused.
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.result_count));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.result[0].chosen));
    CPPUNIT_ASSERT_EQUAL(8, call(f, "999999", rec, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6009"), get(ctl.msgid));
  }

  void testResultsOfTheSameAnswer() {
    // Several qualifications of one person in one answer: every one listed, in the order
    // returned, each selectable; another person's result of the same file is not.
    HookFixture f;
    const std::string id = taro_result(f);
    const std::string cols = f.value(
        "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM "
        "information_schema.columns WHERE table_name = 'onshi_confirmation' AND column_name NOT "
        "IN ('confirmation_id', 'result_index', 'card_number', 'birthdate', 'insurer_number')");
    const std::string second =
        f.value("INSERT INTO onshi_confirmation (" + cols +
                ", result_index, card_number, birthdate, insurer_number) SELECT " + cols +
                ", result_index + 1, '777', birthdate, '06139998' FROM onshi_confirmation "
                "WHERE confirmation_id = " +
                id + " RETURNING confirmation_id");
    f.value("INSERT INTO onshi_confirmation (" + cols +
            ", result_index, card_number, birthdate, insurer_number) SELECT " + cols +
            ", result_index + 2, '888', '20010101', insurer_number FROM onshi_confirmation "
            "WHERE confirmation_id = " +
            id + " RETURNING confirmation_id");
    onshi_link_returned_rec rec;
    onshi_link_ctl_rec ctl;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, call(f, second, rec, ctl));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.result_count));
    CPPUNIT_ASSERT_EQUAL(std::stoll(id), num(rec.result[0].confirmation_id));
    CPPUNIT_ASSERT_EQUAL(std::string("0|1"),
                         get(rec.result[0].chosen) + "|" + get(rec.result[1].chosen));
    CPPUNIT_ASSERT_EQUAL(std::string("777|06139998"),
                         get(rec.result[1].number) + "|" + get(rec.result[1].insurer));
    CPPUNIT_ASSERT_EQUAL(std::string("777"), items(rec)["number"].returned);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReturnedHookTest);

}  // namespace onshi::test
