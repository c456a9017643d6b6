// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/written_consent.h"

#include "db/connection.h"
#include "host/patients.h"
#include "host/staff.h"
#include "model/validate.h"
#include "store/medical_info.h"
#include "store/written_consent.h"

namespace onshi::exchange {
namespace {

bool digits(const std::string& s) {
  return s.find_first_not_of("0123456789") == std::string::npos;
}

/// YYYYMMDDHHMMSS that is a real local time.
bool is_timestamp(const std::string& s) {
  if (s.size() != 14 || !digits(s) || !model::is_valid_date8(s.substr(0, 8))) return false;
  const int h = std::stoi(s.substr(8, 2)), m = std::stoi(s.substr(10, 2)),
            sec = std::stoi(s.substr(12, 2));
  return h < 24 && m < 60 && sec < 60;
}

}  // namespace

bool consent_may_be_written(std::string_view type) {
  return type == "pharmacists" || type == "specific_health_checkups" || type == "diagnosis" ||
         type == "operation";
}

const char* written_consent_refusal_name(WrittenConsentRefusal r) {
  switch (r) {
    case WrittenConsentRefusal::no_patient:
      return "no_patient";
    case WrittenConsentRefusal::test_patient:
      return "test_patient";
    case WrittenConsentRefusal::unknown_staff:
      return "unknown_staff";
    case WrittenConsentRefusal::not_in_writing:
      return "not_in_writing";
    case WrittenConsentRefusal::bad_time:
      return "bad_time";
  }
  return "?";
}

WrittenConsent record_written_consent(db::Connection& conn, int hospnum, long long ptid,
                                      const std::string& type, const std::string& given_at,
                                      const std::string& userid) {
  const std::optional<std::string> test = host::test_patient_flag(conn, hospnum, ptid);
  if (!test) throw WrittenConsentRefused(WrittenConsentRefusal::no_patient, "no such patient");
  if (*test == "1")
    throw WrittenConsentRefused(WrittenConsentRefusal::test_patient,
                                "a test patient's consent is never recorded");
  if (userid.empty() || !host::staff_member(conn, hospnum, userid))
    throw WrittenConsentRefused(WrittenConsentRefusal::unknown_staff,
                                "the recording user is not a staff member of this facility");
  auto refuse = [&](WrittenConsentRefusal r, const std::string& why) {
    store::insert_audit(conn, hospnum, userid, "refused", "consent", ptid, std::nullopt,
                        "written consent " + type + " refused: " + why);
    return WrittenConsentRefused(r, why);
  };
  if (!consent_may_be_written(type))
    throw refuse(WrittenConsentRefusal::not_in_writing,
                 "consent type \"" + type +
                     "\" cannot be given in writing (pharmacists, specific_health_checkups, "
                     "diagnosis or operation can)");
  std::string given = given_at;
  if (given.size() == 8) given += "000000";
  if (given.empty()) {
    given = conn.exec("SELECT to_char(localtimestamp, 'YYYYMMDDHH24MISS') AS now").text(0, 0);
  } else if (!is_timestamp(given)) {
    throw refuse(WrittenConsentRefusal::bad_time,
                 "the consent time \"" + given_at + "\" is not YYYYMMDDHHMMSS or YYYYMMDD");
  }
  db::Result when = conn.exec(
      "SELECT t > localtimestamp AS future, "
      "  t + make_interval(hours => $2::int) <= localtimestamp AS expired "
      "FROM (SELECT to_timestamp($1, 'YYYYMMDDHH24MISS')::timestamp AS t) g",
      {given, kWrittenConsentHours});
  if (when.text(0, when.column("future")) == "t")
    throw refuse(WrittenConsentRefusal::bad_time,
                 "the consent time " + given + " is in the future");
  if (when.text(0, when.column("expired")) == "t")
    throw refuse(WrittenConsentRefusal::bad_time,
                 "a consent given at " + given + " would already have expired (it holds " +
                     std::to_string(kWrittenConsentHours) + " hours)");
  const store::RecordedConsent r =
      store::insert_written_consent(conn, hospnum, ptid, type, given, kWrittenConsentHours, userid);
  store::insert_audit(conn, hospnum, userid, "change", "consent", ptid, r.written_id,
                      "written consent " + type + " given " + given + ", available until " +
                          r.until + " (written consent " + std::to_string(r.written_id) + ")");
  return {r.written_id, given, r.until};
}

}  // namespace onshi::exchange
