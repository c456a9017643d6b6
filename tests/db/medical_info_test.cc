// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Drug and checkup information: refused without consent, with expired consent and
// without permission (when queued and again when sent), accepted otherwise; XML rows and PDF
// bytes stored per patient, refusals with the terminal's message, audit rows, the EMR copy.
// Diagnosis and surgery information (FileCategory 3/4): its own consent and permission (with the
// drug permission), treatment rows, surgery rows only under a current operation consent, the
// drugs of the answer as drug information, PDF, paged rows and PDF chunks for the screens.
#include "exchange/medical_info.h"

#include <cppunit/extensions/HelperMacros.h>

#include "db/flow_env.h"
#include "store/medical_info.h"
#include "store/purge.h"

namespace onshi::test {

using exchange::MedicalInfoKind;
using exchange::MedicalRefusal;

class MedicalInfoTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MedicalInfoTest);
  CPPUNIT_TEST(testRefusals);
  CPPUNIT_TEST(testXmlDrugAndCheckup);
  CPPUNIT_TEST(testPdfAndEmrCopy);
  CPPUNIT_TEST(testConsentExpiresBeforeSending);
  CPPUNIT_TEST(testDiagnosisRefusals);
  CPPUNIT_TEST(testDiagnosisXml);
  CPPUNIT_TEST(testSurgeryWithheldWithoutOperationConsent);
  CPPUNIT_TEST(testDiagnosisPdf);
  CPPUNIT_TEST_SUITE_END();

  static MedicalRefusal diagnosis_refusal(FlowEnv& e, long long ptid, const std::string& user) {
    try {
      exchange::queue_medical_info(*e.conn, 1, ptid, MedicalInfoKind::diagnosis, user);
      return MedicalRefusal::none;
    } catch (const exchange::MedicalInfoRefused& x) {
      return x.access().refusal;
    }
  }

  static void permit_all(FlowEnv& e) {
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view, "
        "diagnosis_view) VALUES (1, 'doctor1', true, true, true)");
  }

  /// The request files in req/ (before the simulator takes them).
  static std::string request_bytes(FlowEnv& e) {
    std::string all;
    for (const std::string& f : FlowEnv::files(e.share.req())) all += read_all(f);
    return all;
  }

  static MedicalRefusal refusal(FlowEnv& e, MedicalInfoKind k, const std::string& user) {
    try {
      exchange::queue_medical_info(*e.conn, 1, 101, k, user);
      return MedicalRefusal::none;
    } catch (const exchange::MedicalInfoRefused& x) {
      CPPUNIT_ASSERT(!x.access().message.empty());
      return x.access().refusal;
    }
  }

  static void permit(FlowEnv& e) {
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true)");
  }

 public:
  void testRefusals() {
    FlowEnv e;
    permit(e);
    // No consent at all (no card check-in yet).
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::drug, "doctor1") == MedicalRefusal::no_consent);
    e.check_in("taro");  // consents to drug and checkup information, available for 24 h
    // Without permission, and an unknown user.
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::drug, "clerk1") == MedicalRefusal::no_permission);
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::checkup, "nobody") == MedicalRefusal::unknown_staff);
    // Expired consent.
    e.conn->exec("UPDATE onshi_consent SET available_until = localtimestamp - interval '1 minute'");
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::drug, "doctor1") == MedicalRefusal::consent_expired);
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::checkup, "doctor1") ==
                   MedicalRefusal::consent_expired);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_job WHERE kind IN "
                                               "('YZKsiquc01req', 'TKKsiquc01req')"));
    CPPUNIT_ASSERT_EQUAL(std::string("5"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'request' AND "
                             "detail LIKE 'refused:%'"));
    // Consent again: accepted.
    e.conn->exec("UPDATE onshi_consent SET available_until = localtimestamp + interval '1 day'");
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::drug, "doctor1") == MedicalRefusal::none);
    // Another facility's user is no staff member here, whatever our permission rows say.
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'clerk2', true, true)");
    CPPUNIT_ASSERT(refusal(e, MedicalInfoKind::drug, "clerk2") == MedicalRefusal::unknown_staff);
    // The operator behind the admin command is in the audit row.
    exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1", "", "", nullptr,
                                 "onshi-admin, operating-system user root");
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        e.q("SELECT count(*) FROM onshi_audit WHERE userid = 'doctor1' AND "
            "detail LIKE 'queued request % (onshi-admin, operating-system user root)'"));
  }

  void testXmlDrugAndCheckup() {
    FlowEnv e;
    permit(e);
    e.check_in("taro");
    const long long drug = exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug,
                                                        "doctor1", "202401", "202612");
    const long long checkup =
        exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::checkup, "doctor1");
    e.pump(1);
    for (long long j : {drug, checkup})
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          e.sim_log.str(), std::string("answered"),
          e.q("SELECT state FROM onshi_job WHERE job_id = " + std::to_string(j)));
    CPPUNIT_ASSERT_EQUAL(std::string("xml|1|202401|202612"),
                         e.q("SELECT format || '|' || result_code || '|' || month_from || '|' || "
                             "month_to FROM onshi_drug_info WHERE ptid = 101"));
    CPPUNIT_ASSERT(std::stoi(e.q("SELECT count(*) FROM onshi_drug_info_row")) > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM onshi_drug_info_row WHERE drug_code IS NULL"));
    CPPUNIT_ASSERT(std::stoi(e.q("SELECT count(*) FROM onshi_checkup_info_row")) > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'receive'"));
    // A patient without a match at the terminal: the refusal is stored with its message.
    e.conn->exec("UPDATE tbl_pthkninf SET num = '99999' WHERE hospnum = 1 AND ptid = 101");
    exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1");
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL(std::string("2|true"),
                         e.q("SELECT result_code || '|' || (message <> '') FROM onshi_drug_info "
                             "ORDER BY info_id DESC LIMIT 1"));
  }

  void testPdfAndEmrCopy() {
    FlowEnv e;
    permit(e);
    e.set("medical_info_format = 'pdf', emr_dir = '" + e.emr.path() + "'");
    e.check_in("taro");
    exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1");
    exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::checkup, "doctor1");
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("pdf|%PDF-|true"),
                                 e.q("SELECT format || '|' || convert_from(substr(pdf, 1, 5), "
                                     "'SQL_ASCII') || '|' || (pdf_path LIKE '/%') "
                                     "FROM onshi_drug_info"));
    CPPUNIT_ASSERT_EQUAL(std::string("pdf"), e.q("SELECT format FROM onshi_checkup_info"));
    const auto copies = FlowEnv::files(e.emr.path());
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), copies.size());
    for (const std::string& c : copies) {
      CPPUNIT_ASSERT(c.find("/000101_") != std::string::npos);
      CPPUNIT_ASSERT_EQUAL(std::string("%PDF-"), read_all(c).substr(0, 5));
    }
    CPPUNIT_ASSERT(FlowEnv::files(e.share.res()).empty());  // nothing left on the terminal
    // The copies are recorded with their received files, so that the retention purge removes
    // them with the rows (and the results forget the path, keeping their data).
    CPPUNIT_ASSERT_EQUAL(copies[0] + "," + copies[1],
                         e.q("SELECT string_agg(emr_path, ',' ORDER BY emr_path COLLATE \"C\") "
                             "FROM onshi_received_file WHERE emr_path IS NOT NULL"));
    e.conn->exec("UPDATE onshi_received_file SET received_at = now() - interval '13 months'");
    std::vector<store::PurgeReport> r = store::purge(*e.conn, 1, false);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), r[0].emr_paths.size());
    store::remove_report_files(r[0]);
    CPPUNIT_ASSERT_EQUAL(2L, r[0].disk_removed);
    CPPUNIT_ASSERT(FlowEnv::files(e.emr.path()).empty());
    CPPUNIT_ASSERT_EQUAL(std::string("1|0"),
                         e.q("SELECT count(*) || '|' || count(pdf_path) FROM onshi_drug_info"));
  }

  void testConsentExpiresBeforeSending() {
    FlowEnv e;
    permit(e);
    e.check_in("taro");
    const long long job =
        exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1");
    e.conn->exec("UPDATE onshi_consent SET available_until = localtimestamp - interval '1 second'");
    e.conn->exec("UPDATE onshi_job SET expires_at = NULL");  // let the queue look at it
    exchange::run_queue(*e.conn, e.facility);
    CPPUNIT_ASSERT_EQUAL(std::string("failed"),
                         e.q("SELECT state FROM onshi_job WHERE job_id = " + std::to_string(job)));
    CPPUNIT_ASSERT(e.q("SELECT last_error FROM onshi_job WHERE job_id = " + std::to_string(job))
                       .find("consent") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_audit WHERE detail "
                                               "LIKE 'refused at sending: consent_expired%'"));
    for (const std::string& f : FlowEnv::files(e.share.req()))
      CPPUNIT_ASSERT(f.find("YZKsiquc01req_") == std::string::npos);
  }

  void testDiagnosisRefusals() {
    FlowEnv e;
    e.check_in("taro");    // drug and checkup consent, no diagnosis consent
    e.check_in("saburo");  // diagnosis (and operation) consent
    // The drug permission alone, the diagnosis permission alone: both are needed.
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true)");
    CPPUNIT_ASSERT(diagnosis_refusal(e, 105, "doctor1") == MedicalRefusal::no_permission);
    e.conn->exec(
        "UPDATE onshi_staff_permission SET drug_view = false, diagnosis_view = true "
        "WHERE userid = 'doctor1'");
    CPPUNIT_ASSERT(diagnosis_refusal(e, 105, "doctor1") == MedicalRefusal::no_permission);
    e.conn->exec("UPDATE onshi_staff_permission SET drug_view = true WHERE userid = 'doctor1'");
    // Drug consent is not diagnosis consent.
    CPPUNIT_ASSERT(diagnosis_refusal(e, 101, "doctor1") == MedicalRefusal::no_consent);
    e.conn->exec(
        "UPDATE onshi_consent SET available_until = localtimestamp - interval '1 minute' "
        "WHERE consent_type = 'diagnosis'");
    CPPUNIT_ASSERT(diagnosis_refusal(e, 105, "doctor1") == MedicalRefusal::consent_expired);
    CPPUNIT_ASSERT_EQUAL(std::string("4"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'diagnosis' "
                             "AND detail LIKE 'refused:%'"));
    e.conn->exec(
        "UPDATE onshi_consent SET available_until = localtimestamp + interval '1 day' "
        "WHERE consent_type = 'diagnosis'");
    CPPUNIT_ASSERT(diagnosis_refusal(e, 105, "doctor1") == MedicalRefusal::none);
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01req|diagnosis"),
                         e.q("SELECT kind || '|' || (payload->>'info_kind') FROM onshi_job "
                             "WHERE kind = 'YZKsiquc01req'"));
  }

  void testDiagnosisXml() {
    FlowEnv e;
    permit_all(e);
    e.check_in("saburo");   // diagnosis and operation consent
    e.check_in("matsuko");  // diagnosis consent only
    const long long with_surgery = exchange::queue_medical_info(
        *e.conn, 1, 105, MedicalInfoKind::diagnosis, "doctor1", "202401", "202612");
    const long long without = exchange::queue_medical_info(
        *e.conn, 1, 104, MedicalInfoKind::diagnosis, "doctor1", "202401", "202612");
    exchange::run_queue(*e.conn, e.facility);
    const std::string req = request_bytes(e);
    CPPUNIT_ASSERT(req.find("<FileCategory>4</FileCategory>") != std::string::npos);
    CPPUNIT_ASSERT(req.find("<StartDate>202401</StartDate>") != std::string::npos);
    e.pump(1);
    for (long long j : {with_surgery, without})
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          e.sim_log.str(), std::string("answered"),
          e.q("SELECT state FROM onshi_job WHERE job_id = " + std::to_string(j)));
    // Saburo: three treatment records, one of them surgery; the drug as drug information.
    CPPUNIT_ASSERT_EQUAL(std::string("xml|1|202401|202612|0"),
                         e.q("SELECT format || '|' || result_code || '|' || month_from || '|' || "
                             "month_to || '|' || surgery_withheld FROM onshi_diagnosis_info "
                             "WHERE ptid = 105"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("3|1|150254010|50|20250514|202505"),
        e.q("SELECT count(*) || '|' || count(*) FILTER (WHERE surgery) || '|' || "
            "max(treatment_code) FILTER (WHERE surgery) || '|' || max(treatment_class) FILTER "
            "(WHERE surgery) || '|' || max(treatment_date) || '|' || max(treatment_month) "
            "FROM onshi_diagnosis_info_row r JOIN onshi_diagnosis_info i USING (info_id) "
            "WHERE i.ptid = 105"));
    CPPUNIT_ASSERT_EQUAL(std::string("1|699900606"),
                         e.q("SELECT count(*) || '|' || max(drug_code) FROM onshi_drug_info_row r "
                             "JOIN onshi_drug_info i USING (info_id) WHERE i.ptid = 105"));
    // Matsuko: the terminal sends no surgery record without her operation consent.
    CPPUNIT_ASSERT_EQUAL(std::string("1|0"),
                         e.q("SELECT count(*) || '|' || count(*) FILTER (WHERE surgery) FROM "
                             "onshi_diagnosis_info_row r JOIN onshi_diagnosis_info i "
                             "USING (info_id) WHERE i.ptid = 104"));
    CPPUNIT_ASSERT_EQUAL(std::string("2|2"),
                         e.q("SELECT count(*) FILTER (WHERE info_kind = 'diagnosis') || '|' || "
                             "count(*) FILTER (WHERE info_kind = 'drug') FROM onshi_audit "
                             "WHERE action = 'receive'"));
    // The screens' rows, a page at a time.
    const std::string info = e.q("SELECT info_id FROM onshi_diagnosis_info WHERE ptid = 105");
    long long total = 0, ptid = 0;
    const auto page = store::medical_info_rows(*e.conn, store::MedicalTable::diagnosis, 1,
                                               std::stoll(info), 1, 1, total, ptid);
    CPPUNIT_ASSERT(page);
    CPPUNIT_ASSERT_EQUAL(3LL, total);
    CPPUNIT_ASSERT_EQUAL(105LL, ptid);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), page->size());
    CPPUNIT_ASSERT_EQUAL(2, (*page)[0].seq);
    CPPUNIT_ASSERT((*page)[0].surgery);
    CPPUNIT_ASSERT_EQUAL(std::string("50"), (*page)[0].category);
    // Another facility's answer is not found.
    CPPUNIT_ASSERT(!store::medical_info_rows(*e.conn, store::MedicalTable::diagnosis, 2,
                                             std::stoll(info), 0, 20, total, ptid));
    // The list shows it with its period.
    const auto list = store::list_medical_info(*e.conn, store::MedicalTable::diagnosis, 1, 105, 20);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), list.size());
    CPPUNIT_ASSERT_EQUAL(3LL, list[0].rows);
  }

  void testSurgeryWithheldWithoutOperationConsent() {
    FlowEnv e;
    permit_all(e);
    e.check_in("saburo");
    exchange::queue_medical_info(*e.conn, 1, 105, MedicalInfoKind::diagnosis, "doctor1", "202401",
                                 "202612");
    // The operation consent ends before the answer is stored: its surgery record is not kept.
    e.conn->exec(
        "UPDATE onshi_consent SET available_until = localtimestamp - interval '1 second' "
        "WHERE consent_type = 'operation'");
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("1|2|0"),
                                 e.q("SELECT i.surgery_withheld || '|' || count(r.*) || '|' || "
                                     "count(r.*) FILTER (WHERE r.surgery) FROM "
                                     "onshi_diagnosis_info i LEFT JOIN onshi_diagnosis_info_row r "
                                     "USING (info_id) GROUP BY i.info_id"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'diagnosis' AND "
                             "action = 'receive' AND detail LIKE '%1 surgery records withheld%'"));
  }

  void testDiagnosisPdf() {
    FlowEnv e;
    permit_all(e);
    e.set("medical_info_format = 'pdf', emr_dir = '" + e.emr.path() + "'");
    e.check_in("saburo");
    exchange::queue_medical_info(*e.conn, 1, 105, MedicalInfoKind::diagnosis, "doctor1");
    exchange::run_queue(*e.conn, e.facility);
    CPPUNIT_ASSERT(request_bytes(e).find("<FileCategory>3</FileCategory>") != std::string::npos);
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("pdf|%PDF-|true"),
                                 e.q("SELECT format || '|' || convert_from(substr(pdf, 1, 5), "
                                     "'SQL_ASCII') || '|' || (pdf_path LIKE '/%') "
                                     "FROM onshi_diagnosis_info"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_drug_info"));
    const auto copies = FlowEnv::files(e.emr.path());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), copies.size());
    CPPUNIT_ASSERT(copies[0].find("/000105_diagnosis_YZKsiquc01res_") != std::string::npos);
    // The PDF in chunks, as the screen reads it: the pieces make the stored bytes.
    const long long info = std::stoll(e.q("SELECT info_id FROM onshi_diagnosis_info"));
    long long total = 0, ptid = 0;
    std::string whole;
    for (long long off = 0;;) {
      const auto chunk = store::medical_info_pdf(*e.conn, store::MedicalTable::diagnosis, 1, info,
                                                 off, 100, total, ptid);
      CPPUNIT_ASSERT(chunk);
      if (chunk->empty()) break;
      whole += *chunk;
      off += static_cast<long long>(chunk->size());
    }
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(total), whole.size());
    CPPUNIT_ASSERT_EQUAL(read_all(copies[0]), whole);
    // The retention purge forgets the copy's path with the copy.
    e.conn->exec("UPDATE onshi_received_file SET received_at = now() - interval '13 months'");
    std::vector<store::PurgeReport> r = store::purge(*e.conn, 1, false);
    store::remove_report_files(r[0]);
    CPPUNIT_ASSERT_EQUAL(
        std::string("1|0"),
        e.q("SELECT count(*) || '|' || count(pdf_path) FROM onshi_diagnosis_info"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MedicalInfoTest);

}  // namespace onshi::test
