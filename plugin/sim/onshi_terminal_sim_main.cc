// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-terminal-sim: plays the verification terminal's link software on a shared folder.
// A shim over plugin/sim (scenario, responder, terminal).
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "common/error.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "sim/util.h"

namespace {

const char* const kUsage =
    "usage:\n"
    "  onshi-terminal-sim run --share DIR --scenario FILE [--population FILE]...\n"
    "        [--delay-ms N] [--poll-ms N]\n"
    "        [--encoding utf8|cp932] [--still-processing N] [--err-every N]\n"
    "        [--malformed-every N] [--silent-every N] [--once]\n"
    "  onshi-terminal-sim checkin --share DIR --scenario FILE [--population FILE]... --person ID\n"
    "        [--time yyyyMMddHHmmss] [--via-running]\n"
    "run answers req/ into res/ until SIGTERM/SIGINT (--once: what is there now, then exit).\n"
    "checkin writes a card check-in file into face/ (--via-running: ask the running simulator,\n"
    "which remembers reference numbers registered during its run).\n"
    "--population adds the people of a population file (e.g. a host's generated patients).\n";

constexpr int kExitUsage = 64;
constexpr int kExitData = 65;

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_signal(int) {
  g_stop = 1;
}

struct Args {
  std::string command, share, scenario, person, time, encoding;
  std::vector<std::string> populations;
  int delay_ms = -1, poll_ms = 500, still_processing = -1, err_every = -1, malformed_every = -1,
      silent_every = -1;
  bool once = false, via_running = false;
};

int to_int(const std::string& opt, const std::string& v) {
  try {
    std::size_t used = 0;
    long n = std::stol(v, &used);
    if (used != v.size() || n < 0 || n > 100000000) throw std::invalid_argument(v);
    return static_cast<int>(n);
  } catch (const std::exception&) {
    throw onshi::Error(opt + " needs a non-negative number, got \"" + v + "\"");
  }
}

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) throw onshi::Error("missing command");
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string o = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw onshi::Error(o + " needs a value");
      return argv[++i];
    };
    if (o == "--share")
      a.share = value();
    else if (o == "--scenario")
      a.scenario = value();
    else if (o == "--population")
      a.populations.push_back(value());
    else if (o == "--person")
      a.person = value();
    else if (o == "--time")
      a.time = value();
    else if (o == "--encoding")
      a.encoding = value();
    else if (o == "--delay-ms")
      a.delay_ms = to_int(o, value());
    else if (o == "--poll-ms")
      a.poll_ms = std::max(10, to_int(o, value()));
    else if (o == "--still-processing")
      a.still_processing = to_int(o, value());
    else if (o == "--err-every")
      a.err_every = to_int(o, value());
    else if (o == "--malformed-every")
      a.malformed_every = to_int(o, value());
    else if (o == "--silent-every")
      a.silent_every = to_int(o, value());
    else if (o == "--once")
      a.once = true;
    else if (o == "--via-running")
      a.via_running = true;
    else
      throw onshi::Error("unknown option " + o);
  }
  if (a.share.empty()) throw onshi::Error("--share DIR is required");
  if (a.scenario.empty() && !(a.command == "checkin" && a.via_running))
    throw onshi::Error("--scenario FILE is required");
  return a;
}

/// The scenario with every population of the command line added.
onshi::sim::Scenario load(const Args& a) {
  onshi::sim::Scenario scenario = onshi::sim::load_scenario(a.scenario);
  for (const std::string& p : a.populations) onshi::sim::load_population(scenario, p);
  return scenario;
}

