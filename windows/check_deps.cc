// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The proof of windows/build-deps.sh --check: one Windows program built against the libraries the
// script made (libxml2, ICU, libpq), run under wine. Prints one line per library; exit 0 only when
// each gave the expected answer. Usage: check_deps.exe [--tls] [CONNINFO...] (--tls: libpq must
// have OpenSSL; each CONNINFO: a server that must accept the connection).
#include <libpq-fe.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

int failures = 0;

void report(const char* what, bool ok, const std::string& detail) {
  std::printf("%s %s: %s\n", ok ? "ok  " : "FAIL", what, detail.c_str());
  if (!ok) ++failures;
}

// Bytes in the named encoding to UTF-8, with every invalid byte refused (as plugin/text does).
std::string to_utf8(const char* encoding, const std::string& bytes) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* from = ucnv_open(encoding, &st);
  if (U_FAILURE(st)) return std::string("ucnv_open: ") + u_errorName(st);
  ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  UChar units[128];
  int32_t n =
      ucnv_toUChars(from, units, 128, bytes.data(), static_cast<int32_t>(bytes.size()), &st);
  ucnv_close(from);
  if (U_FAILURE(st)) return std::string("refused: ") + u_errorName(st);
  char out[512];
  int32_t len = 0;
  u_strToUTF8(out, sizeof out, &len, units, n, &st);
  if (U_FAILURE(st)) return std::string("u_strToUTF8: ") + u_errorName(st);
  return std::string(out, static_cast<size_t>(len));
}

}  // namespace

int main(int argc, char** argv) {
  // --tls: libpq must have been built with OpenSSL.
  const bool want_tls = argc > 1 && std::strcmp(argv[1], "--tls") == 0;
  // libxml2: a document from memory, no network, no entities.
  const char xml[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Message><Body>onshi</Body></Message>";
  xmlDocPtr doc = xmlReadMemory(xml, static_cast<int>(std::strlen(xml)), "check.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOENT);
  std::string body;
  if (doc != nullptr) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root != nullptr && root->children != nullptr) {
      xmlChar* text = xmlNodeGetContent(root->children);
      body = reinterpret_cast<const char*>(text);
      xmlFree(text);
    }
    xmlFreeDoc(doc);
  }
  report("libxml2", body == "onshi", std::string(LIBXML_DOTTED_VERSION) + ", <Body> = " + body);

  // ICU: テスト in Shift_JIS (CP932) and in EUC-JP, half-width ｱ (0xB1) in CP932; an invalid
  // CP932 byte pair is refused.
  const std::string test_utf8 = "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88";
  std::string sjis = to_utf8("windows-31j", "\x83\x65\x83\x58\x83\x67\xB1");
  report("ICU Shift_JIS", sjis == test_utf8 + "\xEF\xBD\xB1",
         std::string(U_ICU_VERSION) + ", 83 65 83 58 83 67 b1 = " + sjis);
  std::string euc = to_utf8("EUC-JP", "\xA5\xC6\xA5\xB9\xA5\xC8");
  report("ICU EUC-JP", euc == test_utf8, "a5 c6 a5 b9 a5 c8 = " + euc);
  std::string bad = to_utf8("windows-31j", std::string("\x81\x20", 2));
  report("ICU refuses invalid bytes", bad.rfind("refused: ", 0) == 0, "81 20 -> " + bad);

  // libpq: the version, the TLS library it was built with, and a connection refused by a closed
  // port (the Windows socket layer works).
  int v = PQlibVersion();
  report("libpq", v >= 100000, "PQlibVersion() = " + std::to_string(v));
  const char* lib = PQsslAttribute(nullptr, "library");
  if (want_tls)
    report("libpq TLS", lib != nullptr && std::strcmp(lib, "OpenSSL") == 0,
           std::string("PQsslAttribute(NULL, \"library\") = ") + (lib != nullptr ? lib : "(none)"));
  else
    std::printf("info libpq TLS library: %s\n", lib != nullptr ? lib : "(none)");
  PGconn* c = PQconnectdb("host=127.0.0.1 port=1 connect_timeout=5 sslmode=disable");
  std::string err = PQerrorMessage(c);
  if (!err.empty() && err.back() == '\n') err.pop_back();
  report("libpq connect to a closed port", PQstatus(c) == CONNECTION_BAD, err);
  PQfinish(c);

  // A conninfo after the options: a real server (e.g. sslmode=verify-full with sslrootcert).
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--tls") == 0) continue;
    PGconn* s = PQconnectdb(argv[i]);
    bool up = PQstatus(s) == CONNECTION_OK;
    std::string detail = up ? "connected" : PQerrorMessage(s);
    if (!detail.empty() && detail.back() == '\n') detail.pop_back();
    if (up) {
      const char* proto = PQsslAttribute(s, "protocol");
      detail +=
          std::string(", TLS: ") + (PQsslInUse(s) ? (proto != nullptr ? proto : "yes") : "no");
      PGresult* r = PQexec(s, "SELECT current_setting('server_version')");
      if (PQresultStatus(r) == PGRES_TUPLES_OK)
        detail += std::string(", server ") + PQgetvalue(r, 0, 0);
      PQclear(r);
    }
    report("libpq connect to the given server", up, detail);
    PQfinish(s);
  }

  std::printf("%s\n", failures == 0 ? "all passed" : "FAILED");
  return failures == 0 ? 0 : 1;
}
