// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Administration (system management): facility settings, staff permissions, plugin password.
#include <cstring>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/staff.h"
#include "store/insurance_apply.h"
#include "store/prefill.h"
#include "store/public_assistance.h"
#include "store/staff.h"

namespace onshi::hooks {
namespace {

std::optional<std::string> optional_dir(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

int number_or(const std::optional<long long>& v, int fallback) {
  return v ? static_cast<int>(*v) : fallback;
}

void show(onshi_link_adm_facility_rec& rec, const db::FacilitySettings& s) {
  ONSHI_PUT(rec.enabled, s.enabled ? "1" : "0");
  ONSHI_PUT(rec.institution_code, s.institution_code);
  ONSHI_PUT(rec.share_dir, s.share_dir);
  ONSHI_PUT(rec.req_dir, s.req_dir.value_or(""));
  ONSHI_PUT(rec.res_dir, s.res_dir.value_or(""));
  ONSHI_PUT(rec.face_dir, s.face_dir.value_or(""));
  ONSHI_PUT(rec.emr_dir, s.emr_dir.value_or(""));
  ONSHI_PUT(rec.move_dir, s.move_dir.value_or(""));
  ONSHI_PUT(rec.request_encoding, s.request_encoding);
  ONSHI_PUT(rec.batch_time, s.batch_time.substr(0, 5));
  ONSHI_PUTN(rec.retention_months, s.retention_months);
  ONSHI_PUT(rec.after_import, s.after_import);
  ONSHI_PUT(rec.medical_info_format, s.medical_info_format);
  ONSHI_PUTN(rec.poll_interval_ms, s.poll_interval_ms);
  ONSHI_PUTN(rec.answer_timeout_s, s.answer_timeout_s);
  ONSHI_PUTN(rec.max_attempts, s.max_attempts);
  ONSHI_PUT(rec.home_visit, s.home_visit ? "1" : "0");
  ONSHI_PUT(rec.online_care, s.online_care ? "1" : "0");
}

/// The facility's settings with the issue-number copy of public assistance (its own column).
void show(Context& ctx, onshi_link_adm_facility_rec& rec, const db::FacilitySettings& s) {
  show(rec, s);
  ONSHI_PUT(rec.copy_issue_number,
            store::copy_issue_number_setting(ctx.conn, s.hospnum) ? "1" : "0");
  ONSHI_PUT(rec.apply_mode, store::apply_mode_setting(ctx.conn, s.hospnum));
}

/// The administration hooks are for the receipt program's administrators (login users marked
/// supervisor in the host's user table); anyone else is refused, and the refusal audited.
void require_administrator(Context& ctx, const char* kind) {
  const std::optional<host::StaffMember> m = host::staff_member(ctx.conn, ctx.hospnum, ctx.userid);
  if (m && m->supervisor) return;
  store::audit_administration(ctx.conn, ctx.hospnum, ctx.userid, "refused", kind,
                              m ? "not an administrator" : "not a user of this facility");
  throw HookError(Status::refused, "ONSHI-W-6028");
}

}  // namespace

void admin_facility(Context& ctx, onshi_link_adm_facility_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  require_administrator(ctx, "facility");
  if (action == "G") {
    std::optional<db::FacilitySettings> s = db::find_facility(ctx.conn, ctx.hospnum);
    if (!s) throw HookError(Status::warning, "ONSHI-W-6002", {std::to_string(ctx.hospnum)});
    show(ctx, rec, *s);
    return;
  }
  if (action == "D") {
    db::disable_facility(ctx.conn, ctx.hospnum, ctx.userid);
    store::audit_administration(ctx.conn, ctx.hospnum, ctx.userid, "change", "facility",
                                "disabled");
    ONSHI_PUT(rec.enabled, "0");
    ctx.say("ONSHI-I-6014");
    return;
  }
  if (action != "S") throw HookError(Status::refused, "ONSHI-W-6025", {action});
  db::FacilitySettings s;
  s.hospnum = ctx.hospnum;
  s.institution_code = ONSHI_GET(rec.institution_code);
  s.share_dir = ONSHI_GET(rec.share_dir);
  s.req_dir = optional_dir(ONSHI_GET(rec.req_dir));
  s.res_dir = optional_dir(ONSHI_GET(rec.res_dir));
  s.face_dir = optional_dir(ONSHI_GET(rec.face_dir));
  s.emr_dir = optional_dir(ONSHI_GET(rec.emr_dir));
  s.move_dir = optional_dir(ONSHI_GET(rec.move_dir));
  if (std::string v = ONSHI_GET(rec.request_encoding); !v.empty()) s.request_encoding = v;
  if (std::string v = ONSHI_GET(rec.batch_time); !v.empty()) s.batch_time = v;
  s.retention_months = number_or(ONSHI_NUM(rec.retention_months), s.retention_months);
  if (std::string v = ONSHI_GET(rec.after_import); !v.empty()) s.after_import = v;
  if (std::string v = ONSHI_GET(rec.medical_info_format); !v.empty()) s.medical_info_format = v;
  s.poll_interval_ms = number_or(ONSHI_NUM(rec.poll_interval_ms), s.poll_interval_ms);
  s.answer_timeout_s = number_or(ONSHI_NUM(rec.answer_timeout_s), s.answer_timeout_s);
  s.max_attempts = number_or(ONSHI_NUM(rec.max_attempts), s.max_attempts);
  // Home visits and online care: 1 / 0, blank keeps what is stored (off for a new facility).
  const std::optional<db::FacilitySettings> stored = db::find_facility(ctx.conn, ctx.hospnum);
  auto flag = [](const std::string& v, bool kept) { return v.empty() ? kept : v == "1"; };
  s.home_visit = flag(ONSHI_GET(rec.home_visit), stored && stored->home_visit);
  s.online_care = flag(ONSHI_GET(rec.online_care), stored && stored->online_care);
  const std::string copy = ONSHI_GET(rec.copy_issue_number);
  if (!copy.empty() && copy != "0" && copy != "1")
    throw HookError(Status::refused, "ONSHI-W-6003", {"copy_issue_number"});
  const std::string apply_mode = ONSHI_GET(rec.apply_mode);
  if (!apply_mode.empty() && apply_mode != "direct" && apply_mode != "prefill")
    throw HookError(Status::refused, "ONSHI-W-6003", {"apply_mode"});
  if (apply_mode == "prefill" && store::auto_certificates(ctx.conn, ctx.hospnum))
    throw HookError(Status::refused, "ONSHI-W-6194");
  const bool enable = ONSHI_GET(rec.enabled) != "0";
  db::enable_facility(ctx.conn, s, ctx.userid);  // validates; stores and enables
  if (!copy.empty()) store::set_copy_issue_number(ctx.conn, ctx.hospnum, copy == "1");
  if (!apply_mode.empty()) store::set_apply_mode(ctx.conn, ctx.hospnum, apply_mode);
  if (!enable) db::disable_facility(ctx.conn, ctx.hospnum, ctx.userid);
  store::audit_administration(ctx.conn, ctx.hospnum, ctx.userid, "change", "facility",
                              enable ? "settings stored, enabled" : "settings stored, disabled");
  if (std::optional<db::FacilitySettings> saved = db::find_facility(ctx.conn, ctx.hospnum))
    show(ctx, rec, *saved);
  ctx.say("ONSHI-I-6008");
}

void admin_staff(Context& ctx, onshi_link_adm_staff_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  const std::string target = ONSHI_GET(rec.target_userid);
  if (target.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"target_userid"});
  require_administrator(ctx, "staff");
  if (action == "S") {
    const std::string drug = ONSHI_GET(rec.drug_view), checkup = ONSHI_GET(rec.checkup_view);
    if (drug != "0" && drug != "1") throw HookError(Status::refused, "ONSHI-W-6003", {"drug_view"});
    if (checkup != "0" && checkup != "1")
      throw HookError(Status::refused, "ONSHI-W-6003", {"checkup_view"});
    // Blank keeps the stored diagnosis permission.
    const std::string diagnosis = ONSHI_GET(rec.diagnosis_view);
    if (!diagnosis.empty() && diagnosis != "0" && diagnosis != "1")
      throw HookError(Status::refused, "ONSHI-W-6003", {"diagnosis_view"});
    if (!host::set_staff_permissions(
            ctx.conn, ctx.hospnum, target, drug, checkup, local_date8(), local_time6(),
            ctx.userid.substr(0, 16),
            diagnosis.empty() ? std::nullopt : std::optional<std::string>(diagnosis)))
      throw HookError(Status::refused, "ONSHI-W-6015", {target});
    store::audit_administration(
        ctx.conn, ctx.hospnum, ctx.userid, "change", "staff",
        target + ": drug_view " + drug + ", checkup_view " + checkup +
            (diagnosis.empty() ? std::string() : ", diagnosis_view " + diagnosis));
    ctx.say("ONSHI-I-6010");
  } else if (action != "G") {
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  }
  const std::optional<host::StaffPermissions> r =
      host::staff_permissions(ctx.conn, ctx.hospnum, target);
  if (!r) throw HookError(Status::refused, "ONSHI-W-6015", {target});
  ONSHI_PUT(rec.drug_view, r->drug_view);
  ONSHI_PUT(rec.checkup_view, r->checkup_view);
  ONSHI_PUT(rec.diagnosis_view, r->diagnosis_view);
  ONSHI_PUT(rec.name, r->name);
}

void admin_password(Context& ctx, onshi_link_adm_password_rec& rec) {
  // The clear text leaves the record at once, whatever happens next.
  std::string password = ONSHI_GET(rec.password);
  std::memset(rec.password, ' ', sizeof rec.password);
  struct Wipe {
    std::string& s;
    ~Wipe() { std::fill(s.begin(), s.end(), '\0'); }
  } wipe{password};
  require_administrator(ctx, "password");
  if (password.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"password"});
  db::set_plugin_password(ctx.conn, ctx.hospnum, password);
  store::audit_administration(ctx.conn, ctx.hospnum, ctx.userid, "change", "password", "stored");
  ctx.say("ONSHI-I-6009");
}

}  // namespace onshi::hooks
