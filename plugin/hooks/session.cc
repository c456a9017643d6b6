// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "hooks/session.h"

#include <iterator>
#include <memory>
#include <mutex>

#include "common/i18n.h"
#include "common/log.h"
#include "config.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/requests.h"
#include "hooks/fixed.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

namespace onshi::hooks {
namespace {

constexpr const char* kComponent = "hooks";

/// What init created.
struct Session {
  std::string conninfo;
  std::string default_lang = "ja";
  std::unique_ptr<db::Connection> conn;
};

std::mutex g_call_mutex;  // the host may call from several threads: one call at a time
std::unique_ptr<Session> g_session;

// Every record in abi.def order (the counts are checked below).
const int kRecordSizes[] = {
    ONSHI_LINK_SIZE_CTL,           ONSHI_LINK_SIZE_INIT,          ONSHI_LINK_SIZE_REG_ASK,
    ONSHI_LINK_SIZE_REG_POLL,      ONSHI_LINK_SIZE_REG_ACCEPT,    ONSHI_LINK_SIZE_PATIENT_SAVED,
    ONSHI_LINK_SIZE_REFNUM_CHANGE, ONSHI_LINK_SIZE_RSV_SUMMARY,   ONSHI_LINK_SIZE_RSV_RUN,
    ONSHI_LINK_SIZE_RCP_LIST,      ONSHI_LINK_SIZE_RCP_DETAIL,    ONSHI_LINK_SIZE_RCP_RESOLVE,
    ONSHI_LINK_SIZE_RCP_CHECK,     ONSHI_LINK_SIZE_PA_TICKETS,    ONSHI_LINK_SIZE_MED_REQUEST,
    ONSHI_LINK_SIZE_MED_LIST,      ONSHI_LINK_SIZE_MED_ROWS,      ONSHI_LINK_SIZE_MED_PDF,
    ONSHI_LINK_SIZE_HV_WITHDRAW,   ONSHI_LINK_SIZE_HV_BULK,       ONSHI_LINK_SIZE_DAY_LIST,
    ONSHI_LINK_SIZE_PT_HISTORY,    ONSHI_LINK_SIZE_CONSENT_STATE, ONSHI_LINK_SIZE_ADM_FACILITY,
    ONSHI_LINK_SIZE_ADM_STAFF,     ONSHI_LINK_SIZE_ADM_PASSWORD,  ONSHI_LINK_SIZE_CLAIM_LIST,
    ONSHI_LINK_SIZE_INS_APPLY,     ONSHI_LINK_SIZE_NOTICES,       ONSHI_LINK_SIZE_NOTICE_ACK,
    ONSHI_LINK_SIZE_TERM_HEALTH,   ONSHI_LINK_SIZE_PREFILL,       ONSHI_LINK_SIZE_INSURANCE_SAVED,
    ONSHI_LINK_SIZE_OUTAGE,        ONSHI_LINK_SIZE_RCP_RECEIVED,  ONSHI_LINK_SIZE_RETURNED};
const char* const kRecordNames[] = {
    "ctl",           "init",          "reg_ask",         "reg_poll",     "reg_accept",
    "patient_saved", "refnum_change", "rsv_summary",     "rsv_run",      "rcp_list",
    "rcp_detail",    "rcp_resolve",   "rcp_check",       "pa_tickets",   "med_request",
    "med_list",      "med_rows",      "med_pdf",         "hv_withdraw",  "hv_bulk",
    "day_list",      "pt_history",    "consent_state",   "adm_facility", "adm_staff",
    "adm_password",  "claim_list",    "ins_apply",       "notices",      "notice_ack",
    "term_health",   "prefill",       "insurance_saved", "outage",       "rcp_received",
    "returned"};
static_assert(std::size(kRecordSizes) == ONSHI_LINK_RECORD_COUNT, "a record of abi.def is missing");
static_assert(std::size(kRecordNames) == ONSHI_LINK_RECORD_COUNT, "a record of abi.def is missing");
static_assert(sizeof(onshi_link_ctl_rec) == ONSHI_LINK_SIZE_CTL, "generated sizes");
static_assert(sizeof(onshi_link_reg_poll_rec) == ONSHI_LINK_SIZE_REG_POLL, "generated sizes");

std::string language(const std::string& asked, const std::string& fallback) {
  if (asked == "en" || asked == "ja") return asked;
  return fallback;
}

int finish(onshi_link_ctl_rec& ctl, Status status, const std::string& id,
           const std::vector<std::string>& args, const std::string& lang) {
  ONSHI_PUTN(ctl.status, static_cast<int>(status));
  ONSHI_PUT(ctl.msgid, id);
  ONSHI_PUT(ctl.message, message_text(lang, id, args));
  return static_cast<int>(status);
}

/// Maps an exception from the core to (status, id, args); logs what the operator needs.
void classify(std::exception_ptr e, Status& status, std::string& id,
              std::vector<std::string>& args) {
  try {
    std::rethrow_exception(e);
  } catch (const HookError& h) {
    status = h.status();
    id = h.id();
    args = h.args();
  } catch (const db::FacilityDisabledError& x) {
    status = Status::refused;
    id = "ONSHI-W-6001";
    args = {std::to_string(x.hospnum())};
  } catch (const db::UnknownFacilityError& x) {
    status = Status::refused;
    id = "ONSHI-W-6002";
    args = {std::to_string(x.hospnum())};
  } catch (const db::FacilitySettingsError& x) {
    status = Status::refused;
    id = "ONSHI-W-6016";
    args = {x.what()};
  } catch (const exchange::EnqueueError& x) {
    using R = exchange::EnqueueError::Reason;
    status = Status::refused;
    switch (x.reason()) {
      case R::unknown_patient:
        id = "ONSHI-W-6004";
        break;
      case R::test_patient:
        id = "ONSHI-W-6005";
        break;
      case R::no_insurance:
        id = "ONSHI-W-6006";
        break;
      case R::invalid_data:
        id = "ONSHI-W-6007";
        args = {x.what()};
        break;
      case R::bad_argument:
        id = "ONSHI-W-6003";
        args = {"confirm_date"};
        break;
      case R::not_used:
        id = "ONSHI-W-6016";
        args = {x.what()};
        break;
      case R::consent_withdrawn:
        id = "ONSHI-W-6055";
        break;
    }
  } catch (const db::ConnectionError& x) {
    status = Status::error;
    id = "ONSHI-E-6005";
    args = {db::describe_target(g_session ? g_session->conninfo : "")};
    log::write(log::Level::error, kComponent, "ONSHI-E-6005", x.what());
    if (g_session) g_session->conn.reset();  // reconnect on the next call
  } catch (const db::DbError& x) {
    status = Status::error;
    id = "ONSHI-E-6007";
    log::write(log::Level::error, kComponent, "ONSHI-E-6007", x.what());
  } catch (const std::exception& x) {
    status = Status::error;
    id = "ONSHI-E-6006";
    log::write(log::Level::error, kComponent, "ONSHI-E-6006", x.what());
  } catch (...) {
    status = Status::error;
    id = "ONSHI-E-6006";
    log::write(log::Level::error, kComponent, "ONSHI-E-6006", "unknown exception");
  }
}

/// Finishes a call that threw `e`: its status and message in `ctl`; never throws.
int fail(onshi_link_ctl_rec& ctl, std::exception_ptr e, const std::string& lang) noexcept {
  try {
    Status status;
    std::string id;
    std::vector<std::string> args;
    classify(e, status, id, args);
    return finish(ctl, status, id, args, lang);
  } catch (...) {
    return static_cast<int>(Status::error);
  }
}

}  // namespace

HookError::HookError(Status status, std::string id, std::vector<std::string> args)
    : Error(id), status_(status), id_(std::move(id)), args_(std::move(args)) {}

std::string Context::text(const std::string& id, const std::vector<std::string>& a) const {
  return message_text(lang, id, a);
}

int init(onshi_link_ctl_rec& ctl, onshi_link_init_rec& rec) noexcept {
  std::lock_guard<std::mutex> lock(g_call_mutex);
  std::string lang = "ja";
  try {
    // The text domain first, so that even a refusal is translated.
    bind_messages(ONSHI_GET(rec.locale_dir));
    lang = language(ONSHI_GET(rec.default_lang), "ja");
    lang = language(ONSHI_GET(ctl.lang), lang);
    ONSHI_PUT(rec.plugin_version, PACKAGE_VERSION);

    const std::string host_abi = ONSHI_GET(rec.abi_version);
    if (host_abi != ONSHI_LINK_ABI_VERSION_TEXT) {
      log::write(log::Level::error, kComponent, "ONSHI-E-6001",
                 "host ABI version \"" + host_abi + "\" refused, plugin implements " +
                     ONSHI_LINK_ABI_VERSION_TEXT);
      return finish(ctl, Status::abi, "ONSHI-E-6001", {host_abi, ONSHI_LINK_ABI_VERSION_TEXT},
                    lang);
    }
    const std::string count = ONSHI_GET(rec.record_count);
    if (count != std::to_string(ONSHI_LINK_RECORD_COUNT)) {
      log::write(log::Level::error, kComponent, "ONSHI-E-6002",
                 "host declares " + count + " records");
      return finish(ctl, Status::abi, "ONSHI-E-6002",
                    {count, std::to_string(ONSHI_LINK_RECORD_COUNT)}, lang);
    }
    for (int i = 0; i < ONSHI_LINK_RECORD_COUNT; ++i) {
      std::string size = ONSHI_GET(rec.sizes[i].size);
      std::string want = std::to_string(kRecordSizes[i]);
      while (size.size() > 1 && size[0] == '0') size.erase(0, 1);
      if (size != want) {
        log::write(log::Level::error, kComponent, "ONSHI-E-6003",
                   std::string("record ") + kRecordNames[i] + ": host size " + size +
                       ", plugin size " + want);
        return finish(ctl, Status::abi, "ONSHI-E-6003", {kRecordNames[i], size, want}, lang);
      }
    }

    auto s = std::make_unique<Session>();
    s->conninfo = ONSHI_GET(rec.conninfo);
    s->default_lang = language(ONSHI_GET(rec.default_lang), "ja");
    try {
      s->conn = std::make_unique<db::Connection>(s->conninfo, "onshi-link hooks");
    } catch (const db::ConnectionError& e) {
      log::write(log::Level::error, kComponent, "ONSHI-E-6005", e.what());
      return finish(ctl, Status::error, "ONSHI-E-6005", {db::describe_target(s->conninfo)}, lang);
    }
    try {
      db::require_schema_version(*s->conn, "onshi-link hooks");
    } catch (const db::SchemaVersionError& e) {
      log::write(log::Level::error, kComponent, "ONSHI-E-6008", e.what());
      return finish(ctl, Status::error, "ONSHI-E-6008", {e.what()}, lang);
    }
    g_session = std::move(s);  // a second init replaces the first
    return finish(ctl, Status::ok, "ONSHI-I-6001", {}, lang);
  } catch (...) {
    return fail(ctl, std::current_exception(), lang);
  }
}

int fini(onshi_link_ctl_rec& ctl) noexcept {
  std::lock_guard<std::mutex> lock(g_call_mutex);
  try {
    std::string lang = language(ONSHI_GET(ctl.lang), g_session ? g_session->default_lang : "ja");
    g_session.reset();
    int rc = finish(ctl, Status::ok, "ONSHI-I-6001", {}, lang);
    release_messages();
    return rc;
  } catch (...) {
    return static_cast<int>(Status::error);
  }
}

int run_call(onshi_link_ctl_rec& ctl, const std::function<void(Context&)>& op) noexcept {
  std::lock_guard<std::mutex> lock(g_call_mutex);
  std::string lang = "ja";
  try {
    lang = language(ONSHI_GET(ctl.lang), g_session ? g_session->default_lang : "ja");
    if (!g_session) return finish(ctl, Status::abi, "ONSHI-E-6004", {}, lang);
    const std::optional<long long> hospnum = ONSHI_NUM(ctl.hospnum);
    if (!hospnum || *hospnum <= 0 || *hospnum > 9999)
      throw HookError(Status::refused, "ONSHI-W-6003", {"hospnum"});
    const std::string userid = ONSHI_GET(ctl.userid);
    if (userid.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"userid"});
    if (!g_session->conn)
      g_session->conn = std::make_unique<db::Connection>(g_session->conninfo, "onshi-link hooks");
    Context ctx(*g_session->conn, static_cast<int>(*hospnum), userid, lang);
    op(ctx);
    return finish(ctl, ctx.status, ctx.msgid, ctx.args, lang);
  } catch (...) {
    return fail(ctl, std::current_exception(), lang);
  }
}

}  // namespace onshi::hooks
