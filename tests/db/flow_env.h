// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Test environment of the reference-number and medical-information flows: a migrated, seeded
/// database with facility 1 enabled on a temporary share, the terminal simulator answering the
/// demo scenario at once, and a pump that sends due jobs, lets the simulator answer and imports.

#include <dirent.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "exchange/importer.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "support/fixtures.h"

namespace onshi::test {

struct FlowEnv {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir, quarantine, emr;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;
  sim::Responder responder{scenario()};
  std::ostringstream sim_log;
  sim::Terminal terminal{responder, {share.root, 0, 50}, sim_log};

  static sim::Scenario scenario() {
    sim::Scenario s = sim::load_scenario(source_file("tests/sim/scenario-demo.json"));
    s.settings.delay_ms = 0;
    s.settings.still_processing = 1;
    return s;
  }

  FlowEnv() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
    // Patient 101 (the scenario's taro) has a known branch number.
    conn->exec("UPDATE tbl_pthkninf SET edaban = '00' WHERE hospnum = 1 AND ptid = 101");
  }

  void set(const std::string& assignments) {
    conn->exec("UPDATE onshi_facility SET " + assignments + " WHERE hospnum = 1");
    facility = db::load_enabled_facility(*conn, 1);
  }

  std::string q(const std::string& sql) { return scalar(*conn, sql); }

  static std::vector<std::string> files(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
      ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  /// Imports every file in res/ and face/.
  int import_all() {
    exchange::ImportOptions o;
    o.quarantine_dir = quarantine.path();
    o.not_ready_grace = std::chrono::milliseconds(0);
    int n = 0;
    for (const std::string& p : files(share.face())) {
      exchange::import_file(*conn, facility, p, exchange::Folder::face, o);
      ++n;
    }
    for (const std::string& p : files(share.res())) {
      exchange::import_file(*conn, facility, p, exchange::Folder::res, o);
      ++n;
    }
    return n;
  }

  /// A card check-in of a scenario person, imported.
  void check_in(const std::string& person) {
    sim::CheckIn c = responder.check_in(person);
    TempDir tmp;
    exchange::move_file(tmp.write(c.file_name, c.bytes), share.face());
    import_all();
  }

  /// `rounds` times: make pending jobs due, send, let the simulator answer, import.
  void pump(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      conn->exec("UPDATE onshi_job SET next_attempt_at = now() WHERE state = 'pending'");
      exchange::run_queue(*conn, facility);
      terminal.run_once();
      import_all();
    }
  }
};

/// What an onshi-admin command printed and returned.
struct AdminRun {
  int status;
  std::string out, err;
};

/// Runs an onshi-admin command (its run_* function) against the environment's database.
inline AdminRun run_admin(FlowEnv& e,
                          int (*cmd)(const std::vector<std::string>&, std::ostream&, std::ostream&),
                          std::vector<std::string> args) {
  args.push_back("--dbname");
  args.push_back(e.tdb.conninfo());
  std::ostringstream out, err;
  const int status = cmd(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace onshi::test
