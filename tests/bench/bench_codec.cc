// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Codec benchmark (a program, not a test): generates a realistic corpus of result files in memory
// and compares raw libxml2 parsing of the same bytes (SAX with empty handlers; xmlReadMemory DOM)
// with the full read_document path (decode + parse + validate into the model).
//
//   bench_codec [--files N] [--seed S] [--repeat R] [--write DIR]
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "corpus.h"
#include "common/error.h"
#include "model/kind.h"
#include "xml/reader.h"

namespace {

using onshi::bench::CorpusItem;
using onshi::model::Encoding;
using onshi::model::MessageKind;

struct Options {
  std::uint64_t seed = 1;
  std::size_t files = 10000;
  int repeat = 3;
  std::string write_dir;  ///< write the corpus there and exit (fuzzing seeds, inspection)
};

[[noreturn]] void usage(int status) {
  std::fprintf(status ? stderr : stdout,
               "usage: bench_codec [--files N] [--seed S] [--repeat R] [--write DIR]\n"
               "  --files N   corpus size (default 10000)\n"
               "  --seed S    corpus seed (default 1); same seed, same bytes\n"
               "  --repeat R  runs per measurement, the best is reported (default 3)\n"
               "  --write DIR write the generated files into DIR and exit (no timing)\n");
  std::exit(status);
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") usage(0);
    if (i + 1 >= argc) usage(2);
    const char* v = argv[++i];
    char* end = nullptr;
    if (a == "--write") {
      o.write_dir = v;
      continue;
    }
    unsigned long long n = std::strtoull(v, &end, 10);
    if (!*v || *end) usage(2);
    if (a == "--files" && n > 0)
      o.files = static_cast<std::size_t>(n);
    else if (a == "--seed")
      o.seed = n;
    else if (a == "--repeat" && n > 0 && n < 100)
      o.repeat = static_cast<int>(n);
    else
      usage(2);
  }
  return o;
}

const char* encoding_name(Encoding e) { return e == Encoding::utf8 ? "UTF-8" : "CP932"; }

// --- the three measured operations ----------------------------------------------------------

/// libxml2 errors during the acceptance pass; silent otherwise (no output while timing).
int g_xml_errors = 0;
void count_error(void*, xmlErrorPtr) { ++g_xml_errors; }

/// Baseline a1: one SAX2 pass with every handler empty, same parser options as the reader.
bool parse_sax(const std::string& bytes) {
  static xmlSAXHandler empty = [] {
    xmlSAXHandler h;
    std::memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    return h;
  }();
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (!ctxt) return false;
  xmlSAXHandlerPtr own = ctxt->sax;
  ctxt->sax = &empty;
  ctxt->userData = nullptr;
  xmlCtxtUseOptions(ctxt, onshi::xml::parser_options());
  xmlParseDocument(ctxt);
  const bool ok = ctxt->wellFormed != 0;
  ctxt->sax = own;
  ctxt->userData = ctxt;
  xmlFreeParserCtxt(ctxt);
  return ok;
}

/// Baseline a2: DOM build + free.
bool parse_dom(const std::string& bytes) {
  xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "bench.xml", nullptr,
                                onshi::xml::parser_options());
  if (!doc) return false;
  xmlFreeDoc(doc);
  return true;
}

/// Ours (b): decode + parse + validate into the typed model.
std::size_t read_full(const CorpusItem& item) {
  onshi::model::Document doc = onshi::xml::read_document(item.bytes, item.kind, item.name);
  return static_cast<std::size_t>(doc.kind) + doc.header.MedicalInstitutionCode->size();
}

// --- timing -------------------------------------------------------------------------------

volatile std::size_t g_sink;

struct Rate {
  double seconds = 0;
  std::size_t files = 0, bytes = 0;
  double files_per_s() const { return files / seconds; }
  double mb_per_s() const { return bytes / seconds / 1e6; }
};

