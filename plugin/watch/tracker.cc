// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The portable part of the watchers: backend names and FolderTracker (no system calls), shared by
// the Linux backends (watcher.cc) and the Windows one (watcher_win.cc).
#include <algorithm>
#include <functional>
#include <stdexcept>

#include "common/i18n.h"
#include "common/log.h"
#include "common/message_ids.h"
#include "watch/presence.h"
#include "watch/watcher.h"

namespace onshi::watch {

Backend backend_from_name(const std::string& name) {
  if (name == "auto") return Backend::automatic;
  if (name == "inotify") return Backend::inotify;
  if (name == "poll" || name == "polling") return Backend::polling;
  if (name == "rdcw" || name == "readdirectorychanges") return Backend::directory_changes;
  throw std::invalid_argument("unknown watch backend \"" + name + "\" (auto, inotify, poll, rdcw)");
}

const char* backend_name(Backend b) {
  switch (b) {
    case Backend::automatic:
      return "auto";
    case Backend::inotify:
      return "inotify";
    case Backend::polling:
      return "poll";
    case Backend::directory_changes:
      return "rdcw";
  }
  return "?";
}

// Log lines: component "watch", the IDs of common/message_ids.h (README, section Engine).
constexpr const char* kComponent = "watch";

FolderPresence::FolderPresence(std::string dir)
    : dir_(std::move(dir)), complaint_(kComponent, msg::kWatchFail, msg::kWatchBack) {}

void FolderPresence::lose(const std::string& why) {
  lost_ = true;
  complaint_.complain(
      tr("folder {1} is unreachable ({2}): removed, or the share is not "
         "mounted; its files are imported once it is back",
         dir_, why));
}

bool FolderPresence::found(const FolderId& id) {
  bool fresh = false;
  if (lost_) {
    lost_ = false;
    complaint_.recover(tr("folder {1} is back and watched again", dir_));
    fresh = true;
  } else if (known_ && id != id_) {
    log::info(kComponent, msg::kWatchReplaced,
              tr("folder {1} was replaced by another folder at the same path (the share "
                 "mounted again?): watching the new one",
                 dir_));
    fresh = true;
  }
  known_ = true;
  id_ = id;
  return fresh;
}

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t name_hash(const std::string& name) {
  return mix(std::hash<std::string>{}(name));
}

std::uint64_t state_hash(long long size, long long mtime_ns) {
  return mix(mix(static_cast<std::uint64_t>(size)) ^ static_cast<std::uint64_t>(mtime_ns));
}

}  // namespace

FolderTracker::FolderTracker(std::size_t batch) : batch_(std::max<std::size_t>(batch, 1)) {}

void FolderTracker::begin_listing() {
  ++listing_no_;
  listing_.clear();
}

FolderTracker::Listed FolderTracker::listed(const std::string& name) {
  const std::uint64_t h = name_hash(name);
  listing_.push_back(h);
  if (files_.count(name) || handed_.count(h)) return Listed::known;
  if (have_listing_ && !std::binary_search(listed_.begin(), listed_.end(), h)) return Listed::fresh;
  return Listed::candidate;
}

std::size_t FolderTracker::listing_room() const {
  return files_.size() < batch_ ? batch_ - files_.size() : 0;
}

std::size_t FolderTracker::fresh_room() const {
  return files_.size() < 2 * batch_ ? 2 * batch_ - files_.size() : 0;
}

void FolderTracker::seen(const std::string& name, long long size, long long mtime_ns,
                         Clock::time_point now, Clock::duration settle, bool fresh) {
  auto it = files_.find(name);
  if (it != files_.end()) {
    it->second.listing = listing_no_;
    observe(it, size, mtime_ns, now, settle);
    return;
  }
  auto handed = handed_.find(name_hash(name));
  if (handed != handed_.end()) {
    if (handed->second == state_hash(size, mtime_ns)) return;  // reported, unchanged
    handed_.erase(handed);  // changed since it was reported: settles and is reported again
    fresh = true;
  }
  files_.emplace(name, State{size, mtime_ns, now, listing_no_, false, fresh});
}

void FolderTracker::observe(std::unordered_map<std::string, State>::iterator it, long long size,
                            long long mtime_ns, Clock::time_point now, Clock::duration settle) {
  State& s = it->second;
  if (s.size != size || s.mtime_ns != mtime_ns) {  // still changing: settles again
    if (s.ready) --ready_count_;                   // its place in a ready list is skipped by take()
    s.size = size;
    s.mtime_ns = mtime_ns;
    s.since = now;
    s.ready = false;
    return;
  }
  if (!s.ready && now - s.since >= settle) make_ready(it);
}

