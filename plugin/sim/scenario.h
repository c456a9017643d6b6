// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The terminal simulator's scenario: the people the simulated national system knows (their
/// insurance card, validity, consents, reference numbers, drug and checkup data), the messages it
/// answers with, and default settings. Loaded from JSON (README "Terminal simulator").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"
#include "model/messages.h"

namespace onshi::sim {

/// How the simulator misbehaves for a request (fault injection).
enum class Fault {
  none,       ///< answer normally
  err,        ///< write `<request base name>.err` into req/ instead of an answer
  malformed,  ///< write a truncated, not well-formed answer into res/
  silent,     ///< consume the request and never answer
};

/// "none", "err", "malformed", "silent".
const char* fault_name(Fault f);

/// Parses a fault name. @throws onshi::Error for anything else
Fault fault_from_name(std::string_view name);

/// One consent the person gives at the card reader.
struct ConsentGiven {
  std::string type;  ///< model::Consent::type, e.g. "pharmacists"
  std::string flag = "1";
  std::string time;             ///< YYYYMMDDHHMMSS; "" = at check-in (a few seconds before)
  std::string available_until;  ///< YYYYMMDDHHMMSS; "" = time + 24 h (types that have one)
};

/// A person known to the simulated national system.
struct Person {
  std::string id;    ///< scenario-unique key (`checkin --person ID`)
  std::string note;  ///< free text for humans (never written into answers)
  /// Card data: the ResultOfQualificationConfirmation without consents and ReferenceNumber.
  /// LimitApplicationCertificateRelatedInfo and SpecificDiseasesCertificateList are emitted only
  /// when the matching consent exists (face) or the request flag asks for them (siquc01).
  model::ResultOfQualificationConfirmation card;
  std::string validity = "1";  ///< "1", "2", "3" or "6" (4 and 5 are derived)
  std::vector<ConsentGiven> consents;
  std::optional<std::string> reference_number;           ///< reference number registered at start
  std::optional<std::string> prescription_issue_select;  ///< "1"/"2" at check-in
  std::optional<model::DrugInfoBody> drug_info;          ///< YZK data (MeTrMonthInf ...)
  std::optional<model::CheckupInfoBody> checkup_info;    ///< TKK data
  /// Home-visit / online care: the day the patient consented (YYYYMMDD) to this clinic viewing
  /// their information during that care, and the online examination day; a consented-
  /// information bulk (OQSmuhvq/OQSmuonq) finds the person by these, a withdrawal
  /// (OQSsihvd01req) removes the home-visit one.
  std::optional<std::string> home_visit_consented, online_consented, online_examined;
  Fault fault = Fault::none;

  /// The consent of `type`, or nullptr.
  const ConsentGiven* consent(std::string_view type) const;
};

/// A code and message the simulated system answers with.
struct Message {
  std::string code;
  std::string text;
};

/// Every message text the simulator uses (defaults are ASCII; scenarios give the real wording).
struct Messages {
  Message unknown_insurer;       ///< siquc01: insurer number unknown (ProcessingResultStatus 2)
  Message bulk_no_match;         ///< muquc02 unit without a match (when bulk_no_match = error)
  Message registration_refused;  ///< siimm/muimm: no such qualification
  Message still_processing;      ///< muquc02/muimm02: SegmentOfResult 2
  Message unknown_reception;     ///< 02req with an unknown ReceptionNumber (SegmentOfResult 9)
  Message institution_mismatch;  ///< request for another institution (SegmentOfResult 9)
  Message no_consent_drug;       ///< YZK: no drug-information consent (ResultCode 2)
  Message no_consent_checkup;    ///< TKK: no checkup-information consent (ResultCode 2)
  Message no_consent_diagnosis;  ///< YZK FileCategory 3/4: no diagnosis consent (ResultCode 2)
  Message no_person;             ///< YZK/TKK: no such insured person (ResultCode 2)
  Message error_file;            ///< text of injected `.err` files
  Message bad_request;           ///< text of `.err` files for unreadable requests
};

/// Settings a scenario may carry; command-line options override them.
struct Settings {
  int delay_ms = 3000;
  model::Encoding encoding = model::Encoding::utf8;
  int still_processing = 1;         ///< "still processing" answers per reception number
  int err_every = 0;                ///< every Nth request gets a `.err` file (0 = never)
  int malformed_every = 0;          ///< every Nth request gets a truncated answer
  int silent_every = 0;             ///< every Nth request is never answered
  bool bulk_no_match_error = true;  ///< bulk unit without a match: error unit (else validity 4)
  std::string terminal_number = "0001";  ///< the `_NNNN` suffix of reception numbers
};

/// A loaded, validated scenario.
struct Scenario {
  std::string institution_code;             ///< 10 digits
  std::string institution_name;             ///< used in generated drug information
  std::vector<std::string> extra_insurers;  ///< insurer numbers known without people
  Settings settings;
  Messages messages;
  std::vector<Person> people;

  /// Person by id, or nullptr.
  const Person* find(std::string_view id) const;
  /// True when the insurer number (padding ignored) belongs to a person or extra_insurers.
  bool knows_insurer(std::string_view insurer_number) const;
};

/// Builds a scenario from parsed JSON. @throws onshi::Error naming the JSON path of the problem
/// (e.g. `people[3].card.Birthdate: not a real calendar date YYYYMMDD (value "19800231")`).
Scenario scenario_from_json(const json::Value& root);

/// Reads and parses a scenario file. @throws onshi::Error with the file name and JSON path
Scenario load_scenario(const std::string& path);

/// Adds a population (`{"people": [...]}`, people as in a scenario) to `scenario`: the people the
/// simulated national system knows besides the scenario's own, e.g. a host's generated patients
/// (tests/host/seed_host --population). Ids must stay unique.
/// @throws onshi::Error naming the JSON path of the problem (nothing is added then)
void add_population(Scenario& scenario, const json::Value& root);

/// Reads a population file and adds it. @throws onshi::Error with the file name and JSON path
void load_population(Scenario& scenario, const std::string& path);

}  // namespace onshi::sim
