// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "model/validate.h"

#include <cppunit/extensions/HelperMacros.h>

#include "common/error.h"

namespace onshi::test {

using model::Format;
using model::Rule;

class ValidateTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ValidateTest);
  CPPUNIT_TEST(testDates);
  CPPUNIT_TEST(testDateTimes);
  CPPUNIT_TEST(testMonths);
  CPPUNIT_TEST(testRules);
  CPPUNIT_TEST(testRequiredAndPaths);
  CPPUNIT_TEST(testKindRules);
  CPPUNIT_TEST_SUITE_END();

  static model::Document valid_face() {
    model::Document d = model::Document::make(model::MessageKind::OQSsiquc01res_face);
    d.header.MedicalInstitutionCode = "1312345678";
    d.header.SegmentOfResult = "1";
    d.header.CharacterCodeIdentifier = "0";
    auto& b = d.as<model::QualificationResultBody>();
    b.ProcessingResultStatus = "1";
    b.QualificationValidity = "1";
    auto& r = b.Results.emplace_back();
    r.InsuredCardClassification = "01";
    r.Name = "テスト　太郎";
    r.Sex1 = "1";
    r.Birthdate = "19800415";
    r.InsurerName = "架空健康保険組合";
    return d;
  }

  static std::string error_of(const model::Document& d) {
    try {
      model::validate(d);
    } catch (const ValidationError& e) {
      return e.what();
    }
    return "";
  }

 public:
  void testDates() {
    CPPUNIT_ASSERT(model::is_valid_date8("20240229"));
    CPPUNIT_ASSERT(model::is_valid_date8("20000229"));
    CPPUNIT_ASSERT(!model::is_valid_date8("19000229"));
    CPPUNIT_ASSERT(!model::is_valid_date8("20230229"));
    CPPUNIT_ASSERT(!model::is_valid_date8("20230231"));
    CPPUNIT_ASSERT(!model::is_valid_date8("20231301"));
    CPPUNIT_ASSERT(!model::is_valid_date8("20230100"));
    CPPUNIT_ASSERT(!model::is_valid_date8("2023011"));
    CPPUNIT_ASSERT(!model::is_valid_date8("2023-1-1"));
    CPPUNIT_ASSERT(!model::is_valid_date8("00000000"));
    CPPUNIT_ASSERT(model::is_valid_date8("20251231"));
  }

  void testDateTimes() {
    CPPUNIT_ASSERT(model::is_valid_datetime14("20250612091503"));
    CPPUNIT_ASSERT(model::is_valid_datetime14("20250612235959"));
    CPPUNIT_ASSERT(!model::is_valid_datetime14("20250612240000"));
    CPPUNIT_ASSERT(!model::is_valid_datetime14("20250612096000"));
    CPPUNIT_ASSERT(!model::is_valid_datetime14("20250231091503"));
    CPPUNIT_ASSERT(!model::is_valid_datetime14("202506120915"));
  }

  void testMonths() {
    CPPUNIT_ASSERT(model::is_valid_month6("202504"));
    CPPUNIT_ASSERT(!model::is_valid_month6("202513"));
    CPPUNIT_ASSERT(!model::is_valid_month6("202500"));
    CPPUNIT_ASSERT(!model::is_valid_month6("20250"));
  }

  void testRules() {
    static const char* const codes[] = {"01", "A1", nullptr};
    Rule code;
    code.format = Format::code;
    code.codes = codes;
    CPPUNIT_ASSERT(model::check_value(code, "A1").empty());
    CPPUNIT_ASSERT(!model::check_value(code, "1").empty());
    Rule insurer;
    insurer.format = Format::insurer_number;
    CPPUNIT_ASSERT(model::check_value(insurer, "  138999").empty());
    CPPUNIT_ASSERT(model::check_value(insurer, "138999").empty());
    CPPUNIT_ASSERT(model::check_value(insurer, "06139999").empty());
    CPPUNIT_ASSERT(!model::check_value(insurer, "0613999").empty());
    CPPUNIT_ASSERT(!model::check_value(insurer, "138 999").empty());
    CPPUNIT_ASSERT(!model::check_value(insurer, "   138999").empty());
    Rule post;
    post.format = Format::post_number;
    CPPUNIT_ASSERT(model::check_value(post, "100-0001").empty());
    CPPUNIT_ASSERT(model::check_value(post, "1000001").empty());
    CPPUNIT_ASSERT(!model::check_value(post, "100-00011").empty());
    Rule len;
    len.max_len = 4;
    CPPUNIT_ASSERT(model::check_value(len, "千架千架").empty());  // characters, not bytes
    CPPUNIT_ASSERT(!model::check_value(len, "千架千架千").empty());
    Rule any;
    CPPUNIT_ASSERT(!model::check_value(any, std::string(model::kMaxTextBytes + 1, 'x')).empty());
  }

  void testRequiredAndPaths() {
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_of(valid_face()));
    model::Document d = valid_face();
    d.as<model::QualificationResultBody>().Results[0].Birthdate.reset();
    CPPUNIT_ASSERT_EQUAL(std::string("Results[0].Birthdate: required element missing or empty"),
                         error_of(d));
    d = valid_face();
    d.as<model::QualificationResultBody>().Results[0].Sex1 = "9";
    CPPUNIT_ASSERT(error_of(d).find("Results[0].Sex1: not a known code") == 0);
    d = valid_face();
    d.as<model::QualificationResultBody>()
        .Results[0]
        .LimitApplicationCertificateRelatedInfo.emplace()
        .LimitApplicationCertificateValidEndDate = "20260431";
    CPPUNIT_ASSERT(error_of(d).find("Results[0].LimitApplicationCertificateRelatedInfo."
                                    "LimitApplicationCertificateValidEndDate") == 0);
    d = valid_face();
    d.header.MedicalInstitutionCode = "131234567";
    CPPUNIT_ASSERT(error_of(d).find("MessageHeader.MedicalInstitutionCode: shorter") == 0);
    d = valid_face();
    d.as<model::QualificationResultBody>().Results[0].InsuredBranchNumber =
        "";  // present, empty: fine
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_of(d));
    // The refusal names the element and the rule, never the value (refusals are logged).
    d = valid_face();
    d.as<model::QualificationResultBody>().Results[0].Birthdate = "19801399";
    CPPUNIT_ASSERT_EQUAL(std::string("Results[0].Birthdate: not a real calendar date YYYYMMDD"),
                         error_of(d));
    d = valid_face();
    d.as<model::QualificationResultBody>().Results[0].PostNumber = "1000-001";
    CPPUNIT_ASSERT(error_of(d).find("1000-001") == std::string::npos);
  }

  void testKindRules() {
    model::Document d = valid_face();
    d.as<model::QualificationResultBody>().QualificationValidity.reset();
    CPPUNIT_ASSERT(error_of(d).find("MessageBody.QualificationValidity") == 0);
    d.as<model::QualificationResultBody>().ProcessingResultStatus =
        "2";  // error result: no validity
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_of(d));
    d.header.SegmentOfResult = "9";  // failed file: body may be empty
    d.as<model::QualificationResultBody>() = {};
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_of(d));
    // doc/decisions.md 9: an unknown segment is "failed", not a parse error.
    d.header.SegmentOfResult = "5";
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_of(d));

    model::Document req = model::Document::make(model::MessageKind::YZKsiquc01req);
    req.header.MedicalInstitutionCode = "1312345678";
    req.header.InsurerNumber = "06139999";
    req.header.InsuredPersonIdentificationNumber = "56789";
    auto& body = req.as<model::MedicalInfoRequestBody>();
    body.FileCategory = "2";
    body.StartDate = "202506";
    body.EndDate = "202504";
    CPPUNIT_ASSERT(error_of(req).find("MessageBody.StartDate: after EndDate") == 0);
    body.EndDate.reset();
    CPPUNIT_ASSERT(error_of(req).find("MessageBody.EndDate") == 0);

    model::Document bulk = model::Document::make(model::MessageKind::OQSmuquc01req);
    bulk.header.MedicalInstitutionCode = "1312345678";
    bulk.header.QualificationConfirmationDate = "20250613";
    CPPUNIT_ASSERT(error_of(bulk).find("at least one person") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ValidateTest);

}  // namespace onshi::test
