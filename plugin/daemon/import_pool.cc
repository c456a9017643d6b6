// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/import_pool.h"

#ifdef _WIN32
#include <windows.h>  // the wake-up is an event (wait_handle()), not an eventfd
#else
#include <sys/eventfd.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

#include "common/error.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "xml/reader.h"

namespace onshi::daemon {
namespace {
/// Removal marks are written together: one transaction (without a disk wait) for this many
/// files, or once no file came for kMarksDelay.
constexpr std::size_t kMarksBatch = 64;
constexpr std::chrono::milliseconds kMarksDelay{100};

void flush_marks(std::unique_ptr<db::Connection>& conn, exchange::RemovalMarks& marks) {
  if (!conn) {  // the connection broke: the marks are information only, dropped
    marks = exchange::RemovalMarks();
    return;
  }
  if (marks.empty()) return;
  try {
    marks.flush(*conn);
  } catch (const db::DbError& e) {  // the marks are information only: dropped
    if (db::connection_broken(e, conn.get())) conn.reset();
  }
}
}  // namespace

namespace {
/// `done` failed with `error` (an exception_ptr from the import).
void classify(ImportDone& done, const std::exception_ptr& error, db::Connection* conn) {
  try {
    std::rethrow_exception(error);
  } catch (const db::DbError& e) {
    done.failure = db::connection_broken(e, conn) ? ImportDone::Failure::connection
                                                  : ImportDone::Failure::database;
    done.sqlstate = e.sqlstate();
    done.error = e.what();
  } catch (const std::exception& e) {
    done.failure = ImportDone::Failure::other;
    done.error = e.what();
  } catch (...) {
    done.failure = ImportDone::Failure::other;
    done.error = "unknown error";
  }
}
}  // namespace

std::vector<ImportDone> import_group(std::unique_ptr<db::Connection>& conn,
                                     const std::string& conninfo, std::vector<ImportTask> tasks) {
  std::vector<ImportDone> done(tasks.size());
  std::vector<exchange::FileToImport> files(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    files[i].facility = &tasks[i].facility;
    files[i].path = tasks[i].path;
    files[i].folder = tasks[i].folder;
  }
  try {
    if (!conn) conn = std::make_unique<db::Connection>(conninfo, "onshi-exchanged");
    if (!tasks.empty()) exchange::import_files(*conn, files, tasks.front().options);
  } catch (...) {  // no connection: no file was touched
    for (exchange::FileToImport& f : files) f.error = std::current_exception();
  }
  bool lost = false;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (files[i].error)
      classify(done[i], files[i].error, conn.get());
    else
      done[i].outcome = std::move(files[i].outcome);
    done[i].grouped = files[i].grouped;
    lost = lost || done[i].failure == ImportDone::Failure::connection;
    done[i].task = std::move(tasks[i]);
  }
  if (lost) conn.reset();  // the next attempt reconnects
  return done;
}

ImportPool::ImportPool(std::string conninfo, int workers, std::size_t group_max_files)
    : conninfo_(std::move(conninfo)) {
  xml::initialize();  // libxml2's global state, once, before any worker parses
#ifdef _WIN32
  wake_event_ = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
  if (!wake_event_) throw Error("CreateEvent failed");
#else
  event_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (event_fd_ < 0) throw Error(std::string("eventfd: ") + std::strerror(errno));
#endif
  if (workers < 1) workers = 1;
  capacity_ = 2 * workers * static_cast<int>(std::max<std::size_t>(group_max_files, 1));
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { run(); });
}

ImportPool::~ImportPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
#ifdef _WIN32
  ::CloseHandle(wake_event_);
#else
  ::close(event_fd_);
#endif
}

int ImportPool::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

void ImportPool::submit(ImportTask task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(std::move(task));
    ++in_flight_;
  }
  work_cv_.notify_one();
}

std::vector<ImportDone> ImportPool::take() {
#ifdef _WIN32
  ::ResetEvent(wake_event_);
#else
  std::uint64_t n;
  while (::read(event_fd_, &n, sizeof n) == static_cast<ssize_t>(sizeof n)) {
  }
#endif
  std::vector<ImportDone> out;
  std::lock_guard<std::mutex> lock(mutex_);
  out.swap(done_);
  in_flight_ -= static_cast<int>(out.size());
  return out;
}

void ImportPool::wait_idle() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_cv_.wait(
      lock, [this] { return pending_.empty() && static_cast<int>(done_.size()) == in_flight_; });
}

void ImportPool::reconnect(const std::string& conninfo) {
  std::lock_guard<std::mutex> lock(mutex_);
  conninfo_ = conninfo;
  ++generation_;
}

void ImportPool::run() {
  std::unique_ptr<db::Connection> conn;
  exchange::RemovalMarks marks;  // written every kMarksBatch files and whenever idle
  unsigned generation = 0;
  for (;;) {
    std::vector<ImportTask> tasks;
    std::string conninfo;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      auto ready = [this] { return stopping_ || !pending_.empty(); };
      if (marks.empty()) {
        work_cv_.wait(lock, ready);
      } else if (!work_cv_.wait_for(lock, kMarksDelay, ready)) {
        lock.unlock();  // quiet for a while: write the marks now
        flush_marks(conn, marks);
        continue;
      }
      if (pending_.empty()) {  // stopping, and nothing left to do
        lock.unlock();
        flush_marks(conn, marks);
        return;
      }
      // Every file waiting, up to a group's size: one transaction for all of them (a lone
      // file goes in at once, alone).
      const std::size_t max_files =
          std::max<std::size_t>(pending_.front().options.group_max_files, 1);
      while (!pending_.empty() && tasks.size() < max_files) {
        tasks.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
      if (generation != generation_) {
        conn.reset();
        generation = generation_;
      }
      conninfo = conninfo_;
    }
    for (ImportTask& t : tasks) t.options.removal_marks = &marks;
    std::vector<ImportDone> finished = import_group(conn, conninfo, std::move(tasks));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (ImportDone& d : finished) {
        d.task.options.removal_marks = nullptr;
        done_.push_back(std::move(d));
      }
    }
    idle_cv_.notify_all();
#ifdef _WIN32
    ::SetEvent(wake_event_);
#else
    const std::uint64_t one = 1;
    // Cannot fail short of a counter overflow; the loop also looks whenever it wakes.
    if (::write(event_fd_, &one, sizeof one) < 0) {
    }
#endif
    if (marks.size() >= kMarksBatch) flush_marks(conn, marks);
  }
}

}  // namespace onshi::daemon
