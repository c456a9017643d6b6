// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/engine.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "common/i18n.h"
#include "common/message_ids.h"
#include "daemon/notify.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/migrations.h"
#include "db/notifications.h"
#include "db/transaction.h"
#include "exchange/auto_check.h"
#include "exchange/bulk_check.h"
#include "exchange/outage.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "store/auto_check.h"
#include "store/notices.h"
#include "store/purge.h"
#include "store/terminal_health.h"

namespace onshi::daemon {
namespace {

// Log lines: component "engine", the IDs of common/message_ids.h (README, section Engine).
constexpr const char* kComponent = "engine";

/// Every watched folder is listed again this often: a safety net for missed events, and it lets
/// the watchers forget files that left the folder (inotify reports arrivals only).
constexpr std::chrono::minutes kRescanInterval{10};
constexpr std::chrono::milliseconds kMaxBackoff{300000};

std::string base_name(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string where(int hospnum, exchange::Folder folder, const std::string& path) {
  return tr("facility {1} {2}/{3}", hospnum, exchange::folder_name(folder), base_name(path));
}

std::string join(const std::vector<int>& v) {
  std::string out;
  for (int n : v) out += (out.empty() ? "" : " ") + std::to_string(n);
  return out.empty() ? "none" : out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& n : v) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Engine::Engine(EventLoop& loop, EngineConfig config, std::string config_path)
    : loop_(loop),
      config_(std::move(config)),
      config_path_(std::move(config_path)),
      db_complaint_(kComponent, msg::kDbDown, msg::kDbBack),
      watch_complaint_(kComponent, msg::kWatchFail, msg::kWatchBack),
      queue_complaint_(kComponent, msg::kQueueFail, msg::kQueueBack),
      purge_complaint_(kComponent, msg::kPurgeFail, msg::kPurgeBack),
      auto_complaint_(kComponent, msg::kAutoFail, msg::kAutoBack) {
  // One idle source for every watcher and the file queue: watchers come and go on reload,
  // the loop's idle sources cannot.
  loop_.add_idle_source([this] { return idle_timeout(); }, [this] { on_wake(); });
}

Engine::~Engine() {
  if (pool_) {
    loop_.unwatch_fd(pool_->fd());
    loop_.unwatch_handle(pool_->wait_handle());
    pool_.reset();  // lets the files in progress finish
  }
  for (auto& [hospnum, s] : served_) drop_watchers(s);
  for (auto& [path, id] : rechecks_) loop_.cancel_timer(id);
  if (queue_timer_) loop_.cancel_timer(queue_timer_);
  if (rescan_timer_) loop_.cancel_timer(rescan_timer_);
  if (reconnect_timer_) loop_.cancel_timer(reconnect_timer_);
  close_db();
}

std::vector<int> Engine::served() const {
  std::vector<int> out;
  for (const auto& entry : served_) out.push_back(entry.first);
  return out;
}

exchange::ImportOptions Engine::import_options() const {
  exchange::ImportOptions o;
  o.quarantine_dir = config_.quarantine_dir;
  o.not_ready_grace = std::chrono::milliseconds(config_.not_ready_grace_ms);
  o.archive_raw = config_.archive_raw;
  o.group_max_files = static_cast<std::size_t>(config_.import_group_files);
  o.group_max_time = std::chrono::milliseconds(config_.import_group_ms);
  return o;
}

// --- start order -------------------------------------------------------------------------------

void Engine::start() {
  log::info(kComponent, msg::kEngineStarting,
            tr("starting: watch_backend {1}, facilities {2}, database {3}",
               watch::backend_name(config_.watch_backend), config_value(config_, "facilities"),
               db::describe_target(config_.conninfo)));
  started_ = true;
  watchers_wanted_ = true;
  pool_ = std::make_unique<ImportPool>(config_.conninfo, config_.import_workers,
                                       static_cast<std::size_t>(config_.import_group_files));
  if (pool_->wait_handle())  // Windows
    loop_.watch_handle(pool_->wait_handle(), [this] { on_imports_done(); });
  else
    loop_.watch_fd(pool_->fd(), [this] { on_imports_done(); });
  // 2-3: database, schema check, facilities. A schema mismatch or refused credentials end the
  // start (an operator must act); an unreachable server is waited for.
  if (connect(true)) {
    build_watchers();  // 4-5: watchers, rescan
    become_ready();    // 6 (a folder that cannot be watched yet is complained about and retried)
    if (!watchers_complete()) schedule_reconnect();
  } else {
    schedule_reconnect();
  }
  queue_timer_ = loop_.add_timer(std::chrono::milliseconds(config_.queue_interval_ms),
                                 [this] { queue_tick(); });
  rescan_timer_ = loop_.add_timer(kRescanInterval, [this] { rescan_tick(); });
}

void Engine::rescan_tick() {
  rescan_timer_ = loop_.add_timer(kRescanInterval, [this] { rescan_tick(); });
  for (auto& entry : served_)
    for (watch::Watcher* w : {entry.second.res.get(), entry.second.face.get()})
      if (w) w->rescan();
}

void Engine::install_signal_handlers() {
  loop_.on_signal(SIGHUP, [this] { reload(); });
  loop_.on_signal(SIGTERM, [this] { stop(); });
  loop_.on_signal(SIGINT, [this] { stop(); });
}

bool Engine::connect(bool at_start) {
  try {
    auto c = std::make_unique<db::Connection>(config_.conninfo, "onshi-exchanged");
    db::require_schema_version(*c, "onshi-exchanged");
    conn_ = std::move(c);
    load_facilities();
    listen_receptions();
    if (!statistics_checked_) check_statistics();
    db_complaint_.recover(tr("database reachable again ({1})", conn_->describe()));
    return true;
  } catch (const db::SchemaVersionError&) {
    throw;
  } catch (const db::AuthenticationError& e) {
    if (at_start) throw;
    close_db();
    db_down(e.what());
    return false;
  } catch (const db::DbError& e) {
    close_db();
    db_down(e.what());
    return false;
  }
}

void Engine::check_statistics() {
  // Once per run, before the first import plans its statements: a freshly loaded host has no
  // planner statistics (exchange::prepare_linking). Autovacuum gathers them later anyway.
  const host::StatisticsPass s = exchange::prepare_linking(*conn_);
  statistics_checked_ = true;
  if (!s.analysed.empty())
    log::info(
        kComponent, msg::kDbStatistics,
        tr("planner statistics gathered for host tables never analysed: {1}", join(s.analysed)));
  if (!s.not_permitted.empty())
    log::warning(kComponent, msg::kDbNoStatistics,
                 tr("host tables never analysed: {1}; lookups may read every row until "
                    "autovacuum analyses them (or run ANALYZE as their owner)",
                    join(s.not_permitted)));
}

void Engine::db_down(const std::string& what) {
  if (pool_) pool_->reconnect(config_.conninfo);  // every worker reconnects before its next file
  if (conn_) {
    close_db();
    ++stats_.db_outages;
  } else if (!db_complaint_.active()) {
    ++stats_.db_outages;
  }
  db_complaint_.complain(
      tr("database unreachable ({1}): {2}; files stay on the share until it is back",
         db::describe_target(config_.conninfo), what));
  notify_systemd("STATUS=waiting for the database");
  schedule_reconnect();
}

void Engine::schedule_reconnect() {
  if (reconnect_timer_ || stopping_ || !started_) return;
  reconnect_timer_ =
      loop_.add_timer(std::chrono::milliseconds(config_.db_retry_ms), [this] { reconnect_tick(); });
}

void Engine::reconnect_tick() {
  reconnect_timer_ = 0;
  if (stopping_) return;
  if (!conn_ && !connect(false)) return;  // connect() scheduled the next try
  build_watchers();
  if (!ready_) become_ready();
  if (!watchers_complete()) schedule_reconnect();
}

void Engine::load_facilities() {
  std::vector<db::FacilitySettings> all = db::load_enabled_facilities(*conn_);
  std::map<int, db::FacilitySettings> wanted;
  for (db::FacilitySettings& s : all)
    if (config_.facilities.empty() ||
        std::find(config_.facilities.begin(), config_.facilities.end(), s.hospnum) !=
            config_.facilities.end())
      wanted.emplace(s.hospnum, std::move(s));
  for (int h : config_.facilities)
    if (!wanted.count(h))
      log::warning(kComponent, msg::kEngineNotEnabled,
                   tr("facility {1} is configured but not enabled (onshi-admin enable); not "
                      "served",
                      h),
                   h);
  for (auto it = served_.begin(); it != served_.end();) {
    if (!wanted.count(it->first)) {
      drop_watchers(it->second);
      it = served_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [hospnum, s] : wanted) {
    auto it = served_.find(hospnum);
    if (it == served_.end()) {
      served_[hospnum].settings = std::move(s);
      continue;
    }
    const db::FacilitySettings& old = it->second.settings;
    // The watchers know the facility's own folders too (never reported: make_folder_watcher).
    if (old.res_path() != s.res_path() || old.face_path() != s.face_path() ||
        old.poll_interval_ms != s.poll_interval_ms || old.share_dir != s.share_dir ||
        old.req_path() != s.req_path() || old.move_dir != s.move_dir || old.emr_dir != s.emr_dir)
      drop_watchers(it->second);
    it->second.settings = std::move(s);
  }
}

std::unique_ptr<watch::Watcher> Engine::make_folder_watcher(const db::FacilitySettings& s,
                                                            const std::string& dir) {
  watch::WatchOptions o;
  o.poll_interval = std::chrono::milliseconds(
      config_.poll_interval_ms > 0 ? config_.poll_interval_ms : s.poll_interval_ms);
  o.settle = std::chrono::milliseconds(config_.settle_ms);
  // Our own folders may sit inside a watched one (res_dir = the share root, an archive inside
  // res/ ...): the watcher reports every other entry, and the importer would quarantine them.
  for (const auto& entry : served_) {
    const db::FacilitySettings& f = entry.second.settings;
    for (const std::string& p : {f.share_dir, f.req_path(), f.res_path(), f.face_path()})
      o.keep.push_back(p);
    for (const std::optional<std::string>& p : {f.move_dir, f.emr_dir})
      if (p) o.keep.push_back(*p);
  }
  o.keep.push_back(config_.quarantine_dir);
  std::unique_ptr<watch::Watcher> w = watch::make_watcher(config_.watch_backend, o, dir);
  w->add(dir);
  return w;
}

void Engine::build_watchers() {
  if (!watchers_wanted_) return;
  std::string failures;
  for (auto& [hospnum, s] : served_) {
    if (s.res && s.face) continue;
    drop_watchers(s);
    try {
      s.res = make_folder_watcher(s.settings, s.settings.res_path());
      s.face = make_folder_watcher(s.settings, s.settings.face_path());
    } catch (const std::exception& e) {
      drop_watchers(s);
      failures += (failures.empty() ? "" : "; ") + tr("facility {1}: {2}", hospnum, e.what());
      continue;
    }
    const int h = hospnum;
    for (watch::Watcher* w : {s.res.get(), s.face.get()}) {
      auto on_event = [this, h] {
        auto found = served_.find(h);
        if (found != served_.end()) collect(found->second);
      };
      if (w->fd() >= 0)
        loop_.watch_fd(w->fd(), on_event);
      else if (w->wait_handle())  // Windows: ReadDirectoryChangesW
        loop_.watch_handle(w->wait_handle(), on_event);
      w->rescan();  // 5: files that arrived while nobody watched
    }
    log::info(kComponent, msg::kWatching,
              tr("facility {1}: watching {2} ({3}) and {4} ({5})", hospnum, s.settings.res_path(),
                 watch::backend_name(s.res->backend()), s.settings.face_path(),
                 watch::backend_name(s.face->backend())),
              hospnum);
  }
  if (!failures.empty())
    watch_complaint_.complain(tr("cannot watch share folders ({1}); trying again", failures));
  else
    watch_complaint_.recover(tr("every share folder is watched"));
}

bool Engine::watchers_complete() const {
  for (const auto& entry : served_)
    if (!entry.second.res || !entry.second.face) return false;
  return true;
}

void Engine::drop_watchers(Served& s) {
  for (std::unique_ptr<watch::Watcher>* w : {&s.res, &s.face}) {
    if (*w && (*w)->fd() >= 0) loop_.unwatch_fd((*w)->fd());
    if (*w && (*w)->wait_handle()) loop_.unwatch_handle((*w)->wait_handle());
    w->reset();
  }
}

void Engine::become_ready() {
  ready_ = true;
  std::string list = join(served());
  notify_systemd("READY=1\nSTATUS=serving facilities " + list);
  log::info(kComponent, msg::kEngineReady,
            served_.empty() ? tr("ready: serving facilities none")
                            : tr("ready: serving facilities {1}", list));
}

// --- the loop ----------------------------------------------------------------------------------

int Engine::idle_timeout() const {
  if (conn_ && !queue_.empty() && !stopping_ && pool_ && pool_->has_capacity()) return 0;
  const bool room = !stopping_ && queue_room() > 0;
  int t = -1;
  for (const auto& entry : served_)
    for (const watch::Watcher* w : {entry.second.res.get(), entry.second.face.get()}) {
      if (!w) continue;
      if (room && w->ready() > 0) return 0;  // complete files wait for the queue
      int wt = w->timeout_ms();
      if (wt >= 0 && (t < 0 || wt < t)) t = wt;
    }
  return t;
}

void Engine::on_wake() {
  if (stopping_) return;
  collect_all();
  process_batch();
}

void Engine::collect_all() {
  for (auto& entry : served_) collect(entry.second);
}

void Engine::collect(Served& s) {
  // Each folder may fill half the queue's room first, and the first turn alternates: a backlog
  // in one folder never keeps the other's files waiting.
  const std::pair<watch::Watcher*, exchange::Folder> res{s.res.get(), exchange::Folder::res};
  const std::pair<watch::Watcher*, exchange::Folder> face{s.face.get(), exchange::Folder::face};
  const std::pair<watch::Watcher*, exchange::Folder> order[] = {s.face_first ? face : res,
                                                                s.face_first ? res : face};
  s.face_first = !s.face_first;
  std::vector<std::string> found;
  for (int pass = 0; pass < 3; ++pass) {
    const auto& [w, folder] = order[pass % 2];
    if (!w) continue;
    const std::size_t room = queue_room();
    if (pass == 2 && (room == 0 || w->ready() == 0)) continue;  // its events are read already
    w->collect(found, pass == 0 ? room - room / 2 : room);
    for (const std::string& p : found) enqueue(s.settings.hospnum, folder, p);
    found.clear();
  }
}

std::size_t Engine::queue_room() const {
  const std::size_t target =
      pool_ ? static_cast<std::size_t>(pool_->capacity())
            : static_cast<std::size_t>(2 * config_.import_workers * config_.import_group_files);
  return queue_.size() < target ? target - queue_.size() : 0;
}

void Engine::enqueue(int hospnum, exchange::Folder folder, const std::string& path) {
  if (rechecks_.count(path)) return;  // a re-check is already scheduled
  if (importing_.count(path)) {       // reported again while a worker has it: look once more
    again_.insert(path);
    return;
  }
  if (!queued_.insert(path).second) return;
  queue_.push_back(Work{hospnum, folder, path});
}

void Engine::process_batch() {
  // Hands files to idle import workers; the loop stays free for signals, events and timers.
  while (conn_ && !queue_.empty() && !stopping_ && pool_->has_capacity()) {
    Work w = std::move(queue_.front());
    queue_.pop_front();
    queued_.erase(w.path);
    std::optional<ImportTask> task = make_task(w);
    if (!task) continue;
    importing_.insert(w.path);
    pool_->submit(std::move(*task));
  }
}

std::optional<ImportTask> Engine::make_task(const Work& w) const {
  auto it = served_.find(w.hospnum);
  if (it == served_.end()) return std::nullopt;  // no longer served (reload)
  return ImportTask{w.hospnum, w.folder, w.path, it->second.settings, import_options()};
}

void Engine::on_imports_done() {
  for (ImportDone& d : pool_->take()) {
    importing_.erase(d.task.path);
    finish(d);
    if (again_.erase(d.task.path)) enqueue(d.task.hospnum, d.task.folder, d.task.path);
  }
  process_batch();
}

bool Engine::process(const std::vector<Work>& group) {
  std::vector<ImportTask> tasks;
  for (const Work& w : group)
    if (std::optional<ImportTask> task = make_task(w)) tasks.push_back(std::move(*task));
  bool ok = true;
  for (const ImportDone& d : import_group(conn_, config_.conninfo, std::move(tasks)))
    ok = finish(d) && ok;
  return ok;
}

bool Engine::finish(const ImportDone& d) {
  const Work w{d.task.hospnum, d.task.folder, d.task.path};
  const std::string at = where(w.hospnum, w.folder, w.path);
  switch (d.failure) {
    case ImportDone::Failure::none:
      break;
    case ImportDone::Failure::connection:
      // Back to the front of the queue: imported after the reconnect, nothing lost.
      if (queued_.insert(w.path).second) queue_.push_front(w);
      db_down(d.error);
      return false;
    case ImportDone::Failure::database:
      ++stats_.failed;
      log::error(
          kComponent, msg::kImportDbError,
          tr("{1}: database error [{2}] {3}; the file stays on the share", at, d.sqlstate, d.error),
          w.hospnum);
      schedule_recheck(w, std::chrono::milliseconds(0));
      return true;
    case ImportDone::Failure::other:
      ++stats_.failed;
      log::error(kComponent, msg::kImportError,
                 tr("{1}: {2}; the file stays on the share", at, d.error), w.hospnum);
      schedule_recheck(w, std::chrono::milliseconds(0));
      return true;
  }
  const exchange::ImportOutcome& out = d.outcome;
  switch (out.state) {
    case exchange::ImportState::imported:
      ++stats_.imported;
      failures_.erase(w.path);
      if (log::enabled(log::Level::info))
        log::info(kComponent, msg::kImported,
                  out.job_id
                      ? tr("{1}: imported ({2}, file {3}, {4} confirmations, {5} "
                           "linked, answers job {6})",
                           at, out.kind, out.file_id, out.confirmations, out.linked, out.job_id)
                      : tr("{1}: imported ({2}, file {3}, {4} confirmations, {5} linked)", at,
                           out.kind, out.file_id, out.confirmations, out.linked),
                  w.hospnum);
      break;
    case exchange::ImportState::duplicate:
      ++stats_.duplicate;
      failures_.erase(w.path);
      if (out.left)  // seen again on a share another program reads: nothing to do, no noise
        log::debug(kComponent, at + ": already imported; left on the share (face_files leave)",
                   w.hospnum);
      else
        log::info(kComponent, msg::kImportDuplicate,
                  tr("{1}: already imported (file {2}); removed from the share", at, out.file_id),
                  w.hospnum);
      break;
    case exchange::ImportState::foreign:
      // Another program's file on a shared share: never touched, never reported as a problem.
      failures_.erase(w.path);
      log::debug(kComponent, at + ": not ours (" + out.detail + "); left alone", w.hospnum);
      break;
    case exchange::ImportState::refused:
      ++stats_.refused;
      failures_.erase(w.path);
      log::warning(kComponent, msg::kImportRefused,
                   out.moved_to.empty() ? tr("{1}: refused ({2}): {3}", at, out.reason, out.detail)
                                        : tr("{1}: refused ({2}): {3}; moved to {4}", at,
                                             out.reason, out.detail, out.moved_to),
                   w.hospnum);
      break;
    case exchange::ImportState::not_ready:
      if (out.reason == "gone") {  // another engine took it, or the terminal withdrew it
        failures_.erase(w.path);
        log::debug(kComponent, at + ": gone", w.hospnum);
        break;
      }
      ++stats_.not_ready;
      log::info(
          kComponent, msg::kImportNotReady,
          tr("{1}: not ready ({2}); looked at again in {3} ms", at, out.reason, config_.recheck_ms),
          w.hospnum);
      schedule_recheck(w, std::chrono::milliseconds(config_.recheck_ms));
      break;
  }
  if (out.replaced) {
    // The file that was read is dealt with; the one now at its name is another file.
    log::info(kComponent, msg::kImportReplaced,
              tr("{1}: another file took this name while it was imported; left on the share "
                 "and looked at again",
                 at),
              w.hospnum);
    enqueue(w.hospnum, w.folder, w.path);
  }
  return true;
}

void Engine::schedule_recheck(const Work& w, std::chrono::milliseconds delay) {
  if (!watchers_wanted_ || rechecks_.count(w.path)) return;  // --once: no second look
  if (delay.count() == 0) {                                  // a failure: back off
    int n = ++failures_[w.path];
    delay = std::chrono::milliseconds(config_.recheck_ms);
    for (int i = 1; i < n && delay < kMaxBackoff; ++i) delay *= 2;
    delay = std::min(delay, kMaxBackoff);
  }
  Work copy = w;
  rechecks_[w.path] = loop_.add_timer(delay, [this, copy] {
    rechecks_.erase(copy.path);
    enqueue(copy.hospnum, copy.folder, copy.path);
  });
}

void Engine::queue_tick() {
  queue_timer_ = loop_.add_timer(std::chrono::milliseconds(config_.queue_interval_ms),
                                 [this] { queue_tick(); });
  if (conn_ && ready_ && !stopping_) run_queues();
}

void Engine::daily_purge(const db::FacilitySettings& facility) {
  // The retention purge: due once per facility and local date (recorded in the database, like
  // the evening pre-check). A failure rolls back and is tried again on the next pass.
  const int hospnum = facility.hospnum;
  try {
    const store::DailyPurge d = store::run_daily_purge(*conn_, facility);
    if (purge_complaint_.active()) purge_complaint_.recover(tr("the retention purge works again"));
    if (!d.ran) return;
    const store::PurgeReport& r = d.report;
    log::info(kComponent, msg::kPurgeRun,
              tr("facility {1}: retention purge (older than {2} months, before {3}): removed {4} "
                 "confirmations, {5} files, {6} jobs, {7} files on disk ({8} archived or "
                 "quarantined, {9} EMR copies)",
                 hospnum, r.retention_months, r.cutoff, r.confirmations, r.files, r.jobs,
                 r.disk_removed, r.archive_paths.size(), r.emr_paths.size()),
              hospnum);
    for (const std::string& failure : r.disk_failures)
      log::warning(kComponent, msg::kPurgeFiles,
                   tr("facility {1}: retention purge could not remove {2}", hospnum, failure),
                   hospnum);
  } catch (const db::DbError& e) {
    if (db::connection_broken(e, conn_.get())) throw;
    purge_complaint_.complain(
        tr("facility {1}: retention purge: [{2}] {3}", hospnum, e.sqlstate(), e.what()));
  }
}

void Engine::watch_terminal(Served& s, const exchange::QueuePass& pass) {
  // What only the engine sees, recorded for the screens and onshi-admin status when it changes:
  // whether req/ can be written, and whether the terminal answers at all (store::
  // TerminalSilence: said after the first answer timeout, not after the last retry).
  const int hospnum = s.settings.hospnum;
  if (pass.deferred || pass.sent) {
    const bool ok = pass.deferred == 0;
    if (s.share_ok != ok) store::record_share_state(*conn_, hospnum, ok, pass.write_error);
    s.share_ok = ok;
  }
  const store::TerminalSilence t =
      store::terminal_silence(*conn_, hospnum, s.settings.answer_timeout_s);
  if (s.silent != t.silent) {
    // The change and its notice for the screens (store/notices.h) in one transaction; the
    // recorded state decides, so a restarted engine does not notify the same silence again.
    try {
      db::Transaction tx(*conn_);
      if (store::record_silence(*conn_, hospnum, t.since)) {
        store::NewNotice n;
        n.hospnum = hospnum;
        n.kind = t.silent ? "terminal_silent" : "terminal_answers";
        n.detail = t.since;
        store::add_notice(*conn_, n);
      }
      tx.commit();
    } catch (const db::DbError& e) {
      if (db::connection_broken(e, conn_.get())) throw;
      // Tried again at the next pass (s.silent keeps the old state).
      log::warning(kComponent, msg::kNoticeFailed,
                   tr("facility {1}: the screens' notice of the terminal could not be written: "
                      "[{2}] {3}",
                      hospnum, e.sqlstate(), e.what()),
                   hospnum);
      return;
    }
  }
  s.silent = t.silent;
  if (t.silent)
    s.silence.complain(
        tr("facility {1}: the verification terminal has not answered since {2} "
           "({3} s); {4} request(s) wait for an answer; check the terminal and "
           "its share",
           hospnum, t.since, t.age_s, t.unanswered));
  else if (s.silence.active())
    s.silence.recover(tr("facility {1}: the verification terminal answers again", hospnum));
}

void Engine::run_queues() {
  auto_checks();
  bool failed = false;
  for (auto& [hospnum, s] : served_) {
    if (!conn_) return;
    try {
      daily_purge(s.settings);
      // The evening bulk pre-check: due once per facility and local date at its batch_time
      // (recorded in the database, so restarts, clock jumps and other engines never repeat it).
      const exchange::ScheduledRun b = exchange::run_scheduled_precheck(*conn_, s.settings);
      if (b.ran)
        log::info(kComponent, msg::kBulkRun,
                  b.start.batch_id
                      ? tr("facility {1}: bulk pre-check of {2}: batch {3}, {4} patients in {5} "
                           "requests",
                           hospnum, b.start.day, b.start.batch_id, b.start.patients, b.start.chunks)
                  : b.start.day.empty() ? tr("facility {1}: bulk pre-check: {2}", hospnum, b.note)
                                        : tr("facility {1}: bulk pre-check of {2}: {3}", hospnum,
                                             b.start.day, b.note),
                  hospnum);
      // Patients recorded during an outage: checked again with their visit date once the
      // terminal answers again (their requests then go out in this same pass).
      const exchange::OutageRecheckPass o = exchange::recheck_outage_statements(*conn_, s.settings);
      if (o.queued || o.answered || o.staff)
        log::info(kComponent, msg::kOutageRecheck,
                  tr("facility {1}: outage statements: {2} re-check(s) queued with the visit "
                     "date, {3} answered, {4} need staff",
                     hospnum, o.queued, o.answered, o.staff),
                  hospnum);
      exchange::QueuePass p = exchange::run_queue(*conn_, s.settings);
      stats_.requests_sent += p.sent;
      stats_.jobs_failed += p.failed;
      if (p.stale_temps)
        log::info(kComponent, msg::kQueueStaleTemps,
                  tr("facility {1}: removed {2} stale temporary request file(s) (.onshi-*.tmp "
                     "beside req/, left by an interrupted write)",
                     hospnum, p.stale_temps),
                  hospnum);
      if (p.sent || p.retried || p.failed || p.expired)
        log::info(kComponent, msg::kQueuePass,
                  tr("facility {1}: requests sent {2}, retried {3}, failed {4}, expired {5}",
                     hospnum, p.sent, p.retried, p.failed, p.expired),
                  hospnum);
      watch_terminal(s, p);
      if (p.deferred) {
        // req/ could not be written (share unreachable, read-only): the jobs wait, say so once.
        failed = true;
        queue_complaint_.complain(tr("facility {1}: {2} request(s) could not be written: {3}",
                                     hospnum, p.deferred, p.write_error));
      }
    } catch (const db::DbError& e) {
      if (db::connection_broken(e, conn_.get())) {
        db_down(e.what());
        return;
      }
      failed = true;
      queue_complaint_.complain(
          tr("facility {1}: request queue: [{2}] {3}", hospnum, e.sqlstate(), e.what()));
    } catch (const std::exception& e) {
      failed = true;
      queue_complaint_.complain(tr("facility {1}: request queue: {2}", hospnum, e.what()));
    }
  }
  if (!failed) queue_complaint_.recover(tr("request queue works again"));
}

// --- the automatic checks ----------------------------------------------------------------------

void Engine::listen_receptions() {
  // A new connection: LISTEN again, watch its socket, and look at what waits (receptions queued
  // while the engine was down or disconnected).
  db::listen(*conn_, store::kReceptionChannel);
  if (listen_fd_ >= 0) loop_.unwatch_fd(listen_fd_);
  listen_fd_ = db::socket_of(*conn_);
  if (listen_fd_ >= 0 && watchers_wanted_)
    loop_.watch_fd(listen_fd_, [this] { on_reception_notice(); });
  auto_due_ = true;
  next_trigger_look_ = {};
}

void Engine::close_db() {
  if (listen_fd_ >= 0) loop_.unwatch_fd(listen_fd_);
  listen_fd_ = -1;
  conn_.reset();
}

void Engine::on_reception_notice() {
  if (!conn_ || stopping_) return;
  try {
    if (db::take_notifications(*conn_).empty()) return;
  } catch (const db::DbError& e) {
    db_down(e.what());
    return;
  }
  auto_due_ = true;
  if (ready_) run_queues();  // the checks, then the request they queued goes out at once
}

void Engine::auto_checks() {
  if (!conn_ || stopping_) return;
  try {
    // Notifications read with other statements' answers wait in the connection, not the socket.
    if (!db::take_notifications(*conn_).empty()) auto_due_ = true;
    const auto now = std::chrono::steady_clock::now();
    bool scan = false;
    if (now >= next_trigger_look_) {  // the trigger's state, every few seconds
      next_trigger_look_ = now + std::chrono::seconds(3);
      bool used = false;  // only a facility with an automatic check needs it
      for (const auto& entry : served_)
        used = used || store::auto_check_settings(*conn_, entry.first).any();
      const bool ok = !used || store::reception_trigger_installed(*conn_);
      if (!ok && trigger_ok_ != false)
        log::warning(kComponent, msg::kAutoNoTrigger,
                     tr("the trigger on tbl_uketuke is missing (an update of the receipt "
                        "program re-created the table?): today's receptions are looked at every "
                        "few seconds instead; onshi-admin autocheck trigger install puts it back"));
      else if (ok && trigger_ok_ == false)
        log::info(kComponent, msg::kAutoTriggerBack,
                  tr("the trigger on tbl_uketuke is installed again: receptions are notified"));
      // One last look when it comes back: receptions saved before it was installed.
      scan = !ok || trigger_ok_ == false;
      trigger_ok_ = ok;
    }
    if (!scan && !auto_due_) return;
    auto_deferred_ = false;
    for (auto& entry : served_) auto_check(entry.second, scan);
    auto_due_ = auto_deferred_;
    auto_complaint_.recover(tr("automatic checks work again"));
  } catch (const db::DbError& e) {
    if (db::connection_broken(e, conn_.get())) {
      db_down(e.what());
      return;
    }
    auto_complaint_.complain(tr("automatic checks: [{1}] {2}", e.sqlstate(), e.what()));
  } catch (const std::exception& e) {
    auto_complaint_.complain(tr("automatic checks: {1}", e.what()));
  }
}

void Engine::auto_check(Served& s, bool scan) {
  const int hospnum = s.settings.hospnum;
  if (scan && store::auto_check_settings(*conn_, hospnum).any()) {
    const std::string today = local_date8();
    if (s.scan_day != today) {
      s.scan_day = today;
      s.scan_after = 0;
    }
    if (exchange::scan_receptions(*conn_, s.settings, s.scan_after) == 0 && !auto_due_) return;
  } else if (!auto_due_) {
    return;
  }
  const exchange::AutoCheckPass p = exchange::run_auto_checks(*conn_, s.settings);
  // A reception left for a card check-in still on its way: looked at again at the next pass.
  if (p.deferred) auto_deferred_ = true;
  if (p.total())
    log::info(kComponent, msg::kAutoPass,
              tr("facility {1}: automatic checks of {2} reception(s): card check-in {3}, already "
                 "confirmed {4}, evening pre-check {5}, requests queued {6}, not possible {7}",
                 hospnum, p.receptions, p.face, p.confirmed, p.bulk, p.requests, p.refused),
              hospnum);
}

// --- control -----------------------------------------------------------------------------------

void Engine::reload() {
  notify_systemd(reloading_state());
  EngineConfig next = config_;
  if (!config_path_.empty()) {
    try {
      next = load_config(config_path_);
    } catch (const ConfigError& e) {
      log::error(kComponent, msg::kConfigReloadRefused,
                 tr("reload refused, the running configuration is kept: {1}", e.what()));
      notify_systemd("READY=1");
      return;
    }
    for (const std::string& key : non_reloadable_changes(config_, next))
      log::warning(kComponent, msg::kConfigRestartNeeded,
                   tr("{1} changes only with a restart; the running value is kept", key));
    keep_non_reloadable(config_, next);
  }
  const bool conninfo_changed = next.conninfo != config_.conninfo;
  if (conninfo_changed && pool_) pool_->reconnect(next.conninfo);
  const bool watch_changed = next.watch_backend != config_.watch_backend ||
                             next.poll_interval_ms != config_.poll_interval_ms ||
                             next.settle_ms != config_.settle_ms ||
                             next.quarantine_dir != config_.quarantine_dir;
  config_ = std::move(next);
  log::set_level(config_.log_level);
  try {
    log::reopen_file();  // log_file: a rotated file is left to the rotation
  } catch (const std::runtime_error& e) {
    log::error(kComponent, msg::kLogFileReopenFailed,
               tr("{1}; lines go to the other log outputs until the next reload", e.what()));
  }
  if (watch_changed)
    for (auto& entry : served_) drop_watchers(entry.second);
  if (conninfo_changed) close_db();
  if (conn_) {
    try {
      load_facilities();
    } catch (const db::DbError& e) {
      if (!db::connection_broken(e, conn_.get())) throw;
      db_down(e.what());
    }
  } else if (reconnect_timer_) {
    loop_.cancel_timer(reconnect_timer_);
    reconnect_timer_ = 0;
    reconnect_tick();
  } else {
    reconnect_tick();
  }
  if (conn_) {
    build_watchers();
    if (!watchers_complete()) schedule_reconnect();
  }
  log::info(kComponent, msg::kConfigReloaded,
            served_.empty() ? tr("configuration reloaded; serving facilities none")
                            : tr("configuration reloaded; serving facilities {1}", join(served())));
  notify_systemd("READY=1\nSTATUS=serving facilities " + join(served()));
}

void Engine::stop() {
  if (stopping_) return;
  stopping_ = true;
  notify_systemd("STOPPING=1");
  if (pool_) {  // the files in progress finish (committed or rolled back) and are logged
    pool_->wait_idle();
    for (ImportDone& d : pool_->take()) finish(d);
  }
  log::info(kComponent, msg::kEngineStopping,
            tr("stopping ({1} files not looked at yet stay on the share); imported {2}, "
               "duplicates {3}, refused {4}",
               queue_.size(), stats_.imported, stats_.duplicate, stats_.refused));
  loop_.stop();
}

// --- --once ------------------------------------------------------------------------------------

std::vector<std::string> Engine::folder_files(const std::string& dir) const {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    // Not only regular files: links, folders, fifos are refused and quarantined (never followed).
    out.push_back(dir + "/" + e->d_name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

bool Engine::run_once() {
  watchers_wanted_ = false;
  conn_ = std::make_unique<db::Connection>(config_.conninfo, "onshi-exchanged");
  db::require_schema_version(*conn_, "onshi-exchanged");
  load_facilities();
  check_statistics();
  ready_ = true;
  bool ok = true;
  for (auto& [hospnum, s] : served_) {
    const std::pair<exchange::Folder, std::string> folders[] = {
        {exchange::Folder::res, s.settings.res_path()},
        {exchange::Folder::face, s.settings.face_path()}};
    for (const auto& [folder, dir] : folders) {
      const std::vector<std::string> paths = folder_files(dir);
      const std::size_t size = static_cast<std::size_t>(config_.import_group_files);
      for (std::size_t i = 0; i < paths.size(); i += size) {  // in groups, as the workers do
        std::vector<Work> group;
        for (std::size_t j = i; j < std::min(paths.size(), i + size); ++j)
          group.push_back(Work{hospnum, folder, paths[j]});
        if (!process(group)) return false;
      }
    }
  }
  run_queues();
  if (!conn_) ok = false;
  log::info(kComponent, msg::kEngineSummary,
            tr("once: imported {1}, duplicates {2}, refused {3}, not ready {4}, failed {5}, "
               "requests sent {6}",
               stats_.imported, stats_.duplicate, stats_.refused, stats_.not_ready, stats_.failed,
               stats_.requests_sent));
  return ok && stats_.failed == 0;
}

}  // namespace onshi::daemon
