// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "hooks/messages.h"

#include <libintl.h>
#include <locale.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>

#include "config.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

// gettext manual, "Being a gettext grok": after changing LANGUAGE, bump this counter so that
// cached translations are looked up again.
extern "C" int _nl_msg_cat_cntr;

#define N_(s) s

namespace onshi::hooks {
namespace {

struct Message {
  const char* id;
  const char* text;
};

// The English texts are the msgids of po/onshi-link.pot (xgettext --keyword=N_).
const Message kMessages[] = {
    // Outcomes.
    {"ONSHI-I-6001", N_("Done.")},
    {"ONSHI-I-6002", N_("Request {1} queued; the answer usually takes a few seconds.")},
    {"ONSHI-I-6003", N_("Still checking; ask again in a moment.")},
    {"ONSHI-I-6004", N_("{1} update(s) applied to the patient's record.")},
    {"ONSHI-I-6005", N_("Linked to patient {1}.")},
    {"ONSHI-I-6006", N_("New patient {1} created from the returned data.")},
    {"ONSHI-I-6007", N_("Dismissed.")},
    {"ONSHI-I-6008", N_("Settings saved.")},
    {"ONSHI-I-6009", N_("Plugin password set.")},
    {"ONSHI-I-6010", N_("Permissions saved.")},
    {"ONSHI-I-6011", N_("Reference number {1} queued for registration.")},
    {"ONSHI-I-6012", N_("The answer has arrived.")},
    {"ONSHI-I-6013", N_("Pre-check of {1} queued for {2} patient(s).")},
    {"ONSHI-I-6014", N_("onshi-link is disabled for this facility.")},
    // Warnings and refusals.
    {"ONSHI-W-6001", N_("onshi-link is not enabled for facility {1}.")},
    {"ONSHI-W-6002", N_("Facility {1} is unknown to onshi-link.")},
    {"ONSHI-W-6003", N_("The field {1} is missing or invalid.")},
    {"ONSHI-W-6004", N_("No such patient.")},
    {"ONSHI-W-6005", N_("This is a test patient: test patients are never sent to the national system.")},
    {"ONSHI-W-6006", N_("The patient has no usable insurance for that date.")},
    {"ONSHI-W-6007", N_("The registered values cannot be sent: {1}")},
    {"ONSHI-W-6008", N_("No such request.")},
    {"ONSHI-W-6009", N_("No such result.")},
    {"ONSHI-W-6010", N_("This result has already been resolved.")},
    {"ONSHI-W-6011", N_("You are not permitted to view drug information.")},
    {"ONSHI-W-6012", N_("You are not permitted to view specific health checkup information.")},
    {"ONSHI-W-6013", N_("The patient has not consented to sharing this information at the card reader.")},
    {"ONSHI-W-6014", N_("The patient's consent expired at {1}; it must be given again at the card reader.")},
    {"ONSHI-W-6015", N_("Unknown staff member {1}.")},
    {"ONSHI-W-6016", N_("Invalid setting: {1}")},
    {"ONSHI-W-6017", N_("No patients with a reservation on {1}.")},
    {"ONSHI-W-6018", N_("No such reception.")},
    {"ONSHI-W-6019", N_("The item {1} cannot be updated from this result.")},
    {"ONSHI-W-6020", N_("The result is not linked to a patient.")},
    {"ONSHI-W-6021", N_("No new-patient proposal exists for this result.")},
    {"ONSHI-W-6022", N_("The returned name contains characters the national system cannot represent; correct it on the patient screen.")},
    {"ONSHI-W-6023", N_("The request failed: {1}")},
    {"ONSHI-W-6024", N_("A reason is required to dismiss a result.")},
    {"ONSHI-W-6025", N_("Unknown action {1}.")},
    {"ONSHI-W-6026", N_("Patient {1} registered; some characters of the returned name or address cannot be stored by the receipt program and were replaced with a geta mark; correct them on the patient screen.")},
    {"ONSHI-W-6027", N_("The patient number cannot be issued here ({1}); register the patient on the registration screen.")},
    {"ONSHI-W-6028", N_("Only an administrator of the receipt program may do this.")},
    // Errors.
    {"ONSHI-E-6001", N_("ABI version mismatch: the host was built for version {1}, this plugin implements version {2}. Rebuild the host screens with this plugin's copybooks.")},
    {"ONSHI-E-6002", N_("Record count mismatch: the host declares {1} records, this plugin has {2}.")},
    {"ONSHI-E-6003", N_("Record size mismatch for {1}: the host's is {2} bytes, this plugin's is {3} bytes. Rebuild the host screens with this plugin's copybooks.")},
    {"ONSHI-E-6004", N_("onshi-link is not initialised (call onshi_link_init first).")},
    {"ONSHI-E-6005", N_("Cannot connect to the database: {1}")},
    {"ONSHI-E-6006", N_("Internal error in onshi-link; see the log.")},
    {"ONSHI-E-6007", N_("Database error; see the log.")},
    {"ONSHI-E-6008", N_("The database schema is not the one this plugin needs: {1}")},
    // Status labels (reg_poll, reception, reservation).
    {"ONSHI-S-6001", N_("Valid")},
    {"ONSHI-S-6002", N_("Invalid")},
    {"ONSHI-S-6003", N_("Invalid (a newer qualification exists)")},
    {"ONSHI-S-6004", N_("Not available")},
    {"ONSHI-S-6005", N_("Several matches")},
    {"ONSHI-S-6006", N_("Valid (public assistance not registered)")},
    {"ONSHI-S-6010", N_("Branch number not set: fill in {1}")},
    {"ONSHI-S-6011", N_("Insured/dependent differs from the registration")},
    {"ONSHI-S-6012", N_("Copay rate differs from the last confirmation")},
    {"ONSHI-S-6013", N_("Insured/dependent and copay rate differ")},
    {"ONSHI-S-6014", N_("Suspect: numbers match but both names differ")},
    {"ONSHI-S-6015", N_("Still checking")},
    {"ONSHI-S-6016", N_("No matching patient")},
    {"ONSHI-S-6017", N_("Several candidate patients")},
    {"ONSHI-S-6018", N_("Error")},
    {"ONSHI-S-6019", N_("Test patient: not linked")},
    {"ONSHI-S-6020", N_("Insurance and public assistance disagree on the patient")},
    {"ONSHI-S-6021", N_("New insurance")},
    {"ONSHI-S-6022", N_("Name differs from the registration")},
    {"ONSHI-S-6023", N_("Not checked yet")},
    {"ONSHI-S-6024", N_("Dismissed")},
    {"ONSHI-S-6025", N_("Confirmed")},
    // Difference labels.
    {"ONSHI-D-6001", N_("Name")},
    {"ONSHI-D-6002", N_("Kana name")},
    {"ONSHI-D-6003", N_("Birthdate")},
    {"ONSHI-D-6004", N_("Sex")},
    {"ONSHI-D-6005", N_("Insurer number")},
    {"ONSHI-D-6006", N_("Symbol")},
    {"ONSHI-D-6007", N_("Number")},
    {"ONSHI-D-6008", N_("Branch number")},
    {"ONSHI-D-6009", N_("Insured/dependent")},
    {"ONSHI-D-6010", N_("Insured person's name")},
};

std::mutex g_mutex;
locale_t g_messages_locale = nullptr;  // LC_MESSAGES from C.UTF-8 (never "C": see below)
bool g_bound = false;

const char* find(const std::string& id) {
  for (const Message& m : kMessages)
    if (id == m.id) return m.text;
  return nullptr;
}

/// Restores LANGUAGE and the thread's locale after one lookup.
class LanguageScope {
 public:
  explicit LanguageScope(const std::string& lang) {
    if (const char* old = std::getenv("LANGUAGE")) saved_ = old;
    ::setenv("LANGUAGE", lang.c_str(), 1);
    ++_nl_msg_cat_cntr;
    // gettext ignores LANGUAGE under the "C" locale: look up under C.UTF-8 messages instead
    // (thread-local, the host's own locale is untouched).
    if (g_messages_locale) previous_ = ::uselocale(g_messages_locale);
  }
  ~LanguageScope() {
    if (previous_) ::uselocale(previous_);
    if (saved_) {
      ::setenv("LANGUAGE", saved_->c_str(), 1);
    } else {
      ::unsetenv("LANGUAGE");
    }
    ++_nl_msg_cat_cntr;
  }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  std::optional<std::string> saved_;
  locale_t previous_ = nullptr;
};

}  // namespace

void bind_messages(const std::string& locale_dir) {
  std::lock_guard<std::mutex> lock(g_mutex);
  ::bindtextdomain(kTextDomain, locale_dir.empty() ? LOCALEDIR : locale_dir.c_str());
  ::bind_textdomain_codeset(kTextDomain, "UTF-8");
  if (!g_messages_locale) {
    locale_t base = ::duplocale(LC_GLOBAL_LOCALE);
    if (base) {
      locale_t l = ::newlocale(LC_MESSAGES_MASK, "C.UTF-8", base);
      if (!l) l = ::newlocale(LC_MESSAGES_MASK, "C.utf8", base);
      if (l) {
        g_messages_locale = l;
      } else {
        ::freelocale(base);
      }
    }
  }
  g_bound = true;
}

void release_messages() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_messages_locale) ::freelocale(g_messages_locale);
  g_messages_locale = nullptr;
  g_bound = false;
}

std::string message_text(const std::string& lang, const std::string& id,
                         const std::vector<std::string>& args) {
  const char* source = find(id);
  if (!source) return id;
  std::string text;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_bound) {
      LanguageScope scope(lang == "en" ? "en" : "ja");
      text = ::dgettext(kTextDomain, source);
    } else {
      text = source;
    }
  }
  for (std::size_t i = args.size(); i > 0; --i) {
    const std::string mark = "{" + std::to_string(i) + "}";
    for (std::size_t p = text.find(mark); p != std::string::npos; p = text.find(mark, p)) {
      text.replace(p, mark.size(), args[i - 1]);
      p += args[i - 1].size();
    }
  }
  return text;
}

}  // namespace onshi::hooks
