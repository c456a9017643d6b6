// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Imports files on worker threads, each with its own database connection, so that a backlog
/// is committed by several transactions at once (the server shares one WAL flush between
/// concurrent commits; the engine's file reading and parsing overlaps the other workers' waits).
/// A worker takes every file waiting, up to a group's size, and imports them with
/// `exchange::import_files`: one transaction for the group, a savepoint per file, the files
/// disposed of after the commit. Files are claimed in the database exactly as between several
/// engines, so nothing about the exactly-once contract changes. The engine's loop thread submits
/// work and is woken through fd() when results wait; logging, counters and re-checks stay on the
/// loop thread.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/facility.h"
#include "exchange/importer.h"

namespace onshi::db {
class Connection;
}

namespace onshi::daemon {

/// One file to import.
struct ImportTask {
  int hospnum = 0;
  exchange::Folder folder = exchange::Folder::res;
  std::string path;
  db::FacilitySettings facility;  ///< a copy: a reload may replace the engine's meanwhile
  exchange::ImportOptions options;
};

/// How an import attempt ended.
struct ImportDone {
  enum class Failure {
    none,        ///< `outcome` holds the result
    connection,  ///< the connection broke or could not be made: the file was not touched
    database,    ///< a statement failed: rolled back, the file stays on the share
    other,       ///< an I/O or other error: the file stays on the share
  };
  ImportTask task;
  exchange::ImportOutcome outcome;
  Failure failure = Failure::none;
  std::string sqlstate;  ///< database failures
  std::string error;     ///< failures: the message
  bool grouped = false;  ///< committed in one transaction together with other files
};

/// Runs `exchange::import_files` for `tasks` on `conn` (connecting first when it is null) and
/// classifies what went wrong with each file. A broken connection is reset (`conn` becomes
/// null) so that the next attempt reconnects. The group's limits are the first task's options.
std::vector<ImportDone> import_group(std::unique_ptr<db::Connection>& conn,
                                     const std::string& conninfo, std::vector<ImportTask> tasks);

class ImportPool {
 public:
  /// @param workers threads (and database connections, made when first needed), at least 1
  /// @param group_max_files files one worker imports in one transaction, at least 1
  ImportPool(std::string conninfo, int workers, std::size_t group_max_files = 1);
  /// Lets the files in progress finish (their transactions commit or roll back), then joins.
  ~ImportPool();
  ImportPool(const ImportPool&) = delete;
  ImportPool& operator=(const ImportPool&) = delete;

  /// Readable (eventfd) when finished imports wait in take(); -1 on Windows.
  int fd() const { return event_fd_; }
  /// Windows: an event signalled when finished imports wait in take(); null on Linux.
  void* wait_handle() const { return wake_event_; }
  int workers() const { return static_cast<int>(threads_.size()); }
  /// Files submitted and not yet taken back.
  int in_flight() const;
  /// Room for another file: each worker can be importing a group and have the next waiting.
  bool has_capacity() const { return in_flight() < capacity_; }
  /// Files submitted and not taken back, at most (2 x workers x group).
  int capacity() const { return capacity_; }
  /// Hands a file to an idle worker (call only when has_capacity()).
  void submit(ImportTask task);
  /// The finished imports (in completion order); resets fd().
  std::vector<ImportDone> take();
  /// Blocks until every submitted file is finished (then take() returns them all).
  void wait_idle();
  /// Every worker drops its connection before its next file (the database went away, or the
  /// connection settings changed: `conninfo` is the new value).
  void reconnect(const std::string& conninfo);

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::deque<ImportTask> pending_;
  std::vector<ImportDone> done_;
  int in_flight_ = 0;
  int capacity_ = 1;  ///< files submitted and not taken back, at most
  std::string conninfo_;
  unsigned generation_ = 0;  ///< bumped by reconnect()
  bool stopping_ = false;
  int event_fd_ = -1;
  void* wake_event_ = nullptr;  ///< Windows
  std::vector<std::thread> threads_;
};

}  // namespace onshi::daemon
