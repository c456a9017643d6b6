// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Writers for every request kind, both encodings; every fixture survives read -> write -> read.
#include "xml/writer.h"

#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>

#include "common/error.h"
#include "json/document_json.h"
#include "support/fixtures.h"
#include "text/encoding.h"
#include "xml/reader.h"

namespace onshi::test {

using model::Document;
using model::Encoding;
using model::MessageKind;

namespace {

const char* const kMic = "1312345678";

model::QualificationConfirmSearchInfo search(const char* insurer, const char* symbol,
                                             const char* number, const char* branch,
                                             const char* birth, const char* ai) {
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = insurer;
  if (symbol) s.InsuredCardSymbol = symbol;
  s.InsuredIdentificationNumber = number;
  if (branch) s.InsuredBranchNumber = branch;
  s.Birthdate = birth;
  s.LimitApplicationCertificateRelatedConsFlg = "1";
  if (ai) s.ArbitraryIdentifier = ai;
  return s;
}

model::ReferenceNumberRegistrationInfo registration(const char* ref, const char* insurer,
                                                    const char* symbol, const char* number,
                                                    const char* branch) {
  model::ReferenceNumberRegistrationInfo r;
  r.ReferenceNumber = ref;
  r.InsurerNumber = insurer;
  if (symbol) r.InsuredCardSymbol = symbol;
  r.InsuredIdentificationNumber = number;
  if (branch) r.InsuredBranchNumber = branch;
  return r;
}

/// One document of every request kind, built through the typed model.
std::vector<Document> every_request() {
  std::vector<Document> out;
  {
    Document d = Document::make(MessageKind::OQSsiquc01req);
    d.header.QualificationConfirmationDate = "20250612";
    d.header.MedicalInstitutionCode = kMic;
    d.header.ArbitraryFileIdentifier = "onshi-1-42";
    d.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo =
        search("138999", "千架", "101", "", "19520920", "000123");
    out.push_back(std::move(d));
  }
  {
    Document d = Document::make(MessageKind::OQSsiimm01req);
    d.header.MedicalInstitutionCode = kMic;
    d.header.ArbitraryFileIdentifier = "onshi-1-43";
    d.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo =
        registration("000124", "06139999", "5678", "1001", "01");
    out.push_back(std::move(d));
  }
  {
    Document d = Document::make(MessageKind::OQSmuquc01req);
    d.header.QualificationConfirmationDate = "20250613";
    d.header.MedicalInstitutionCode = kMic;
    d.header.ArbitraryFileIdentifier = "202506120009";
    auto& list = d.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
    list.push_back(search("06139999", "5678", "1001", "01", "19780808", "000124_1"));
    list.push_back(search("39139999", nullptr, "00123456", nullptr, "19440310", "000125_1"));
    list.push_back(search("138999", "千架", "101", "00", "19520920", "000126_1"));
    out.push_back(std::move(d));
  }
  for (MessageKind k : {MessageKind::OQSmuquc02req, MessageKind::OQSmuimm02req}) {
    Document d = Document::make(k);
    d.header.MedicalInstitutionCode = kMic;
    d.as<model::ReceptionBody>().ReceptionNumber = "20250612103015123_7021";
    out.push_back(std::move(d));
  }
  {
    Document d = Document::make(MessageKind::OQSmuimm01req);
    d.header.MedicalInstitutionCode = kMic;
    d.header.ArbitraryFileIdentifier = "202506120012";
    auto& list =
        d.as<model::BulkReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo;
    list.push_back(registration("000128", "06139999", "1234", "56789", "00"));
    list.push_back(registration("000129", "138999", "千架", "101", "01"));
    list.push_back(registration("000130", "39139999", nullptr, "00123456", nullptr));
    out.push_back(std::move(d));
  }
  for (MessageKind k : {MessageKind::YZKsiquc01req, MessageKind::TKKsiquc01req}) {
    Document d = Document::make(k);
    d.header.MedicalInstitutionCode = kMic;
    d.header.InsurerNumber = "138999";
    d.header.InsuranceCardSymbol = "千架";
    d.header.InsuredPersonIdentificationNumber = "101";
    d.header.BranchNumber = "01";
    d.header.ArbitraryFileIdentifier = "101";
    auto& b = d.as<model::MedicalInfoRequestBody>();
    if (k == MessageKind::YZKsiquc01req) {
      b.StartDate = "202504";
      b.EndDate = "202506";
    }
    b.FileCategory = "2";
    b.PrDiInfClassification = "1";
    b.MedicalTreatmentFlag = "1";
    out.push_back(std::move(d));
  }
  return out;
}

/// JSON view without the encoding member, for comparing documents across encodings.
std::string view(const Document& d) {
  json::Value v = json::document_to_json(d);
  auto& o = v.as_object();
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it->first == "encoding") {
      o.erase(it);
      break;
    }
  return json::dump(v);
}

}  // namespace

class WriterTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WriterTest);
  CPPUNIT_TEST(testEveryRequestKindRoundTrips);
  CPPUNIT_TEST(testDeclarationAndPadding);
  CPPUNIT_TEST(testFixturesRoundTrip);
  CPPUNIT_TEST(testRefusesInvalidDocuments);
  CPPUNIT_TEST(testRefusesUnrepresentableCharacters);
  CPPUNIT_TEST(testEscaping);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryRequestKindRoundTrips() {
    std::vector<Document> docs = every_request();
    CPPUNIT_ASSERT_EQUAL(std::size_t{8}, docs.size());  // every request kind
    for (const Document& d : docs) {
      for (Encoding enc : {Encoding::utf8, Encoding::cp932}) {
        std::string bytes = xml::write_document(d, enc);
        std::string name = model::request_file_name(d.kind, model::make_request_id("20250612", 7));
        CPPUNIT_ASSERT(model::classify_file_name(name).kind == d.kind);
        Document back = xml::read_document(bytes, d.kind, name);
        CPPUNIT_ASSERT(back.encoding == enc);
        std::string expected = view(d);
        // The writer pads 6-digit insurer numbers: compare with the padded form.
        std::size_t p;
        while ((p = expected.find("\"138999\"")) != std::string::npos)
          expected.replace(p, 8, "\"  138999\"");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(model::kind_name(d.kind), expected, view(back));
      }
    }
  }

  void testDeclarationAndPadding() {
    Document d = every_request()[0];
    std::string utf8 = xml::write_document(d, Encoding::utf8);
    CPPUNIT_ASSERT_EQUAL(
        0, static_cast<int>(utf8.find(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<XmlMsg>")));
    CPPUNIT_ASSERT(utf8.find("<InsurerNumber>  138999</InsurerNumber>") != std::string::npos);
    CPPUNIT_ASSERT(utf8.find("<InsuredBranchNumber></InsuredBranchNumber>") != std::string::npos);
    CPPUNIT_ASSERT(utf8.find("<InsuredCardSymbol>千架</InsuredCardSymbol>") != std::string::npos);
    std::string sjis = xml::write_document(d, Encoding::cp932);
    CPPUNIT_ASSERT_EQUAL(
        0, static_cast<int>(
               sjis.find("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>")));
    CPPUNIT_ASSERT(sjis.find(text::utf8_to_cp932("千架")) != std::string::npos);
    CPPUNIT_ASSERT(sjis.find("千架") == std::string::npos);
    CPPUNIT_ASSERT_EQUAL(utf8, text::cp932_to_utf8(sjis, "t").replace(30, 9, "UTF-8"));
    // Omitted optional elements stay omitted.
    Document late = every_request()[2];
    std::string bulk = xml::write_document(late, Encoding::utf8);
    std::size_t second = bulk.find("<InsurerNumber>39139999</InsurerNumber>");
    CPPUNIT_ASSERT(second != std::string::npos);
    std::size_t third = bulk.find("</QualificationConfirmSearchInfo>", second);
    CPPUNIT_ASSERT(bulk.substr(second, third - second).find("InsuredBranchNumber") ==
                   std::string::npos);
  }

  void testFixturesRoundTrip() {
    int n = 0;
    for (const Expectation& e : load_expectations()) {
      if (!e.accept) continue;
      Document d = xml::read_file(fixtures_dir() + "/" + e.file);
      if (d.is_pdf) continue;
      for (Encoding enc : {Encoding::utf8, Encoding::cp932}) {
        Document copy = d;
        copy.header.CharacterCodeIdentifier.reset();
        if (d.header.CharacterCodeIdentifier)
          copy.header.CharacterCodeIdentifier = enc == Encoding::utf8 ? "0" : "1";
        Document back = xml::read_document(xml::write_document(copy, enc), d.kind, e.file);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, view(copy), view(back));
        ++n;
      }
    }
    CPPUNIT_ASSERT(n >= 90);
  }

  void testRefusesInvalidDocuments() {
    Document d = Document::make(MessageKind::OQSmuquc02req);
    d.header.MedicalInstitutionCode = kMic;
    CPPUNIT_ASSERT_THROW(xml::write_document(d, Encoding::utf8),
                         ValidationError);  // no ReceptionNumber
    Document s = every_request()[0];
    s.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo->Birthdate = "20230231";
    CPPUNIT_ASSERT_THROW(xml::write_document(s, Encoding::utf8), ValidationError);
    Document r = every_request()[1];
    r.as<model::ReferenceRegistrationRequestBody>()
        .ReferenceNumberRegistrationInfo->ReferenceNumber = std::string(51, '1');
    CPPUNIT_ASSERT_THROW(xml::write_document(r, Encoding::utf8), ValidationError);
    Document f = Document::make(MessageKind::OQSsiquc01res_face);
    f.header.MedicalInstitutionCode = kMic;
    f.header.SegmentOfResult = "9";
    f.header.CharacterCodeIdentifier = "0";
    CPPUNIT_ASSERT_THROW(xml::write_document(f, Encoding::cp932), EncodeError);  // CCI contradicts
    CPPUNIT_ASSERT_NO_THROW(xml::write_document(f, Encoding::utf8));
  }

  void testRefusesUnrepresentableCharacters() {
    Document d = every_request()[0];
    d.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo->InsuredCardSymbol =
        "𠮷";
    CPPUNIT_ASSERT_NO_THROW(xml::write_document(d, Encoding::utf8));
    CPPUNIT_ASSERT_THROW(xml::write_document(d, Encoding::cp932), EncodeError);
    d.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo->InsuredCardSymbol =
        "a\x01";
    CPPUNIT_ASSERT_THROW(xml::write_document(d, Encoding::utf8), EncodeError);
  }

  void testEscaping() {
    Document d = every_request()[0];
    d.header.ArbitraryFileIdentifier = "a&b<c>d\r\n";
    Document back = xml::read_document(xml::write_document(d, Encoding::utf8), d.kind, "t");
    CPPUNIT_ASSERT_EQUAL(std::string("a&b<c>d\r\n"), *back.header.ArbitraryFileIdentifier);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WriterTest);

}  // namespace onshi::test
