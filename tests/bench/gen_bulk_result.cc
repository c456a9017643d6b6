// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
/// @file
/// Writes one large, valid bulk pre-check result (一括照会 answer, OQSmuquc02res) of about a given
/// size, for the memory measurements of big files (README, "Big files"). The answer is the
/// terminal simulator's own (sim::Responder: the scenario's people, the unit shape and the
/// writer of plugin/sim); only the number of persons asked about is chosen here, so that the
/// file is the largest not over --bytes (or, with --over, the smallest over it).
///
///   gen_bulk_result --scenario FILE --bytes N [--over] [--encoding utf8|cp932]
///                   [--upload REQ01 --download REQ02] --out DIR
///
/// Without --upload the request is made up from the scenario's people (each asked about in turn,
/// with its own ArbitraryIdentifier). With --upload/--download (an engine's OQSmuquc01req and
/// OQSmuquc02req files) the persons of the engine's request are asked about again and again and
/// the answer is named and numbered as the engine's download expects. Prints the file's path and
/// size; exit status 0, 64 usage, 65 when no answer could be made.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "model/kind.h"
#include "model/messages.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace {

using onshi::model::Document;
using onshi::model::MessageKind;
using onshi::model::QualificationConfirmSearchInfo;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw onshi::Error(path + ": cannot read");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The persons of the request: the engine's, or one per scenario person.
std::vector<QualificationConfirmSearchInfo> base_persons(const onshi::sim::Scenario& scenario,
                                                         const Document* upload) {
  if (upload)
    return upload->as<onshi::model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
  std::vector<QualificationConfirmSearchInfo> out;
  for (const onshi::sim::Person& p : scenario.people) {
    if (p.fault != onshi::sim::Fault::none) continue;  // answered with a fault, not a result
    QualificationConfirmSearchInfo s;
    s.InsurerNumber = p.card.InsurerNumber;
    s.InsuredCardSymbol = p.card.InsuredCardSymbol;
    s.InsuredIdentificationNumber = p.card.InsuredIdentificationNumber;
    s.InsuredBranchNumber = p.card.InsuredBranchNumber;
    s.Birthdate = p.card.Birthdate;
    s.LimitApplicationCertificateRelatedConsFlg = "1";
    out.push_back(std::move(s));
  }
  return out;
}

struct Answer {
  std::string name;
  std::string bytes;
};

/// The simulator's final answer to a request of `persons` entries.
Answer make_answer(const onshi::sim::Scenario& scenario, const Document* upload,
                   const Document* download, const std::string& download_name,
                   const std::vector<QualificationConfirmSearchInfo>& base, std::size_t persons) {
  onshi::sim::Scenario sc = scenario;
  sc.settings.still_processing = 0;
  sc.settings.err_every = sc.settings.malformed_every = sc.settings.silent_every = 0;
  onshi::sim::Responder responder(sc);

  Document req = upload ? *upload : Document::make(MessageKind::OQSmuquc01req);
  if (!upload) {
    req.header.MedicalInstitutionCode = scenario.institution_code;
    req.header.QualificationConfirmationDate = "20250613";
    req.header.ArbitraryFileIdentifier = "onshi-1-1-1";
  }
  auto& infos = req.as<onshi::model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
  infos.clear();
  for (std::size_t i = 0; i < persons; ++i) {
    infos.push_back(base[i % base.size()]);
    if (!upload) infos.back().ArbitraryIdentifier = std::to_string(100000 + i) + "_1";
  }
  const std::string up_name =
      onshi::model::request_file_name(MessageKind::OQSmuquc01req, "202506120001");
  onshi::sim::Reply up = responder.respond(up_name, onshi::xml::write_document(req, req.encoding));
  if (!up.document) throw onshi::Error("no answer to the upload: " + up.summary);
  const onshi::model::Text reception =
      up.document->as<onshi::model::ReceptionBody>().ReceptionNumber;

  Document down = download ? *download : Document::make(MessageKind::OQSmuquc02req);
  down.header.MedicalInstitutionCode = scenario.institution_code;
  down.as<onshi::model::ReceptionBody>().ReceptionNumber = reception;
  const std::string name =
      download ? download_name
               : onshi::model::request_file_name(MessageKind::OQSmuquc02req, "202506120002");
  onshi::sim::Reply reply =
      responder.respond(name, onshi::xml::write_document(down, down.encoding));
  if (reply.action != onshi::sim::Reply::Action::answer || !reply.document)
    throw onshi::Error("no final answer: " + reply.summary);
  if (!download) return {reply.file_name, std::move(reply.bytes)};
  // The engine asked with the terminal's reception number: answer under it (same writer).
  Document& doc = *reply.document;
  doc.header.ReceptionNumber = download->as<onshi::model::ReceptionBody>().ReceptionNumber;
  return {reply.file_name, onshi::xml::write_document(doc, doc.encoding)};
}

