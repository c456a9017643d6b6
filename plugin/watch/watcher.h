// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Folder watching behind one small interface (requirements section 1): inotify for local
/// folders, polling for SMB/NFS mounts where inotify sees nothing; a ReadDirectoryChangesW backend
/// on Windows (watcher_win.cc) implements the same interface. A watcher reports a file only once it
/// is complete: closed after writing or renamed into the folder (inotify), or with size and mtime
/// unchanged across two looks (polling, and every file found by a rescan).
///
/// On Windows (watcher_win.cc: ReadDirectoryChangesW on a folder handle, overlapped I/O, or
/// polling) no event says that a file was closed: a file is complete once its size and last
/// write time were unchanged across two looks and it is not open for writing any more (opening
/// it denying writers fails with a sharing violation while the terminal writes). A lost change
/// buffer (zero bytes returned, ERROR_NOTIFY_ENUM_DIR) lists the folder again, as inotify's
/// IN_Q_OVERFLOW does; symbolic links and junctions are reparse points, found and never followed.
///
/// Everything else that appears in a watched folder (a symbolic link, a sub-folder, a fifo, a
/// socket, a device) is reported too, once its lstat() size and mtime settled, so that the
/// importer refuses and quarantines it: it is found with lstat() and never followed, opened or
/// read here. Names starting with '.' (temporary names of the terminal and of our own writes)
/// are never reported.
///
/// The watched folders themselves are looked at by path, never through a symbolic link, and
/// their identity (st_dev, st_ino) is checked at every poll interval: a folder that disappears
/// (removed, share unmounted, server gone) is logged once (ONSHI-E-WATCH-001, rate-limited) and
/// watched again when it is back (ONSHI-I-WATCH-002); one that was replaced by another folder at
/// the same path (the share mounted again over a mount point that holds local folders) is
/// watched anew (ONSHI-I-WATCH-004). Either way the folder is listed again.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace onshi::watch {

/// Which backend to use. `automatic` picks, on Linux, polling on network filesystems (statfs)
/// and inotify otherwise; on Windows, ReadDirectoryChangesW (`directory_changes`, "rdcw").
enum class Backend { automatic, inotify, polling, directory_changes };

/// Parses "auto" / "inotify" / "poll" / "rdcw"; @throws std::invalid_argument otherwise.
Backend backend_from_name(const std::string& name);
const char* backend_name(Backend b);

/// True when `dir` is on a filesystem whose remote changes inotify cannot see (CIFS/SMB, NFS,
/// FUSE-based network mounts).
bool is_network_filesystem(const std::string& dir);

/// What a watcher knows about the entries of one folder, in memory bounded by a batch size
/// instead of by the number of files waiting there (a 100,000-file backlog after a weekend of
/// the terminal alone). Names are relative to the folder.
///
/// An entry is *settling* (found by a listing, or a link, sub-folder, fifo announced by an event:
/// complete once its size and mtime were the same at two looks at least `settle` apart), *ready*
/// (complete, not handed out yet) or *handed out* (reported to the consumer and still in the
/// folder). Settling and ready entries are kept whole, at most `batch` of them from listings and
/// `batch` more that events reported or that appeared since the previous listing. Handed-out
/// entries are kept as two 64-bit hashes (name; size and mtime), so a file that stays in the
/// folder (face_files = leave, another program's file) is reported again only when it changes,
/// at 16 bytes plus the table's overhead per file.
///
/// A listing that finds more new names than there is room for keeps the first ones by name and
/// remembers that it left some out; once fewer than half a batch wait, wants_listing() asks for
/// the folder to be listed again, and the next names are taken. Nothing is lost: a name left out
/// is still in the folder and found by that listing.
///
/// Order of hand-out (take()): files reported by events or new since the previous listing first
/// (in the order they became complete), then the backlog found by listings (by name, a batch at a
/// time). A check-in arriving during a backlog therefore waits only for what the consumer has
/// queued already, never behind the whole backlog.
class FolderTracker {
 public:
  using Clock = std::chrono::steady_clock;

