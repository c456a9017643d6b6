// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/requests.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <vector>

#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/flows.h"
#include "exchange/share.h"
#include "model/kind.h"
#include "model/messages.h"
#include "store/jobs.h"
#include "store/terminal_health.h"
#include "text/encoding.h"
#include "xml/writer.h"

// How a job becomes a request file, and why in this order (the crash window).
//
// The name and correlation key of an attempt are recorded BEFORE the file is written
// ("write-ahead"): transaction 1 claims the job (FOR UPDATE SKIP LOCKED), builds and encodes the
// request, takes the next number of the facility's daily sequence, and marks the job 'sent'
// with attempts+1, request_file, correlation_key and the answer deadline; it commits. Only then
// is the file written (temporary name outside req/, fsync, rename into req/). So:
//   - a crash before the commit leaves the job pending, nothing written, nothing numbered;
//   - a crash after the commit, before or during the write, leaves a 'sent' job whose file may
//     be missing: the answer timeout treats it like an unanswered request (removes the file if it
//     is there, retries with the next attempt), so nothing is lost and it is never sent twice
//     under one attempt;
//   - "file written but job not marked sent" cannot happen, so a retry never writes a second
//     copy of an attempt the terminal may already have taken.
// A write that fails (share unreachable) leaves nothing in req/ (share.h guarantees it), so the
// claim is undone in transaction 2: the job goes back to pending with its previous attempt's
// name and key, last_error and a back-off, and the sequence number is given back when nobody took
// a later one. The row lock is not held during the file write, so a slow share never blocks
// other engines; the 'sent' state already keeps them away from the job.

namespace onshi::exchange {
namespace {

using std::chrono::seconds;

constexpr seconds kFirstRetry{30};
constexpr seconds kMaxBackoff{15 * 60};
constexpr std::size_t kErrReadLimit = 4096;
constexpr int kNotReadyGraceSeconds = 3;  // an empty .err younger than this may still be written
constexpr int kMaxJobsPerPass = 500;      // keeps one pass short for the daemon's event loop

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string strip_slashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

/// The folder for temporary request files: the parent of req/ (the share root by default).
std::string temp_dir_for(const std::string& req_dir) {
  auto slash = req_dir.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? std::string("/") : req_dir.substr(0, slash);
}

bool path_exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path, std::string& why) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    why = path + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    why = path + ": not a directory";
    return false;
  }
  return true;
}

/// Cuts `s` to at most `max` bytes without splitting a UTF-8 character.
std::string cut_utf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string bounded_error(const std::string& s) {
  return cut_utf8(s, 1000);
}

/// Reads at most `limit` bytes of a regular file without following symlinks.
/// @return false when it is not a readable regular file (gone, symlink, folder, ...)
bool read_small_file(const std::string& path, std::size_t limit, std::string& out,
                     struct stat& st) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  out.clear();
  char buf[1024];
  while (ok && out.size() < limit) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, limit - out.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return ok;
}

