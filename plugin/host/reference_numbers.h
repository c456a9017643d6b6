// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The patients' reference numbers as the host gives them (the patient number or the ptid, per
/// the facility's reference_number_source) and the cards a bulk registration sends.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The reference number of a patient per the facility's setting, as stored (nullopt when the
/// patient or the facility row is absent, or the number is blank).
std::optional<std::string> reference_number_source_value(db::Connection& conn, int hospnum,
                                                         long long ptid);

/// The hknid of every current insurance (with an insured number, valid today) of the patient, in
/// order.
std::vector<int> current_insurance_ids(db::Connection& conn, int hospnum, long long ptid);

/// Fills the chunks and entries of bulk registration run `run_id` (onshi_refnum_chunk,
/// onshi_refnum_entry, onshi_refnum_run.total): every patient (not a test patient) with current
/// insurance (with an insured number, valid today) and no registered, pending or deleted number;
/// every current insurance of a patient with several (one entry per distinct card), numbers of at
/// most 50 characters, `chunk_size` cards per chunk in ptid, hknid order.
void fill_bulk_registration(db::Connection& conn, int hospnum, long long run_id, int chunk_size);

/// Before chunk `chunk_no` of run `run_id` is sent: refuses ("not sent: ...") its pending entries
/// that are no longer right in the host: the patient's number per the facility's source differs
/// from the entry's, the card (hknid) is no longer a current insurance of the patient with the
/// same numbers, or the patient became a test patient. Sending them would put a number on a card
/// that is not (or no longer) the patient's.
void drop_changed_bulk_entries(db::Connection& conn, int hospnum, long long run_id, int chunk_no);

}  // namespace onshi::host