  explicit FolderTracker(std::size_t batch = 2048);

  // --- a listing (the whole folder, every name once) ---------------------------------------
  /// Starts a listing.
  void begin_listing();
  enum class Listed {
    known,      ///< settling, ready or handed out: look at it (lstat) now and call seen()
    candidate,  ///< new: taken if there is room (listing_room()), by name
    fresh,      ///< new since the previous listing: taken first (up to fresh_room())
  };
  /// `name` is in the folder (called for every name, in any order).
  Listed listed(const std::string& name);
  /// New entries the listing may still take from the backlog / from fresh names.
  std::size_t listing_room() const;
  std::size_t fresh_room() const;
  /// An entry looked at (lstat) during the listing, or by a re-check of a settling entry:
  /// a known one is observed again, a new one starts settling. `fresh` = taken as fresh.
  void seen(const std::string& name, long long size, long long mtime_ns, Clock::time_point now,
            Clock::duration settle, bool fresh = false);
  /// Ends the listing: entries it did not see are forgotten (gone). `left_out` = new names were
  /// left for a later listing (no room).
  void end_listing(bool left_out);

  // --- events ------------------------------------------------------------------------------
  /// A file reported complete by an event (closed after writing, renamed in): ready at once,
  /// before the backlog. Left for a later listing when no room is left.
  void arrived(const std::string& name, long long size, long long mtime_ns);
  /// Something that must settle first (a link, folder, fifo created or moved in).
  void appeared(const std::string& name, long long size, long long mtime_ns, Clock::time_point now,
                Clock::duration settle);
  /// A tracked entry that a look found still open for writing (Windows, where no event tells
  /// that a file was closed: a sharing violation): seen by the listing under way, not complete,
  /// and it settles again from its next look.
  void busy(const std::string& name, Clock::time_point now);
  /// Removed or moved away.
  void gone(const std::string& name);
  /// Forgets everything (the folder was lost or replaced): the next listing finds it all anew.
  void clear();

  // --- hand-out ----------------------------------------------------------------------------
  /// Hands out up to `max` ready names (appended to `out`), which are remembered as handed out.
  /// `still_there` (when given) is asked about each first: false = removed since the last look
  /// (polling sees no removal events), forgotten instead.
  void take(std::size_t max, std::vector<std::string>& out,
            const std::function<bool(const std::string&)>& still_there = nullptr);
  /// Ready names waiting for take().
  std::size_t ready() const { return ready_count_; }
  /// Names of the settling entries (to be looked at again).
  std::vector<std::string> settling() const;
  bool has_settling() const { return files_.size() > ready_count_; }
  /// True when `name` is settling or ready (not handed out, not unknown).
  bool tracking(const std::string& name) const { return files_.count(name) != 0; }
  /// A listing left names out and fewer than half a batch wait: list the folder again.
  bool wants_listing() const { return left_out_ && files_.size() <= batch_ / 2; }
  /// Entries remembered (settling, ready and handed out).
  std::size_t size() const { return files_.size() + handed_.size(); }
  std::size_t batch() const { return batch_; }

 private:
  struct State {
    long long size;
    long long mtime_ns;
    Clock::time_point since;
    unsigned listing;  ///< the listing that last saw it
    bool ready;
    bool fresh;
  };
  /// A look at a tracked entry; moves it to a ready list once complete.
  void observe(std::unordered_map<std::string, State>::iterator it, long long size,
               long long mtime_ns, Clock::time_point now, Clock::duration settle);
  void make_ready(std::unordered_map<std::string, State>::iterator it);
  void drop(std::unordered_map<std::string, State>::iterator it);
  void compact(std::deque<std::string>& list);