int usage() {
  std::cerr << "usage: gen_bulk_result --scenario FILE --bytes N [--over] "
               "[--encoding utf8|cp932] [--upload REQ01 --download REQ02] --out DIR\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario_path, out_dir, upload_path, download_path, encoding = "utf8";
  std::size_t target = 0;
  bool over = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has = i + 1 < argc;
    if (a == "--scenario" && has)
      scenario_path = argv[++i];
    else if (a == "--bytes" && has)
      target = std::stoull(argv[++i]);
    else if (a == "--over")
      over = true;
    else if (a == "--encoding" && has)
      encoding = argv[++i];
    else if (a == "--upload" && has)
      upload_path = argv[++i];
    else if (a == "--download" && has)
      download_path = argv[++i];
    else if (a == "--out" && has)
      out_dir = argv[++i];
    else
      return usage();
  }
  if (scenario_path.empty() || out_dir.empty() || target == 0 ||
      upload_path.empty() != download_path.empty() || (encoding != "utf8" && encoding != "cp932"))
    return usage();
  try {
    onshi::sim::Scenario scenario = onshi::sim::load_scenario(scenario_path);
    scenario.settings.encoding =
        encoding == "cp932" ? onshi::model::Encoding::cp932 : onshi::model::Encoding::utf8;
    std::optional<Document> upload, download;
    std::string download_name;
    if (!upload_path.empty()) {
      onshi::xml::ReadOptions no_limit;
      no_limit.max_bytes = std::size_t{1} << 30;
      upload = onshi::xml::read_document(read_all(upload_path), MessageKind::OQSmuquc01req,
                                         upload_path, no_limit);
      download = onshi::xml::read_document(read_all(download_path), MessageKind::OQSmuquc02req,
                                           download_path, no_limit);
      download_name = std::string(onshi::model::base_name(download_path));
    }
    const auto base = base_persons(scenario, upload ? &*upload : nullptr);
    if (base.empty()) throw onshi::Error("no persons to ask about");
    auto answer = [&](std::size_t n) {
      return make_answer(scenario, upload ? &*upload : nullptr, download ? &*download : nullptr,
                         download_name, base, n);
    };
    // Size per person from two probes, then corrected until the bound holds.
    const std::size_t probe = 8 * base.size();
    const double s1 = static_cast<double>(answer(probe).bytes.size());
    const double s2 = static_cast<double>(answer(2 * probe).bytes.size());
    const double per = (s2 - s1) / static_cast<double>(probe);
    const double fixed = s1 - per * static_cast<double>(probe);
    auto estimate = [&](double bytes) {
      return bytes <= fixed ? std::size_t{1} : static_cast<std::size_t>((bytes - fixed) / per);
    };
    // Moved towards the bound until within one cycle of persons of it, on the asked-for side.
    std::size_t n = estimate(static_cast<double>(target));
    std::optional<Answer> best;
    std::size_t best_n = 0;
    for (int round = 0; round < 12; ++round) {
      Answer a = answer(n);
      const double size = static_cast<double>(a.bytes.size());
      const double gap = size > static_cast<double>(target) ? size - static_cast<double>(target)
                                                            : static_cast<double>(target) - size;
      const bool fits = a.bytes.size() <= target;
      const auto step = std::max<std::size_t>(1, static_cast<std::size_t>(gap / per));
      if (fits != over) {
        if (!best ||
            gap < static_cast<double>(best->bytes.size() > target ? best->bytes.size() - target
                                                                  : target - best->bytes.size())) {
          best = std::move(a);
          best_n = n;
        }
        if (gap <= per * static_cast<double>(base.size())) break;
        n = over ? (n > step ? n - step : 1) : n + step;
      } else {
        n = over ? n + step + 1 : (n > step + 1 ? n - step - 1 : 1);
      }
    }
    if (!best) throw onshi::Error("could not reach the size bound");
    const Answer& a = *best;
    n = best_n;
    const std::string path = out_dir + "/" + a.name;
    std::ofstream out(path, std::ios::binary);
    out.write(a.bytes.data(), static_cast<std::streamsize>(a.bytes.size()));
    out.close();
    if (!out) throw onshi::Error(path + ": cannot write");
    std::cout << path << ' ' << a.bytes.size() << " bytes, " << n << " units\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "gen_bulk_result: " << e.what() << '\n';
    return 65;
  }
}
