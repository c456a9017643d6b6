// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// notice_listen: for make bench-day, listens for the screens' notices the way a waiting screen
// does (LISTEN onshi_notice, db/notifications.h) and prints, for every new notice of facility 1,
// the wall-clock time it was delivered (ms since the epoch), its id, kind and the file it is
// about: "<ms> <notice_id> <kind> <file name or ->". Stops on SIGTERM/SIGINT. The PG*
// environment names the database.
#include <chrono>
#include <csignal>
#include <iostream>
#include <string>

#include "db/connection.h"
#include "db/notifications.h"
#include "store/notices.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) {
  g_stop = 1;
}
}  // namespace

int main() {
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  try {
    onshi::db::Connection conn("", "onshi-bench-notice-listen");
    onshi::db::listen(conn, onshi::store::kNoticeChannel);
    long long last =
        conn.exec("SELECT coalesce(max(notice_id), 0) FROM onshi_notice").integer(0, 0);
    std::cout << "ready" << std::endl;
    while (!g_stop) {
      if (onshi::db::wait_notifications(conn, 200).empty()) continue;
      const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
      const onshi::db::Result r = conn.exec(
          "SELECT n.notice_id, n.kind, coalesce(f.file_name, g.file_name, '-') FROM onshi_notice n "
          "LEFT JOIN onshi_confirmation c ON c.confirmation_id = n.confirmation_id "
          "LEFT JOIN onshi_received_file f ON f.file_id = c.file_id "
          "LEFT JOIN onshi_received_file g ON g.file_id = n.file_id "
          "WHERE n.hospnum = 1 AND n.notice_id > $1::bigint ORDER BY n.notice_id",
          {last});
      for (int i = 0; i < r.rows(); ++i) {
        last = r.integer(i, 0);
        std::cout << now << ' ' << last << ' ' << r.text(i, 1) << ' ' << r.text(i, 2) << '\n';
      }
      std::cout.flush();
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "notice_listen: " << e.what() << '\n';
    return 1;
  }
}