  std::size_t batch_;
  std::unordered_map<std::string, State> files_;  ///< settling and ready
  std::size_t ready_count_ = 0;                   ///< of files_, ready
  std::deque<std::string> arrivals_;              ///< ready: events, fresh names (first)
  std::deque<std::string> backlog_;               ///< ready: found by listings
  std::deque<std::string> completed_;  ///< ready, found by listings, not sorted into backlog_ yet
  std::unordered_map<std::uint64_t, std::uint64_t> handed_;  ///< name hash -> size/mtime hash
  std::vector<std::uint64_t> listed_;   ///< name hashes of the last complete listing, sorted
  std::vector<std::uint64_t> listing_;  ///< of the listing under way
  bool have_listing_ = false;           ///< listed_ is a complete earlier listing
  unsigned listing_no_ = 0;
  bool left_out_ = false;
};

/// Watches a set of folders (not recursive) for complete files and other entries.
class Watcher {
 public:
  virtual ~Watcher() = default;

  /// Starts watching `dir` (must exist and be a folder; a symbolic link is not followed).
  /// Existing files are found by the next rescan().
  /// @throws onshi::Error when `dir` cannot be watched (inotify) or is not a folder
  virtual void add(const std::string& dir) = 0;

  /// File descriptor that becomes readable when events are pending (for epoll), or -1.
  virtual int fd() const = 0;

  /// Windows: an event HANDLE that is signalled when events are pending (for
  /// WaitForMultipleObjects), or null (every other backend).
  virtual void* wait_handle() const { return nullptr; }

  /// Milliseconds until collect() should be called again even without fd activity
  /// (pending stability checks, poll interval), or -1 for "only on fd activity".
  virtual int timeout_ms() const = 0;

  /// Handles pending events/timeouts and appends up to `max` complete files and settled other
  /// entries (full paths) to `out`; the others wait for the next call (ready()). The same file
  /// may be reported again later (e.g. rewritten): consumers are idempotent.
  virtual void collect(std::vector<std::string>& out, std::size_t max) = 0;
  /// Everything complete now.
  void collect(std::vector<std::string>& out) { collect(out, static_cast<std::size_t>(-1)); }

  /// Complete files waiting for collect() (the consumer had no room for them yet).
  virtual std::size_t ready() const = 0;

  /// Lists every watched folder again; files found are reported through collect() once stable.
  /// Called at startup (files that arrived while we were down) and after an event overflow.
  virtual void rescan() = 0;

  virtual Backend backend() const = 0;

  /// Files the watcher currently remembers (settling, ready, or reported and still in the
  /// folder, these as hashes): a long-running engine does not grow (FolderTracker).
  virtual std::size_t remembered() const = 0;

  /// Watched folders that are unreachable now (removed, unmounted, not a folder any more);
  /// each is looked for again every poll interval and watched and listed again once back.
  virtual std::vector<std::string> lost() const = 0;
};

/// Tuning of a watcher.
struct WatchOptions {
  std::chrono::milliseconds poll_interval{1000};  ///< polling: time between listings; both:
                                                  ///< between looks at the folders themselves
  std::chrono::milliseconds settle{300};          ///< size+mtime unchanged this long = complete
  /// New names a listing takes from a folder at a time (FolderTracker): the rest is listed
  /// again once fewer than half of these wait. Events and names new since the previous
  /// listing may add as many again.
  std::size_t batch = 2048;
  /// Folders of our own that may sit inside a watched folder by configuration (another
  /// facility folder, req/, an archive or EMR folder): never reported, so never quarantined.
  /// Compared by path and by identity (st_dev, st_ino).
  std::vector<std::string> keep;
};

/// Creates a watcher. Backend::automatic probes `probe_dir` (the folder the watcher is for):
/// polling on a network filesystem, inotify otherwise; on Windows it is ReadDirectoryChangesW.
/// @throws onshi::Error when inotify cannot be initialised or `probe_dir` cannot be examined, or
/// for a backend of the other system (inotify on Windows, rdcw on Linux)
std::unique_ptr<Watcher> make_watcher(Backend backend, const WatchOptions& options,
                                      const std::string& probe_dir);

}  // namespace onshi::watch