enum class Op { sax, dom, full };

Rate run_once(Op op, const std::vector<const CorpusItem*>& items) {
  Rate r;
  std::size_t sink = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const CorpusItem* it : items) {
    switch (op) {
      case Op::sax: sink += parse_sax(it->bytes); break;
      case Op::dom: sink += parse_dom(it->bytes); break;
      case Op::full: sink += read_full(*it); break;
    }
    r.bytes += it->bytes.size();
  }
  auto t1 = std::chrono::steady_clock::now();
  g_sink = g_sink + sink;
  r.files = items.size();
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  return r;
}

Rate best_of(int repeat, Op op, const std::vector<const CorpusItem*>& items) {
  Rate best;
  for (int i = 0; i < repeat; ++i) {
    Rate r = run_once(op, items);
    if (i == 0 || r.seconds < best.seconds) best = r;
  }
  return best;
}

void print_rate(const char* label, const Rate& r) {
  std::printf("  %-48s %10.0f files/s %8.1f MB/s  (%.3f s)\n", label, r.files_per_s(),
              r.mb_per_s(), r.seconds);
}

// --- acceptance -----------------------------------------------------------------------------

/// Every generated file must be accepted by read_document and parsed by both baselines before
/// anything is timed: a generator bug must not show up as speed.
void verify(const std::vector<CorpusItem>& corpus) {
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const CorpusItem& it = corpus[i];
    const char* what = nullptr;
    std::string why;
    try {
      read_full(it);
    } catch (const onshi::RefusedError& e) {
      what = "read_document refused it";
      why = std::string(onshi::refusal_kind_name(e.kind())) + ": " + e.detail() +
            (e.offset() != onshi::RefusedError::npos ? " at byte " + std::to_string(e.offset())
                                                       : std::string());
    } catch (const std::exception& e) {
      what = "read_document threw";
      why = e.what();
    }
    if (!what) {
      g_xml_errors = 0;
      if (!parse_sax(it.bytes) || g_xml_errors) what = "libxml2 SAX baseline failed on it";
      else if (!parse_dom(it.bytes) || g_xml_errors) what = "xmlReadMemory failed on it";
    }
    if (what) {
      std::fprintf(stderr,
                   "bench_codec: GENERATOR BUG: file #%zu %s (%s, %s, %zu bytes): %s%s%s\n"
                   "  (rerun with --write DIR to inspect the files)\n",
                   i, it.name.c_str(), onshi::model::kind_name(it.kind), encoding_name(it.encoding),
                   it.bytes.size(), what, why.empty() ? "" : ": ", why.c_str());
      std::exit(2);
    }
  }
}

