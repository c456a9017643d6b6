// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The audit rows of insurance applies (onshi_audit, kind insurance; sql/0024): an apply names
/// its result (info_id) and mode and holds the images of the host rows before and after; an
/// undo names the apply it reverses (at most one, by a unique index). And the result's
/// resolution `applied`.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// One apply as recorded.
struct InsuranceApply {
  long long audit_id = 0;
  long long ptid = 0;
  long long confirmation_id = 0;
  std::string mode;       ///< nochange | change | add | limit
  std::string userid;     ///< who applied
  std::string at;         ///< YYYYMMDDHHMMSS local
  bool today = false;     ///< applied on the database's local today
  std::string before;     ///< JSON images (host::images)
  std::string after;      ///< JSON images
  long long undo_id = 0;  ///< the undo's audit row (0 = not undone)
};

/// Records an apply. @return its audit id
long long insert_apply(db::Connection& conn, int hospnum, const std::string& userid, long long ptid,
                       long long confirmation_id, const std::string& mode,
                       const std::string& before, const std::string& after,
                       const std::string& detail);

/// Records the undo of apply `apply_id` (the images: rows before and after the undo).
/// @return its audit id. @throws db::UniqueViolation-like DbError when it was undone already
long long insert_undo(db::Connection& conn, int hospnum, const std::string& userid, long long ptid,
                      long long confirmation_id, long long apply_id, const std::string& before,
                      const std::string& after, const std::string& detail);

/// The apply `audit_id` of the facility, its row locked (FOR UPDATE). nullopt when none.
std::optional<InsuranceApply> lock_apply(db::Connection& conn, int hospnum, long long audit_id);

/// The result's applies, oldest first.
std::vector<InsuranceApply> applies_of(db::Connection& conn, int hospnum,
                                       long long confirmation_id);

/// The returned card's dates (YYYYMMDD as returned, "" when none).
struct ReturnedDates {
  std::string acquired;    ///< QualificationDate
  std::string valid_from;  ///< InsuredCardValidDate
  std::string valid_to;    ///< InsuredCardExpirationDate
};
ReturnedDates returned_dates(db::Connection& conn, int hospnum, long long confirmation_id);

/// The result's limit certificate (onshi_certificate_detail kind limit) and whether the patient
/// agreed to its return (onshi_consent limit_certificate flag 1); nullopt when none.
struct ReturnedLimit {
  std::string classification, flag, valid_start, valid_end;
  std::string long_term;  ///< LimitApplicationCertificateLongTermDate ("" = none)
  bool consent = false;
};
std::optional<ReturnedLimit> returned_limit(db::Connection& conn, int hospnum,
                                            long long confirmation_id);

/// The result's specific-disease certificates (kind specific_disease, in their order) and
/// whether the patient agreed to their return (onshi_consent specific_diseases flag 1).
struct ReturnedDisease {
  std::string category, self_pay, valid_start, valid_end;
};
struct ReturnedDiseases {
  std::vector<ReturnedDisease> certificates;
  bool consent = false;
};
ReturnedDiseases returned_diseases(db::Connection& conn, int hospnum, long long confirmation_id);

/// The result's elderly recipient certificate (kind elderly); nullopt when none.
struct ReturnedElderly {
  std::string valid_start, valid_end, rate;
};
std::optional<ReturnedElderly> returned_elderly(db::Connection& conn, int hospnum,
                                                long long confirmation_id);

/// The facility setting (sql/0026): apply a linked valid result's certificates when it is
/// stored (false when the facility has no settings row).
bool auto_certificates(db::Connection& conn, int hospnum);
/// Sets it for an existing facility row. @throws onshi::Error when there is none
void set_auto_certificates(db::Connection& conn, int hospnum, bool on);

/// `host_images` (a JSON object of host rows) with the result's resolution columns added under
/// the key `onshi_confirmation` ({resolution, resolution_note, resolved_by, resolved_at}), to be
/// put back by an undo: the image an audit row keeps.
std::string with_resolution_image(db::Connection& conn, int hospnum, long long confirmation_id,
                                  const std::string& host_images);

/// Resolves the result as `applied` by `userid` (`note`: the mode).
void mark_applied(db::Connection& conn, int hospnum, long long confirmation_id,
                  const std::string& userid, const std::string& note);

/// Puts back the resolution columns from the key `onshi_confirmation` of an apply's before
/// image (written by with_resolution_image()).
void restore_resolution(db::Connection& conn, int hospnum, long long confirmation_id,
                        const std::string& image);

}  // namespace onshi::store
