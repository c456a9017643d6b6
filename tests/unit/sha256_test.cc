// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/sha256.h"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <cstddef>
#include <string>

namespace onshi::test {

class Sha256Test : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(Sha256Test);
  CPPUNIT_TEST(testKnownVectors);
  CPPUNIT_TEST(testIncrementalUpdatesMatchOneShot);
  CPPUNIT_TEST(testDigestEndsTheComputation);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testKnownVectors() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        sha256_hex(""));
    CPPUNIT_ASSERT_EQUAL(
        std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        sha256_hex("abc"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    // 55/56/64-byte boundaries of the padding.
    CPPUNIT_ASSERT_EQUAL(
        std::string("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        sha256_hex(std::string(55, 'a')));
    CPPUNIT_ASSERT_EQUAL(
        std::string("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        sha256_hex(std::string(56, 'a')));
    CPPUNIT_ASSERT_EQUAL(
        std::string("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        sha256_hex(std::string(64, 'a')));
    CPPUNIT_ASSERT_EQUAL(
        std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        sha256_hex(std::string(1000000, 'a')));
  }

  void testIncrementalUpdatesMatchOneShot() {
    // FIPS 180-4's million 'a' in pieces that cut the 64-byte blocks everywhere.
    for (std::size_t piece : {std::size_t(1), std::size_t(63), std::size_t(64), std::size_t(65),
                              std::size_t(4096), std::size_t(333333)}) {
      Sha256 h;
      for (std::size_t done = 0; done < 1000000; done += piece)
        h.update(std::string(std::min(piece, 1000000 - done), 'a'));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          std::to_string(piece),
          std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
          h.hex_digest());
    }
    // Empty updates change nothing; the raw digest is the hex one's 32 bytes.
    Sha256 h;
    h.update("").update("ab").update("").update("c");
    const std::string raw = h.digest();
    CPPUNIT_ASSERT_EQUAL(std::size_t(32), raw.size());
    CPPUNIT_ASSERT_EQUAL(0xba, static_cast<unsigned char>(raw[0]) + 0);
    CPPUNIT_ASSERT_EQUAL(0xad, static_cast<unsigned char>(raw[31]) + 0);
    // Bytes that are not text: NUL and high bytes are hashed like any other.
    CPPUNIT_ASSERT_EQUAL(
        std::string("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        sha256_hex(std::string(1, '\0')));
  }

  void testDigestEndsTheComputation() {
    Sha256 h;
    h.update("abc");
    CPPUNIT_ASSERT_EQUAL(
        std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        h.hex_digest());
    CPPUNIT_ASSERT_THROW(h.update("d"), CryptoError);
    CPPUNIT_ASSERT_THROW(h.digest(), CryptoError);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Sha256Test);

}  // namespace onshi::test
