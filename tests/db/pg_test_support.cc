// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/pg_test_support.h"

#include <unistd.h>

#include <cctype>
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
  std::string enc = test_db_encoding() == "UTF8" ? "utf8" : "eucjp";
  switch (s) {
    case HostSchema::none:
      return "template0";
    case HostSchema::reference:
      return "onshi_tpl_" + enc + "_reference";
    case HostSchema::seeded:
      return "onshi_tpl_" + enc + "_seeded";
    case HostSchema::migrated:
      return "onshi_tpl_" + enc + "_migrated";
    case HostSchema::orca51:
      return "onshi_tpl_" + enc + "_orca51";
  }
  return "template0";
}

std::string create_options() {
  return " ENCODING '" + test_db_encoding() + "' LC_COLLATE 'C' LC_CTYPE 'C'";
}

/// Builds the templates once per process (per server: they are rebuilt when missing).
void ensure_template(db::Connection& admin, HostSchema s) {
  if (s == HostSchema::none) return;
  const std::string name = template_name(s);
  if (scalar(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1")
    return;
  HostSchema base = s == HostSchema::migrated ? HostSchema::seeded
                    : s == HostSchema::seeded ? HostSchema::reference
                    : s == HostSchema::orca51 ? HostSchema::reference
                                              : HostSchema::none;
  ensure_template(admin, base);
  admin.exec("CREATE DATABASE " + name + " TEMPLATE " + template_name(base) + create_options());
  {
    db::Connection c("dbname=" + name, "onshi-tests");
    if (s == HostSchema::reference) {
      c.exec(read_all(source_file("tests/host/reference_host_schema.sql")));
    } else if (s == HostSchema::orca51) {
      // ORCA 5.1 = 5.2 before its 5.2.0-1 update added tbl_pthkninf.edaban.
      c.exec("ALTER TABLE tbl_pthkninf DROP COLUMN edaban");
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

std::string test_db_encoding() {
  const char* e = std::getenv("ONSHI_TEST_DB_ENCODING");
  std::string enc = e && *e ? e : "UTF8";
  for (char& ch : enc) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (enc == "UTF-8") enc = "UTF8";
  if (enc == "EUC-JP" || enc == "EUCJP") enc = "EUC_JP";
  if (enc != "UTF8" && enc != "EUC_JP")
    throw std::runtime_error("ONSHI_TEST_DB_ENCODING must be UTF8 or EUC_JP, not " + enc);
  return enc;
}

std::string source_file(const std::string& relative) {
  const char* src = std::getenv("ONSHI_SRCDIR");
  return (src && *src ? std::string(src) : std::string(".")) + "/" + relative;
}

std::string scalar(db::Connection& conn, const std::string& sql) {
  db::Result r = conn.exec(sql);
  if (r.rows() != 1 || r.columns() < 1) throw std::runtime_error("expected one row from: " + sql);
  return r.text(0, 0);
}

TestDatabase::TestDatabase(HostSchema schema) {
  static int counter = 0;
  name_ = "onshi_t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  conninfo_ = "dbname=" + name_;
  auto admin = admin_connection();
  ensure_template(*admin, schema);
  admin->exec("CREATE DATABASE " + name_ + " TEMPLATE " + template_name(schema) + create_options());
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
