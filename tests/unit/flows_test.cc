// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The table of flows (exchange/flows.h) wires every kind of model/kind.h: each request kind the
// queue writes has a builder, each result kind a handler, and no kind is wired twice. A new
// kind without its row fails here.
#include "exchange/flows.h"

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include "model/kind.h"

namespace onshi::test {

using model::MessageKind;

class FlowsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(FlowsTest);
  CPPUNIT_TEST(testEveryRequestKindHasABuilder);
  CPPUNIT_TEST(testEveryResultKindHasAHandler);
  CPPUNIT_TEST(testRowsWireEachKindOnce);
  CPPUNIT_TEST(testQueuedKinds);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryRequestKindHasABuilder() {
    int requests = 0;
    for (MessageKind k : model::all_kinds()) {
      const model::KindInfo& info = model::kind_info(k);
      if (!info.request) continue;
      ++requests;
      const std::string name = info.name;
      const exchange::Flow* flow = exchange::flow_of_request(k);
      CPPUNIT_ASSERT_MESSAGE(name + " has no row in the table of flows", flow);
      CPPUNIT_ASSERT_MESSAGE(name + " has no builder", flow->build);
      CPPUNIT_ASSERT_MESSAGE(name, flow->request == k);
      // The answer the file names promise (kind.h) is the one its row handles.
      CPPUNIT_ASSERT_MESSAGE(name + ": its answer is handled by another row",
                             exchange::flow_of_result(info.answer) == flow);
    }
    CPPUNIT_ASSERT(requests > 0);
  }

  void testEveryResultKindHasAHandler() {
    int results = 0;
    for (MessageKind k : model::all_kinds()) {
      const model::KindInfo& info = model::kind_info(k);
      if (info.request) continue;
      ++results;
      const std::string name = info.name;
      const exchange::Flow* flow = exchange::flow_of_result(k);
      CPPUNIT_ASSERT_MESSAGE(name + " has no row in the table of flows", flow);
      CPPUNIT_ASSERT_MESSAGE(name + " has no handler", flow->handle);
    }
    CPPUNIT_ASSERT(results > 0);
  }

  void testRowsWireEachKindOnce() {
    std::map<MessageKind, int> requests, results;
    for (const exchange::Flow& f : exchange::flows()) {
      const std::string row = std::string(f.name) + " " + model::kind_name(f.request);
      CPPUNIT_ASSERT_MESSAGE(row + ": not a request kind", model::kind_info(f.request).request);
      CPPUNIT_ASSERT_MESSAGE(row + ": no result kinds", !f.results.empty());
      ++requests[f.request];
      for (MessageKind r : f.results) {
        const model::KindInfo& info = model::kind_info(r);
        CPPUNIT_ASSERT_MESSAGE(row + ": " + info.name + " is not a result kind",
                               r != MessageKind::unknown && !info.request);
        ++results[r];
        // A result answers this row's request, or answers none (the card check-ins).
        CPPUNIT_ASSERT_MESSAGE(row + ": " + info.name + " answers another request",
                               model::kind_info(f.request).answer == r || !answers_a_request(r));
      }
    }
    for (const auto& [k, n] : requests)
      CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(model::kind_name(k)) + " in several rows", 1, n);
    for (const auto& [k, n] : results)
      CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(model::kind_name(k)) + " in several rows", 1, n);
  }

  void testQueuedKinds() {
    // The text[] the queue claims jobs of names every request kind once, and nothing else.
    std::set<std::string> expected, listed;
    for (MessageKind k : model::all_kinds())
      if (model::kind_info(k).request) expected.insert(model::kind_name(k));
    const std::string literal = exchange::request_kinds_literal();
    CPPUNIT_ASSERT(literal.size() > 2 && literal.front() == '{' && literal.back() == '}');
    std::istringstream names(literal.substr(1, literal.size() - 2));
    for (std::string name; std::getline(names, name, ',');)
      CPPUNIT_ASSERT_MESSAGE(name + " listed twice", listed.insert(name).second);
    CPPUNIT_ASSERT(expected == listed);
    CPPUNIT_ASSERT(exchange::flow_of_request(MessageKind::OQSsiquc01res) == nullptr);
    CPPUNIT_ASSERT(exchange::flow_of_request(MessageKind::unknown) == nullptr);
    CPPUNIT_ASSERT(exchange::flow_of_result(MessageKind::OQSsiquc01req) == nullptr);
    CPPUNIT_ASSERT(exchange::flow_of_result(MessageKind::unknown) == nullptr);
    CPPUNIT_ASSERT_EQUAL(exchange::flow_of_result(MessageKind::OQSsiquc01res),
                         exchange::flow_of_result(MessageKind::OQSsiquc01res_face));
  }

 private:
  static bool answers_a_request(MessageKind result) {
    for (MessageKind k : model::all_kinds())
      if (model::kind_info(k).request && model::kind_info(k).answer == result) return true;
    return false;
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FlowsTest);

}  // namespace onshi::test
