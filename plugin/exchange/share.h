// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// File operations on the terminal share and the host's own folders: atomic request writes
/// (doc/decisions.md 3), removing or moving imported results, quarantining refused files.
/// Nothing here follows symlinks or lets a name leave its folder.

#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>

#include "common/file_identity.h"

namespace onshi::exchange {

/// The three folders of one terminal share.
struct ShareLayout {
  std::string root;  ///< e.g. /mnt/oqs (the terminal's OQS folder)
  std::string req() const { return root + "/req"; }
  std::string res() const { return root + "/res"; }
  std::string face() const { return root + "/face"; }
};

/// True for a plain file name: no '/', not "." or "..", no NUL, not empty, at most 255 bytes.
bool is_plain_name(std::string_view name);

/// Writes a request atomically: into a dot-named temporary file in the share root (same
/// filesystem, never scanned by the link software), flushed to disk, then renamed to
/// req/<name>. Refuses to replace an existing request of the same name.
/// @throws onshi::Error with the OS reason
void write_request_file(const ShareLayout& share, const std::string& name, std::string_view bytes);

/// The same with explicit folders, for a facility whose req/ is configured apart from the share
/// root: the temporary file goes into `temp_dir` (must be on the filesystem of `req_dir`, and is
/// never a folder the link software scans), then is renamed to `req_dir`/<name>. On any failure
/// nothing is left in `req_dir`. @throws onshi::Error with the OS reason
void write_request_file(const std::string& req_dir, const std::string& temp_dir,
                        const std::string& name, std::string_view bytes);

/// Copies `bytes` to `dir/name` atomically (temporary name in `dir`, fsync, rename), replacing
/// nothing: an existing name gets a numeric suffix. @return the final path
std::string write_file_atomically(const std::string& dir, const std::string& name,
                                  std::string_view bytes);

/// Moves `path` into `dir` (a host folder, possibly another filesystem), leaving it mode 0600:
/// rename when possible,
/// else copy + fsync + rename, then unlink the source. Never overwrites: a taken name gets a
/// numeric suffix. @return the final path. @throws onshi::Error; on failure the source stays.
///
/// Anything that is not a regular file (a refused symbolic link, folder, fifo ...) is moved as
/// it is, never followed, opened through or read through a link: renamed (a folder as a whole)
/// when both folders are on one filesystem; else copied (a link as a link, a folder with its
/// contents, at most 16 levels, 10,000 entries and 256 MiB; a fifo as a new fifo) and what was
/// copied removed. Folders moved are left 0700. The folder holding `path` is not followed when
/// it is itself a symbolic link (the terminal could swap one in): that is an error.
std::string move_file(const std::string& path, const std::string& dir);

/// Which file was read (common/file_identity.h).
using onshi::file_identity;
using onshi::FileIdentity;

/// How disposing of a file that was read went.
enum class Disposal {
  done,      ///< removed or moved
  gone,      ///< nothing there any more (another engine, the terminal)
  replaced,  ///< another file is at the name now (renamed over it, rewritten in place): left
};

/// Removes `path` only when it is still the file that was read (`read`, compared on a handle
/// opened without following a link, just before the removal). A different file at the name is
/// left for the next look. @throws onshi::Error for OS failures
Disposal remove_file_if_same(const std::string& path, const FileIdentity& read);

/// move_file() of exactly the file that was read: `*moved_to` receives the final path when the
/// result is Disposal::done. A different file at the name (before the move, or changed while it
/// was copied to another filesystem) is left, and a partial copy removed.
/// @throws onshi::Error; on failure the source stays
Disposal move_file_if_same(const std::string& path, const std::string& dir,
                           const FileIdentity& read, std::string* moved_to);

/// "symbolic link", "folder", "fifo", "socket", "device", "regular file" for an lstat() mode.
const char* entry_kind_name(mode_t mode);

/// True for the names of our own temporary files: ".onshi-" + 16 lower-case hex digits + ".tmp".
bool is_own_temp_name(std::string_view name);
/// A new random name of that form (share_names.cc, the same on Linux and Windows).
std::string own_temp_name();

/// Removes our own temporary files (is_own_temp_name, regular files only, a link is never
/// followed) from `dir` whose mtime is at least `min_age` old: left there by a crash between
/// writing a request and renaming it into req/ (they would stay on the terminal for ever). A
/// younger one may be a write in progress of another engine on the same share and stays; should
/// such a write ever take longer than `min_age`, its rename fails and the job is simply retried.
/// @return how many were removed; failures are not errors (the next pass tries again)
int remove_stale_temp_files(const std::string& dir, std::chrono::seconds min_age);

/// Removes `path`; a file already gone is not an error (another engine or a retry removed it).
/// @throws onshi::Error for other failures
void remove_file(const std::string& path);

/// Creates `dir` and its parents (mode 0700: host folders hold patient data) when missing.
/// @throws onshi::Error
void ensure_directory(const std::string& dir);

}  // namespace onshi::exchange
