// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Medical information hooks (permission, consent, audit, queue, list) and administration hooks
// (facility settings, staff permission flags, plugin password).
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class HookMedicalAdminTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookMedicalAdminTest);
  CPPUNIT_TEST(testDrugRequestNeedsPermissionAndConsent);
  CPPUNIT_TEST(testCheckupListAudited);
  CPPUNIT_TEST(testDiagnosisRowsAndPdf);
  CPPUNIT_TEST(testFacilitySettings);
  CPPUNIT_TEST(testStaffAndPassword);
  CPPUNIT_TEST(testOnlyAdministratorsAdminister);
  CPPUNIT_TEST_SUITE_END();

  static int request(HookFixture& f, const char* kind, std::string& msgid,
                     onshi_link_med_request_rec* out = nullptr, const char* visit = "") {
    onshi_link_med_request_rec rec;
    blank(rec);
    put(rec.ptid, "101");
    put(rec.kind, kind);
    put(rec.visit, visit);
    put(rec.month_from, "202504");
    put(rec.month_to, "202505");
    onshi_link_ctl_rec ctl = f.ctl("clerk1");
    int rc = f.call("onshi_link_med_request", ctl, rec);
    msgid = get(ctl.msgid);
    if (out) *out = rec;
    return rc;
  }

  static void permit(HookFixture& f, const char* drug, const char* checkup,
                     const char* diagnosis = "") {
    onshi_link_adm_staff_rec rec;
    blank(rec);
    put(rec.action, "S");
    put(rec.target_userid, "clerk1");
    put(rec.drug_view, drug);
    put(rec.checkup_view, checkup);
    put(rec.diagnosis_view, diagnosis);
    onshi_link_ctl_rec ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_adm_staff", ctl, rec));
  }

 public:
  /// A staff member who is not the host's administrator (supervisor 'T') cannot give himself
  /// drug-information rights, change settings or the password; an unknown user neither. Every
  /// refusal and every change is in the audit table.
  void testOnlyAdministratorsAdminister() {
    HookFixture f;
    for (const char* who : {"clerk1", "nobody", "clerk2"}) {  // clerk2: facility 2's user
      onshi_link_adm_staff_rec s;
      blank(s);
      put(s.action, "S");
      put(s.target_userid, "clerk1");
      put(s.drug_view, "1");
      put(s.checkup_view, "1");
      onshi_link_ctl_rec ctl = f.ctl(who);
      CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_staff", ctl, s));
      CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6028"), get(ctl.msgid));
      onshi_link_adm_facility_rec fr;
      blank(fr);
      put(fr.action, "D");
      ctl = f.ctl(who);
      CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_facility", ctl, fr));
      onshi_link_adm_password_rec p;
      blank(p);
      put(p.password, "Secret-Pass-2026");
      ctl = f.ctl(who);
      CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_password", ctl, p));
      CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.password));  // wiped even when refused
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), f.value("SELECT count(*) FROM onshi_staff_permission"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), f.value("SELECT count(*) FROM onshi_plugin_password"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         f.value("SELECT enabled FROM onshi_facility WHERE hospnum = 1"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("9"),
        f.value("SELECT count(*) FROM onshi_audit WHERE action = 'refused' AND ptid IS NULL"));
    // The administrator may; the change is audited.
    permit(f, "1", "0");
    CPPUNIT_ASSERT_EQUAL(
        std::string("ormaster|staff|clerk1: drug_view 1, checkup_view 0"),
        f.value("SELECT userid || '|' || info_kind || '|' || detail FROM onshi_audit "
                "WHERE action = 'change'"));
  }

  void testDrugRequestNeedsPermissionAndConsent() {
    HookFixture f;
    std::string msgid;
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6011"), msgid);
    permit(f, "1", "0");
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6013"), msgid);  // no consent yet
    CPPUNIT_ASSERT_EQUAL(8, request(f, "C", msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6012"), msgid);  // no checkup permission

    f.check_in("taro");  // consents to drug and checkup information at the reader
    onshi_link_med_request_rec out;
    CPPUNIT_ASSERT_EQUAL(0, request(f, "D", msgid, &out));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6002"), msgid);
    CPPUNIT_ASSERT_EQUAL(
        std::string("YZKsiquc01req|101|202504|000101"),
        f.value("SELECT kind || '|' || ptid || '|' || (payload->>'month_from') || '|' "
                "|| (payload->>'ptnum') FROM onshi_job WHERE job_id = " +
                get(out.request_id)));
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(14), get(out.consent_until).size());
    // The visit type: outpatient by default (above); home visit and online care only when the
    // facility does them, a value that is no 診療区分 refused as a bad field; nothing queued.
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid, nullptr, "2"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6047"), msgid);
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid, nullptr, "3"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6048"), msgid);
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid, nullptr, "9"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), msgid);
    f.conn().exec("UPDATE onshi_facility SET home_visit = true WHERE hospnum = 1");
    CPPUNIT_ASSERT_EQUAL(0, request(f, "D", msgid, &out, "2"));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), f.value("SELECT payload->>'treatment_flag' FROM "
                                                   "onshi_job WHERE job_id = " +
                                                   get(out.request_id)));

    // Expired consent: refused with the time.
    f.conn().exec(
        "UPDATE onshi_consent SET available_until = localtimestamp - interval '1 hour' "
        "WHERE ptid = 101 AND consent_type = 'pharmacists'");
    CPPUNIT_ASSERT_EQUAL(8, request(f, "D", msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6014"), msgid);

    // Every call was audited, refusals included.
    CPPUNIT_ASSERT_EQUAL(
        std::string("6"),
        f.value("SELECT count(*) FROM onshi_audit WHERE hospnum = 1 AND ptid = 101 "
                "AND userid = 'clerk1' AND action = 'request'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        f.value("SELECT count(*) FROM onshi_audit WHERE detail LIKE 'queued request %'"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), f.value("SELECT count(*) FROM onshi_audit WHERE detail "
                                                   "LIKE 'queued request % as homevisit'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        f.value("SELECT count(*) FROM onshi_audit WHERE detail = 'refused: no permission'"));
  }

  void testCheckupListAudited() {
    HookFixture f;
    permit(f, "0", "1");
    const std::string info = f.value(
        "INSERT INTO onshi_checkup_info (hospnum, ptid, format, result_code, message) "
        "VALUES (1, 101, 'xml', '1', 'ok') RETURNING info_id");
    f.conn().exec("INSERT INTO onshi_checkup_info_row (info_id, seq, item_code) VALUES (" + info +
                  ", 1, '9N001000000000001'), (" + info + ", 2, '9N006000000000001')");
    onshi_link_med_list_rec rec;
    blank(rec);
    put(rec.ptid, "101");
    put(rec.kind, "C");
    onshi_link_ctl_rec ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_med_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.row_count));
    CPPUNIT_ASSERT_EQUAL(std::stoll(info), num(rec.row[0].info_id));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.row[0].rows));
    CPPUNIT_ASSERT_EQUAL(
        std::string("view|checkup|" + info),
        f.value("SELECT action || '|' || info_kind || '|' || info_id FROM onshi_audit "
                "WHERE info_kind IN ('drug', 'checkup')"));
    put(rec.kind, "D");
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_med_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        f.value("SELECT count(*) FROM onshi_audit WHERE info_kind IN ('drug', 'checkup')"));
    ctl = f.ctl("nobody");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_med_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6015"), get(ctl.msgid));
  }

  /// Diagnosis information (kind T): its own permission with the drug permission; the list,
  /// the rows a page at a time and the PDF in base64 chunks, every call audited.
  void testDiagnosisRowsAndPdf() {
    HookFixture f;
    permit(f, "1", "0", "1");
    const std::string info = f.value(
        "INSERT INTO onshi_diagnosis_info (hospnum, ptid, format, result_code, month_from, "
        "month_to, pdf, surgery_withheld) VALUES (1, 101, 'xml', '1', '202501', '202506', "
        "'\\x255044462d312e340a25e2e30a'::bytea, 1) RETURNING info_id");
    f.conn().exec(
        "INSERT INTO onshi_diagnosis_info_row (info_id, seq, treatment_date, treatment_class, "
        "treatment_code, treatment_name, surgery) VALUES (" +
        info + ", 1, '20250514', '11', '111000110', 'first visit', false), (" + info +
        ", 2, '20250514', '50', '150254010', 'surgery', true)");
    onshi_link_med_list_rec list;
    blank(list);
    put(list.ptid, "101");
    put(list.kind, "T");
    onshi_link_ctl_rec ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_med_list", ctl, list));
    CPPUNIT_ASSERT_EQUAL(1LL, num(list.row_count));
    CPPUNIT_ASSERT_EQUAL(2LL, num(list.row[0].rows));
    CPPUNIT_ASSERT_EQUAL(1LL, num(list.row[0].surgery_withheld));
    CPPUNIT_ASSERT_EQUAL(std::string("202501"), get(list.row[0].month_from));

    onshi_link_med_rows_rec rows;
    blank(rows);
    put(rows.info_id, info);
    put(rows.kind, "T");
    put(rows.start, "000001");
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_med_rows", ctl, rows));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rows.total));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rows.row_count));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rows.row[0].seq));
    CPPUNIT_ASSERT_EQUAL(std::string("150254010"), get(rows.row[0].code));
    CPPUNIT_ASSERT_EQUAL(std::string("50"), get(rows.row[0].category));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rows.row[0].surgery));

    onshi_link_med_pdf_rec pdf;
    blank(pdf);
    put(pdf.info_id, info);
    put(pdf.kind, "T");
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_med_pdf", ctl, pdf));
    CPPUNIT_ASSERT_EQUAL(13LL, num(pdf.total));
    CPPUNIT_ASSERT_EQUAL(13LL, num(pdf.length));
    CPPUNIT_ASSERT_EQUAL(std::string("JVBERi0xLjQKJeLjCg=="), get(pdf.data));
    put(pdf.offset, "0000000010");
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_med_pdf", ctl, pdf));
    CPPUNIT_ASSERT_EQUAL(3LL, num(pdf.length));
    CPPUNIT_ASSERT_EQUAL(std::string("4uMK"), get(pdf.data));
    // Another kind's answer of that number is not this one; an unknown one is refused.
    put(rows.kind, "D");
    put(rows.info_id, "999999");
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_med_rows", ctl, rows));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6009"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(
        std::string("4"),
        f.value("SELECT count(*) FROM onshi_audit WHERE info_kind = 'diagnosis' AND "
                "action = 'view' AND userid = 'clerk1' AND info_id = " +
                info));
    // Without the drug permission the diagnosis permission is not enough.
    permit(f, "0", "0");  // blank diagnosis_view keeps it
    onshi_link_adm_staff_rec staff;
    blank(staff);
    put(staff.action, "G");
    put(staff.target_userid, "clerk1");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_staff", ctl, staff));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(staff.diagnosis_view));
    ctl = f.ctl("clerk1");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_med_pdf", ctl, pdf));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6029"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         f.value("SELECT count(*) FROM onshi_audit WHERE info_kind = 'diagnosis' "
                                 "AND detail = 'refused: no permission'"));
  }

  void testFacilitySettings() {
    HookFixture f;
    onshi_link_adm_facility_rec rec;
    blank(rec);
    put(rec.action, "G");
    onshi_link_ctl_rec ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.enabled));
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"), get(rec.institution_code));
    CPPUNIT_ASSERT_EQUAL(f.share(), get(rec.share_dir));
    CPPUNIT_ASSERT_EQUAL(std::string("12"), get(rec.retention_months));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.home_visit));  // off by default
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.online_care));

    put(rec.action, "S");
    put(rec.retention_months, "03");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6016"), get(ctl.msgid));
    put(rec.retention_months, "06");
    put(rec.batch_time, "14:30");
    put(rec.after_import, "move");
    put(rec.move_dir, "/srv/oqs-archive");
    put(rec.home_visit, "1");
    put(rec.online_care, "");  // blank keeps what is stored
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(
        std::string("6|14:30:00|move|ormaster|true|false"),
        f.value("SELECT retention_months || '|' || batch_time || '|' || after_import "
                "|| '|' || updated_by || '|' || home_visit || '|' || online_care FROM "
                "onshi_facility WHERE hospnum = 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.home_visit));
    put(rec.action, "D");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("f"),
                         f.value("SELECT enabled FROM onshi_facility WHERE hospnum = 1"));
    onshi_link_ctl_rec other = f.ctl("ormaster2");  // facility 2's administrator
    put(other.hospnum, "0002");
    blank(rec);
    put(rec.action, "G");
    CPPUNIT_ASSERT_EQUAL(4, f.call("onshi_link_adm_facility", other, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6002"), get(other.msgid));
  }

  void testStaffAndPassword() {
    HookFixture f;
    permit(f, "1", "1");
    onshi_link_adm_staff_rec s;
    blank(s);
    put(s.action, "G");
    put(s.target_userid, "clerk1");
    onshi_link_ctl_rec ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_staff", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("11"), get(s.drug_view) + get(s.checkup_view));
    put(s.action, "S");
    put(s.drug_view, "Y");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_staff", ctl, s));
    put(s.drug_view, "0");
    put(s.target_userid, "ghost");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_staff", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6015"), get(ctl.msgid));

    onshi_link_adm_password_rec p;
    blank(p);
    put(p.password, "short");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_password", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.password));  // cleared even when refused
    put(p.password, "Secret-Pass-2026");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_adm_password", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.password));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         f.value("SELECT password_hash = crypt('Secret-Pass-2026', password_hash) "
                                 "FROM onshi_plugin_password WHERE hospnum = 1"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookMedicalAdminTest);

}  // namespace onshi::test
