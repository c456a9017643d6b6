// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Test helper standing in for the exchange engine around the COBOL screen programs:
//   engine_step queue  QUARANTINE_DIR   one queue pass of facility 1 (request files into req/)
//   engine_step import QUARANTINE_DIR   imports every file in res/ and face/ of facility 1
//   engine_step register RESULT         the receipt program's registration saving the new
//                                       patient of a result's proposal (as ORCGP029 writes one:
//                                       host::create_patient); prints the new ptid
// The database comes from PG*; the terminal simulator answers in between.
#include <dirent.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/importer.h"
#include "exchange/new_patient.h"
#include "exchange/requests.h"
#include "host/patient_registration.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: engine_step queue|import QUARANTINE_DIR | register RESULT\n";
    return 64;
  }
  try {
    onshi::db::Connection conn;
    const onshi::db::FacilitySettings f = onshi::db::load_enabled_facility(conn, 1);
    const std::string what = argv[1];
    if (what == "register") {
      const std::optional<onshi::host::PatientFromResult> p =
          onshi::exchange::patient_from_result(conn, 1, std::stoll(argv[2]));
      if (!p) throw std::runtime_error("the result has no new-patient proposal");
      onshi::db::Transaction tx(conn);
      const onshi::host::CreatedPatient made =
          onshi::host::create_patient(conn, 1, *p, onshi::local_date8(), "orca");
      tx.commit();
      std::cout << made.ptid << "\n";
      return 0;
    }
    if (what == "queue") {
      onshi::exchange::QueuePass p = onshi::exchange::run_queue(conn, f);
      std::cerr << "engine_step: " << p.sent << " request(s) written\n";
      return 0;
    }
    onshi::exchange::ImportOptions options;
    options.quarantine_dir = argv[2];
    options.not_ready_grace = std::chrono::milliseconds(0);
    for (const auto& [dir, folder] : {std::pair{f.res_path(), onshi::exchange::Folder::res},
                                      std::pair{f.face_path(), onshi::exchange::Folder::face}}) {
      std::vector<std::string> names;
      if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d))
          if (e->d_name[0] != '.') names.push_back(e->d_name);
        ::closedir(d);
      }
      std::sort(names.begin(), names.end());
      for (const std::string& n : names) {
        auto out = onshi::exchange::import_file(conn, f, dir + "/" + n, folder, options);
        std::cerr << "engine_step: " << n << " " << onshi::exchange::import_state_name(out.state)
                  << "\n";
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "engine_step: " << e.what() << "\n";
    return 1;
  }
}
