// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Engine benchmark (a program, not a test; `make bench-engine`). Starts its own durable
// PostgreSQL (tests/pg/pg-tmp start --durable: fsync on), loads the reference host, and runs the
// real onshi-exchanged against a share on the local disk:
//   (a) backlog drain: N card check-in files placed in face/ before the engine starts; time from
//       the engine's start until every file is committed and removed -> files/s; peak RSS of the
//       engine (VmHWM) during the drain;
//   (b) steady load: R files/s for S seconds, latency from the rename into face/ to the file's
//       removal (which follows the commit), p50/p99; also rename -> imported_at (the import
//       transaction's start, a lower bound);
//   (c) the reference limit: a plain INSERT + COMMIT loop on one connection to the same server.
// Check-in files come from the terminal simulator's library (the demo scenario's people).
//
//   usage: bench_engine [--files N] [--rate R] [--seconds S] [--log-level L] [--keep]
//                       [--workers N (engine import_workers)] [--group N (engine
//                       import_group_files)] [--pg-stats (server time per
//                       statement during (a), from pg_stat_statements)] [--patients N]
//                       [--no-analyze (no ANALYZE after seeding: a freshly loaded database)]
//   (run from the build dir; ONSHI_SRCDIR defaults to the source dir compiled in)
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/config.h"
#include "db/connection.h"
#include "sim/responder.h"
#include "sim/scenario.h"

namespace {

namespace db = onshi::db;
namespace sim = onshi::sim;
namespace model = onshi::model;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
  int files = 10000;
  int rate = 20;
  int seconds = 60;
  int ref_commits = 3000;
  std::string log_level = "info";
  bool keep = false;
  bool pg_stats = false;  // where the server's time goes during (a), from pg_stat_statements
  int workers = 0;        // engine config import_workers; 0 = the engine's default
  int group = 0;          // engine config import_group_files; 0 = the engine's default
  int patients = 5000;    // seeded host patients; the check-ins come from them and the demo people
  bool analyze = true;    // ANALYZE after seeding, as a clinic's long-lived database has statistics
  std::string srcdir;
  std::string build = ".";
};

std::string g_pg_dir;  // the server to stop on any exit
std::string g_srcdir;

void stop_pg() {
  if (!g_pg_dir.empty())
    if (std::system(("sh '" + g_srcdir + "/tests/pg/pg-tmp' stop '" + g_pg_dir + "'").c_str()) != 0)
      std::cerr << "bench_engine: could not stop the server in " << g_pg_dir << "\n";
  g_pg_dir.clear();
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "bench_engine: " << what << "\n";
  stop_pg();
  std::exit(1);
}

std::string capture(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) die("popen " + cmd);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (::pclose(p) != 0) die("command failed: " + cmd);
  return out;
}

void run(const std::string& cmd) {
  if (std::system(cmd.c_str()) != 0) die("command failed: " + cmd);
}

/// Parses pg-tmp's `export A='x' B='y'` lines into the environment.
void adopt_pg_env(const std::string& text) {
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    std::size_t eq = word.find('=');
    if (eq == std::string::npos) continue;
    std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    ::setenv(key.c_str(), value.c_str(), 1);
    if (key == "PGHOST") g_pg_dir = value;
  }
  for (const char* k : {"PGHOSTADDR", "PGSERVICE", "PGPASSWORD", "PGPASSFILE", "PGOPTIONS"})
    ::unsetenv(k);
}

std::size_t count_files(const std::string& dir) {
  std::size_t n = 0;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;
  while (dirent* e = ::readdir(d))
    if (e->d_name[0] != '.') ++n;
  ::closedir(d);
  return n;
}

long vm_hwm_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

