// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "sim/terminal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "common/stat_time.h"
#include "model/kind.h"
#include "xml/reader.h"

namespace onshi::sim {
namespace {

using steady = std::chrono::steady_clock;

[[noreturn]] void os_fail(const std::string& what) {
  throw Error(what + ": " + std::strerror(errno));
}

void ensure_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0775) != 0 && errno != EEXIST) os_fail("mkdir " + path);
}

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) os_fail("opendir " + dir);
  while (dirent* e = ::readdir(d)) out.emplace_back(e->d_name);
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

/// Stops at `stop()` or after `ms`.
void nap(int ms, const std::function<bool()>& stop) {
  auto until = steady::now() + std::chrono::milliseconds(ms);
  while (steady::now() < until) {
    if (stop && stop()) return;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - steady::now());
    std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(50)));
  }
}

}  // namespace

Terminal::Terminal(Responder& responder, TerminalOptions options, std::ostream& log)
    : responder_(responder), options_(std::move(options)), log_(log) {
  ensure_dir(options_.share);
  for (const char* sub : {"req", "res", "face"}) ensure_dir(options_.share + "/" + sub);
}

void Terminal::atomic_write(const std::string& dir, const std::string& name,
                            const std::string& bytes) {
  // Temporary name outside the watched folders (share root, leading dot), then rename.
  const std::string temp = options_.share + "/." + name + ".tmp-" + std::to_string(::getpid()) +
                           "-" + std::to_string(++temp_counter_);
  const std::string final_path = options_.share + "/" + dir + "/" + name;
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0664);
  if (fd < 0) os_fail("create " + temp);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      errno = saved;
      os_fail("write " + temp);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    os_fail("rename to " + final_path);
  }
}

std::vector<std::string> Terminal::request_names() {
  std::vector<std::string> out;
  for (const std::string& name : list_dir(options_.share + "/req")) {
    if (name.empty() || name[0] == '.') continue;
    const model::FileName fn = model::classify_file_name(name);
    if (!model::kind_info(fn.kind).request) {
      // Our own .err files and anything else that is not a request: leave alone.
      if (name.size() < 4 || name.substr(name.size() - 4) != ".err")
        if (ignored_.insert(name).second)
          log_ << "onshi-terminal-sim: req/" << name << ": not a request file name, ignored\n"
               << std::flush;
      continue;
    }
    struct stat st;
    if (::lstat((options_.share + "/req/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    out.push_back(name);
  }
  return out;
}

Terminal::Pending Terminal::consume(const std::string& name) {
  const std::string path = options_.share + "/req/" + name;
  const model::FileName fn = model::classify_file_name(name);
  std::string bytes;
  try {
    bytes = xml::read_file_bytes(path, model::kind_info(fn.kind).max_bytes);
  } catch (const std::exception&) {
    bytes.clear();  // unreadable, empty or too large: answered with an .err file
  }
  ::unlink(path.c_str());
  seen_.erase(name);
  Pending p;
  p.request = name;
  p.reply = responder_.respond(name, bytes);
  p.due = steady::now() + std::chrono::milliseconds(options_.delay_ms);
  if (p.reply.action == Reply::Action::silent) {
    log_ << "onshi-terminal-sim: req/" << name << " -> (no answer) " << p.reply.summary << '\n'
         << std::flush;
  }
  return p;
}

void Terminal::deliver(Pending& p) {
  try {
    switch (p.reply.action) {
      case Reply::Action::answer:
        atomic_write("res", p.reply.file_name, p.reply.bytes);
        log_ << "onshi-terminal-sim: req/" << p.request << " -> res/" << p.reply.file_name << ' '
             << p.reply.summary << '\n';
        break;
      case Reply::Action::error_file:
        atomic_write("req", p.reply.file_name, p.reply.bytes);
        log_ << "onshi-terminal-sim: req/" << p.request << " -> req/" << p.reply.file_name << ' '
             << p.reply.summary << '\n';
        break;
      case Reply::Action::silent:
      case Reply::Action::ignore:
        break;
    }
  } catch (const std::exception& e) {
    log_ << "onshi-terminal-sim: req/" << p.request << ": cannot write the answer: " << e.what()
         << '\n';
  }
  log_ << std::flush;
}

void Terminal::run_commands() {
  const std::string prefix = kCheckInCommandPrefix;
  for (const std::string& name : list_dir(options_.share)) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string path = options_.share + "/" + name;
    std::string text;
    try {
      text = xml::read_file_bytes(path, 4096);
    } catch (const std::exception&) {
      text.clear();
    }
    ::unlink(path.c_str());
    std::istringstream in(text);
    std::string person, when;
    in >> person >> when;
    try {
      std::optional<Clock::time_point> at;
      if (!when.empty()) {
        Clock::time_point t;
        if (!parse_stamp14(when, t)) throw Error("bad time \"" + when + "\"");
        at = t;
      }
      CheckIn c = responder_.check_in(person, at);
      write_check_in(c);
      log_ << "onshi-terminal-sim: check-in -> face/" << c.file_name << '\n' << std::flush;
    } catch (const std::exception& e) {
      log_ << "onshi-terminal-sim: check-in command " << name << " failed: " << e.what() << '\n'
           << std::flush;
    }
  }
}

std::string Terminal::write_check_in(const CheckIn& c) {
  atomic_write("face", c.file_name, c.bytes);
  return options_.share + "/face/" + c.file_name;
}

std::size_t Terminal::run_once() {
  run_commands();
  std::vector<Pending> batch;
  for (const std::string& name : request_names()) batch.push_back(consume(name));
  if (!batch.empty()) nap(options_.delay_ms, {});
  for (Pending& p : batch) deliver(p);
  return batch.size();
}

void Terminal::run(const std::function<bool()>& stop) {
  while (!stop()) {
    try {
      run_commands();
      for (const std::string& name : request_names()) {
        struct stat st;
        if (::lstat((options_.share + "/req/" + name).c_str(), &st) != 0) continue;
        const long long mtime = mtime_ns(st);
        Seen& s = seen_[name];
        if (s.size == static_cast<long long>(st.st_size) && s.mtime_ns == mtime) {
          ++s.stable_scans;
        } else {
          s = Seen{static_cast<long long>(st.st_size), mtime, 0};
        }
        // Unchanged over one poll interval; an empty file gets longer (its writer may be slow).
        if (s.stable_scans >= (st.st_size > 0 ? 1 : 10)) pending_.push_back(consume(name));
      }
      // Forget files that disappeared before we consumed them.
      for (auto it = seen_.begin(); it != seen_.end();) {
        struct stat st;
        if (::lstat((options_.share + "/req/" + it->first).c_str(), &st) != 0)
          it = seen_.erase(it);
        else
          ++it;
      }
    } catch (const std::exception& e) {
      log_ << "onshi-terminal-sim: scan failed: " << e.what() << '\n' << std::flush;
    }
    const auto now = steady::now();
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->due <= now) {
        deliver(*it);
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
    int sleep_ms = options_.poll_ms;
    for (const Pending& p : pending_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(p.due - steady::now());
      sleep_ms = std::max(0, std::min<int>(sleep_ms, static_cast<int>(left.count())));
    }
    nap(sleep_ms, stop);
  }
  std::size_t dropped = 0;
  for (const Pending& p : pending_)
    if (p.reply.action == Reply::Action::answer || p.reply.action == Reply::Action::error_file)
      ++dropped;
  if (dropped) log_ << "onshi-terminal-sim: stopped with " << dropped << " answers not written\n";
  log_ << std::flush;
}

}  // namespace onshi::sim