/// Removes a file of ours from the share; a failure is reported, not thrown.
bool try_remove(const std::string& path, std::string& why) {
  try {
    remove_file(path);
    return true;
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

/// The daily sequence is used up (9999 requests of one facility in one day).
class SequenceExhausted : public Error {
 public:
  using Error::Error;
};

/// A name allocated from the facility's daily sequence.
struct AllocatedName {
  std::string name;
  std::string day;
  long long seq = 0;
};

/// Takes the next free request name of `kind` for the facility, inside the caller's
/// transaction (the counter row stays locked until it ends). Numbers whose name is already in
/// req/, whose answer is already in res/, or which a job already records are skipped.
AllocatedName allocate_request_name(db::Connection& conn, const db::FacilitySettings& f,
                                    model::MessageKind kind, const std::string& req_dir) {
  const std::string res_dir = strip_slashes(f.res_path());
  for (int tries = 0; tries < 100; ++tries) {
    const store::SequenceNumber n = store::next_request_number(conn, f.hospnum);
    AllocatedName a;
    a.day = n.day;
    a.seq = n.seq;
    if (a.seq > 9999)
      throw SequenceExhausted("the daily request sequence of " + a.day +
                              " is used up (9999 requests): waiting for the next day");
    a.name =
        model::request_file_name(kind, model::make_request_id(a.day, static_cast<unsigned>(a.seq)));
    const std::string answer = model::result_file_name(a.name);
    if (path_exists(req_dir + "/" + a.name) || path_exists(res_dir + "/" + answer)) continue;
    if (model::kind_info(model::kind_info(kind).answer).may_be_pdf &&
        path_exists(res_dir + "/" + model::result_file_name(a.name, true)))
      continue;
    if (store::request_file_known(conn, f.hospnum, a.name)) continue;
    return a;
  }
  throw Error("no free request file name after 100 numbers (req/ holds foreign files?)");
}

/// Claims and writes due jobs; returns early at the first write failure (share down).
void send_due_jobs(db::Connection& conn, const db::FacilitySettings& f, QueuePass& pass) {
  const std::string req_dir = strip_slashes(f.req_path());
  const std::string temp_dir = temp_dir_for(req_dir);
  for (int n = 0; n < kMaxJobsPerPass; ++n) {
    db::Transaction claim(conn);
    const std::optional<store::DueJob> due =
        store::claim_due_job(conn, f.hospnum, request_kinds_literal());
    if (!due) return;
    const long long job_id = due->job_id;
    const model::MessageKind kind = model::kind_from_name(due->kind);
    const int attempts = due->attempts;

    if (due->expired) {
      store::mark_expired(conn, job_id);
      claim.commit();
      ++pass.expired;
      continue;
    }

    const int attempt = attempts + 1;
    const std::string key = correlation_key(f.hospnum, job_id, attempt);
    const std::optional<std::string> prev_file = due->request_file;
    const std::optional<std::string> prev_key = due->correlation_key;
    const seconds age{due->age_s};

    std::string bytes;
    try {
      // The kind's builder (flows.h); the claim, name, key, write and timeouts are shared.
      const Flow* flow = flow_of_request(kind);
      if (!flow) throw Error("no request builder for " + due->kind);
      bytes = flow->build(conn, f, RequestJob{*due, kind, key});
    } catch (const db::DbError&) {
      throw;
    } catch (const Error& e) {
      // The registered values cannot form a request: retrying would not help.
      store::mark_failed(conn, job_id,
                         bounded_error(std::string("cannot build the request: ") + e.what()));
      claim.commit();
      ++pass.failed;
      continue;
    }

    // Put the job back (nothing written, nothing numbered) and stop this pass.
    auto defer = [&](const std::string& why) {
      store::postpone(conn, job_id, static_cast<long long>(write_failure_backoff(age).count()),
                      bounded_error(why));
      claim.commit();
      ++pass.deferred;
      pass.write_error = why;
    };
    std::string why;
    if (!is_directory(req_dir, why)) {
      defer("cannot write the request: " + why);
      return;
    }
    AllocatedName a;
    try {
      a = allocate_request_name(conn, f, kind, req_dir);
    } catch (const db::DbError&) {
      throw;
    } catch (const Error& e) {  // sequence used up, or req/ full of foreign names
      defer(e.what());
      return;
    }
    store::mark_sent(conn, job_id, attempt, a.name, key, f.answer_timeout_s);
    claim.commit();  // write-ahead: name and key are durable before the file exists

    try {
      write_request_file(req_dir, temp_dir, a.name, bytes);
      ++pass.sent;
    } catch (const std::exception& e) {
      const std::string reason = std::string("cannot write the request: ") + e.what();
      db::Transaction undo(conn);
      store::unmark_sent(conn, job_id, key, prev_file, prev_key,
                         static_cast<long long>(write_failure_backoff(age).count()),
                         bounded_error(reason));
      // The name never appeared in req/: give its number back unless a later one was taken.
      store::give_back_request_number(conn, f.hospnum, a.day, a.seq);
      undo.commit();
      ++pass.deferred;
      pass.write_error = reason;
      return;
    }
  }
}

/// `.err` files in req/: fail the job they report on.
void handle_error_files(db::Connection& conn, const db::FacilitySettings& f, QueuePass& pass) {
  const std::string req_dir = strip_slashes(f.req_path());
  std::vector<std::string> names;
  if (DIR* d = ::opendir(req_dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name[0] != '.' && name.compare(name.size() - 4, 4, ".err") == 0)
        names.push_back(std::move(name));
    }
    ::closedir(d);
  } else {
    return;  // req/ unreadable: the writer reports the share's state
  }
  std::sort(names.begin(), names.end());
  for (const std::string& err_name : names) {
    const std::optional<std::string> request = request_name_of_err_file(err_name);
    if (!request) {
      ++pass.unknown_err;
      continue;
    }
    const std::string err_path = req_dir + "/" + err_name;
    db::Transaction t(conn);
    const std::optional<store::LockedJob> r =
        store::lock_job_by_request_file(conn, f.hospnum, *request);
    if (!r) {
      // Not ours (another program, another facility on this share) or a job being worked on
      // by another engine right now: leave it.
      if (!store::request_file_known(conn, f.hospnum, *request)) ++pass.unknown_err;
      continue;
    }
    const long long job_id = r->job_id;
    const std::string state = r->state;
    if (state == "sent" || state == "pending") {
      std::string bytes;
      struct stat st;
      if (!read_small_file(err_path, kErrReadLimit, bytes, st)) continue;  // gone or odd: later
      if (bytes.empty() && std::time(nullptr) - st.st_mtime < kNotReadyGraceSeconds) continue;
      std::string text = error_file_text(bytes);
      if (text.empty()) text = "(empty .err file)";
      store::mark_failed(conn, job_id,
                         std::string(store::kTerminalRefusedPrefix) + *request + "): " + text);
      t.commit();
      ++pass.failed;
    } else {
      t.rollback();  // answered/failed/expired already: only the leftover file goes
    }
    // After commit: a crash here leaves the files for the next pass, which only removes them.
    std::string why;
    try_remove(err_path, why);
    try_remove(req_dir + "/" + *request, why);
  }
}

/// Sent jobs whose answer is overdue: retry with back-off, or give up.
void handle_timeouts(db::Connection& conn, const db::FacilitySettings& f, QueuePass& pass) {
  const std::string req_dir = strip_slashes(f.req_path());
  for (int n = 0; n < kMaxJobsPerPass; ++n) {
    db::Transaction t(conn);
    const std::optional<store::OverdueJob> r = store::claim_overdue_job(conn, f.hospnum);
    if (!r) return;
    const long long job_id = r->job_id;
    const int attempts = r->attempts;
    const std::optional<std::string> file = r->request_file;
    // The terminal did not take it (or took it and never answered): ours to remove, both so that
    // it is not answered after we sent the next attempt and to leave no data on the terminal.
    // Removed before the commit: a crash in between only repeats this step.
    std::string why;
    if (file && !try_remove(req_dir + "/" + *file, why)) {
      store::postpone(conn, job_id, static_cast<long long>(retry_backoff(attempts).count()),
                      bounded_error("cannot remove the unanswered request: " + why));
      t.commit();
      pass.write_error = why;
      return;
    }
    if (attempts < f.max_attempts) {
      store::retry(conn, job_id, static_cast<long long>(retry_backoff(attempts).count()),
                   "no answer within " + std::to_string(f.answer_timeout_s) + " s (attempt " +
                       std::to_string(attempts) + " of " + std::to_string(f.max_attempts) + ")");
      ++pass.retried;
    } else {
      store::mark_failed(conn, job_id, "no answer after " + std::to_string(attempts) + " attempts");
      ++pass.failed;
    }
    t.commit();
  }
}

}  // namespace

