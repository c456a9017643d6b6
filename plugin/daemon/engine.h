// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The exchange engine behind `onshi-exchanged`, testable without main(). Start order (style
/// card item 5):
///
///   1. configuration (already parsed: EngineConfig)
///   2. database connection + schema version check (require_schema_version)
///   3. the enabled facilities this engine serves (config `facilities`)
///   4. one watcher per folder and facility (res/ and face/), backend per config, `auto`
///      probing each folder
///   5. a rescan of every folder (files that arrived while the engine was down)
///   6. ready (sd_notify READY=1 under systemd)
///
/// Then, on the one event loop (which must not run after the engine is destroyed: the engine
/// registers an idle source on it): watcher reports (as many as the queue has room for, the
/// rest waits in the watchers) -> `exchange::import_file` on the import
/// workers (`import_workers` threads with a connection each, every file its own transaction; the
/// loop counts and logs the outcomes) (a file not ready yet is looked at again after `recheck_ms`);
/// a timer runs the request queue of every facility (`exchange::run_queue`); while the database is
/// unreachable a timer reconnects, files stay on the share and are imported after the reconnect;
/// every folder is listed again every 10 minutes (missed events; watchers forget removed files).
/// All coordination between several engines goes through PostgreSQL (jobs claimed with SKIP LOCKED,
/// files claimed by name + hash), so several may serve the same or different facilities at once.

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/log.h"
#include "common/message_ids.h"
#include "daemon/config.h"
#include "daemon/event_loop.h"
#include "daemon/import_pool.h"
#include "db/facility.h"
#include "exchange/importer.h"
#include "exchange/requests.h"
#include "watch/watcher.h"

namespace onshi::db {
class Connection;
}

