// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Scenario loading. Card, drug and checkup data use the OQS element names and are filled by
// walking the model's element tables, so every element the model knows can be simulated.
#include "sim/scenario.h"

#include <initializer_list>
#include <set>

#include "common/error.h"
#include "model/validate.h"
#include "sim/util.h"
#include "text/normalize.h"

namespace onshi::sim {
namespace {

using model::FieldDef;
using model::FieldKind;
using model::Schema;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw Error("scenario: " + path + ": " + why);
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

bool is_comment(std::string_view key) {
  return !key.empty() && key.front() == '_';
}

const json::Object& object_at(const json::Value& v, const std::string& path) {
  if (!v.is_object()) fail(path, "must be a JSON object");
  return v.as_object();
}

/// Refuses keys outside `allowed` (keys starting with '_' are comments).
void check_keys(const json::Object& o, const std::string& path,
                std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : o) {
    if (is_comment(key)) continue;
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || key == a;
    if (!ok) fail(join(path, key), "unknown key");
  }
}

std::string string_at(const json::Value& v, const std::string& path) {
  if (!v.is_string()) fail(path, "must be a string");
  return v.as_string();
}

int int_at(const json::Value& v, const std::string& path, int min, int max) {
  if (!v.is_int()) fail(path, "must be an integer");
  std::int64_t i = v.as_int();
  if (i < min || i > max)
    fail(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return static_cast<int>(i);
}

/// Fills a model struct from a JSON object keyed by OQS element names.
void fill(const Schema& schema, void* obj, const json::Value& v, const std::string& path) {
  const json::Object& o = object_at(v, path);
  for (const auto& [key, value] : o) {
    if (is_comment(key)) continue;
    const FieldDef* f = nullptr;
    for (const FieldDef& cand : schema.fields)
      if (!cand.alias && cand.name == key) f = &cand;
    std::string p = join(path, key);
    if (!f) fail(p, "not an element of " + std::string(schema.name));
    switch (f->kind) {
      case FieldKind::text: {
        std::string s = string_at(value, p);
        std::string why = model::check_value(f->rule, s);
        if (!why.empty()) fail(p, why + " (value \"" + s + "\")");
        *f->text(obj) = std::move(s);
        break;
      }
      case FieldKind::block:
        fill(*f->child, f->open(obj), value, p);
        break;
      case FieldKind::list: {
        if (!value.is_array()) fail(p, "must be an array of objects");
        const json::Array& a = value.as_array();
        for (std::size_t i = 0; i < a.size(); ++i)
          fill(*f->child, f->open(obj), a[i], p + "[" + std::to_string(i) + "]");
        break;
      }
    }
  }
  for (const FieldDef& f : schema.fields)
    if (f.kind == FieldKind::text && f.rule.required) {
      const model::Text& t = *f.ctext(obj);
      if (!t || t->empty()) fail(join(path, f.name), "required element missing");
    }
}

bool is_simulated_element(std::string_view name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.substr(name.size() - s.size()) == s;
  };
  return ends("ConsFlg") || ends("ConsTime") || ends("AvailableTime") ||
         name == "ReferenceNumber" || name == "ArbitraryIdentifier" ||
         name == "PrescriptionIssueSelect" || name == "LimitApplicationCertificateChanged";
}

std::vector<std::string> consent_types() {
  std::vector<std::string> out;
  model::ResultOfQualificationConfirmation r;
  for (const model::Consent& c : r.consents()) out.emplace_back(c.type);
  return out;
}

ConsentGiven parse_consent(const std::string& type, const json::Value& v, const std::string& path) {
  ConsentGiven c;
  c.type = type;
  if (v.is_bool()) {
    if (!v.as_bool()) fail(path, "use true, a consent time, or an object (false: leave it out)");
  } else if (v.is_string()) {
    c.time = v.as_string();
  } else if (v.is_object()) {
    const json::Object& o = v.as_object();
    check_keys(o, path, {"flag", "time", "available_until"});
    if (const json::Value* f = v.find("flag")) c.flag = string_at(*f, join(path, "flag"));
    if (const json::Value* t = v.find("time")) c.time = string_at(*t, join(path, "time"));
    if (const json::Value* a = v.find("available_until"))
      c.available_until = string_at(*a, join(path, "available_until"));
    if (c.flag != "0" && c.flag != "1" && c.flag != "2" && c.flag != "3")
      fail(join(path, "flag"), "must be \"0\", \"1\", \"2\" or \"3\" (OQSCD016)");
  } else {
    fail(path, "must be true, a consent time YYYYMMDDHHMMSS or an object");
  }
  if (!c.time.empty() && !model::is_valid_datetime14(c.time))
    fail(path, "consent time must be YYYYMMDDHHMMSS (value \"" + c.time + "\")");
  if (!c.available_until.empty() && !model::is_valid_datetime14(c.available_until))
    fail(path, "available_until must be YYYYMMDDHHMMSS");
  return c;
}

Person parse_person(const json::Value& v, const std::string& path) {
  const json::Object& o = object_at(v, path);
  check_keys(o, path,
             {"id", "note", "card", "validity", "consents", "reference_number",
              "prescription_issue_select", "drug_info", "checkup_info", "fault",
              "home_visit_consented", "online_consented", "online_examined"});
  Person p;
  const json::Value* id = v.find("id");
  if (!id) fail(join(path, "id"), "required");
  p.id = string_at(*id, join(path, "id"));
  if (p.id.empty() || p.id.size() > 64) fail(join(path, "id"), "must be 1-64 characters");
  if (const json::Value* n = v.find("note")) p.note = string_at(*n, join(path, "note"));

  const json::Value* card = v.find("card");
  if (!card) fail(join(path, "card"), "required");
  for (const auto& [key, value] : object_at(*card, join(path, "card")))
    if (is_simulated_element(key))
      fail(join(path, "card." + key),
           "set by the simulator (use consents, reference_number, prescription_issue_select)");
  fill(model::ResultOfQualificationConfirmation::schema(), &p.card, *card, join(path, "card"));
  if (!p.card.InsurerNumber || p.card.InsurerNumber->empty())
    fail(join(path, "card.InsurerNumber"), "required (the simulator matches on it)");
  if (!p.card.InsuredIdentificationNumber || p.card.InsuredIdentificationNumber->empty())
    fail(join(path, "card.InsuredIdentificationNumber"), "required (the simulator matches on it)");

  bool assistance = p.card.InsuredCardClassification == std::string("A1");
  p.validity = assistance ? "6" : "1";
  if (const json::Value* val = v.find("validity")) {
    int i = int_at(*val, join(path, "validity"), 1, 6);
    if (i == 4 || i == 5)
      fail(join(path, "validity"), "4 and 5 are derived from the search (use 1, 2, 3 or 6)");
    p.validity = std::to_string(i);
  }
  if ((p.validity == "2" || p.validity == "3") &&
      (!p.card.DisqualificationDate || p.card.DisqualificationDate->empty()))
    fail(join(path, "card.DisqualificationDate"), "required for validity 2 and 3");

  if (const json::Value* c = v.find("consents")) {
    static const std::vector<std::string> types = consent_types();
    for (const auto& [key, value] : object_at(*c, join(path, "consents"))) {
      if (is_comment(key)) continue;
      bool known = false;
      for (const std::string& t : types) known = known || t == key;
      if (!known) {
        std::string list;
        for (const std::string& t : types) list += (list.empty() ? "" : ", ") + t;
        fail(join(path, "consents." + key), "unknown consent type (known: " + list + ")");
      }
      p.consents.push_back(parse_consent(key, value, join(path, "consents." + key)));
    }
  }
  if (const json::Value* r = v.find("reference_number")) {
    std::string s = string_at(*r, join(path, "reference_number"));
    if (s.empty() || model::char_count(s) > 50)
      fail(join(path, "reference_number"), "must be 1-50 characters");
    p.reference_number = s;
  }
  if (const json::Value* s = v.find("prescription_issue_select")) {
    std::string x = string_at(*s, join(path, "prescription_issue_select"));
    if (x != "1" && x != "2")
      fail(join(path, "prescription_issue_select"), "must be \"1\" or \"2\"");
    p.prescription_issue_select = x;
  }
  if (const json::Value* d = v.find("drug_info")) {
    p.drug_info.emplace();
    fill(model::DrugInfoBody::schema(), &*p.drug_info, *d, join(path, "drug_info"));
  }
  for (auto [key, field] : {std::pair{"home_visit_consented", &p.home_visit_consented},
                            std::pair{"online_consented", &p.online_consented},
                            std::pair{"online_examined", &p.online_examined}})
    if (const json::Value* d = v.find(key)) {
      std::string x = string_at(*d, join(path, key));
      if (!model::is_valid_date8(x)) fail(join(path, key), "must be a date YYYYMMDD");
      *field = x;
    }
  if (const json::Value* d = v.find("checkup_info")) {
    p.checkup_info.emplace();
    fill(model::CheckupInfoBody::schema(), &*p.checkup_info, *d, join(path, "checkup_info"));
  }
  if (const json::Value* f = v.find("fault")) {
    try {
      p.fault = fault_from_name(string_at(*f, join(path, "fault")));
    } catch (const Error& e) {
      fail(join(path, "fault"), e.what());
    }
  }
  return p;
}

void parse_message(const json::Value& v, const std::string& path, Message& m) {
  const json::Object& o = object_at(v, path);
  check_keys(o, path, {"code", "message"});
  if (const json::Value* c = v.find("code")) m.code = string_at(*c, join(path, "code"));
  if (const json::Value* t = v.find("message")) m.text = string_at(*t, join(path, "message"));
}

Messages default_messages() {
  Messages m;
  m.unknown_insurer = {"EOQS2001", "No insurer with the given insurer number exists."};
  m.bulk_no_match = {"EOQS2002", "The search conditions are wrong; check the input."};
  m.registration_refused = {"EOQS3001", "No qualification to register exists."};
  m.still_processing = {"EOQS1002", "Still processing; request the download again later."};
  m.unknown_reception = {"EOQS1003", "Unknown reception number."};
  m.institution_mismatch = {"EOQS0903", "The medical institution code does not match."};
  m.no_consent_drug = {"", "No consent to view drug information."};
  m.no_consent_checkup = {"", "No consent to view specific health checkup information."};
  m.no_consent_diagnosis = {"", "No consent to view diagnosis information."};
  m.no_person = {"", "No qualification matches the given insured person."};
  m.error_file = {"EOQS0901", "Simulated link-software error (onshi-terminal-sim)."};
  m.bad_request = {"EOQS0902", "The request file could not be read."};
  return m;
}

void parse_settings(const json::Value& v, const std::string& path, Settings& s) {
  const json::Object& o = object_at(v, path);
  check_keys(o, path,
             {"delay_ms", "encoding", "still_processing", "err_every", "malformed_every",
              "silent_every", "bulk_no_match", "terminal_number"});
  if (const json::Value* x = v.find("delay_ms"))
    s.delay_ms = int_at(*x, join(path, "delay_ms"), 0, 600000);
  if (const json::Value* x = v.find("encoding")) {
    std::string e = string_at(*x, join(path, "encoding"));
    if (!encoding_from_option(e, s.encoding))
      fail(join(path, "encoding"), "must be \"utf8\" or \"cp932\"");
  }
  if (const json::Value* x = v.find("still_processing"))
    s.still_processing = int_at(*x, join(path, "still_processing"), 0, 1000);
  if (const json::Value* x = v.find("err_every"))
    s.err_every = int_at(*x, join(path, "err_every"), 0, 1000000);
  if (const json::Value* x = v.find("malformed_every"))
    s.malformed_every = int_at(*x, join(path, "malformed_every"), 0, 1000000);
  if (const json::Value* x = v.find("silent_every"))
    s.silent_every = int_at(*x, join(path, "silent_every"), 0, 1000000);
  if (const json::Value* x = v.find("bulk_no_match")) {
    std::string b = string_at(*x, join(path, "bulk_no_match"));
    if (b != "error" && b != "validity4")
      fail(join(path, "bulk_no_match"), "must be \"error\" or \"validity4\"");
    s.bulk_no_match_error = b == "error";
  }
  if (const json::Value* x = v.find("terminal_number")) {
    std::string t = string_at(*x, join(path, "terminal_number"));
    bool ok = t.size() == 4;
    for (char c : t) ok = ok && c >= '0' && c <= '9';
    if (!ok) fail(join(path, "terminal_number"), "must be 4 digits");
    s.terminal_number = t;
  }
}

}  // namespace

