// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// CppUnit runner for every registered suite; exit status 1 when anything fails.
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <iostream>

int main(int argc, char** argv) {
  CppUnit::TestResult controller;
  CppUnit::TestResultCollector result;
  controller.addListener(&result);
  CppUnit::BriefTestProgressListener progress;
  controller.addListener(&progress);

  CppUnit::TestRunner runner;
  runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
  // Optional argument: run only the named suite or test (e.g. ReaderTest::testFace).
  runner.run(controller, argc > 1 ? argv[1] : "");

  CppUnit::CompilerOutputter outputter(&result, std::cerr);
  outputter.write();
  int failed = result.testFailuresTotal();
  int run = result.runTests();
  std::cout << run - failed << " passed, " << failed << " failed" << std::endl;
  return result.wasSuccessful() && run > 0 ? 0 : 1;
}