namespace onshi::daemon {

/// Counters since start (for tests, --once output and the final log line).
struct EngineStats {
  long imported = 0;
  long duplicate = 0;
  long refused = 0;
  long not_ready = 0;  ///< looks that left a file for later
  long failed = 0;     ///< attempts that failed with an error other than the database
  long requests_sent = 0;
  long jobs_failed = 0;
  long db_outages = 0;
};

/// The engine. All methods run on the loop's thread.
class Engine {
 public:
  /// @param config_path file re-read by reload() ("" = nothing to re-read: reload only
  ///        refreshes the facilities)
  Engine(EventLoop& loop, EngineConfig config, std::string config_path = "");
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Steps 2..6 of the start order, then installs the loop callbacks (signals are the
  /// caller's: see install_signal_handlers). When the database cannot be reached the engine
  /// keeps trying (complaint logged) and becomes ready after the connection.
  /// @throws db::SchemaVersionError, db::AuthenticationError (fatal: an operator must act)
  void start();

  /// SIGHUP/SIGTERM/SIGINT on the loop: reload, stop after the current file.
  void install_signal_handlers();

  /// --once: import every file present in every served folder, run each queue once; no
  /// watchers, no waiting. @return true when nothing failed (files left not ready count as ok)
  /// @throws db::DbError when the database cannot be reached
  bool run_once();

  /// Re-reads the configuration file (a bad one is logged, the old one kept) and the
  /// facilities; rebuilds the watchers when folders or watch settings changed.
  void reload();

  /// Stops after the current file: the loop's run() returns.
  void stop();

  bool ready() const { return ready_; }
  bool db_up() const { return conn_ != nullptr; }
  const EngineStats& stats() const { return stats_; }
  const EngineConfig& config() const { return config_; }
  /// Hospnums served now.
  std::vector<int> served() const;
  /// Files waiting to be looked at (queued now or scheduled for a re-check).
  std::size_t backlog() const { return queue_.size() + rechecks_.size(); }

 private:
  struct Work {
    int hospnum;
    exchange::Folder folder;
    std::string path;
  };
  struct Served {
    db::FacilitySettings settings;
    std::unique_ptr<watch::Watcher> res;
    std::unique_ptr<watch::Watcher> face;
    bool face_first = false;  ///< which folder fills the queue first next time (alternates)
    /// The terminal's state as last recorded in onshi_terminal_health (nullopt: not yet).
    std::optional<bool> share_ok;
    std::optional<bool> silent;
    /// Logged while the terminal does not answer (ONSHI-E-TERMINAL-001), and when it does again.
    log::Complaint silence{"engine", msg::kTerminalSilent, msg::kTerminalAnswers};
    /// The engine's own look at the day's receptions while the trigger is missing: the day and
    /// the last reception number seen.
    std::string scan_day;
    long long scan_after = 0;
  };

  bool connect(bool at_start);  ///< steps 2-3; false when the database is down
  void db_down(const std::string& what);
  void schedule_reconnect();
  void reconnect_tick();
  bool watchers_complete() const;
  void load_facilities();
  void check_statistics();
  void build_watchers();
  void drop_watchers(Served& s);
  std::unique_ptr<watch::Watcher> make_folder_watcher(const db::FacilitySettings& s,
                                                      const std::string& dir);
  void become_ready();
  int idle_timeout() const;
  void on_wake();
  void collect_all();
  void collect(Served& s);
  /// Files the watchers may still hand to the queue: it holds at most as many as the import
  /// workers can have at once, the rest waits in the watchers (bounded, see watch::FolderTracker).
  std::size_t queue_room() const;
  void enqueue(int hospnum, exchange::Folder folder, const std::string& path);
  void process_batch();
  std::optional<ImportTask> make_task(const Work& w) const;
  /// Imports a group of files on the loop's own connection (--once). @return false when the
  /// database went down (stop processing)
  bool process(const std::vector<Work>& group);
  /// Counts, logs and re-schedules a finished import. @return false when the database went down
  bool finish(const ImportDone& d);
  void on_imports_done();
  void schedule_recheck(const Work& w, std::chrono::milliseconds delay);
  void queue_tick();
  void rescan_tick();
  void run_queues();
  void daily_purge(const db::FacilitySettings& facility);
  void watch_terminal(Served& s, const exchange::QueuePass& pass);
  // The automatic checks (exchange/auto_check.h): LISTEN on the loop's connection, a pass over
  // the queued receptions at start, after a reconnect, on each notification, in --once runs.
  void listen_receptions();
  void close_db();  ///< stops watching the connection's socket, closes it
  void on_reception_notice();
  void auto_checks();
  void auto_check(Served& s, bool scan);
  exchange::ImportOptions import_options() const;
  std::vector<std::string> folder_files(const std::string& dir) const;

  EventLoop& loop_;
  EngineConfig config_;
  std::string config_path_;
  std::unique_ptr<db::Connection> conn_;  ///< facilities, request queues, --once imports
  std::unique_ptr<ImportPool> pool_;      ///< imports (made by start())
  std::set<std::string> importing_;       ///< paths a worker has now
  std::set<std::string> again_;           ///< of those, reported again meanwhile
  std::map<int, Served> served_;
  std::deque<Work> queue_;
  std::set<std::string> queued_;                        ///< paths in queue_
  std::map<std::string, EventLoop::TimerId> rechecks_;  ///< path -> pending re-check timer
  std::map<std::string, int> failures_;                 ///< path -> consecutive failed attempts
  EventLoop::TimerId queue_timer_ = 0;
  EventLoop::TimerId reconnect_timer_ = 0;
  EventLoop::TimerId rescan_timer_ = 0;
  bool started_ = false;
  bool ready_ = false;
  bool watchers_wanted_ = false;  ///< build watchers after a (re)connect
  bool stopping_ = false;
  bool statistics_checked_ = false;  ///< the host tables' planner statistics (once per run)
  log::Complaint db_complaint_;
  log::Complaint watch_complaint_;
  log::Complaint queue_complaint_;
  log::Complaint purge_complaint_;
  log::Complaint auto_complaint_;
  int listen_fd_ = -1;              ///< the socket of conn_ watched for notifications (-1: none)
  bool auto_due_ = true;            ///< receptions may wait: a pass is due
  bool auto_deferred_ = false;      ///< a pass left a reception for later (exchange::kFaceGraceMs)
  std::optional<bool> trigger_ok_;  ///< the trigger on tbl_uketuke, as last seen
  std::chrono::steady_clock::time_point next_trigger_look_{};
  EngineStats stats_;
};

}  // namespace onshi::daemon
