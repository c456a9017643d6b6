// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The simulated link software's brain: request bytes in, answer bytes out. No file-system access;
/// the state that a real terminal keeps between requests (reference numbers registered during the
/// run, bulk batches and how often each was polled) lives here.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "model/messages.h"
#include "sim/scenario.h"
#include "sim/util.h"

namespace onshi::sim {

/// What to do with one consumed request.
struct Reply {
  enum class Action {
    answer,      ///< write `bytes` as res/`file_name`
    error_file,  ///< write `bytes` (text) as req/`file_name` (`<request base>.err`)
    silent,      ///< write nothing
    ignore,      ///< not a request file name: leave it alone
  };
  Action action = Action::ignore;
  std::string file_name;  ///< base name of the file to write ("" for silent/ignore)
  std::string bytes;      ///< encoded answer, PDF bytes, truncated answer, or `.err` text
  /// The typed answer (answers, also when `malformed`; is_pdf for PDF answers).
  std::optional<model::Document> document;
  bool malformed = false;  ///< `bytes` were truncated on purpose
  std::string summary;     ///< for the log line: outcome codes only, never personal data
};

/// A card check-in file for face/.
struct CheckIn {
  std::string file_name;  ///< OQSsiquc01res_face_<MIC><20 hex>_<yyyyMMddHHmmss>.xml
  std::string bytes;
  model::Document document;
};

/// Answers requests like the terminal's link software would, from a scenario.
class Responder {
 public:
  /// Source of "now" (tests pin it).
  using Now = std::function<Clock::time_point()>;

  /// @param scenario people, messages and settings (settings already merged with CLI options)
  /// @param now clock; the system clock when empty
  explicit Responder(Scenario scenario, Now now = {});

  /// Handles one request file: `request_name` is its base name, `bytes` its content. Never
  /// throws for bad input: unreadable requests get an `.err` reply (see README).
  Reply respond(std::string_view request_name, std::string_view bytes);

  /// A card check-in of `person_id` at `at` (default: now), with the reference number registered
  /// so far. @throws onshi::Error for an unknown person
  CheckIn check_in(std::string_view person_id, std::optional<Clock::time_point> at = {});

  /// Reference number currently registered for a person (scenario value or registered since).
  std::optional<std::string> reference_number(std::string_view person_id) const;

  /// Number of requests handled so far (the counter behind the `*_every` faults).
  std::uint64_t handled() const { return handled_; }

  const Scenario& scenario() const { return scenario_; }

 private:
  struct Batch {
    model::MessageKind kind;  ///< OQSmuquc01req, OQSmuimm01req, OQSmuhvq01req, OQSmuonq01req
    model::Document request;
    int polls_left = 0;
    std::vector<std::optional<std::string>> registered;  ///< muimm: person id per card
  };
  struct Built;

  Built handle(const model::Document& req);
  /// Starts the answer to `req`: the common header (time, our institution, the request's file
  /// identifier, SegmentOfResult 1); false, with the file-level error already in place, when the
  /// request names another institution.
  bool start_answer(Built& b, const model::Document& req, model::MessageKind answer,
                    Clock::time_point now) const;
  Built qualification(const model::Document& req);
  Built registration(const model::Document& req);
  Built bulk_upload(const model::Document& req);
  Built bulk_download(const model::Document& req);
  Built medical_info(const model::Document& req);
  Built withdrawal(const model::Document& req);
  /// The consents to view of a home-visit (`home`) or online check's result `r`.
  void visit_consents(const Person& p, bool home, Clock::time_point now,
                      model::ResultOfQualificationConfirmation& r) const;

  std::vector<const Person*> match(const model::QualificationConfirmSearchInfo& s) const;
  std::vector<const Person*> match_card(const model::Text& insurer, const model::Text& symbol,
                                        const model::Text& number, const model::Text& branch) const;
  model::ResultOfQualificationConfirmation insurance_result(const Person& p,
                                                            const model::Text& limit_flag,
                                                            Clock::time_point now) const;
  model::ResultOfQualificationConfirmation card_result(const Person& p, Clock::time_point at) const;
  std::string encode(model::Document& doc, std::string& summary) const;
  std::string encode_text(const std::string& text) const;
  std::string new_reception_number(Clock::time_point now);
  std::string random_hex(std::size_t n);
  std::string random_token();

  Scenario scenario_;
  Now now_;
  std::map<std::string, std::string> references_;  ///< person id -> reference number
  std::map<std::string, bool> withdrawn_;          ///< person id -> home-visit consent withdrawn
  std::map<std::string, Batch> batches_;           ///< reception number -> batch
  std::uint64_t handled_ = 0;
  std::string last_reception_stamp_;
  std::mt19937_64 random_;
};

/// A small valid one-page PDF 1.4 whose page shows `lines` (ASCII; other bytes become '?').
std::string make_pdf(const std::vector<std::string>& lines);

}  // namespace onshi::sim
