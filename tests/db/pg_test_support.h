// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Integration-test helpers: a fresh database per test on the throw-away server that
/// tests/pg/pg-tmp started (found only through the PG* variables). No server is a failure,
/// never a skip.

#include <memory>
#include <string>

#include "db/connection.h"

namespace onshi::test {

/// What a TestDatabase starts with.
enum class HostSchema {
  none,       ///< an empty database (not a receipt program database)
  reference,  ///< tests/host/reference_host_schema.sql (an older host: no edaban)
  seeded,     ///< reference schema + seed (seed 1, 40 patients, today 20250612)
  migrated,   ///< seeded + every migration applied
};

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
