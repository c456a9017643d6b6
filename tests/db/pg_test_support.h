// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Integration-test helpers: a fresh database per test on the throw-away server that
/// tests/pg/pg-tmp started (found only through the PG* variables). No server is a failure,
/// never a skip. Databases are created in the encoding named by ONSHI_TEST_DB_ENCODING (UTF8 by
/// default; EUC_JP = ORCA's default), LC_COLLATE/LC_CTYPE 'C'; the cached templates are named per
/// encoding so both kinds can live on one server.

#include <memory>
#include <string>

#include "db/connection.h"

namespace onshi::test {

/// What a TestDatabase starts with.
enum class HostSchema {
  none,       ///< an empty database (not a receipt program database)
  reference,  ///< tests/host/reference_host_schema.sql: ORCA 5.2's shape (with edaban)
  seeded,     ///< reference schema + seed (seed 1, 40 patients, today 20250612)
  migrated,   ///< seeded + every migration applied
  orca51,     ///< ORCA 5.1's shape: the reference schema without tbl_pthkninf.edaban (no rows)
};

/// The encoding test databases are created in: $ONSHI_TEST_DB_ENCODING, default "UTF8".
/// @throws std::runtime_error for anything but UTF8 and EUC_JP
std::string test_db_encoding();

/// A database created for one test from a cached template, dropped by the destructor.
class TestDatabase {
 public:
  explicit TestDatabase(HostSchema schema = HostSchema::reference);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// "dbname=NAME" (the rest comes from PG*).
  const std::string& conninfo() const { return conninfo_; }
  const std::string& name() const { return name_; }
  /// A new connection to this database.
  std::unique_ptr<db::Connection> connect() const;

 private:
  std::string name_;
  std::string conninfo_;
};

/// A file of the source tree ($ONSHI_SRCDIR/relative).
std::string source_file(const std::string& relative);

/// A query's single value as text ("" for NULL).
std::string scalar(db::Connection& conn, const std::string& sql);

/// A stable text description of the onshi-relevant schema: tables and columns (type, default,
/// nullability), constraints, indexes, triggers, functions, extensions. Two databases with the
/// same signature have the same schema.
std::string schema_signature(db::Connection& conn);

}  // namespace onshi::test
