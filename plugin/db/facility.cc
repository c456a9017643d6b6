// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/facility.h"

#include <cctype>

#include "common/path.h"
#include "db/connection.h"
#include "db/transaction.h"
#include "host/staff.h"

namespace onshi::db {

UnknownFacilityError::UnknownFacilityError(int hospnum, const std::string& detail)
    : Error("unknown facility hospnum " + std::to_string(hospnum) + ": " + detail),
      hospnum_(hospnum) {}

FacilityDisabledError::FacilityDisabledError(int hospnum)
    : Error("onshi-link is disabled for facility hospnum " + std::to_string(hospnum) +
            " (onshi-admin enable --hospnum " + std::to_string(hospnum) + " ...)"),
      hospnum_(hospnum) {}

namespace {

const char* const kColumns =
    "hospnum, enabled, institution_code, share_dir, req_dir, res_dir, face_dir, emr_dir, "
    "request_encoding, to_char(batch_time, 'HH24:MI'), retention_months, after_import, move_dir, "
    "medical_info_format, poll_interval_ms, answer_timeout_s, max_attempts, face_files, "
    "predecessor_code, home_visit, online_care";

FacilitySettings from_row(const Result& r, int row) {
  FacilitySettings s;
  s.hospnum = static_cast<int>(r.integer(row, 0));
  s.enabled = r.text(row, 1) == "t";
  s.institution_code = r.text(row, 2);
  s.share_dir = r.text(row, 3);
  s.req_dir = r.optional(row, 4);
  s.res_dir = r.optional(row, 5);
  s.face_dir = r.optional(row, 6);
  s.emr_dir = r.optional(row, 7);
  s.request_encoding = r.text(row, 8);
  s.batch_time = r.text(row, 9);
  s.retention_months = static_cast<int>(r.integer(row, 10));
  s.after_import = r.text(row, 11);
  s.move_dir = r.optional(row, 12);
  s.medical_info_format = r.text(row, 13);
  s.poll_interval_ms = static_cast<int>(r.integer(row, 14));
  s.answer_timeout_s = static_cast<int>(r.integer(row, 15));
  s.max_attempts = static_cast<int>(r.integer(row, 16));
  s.face_files = r.text(row, 17);
  s.predecessor_code = r.optional(row, 18);
  s.home_visit = r.text(row, 19) == "t";
  s.online_care = r.text(row, 20) == "t";
  return s;
}

std::vector<FacilitySettings> load(Connection& conn, const std::string& where) {
  Result r = conn.exec(std::string("SELECT ") + kColumns + " FROM onshi_facility " + where +
                       " ORDER BY hospnum");
  std::vector<FacilitySettings> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(from_row(r, i));
  return out;
}

bool all_digits(const std::string& s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

void check_path(const char* name, const std::optional<std::string>& p) {
  if (!p) return;
  if (!is_absolute_path(*p))
    throw FacilitySettingsError(std::string(name) + " must be an absolute path: \"" + *p + "\"");
  if (has_parent_component(*p))
    throw FacilitySettingsError(std::string(name) + " must not contain \"..\": \"" + *p + "\"");
}

Param opt(const std::optional<std::string>& v) {
  return v ? Param(*v) : Param();
}

}  // namespace

std::optional<std::string> host_institution_code(Connection& conn, int hospnum) {
  return host::institution_code(conn, hospnum);
}

std::optional<FacilitySettings> find_facility(Connection& conn, int hospnum) {
  auto v = load(conn, "WHERE hospnum = " + std::to_string(hospnum));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<FacilitySettings> load_all_facilities(Connection& conn) {
  return load(conn, "");
}

std::vector<FacilitySettings> load_enabled_facilities(Connection& conn) {
  return load(conn, "WHERE enabled");
}

FacilitySettings load_enabled_facility(Connection& conn, int hospnum) {
  auto s = find_facility(conn, hospnum);
  if (!s) throw UnknownFacilityError(hospnum, "onshi-link was never enabled for it");
  if (!s->enabled) throw FacilityDisabledError(hospnum);
  return *s;
}

void validate_settings(const FacilitySettings& s) {
  if (s.hospnum <= 0) throw FacilitySettingsError("hospnum must be a positive number");
  if (s.institution_code.size() != 10 || !all_digits(s.institution_code))
    throw FacilitySettingsError("institution code must be 10 digits: \"" + s.institution_code +
                                "\"");
  if (s.predecessor_code) {
    const std::string& p = *s.predecessor_code;
    if (p.size() != 10 || !all_digits(p))
      throw FacilitySettingsError("predecessor institution code must be 10 digits: \"" + p + "\"");
    if (p == s.institution_code)
      throw FacilitySettingsError("predecessor institution code " + p +
                                  " is the facility's own institution code");
  }
  check_path("share directory", s.share_dir);
  check_path("req directory", s.req_dir);
  check_path("res directory", s.res_dir);
  check_path("face directory", s.face_dir);
  check_path("EMR directory", s.emr_dir);
  check_path("move directory", s.move_dir);
  if (s.request_encoding != "UTF-8" && s.request_encoding != "Shift_JIS")
    throw FacilitySettingsError("request encoding must be UTF-8 or Shift_JIS: \"" +
                                s.request_encoding + "\"");
  if (s.retention_months < 6 || s.retention_months > 12)
    throw FacilitySettingsError("retention must be 6 to 12 months, not " +
                                std::to_string(s.retention_months));
  if (s.after_import != "delete" && s.after_import != "move")
    throw FacilitySettingsError("after-import must be delete or move: \"" + s.after_import + "\"");
  if (s.after_import == "move" && !s.move_dir)
    throw FacilitySettingsError("after-import move needs a move directory");
  if (s.face_files != "take" && s.face_files != "leave")
    throw FacilitySettingsError("face-files must be take or leave: \"" + s.face_files + "\"");
  if (s.medical_info_format != "xml" && s.medical_info_format != "pdf")
    throw FacilitySettingsError("medical information format must be xml or pdf: \"" +
                                s.medical_info_format + "\"");
  const std::string& t = s.batch_time;
  if (t.size() != 5 || t[2] != ':' || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(3)) ||
      std::stoi(t.substr(0, 2)) > 23 || std::stoi(t.substr(3)) > 59)
    throw FacilitySettingsError("batch time must be HH:MM: \"" + t + "\"");
  if (s.poll_interval_ms < 100) throw FacilitySettingsError("poll interval must be >= 100 ms");
  if (s.answer_timeout_s <= 0) throw FacilitySettingsError("answer timeout must be positive");
  if (s.max_attempts <= 0) throw FacilitySettingsError("max attempts must be positive");
}

void enable_facility(Connection& conn, const FacilitySettings& s, const std::string& by) {
  validate_settings(s);
  Transaction tx(conn);
  // One facility per share folder: another facility's engine would take (and quarantine as
  // "another institution") this facility's files.
  auto clean = [](std::string p) {
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
  };
  for (const FacilitySettings& other : load_enabled_facilities(conn)) {
    if (other.hospnum == s.hospnum) continue;
    for (const std::string& mine : {s.req_path(), s.res_path(), s.face_path()})
      for (const std::string& theirs : {other.req_path(), other.res_path(), other.face_path()})
        if (clean(mine) == clean(theirs))
          throw FacilitySettingsError("folder " + clean(mine) + " is already served for facility " +
                                      std::to_string(other.hospnum) +
                                      ": each facility needs its own share folders");
  }
  std::optional<std::string> host_code = host_institution_code(conn, s.hospnum);
  if (!host_code)
    throw UnknownFacilityError(s.hospnum,
                               "the receipt program has no facility information for it "
                               "(system management record, kanricd 1001)");
  if (*host_code != s.institution_code)
    throw FacilitySettingsError(
        "institution code " + s.institution_code + " does not match the code " + *host_code +
        " the receipt program records for hospnum " + std::to_string(s.hospnum));
  conn.exec(
      "INSERT INTO onshi_facility (hospnum, enabled, institution_code, share_dir, req_dir, "
      "  res_dir, face_dir, emr_dir, request_encoding, batch_time, retention_months, "
      "  after_import, move_dir, medical_info_format, poll_interval_ms, answer_timeout_s, "
      "  max_attempts, face_files, predecessor_code, home_visit, online_care, enabled_at, "
      "  updated_by, updated_at) "
      "VALUES ($1, true, $2, $3, $4, $5, $6, $7, $8, $9::time, $10, $11, $12, $13, $14, $15, "
      "  $16, $18, $19, $20, $21, now(), $17, now()) "
      "ON CONFLICT (hospnum) DO UPDATE SET enabled = true, "
      "  institution_code = EXCLUDED.institution_code, share_dir = EXCLUDED.share_dir, "
      "  req_dir = EXCLUDED.req_dir, res_dir = EXCLUDED.res_dir, face_dir = EXCLUDED.face_dir, "
      "  emr_dir = EXCLUDED.emr_dir, request_encoding = EXCLUDED.request_encoding, "
      "  batch_time = EXCLUDED.batch_time, retention_months = EXCLUDED.retention_months, "
      "  after_import = EXCLUDED.after_import, move_dir = EXCLUDED.move_dir, "
      "  medical_info_format = EXCLUDED.medical_info_format, "
      "  poll_interval_ms = EXCLUDED.poll_interval_ms, "
      "  answer_timeout_s = EXCLUDED.answer_timeout_s, max_attempts = EXCLUDED.max_attempts, "
      "  face_files = EXCLUDED.face_files, predecessor_code = EXCLUDED.predecessor_code, "
      "  home_visit = EXCLUDED.home_visit, online_care = EXCLUDED.online_care, "
      "  enabled_at = CASE WHEN onshi_facility.enabled THEN onshi_facility.enabled_at "
      "                    ELSE now() END, "
      "  updated_by = EXCLUDED.updated_by, updated_at = now()",
      {s.hospnum,
       s.institution_code,
       s.share_dir,
       opt(s.req_dir),
       opt(s.res_dir),
       opt(s.face_dir),
       opt(s.emr_dir),
       s.request_encoding,
       s.batch_time,
       s.retention_months,
       s.after_import,
       opt(s.move_dir),
       s.medical_info_format,
       s.poll_interval_ms,
       s.answer_timeout_s,
       s.max_attempts,
       by,
       s.face_files,
       opt(s.predecessor_code),
       s.home_visit,
       s.online_care});
  tx.commit();
}

void disable_facility(Connection& conn, int hospnum, const std::string& by) {
  Result r = conn.exec(
      "UPDATE onshi_facility SET enabled = false, updated_by = $2, updated_at = now() "
      "WHERE hospnum = $1",
      {hospnum, by});
  if (r.affected() == 0) throw UnknownFacilityError(hospnum, "onshi-link was never enabled for it");
}

void set_plugin_password(Connection& conn, int hospnum, const std::string& password) {
  // The national rule for such passwords: 8 to 20 characters of at least three classes
  // (upper case, lower case, digits, symbols).
  if (password.size() < 8 || password.size() > 20)
    throw FacilitySettingsError("the plugin password must have 8 to 20 characters");
  int upper = 0, lower = 0, digit = 0, other = 0;
  for (unsigned char c : password) {
    if (c >= 'A' && c <= 'Z')
      upper = 1;
    else if (c >= 'a' && c <= 'z')
      lower = 1;
    else if (c >= '0' && c <= '9')
      digit = 1;
    else if (c > 0x20 && c < 0x7F)
      other = 1;
    else
      throw FacilitySettingsError("the plugin password takes printable ASCII characters only");
  }
  if (upper + lower + digit + other < 3)
    throw FacilitySettingsError(
        "the plugin password needs three of: upper case, lower case, digits, symbols");
  Transaction tx(conn);
  if (!host_institution_code(conn, hospnum))
    throw UnknownFacilityError(hospnum,
                               "the receipt program has no facility information for it "
                               "(system management record, kanricd 1001)");
  host::store_plugin_password(conn, hospnum, password);
  tx.commit();
}

bool check_plugin_password(Connection& conn, int hospnum, const std::string& password) {
  return host::plugin_password_matches(conn, hospnum, password);
}

}  // namespace onshi::db