const char* fault_name(Fault f) {
  switch (f) {
    case Fault::none:
      return "none";
    case Fault::err:
      return "err";
    case Fault::malformed:
      return "malformed";
    case Fault::silent:
      return "silent";
  }
  return "none";
}

Fault fault_from_name(std::string_view name) {
  for (Fault f : {Fault::none, Fault::err, Fault::malformed, Fault::silent})
    if (name == fault_name(f)) return f;
  throw Error("fault must be \"none\", \"err\", \"malformed\" or \"silent\"");
}

const ConsentGiven* Person::consent(std::string_view type) const {
  for (const ConsentGiven& c : consents)
    if (c.type == type) return &c;
  return nullptr;
}

const Person* Scenario::find(std::string_view id) const {
  for (const Person& p : people)
    if (p.id == id) return &p;
  return nullptr;
}

bool Scenario::knows_insurer(std::string_view insurer_number) const {
  std::string_view want = text::strip_insurer_padding(insurer_number);
  for (const Person& p : people)
    if (text::strip_insurer_padding(*p.card.InsurerNumber) == want) return true;
  for (const std::string& i : extra_insurers)
    if (text::strip_insurer_padding(i) == want) return true;
  return false;
}

namespace {

/// Appends the people of `root["people"]` to `s`, each id unique among all of s's people; adds
/// nothing when one of them is wrong.
void add_people(Scenario& s, const json::Value& root) {
  const json::Value* people = root.find("people");
  if (!people || !people->is_array()) fail("people", "required: an array of people");
  std::set<std::string> ids;
  for (const Person& known : s.people) ids.insert(known.id);
  std::vector<Person> parsed;
  parsed.reserve(people->as_array().size());
  for (std::size_t i = 0; i < people->as_array().size(); ++i) {
    std::string p = "people[" + std::to_string(i) + "]";
    Person person = parse_person(people->as_array()[i], p);
    if (!ids.insert(person.id).second) fail(p + ".id", "duplicate id \"" + person.id + "\"");
    parsed.push_back(std::move(person));
  }
  for (Person& p : parsed) s.people.push_back(std::move(p));
}

}  // namespace

