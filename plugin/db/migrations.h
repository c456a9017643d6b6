// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The numbered migration chain (sql/NNNN_name.sql, embedded at build time by embed_sql.sh so
/// the installed binaries need no sql/ directory), the runner behind `onshi-admin migrate`, and
/// the schema-version check every program runs before touching the database (cf. Kea
/// `kea-admin db-upgrade`).
///
/// Each step runs in its own transaction together with the row that records it in
/// `onshi_schema_version`; the statements are idempotent, so a step interrupted half-way (or a
/// database touched by hand) can be migrated again. A session advisory lock serialises
/// concurrent runs (two postinst scripts, an admin and a package upgrade).

#include <cstddef>
#include <string>
#include <vector>

#include "db/db_error.h"

namespace onshi::db {

class Connection;

/// One compiled-in migration (generated table, see embed_sql.sh).
struct EmbeddedMigration {
  int version;
  const char* name;  ///< file base name, e.g. "0002_facility_and_queue"
  const char* sql;
};
extern const EmbeddedMigration kEmbeddedMigrations[];
extern const std::size_t kEmbeddedMigrationCount;

/// One step of the chain.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

/// A migration step failed; the step's transaction was rolled back.
class MigrationError : public DbError {
 public:
  MigrationError(const std::string& message, std::string sqlstate, int version)
      : DbError(message, std::move(sqlstate)), version_(version) {}
  /// The step that failed.
  int version() const noexcept { return version_; }

 private:
  int version_;
};

/// The chain compiled into this program, in order 1, 2, 3, ...
std::vector<Migration> embedded_migrations();

/// The schema version this program was built for (the last step of the chain).
int program_schema_version();

/// The database's schema version: max(version) in onshi_schema_version, 0 when the table does
/// not exist.
int database_schema_version(Connection& conn);

/// What `migrate` did (or, for a dry run, would do).
struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<Migration> steps;  ///< applied (or pending, for a dry run), in order
  bool dry_run = false;
};

/// Applies the pending steps up to `target` (-1: the program's version), each in a transaction.
/// @throws SchemaVersionError when the database is newer than this program
/// @throws MigrationError naming the failed step
MigrationReport migrate(Connection& conn, bool dry_run = false, int target = -1);

/// Same, over an explicit chain (tests use it to prove the runner's rules).
MigrationReport migrate(Connection& conn, const std::vector<Migration>& chain, bool dry_run,
                        int target);

/// Refuses a database whose schema version is not exactly program_schema_version(). The message
/// names both versions and what to do. @param program name used in the message
/// @throws SchemaVersionError
void require_schema_version(Connection& conn, const std::string& program);

}  // namespace onshi::db