int run(const Args& a) {
  onshi::sim::Scenario scenario = load(a);
  onshi::sim::Settings& s = scenario.settings;
  if (!a.encoding.empty() && !onshi::sim::encoding_from_option(a.encoding, s.encoding))
    throw onshi::Error("--encoding must be utf8 or cp932");
  if (a.delay_ms >= 0) s.delay_ms = a.delay_ms;
  if (a.still_processing >= 0) s.still_processing = a.still_processing;
  if (a.err_every >= 0) s.err_every = a.err_every;
  if (a.malformed_every >= 0) s.malformed_every = a.malformed_every;
  if (a.silent_every >= 0) s.silent_every = a.silent_every;

  onshi::sim::TerminalOptions options;
  options.share = a.share;
  options.delay_ms = s.delay_ms;
  options.poll_ms = a.poll_ms;
  onshi::sim::Responder responder(std::move(scenario));
  onshi::sim::Terminal terminal(responder, options, std::cerr);
  if (a.once) {
    terminal.run_once();
    return 0;
  }
#ifdef _WIN32
  std::signal(SIGINT, on_signal);  // Ctrl+C and Ctrl+Break in the console
  std::signal(SIGBREAK, on_signal);
#else
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
#endif
  std::cerr << "onshi-terminal-sim: answering " << a.share << "/req (delay " << options.delay_ms
            << " ms, " << responder.scenario().people.size() << " people)\n";
  terminal.run([] { return g_stop != 0; });
  std::cerr << "onshi-terminal-sim: stopped\n";
  return 0;
}

int checkin(const Args& a) {
  if (a.person.empty()) throw onshi::Error("--person ID is required");
  std::optional<onshi::sim::Clock::time_point> at;
  if (!a.time.empty()) {
    onshi::sim::Clock::time_point t;
    if (!onshi::sim::parse_stamp14(a.time, t)) throw onshi::Error("--time must be yyyyMMddHHmmss");
    at = t;
  }
  if (a.via_running) {
    // Hand the command to the running simulator (it knows registrations made since its start).
    std::string name = std::string(onshi::sim::kCheckInCommandPrefix) + std::to_string(::getpid());
    std::string temp = a.share + "/.tmp-" + name;
    {
      std::FILE* f = std::fopen(temp.c_str(), "wb");
      if (!f) throw onshi::Error("cannot write " + temp);
      std::string line = a.person + (a.time.empty() ? "" : " " + a.time) + "\n";
      std::fwrite(line.data(), 1, line.size(), f);
      std::fclose(f);
    }
    if (std::rename(temp.c_str(), (a.share + "/" + name).c_str()) != 0)
      throw onshi::Error("cannot hand the check-in to the running simulator");
    std::cerr << "onshi-terminal-sim: check-in handed to the running simulator\n";
    return 0;
  }
  onshi::sim::Scenario scenario = load(a);
  if (!a.encoding.empty() &&
      !onshi::sim::encoding_from_option(a.encoding, scenario.settings.encoding))
    throw onshi::Error("--encoding must be utf8 or cp932");
  onshi::sim::Responder responder(std::move(scenario));
  onshi::sim::CheckIn c = responder.check_in(a.person, at);
  onshi::sim::TerminalOptions options;
  options.share = a.share;
  onshi::sim::Terminal terminal(responder, options, std::cerr);
  std::string path = terminal.write_check_in(c);
  std::cerr << "onshi-terminal-sim: check-in -> face/" << c.file_name << '\n';
  std::cout << path << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  try {
    if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
                      std::string(argv[1]) == "help")) {
      std::cout << kUsage;
      return 0;
    }
    a = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "onshi-terminal-sim: " << e.what() << '\n' << kUsage;
    return kExitUsage;
  }
  try {
    if (a.command == "run") return run(a);
    if (a.command == "checkin") return checkin(a);
    std::cerr << "onshi-terminal-sim: unknown command \"" << a.command << "\"\n" << kUsage;
    return kExitUsage;
  } catch (const onshi::Error& e) {
    std::cerr << "onshi-terminal-sim: " << e.what() << '\n';
    return kExitData;
  } catch (const std::exception& e) {
    std::cerr << "onshi-terminal-sim: " << e.what() << '\n';
    return 70;
  }
}