Scenario scenario_from_json(const json::Value& root) {
  const json::Object& o = object_at(root, "(top level)");
  check_keys(
      o, "",
      {"institution_code", "institution_name", "insurers", "settings", "messages", "people"});
  Scenario s;
  s.messages = default_messages();
  const json::Value* mic = root.find("institution_code");
  if (!mic) fail("institution_code", "required");
  s.institution_code = string_at(*mic, "institution_code");
  model::Rule mic_rule;
  mic_rule.format = model::Format::digits;
  mic_rule.min_len = mic_rule.max_len = 10;
  if (!model::check_value(mic_rule, s.institution_code).empty())
    fail("institution_code", "must be 10 digits");
  if (const json::Value* n = root.find("institution_name"))
    s.institution_name = string_at(*n, "institution_name");
  if (const json::Value* ins = root.find("insurers")) {
    if (!ins->is_array()) fail("insurers", "must be an array of insurer numbers");
    model::Rule r;
    r.format = model::Format::insurer_number;
    for (std::size_t i = 0; i < ins->as_array().size(); ++i) {
      std::string p = "insurers[" + std::to_string(i) + "]";
      std::string num = string_at(ins->as_array()[i], p);
      if (!model::check_value(r, num).empty()) fail(p, "not an insurer number");
      s.extra_insurers.push_back(num);
    }
  }
  if (const json::Value* st = root.find("settings")) parse_settings(*st, "settings", s.settings);
  if (const json::Value* m = root.find("messages")) {
    const json::Object& mo = object_at(*m, "messages");
    check_keys(
        mo, "messages",
        {"unknown_insurer", "bulk_no_match", "registration_refused", "still_processing",
         "unknown_reception", "institution_mismatch", "no_consent_drug", "no_consent_checkup",
         "no_consent_diagnosis", "no_person", "error_file", "bad_request"});
    struct {
      const char* key;
      Message* msg;
    } const table[] = {
        {"unknown_insurer", &s.messages.unknown_insurer},
        {"bulk_no_match", &s.messages.bulk_no_match},
        {"registration_refused", &s.messages.registration_refused},
        {"still_processing", &s.messages.still_processing},
        {"unknown_reception", &s.messages.unknown_reception},
        {"institution_mismatch", &s.messages.institution_mismatch},
        {"no_consent_drug", &s.messages.no_consent_drug},
        {"no_consent_checkup", &s.messages.no_consent_checkup},
        {"no_consent_diagnosis", &s.messages.no_consent_diagnosis},
        {"no_person", &s.messages.no_person},
        {"error_file", &s.messages.error_file},
        {"bad_request", &s.messages.bad_request},
    };
    for (const auto& t : table)
      if (const json::Value* x = m->find(t.key))
        parse_message(*x, std::string("messages.") + t.key, *t.msg);
  }
  add_people(s, root);
  return s;
}

void add_population(Scenario& scenario, const json::Value& root) {
  check_keys(object_at(root, "(top level)"), "", {"people"});
  add_people(scenario, root);
}

void load_population(Scenario& scenario, const std::string& path) {
  std::string bytes = read_whole_file(path, 64u << 20);
  try {
    add_population(scenario, json::parse(bytes));
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

Scenario load_scenario(const std::string& path) {
  std::string bytes = read_whole_file(path, 16u << 20);
  try {
    return scenario_from_json(json::parse(bytes));
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

}  // namespace onshi::sim
