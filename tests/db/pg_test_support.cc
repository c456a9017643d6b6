// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/pg_test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "db/migrations.h"
#include "host/host_seed.h"
#include "support/fixtures.h"

namespace onshi::test {
namespace {

std::unique_ptr<db::Connection> admin_connection() {
  const char* host = std::getenv("PGHOST");
  if (!host || !*host)
    throw std::runtime_error(
        "no PostgreSQL for the integration tests: PGHOST is not set. Run them through "
        "tests/db/run_db_tests.sh (tests/pg/pg-tmp run ...), which starts a throw-away server");
  return std::make_unique<db::Connection>("dbname=postgres", "onshi-tests");
}

std::string template_name(HostSchema s) {
  switch (s) {
    case HostSchema::none: return "template0";
    case HostSchema::reference: return "onshi_tpl_reference";
    case HostSchema::seeded: return "onshi_tpl_seeded";
    case HostSchema::migrated: return "onshi_tpl_migrated";
  }
  return "template0";
}

/// Builds the templates once per process (per server: they are rebuilt when missing).
void ensure_template(db::Connection& admin, HostSchema s) {
  if (s == HostSchema::none) return;
  const std::string name = template_name(s);
  if (scalar(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1")
    return;
  HostSchema base = s == HostSchema::migrated   ? HostSchema::seeded
                    : s == HostSchema::seeded   ? HostSchema::reference
                                                : HostSchema::none;
  ensure_template(admin, base);
  admin.exec("CREATE DATABASE " + name + " TEMPLATE " + template_name(base) +
             " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
  {
    db::Connection c("dbname=" + name, "onshi-tests");
    if (s == HostSchema::reference) {
      c.exec(read_all(source_file("tests/host/reference_host_schema.sql")));
    } else if (s == HostSchema::seeded) {
      SeedOptions o;
      o.seed = 1;
      o.patients = 40;
      o.today = "20250612";
      o.data_dir = source_file("tests/host");
      c.exec(generate_seed_sql(o));
    } else {
      db::migrate(c);
    }
  }
  admin.exec("ALTER DATABASE " + name + " WITH IS_TEMPLATE true");
}

}  // namespace

std::string source_file(const std::string& relative) {
  const char* src = std::getenv("ONSHI_SRCDIR");
  return (src && *src ? std::string(src) : std::string(".")) + "/" + relative;
}

std::string scalar(db::Connection& conn, const std::string& sql) {
  db::Result r = conn.exec(sql);
  if (r.rows() != 1 || r.columns() < 1)
    throw std::runtime_error("expected one row from: " + sql);
  return r.text(0, 0);
}

TestDatabase::TestDatabase(HostSchema schema) {
  static int counter = 0;
  name_ = "onshi_t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  conninfo_ = "dbname=" + name_;
  auto admin = admin_connection();
  ensure_template(*admin, schema);
  admin->exec("CREATE DATABASE " + name_ + " TEMPLATE " + template_name(schema) +
              " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
}

TestDatabase::~TestDatabase() {
  try {
    auto admin = admin_connection();
    admin->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server is gone; pg-tmp removes the whole cluster anyway.
  }
}

std::unique_ptr<db::Connection> TestDatabase::connect() const {
  return std::make_unique<db::Connection>(conninfo_, "onshi-tests");
}

std::string schema_signature(db::Connection& conn) {
  const char* const queries[] = {
      // Columns of every table in public (host tables included: the extensions show there).
      "SELECT table_name || '.' || column_name || ' ' || data_type || "
      "  coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable || "
      "  ' default=' || coalesce(column_default, '') "
      "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
      "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
      "FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
      "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
      "SELECT tgrelid::regclass || ' ' || tgname || ' ' || pg_get_triggerdef(oid) "
      "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
      "SELECT p.proname || ' ' || md5(p.prosrc) FROM pg_proc p "
      "WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'onshi%' ORDER BY 1",
      "SELECT extname FROM pg_extension ORDER BY 1",
      "SELECT c.relname || ' ' || c.relkind::text FROM pg_class c "
      "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','S','v') ORDER BY 1",
  };
  std::string out;
  for (const char* q : queries) {
    db::Result r = conn.exec(q);
    for (int i = 0; i < r.rows(); ++i) out += r.text(i, 0) + "\n";
    out += "--\n";
  }
  return out;
}

}  // namespace onshi::test
