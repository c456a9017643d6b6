// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Internal to plugin/watch/: what every backend knows of a watched folder itself (not of its
/// entries): its identity when last seen and the complaint while it is lost. The identity is
/// (st_dev, st_ino) on Linux and (volume serial number, file index) on Windows.

#include <cstdint>
#include <string>

#include "common/log.h"

namespace onshi::watch {

/// The identity of a folder: the same object at the same path, or another one.
struct FolderId {
  std::uint64_t device = 0;
  std::uint64_t index = 0;
  bool operator==(const FolderId& o) const { return device == o.device && index == o.index; }
  bool operator!=(const FolderId& o) const { return !(*this == o); }
};

/// One watched folder's presence: logs it lost (ONSHI-E-WATCH-001, once, then rate-limited),
/// back (ONSHI-I-WATCH-002) and replaced at its path (ONSHI-I-WATCH-004).
class FolderPresence {
 public:
  explicit FolderPresence(std::string dir);
  /// The folder cannot be reached (first time, or again): logged once, then rate-limited.
  void lose(const std::string& why);
  /// The folder is there (again) as `id`. @return true when it is not the one seen last
  /// (replaced while watched, or back after a loss): its files must be listed again
  bool found(const FolderId& id);
  bool lost() const { return lost_; }
  /// The identity seen last (valid once found() was called).
  const FolderId& id() const { return id_; }

 private:
  std::string dir_;
  bool known_ = false;
  FolderId id_;
  bool lost_ = false;
  log::Complaint complaint_;
};

}  // namespace onshi::watch
