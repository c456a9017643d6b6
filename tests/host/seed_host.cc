// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// seed_host: prints the reference host seed as SQL (pipe it into psql). Test/demo data only.
#include <iostream>
#include <string>

#include "host/host_seed.h"

int main(int argc, char** argv) {
  onshi::test::SeedOptions o;
  const char* usage =
      "usage: seed_host [--seed S] [--patients N] [--today YYYYMMDD] [--data-dir DIR]\n"
      "Prints SQL filling the reference host schema (tests/host/reference_host_schema.sql).\n";
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
        return argv[++i];
      };
      if (a == "--seed")
        o.seed = std::stoull(value());
      else if (a == "--patients")
        o.patients = std::stoi(value());
      else if (a == "--today")
        o.today = value();
      else if (a == "--data-dir")
        o.data_dir = value();
      else if (a == "--help" || a == "-h") {
        std::cout << usage;
        return 0;
      } else
        throw std::runtime_error("unknown argument " + a);
    }
    if (o.patients < 0) throw std::runtime_error("--patients must be >= 0");
    onshi::test::SeedStats st;
    // The SQL is UTF-8; psql must be told so whatever the database's encoding.
    std::cout << "SET client_encoding = 'UTF8';\n" << onshi::test::generate_seed_sql(o, &st);
    std::cerr << "seed_host: " << st.patients << " generated patients (" << st.employee
              << " employees' insurance incl. " << st.dependents << " dependents, " << st.national
              << " national, " << st.late_elderly << " late-elderly, " << st.public_assistance
              << " public assistance, " << st.test_patients << " test), " << st.twin_pairs
              << " twin pairs, " << st.same_name_pairs << " same-name pairs, " << st.reservations
              << " reservations tomorrow, " << st.receptions << " receptions today\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "seed_host: " << e.what() << '\n' << usage;
    return 64;
  }
}