int write_corpus(const std::vector<CorpusItem>& corpus, const std::string& dir) {
  for (const CorpusItem& it : corpus) {
    std::string path = dir + "/" + it.name;
    std::ofstream out(path, std::ios::binary);
    out.write(it.bytes.data(), static_cast<std::streamsize>(it.bytes.size()));
    if (!out) {
      std::fprintf(stderr, "bench_codec: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  std::printf("bench_codec: wrote %zu files to %s\n", corpus.size(), dir.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_args(argc, argv);
  xmlInitParser();
  xmlSetStructuredErrorFunc(nullptr, &count_error);

  auto g0 = std::chrono::steady_clock::now();
  std::vector<CorpusItem> corpus;
  try {
    corpus = onshi::bench::generate_corpus(opt.seed, opt.files);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_codec: GENERATOR BUG: the writer refused a document: %s\n",
                 e.what());
    return 2;
  }
  const double gen_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();
  verify(corpus);
  if (!opt.write_dir.empty()) return write_corpus(corpus, opt.write_dir);

  // Composition.
  struct Count {
    std::size_t utf8 = 0, cp932 = 0, bytes = 0;
    std::vector<const CorpusItem*> items;
  };
  std::map<MessageKind, Count> by_kind;
  std::map<Encoding, std::vector<const CorpusItem*>> by_encoding;
  std::vector<const CorpusItem*> all;
  std::size_t total = 0;
  for (const CorpusItem& it : corpus) {
    Count& c = by_kind[it.kind];
    (it.encoding == Encoding::utf8 ? c.utf8 : c.cp932)++;
    c.bytes += it.bytes.size();
    c.items.push_back(&it);
    by_encoding[it.encoding].push_back(&it);
    all.push_back(&it);
    total += it.bytes.size();
  }

  std::printf("bench_codec: seed %llu, %zu files; every measurement run %d times, best reported; "
              "MB = 10^6 bytes\n",
              static_cast<unsigned long long>(opt.seed), corpus.size(), opt.repeat);
  std::printf("corpus: generated in %.2f s, %.2f MB in memory; all files accepted by "
              "read_document, xmlReadMemory and the SAX baseline\n",
              gen_s, total / 1e6);
  std::printf("  %-20s %7s %7s %7s %9s %9s\n", "kind", "UTF-8", "CP932", "files", "MB",
              "avg KiB");
  for (const auto& [kind, c] : by_kind)
    std::printf("  %-20s %7zu %7zu %7zu %9.2f %9.1f\n", onshi::model::kind_name(kind), c.utf8,
                c.cp932, c.utf8 + c.cp932, c.bytes / 1e6,
                c.bytes / 1024.0 / static_cast<double>(c.utf8 + c.cp932));
  std::size_t n_utf8 = by_encoding[Encoding::utf8].size(),
              n_cp932 = by_encoding[Encoding::cp932].size();
  std::printf("  %-20s %7zu %7zu %7zu %9.2f %9.1f\n", "total", n_utf8, n_cp932, corpus.size(),
              total / 1e6, total / 1024.0 / static_cast<double>(corpus.size()));

  std::printf("throughput over the whole corpus (same bytes for every row):\n");
  const Rate sax = best_of(opt.repeat, Op::sax, all);
  const Rate dom = best_of(opt.repeat, Op::dom, all);
  const Rate full = best_of(opt.repeat, Op::full, all);
  print_rate("(a1) libxml2 SAX2, empty handlers", sax);
  print_rate("(a2) libxml2 xmlReadMemory DOM + xmlFreeDoc", dom);
  print_rate("(b)  read_document: decode + parse + validate", full);
  const double r_sax = sax.seconds / full.seconds, r_dom = dom.seconds / full.seconds;
  std::printf("ratio b/a1 (vs SAX): %.2f   target >= 0.50: %s\n", r_sax,
              r_sax >= 0.5 ? "met" : "MISSED");
  std::printf("ratio b/a2 (vs DOM): %.2f   target >= 0.50: %s\n", r_dom,
              r_dom >= 0.5 ? "met" : "MISSED");

  std::printf("by kind and encoding (MB/s; ratio = b/a1):\n");
  std::printf("  %-20s %9s %9s %9s %7s\n", "subset", "a1 SAX", "a2 DOM", "b ours", "b/a1");
  auto row = [&](const std::string& label, const std::vector<const CorpusItem*>& items) {
    Rate s = best_of(opt.repeat, Op::sax, items), d = best_of(opt.repeat, Op::dom, items),
         f = best_of(opt.repeat, Op::full, items);
    std::printf("  %-20s %9.1f %9.1f %9.1f %7.2f\n", label.c_str(), s.mb_per_s(), d.mb_per_s(),
                f.mb_per_s(), s.seconds / f.seconds);
  };
  for (const auto& [kind, c] : by_kind) row(onshi::model::kind_name(kind), c.items);
  for (const auto& [enc, items] : by_encoding) row(std::string("all ") + encoding_name(enc), items);

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MiB (getrusage ru_maxrss; includes the in-memory corpus)\n",
              ru.ru_maxrss / 1024.0);
  xmlCleanupParser();
  return 0;
}
