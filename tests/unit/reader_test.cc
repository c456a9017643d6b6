// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The hardened reader: by-name parsing, project decisions, limits, hostile input.
#include "xml/reader.h"

#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "support/fixtures.h"

namespace onshi::test {

using model::MessageKind;

namespace {

const char* const kFaceName =
    "OQSsiquc01res_face_1312345678aaaaaaaaaaaaaaaaaaaa_20250612091503.xml";

std::string result_block(const std::string& extra = "", const std::string& name = "テスト　太郎") {
  return "<ResultOfQualificationConfirmation><InsuredCardClassification>01</"
         "InsuredCardClassification>"
         "<Name>" +
         name +
         "</Name><Sex1>1</Sex1><Birthdate>19800415</Birthdate>"
         "<InsurerName>架空健康保険組合</InsurerName>" +
         extra + "</ResultOfQualificationConfirmation>";
}

std::string face(const std::string& body_inner, const std::string& prolog = "",
                 const std::string& cci = "0") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + prolog +
         "<XmlMsg><MessageHeader><ProcessExecutionTime>20250612091503</ProcessExecutionTime>"
         "<CharacterCodeIdentifier>" +
         cci +
         "</CharacterCodeIdentifier>"
         "<SegmentOfResult>1</SegmentOfResult><MedicalInstitutionCode>1312345678</"
         "MedicalInstitutionCode>"
         "</MessageHeader><MessageBody><ProcessingResultStatus>1</ProcessingResultStatus>"
         "<QualificationValidity>1</QualificationValidity>" +
         body_inner + "</MessageBody></XmlMsg>\n";
}

std::string face_with_results(int n) {
  std::string list = "<ResultList>";
  for (int i = 0; i < n; ++i) list += result_block();
  return face(list + "</ResultList>");
}

model::Document read_face(const std::string& xml, const xml::ReadOptions& o = {}) {
  return xml::read_document(xml, MessageKind::OQSsiquc01res_face, "test.xml", o);
}

std::string refusal(const std::string& bytes, MessageKind kind = MessageKind::OQSsiquc01res_face,
                    const xml::ReadOptions& o = {}) {
  try {
    xml::read_document(bytes, kind, "test.xml", o);
  } catch (const RefusedError& e) {
    return refusal_kind_name(e.kind());
  }
  return "accepted";
}

/// Kind, detail and offset of a refusal ("accepted" as the kind when the bytes were accepted).
struct Refusal {
  std::string kind = "accepted";
  std::string detail;
  std::size_t offset = RefusedError::npos;
};

Refusal refusal_of(const std::string& bytes, MessageKind kind = MessageKind::OQSsiquc01res_face) {
  Refusal r;
  try {
    xml::read_document(bytes, kind, "test.xml");
  } catch (const RefusedError& e) {
    r.kind = refusal_kind_name(e.kind());
    r.detail = e.detail();
    r.offset = e.offset();
  }
  return r;
}

/// ASCII text as UTF-16 code units (little- or big-endian), optionally with a byte-order mark.
std::string ascii_to_utf16(std::string_view ascii, bool big_endian, bool bom) {
  std::string out;
  if (bom) out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}

const model::QualificationResultBody& qbody(const model::Document& d) {
  return d.as<model::QualificationResultBody>();
}

}  // namespace

class ReaderTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ReaderTest);
  CPPUNIT_TEST(testTypedAccessAndConsents);
  CPPUNIT_TEST(testDirectChildrenOnly);
  CPPUNIT_TEST(testAbsentVersusEmpty);
  CPPUNIT_TEST(testPrescriptionIssueSelectBothPlaces);
  CPPUNIT_TEST(testSpecificDiseasesFlatRepetition);
  CPPUNIT_TEST(testBulkResultsWithAndWithoutResultList);
  CPPUNIT_TEST(testEntitiesAndCdata);
  CPPUNIT_TEST(testDoctypeRefusedWithoutReadingAnything);
  CPPUNIT_TEST(testRefusalLineSaysEachThingOnce);
  CPPUNIT_TEST(testUndeclaredEntityRefused);
  CPPUNIT_TEST(testResultCountLimit);
  CPPUNIT_TEST(testDepthAndTextLimits);
  CPPUNIT_TEST(testSizeLimitBeforeParsing);
  CPPUNIT_TEST(testStructureRefusals);
  CPPUNIT_TEST(testCharacterCodeIdentifierCrossCheck);
  CPPUNIT_TEST(testShiftJisDocument);
  CPPUNIT_TEST(testPdf);
  CPPUNIT_TEST(testReadFileRules);
  CPPUNIT_TEST(testUtf16BytesRefusedWhateverTheDeclaration);
  CPPUNIT_TEST(testNulByteRefusedNeverTruncated);
  CPPUNIT_TEST(testMisplacedKnownBlockRefused);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTypedAccessAndConsents() {
    model::Document d = xml::read_file(
        fixtures_dir() +
        "/face/OQSsiquc01res_face_131234567858c208ba06ff3c483df0_20250612091503.xml");
    CPPUNIT_ASSERT(d.kind == MessageKind::OQSsiquc01res_face);
    const auto& r = qbody(d).Results.at(0);
    CPPUNIT_ASSERT_EQUAL(std::string("ﾃｽﾄ ﾀﾛｳ"), *r.NameKana);
    bool found = false;
    for (const model::Consent& c : r.consents()) {
      if (std::string(c.type) != "pharmacists") continue;
      found = true;
      CPPUNIT_ASSERT_EQUAL(std::string("1"), **c.flag);
      CPPUNIT_ASSERT_EQUAL(std::string("20250612091450"), **c.time);
      CPPUNIT_ASSERT_EQUAL(std::string("20250613091450"), **c.available_until);
    }
    CPPUNIT_ASSERT(found);
    CPPUNIT_ASSERT(!r.LimitApplicationCertificateRelatedInfo);
  }

  void testDirectChildrenOnly() {
    // A decoy Name inside an unknown block comes first; it must not be read.
    std::string xml = face(
        "<ResultList><ResultOfQualificationConfirmation>"
        "<ExtensionInfo><Name>偽物</Name><Birthdate>19000101</Birthdate></ExtensionInfo>"
        "<InsuredCardClassification>01</InsuredCardClassification><Sex1>1</Sex1>"
        "<InsurerName>x</InsurerName><Birthdate>19881212</Birthdate><Name>本物</Name>"
        "<FutureConsentFlg>1</FutureConsentFlg>"
        "</ResultOfQualificationConfirmation></ResultList><UnknownBody a=\"1\"/>");
    model::Document d = read_face(xml);
    CPPUNIT_ASSERT_EQUAL(std::string("本物"), *qbody(d).Results.at(0).Name);
    CPPUNIT_ASSERT_EQUAL(std::string("19881212"), *qbody(d).Results.at(0).Birthdate);
  }

  void testAbsentVersusEmpty() {
    model::Document d = read_face(face("<ResultList>" +
                                       result_block("<InsuredBranchNumber></InsuredBranchNumber>") +
                                       "</ResultList>"));
    const auto& r = qbody(d).Results.at(0);
    CPPUNIT_ASSERT(r.InsuredBranchNumber.has_value());
    CPPUNIT_ASSERT_EQUAL(std::string(""), *r.InsuredBranchNumber);
    CPPUNIT_ASSERT(!r.InsuredCardSymbol.has_value());
    // Whitespace inside values is kept exactly.
    d = read_face(face("<ResultList>" + result_block("<InsurerNumber>  138999</InsurerNumber>") +
                       "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"), *qbody(d).Results.at(0).InsurerNumber);
  }

  void testPrescriptionIssueSelectBothPlaces() {
    model::Document in_body =
        read_face(face("<PrescriptionIssueSelect>2</PrescriptionIssueSelect>"));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), *qbody(in_body).PrescriptionIssueSelect);
    model::Document in_result = read_face(
        face("<ResultList>" + result_block("<PrescriptionIssueSelect>1</PrescriptionIssueSelect>") +
             "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), *qbody(in_result).Results.at(0).PrescriptionIssueSelect);
  }

  void testSpecificDiseasesFlatRepetition() {
    const std::string info =
        "<SpecificDiseasesDiseaseCategory>1</SpecificDiseasesDiseaseCategory>"
        "<SpecificDiseasesSelfPay>10000</SpecificDiseasesSelfPay>";
    const std::string info2 =
        "<SpecificDiseasesDiseaseCategory>2</SpecificDiseasesDiseaseCategory>";
    // Nested form.
    model::Document nested = read_face(face(
        "<ResultList>" +
        result_block("<SpecificDiseasesCertificateList><SpecificDiseasesCertificateInfo>" + info +
                     "</SpecificDiseasesCertificateInfo><SpecificDiseasesCertificateInfo>" + info2 +
                     "</SpecificDiseasesCertificateInfo></SpecificDiseasesCertificateList>") +
        "</ResultList>"));
    const auto& n = qbody(nested)
                        .Results.at(0)
                        .SpecificDiseasesCertificateList->SpecificDiseasesCertificateInfo;
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, n.size());
    // Flat repetition of the List element (doc/decisions.md 7).
    model::Document flat =
        read_face(face("<ResultList>" +
                       result_block("<SpecificDiseasesCertificateList>" + info +
                                    "</SpecificDiseasesCertificateList>"
                                    "<SpecificDiseasesCertificateList>" +
                                    info2 + "</SpecificDiseasesCertificateList>") +
                       "</ResultList>"));
    const auto& f =
        qbody(flat).Results.at(0).SpecificDiseasesCertificateList->SpecificDiseasesCertificateInfo;
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, f.size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), *f[0].SpecificDiseasesDiseaseCategory);
    CPPUNIT_ASSERT_EQUAL(std::string("10000"), *f[0].SpecificDiseasesSelfPay);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), *f[1].SpecificDiseasesDiseaseCategory);
    CPPUNIT_ASSERT(!f[1].SpecificDiseasesSelfPay);
  }

  void testBulkResultsWithAndWithoutResultList() {
    auto bulk = [](const std::string& unit_inner) {
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader>"
             "<MedicalInstitutionCode>1312345678</MedicalInstitutionCode><SegmentOfResult>1</"
             "SegmentOfResult>"
             "<ReceptionNumber>R1</ReceptionNumber></MessageHeader><MessageBody><BulkConfirmUnit>"
             "<ProcessingResultStatus>1</ProcessingResultStatus><QualificationValidity>1</"
             "QualificationValidity>" +
             unit_inner +
             "<ReferenceNumber>000124</ReferenceNumber></BulkConfirmUnit></MessageBody></XmlMsg>";
    };
    for (const std::string& inner :
         {result_block(), "<ResultList>" + result_block() + "</ResultList>"}) {
      model::Document d = xml::read_document(bulk(inner), MessageKind::OQSmuquc02res, "b.xml");
      const auto& units = d.as<model::BulkConfirmBody>().BulkConfirmUnit;
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, units.size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, units[0].Results.size());
      CPPUNIT_ASSERT_EQUAL(std::string("000124"), *units[0].ReferenceNumber);
    }
  }

  void testEntitiesAndCdata() {
    model::Document d = read_face(
        face("<ResultList>" + result_block("", "A&amp;B&lt;&#x30C6;&#12473;<![CDATA[ト<>]]>") +
             "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("A&B<テスト<>"), *qbody(d).Results.at(0).Name);
  }

  void testDoctypeRefusedWithoutReadingAnything() {
    TempDir dir;
    std::string marker = dir.write("secret.txt", "TOPSECRET");
    std::string xxe = face("<ResultList>" + result_block("", "&x;") + "</ResultList>",
                           "<!DOCTYPE XmlMsg [<!ENTITY x SYSTEM \"file://" + marker + "\">]>\n");
    CPPUNIT_ASSERT_EQUAL(std::string("forbidden"), refusal(xxe));
    // External DTD: no network, refused on sight.
    CPPUNIT_ASSERT_EQUAL(
        std::string("forbidden"),
        refusal(face("", "<!DOCTYPE XmlMsg SYSTEM \"http://127.0.0.1:9/x.dtd\">\n")));
    // Parameter entities and a bare DOCTYPE.
    CPPUNIT_ASSERT_EQUAL(std::string("forbidden"),
                         refusal(face("", "<!DOCTYPE XmlMsg [<!ENTITY % p SYSTEM \"file://" +
                                              marker + "\"> %p;]>\n")));
    CPPUNIT_ASSERT_EQUAL(std::string("forbidden"), refusal(face("", "<!DOCTYPE XmlMsg>\n")));
  }

  void testRefusalLineSaysEachThingOnce() {
    // The engine's line is "<file>: refused (<kind>): <located detail>": the located detail
    // keeps the place (byte offset) but not the file name or the kind a second time.
    auto count = [](const std::string& s, const std::string& w) {
      std::size_t n = 0;
      for (std::size_t p = s.find(w); p != std::string::npos; p = s.find(w, p + w.size())) ++n;
      return n;
    };
    try {
      xml::read_document(face("", "<!DOCTYPE XmlMsg>\n"), MessageKind::OQSsiquc01res_face,
                         "face/X.xml");
      CPPUNIT_FAIL("DOCTYPE accepted");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT(e.offset() != RefusedError::npos);
      const std::string line = std::string("face/X.xml: refused (") + refusal_kind_name(e.kind()) +
                               "): " + e.located_detail();
      CPPUNIT_ASSERT_EQUAL_MESSAGE(line, std::size_t(1), count(line, "X.xml"));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(line, std::size_t(1), count(line, "refused ("));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(line,
                                   e.detail() + " (byte offset " + std::to_string(e.offset()) + ")",
                                   e.located_detail());
      // what() stays whole for the places that print it alone (status, inspect's stderr).
      CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                           std::string(e.what()).find("face/X.xml: refused (forbidden)"));
    }
    RefusedError no_offset(RefusalKind::structure, "a.xml", "not a regular file");
    CPPUNIT_ASSERT_EQUAL(std::string("not a regular file"), no_offset.located_detail());
  }

  void testUndeclaredEntityRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("malformed"),
        refusal(face("<ResultList>" + result_block("", "&lol9;") + "</ResultList>")));
  }

  void testResultCountLimit() {
    model::Document d = read_face(face_with_results(50));
    CPPUNIT_ASSERT_EQUAL(std::size_t{50}, qbody(d).Results.size());
    CPPUNIT_ASSERT_EQUAL(std::string("limit"), refusal(face_with_results(51)));
  }

  void testDepthAndTextLimits() {
    std::string deep;
    for (int i = 0; i < 40; ++i) deep += "<X>";
    for (int i = 0; i < 40; ++i) deep += "</X>";
    CPPUNIT_ASSERT_EQUAL(std::string("limit"), refusal(face(deep)));
    xml::ReadOptions shallow;
    shallow.max_depth = 3;
    CPPUNIT_ASSERT_EQUAL(std::string("limit"),
                         refusal(face_with_results(1), MessageKind::OQSsiquc01res_face, shallow));
    std::string huge(model::kMaxTextBytes + 10, 'x');
    CPPUNIT_ASSERT_EQUAL(std::string("limit"), refusal(face("<ProcessingResultMessage>" + huge +
                                                            "</ProcessingResultMessage>")));
  }

  void testSizeLimitBeforeParsing() {
    xml::ReadOptions small;
    small.max_bytes = 64;
    CPPUNIT_ASSERT_EQUAL(std::string("too_large"),
                         refusal(face_with_results(1), MessageKind::OQSsiquc01res_face, small));
    // Not even well-formed: the size check comes first.
    CPPUNIT_ASSERT_EQUAL(std::string("too_large"),
                         refusal(std::string(200, '<'), MessageKind::OQSsiquc01res_face, small));
    CPPUNIT_ASSERT_EQUAL(std::string("empty"), refusal(""));
    // Nothing after a byte-order mark is empty too (a refusal the importer waits on, not an
    // internal error that would leave the file on the share for ever).
    CPPUNIT_ASSERT_EQUAL(std::string("empty"), refusal("\xEF\xBB\xBF"));
  }

  void testStructureRefusals() {
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal("<?xml version=\"1.0\"?><Other/>"));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"),
                         refusal("<?xml version=\"1.0\"?><XmlMsg><MessageBody/></XmlMsg>"));
    std::string twice = face("<ResultList>" + result_block("<Name>二重</Name>") + "</ResultList>");
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal(twice));
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), refusal(face_with_results(1).substr(0, 300)));
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), refusal("name,birthdate\n"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("invalid"),
        refusal(face("<ResultList>" + result_block("<Sex2>7</Sex2>") + "</ResultList>")));
  }

  void testCharacterCodeIdentifierCrossCheck() {
    CPPUNIT_ASSERT_EQUAL(std::string("inconsistent"), refusal(face("", "", "1")));
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal(face("", "", "0")));
  }

  void testShiftJisDocument() {
    // "<Name>テスト</Name>" in CP932 inside a Shift_JIS-declared document with CCI 1.
    std::string xml = face(
        "<ResultList>" + result_block("", "\x83\x65\x83\x58\x83\x67") + "</ResultList>", "", "1");
    xml.replace(xml.find("UTF-8"), 5, "Shift_JIS");
    // The helper put UTF-8 in other fields (架空健康保険組合): replace with ASCII for this test.
    std::size_t p = xml.find("架空健康保険組合");
    xml.replace(p, std::string("架空健康保険組合").size(), "KAKUU");
    model::Document d = read_face(xml);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::cp932);
    CPPUNIT_ASSERT_EQUAL(std::string("テスト"), *qbody(d).Results.at(0).Name);
    // Error offsets of a CP932 file are not byte offsets of the file: none is given.
    try {
      read_face(xml.substr(0, xml.size() - 20));
      CPPUNIT_FAIL("truncated file accepted");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT_EQUAL(RefusedError::npos, e.offset());
      CPPUNIT_ASSERT(e.detail().find("line") != std::string::npos);
    }
  }

  void testPdf() {
    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    model::Document d = xml::read_document(pdf, MessageKind::YZKsiquc01res, "p.pdf");
    CPPUNIT_ASSERT(d.is_pdf);
    CPPUNIT_ASSERT_EQUAL(pdf, d.pdf);
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"),
                         refusal(pdf.substr(0, 20), MessageKind::TKKsiquc01res));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal(pdf, MessageKind::OQSsiquc01res_face));
  }

  void testReadFileRules() {
    TempDir dir;
    std::string good = dir.write(kFaceName, face_with_results(1));
    CPPUNIT_ASSERT_NO_THROW(xml::read_file(good));
    auto refusal_of_file = [](const std::string& path) {
      try {
        xml::read_file(path);
      } catch (const RefusedError& e) {
        return std::string(refusal_kind_name(e.kind()));
      }
      return std::string("accepted");
    };
    // Symbolic links are not followed.
    std::string link =
        dir.path() + "/OQSsiquc01res_face_1312345678bbbbbbbbbbbbbbbbbbbb_20250612091503.xml";
    CPPUNIT_ASSERT_EQUAL(0, ::symlink(good.c_str(), link.c_str()));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal_of_file(link));
    // Names: unknown kind, MIC in the face name differing from the content.
    CPPUNIT_ASSERT_EQUAL(std::string("unknown_kind"),
                         refusal_of_file(dir.write("result.xml", face_with_results(1))));
    std::string other =
        dir.write("OQSsiquc01res_face_9999999999aaaaaaaaaaaaaaaaaaaa_20250612091503.xml",
                  face_with_results(1));
    CPPUNIT_ASSERT_EQUAL(std::string("inconsistent"), refusal_of_file(other));
    // A .pdf name must hold a PDF.
    CPPUNIT_ASSERT_EQUAL(
        std::string("structure"),
        refusal_of_file(dir.write("YZKsiquc01res_012506121040101.pdf", "<XmlMsg/>")));
    // Not a regular file.
    std::string sub = dir.path() + "/OQSsiquc01res_202506120001.xml";
    CPPUNIT_ASSERT_EQUAL(0, ::mkdir(sub.c_str(), 0700));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal_of_file(sub));
    // Size limit from fstat, before reading.
    xml::ReadOptions small;
    small.max_bytes = 10;
    CPPUNIT_ASSERT_THROW(xml::read_file(good, small), RefusedError);
  }
  void testUtf16BytesRefusedWhateverTheDeclaration() {
    // An ASCII-only document (no results): as UTF-16 it decodes cleanly; the declaration lies.
    const std::string utf8 = face("");
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal_of(utf8).kind);
    std::string sjis = utf8;
    sjis.replace(sjis.find("UTF-8"), 5, "Shift_JIS");
    for (bool big_endian : {false, true}) {
      for (bool bom : {false, true}) {
        const std::string what = std::string(big_endian ? "BE" : "LE") + (bom ? " with BOM" : "");
        Refusal r = refusal_of(ascii_to_utf16(utf8, big_endian, bom));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("encoding"), r.kind);
        CPPUNIT_ASSERT_MESSAGE(
            what + ": " + r.detail,
            r.detail.find(big_endian ? "UTF-16BE" : "UTF-16LE") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(what + ": " + r.detail,
                               r.detail.find("declaration says \"UTF-8\"") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::size_t{0}, r.offset);
        r = refusal_of(ascii_to_utf16(sjis, big_endian, bom));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("encoding"), r.kind);
        CPPUNIT_ASSERT_MESSAGE(
            what + ": " + r.detail,
            r.detail.find("declaration says \"Shift_JIS\"") != std::string::npos);
      }
    }
    // Without a declaration, UTF-16 is refused all the same (it is not UTF-8).
    std::string bare = utf8.substr(utf8.find("<XmlMsg>"));
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"),
                         refusal_of(ascii_to_utf16(bare, false, false)).kind);
  }

  void testNulByteRefusedNeverTruncated() {
    const std::string doc = face_with_results(1);
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal_of(doc).kind);
    // A NUL after the document's end: the bytes after it were ignored before.
    Refusal r = refusal_of(doc + std::string(1, '\0') + "<XmlMsg>garbage");
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), r.kind);
    CPPUNIT_ASSERT_EQUAL("NUL byte at offset " + std::to_string(doc.size()), r.detail);
    CPPUNIT_ASSERT_EQUAL(doc.size(), r.offset);
    // A zero-filled tail (a file still being written) and a NUL inside a value.
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), refusal_of(doc + std::string(64, '\0')).kind);
    std::string inside = doc;
    const std::size_t at = inside.find("19800415");
    inside.insert(at, 1, '\0');
    r = refusal_of(inside);
    CPPUNIT_ASSERT_EQUAL("NUL byte at offset " + std::to_string(at), r.detail);
    // Offsets count file bytes, a UTF-8 BOM included; Shift_JIS files are checked on their bytes.
    r = refusal_of("\xEF\xBB\xBF" + doc + std::string(1, '\0'));
    CPPUNIT_ASSERT_EQUAL("NUL byte at offset " + std::to_string(doc.size() + 3), r.detail);
    std::string sjis = face("", "", "1");
    sjis.replace(sjis.find("UTF-8"), 5, "Shift_JIS");
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal_of(sjis).kind);
    r = refusal_of(sjis + std::string(1, '\0'));
    CPPUNIT_ASSERT_EQUAL("NUL byte at offset " + std::to_string(sjis.size()), r.detail);
    CPPUNIT_ASSERT_EQUAL(sjis.size(), r.offset);
  }

  void testMisplacedKnownBlockRefused() {
    // Directly under MessageBody instead of inside ResultList: never dropped silently.
    Refusal r = refusal_of(face(result_block()));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    CPPUNIT_ASSERT_MESSAGE(
        r.detail,
        r.detail.find("XmlMsg/MessageBody/ResultOfQualificationConfirmation") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(r.detail, r.detail.find("ResultList") != std::string::npos);
    CPPUNIT_ASSERT(r.offset != RefusedError::npos);
    // Personal values are never quoted, only element names.
    for (const char* value : {"テスト", "19800415", "架空健康保険組合"})
      CPPUNIT_ASSERT_MESSAGE(r.detail, r.detail.find(value) == std::string::npos);
    // In an unknown parent, in the wrong known parent, under the root, inside a text element.
    r = refusal_of(face("<FutureResults>" + result_block() + "</FutureResults>"));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    CPPUNIT_ASSERT_MESSAGE(r.detail,
                           r.detail.find("XmlMsg/MessageBody/FutureResults/"
                                         "ResultOfQualificationConfirmation") != std::string::npos);
    r = refusal_of(face("<ResultList>" +
                        result_block("<ResultList>" + result_block() + "</ResultList>") +
                        "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    CPPUNIT_ASSERT_MESSAGE(
        r.detail,
        r.detail.find("ResultOfQualificationConfirmation/ResultList") != std::string::npos);
    r = refusal_of(
        face("<ResultList><QualificationConfirmSearchInfo><InsurerNumber>06139999</InsurerNumber>"
             "</QualificationConfirmSearchInfo>" +
             result_block() + "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    CPPUNIT_ASSERT_MESSAGE(
        r.detail, r.detail.find("ResultList/QualificationConfirmSearchInfo") != std::string::npos);
    std::string under_root = face("");
    under_root.insert(under_root.find("</XmlMsg>"),
                      "<ResultList>" + result_block() + "</ResultList>");
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), refusal_of(under_root).kind);
    CPPUNIT_ASSERT_EQUAL(std::string("structure"),
                         refusal_of(face("<ProcessingResultMessage>x" + result_block() +
                                         "</ProcessingResultMessage>"))
                             .kind);
    // A block of the limit certificate inside another block of the result.
    r = refusal_of(
        face("<ResultList>" +
             result_block(
                 "<ElderlyRecipientCertificateInfo>"
                 "<LimitApplicationCertificateRelatedInfo/></ElderlyRecipientCertificateInfo>") +
             "</ResultList>"));
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    // Bulk result: a result directly under MessageBody instead of a BulkConfirmUnit.
    const std::string bulk =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader>"
        "<MedicalInstitutionCode>1312345678</MedicalInstitutionCode><SegmentOfResult>1</"
        "SegmentOfResult>"
        "<ReceptionNumber>R1</ReceptionNumber></MessageHeader><MessageBody>" +
        result_block() + "</MessageBody></XmlMsg>";
    r = refusal_of(bulk, MessageKind::OQSmuquc02res);
    CPPUNIT_ASSERT_EQUAL(std::string("structure"), r.kind);
    CPPUNIT_ASSERT_MESSAGE(r.detail, r.detail.find("BulkConfirmUnit") != std::string::npos);
    // doc/decisions.md 1 still holds: unknown elements, and known text elements inside them, are
    // ignored.
    CPPUNIT_ASSERT_EQUAL(
        std::string("accepted"),
        refusal_of(face("<ResultList>" +
                        result_block("<ExtensionInfo><Name>x</Name>"
                                     "<NewBlock><Sex1>2</Sex1></NewBlock></ExtensionInfo>") +
                        "</ResultList><UnknownBody><Birthdate>19000101</Birthdate>"
                        "</UnknownBody>"))
            .kind);
    // The header's own blocks elsewhere (one public source puts QualificationsInfo into the body
    // of a drug-information file) are ignored like unknown elements, not a reason to refuse.
    std::string drug = read_all(fixtures_dir() + "/res/YZKsiquc01res_022506121030101.xml");
    drug.insert(drug.find("<MessageBody>") + 13,
                "<QualificationsInfo><Name>x</Name></QualificationsInfo>");
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"),
                         refusal_of(drug, MessageKind::YZKsiquc01res).kind);
    // doc/decisions.md 6-8: the documented alternative places stay accepted.
    CPPUNIT_ASSERT_EQUAL(
        std::string("accepted"),
        refusal_of(face("<PrescriptionIssueSelect>1</PrescriptionIssueSelect><ResultList>" +
                        result_block("<PrescriptionIssueSelect>2</PrescriptionIssueSelect>") +
                        "</ResultList>"))
            .kind);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReaderTest);

}  // namespace onshi::test
