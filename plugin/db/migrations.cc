// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/migrations.h"

#include "db/connection.h"
#include "db/transaction.h"

namespace onshi::db {
namespace {

// pg_advisory_lock key: "onshi" in ASCII.
const char* const kLockKey = "478594426985";

/// Holds the session advisory lock for the lifetime of the object.
class MigrationLock {
 public:
  explicit MigrationLock(Connection& conn) : conn_(conn) {
    conn_.exec("SELECT pg_advisory_lock(" + std::string(kLockKey) + ")");
  }
  ~MigrationLock() {
    try {
      conn_.exec("SELECT pg_advisory_unlock(" + std::string(kLockKey) + ")");
    } catch (const DbError&) {
      // Connection lost: the server released the lock with the session.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Connection& conn_;
};

}  // namespace

std::vector<Migration> embedded_migrations() {
  std::vector<Migration> out;
  out.reserve(kEmbeddedMigrationCount);
  for (std::size_t i = 0; i < kEmbeddedMigrationCount; ++i)
    out.push_back(
        {kEmbeddedMigrations[i].version, kEmbeddedMigrations[i].name, kEmbeddedMigrations[i].sql});
  return out;
}

int program_schema_version() {
  return kEmbeddedMigrationCount == 0 ? 0
                                      : kEmbeddedMigrations[kEmbeddedMigrationCount - 1].version;
}

int database_schema_version(Connection& conn) {
  Result exists = conn.exec("SELECT to_regclass('onshi_schema_version') IS NOT NULL");
  if (exists.text(0, 0) != "t") return 0;
  Result r = conn.exec("SELECT coalesce(max(version), 0) FROM onshi_schema_version");
  return static_cast<int>(r.integer(0, 0));
}

MigrationReport migrate(Connection& conn, bool dry_run, int target) {
  return migrate(conn, embedded_migrations(), dry_run, target);
}

MigrationReport migrate(Connection& conn, const std::vector<Migration>& chain, bool dry_run,
                        int target) {
  const int latest = chain.empty() ? 0 : chain.back().version;
  if (target < 0) target = latest;
  if (target > latest)
    throw SchemaVersionError("cannot migrate to schema version " + std::to_string(target) +
                                 ": this program knows versions up to " + std::to_string(latest),
                             target, latest);
  MigrationLock lock(conn);
  MigrationReport report;
  report.dry_run = dry_run;
  report.from_version = database_schema_version(conn);
  report.to_version = report.from_version;
  if (report.from_version > latest)
    throw SchemaVersionError(
        "database schema version " + std::to_string(report.from_version) +
            " is newer than version " + std::to_string(latest) +
            " known to this program: install the onshi-link release that wrote it",
        report.from_version, latest);
  for (const Migration& step : chain) {
    if (step.version <= report.from_version || step.version > target) continue;
    if (dry_run) {
      report.steps.push_back(step);
      report.to_version = step.version;
      continue;
    }
    try {
      Transaction tx(conn);
      conn.exec("SET LOCAL client_min_messages = warning");
      conn.exec(step.sql);
      conn.exec("INSERT INTO onshi_schema_version (version, name) VALUES ($1, $2)",
                {step.version, step.name});
      tx.commit();
    } catch (const DbError& e) {
      throw MigrationError("migration " + step.name + " failed (database left at version " +
                               std::to_string(report.to_version) + "): " + e.what(),
                           e.sqlstate(), step.version);
    }
    report.steps.push_back(step);
    report.to_version = step.version;
  }
  return report;
}

void require_schema_version(Connection& conn, const std::string& program) {
  const int have = database_schema_version(conn);
  const int need = program_schema_version();
  if (have == need) return;
  std::string both = "database schema version " + std::to_string(have) + ", " + program +
                     " needs schema version " + std::to_string(need);
  if (have == 0)
    throw SchemaVersionError(both +
                                 ": the database has no onshi-link schema yet; run "
                                 "`onshi-admin migrate`",
                             have, need);
  if (have < need)
    throw SchemaVersionError(both + ": the database is older; run `onshi-admin migrate`", have,
                             need);
  throw SchemaVersionError(both +
                               ": the database is newer than this program; install the "
                               "onshi-link release that migrated it",
                           have, need);
}

}  // namespace onshi::db