void FolderTracker::make_ready(std::unordered_map<std::string, State>::iterator it) {
  it->second.ready = true;
  ++ready_count_;
  (it->second.fresh ? arrivals_ : completed_).push_back(it->first);
  // Lists hold names that left or changed until take() passes them: bounded here.
  if (arrivals_.size() + backlog_.size() + completed_.size() > 2 * ready_count_ + 64) {
    compact(arrivals_);
    compact(backlog_);
    compact(completed_);
  }
}

void FolderTracker::compact(std::deque<std::string>& list) {
  std::deque<std::string> kept;
  for (std::string& name : list) {
    auto it = files_.find(name);
    if (it != files_.end() && it->second.ready) kept.push_back(std::move(name));
  }
  list.swap(kept);
}

void FolderTracker::drop(std::unordered_map<std::string, State>::iterator it) {
  if (it->second.ready) --ready_count_;
  files_.erase(it);
}

void FolderTracker::end_listing(bool left_out) {
  for (auto it = files_.begin(); it != files_.end();) {
    if (it->second.listing != listing_no_) {
      auto gone = it++;
      drop(gone);
    } else {
      ++it;
    }
  }
  std::sort(listing_.begin(), listing_.end());
  for (auto it = handed_.begin(); it != handed_.end();)
    if (!std::binary_search(listing_.begin(), listing_.end(), it->first))
      it = handed_.erase(it);
    else
      ++it;
  listed_.swap(listing_);
  std::vector<std::uint64_t>().swap(listing_);  // returned: a big folder's is large
  have_listing_ = true;
  left_out_ = left_out;
}

void FolderTracker::arrived(const std::string& name, long long size, long long mtime_ns) {
  auto it = files_.find(name);
  if (it == files_.end()) {
    handed_.erase(name_hash(name));  // written again after it was reported: reported again
    if (files_.size() >= 2 * batch_) {
      left_out_ = true;  // found by the listing that follows the drain
      return;
    }
    it = files_.emplace(name, State{size, mtime_ns, Clock::now(), listing_no_, false, true}).first;
  } else {
    State& s = it->second;
    if (s.ready) --ready_count_;
    s = State{size, mtime_ns, Clock::now(), s.listing, false, true};
  }
  make_ready(it);
}

void FolderTracker::appeared(const std::string& name, long long size, long long mtime_ns,
                             Clock::time_point now, Clock::duration settle) {
  if (!files_.count(name) && files_.size() >= 2 * batch_) {
    left_out_ = true;
    return;
  }
  seen(name, size, mtime_ns, now, settle, true);
}

void FolderTracker::busy(const std::string& name, Clock::time_point now) {
  auto it = files_.find(name);
  if (it == files_.end()) return;
  State& s = it->second;
  if (s.ready) --ready_count_;  // its place in a ready list is skipped by take()
  s.size = -1;                  // never equal to a real look: settles again after the writer
  s.since = now;
  s.listing = listing_no_;
  s.ready = false;
}

void FolderTracker::gone(const std::string& name) {
  auto it = files_.find(name);
  if (it != files_.end())
    drop(it);
  else
    handed_.erase(name_hash(name));
}

void FolderTracker::clear() {
  files_.clear();
  ready_count_ = 0;
  arrivals_.clear();
  backlog_.clear();
  completed_.clear();
  handed_.clear();
  listed_.clear();
  have_listing_ = false;
  left_out_ = false;
}

void FolderTracker::take(std::size_t max, std::vector<std::string>& out,
                         const std::function<bool(const std::string&)>& still_there) {
  if (!completed_.empty()) {  // a look's completed files, by name after the earlier ones
    std::sort(completed_.begin(), completed_.end());
    for (std::string& name : completed_) backlog_.push_back(std::move(name));
    completed_.clear();
  }
  std::size_t taken = 0;
  for (std::deque<std::string>* list : {&arrivals_, &backlog_}) {
    while (taken < max && !list->empty()) {
      std::string name = std::move(list->front());
      list->pop_front();
      auto it = files_.find(name);
      if (it == files_.end() || !it->second.ready) continue;  // gone or changed meanwhile
      if (still_there && !still_there(name)) {
        drop(it);
        continue;
      }
      handed_[name_hash(name)] = state_hash(it->second.size, it->second.mtime_ns);
      drop(it);
      out.push_back(std::move(name));
      ++taken;
    }
  }
}

std::vector<std::string> FolderTracker::settling() const {
  std::vector<std::string> out;
  for (const auto& [name, s] : files_)
    if (!s.ready) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace onshi::watch
