// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The pre-fill way of applying a result (issue 14; ORCA's own, spec/orca52-host.md 6.2) on the
// ORCA 5.2-shaped host: in a facility whose apply mode is prefill, change/add/limit write no
// host row but a pending pre-fill holding what the direct apply would write; registration then
// saves the rows (written here as ORCA's registration writes them, with plugin/host/orca_rows)
// and tells us (insurance_saved): the rows are compared (differences kept), the result applied
// and audited like a direct apply (and undone like one). Cancel; nochange and direct mode
// unchanged; the setting through onshi-admin.
#include "exchange/prefill.h"

#include <cppunit/extensions/HelperMacros.h>

#include "admin/apply_command.h"
#include "admin/db_commands.h"
#include "common/clock.h"
#include "db/flow_env.h"
#include "host/orca_rows.h"
#include "store/insurance_apply.h"
#include "store/prefill.h"

namespace onshi::test {

using exchange::ApplyRefusal;

class PrefillTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PrefillTest);
  CPPUNIT_TEST(testChangePendingThenSaved);
  CPPUNIT_TEST(testAddSavedWithDifferences);
  CPPUNIT_TEST(testBothModesAgree);
  CPPUNIT_TEST(testLimitCancelAndSave);
  CPPUNIT_TEST(testDirectModeAndNoChangeUnchanged);
  CPPUNIT_TEST(testAdminSetting);
  CPPUNIT_TEST_SUITE_END();

  static constexpr long long kTaro = 101;

  /// The patient's rows of the tables an apply touches, as the server prints them.
  static std::string dump(FlowEnv& e, long long ptid = kTaro) {
    std::string out;
    for (const char* t :
         {"tbl_ptnum", "tbl_pthkninf", "tbl_pthknrrk", "tbl_hkncombi", "tbl_ptkohinf"})
      out += std::string(t) + ":" +
             e.q(std::string("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') "
                             "FROM ") +
                 t + " t WHERE hospnum = 1 AND ptid = " + std::to_string(ptid)) +
             "\n";
    return out;
  }

  static long long taro_result(FlowEnv& e) {
    e.check_in("taro");
    return std::stoll(
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation "
            "WHERE birthdate = '19800415' AND link_state = 'linked'"));
  }

  static void set_result(FlowEnv& e, long long id, const std::string& assignments) {
    e.conn->exec("UPDATE onshi_confirmation SET " + assignments +
                 " WHERE confirmation_id = " + std::to_string(id));
  }

  static std::string today(FlowEnv& e) { return e.q("SELECT to_char(current_date, 'YYYYMMDD')"); }

  static std::string resolution(FlowEnv& e, long long id) {
    return e.q("SELECT coalesce(resolution, '-') FROM onshi_confirmation WHERE confirmation_id = " +
               std::to_string(id));
  }

  static std::string prefill_state(FlowEnv& e, long long prefill_id) {
    return e.q("SELECT state FROM onshi_prefill WHERE prefill_id = " + std::to_string(prefill_id));
  }

  static ApplyRefusal refusal(FlowEnv& e, long long id, const std::string& mode) {
    try {
      exchange::apply_insurance(*e.conn, 1, id, mode, "clerk1");
    } catch (const exchange::ApplyRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("applied");
    return ApplyRefusal::bad_mode;
  }

  static ApplyRefusal saved_refusal(FlowEnv& e, long long ptid, long long prefill_id,
                                    long long hknid) {
    try {
      exchange::insurance_saved(*e.conn, 1, ptid, prefill_id, hknid, {}, "clerk1");
    } catch (const exchange::ApplyRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("saved");
    return ApplyRefusal::bad_mode;
  }

  /// ORCA's registration (ORCGP029) saving a changed insurance in place from the screen's
  /// values: the row, confirmed today (the previous date into the history), its combinations.
  static void registration_changes(FlowEnv& e, const host::ProposedInsurance& i,
                                   const std::string& edaban) {
    e.conn->exec(
        "INSERT INTO tbl_pthknrrk (hospnum, ptid, hknid, rennum, kakuninymd, termid, opid, "
        "  creymd, upymd, uphms) "
        "SELECT hospnum, ptid, hknid, coalesce((SELECT max(r.rennum) FROM tbl_pthknrrk r "
        "  WHERE r.hospnum = h.hospnum AND r.ptid = h.ptid AND r.hknid = h.hknid), 0) + 1, "
        "  kakuninymd, '', 'orca', to_char(current_date, 'YYYYMMDD'), "
        "  to_char(current_date, 'YYYYMMDD'), '120000' FROM tbl_pthkninf h "
        "WHERE hospnum = 1 AND ptid = 101 AND hknid = $1::bigint AND btrim(kakuninymd) <> ''",
        {i.hknid});
    e.conn->exec(
        "UPDATE tbl_pthkninf SET hknnum = $2, hknjanum = $3, kigo = $4, num = $5, edaban = $6, "
        "  honkzkkbn = $7, hojokbn = $8, hihknjaname = $9, skkgetymd = $10, tekstymd = $11, "
        "  tekedymd = $12, kakuninymd = to_char(current_date, 'YYYYMMDD'), opid = 'orca', "
        "  upymd = to_char(current_date, 'YYYYMMDD'), uphms = '120000' "
        "WHERE hospnum = 1 AND ptid = 101 AND hknid = $1::bigint",
        {i.hknid, i.hknnum, i.insurer, i.symbol, i.number, edaban, i.family, i.hojokbn,
         i.insured_name, i.acquired, i.from, i.to});
    e.conn->exec(
        "UPDATE tbl_hkncombi SET hknnum = $2, honkzkkbn = $3, hojokbn = $4, tekstymd = $5, "
        "  tekedymd = $6 WHERE hospnum = 1 AND ptid = 101 AND hknid = $1::bigint",
        {i.hknid, i.hknnum, i.family, i.hojokbn, i.from, i.to});
  }

  /// ... saving an added insurance: hknid = tbl_ptnum.hknid + 1, with its combination.
  static long long registration_adds(FlowEnv& e, const host::ProposedInsurance& i,
                                     const std::string& edaban) {
    const long long hknid =
        std::stoll(e.q("UPDATE tbl_ptnum SET hknid = hknid + 1, autocombinum = autocombinum + 1 "
                       "WHERE hospnum = 1 AND ptid = 101 RETURNING hknid"));
    const int combi =
        std::stoi(e.q("SELECT autocombinum FROM tbl_ptnum WHERE hospnum = 1 AND "
                      "ptid = 101"));
    host::NewInsurance n;
    n.hknid = hknid;
    n.hkncombinum = combi;
    n.hknnum = i.hknnum;
    n.insurer = i.insurer;
    n.hojokbn = i.hojokbn;
    n.family = i.family;
    n.insured_name = i.insured_name;
    n.symbol = i.symbol;
    n.number = i.number;
    n.branch = edaban;
    n.acquired = i.acquired;
    n.from = i.from;
    n.to = i.to;
    host::insert_insurance(*e.conn, 1, kTaro, n, local_date8(), "120000", "orca");
    return hknid;
  }

 public:
  void testChangePendingThenSaved() {
    FlowEnv e;
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    const long long id = taro_result(e);
    set_result(e, id,
               "card_symbol = 'AB', card_number = '99999', branch_number = '01', "
               "personal_family = '2', contribution_ratio = '020', qualification_date = "
               "'20250401', insured_name = '保険　花子', returned = returned || "
               "'{\"InsuredCardValidDate\": \"20250401\", \"InsuredCardExpirationDate\": "
               "\"20270331\"}'");
    e.conn->exec(
        "UPDATE tbl_pthkninf SET kakuninymd = '20250301' WHERE hospnum = 1 AND ptid = 101");
    const std::string before = dump(e);
    const std::string audits = e.q("SELECT count(*) FROM onshi_audit");

    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "change", "clerk1", kTaro);
    CPPUNIT_ASSERT(a.prefill_id > 0);
    CPPUNIT_ASSERT_EQUAL(0LL, a.audit_id);
    CPPUNIT_ASSERT_EQUAL(1LL, a.hknid);
    // Nothing written: host rows, resolution and audit as before; the pre-fill pending.
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    CPPUNIT_ASSERT_EQUAL(std::string("-"), resolution(e, id));
    CPPUNIT_ASSERT_EQUAL(audits, e.q("SELECT count(*) FROM onshi_audit"));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), prefill_state(e, a.prefill_id));
    // What the screen shows: the changed card as the direct apply writes it (full-width symbol
    // and number, the copay class of 20 %, the card's dates), on the same insurance.
    const exchange::PrefillView v =
        exchange::get_prefill(*e.conn, 1, std::nullopt, std::nullopt, kTaro);
    CPPUNIT_ASSERT_EQUAL(a.prefill_id, v.prefill.prefill_id);
    CPPUNIT_ASSERT_EQUAL(std::string("change"), v.prefill.mode);
    CPPUNIT_ASSERT(v.proposal.insurance.has_value());
    const host::ProposedInsurance& i = *v.proposal.insurance;
    CPPUNIT_ASSERT(!i.is_new);
    CPPUNIT_ASSERT_EQUAL(1LL, i.hknid);
    CPPUNIT_ASSERT_EQUAL("006|06139999|ＡＢ|９９９９９|01|2|8|20250401|20250401|20270331|" +
                             today(e) + "|保険　花子",
                         i.hknnum + "|" + i.insurer + "|" + i.symbol + "|" + i.number + "|" +
                             i.branch + "|" + i.family + "|" + i.hojokbn + "|" + i.acquired + "|" +
                             i.from + "|" + i.to + "|" + i.confirmed + "|" + i.insured_name);
    CPPUNIT_ASSERT(v.proposal.ended.empty());
    CPPUNIT_ASSERT(v.proposal.public_expense.empty());
    // While it waits, the result is applied neither way, nor saved for another patient.
    CPPUNIT_ASSERT(ApplyRefusal::prefill_pending == refusal(e, id, "change"));
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "direct"));
    CPPUNIT_ASSERT(ApplyRefusal::prefill_pending == refusal(e, id, "add"));
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    CPPUNIT_ASSERT(ApplyRefusal::no_prefill == saved_refusal(e, 102, 0, 1));
    CPPUNIT_ASSERT(ApplyRefusal::other_patient == saved_refusal(e, 102, a.prefill_id, 1));
    CPPUNIT_ASSERT_EQUAL(before, dump(e));

    // Registration saves what the screen showed; the host says so.
    registration_changes(e, i, i.branch);
    const exchange::PrefillSaved s =
        exchange::insurance_saved(*e.conn, 1, kTaro, 0, 1, {}, "doctor1");
    CPPUNIT_ASSERT_EQUAL(a.prefill_id, s.prefill_id);
    CPPUNIT_ASSERT_EQUAL(id, s.confirmation_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), s.differences.size());
    CPPUNIT_ASSERT_EQUAL(std::string("saved|doctor1|1|[]|") + std::to_string(s.audit_id),
                         e.q("SELECT concat_ws('|', state, closed_by, saved_hknid, differences, "
                             "audit_id) FROM onshi_prefill WHERE prefill_id = " +
                             std::to_string(a.prefill_id)));
    CPPUNIT_ASSERT_EQUAL(std::string("applied|doctor1|change"),
                         e.q("SELECT concat_ws('|', resolution, resolved_by, resolution_note) "
                             "FROM onshi_confirmation WHERE confirmation_id = " +
                             std::to_string(id)));
    // Audited as a direct apply: who, the mode, the rows before (when the pre-fill was made)
    // and after; so the same undo puts the rows back.
    CPPUNIT_ASSERT_EQUAL(std::string("apply|insurance|change|101|doctor1|t"),
                         e.q("SELECT concat_ws('|', action, info_kind, apply_mode, ptid, userid, "
                             "detail LIKE '%pre-fill%as proposed') FROM onshi_audit "
                             "WHERE audit_id = " +
                             std::to_string(s.audit_id)));
    CPPUNIT_ASSERT(ApplyRefusal::prefill_closed == saved_refusal(e, kTaro, a.prefill_id, 1));
    CPPUNIT_ASSERT(ApplyRefusal::no_prefill == saved_refusal(e, kTaro, 0, 1));
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, id, "change"));
    exchange::undo_insurance_apply(*e.conn, 1, s.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    CPPUNIT_ASSERT_EQUAL(std::string("-"), resolution(e, id));
  }

  void testAddSavedWithDifferences() {
    FlowEnv e;
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    const long long id = taro_result(e);
    set_result(e, id,
               "insurer_number = '138998', card_symbol = '千架', card_number = '777', "
               "branch_number = '02', personal_family = '1', contribution_ratio = '030', "
               "qualification_date = '20250501', returned = returned - 'InsuredCardValidDate'");
    const std::string before = dump(e);
    const std::string yesterday = e.q("SELECT to_char(current_date - 1, 'YYYYMMDD')");
    const exchange::InsuranceApplied a = exchange::apply_insurance(*e.conn, 1, id, "add", "clerk1");
    CPPUNIT_ASSERT(a.prefill_id > 0);
    CPPUNIT_ASSERT_EQUAL(1LL, a.ended_hknid);
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    const exchange::PrefillView v =
        exchange::get_prefill(*e.conn, 1, std::nullopt, id, std::nullopt);
    CPPUNIT_ASSERT(v.proposal.insurance && v.proposal.insurance->is_new);
    const host::ProposedInsurance& i = *v.proposal.insurance;
    CPPUNIT_ASSERT_EQUAL("060|138998|千架|７７７|02|1|3|20250501|" + today(e) + "|99999999",
                         i.hknnum + "|" + i.insurer + "|" + i.symbol + "|" + i.number + "|" +
                             i.branch + "|" + i.family + "|" + i.hojokbn + "|" + i.acquired + "|" +
                             i.from + "|" + i.to);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), v.proposal.ended.size());
    CPPUNIT_ASSERT_EQUAL(1LL, v.proposal.ended[0].hknid);
    CPPUNIT_ASSERT_EQUAL(yesterday, v.proposal.ended[0].to);

    // Staff typed another branch number on the screen and did not end the old insurance.
    const long long hknid = registration_adds(e, i, "03");
    const exchange::PrefillSaved s =
        exchange::insurance_saved(*e.conn, 1, kTaro, a.prefill_id, hknid, {}, "clerk1");
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.differences.size());
    const std::string h = std::to_string(hknid);
    CPPUNIT_ASSERT_EQUAL("tbl_pthkninf|" + h + "|edaban|02|03",
                         s.differences[0].table + "|" + s.differences[0].key + "|" +
                             s.differences[0].field + "|" + s.differences[0].proposed + "|" +
                             s.differences[0].saved);
    CPPUNIT_ASSERT_EQUAL("tbl_pthkninf|1|tekedymd|" + yesterday + "|99999999",
                         s.differences[1].table + "|" + s.differences[1].key + "|" +
                             s.differences[1].field + "|" + s.differences[1].proposed + "|" +
                             s.differences[1].saved);
    // Kept, shown again, and audited; the result is applied all the same (the host saved it).
    CPPUNIT_ASSERT_EQUAL(std::string("saved|2"),
                         e.q("SELECT concat_ws('|', state, jsonb_array_length(differences)) "
                             "FROM onshi_prefill WHERE prefill_id = " +
                             std::to_string(a.prefill_id)));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2),
                         exchange::get_prefill(*e.conn, 1, a.prefill_id, std::nullopt, std::nullopt)
                             .differences.size());
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.q("SELECT detail LIKE '%2 difference(s)%' FROM onshi_audit "
                             "WHERE audit_id = " +
                             std::to_string(s.audit_id)));
    CPPUNIT_ASSERT_EQUAL(std::string("applied"), resolution(e, id));
  }

  void testBothModesAgree() {
    // The pre-fill proposes exactly what the direct apply writes (same computations).
    FlowEnv e;
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    const long long id = taro_result(e);
    set_result(e, id,
               "insurer_number = '138998', card_symbol = '千架', card_number = '777', "
               "branch_number = '02', personal_family = '2', contribution_ratio = '030', "
               "insured_name = '保険　太郎', qualification_date = '20250501'");
    const exchange::InsuranceApplied p = exchange::apply_insurance(*e.conn, 1, id, "add", "clerk1");
    const host::ProposedInsurance i =
        *exchange::get_prefill(*e.conn, 1, p.prefill_id, std::nullopt, std::nullopt)
             .proposal.insurance;
    exchange::cancel_prefill(*e.conn, 1, p.prefill_id, std::nullopt, std::nullopt, "clerk1");
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "direct"));
    const exchange::InsuranceApplied d = exchange::apply_insurance(*e.conn, 1, id, "add", "clerk1");
    CPPUNIT_ASSERT_EQUAL(0LL, d.prefill_id);
    CPPUNIT_ASSERT_EQUAL(i.hknnum + "|" + i.insurer + "|" + i.symbol + "|" + i.number + "|" +
                             i.branch + "|" + i.family + "|" + i.hojokbn + "|" + i.insured_name +
                             "|" + i.acquired + "|" + i.from + "|" + i.to + "|" + i.confirmed,
                         e.q("SELECT concat_ws('|', hknnum, rtrim(hknjanum), kigo, num, edaban, "
                             "honkzkkbn, hojokbn, hihknjaname, skkgetymd, tekstymd, tekedymd, "
                             "kakuninymd) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101 "
                             "AND hknid = " +
                             std::to_string(d.hknid)));
  }

  void testLimitCancelAndSave() {
    FlowEnv e;
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    e.check_in("hanako");  // patient 102: limit certificate 01/A03 with the limit consent
    const long long id = std::stoll(
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE birthdate = '19850707' "
            "AND link_state = 'linked'"));
    const std::string month = e.q("SELECT to_char(current_date, 'YYYYMM')");
    const std::string next_year = e.q("SELECT to_char(current_date + interval '1 year', 'YYYY')");
    e.conn->exec("UPDATE onshi_certificate_detail SET valid_start = '" + month +
                 "10', valid_end = '" + next_year + "0715' WHERE kind = 'limit' AND " +
                 "confirmation_id = " + std::to_string(id));
    const std::string before = dump(e, 102);
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "limit", "clerk1", 102);
    CPPUNIT_ASSERT(a.prefill_id > 0);
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));
    exchange::PrefillView v = exchange::get_prefill(*e.conn, 1, std::nullopt, std::nullopt, 102);
    CPPUNIT_ASSERT(!v.proposal.insurance);  // the insurance stays; the certificate goes with it
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), v.proposal.public_expense.size());
    const host::ProposedPublicExpense& k = v.proposal.public_expense[0];
    CPPUNIT_ASSERT(k.is_new);
    CPPUNIT_ASSERT_EQUAL("967|01|ウ|" + month + "01|" + next_year + "0731",
                         k.kohnum + "|" + k.paykbn + "|" + k.jkysnum + "|" + k.from + "|" + k.to);

    // Cancelled: closed and audited, nothing written; the result may be applied again.
    const store::Prefill c =
        exchange::cancel_prefill(*e.conn, 1, std::nullopt, id, std::nullopt, "clerk1");
    CPPUNIT_ASSERT_EQUAL(a.prefill_id, c.prefill_id);
    CPPUNIT_ASSERT_EQUAL(std::string("cancelled|clerk1"),
                         e.q("SELECT concat_ws('|', state, closed_by) FROM onshi_prefill "
                             "WHERE prefill_id = " +
                             std::to_string(a.prefill_id)));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'change' AND "
                             "info_kind = 'insurance' AND detail LIKE '%cancelled'"));
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));
    CPPUNIT_ASSERT_EQUAL(std::string("-"), resolution(e, id));
    try {
      exchange::cancel_prefill(*e.conn, 1, a.prefill_id, std::nullopt, std::nullopt, "clerk1");
      CPPUNIT_FAIL("cancelled twice");
    } catch (const exchange::ApplyRefused& x) {
      CPPUNIT_ASSERT(ApplyRefusal::prefill_closed == x.reason());
    }
    CPPUNIT_ASSERT(ApplyRefusal::no_prefill == saved_refusal(e, 102, 0, 0));

    // Applied again; registration writes the certificate row and its combination as ORCA does.
    const exchange::InsuranceApplied again =
        exchange::apply_insurance(*e.conn, 1, id, "limit", "clerk1", 102);
    CPPUNIT_ASSERT(again.prefill_id > a.prefill_id);
    const long long kohid =
        std::stoll(e.q("UPDATE tbl_ptnum SET kohid = kohid + 1, autocombinum = autocombinum + 1 "
                       "WHERE hospnum = 1 AND ptid = 102 RETURNING kohid"));
    host::insert_row(*e.conn, "tbl_ptkohinf",
                     {{"hospnum", 1},
                      {"ptid", 102LL},
                      {"kohid", kohid},
                      {"kohnum", k.kohnum},
                      {"paykbn", k.paykbn},
                      {"jkysnum", k.jkysnum},
                      {"tekstymd", k.from},
                      {"tekedymd", k.to},
                      {"opid", "orca"},
                      {"creymd", local_date8()},
                      {"upymd", local_date8()},
                      {"uphms", "120000"}},
                     {"ftnjanum", "kakuninymd", "sakjokbn", "termid", "tekedchkkbn"}, {});
    const long long hknid = v.proposal.hknid;
    CPPUNIT_ASSERT(hknid > 0);
    const std::string combi =
        e.q("SELECT autocombinum FROM tbl_ptnum WHERE hospnum = 1 AND "
            "ptid = 102");
    host::insert_combination(*e.conn, 1, 102, std::stoi(combi), hknid,
                             e.q("SELECT hknnum FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = "
                                 "102 AND hknid = " +
                                 std::to_string(hknid)),
                             "1", "", kohid, k.kohnum, k.paykbn, k.from, k.to, local_date8(),
                             "120000", "orca");
    const exchange::PrefillSaved s =
        exchange::insurance_saved(*e.conn, 1, 102, 0, 0, {kohid}, "clerk1");
    CPPUNIT_ASSERT_EQUAL(again.prefill_id, s.prefill_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), s.differences.size());
    CPPUNIT_ASSERT_EQUAL(std::string("applied"), resolution(e, id));
    CPPUNIT_ASSERT_EQUAL("{" + std::to_string(kohid) + "}",
                         e.q("SELECT saved_kohids FROM onshi_prefill WHERE prefill_id = " +
                             std::to_string(s.prefill_id)));
  }

  void testDirectModeAndNoChangeUnchanged() {
    FlowEnv e;
    CPPUNIT_ASSERT_EQUAL(std::string("direct"), store::apply_mode_setting(*e.conn, 1));
    const long long id = taro_result(e);
    set_result(e, id, "card_number = '424242', branch_number = '01'");
    const exchange::InsuranceApplied d =
        exchange::apply_insurance(*e.conn, 1, id, "change", "clerk1");
    CPPUNIT_ASSERT_EQUAL(0LL, d.prefill_id);
    CPPUNIT_ASSERT(d.audit_id > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("４２４２４２|01"),
                         e.q("SELECT num || '|' || edaban FROM tbl_pthkninf WHERE hospnum = 1 "
                             "AND ptid = 101 AND hknid = 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_prefill"));
    exchange::undo_insurance_apply(*e.conn, 1, d.audit_id, "clerk1");
    // In prefill mode "no change" is still written directly, as ORCA's P033 does.
    set_result(e, id, "card_number = '56789', branch_number = '00'");
    CPPUNIT_ASSERT(store::set_apply_mode(*e.conn, 1, "prefill"));
    e.conn->exec(
        "UPDATE tbl_pthkninf SET kakuninymd = '20250101' WHERE hospnum = 1 AND ptid = 101");
    const exchange::InsuranceApplied n =
        exchange::apply_insurance(*e.conn, 1, id, "nochange", "clerk1");
    CPPUNIT_ASSERT_EQUAL(0LL, n.prefill_id);
    CPPUNIT_ASSERT(n.audit_id > 0);
    CPPUNIT_ASSERT_EQUAL(today(e), e.q("SELECT kakuninymd FROM tbl_pthkninf WHERE hospnum = 1 "
                                       "AND ptid = 101 AND hknid = 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_prefill"));
  }

  void testAdminSetting() {
    FlowEnv e;
    AdminRun r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--apply-mode", "prefill"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("prefill"), store::apply_mode_setting(*e.conn, 1));
    r = run_admin(e, admin::run_status, {"--hospnum", "1"});
    CPPUNIT_ASSERT(r.out.find("pre-filled") != std::string::npos);
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--apply-mode", "later"});
    CPPUNIT_ASSERT_EQUAL(64, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("prefill"), store::apply_mode_setting(*e.conn, 1));
    // Other settings keep it.
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--retention-months", "8"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("prefill"), store::apply_mode_setting(*e.conn, 1));
    // onshi-admin apply in prefill mode stores the pre-fill and says so; nothing is written.
    const long long id = taro_result(e);
    set_result(e, id, "card_number = '424242'");
    const std::string before = dump(e);
    r = run_admin(e, admin::run_apply,
                  {std::to_string(id), "change", "--hospnum", "1", "--staff", "clerk1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    const std::string pid = e.q("SELECT prefill_id FROM onshi_prefill WHERE state = 'pending'");
    CPPUNIT_ASSERT(r.out.find("pre-fill " + pid + " stored") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    r = run_admin(e, admin::run_apply,
                  {std::to_string(id), "change", "--hospnum", "1", "--staff", "clerk1"});
    CPPUNIT_ASSERT_EQUAL(65, r.status);
    CPPUNIT_ASSERT(r.err.find("prefill_pending") != std::string::npos);
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--apply-mode", "direct"});
    CPPUNIT_ASSERT_EQUAL(std::string("direct"), store::apply_mode_setting(*e.conn, 1));
    // Automatic certificates and prefill exclude each other, in either order.
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--auto-certificates", "yes"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--apply-mode", "prefill"});
    CPPUNIT_ASSERT_EQUAL(64, r.status);
    CPPUNIT_ASSERT(r.err.find("cannot be used together") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("direct"), store::apply_mode_setting(*e.conn, 1));
    r = run_admin(e, admin::run_enable,
                  {"--hospnum", "1", "--auto-certificates", "no", "--apply-mode", "prefill"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("prefill"), store::apply_mode_setting(*e.conn, 1));
    r = run_admin(e, admin::run_enable, {"--hospnum", "1", "--auto-certificates", "yes"});
    CPPUNIT_ASSERT_EQUAL(64, r.status);
    CPPUNIT_ASSERT(!store::auto_certificates(*e.conn, 1));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrefillTest);

}  // namespace onshi::test
