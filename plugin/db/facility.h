// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Per-facility settings (table onshi_facility, keyed by the host's `hospnum`) and the plugin
/// password kept hashed in the host's system management table. Every feature is off until an
/// administrator enables the facility; the engine serves only what `load_enabled_facilities`
/// returns, and the database itself refuses jobs and received files for a disabled facility.

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace onshi::db {

class Connection;

/// One facility's settings. Paths are absolute.
struct FacilitySettings {
  int hospnum = 0;
  bool enabled = false;
  std::string institution_code;  ///< 10 digits
  /// Succession (shoukei): the predecessor's 10-digit institution code; results naming it are
  /// accepted for this facility (and recorded as the predecessor's).
  std::optional<std::string> predecessor_code;
  std::string share_dir;                   ///< the terminal's shared folder
  std::optional<std::string> req_dir;      ///< override of share_dir/req
  std::optional<std::string> res_dir;      ///< override of share_dir/res
  std::optional<std::string> face_dir;     ///< override of share_dir/face
  std::optional<std::string> emr_dir;      ///< where drug/checkup files are moved
  std::string request_encoding = "UTF-8";  ///< "UTF-8" or "Shift_JIS"
  std::string batch_time = "18:00";        ///< next-day bulk pre-check, HH:MM
  int retention_months = 12;               ///< 6..12
  std::string after_import = "delete";     ///< "delete" or "move" the terminal's file
  std::optional<std::string> move_dir;     ///< destination when after_import == "move"
  /// face/ check-ins: "take" (after_import applies) or "leave" (another program reads face/
  /// too: left in place, imported once by name and content)
  std::string face_files = "take";
  std::string medical_info_format = "xml";  ///< "xml" or "pdf"
  int poll_interval_ms = 2000;
  int answer_timeout_s = 60;
  int max_attempts = 5;
  /// Whether the facility does home visits (訪問診療等) or online care (オンライン診療等): the
  /// consented-information bulks, consent withdrawal and requests with that 診療区分 are refused
  /// otherwise (ORCA's own switches: system management 1051 HOUMON, ONLINE).
  bool home_visit = false;
  bool online_care = false;

  /// Effective folders (override or share_dir/NAME).
  std::string req_path() const { return req_dir ? *req_dir : share_dir + "/req"; }
  std::string res_path() const { return res_dir ? *res_dir : share_dir + "/res"; }
  std::string face_path() const { return face_dir ? *face_dir : share_dir + "/face"; }
};

/// No such facility (not in the host, or never enabled, depending on the call).
class UnknownFacilityError : public Error {
 public:
  UnknownFacilityError(int hospnum, const std::string& detail);
  int hospnum() const noexcept { return hospnum_; }

 private:
  int hospnum_;
};

/// The facility exists but onshi-link is disabled for it.
class FacilityDisabledError : public Error {
 public:
  explicit FacilityDisabledError(int hospnum);
  int hospnum() const noexcept { return hospnum_; }

 private:
  int hospnum_;
};

/// A setting has a value that cannot be accepted (names the setting).
class FacilitySettingsError : public Error {
 public:
  using Error::Error;
};

/// The 10-digit medical institution code the host records for `hospnum` (its system management
/// record kanricd 1001, first 10 characters of kanritbl; host/staff.h). nullopt when the host has
/// no such facility.
std::optional<std::string> host_institution_code(Connection& conn, int hospnum);

/// The settings row, enabled or not; nullopt when none.
std::optional<FacilitySettings> find_facility(Connection& conn, int hospnum);

/// All facilities with a settings row, by hospnum.
std::vector<FacilitySettings> load_all_facilities(Connection& conn);

/// The facilities the engine serves: enabled ones only, by hospnum.
std::vector<FacilitySettings> load_enabled_facilities(Connection& conn);

/// The settings of an enabled facility.
/// @throws UnknownFacilityError when there is no settings row
/// @throws FacilityDisabledError when it is disabled
FacilitySettings load_enabled_facility(Connection& conn, int hospnum);

/// Checks `s` (codes, paths, ranges) without touching the database.
/// @throws FacilitySettingsError naming the bad setting
void validate_settings(const FacilitySettings& s);

/// Stores `s` and enables the facility (insert or update, one transaction). The host must know
/// the facility, and its recorded institution code must equal s.institution_code.
/// @throws UnknownFacilityError, FacilitySettingsError
void enable_facility(Connection& conn, const FacilitySettings& s, const std::string& by);

/// Disables a facility; its settings are kept. @throws UnknownFacilityError
void disable_facility(Connection& conn, int hospnum, const std::string& by);

/// Sets the plugin password of a facility, stored as a bcrypt hash (pgcrypto) in the host's
/// system management table (kanricd 1051, kbncd ONSHILNK). Never stored or logged in clear.
/// @throws UnknownFacilityError, FacilitySettingsError (shorter than 8 characters)
void set_plugin_password(Connection& conn, int hospnum, const std::string& password);

/// True when `password` matches the stored hash (false when none is set).
bool check_plugin_password(Connection& conn, int hospnum, const std::string& password);

}  // namespace onshi::db
