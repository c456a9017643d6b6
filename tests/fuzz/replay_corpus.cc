// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Regression test (make check, normal build): replays the committed fuzzing corpora and crash
// reproducers through the same entry points as the libFuzzer targets, without libFuzzer:
//   tests/fuzz/corpus/fuzz_xml_reader/*, regressions/fuzz_xml_reader-*  -> read_document
//   tests/fuzz/corpus/fuzz_cp932/*,      regressions/fuzz_cp932-*       -> cp932_to_utf8
//   tests/fuzz/corpus/fuzz_file_name/*,  regressions/fuzz_file_name-*   -> the file-name rules
// Every input must end in success or an onshi::Error (RefusedError included; std::invalid_argument
// for the file-name builders); anything else, or a crash, fails the test. The sanitizer build of
// CI (--enable-sanitizers) runs it under ASan and UBSan.
//   usage: replay_corpus [FUZZ_DIR]   (default: the source tree's tests/fuzz)
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "model/kind.h"
#include "text/encoding.h"
#include "xml/reader.h"
#include "xml/writer.h"

#ifndef ONSHI_FUZZ_DIR
#define ONSHI_FUZZ_DIR "tests/fuzz"
#endif

namespace {

using onshi::model::MessageKind;

// Same table and order as fuzz_xml_reader.cc (the first input byte picks the kind).
constexpr MessageKind kKinds[] = {
    MessageKind::OQSsiquc01req, MessageKind::OQSsiquc01res, MessageKind::OQSsiquc01res_face,
    MessageKind::OQSsiimm01req, MessageKind::OQSsiimm01res, MessageKind::OQSmuquc01req,
    MessageKind::OQSmuquc01res, MessageKind::OQSmuquc02req, MessageKind::OQSmuquc02res,
    MessageKind::OQSmuimm01req, MessageKind::OQSmuimm01res, MessageKind::OQSmuimm02req,
    MessageKind::OQSmuimm02res, MessageKind::YZKsiquc01req, MessageKind::YZKsiquc01res,
    MessageKind::TKKsiquc01req, MessageKind::TKKsiquc01res,
};
constexpr std::size_t kKindCount = sizeof kKinds / sizeof kKinds[0];

struct Counts {
  int accepted = 0;
  int refused = 0;
};

void xml_reader(std::string_view bytes, Counts& c) {
  if (bytes.empty()) return;
  const MessageKind kind = kKinds[static_cast<unsigned char>(bytes[0]) % kKindCount];
  try {
    onshi::model::Document doc = onshi::xml::read_document(bytes.substr(1), kind, "replay");
    try {
      (void)onshi::xml::write_document(doc, doc.encoding);
    } catch (const onshi::EncodeError&) {  // a CP932 file with an unencodable reference
    }
    ++c.accepted;
  } catch (const onshi::Error&) {
    ++c.refused;
  }
}

void cp932(std::string_view bytes, Counts& c) {
  try {
    std::string utf8 = onshi::text::cp932_to_utf8(bytes, "replay");
    if (onshi::text::find_invalid_utf8(utf8) != std::string::npos)
      throw std::logic_error("cp932_to_utf8 produced invalid UTF-8");
    try {
      (void)onshi::text::cp932_to_utf8(onshi::text::utf8_to_cp932(utf8), "replay again");
    } catch (const onshi::EncodeError&) {
    }
    ++c.accepted;
  } catch (const onshi::Error&) {
    ++c.refused;
  }
}

void file_name(std::string_view bytes, Counts& c) {
  const onshi::model::FileName f = onshi::model::classify_file_name(bytes);
  if (f.kind == MessageKind::unknown) {
    ++c.refused;
  } else {
    ++c.accepted;
    try {
      (void)onshi::model::result_file_name(bytes, false);
      (void)onshi::model::request_file_name(f.kind, f.id);
    } catch (const std::invalid_argument&) {  // not a request name
    }
  }
  if (!bytes.empty()) {
    try {
      (void)onshi::model::request_file_name(
          kKinds[static_cast<unsigned char>(bytes[0]) % kKindCount], bytes.substr(1));
    } catch (const std::invalid_argument&) {
    }
  }
}

std::vector<std::string> files_in(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n == "." || n == ".." || n.compare(0, prefix.size(), prefix) != 0) continue;
      out.push_back(dir + "/" + n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ONSHI_FUZZ_DIR;
  struct Target {
    const char* name;
    void (*run)(std::string_view, Counts&);
  };
  const Target targets[] = {
      {"fuzz_xml_reader", xml_reader}, {"fuzz_cp932", cp932}, {"fuzz_file_name", file_name}};
  int failures = 0, total = 0;
  for (const Target& t : targets) {
    std::vector<std::string> inputs = files_in(root + "/corpus/" + t.name, "");
    for (std::string& r : files_in(root + "/regressions", std::string(t.name) + "-"))
      inputs.push_back(std::move(r));
    Counts c;
    for (const std::string& path : inputs) {
      std::ifstream in(path, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      try {
        t.run(bytes, c);
      } catch (const std::exception& e) {
        std::printf("FAIL %s: %s: %s\n", t.name, path.c_str(), e.what());
        ++failures;
      }
    }
    total += static_cast<int>(inputs.size());
    std::printf("%s: %zu inputs, %d accepted, %d refused\n", t.name, inputs.size(), c.accepted,
                c.refused);
  }
  if (total == 0) {
    std::printf("FAIL: no corpus found under %s\n", root.c_str());
    return 1;
  }
  std::printf("%d inputs, %d failures\n", total, failures);
  return failures == 0 ? 0 : 1;
}
