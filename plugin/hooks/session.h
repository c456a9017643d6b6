// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The state behind the host ABI: one database connection and the message language, created by
/// onshi_link_init and freed by onshi_link_fini (repeatable in one process). Every screen
/// operation runs through `run_call`, which fills the call-control record (status, stable
/// message id, translated message) and turns every exception into a status: nothing crosses the
/// C boundary (exceptions inside, status codes at the edge).

#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "onshi_link_abi.h"

namespace onshi::db {
class Connection;
}

namespace onshi::hooks {

/// Status codes written to ctl.status (the same numbers the entry points return).
enum class Status { ok = 0, warning = 4, refused = 8, error = 12, abi = 16 };

/// A failure the screen should show: a status, a stable message id and its arguments.
class HookError : public Error {
 public:
  HookError(Status status, std::string id, std::vector<std::string> args = {});
  Status status() const noexcept { return status_; }
  const std::string& id() const noexcept { return id_; }
  const std::vector<std::string>& args() const noexcept { return args_; }

 private:
  Status status_;
  std::string id_;
  std::vector<std::string> args_;
};

/// What one operation sees: the connection, the caller and where its outcome message goes.
struct Context {
  Context(db::Connection& c, int h, std::string u, std::string l)
      : conn(c), hospnum(h), userid(std::move(u)), lang(std::move(l)) {}
  db::Connection& conn;
  int hospnum;
  std::string userid;
  std::string lang;  ///< "ja" or "en"
  Status status = Status::ok;
  std::string msgid = "ONSHI-I-6001";
  std::vector<std::string> args;

  /// Sets the outcome message (status ok unless given).
  void say(const std::string& id, std::vector<std::string> a = {}, Status s = Status::ok) {
    msgid = id;
    args = std::move(a);
    status = s;
  }
  /// A message in this call's language.
  std::string text(const std::string& id, const std::vector<std::string>& a = {}) const;
};

/// onshi_link_init: checks the ABI version and record sizes, binds the text domain, connects.
/// @return the status also written to ctl
int init(onshi_link_ctl_rec& ctl, onshi_link_init_rec& rec) noexcept;
/// onshi_link_fini: closes the connection and frees everything.
int fini(onshi_link_ctl_rec& ctl) noexcept;
/// Runs one operation: checks init, the facility field and the language, fills ctl.
int run_call(onshi_link_ctl_rec& ctl, const std::function<void(Context&)>& op) noexcept;

}  // namespace onshi::hooks
