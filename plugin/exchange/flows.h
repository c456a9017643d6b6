// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The table of flows: for every request kind the queue writes, the builder of its bytes, and
/// for every result kind, the handler that stores it. run_queue (requests.h) keeps what every
/// request shares (claim, name, correlation key, write, `.err` files, timeouts) and looks the
/// builder up here; import_file (importer.h) keeps what every result shares (the transaction,
/// the file checks, the job it answers, the disposal) and looks the handler up here.
///
/// Every flow names its parts alike: `queue_<flow>` puts a job in the queue,
/// `build_<flow>_request` writes a claimed job's request bytes and `handle_<flow>_result` stores
/// a result in the import transaction. The flows: qualification_check (qualification.h),
/// bulk_precheck (bulk_check.h), reference_registration and bulk_registration
/// (reference_numbers.h), medical_info (medical_info.h).

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/facility.h"
#include "model/kind.h"

namespace onshi::db {
class Connection;
}
namespace onshi::model {
struct Document;
struct BulkConfirmUnit;
}  // namespace onshi::model
namespace onshi::store {
struct DueJob;
}

namespace onshi::exchange {

/// A claimed job whose request is being built (inside the queue's claim transaction).
struct RequestJob {
  const store::DueJob& job;            ///< the claimed row (id, payload, attempts)
  model::MessageKind kind;             ///< the job's kind
  const std::string& correlation_key;  ///< this attempt's ArbitraryFileIdentifier
};

/// Writes the request bytes of a job. @throws onshi::Error (not db::DbError) with a reason for
/// last_error when the job cannot form a request (the job fails)
using BuildRequest = std::string (*)(db::Connection& conn, const db::FacilitySettings& facility,
                                     const RequestJob& job);

/// A parsed result file in the import transaction (its received-file row is written).
struct ResultFile {
  const db::FacilitySettings& facility;
  model::MessageKind kind;     ///< the result kind (from the file name)
  const model::Document& doc;  ///< the parsed file (a PDF result: doc.is_pdf, doc.pdf)
  const std::string& name;     ///< base name of the file
  std::string_view raw;        ///< the bytes as received
  /// The onshi_received_file row (file_id()).
  std::function<long long()> claimed;
  long long job_id = 0;               ///< the job it answers (marked answered), 0 when none
  std::optional<long long> job_ptid;  ///< that job's patient
  /// The importer did not keep the bulk units in `doc` (a large answer of a kind for which
  /// streams_bulk_units()): for_each_bulk_unit() reads them again from `raw`, one at a time.
  bool units_streamed = false;

  /// The file's onshi_received_file row. The importer's claim of a card check-in goes to the
  /// server with the handler's first statement (its patient lookups) instead of in a round trip
  /// of its own: asking for the row waits for the claim's answer (sent now if it has not gone),
  /// so a handler asks before its first write. @throws AlreadyClaimed when the file was claimed
  /// before: the importer rolls back what the handler did and disposes of the file as the
  /// duplicate it is. @throws db::DbError
  long long file_id() const { return claimed(); }
};

/// file_id() of a file that was claimed before (a duplicate): the handler stops, the importer
/// undoes its rows.
struct AlreadyClaimed : std::exception {
  const char* what() const noexcept override { return "the file was claimed before"; }
};

/// True for the result kinds whose handler reads the bulk units only through
/// for_each_bulk_unit() (the bulk pre-check's final answers): the importer may then read a large
/// file without keeping them (ImportOptions::stream_units_over).
bool streams_bulk_units(model::MessageKind kind);

/// Calls `fn` for every BulkConfirmUnit of `file` in document order: those of file.doc, or, when
/// file.units_streamed, each as it is read again from file.raw (the read was accepted once, so
/// this one is too; a refusal now throws onshi::Error). @throws what `fn` throws
void for_each_bulk_unit(const ResultFile& file,
                        const std::function<void(const model::BulkConfirmUnit&)>& fn);

/// What a handler stored, for the import outcome.
struct StoredRows {
  int confirmations = 0;  ///< confirmation rows written
  int linked = 0;         ///< of which linked to a patient
};

/// Stores a result in the caller's transaction. @throws db::DbError
using HandleResult = StoredRows (*)(db::Connection& conn, const ResultFile& file);

/// One row of the table: a request kind with the result kinds that answer it.
struct Flow {
  const char* name;                         ///< e.g. "bulk_precheck"
  model::MessageKind request;               ///< the kind the queue writes
  std::vector<model::MessageKind> results;  ///< the answer (and, for a check, card check-ins)
  BuildRequest build;
  HandleResult handle;
};

/// Every row, in the order the queue lists its kinds.
const std::vector<Flow>& flows();

/// The row whose request is `kind`; null when the queue does not write that kind.
const Flow* flow_of_request(model::MessageKind kind);

/// The row handling result `kind`; null when no flow stores that kind.
const Flow* flow_of_result(model::MessageKind kind);

/// The request kinds of the table as a PostgreSQL text[] literal ("{OQSsiquc01req,...}"): the
/// kinds run_queue claims.
const std::string& request_kinds_literal();

}  // namespace onshi::exchange
