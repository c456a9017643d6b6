// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Every stable message ID of onshi-link, in one list: the log lines' IDs of the engine and its
/// watchers (ONSHI-<E|W|I>-<AREA>-<NNN>) and the screens' message IDs with their texts
/// (ONSHI-<I|W|E|S|D>-6NNN: info, warning, error, status label, difference label). An ID never
/// changes meaning and is never translated; monitoring and the manuals refer to it.
/// po/check_messages.sh fails when a source under plugin/ or hooks/ names an ID that is not
/// declared here, or when an ID here is malformed or declared twice.
///
/// A log line's text is written where it is logged (tr("...") with {1}, {2}, ...), so the log IDs
/// are names only. A screen message's text is here: the English text is the gettext msgid
/// (po/ja.po holds the Japanese), shown through message_text() (common/i18n.h).

#include "common/i18n.h"

namespace onshi::msg {

// --- log lines (log::info/warning/error, log::Complaint; README "Engine") ------------------------
// The engine.
inline constexpr char kEngineStarting[] = "ONSHI-I-ENGINE-001";    ///< starting
inline constexpr char kEngineReady[] = "ONSHI-I-ENGINE-002";       ///< ready
inline constexpr char kEngineNotEnabled[] = "ONSHI-W-ENGINE-003";  ///< facility not enabled
inline constexpr char kEngineStopping[] = "ONSHI-I-ENGINE-004";    ///< stopping
inline constexpr char kEngineSummary[] = "ONSHI-I-ENGINE-005";     ///< --once summary
inline constexpr char kEngineFatal[] = "ONSHI-E-ENGINE-006";       ///< fatal error
// The configuration file.
inline constexpr char kConfigRefused[] = "ONSHI-E-CONFIG-001";        ///< bad at start
inline constexpr char kConfigReloadRefused[] = "ONSHI-E-CONFIG-002";  ///< reload refused
inline constexpr char kConfigRestartNeeded[] = "ONSHI-W-CONFIG-003";  ///< key needs a restart
inline constexpr char kConfigReloaded[] = "ONSHI-I-CONFIG-004";       ///< reloaded
inline constexpr char kLogFileReopenFailed[] = "ONSHI-E-CONFIG-005";  ///< log_file not reopened
// The database.
inline constexpr char kDbDown[] = "ONSHI-E-DB-001";                ///< unreachable
inline constexpr char kDbBack[] = "ONSHI-I-DB-002";                ///< reachable again
inline constexpr char kDbSchemaRefused[] = "ONSHI-E-DB-003";       ///< schema version refused
inline constexpr char kDbCredentialsRefused[] = "ONSHI-E-DB-004";  ///< credentials refused
inline constexpr char kDbStatistics[] = "ONSHI-I-DB-005";          ///< host tables ANALYZEd
inline constexpr char kDbNoStatistics[] = "ONSHI-W-DB-006";        ///< ... and may not be
// The share folders' watchers.
inline constexpr char kWatchFail[] = "ONSHI-E-WATCH-001";      ///< a folder cannot be watched
inline constexpr char kWatchBack[] = "ONSHI-I-WATCH-002";      ///< watched again
inline constexpr char kWatching[] = "ONSHI-I-WATCH-003";       ///< watching (backend per folder)
inline constexpr char kWatchReplaced[] = "ONSHI-I-WATCH-004";  ///< folder replaced at its path
// One file's import.
inline constexpr char kImported[] = "ONSHI-I-IMPORT-001";         ///< imported
inline constexpr char kImportDuplicate[] = "ONSHI-I-IMPORT-002";  ///< already imported
inline constexpr char kImportRefused[] = "ONSHI-W-IMPORT-003";    ///< refused (quarantined)
inline constexpr char kImportNotReady[] = "ONSHI-I-IMPORT-004";   ///< not ready, looked at again
inline constexpr char kImportDbError[] = "ONSHI-E-IMPORT-005";    ///< database error
inline constexpr char kImportError[] = "ONSHI-E-IMPORT-006";      ///< other error
inline constexpr char kImportReplaced[] = "ONSHI-I-IMPORT-007";   ///< another file took the name
// The request queue.
inline constexpr char kQueuePass[] = "ONSHI-I-QUEUE-001";        ///< pass counts
inline constexpr char kQueueFail[] = "ONSHI-E-QUEUE-002";        ///< queue failing
inline constexpr char kQueueBack[] = "ONSHI-I-QUEUE-003";        ///< works again
inline constexpr char kQueueStaleTemps[] = "ONSHI-I-QUEUE-004";  ///< stale temporary files removed
// The daily runs.
inline constexpr char kBulkRun[] = "ONSHI-I-BULK-001";      ///< the evening bulk pre-check ran
inline constexpr char kPurgeRun[] = "ONSHI-I-PURGE-001";    ///< the retention purge ran
inline constexpr char kPurgeFiles[] = "ONSHI-W-PURGE-002";  ///< a file on disk not removed
inline constexpr char kPurgeFail[] = "ONSHI-E-PURGE-003";   ///< the purge failed
inline constexpr char kPurgeBack[] = "ONSHI-I-PURGE-004";   ///< works again
// The verification terminal (store/terminal_health.h, README "Terminal health").
inline constexpr char kTerminalSilent[] = "ONSHI-E-TERMINAL-001";   ///< requests unanswered
inline constexpr char kTerminalAnswers[] = "ONSHI-I-TERMINAL-002";  ///< answers again
// Notices for the screens (store/notices.h, README "Notices").
inline constexpr char kNoticeFailed[] = "ONSHI-W-NOTICE-001";  ///< a notice could not be written

// The automatic checks of received patients (exchange/auto_check.h, README "Automatic checks").
inline constexpr char kAutoPass[] = "ONSHI-I-AUTO-001";         ///< receptions checked
inline constexpr char kAutoNoTrigger[] = "ONSHI-W-AUTO-002";    ///< trigger missing: own look
inline constexpr char kAutoTriggerBack[] = "ONSHI-I-AUTO-003";  ///< trigger back
inline constexpr char kAutoFail[] = "ONSHI-E-AUTO-004";         ///< the checks fail
inline constexpr char kAutoBack[] = "ONSHI-I-AUTO-005";         ///< work again
// Claim transfer and split results (onshi-admin claims).
inline constexpr char kClaimImported[] = "ONSHI-I-CLAIM-001";   ///< a result file imported
inline constexpr char kClaimDuplicate[] = "ONSHI-I-CLAIM-002";  ///< the same file again: nothing
inline constexpr char kClaimRefused[] = "ONSHI-W-CLAIM-003";    ///< a result file refused
inline constexpr char kClaimLinked[] = "ONSHI-I-CLAIM-004";     ///< a result linked by staff
// Outage mode (exchange/outage.h, README "Outage mode").
inline constexpr char kOutageRecheck[] = "ONSHI-I-OUTAGE-001";  ///< statements re-checked

// --- screen messages (the host hooks: ctl.msgid, ctl.message and the records' *_text fields) ---
/// One screen message: its ID and English text (the msgid; xgettext keyword N_).
struct ScreenMessage {
  const char* id;
  const char* text;
};

/// Every message a screen shows. The hooks' log lines about a screen failure reuse its ID.
inline constexpr ScreenMessage kScreenMessages[] = {
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
    {"ONSHI-I-6040", N_("Reference number {1} will be sent again for insurance {2} (change {3}).")},
    {"ONSHI-I-6041", N_("Deletion of the reference number on insurance {1} queued (change {2}).")},
    {"ONSHI-I-6055",
     N_("Withdrawal {1} of the patient's home-visit consent queued (request {2}).")},
    {"ONSHI-I-6056", N_("Consented-information request {1} queued.")},
    {"ONSHI-I-6060", N_("Written consent {1} recorded; it is available until {2}.")},
    {"ONSHI-I-6090", N_("Insurance applied ({1}); it can be undone today (apply {2}).")},
    {"ONSHI-I-6091", N_("Apply {1} undone: the insurance rows are as they were before.")},
    {"ONSHI-I-6120", N_("Public assistance registered as public expense {1}; it can be undone "
                        "today (apply {2}).")},
    {"ONSHI-I-6121", N_("The end date of public expense {1} was updated from the public-assistance "
                        "result; it can be undone today (apply {2}).")},
    {"ONSHI-I-6122", N_("New patient {1} created with the returned public assistance (public "
                        "expense {2}).")},
    {"ONSHI-I-6100", N_("Certificate applied ({1}): {2}. It can be undone today (apply {3}).")},
    {"ONSHI-I-6140", N_("Pre-fill {2} stored ({1}): the registration screen shows it, nothing is "
                        "written until registration saves it.")},
    {"ONSHI-I-6141", N_("Pre-fill {1} ({2}) waits for the registration screen to save it.")},
    {"ONSHI-I-6142", N_("Pre-fill {1} cancelled: the result may be applied again.")},
    {"ONSHI-I-6143", N_("Registration saved pre-fill {1} as proposed; the result is applied "
                        "(apply {2}).")},
    {"ONSHI-I-6145", N_("Pre-fill {1}: {2}.")},
    // Warnings and refusals.
    {"ONSHI-W-6001", N_("onshi-link is not enabled for facility {1}.")},
    {"ONSHI-W-6002", N_("Facility {1} is unknown to onshi-link.")},
    {"ONSHI-W-6003", N_("The field {1} is missing or invalid.")},
    {"ONSHI-W-6004", N_("No such patient.")},
    {"ONSHI-W-6005",
     N_("This is a test patient: test patients are never sent to the national system.")},
    {"ONSHI-W-6006", N_("The patient has no usable insurance for that date.")},
    {"ONSHI-W-6007", N_("The registered values cannot be sent: {1}")},
    {"ONSHI-W-6008", N_("No such request.")},
    {"ONSHI-W-6009", N_("No such result.")},
    {"ONSHI-W-6010", N_("This result has already been resolved.")},
    {"ONSHI-W-6011", N_("You are not permitted to view drug information.")},
    {"ONSHI-W-6012", N_("You are not permitted to view specific health checkup information.")},
    {"ONSHI-W-6013", N_("The patient has not consented to sharing this information, at the card "
                        "reader or in writing.")},
    {"ONSHI-W-6014",
     N_("The patient's consent expired at {1}; it must be given again at the card reader.")},
    {"ONSHI-W-6015", N_("Unknown staff member {1}.")},
    {"ONSHI-W-6016", N_("Invalid setting: {1}")},
    {"ONSHI-W-6017", N_("No patients with a reservation on {1}.")},
    {"ONSHI-W-6018", N_("No such reception.")},
    {"ONSHI-W-6019", N_("The item {1} cannot be updated from this result.")},
    {"ONSHI-W-6020", N_("The result is not linked to a patient.")},
    {"ONSHI-W-6021", N_("No new-patient proposal exists for this result.")},
    {"ONSHI-W-6022", N_("The returned name contains characters the national system cannot "
                        "represent; correct it on the patient screen.")},
    {"ONSHI-W-6023", N_("The request failed: {1}")},
    {"ONSHI-W-6024", N_("A reason is required to dismiss a result.")},
    {"ONSHI-W-6025", N_("Unknown action {1}.")},
    {"ONSHI-W-6026", N_("Patient {1} registered; some characters of the returned name or address "
                        "cannot be stored by the receipt program and were replaced with a geta "
                        "mark; correct them on the patient screen.")},
    {"ONSHI-W-6027", N_("The patient number cannot be issued here ({1}); register the patient on "
                        "the registration screen.")},
    {"ONSHI-W-6028", N_("Only an administrator of the receipt program may do this.")},
    {"ONSHI-W-6029", N_("You are not permitted to view diagnosis and surgery information (it "
                        "needs the drug-information permission too).")},
    {"ONSHI-W-6040",
     N_("The patient has several insurances ({1}): choose the one whose reference number to "
        "change.")},
    {"ONSHI-W-6041", N_("A registration or change of this patient's reference number is waiting "
                        "for its answer.")},
    {"ONSHI-W-6042", N_("The patient has no reference number to register.")},
    {"ONSHI-W-6043",
     N_("Another patient holds this reference number; resolve that patient first.")},
    {"ONSHI-W-6044", N_("The reference number is deleted already.")},
    {"ONSHI-W-6045", N_("That insurance does not exist, is deleted or has no insured number.")},
    {"ONSHI-W-6046", N_("The result is not a public-assistance result.")},
    {"ONSHI-W-6047", N_("This facility does not use home-visit care: turn it on in the facility "
                        "settings first.")},
    {"ONSHI-W-6048", N_("This facility does not use online care: turn it on in the facility "
                        "settings first.")},
    {"ONSHI-W-6055", N_("The patient's consent to view for home-visit care was withdrawn: no "
                        "home-visit request until a newer consent arrives (the consented "
                        "information).")},
    {"ONSHI-W-6056", N_("A withdrawal of this patient's consent is waiting for its answer.")},
    {"ONSHI-W-6057", N_("The search criteria are not valid: {1}")},
    {"ONSHI-W-6060", N_("The consent {1} cannot be recorded as given in writing: only the "
                        "consents to view drug, checkup, diagnosis and surgery information can.")},
    {"ONSHI-W-6061", N_("The consent time is refused: {1}")},
    {"ONSHI-W-6090", N_("The result is not a valid qualification: nothing to apply.")},
    {"ONSHI-W-6091", N_("The result is not linked to a patient: link it first.")},
    {"ONSHI-W-6092", N_("The result belongs to another patient.")},
    {"ONSHI-W-6093", N_("The result was applied already: undo that apply first.")},
    {"ONSHI-W-6094", N_("The result carries nothing the host can hold for this action (public "
                        "assistance, an insurer number of unknown kind, or no limit certificate "
                        "with the patient's consent).")},
    {"ONSHI-W-6095", N_("The patient has no current insurance: add the card instead.")},
    {"ONSHI-W-6096", N_("The registered insurance is not the returned card: apply a change or "
                        "add it.")},
    {"ONSHI-W-6097", N_("The card cannot be added: it is registered and valid already, or "
                        "another insurance starts on or after its start.")},
    {"ONSHI-W-6098", N_("Only an apply of today that was not undone yet can be undone.")},
    {"ONSHI-W-6099", N_("The insurance rows changed after the apply: it can no longer be "
                        "undone.")},
    {"ONSHI-W-6120", N_("A public-assistance result carries no insurance: apply it as public "
                        "assistance instead.")},
    {"ONSHI-W-6121", N_("The public-assistance qualification or its medical tickets have expired: "
                        "nothing to apply.")},
    {"ONSHI-W-6122", N_("The public-assistance row is registered for this period already: nothing "
                        "to do.")},
    {"ONSHI-W-6123", N_("The result is not public assistance: apply its insurance instead.")},
    {"ONSHI-W-6124", N_("The result's payer or recipient number gives no public-expense row (not "
                        "entrusted yet, or a payer of unknown kind).")},
    {"ONSHI-W-6125", N_("New patient {1} created without the public-assistance row ({2}): register "
                        "it on the patient screen.")},
    {"ONSHI-W-6100", N_("The certificate's validity has ended: it is not registered.")},
    {"ONSHI-W-6101", N_("The certificate is registered already for a period that covers it: "
                        "nothing to do.")},
    {"ONSHI-W-6102", N_("The result has no certificate of this kind the host keeps, or the "
                        "patient did not consent to its return.")},
    {"ONSHI-W-6103", N_("The elderly recipient certificate belongs to another card than the "
                        "registered insurance: apply the card first.")},
    {"ONSHI-W-6104", N_("The patient has another low-income row starting the same day: correct "
                        "it on the registration screen.")},
    {"ONSHI-W-6144", N_("Registration saved pre-fill {1} with {2} difference(s) from what was "
                        "proposed: check them (apply {3}).")},
    {"ONSHI-W-6146", N_("The result has a pending pre-fill: save it on the registration screen "
                        "or cancel it first.")},
    {"ONSHI-W-6147", N_("There is no such pending pre-fill.")},
    {"ONSHI-W-6148", N_("The patient has several pending pre-fills: choose one.")},
    {"ONSHI-W-6149", N_("The pre-fill was saved or cancelled already.")},
    // Outage mode's statements and the host's reception hook (issue 15).
    {"ONSHI-I-6176", N_("Outage statement {1} recorded; the engine checks the patient again once "
                        "the terminal answers.")},
    {"ONSHI-I-6177", N_("Outage statement {1} linked to the patient; it waits for the re-check.")},
    {"ONSHI-I-6178", N_("Outage statement {1} cancelled.")},
    {"ONSHI-I-6182", N_("Already checked today ({1}).")},
    {"ONSHI-I-6183",
     N_("The automatic check is queued; the engine checks the patient's insurance now.")},
    {"ONSHI-W-6170", N_("Statement refused: the name is required.")},
    {"ONSHI-W-6171", N_("Statement refused: sex must be 1 (male) or 2 (female).")},
    {"ONSHI-W-6172",
     N_("Statement refused: the visit date must be a real date, not in the future.")},
    {"ONSHI-W-6173",
     N_("Statement refused: the birthdate must be a real date, not after the visit.")},
    {"ONSHI-W-6174", N_("The facility has no such patient.")},
    {"ONSHI-W-6175", N_("No open outage statement {1}.")},
    {"ONSHI-W-6180", N_("No automatic check is turned on for this facility: check the patient's "
                        "insurance at the screen.")},
    {"ONSHI-W-6181", N_("Only today's receptions are checked automatically.")},
    // The new-patient pre-fill and the automatic certificates in prefill mode (issue 14).
    {"ONSHI-I-6190", N_("New-patient pre-fill {1} stored: register the patient on the "
                        "registration screen; nothing is written or linked until it saves.")},
    {"ONSHI-I-6191", N_("Registration saved the new patient of pre-fill {1} as proposed; the "
                        "result is linked to patient {2}.")},
    {"ONSHI-W-6192", N_("Registration saved the new patient of pre-fill {1} with {3} "
                        "difference(s) from what was proposed; the result is linked to patient "
                        "{2}: check them.")},
    {"ONSHI-W-6193", N_("The saved patient is not the person of the result (birthdate, sex or "
                        "name differ): nothing was linked.")},
    {"ONSHI-I-6195", N_("Returned vs registered: {1} items.")},
    {"ONSHI-W-6194", N_("Automatic certificates are on: apply mode prefill cannot be chosen "
                        "with them (turn them off first).")},
    // Errors.
    {"ONSHI-E-6001",
     N_("ABI version mismatch: the host was built for version {1}, this plugin implements version "
        "{2}. Rebuild the host screens with this plugin's copybooks.")},
    {"ONSHI-E-6002",
     N_("Record count mismatch: the host declares {1} records, this plugin has {2}.")},
    {"ONSHI-E-6003", N_("Record size mismatch for {1}: the host's is {2} bytes, this plugin's is "
                        "{3} bytes. Rebuild the host screens with this plugin's copybooks.")},
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
    {"ONSHI-S-6026", N_("Public assistance valid, but no medical or dispensing ticket is "
                        "registered (not entrusted): contact the welfare office")},
    {"ONSHI-S-6027", N_("Public assistance: the social insurance status is inconsistent; "
                        "confirm the patient's current coverage")},
    {"ONSHI-S-6050", N_("Nothing to change: the new insurance {1} is registered (insurance {2}).")},
    {"ONSHI-S-6051", N_("Register the new insurance {1} (valid from {2}); the claim went to the "
                        "new insurer.")},
    {"ONSHI-S-6052", N_("Register the new insurance {1} from {2}: the claim was split between the "
                        "old and the new insurer on that day.")},
    {"ONSHI-S-6053", N_("The new qualification could not be confirmed: ask the patient for the "
                        "current insurance card.")},
    {"ONSHI-S-6054", N_("Not linked to a patient: link it first.")},
    {"ONSHI-S-6060", N_("Consented")},
    {"ONSHI-S-6061", N_("Consent expired")},
    {"ONSHI-S-6062", N_("Not consented")},
    {"ONSHI-S-6063", N_("Consent difficult to obtain")},
    {"ONSHI-S-6064", N_("Specific disease certificate")},
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
    // Consent type labels (consent_state).
    {"ONSHI-D-6060", N_("Drug information")},
    {"ONSHI-D-6061", N_("Specific health checkup information")},
    {"ONSHI-D-6062", N_("Diagnosis (treatment) information")},
    {"ONSHI-D-6063", N_("Surgery information")},
    {"ONSHI-D-6064", N_("Limit certificate")},
    {"ONSHI-D-6065", N_("Other name")},
    {"ONSHI-D-6066", N_("Other name (kana)")},
    {"ONSHI-D-6067", N_("Sex 2")},
    {"ONSHI-D-6068", N_("Postal code")},
    {"ONSHI-D-6069", N_("Address")},
    {"ONSHI-D-6070", N_("Insurer name")},
    {"ONSHI-D-6071", N_("Card class")},
    {"ONSHI-D-6072", N_("Qualification acquired")},
    {"ONSHI-D-6073", N_("Qualification lost")},
    {"ONSHI-D-6074", N_("Reason of loss")},
    {"ONSHI-D-6075", N_("Card issued")},
    {"ONSHI-D-6076", N_("Card valid from")},
    {"ONSHI-D-6077", N_("Card valid until")},
    {"ONSHI-D-6078", N_("Copay ratio")},
    {"ONSHI-D-6079", N_("Preschool")},
    {"ONSHI-D-6080", N_("Elderly recipient certificate from")},
    {"ONSHI-D-6081", N_("Elderly recipient certificate until")},
    {"ONSHI-D-6082", N_("Elderly recipient copay ratio")},
    {"ONSHI-D-6083", N_("Limit certificate class")},
    {"ONSHI-D-6084", N_("Limit certificate category")},
    {"ONSHI-D-6085", N_("Limit certificate from")},
    {"ONSHI-D-6086", N_("Limit certificate until")},
    {"ONSHI-D-6087", N_("Specific disease (category, self pay, period)")},
    {"ONSHI-D-6088", N_("Reference number")},
    {"ONSHI-D-6089", N_("Prescription form")},
    {"ONSHI-D-6240", N_("Insurance card (general)")},
    {"ONSHI-D-6241", N_("Insurance card (retired)")},
    {"ONSHI-D-6242", N_("Short-term insurance card (general)")},
    {"ONSHI-D-6243", N_("Short-term insurance card (retired)")},
    {"ONSHI-D-6244", N_("Certificate of qualification (special medical expenses)")},
    {"ONSHI-D-6245", N_("Special retired insurance card")},
    {"ONSHI-D-6246", N_("Self-Defense Forces medical card")},
    {"ONSHI-D-6247", N_("Medical assistance")},
    {"ONSHI-D-6248", N_("Male")},
    {"ONSHI-D-6249", N_("Female")},
    {"ONSHI-D-6250", N_("Not set")},
    {"ONSHI-D-6251", N_("Insured person")},
    {"ONSHI-D-6252", N_("Dependent")},
    {"ONSHI-D-6253", N_("Death")},
    {"ONSHI-D-6254", N_("Start of public assistance")},
    {"ONSHI-D-6255", N_("Acquired other medical insurance")},
    {"ONSHI-D-6256", N_("Other")},
    {"ONSHI-D-6257", N_("Preschool child")},
    {"ONSHI-D-6258", N_("Electronic prescription")},
    {"ONSHI-D-6259", N_("Paper prescription")},
    {"ONSHI-D-6260", N_("Limit application certificate")},
    {"ONSHI-D-6261", N_("Limit and standard-charge reduction certificate")},
    {"ONSHI-D-6262", N_("Standard-charge reduction certificate")},
    // Notices (hooks notices, notice_ack, term_health; store/notices.h).
    {"ONSHI-S-6080", N_("No patient matches the result for {1}: register or link the patient.")},
    {"ONSHI-S-6081", N_("Several patients could be {1}: choose the right one.")},
    {"ONSHI-S-6082", N_("The result for {1} differs from the registration: check it.")},
    {"ONSHI-S-6083", N_("The insurance of {1} could not be confirmed as valid (validity {2}).")},
    {"ONSHI-S-6084", N_("A file from the terminal was refused ({2}): {1}")},
    {"ONSHI-S-6085", N_("The verification terminal has not answered since {1}: check the terminal "
                        "and its share.")},
    {"ONSHI-S-6086", N_("The verification terminal answers again.")},
    {"ONSHI-W-6087", N_("There is no notice {1} for this facility.")},
    {"ONSHI-I-6088", N_("Notice {1} acknowledged.")},
    {"ONSHI-I-6089", N_("The terminal answers: last answer {1}, median answer time {2} ms, {3} "
                        "request(s) waiting.")},
};

}  // namespace onshi::msg