// --- pure helpers ----------------------------------------------------------------------------

seconds retry_backoff(int attempts) {
  seconds d = kFirstRetry;
  for (int i = 1; i < attempts && d < kMaxBackoff; ++i) d *= 2;
  return std::min(d, kMaxBackoff);
}

seconds write_failure_backoff(seconds age) {
  return std::clamp(age, kFirstRetry, kMaxBackoff);
}

std::string correlation_key(int hospnum, long long job_id, int attempt) {
  return "onshi-" + std::to_string(hospnum) + "-" + std::to_string(job_id) + "-" +
         std::to_string(attempt);
}

std::optional<CorrelationKey> parse_correlation_key(std::string_view key) {
  constexpr std::string_view kPrefix = "onshi-";
  if (key.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    const std::size_t dash = i < 2 ? key.find('-') : key.size();
    if (dash == std::string_view::npos) return std::nullopt;
    parts[i] = key.substr(0, dash);
    key.remove_prefix(std::min(key.size(), dash + 1));
    if (!is_digits(parts[i]) || parts[i].size() > 19 || (parts[i].size() > 1 && parts[i][0] == '0'))
      return std::nullopt;
  }
  CorrelationKey k;
  try {
    k.hospnum = std::stoi(std::string(parts[0]));
    k.job_id = std::stoll(std::string(parts[1]));
    k.attempt = std::stoi(std::string(parts[2]));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (k.hospnum <= 0 || k.job_id <= 0 || k.attempt <= 0) return std::nullopt;
  return k;
}

std::optional<std::string> request_name_of_err_file(std::string_view err_name) {
  constexpr std::string_view kErr = ".err";
  if (err_name.size() <= kErr.size() || err_name.substr(err_name.size() - kErr.size()) != kErr)
    return std::nullopt;
  std::string base(err_name.substr(0, err_name.size() - kErr.size()));
  if (base.size() < 4 || base.compare(base.size() - 4, 4, ".xml") != 0) base += ".xml";
  if (!is_plain_name(base)) return std::nullopt;
  const model::FileName fn = model::classify_file_name(base);
  if (fn.kind == model::MessageKind::unknown || !model::kind_info(fn.kind).request || fn.pdf)
    return std::nullopt;
  return base;
}

std::string error_file_text(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string utf8;
  if (text::find_invalid_utf8(bytes) == std::string_view::npos) {
    utf8 = std::string(bytes);
  } else {
    // CP932, leniently: every undecodable byte becomes U+FFFD.
    std::string_view rest = bytes;
    for (int guard = 0; !rest.empty() && guard < 8192; ++guard) {
      try {
        utf8 += text::cp932_to_utf8(rest, ".err");
        break;
      } catch (const RefusedError& e) {
        const std::size_t off = std::min(e.offset(), rest.size() - 1);
        try {
          utf8 += text::cp932_to_utf8(rest.substr(0, off), ".err");
        } catch (const RefusedError&) {
          for (char c : rest.substr(0, off))
            utf8 += static_cast<unsigned char>(c) < 0x80 ? std::string(1, c) : "\xEF\xBF\xBD";
        }
        utf8 += "\xEF\xBF\xBD";
        rest.remove_prefix(off + 1);
      }
    }
  }
  // Control characters (C0, DEL) and runs of ASCII/ideographic spaces fold into one space.
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    const bool ideographic_space = utf8.compare(i, 3, "\xE3\x80\x80") == 0;
    if (c < 0x20 || c == 0x7F || c == ' ' || ideographic_space) {
      if (ideographic_space) i += 2;
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return cut_utf8(std::move(out), max_bytes);
}

// --- the pass --------------------------------------------------------------------------------

QueuePass run_queue(db::Connection& conn, const db::FacilitySettings& facility) {
  QueuePass pass;
  // A crash between writing a request's temporary file and renaming it into req/ leaves the
  // file in the share (beside req/): patient data on the terminal. Ours by name, and old.
  pass.stale_temps =
      remove_stale_temp_files(temp_dir_for(strip_slashes(facility.req_path())), kStaleTempAge);
  // Past days' counters are no longer needed: the date is part of every name.
  store::drop_old_request_numbers(conn, facility.hospnum);
  send_due_jobs(conn, facility, pass);
  handle_error_files(conn, facility, pass);
  handle_timeouts(conn, facility, pass);
  return pass;
}

std::optional<std::chrono::milliseconds> next_queue_event(db::Connection& conn, int hospnum) {
  const std::optional<long long> ms =
      store::next_job_event_ms(conn, hospnum, request_kinds_literal());
  if (!ms) return std::nullopt;
  return std::chrono::milliseconds(*ms);
}

model::Encoding request_encoding(const db::FacilitySettings& f) {
  return f.request_encoding == "Shift_JIS" ? model::Encoding::cp932 : model::Encoding::utf8;
}

std::string encode_request_document(const model::Document& doc, const db::FacilitySettings& f) {
  try {
    return xml::write_document(doc, request_encoding(f));
  } catch (const ValidationError& e) {
    throw Error(std::string("invalid request: ") + e.what());
  } catch (const EncodeError& e) {
    throw Error("cannot encode the request in " + f.request_encoding + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw Error(std::string("invalid request: ") + e.what());
  }
}

}  // namespace onshi::exchange