/// From /proc/PID/stat: the parent pid and the user + system CPU seconds (all threads).
struct ProcStat {
  long ppid = 0;
  double cpu_s = 0;
};
ProcStat proc_stat(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ProcStat out;
  std::size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return out;
  std::istringstream rest(stat.substr(paren + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; rest >> field; ++i) {  // field 3 is the state, 4 the ppid; utime 14, stime 15
    if (i == 4) out.ppid = std::atol(field.c_str());
    if (i == 14 || i == 15) ticks += std::atof(field.c_str());
  }
  out.cpu_s = ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  return out;
}

double cpu_seconds(pid_t pid) {
  return proc_stat(pid).cpu_s;
}

/// CPU seconds of the PostgreSQL server: the postmaster and its live children (backends, WAL
/// writer, checkpointer...). Backends that ended are not counted.
double server_cpu_seconds(const std::string& pg_dir) {
  std::ifstream pidfile(pg_dir + "/data/postmaster.pid");
  long postmaster = 0;
  pidfile >> postmaster;
  if (postmaster <= 0) return 0;
  double total = cpu_seconds(static_cast<pid_t>(postmaster));
  if (DIR* d = ::opendir("/proc")) {
    while (dirent* e = ::readdir(d)) {
      pid_t pid = static_cast<pid_t>(std::atol(e->d_name));
      if (pid <= 0) continue;
      ProcStat st = proc_stat(pid);
      if (st.ppid == postmaster) total += st.cpu_s;
    }
    ::closedir(d);
  }
  return total;
}

pid_t start_engine(const Options& o, const std::string& conf, const std::string& log) {
  pid_t pid = ::fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::string bin = o.build + "/plugin/daemon/onshi-exchanged";
    ::execl(bin.c_str(), bin.c_str(), "--foreground", "--config", conf.c_str(),
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  return pid;
}

double g_engine_cpu_s = 0;  // user + system CPU of the engine, from wait4

int stop_engine(pid_t pid) {
  ::kill(pid, SIGTERM);
  int status = 0;
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  g_engine_cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                   ru.ru_stime.tv_usec / 1e6;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

/// Check-in files for the scenario's people (skipping those with injected faults), with
/// distinct times, written into `staging`. @return the file names
/// Adds every seeded host patient of facility 1 (one insurance each, card data as the host has
/// it, reference number registered) to the scenario, so that a backlog spreads over thousands of
/// patients as a clinic's does instead of cycling through the demo's few people.
void add_host_people(sim::Scenario& s) {
  const sim::Person* model_person = nullptr;
  for (const sim::Person& p : s.people)
    if (p.fault == sim::Fault::none && p.validity == "1" && p.card.InsurerNumber &&
        model::text_or_empty(p.card.InsuredCardClassification) != "A1") {
      model_person = &p;
      break;
    }
  if (!model_person) die("the demo scenario has no ordinary insured person to copy");
  const sim::Person model_copy = *model_person;
  db::Connection conn;
  db::Result r = conn.exec(
      "SELECT DISTINCT ON (p.ptid) p.ptid, coalesce(p.name, ''), coalesce(p.kananame, ''), "
      "p.birthday, p.sex, btrim(h.hknjanum), coalesce(btrim(h.kigo), ''), btrim(h.num), "
      "coalesce(btrim(h.edaban), ''), h.honkzkkbn, rtrim(n.ptnum) FROM tbl_ptinf p "
      "JOIN tbl_pthkninf h USING (hospnum, ptid) JOIN tbl_ptnum n USING (hospnum, ptid) WHERE "
      "p.hospnum = 1 AND p.tstptnumkbn <> '1' "
      "AND h.sakjokbn <> '1' AND length(p.birthday) = 8 AND p.sex IN ('1', '2') "
      "AND length(btrim(h.hknjanum)) IN (6, 8) ORDER BY p.ptid, h.hknid");
  for (int i = 0; i < r.rows(); ++i) {
    sim::Person p = model_copy;
    p.id = "host-" + r.text(i, 0);
    p.note.clear();
    // Registered before (a clinic's steady state): the number is the patient number, and the
    // first check-in records it instead of queueing a registration request.
    p.reference_number = r.text(i, 10);
    p.card.Name = r.text(i, 1);
    p.card.NameKana = r.text(i, 2);
    p.card.Birthdate = r.text(i, 3);
    p.card.Sex1 = r.text(i, 4);
    p.card.InsurerNumber = r.text(i, 5);
    if (r.text(i, 6).empty())
      p.card.InsuredCardSymbol.reset();
    else
      p.card.InsuredCardSymbol = r.text(i, 6);
    p.card.InsuredIdentificationNumber = r.text(i, 7);
    if (r.text(i, 8).empty())
      p.card.InsuredBranchNumber.reset();
    else
      p.card.InsuredBranchNumber = r.text(i, 8);
    p.card.PersonalFamilyClassification = r.text(i, 9);
    s.people.push_back(std::move(p));
  }
}

std::vector<std::string> make_checkins(sim::Responder& r, const sim::Scenario& s, int n,
                                       const std::string& staging, int first_second) {
  std::vector<std::string> ids;
  for (const sim::Person& p : s.people)
    if (p.id != "faulty") ids.push_back(p.id);
  std::vector<std::string> names;
  std::set<std::string> seen;
  auto base = std::chrono::system_clock::now() - std::chrono::hours(24 * 30);
  for (int i = 0; static_cast<int>(names.size()) < n; ++i) {
    sim::CheckIn c = r.check_in(ids[i % ids.size()], base + std::chrono::seconds(first_second + i));
    if (!seen.insert(c.file_name).second) continue;
    std::ofstream out(staging + "/" + c.file_name, std::ios::binary);
    out << c.bytes;
    if (!out) die("cannot write " + staging);
    names.push_back(c.file_name);
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
#ifdef ONSHI_BENCH_SRCDIR
  o.srcdir = ONSHI_BENCH_SRCDIR;
#endif
  if (const char* s = std::getenv("ONSHI_SRCDIR")) o.srcdir = s;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--files")
      o.files = std::atoi(next().c_str());
    else if (a == "--rate")
      o.rate = std::atoi(next().c_str());
    else if (a == "--seconds")
      o.seconds = std::atoi(next().c_str());
    else if (a == "--ref-commits")
      o.ref_commits = std::atoi(next().c_str());
    else if (a == "--log-level")
      o.log_level = next();
    else if (a == "--build")
      o.build = next();
    else if (a == "--keep")
      o.keep = true;
    else if (a == "--pg-stats")
      o.pg_stats = true;
    else if (a == "--workers")
      o.workers = std::atoi(next().c_str());
    else if (a == "--group")
      o.group = std::atoi(next().c_str());
    else if (a == "--patients")
      o.patients = std::atoi(next().c_str());
    else if (a == "--no-analyze")
      o.analyze = false;
    else
      die("usage: bench_engine [--files N] [--rate R] [--seconds S] [--ref-commits N] "
          "[--log-level L] [--build DIR] [--keep] [--pg-stats] [--workers N] [--group N] "
          "[--patients N] "
          "[--no-analyze]");
  }
  if (o.files < 1 || o.rate < 1 || o.seconds < 1) die("counts must be positive");
  if (o.srcdir.empty()) die("set ONSHI_SRCDIR");
  g_srcdir = o.srcdir;

  char tmpl[] = "/tmp/onshi-bench-engine.XXXXXX";
  if (!::mkdtemp(tmpl)) die("mkdtemp");
  const std::string work = tmpl, share = work + "/share", staging = work + "/staging";
  const std::string face = share + "/face", quarantine = work + "/quarantine";
  for (const std::string& d : {share, share + "/req", share + "/res", face, staging, quarantine})
    ::mkdir(d.c_str(), 0755);

  // --- server and host -------------------------------------------------------------------------
  std::cout << "== durable PostgreSQL (fsync on), reference host, migrate, seed, analyze, enable\n"
            << std::flush;
  if (o.pg_stats)
    ::setenv("ONSHI_PG_EXTRA_CONF",
             "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all", 1);
  adopt_pg_env(capture("sh '" + o.srcdir + "/tests/pg/pg-tmp' start --durable"));
  const std::string admin = o.build + "/plugin/admin/onshi-admin";
  run("createdb orca");
  ::setenv("PGDATABASE", "orca", 1);
  run("psql -X -q -v ON_ERROR_STOP=1 -f '" + o.srcdir + "/tests/host/reference_host_schema.sql'");
  run("'" + admin + "' migrate >/dev/null");
  run("'" + o.build + "/tests/host/seed_host' --seed 1 --patients " + std::to_string(o.patients) +
      " --data-dir '" + o.srcdir +
      "/tests/host' 2>/dev/null | psql -X -q -v ON_ERROR_STOP=1 >/dev/null");
  // A clinic's database has planner statistics; --no-analyze measures a freshly loaded one (the
  // engine's prepared statements are then planned without them).
  if (o.analyze) run("psql -X -q -c ANALYZE");
  run("'" + admin + "' enable --hospnum 1 --institution-code 1312345678 --share '" + share +
      "' >/dev/null");
  std::string server_settings = capture(
      "psql -X -Atq -c \"SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) "
      "FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', "
      "'full_page_writes', 'wal_sync_method')\"");
  server_settings.erase(server_settings.find_last_not_of('\n') + 1);
  std::cout << "   server: " << server_settings << "\n";

  const std::string conf = work + "/engine.conf", log = work + "/engine.log";
  {
    std::ofstream c(conf);
    c << "watch_backend = inotify\nquarantine_dir = " << quarantine
      << "\nlog_level = " << o.log_level << "\n";
    if (o.workers > 0) c << "import_workers = " << o.workers << "\n";
    if (o.group > 0) c << "import_group_files = " << o.group << "\n";
  }

  sim::Scenario scenario = sim::load_scenario(o.srcdir + "/tests/sim/scenario-demo.json");
  add_host_people(scenario);
  sim::Responder responder(scenario);

  // --- (a) backlog drain -----------------------------------------------------------------------
  std::cout << "== (a) backlog drain: " << o.files << " card check-ins in face/ before start\n"
            << std::flush;
  std::vector<std::string> names = make_checkins(responder, scenario, o.files, staging, 0);
  for (const std::string& n : names)
    if (::rename((staging + "/" + n).c_str(), (face + "/" + n).c_str()) != 0) die("rename");
  db::Connection conn;
  const double server_cpu0 = server_cpu_seconds(g_pg_dir);
  auto t0 = Steady::now();
  pid_t engine = start_engine(o, conf, log);
  double engine_cpu = 0;
  long hwm = 0;
  auto deadline = t0 + std::chrono::seconds(120 + o.files / 50);
  while (count_files(face) > 0) {
    hwm = std::max(hwm, vm_hwm_kib(engine));
    engine_cpu = std::max(engine_cpu, cpu_seconds(engine));
    if (Steady::now() > deadline) die("drain did not finish (see " + log + ")");
    int st;
    if (::waitpid(engine, &st, WNOHANG) == engine) die("the engine exited (see " + log + ")");
    std::this_thread::sleep_for(50ms);  // listing 10,000 names costs CPU the engine needs
  }
  double drain_s = std::chrono::duration<double>(Steady::now() - t0).count();
  engine_cpu = std::max(engine_cpu, cpu_seconds(engine));
  const double server_cpu = server_cpu_seconds(g_pg_dir) - server_cpu0;
  hwm = std::max(hwm, vm_hwm_kib(engine));
  long imported =
      std::atol(conn.exec("SELECT count(*) FROM onshi_received_file WHERE state = 'imported'")
                    .text(0, 0)
                    .c_str());
  double db_span =
      std::atof(conn.exec("SELECT extract(epoch FROM max(imported_at) - min(imported_at)) "
                          "FROM onshi_received_file")
                    .text(0, 0)
                    .c_str());
  if (o.pg_stats) {
    // Server time per statement during the drain (the bench's own queries are negligible).
    run("psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null");
    std::cout << capture(
        "psql -X -P pager=off -c \"SELECT calls, round(total_exec_time::numeric, 0) AS exec_ms, "
        "round((total_exec_time / calls)::numeric, 3) AS mean_ms, round(total_plan_time::numeric, "
        "0) "
        "AS plan_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query "
        "FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25\"");
  }
  if (imported != o.files)
    std::cout << "   !! imported " << imported << " of " << o.files << " (see " << log << ")\n";

  // --- (b) steady load -------------------------------------------------------------------------
  std::cout << "== (b) steady load: " << o.rate << " files/s for " << o.seconds << " s\n"
            << std::flush;
  const int steady_n = o.rate * o.seconds;
  std::vector<std::string> steady = make_checkins(responder, scenario, steady_n, staging, o.files);
  int ino = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (ino < 0 || ::inotify_add_watch(ino, face.c_str(), IN_DELETE | IN_MOVED_FROM) < 0)
    die("inotify");
  std::map<std::string, Steady::time_point> sent;
  std::map<std::string, std::chrono::system_clock::time_point> sent_wall;
  std::vector<double> latency_ms;
  auto drain_events = [&] {
    alignas(struct inotify_event) char buf[65536];
    ssize_t n;
    while ((n = ::read(ino, buf, sizeof buf)) > 0) {
      Steady::time_point now = Steady::now();
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + ev->len;
        if (ev->len == 0) continue;
        auto it = sent.find(ev->name);
        if (it == sent.end()) continue;
        latency_ms.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
        sent.erase(it);
      }
    }
  };
  const auto period = std::chrono::nanoseconds(1000000000LL / o.rate);
  auto start = Steady::now();
  for (int i = 0; i < steady_n; ++i) {
    auto due = start + period * i;
    while (Steady::now() < due) {
      pollfd pfd{ino, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - Steady::now());
      if (::poll(&pfd, 1, static_cast<int>(std::max<long long>(0, left.count()))) > 0)
        drain_events();
    }
    const std::string& n = steady[i];
    sent_wall[n] = std::chrono::system_clock::now();
    sent[n] = Steady::now();
    if (::rename((staging + "/" + n).c_str(), (face + "/" + n).c_str()) != 0) die("rename");
  }
  auto tail_deadline = Steady::now() + 30s;
  while (!sent.empty() && Steady::now() < tail_deadline) {
    pollfd pfd{ino, POLLIN, 0};
    if (::poll(&pfd, 1, 100) > 0) drain_events();
  }
  ::close(ino);
  // rename -> imported_at (the import transaction's start) from the database, as a lower bound.
  std::vector<double> db_ms;
  {
    db::Result r = conn.exec(
        "SELECT file_name, extract(epoch FROM imported_at)::numeric(20,6)::text "
        "FROM onshi_received_file WHERE state = 'imported'");
    for (int row = 0; row < r.rows(); ++row) {
      auto it = sent_wall.find(r.text(row, 0));
      if (it == sent_wall.end()) continue;
      double at = std::atof(r.text(row, 1).c_str());
      double t = std::chrono::duration<double>(it->second.time_since_epoch()).count();
      db_ms.push_back((at - t) * 1000.0);
    }
  }
  hwm = std::max(hwm, vm_hwm_kib(engine));
  int engine_status = stop_engine(engine);

  // --- (c) reference: plain INSERT + COMMIT
  // -------------------------------------------------------
  std::cout << "== (c) reference: " << o.ref_commits << " x (INSERT + COMMIT) on one connection\n"
            << std::flush;
  conn.exec(
      "CREATE TABLE bench_reference (id bigserial PRIMARY KEY, name text, payload bytea, "
      "at timestamptz NOT NULL DEFAULT now())");
  std::string payload(3000, 'x');
  auto r0 = Steady::now();
  for (int i = 0; i < o.ref_commits; ++i) {
    conn.exec("BEGIN");
    conn.exec("INSERT INTO bench_reference (name, payload) VALUES ($1, $2)",
              {"file" + std::to_string(i), db::Param::binary(payload)});
    conn.exec("COMMIT");
  }
  double ref_rate = o.ref_commits / std::chrono::duration<double>(Steady::now() - r0).count();

  // --- figures -----------------------------------------------------------------------------------
  double drain_rate = imported / drain_s;
  std::printf("\n== figures (server: %s)\n", server_settings.c_str());
  std::printf("(a) backlog drain     %d files in %.2f s = %.0f files/s (target >= 1000)%s\n",
              static_cast<int>(imported), drain_s, drain_rate,
              drain_rate >= 1000 ? "" : "  MISSED");
  std::printf("                      of which import span (first..last transaction) %.2f s\n",
              db_span);
  std::printf(
      "                      CPU per file: engine %.3f ms, PostgreSQL server %.3f ms "
      "(%d import workers, %ld CPU cores)\n",
      1000 * engine_cpu / o.files, 1000 * server_cpu / o.files,
      o.workers > 0 ? o.workers : onshi::daemon::EngineConfig{}.import_workers,
      ::sysconf(_SC_NPROCESSORS_ONLN));
  std::printf(
      "(b) steady %d files/s  rename -> removed after commit: p50 %.1f ms, p99 %.1f ms, "
      "max %.1f ms (n=%zu, target p99 <= 50 ms)%s\n",
      o.rate, percentile(latency_ms, 0.5), percentile(latency_ms, 0.99),
      percentile(latency_ms, 1.0), latency_ms.size(),
      percentile(latency_ms, 0.99) <= 50 ? "" : "  MISSED");
  std::printf(
      "                      rename -> import transaction start: p50 %.1f ms, p99 %.1f ms\n",
      percentile(db_ms, 0.5), percentile(db_ms, 0.99));
  if (!sent.empty())
    std::printf("                      !! %zu files not removed within 30 s\n", sent.size());
  std::printf("(c) peak RSS          %.1f MiB (VmHWM of onshi-exchanged; target <= 32 MiB)%s\n",
              hwm / 1024.0, hwm <= 32 * 1024 ? "" : "  MISSED");
  std::printf("reference             plain INSERT + COMMIT: %.0f commits/s on the same server\n",
              ref_rate);
  std::printf("engine                exit status %d, CPU (user+sys) %.2f s over the whole run\n",
              engine_status, g_engine_cpu_s);

  stop_pg();
  if (o.keep)
    std::cout << "kept " << work << "\n";
  else
    run("rm -rf '" + work + "'");
  return 0;
}
