// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/inspect.h"

#include <ostream>

#include "common/error.h"
#include "common/i18n.h"
#include "common/log.h"
#include "json/document_json.h"
#include "text/encoding.h"
#include "xml/reader.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin inspect [--kind KIND] [--max-bytes N] [--no-validate] FILE...\n");

/// Length of the UTF-8 character at s[i], or 1 for a byte that does not start a valid one
/// (shown escaped): the unit a cut may not split.
std::size_t unit_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t len = c < 0x80                 ? 1
                          : c >= 0xC2 && c <= 0xDF ? 2
                          : c >= 0xE0 && c <= 0xEF ? 3
                          : c >= 0xF0 && c <= 0xF4 ? 4
                                                   : 1;
  if (len == 1 || i + len > s.size()) return 1;
  return text::find_invalid_utf8(s.substr(i, len)) == std::string_view::npos ? len : 1;
}

/// The file name as given when it is UTF-8 (the conformance run compares it), else escaped.
std::string file_for_output(const std::string& file) {
  return text::find_invalid_utf8(file) == std::string::npos ? file : log::escape_line(file);
}

json::Value refused_json(const std::string& file, const std::string& kind, const RefusedError& e) {
  json::Object error{{"reason", refusal_kind_name(e.kind())},
                     {"detail", detail_for_output(e.detail())}};
  if (e.offset() != RefusedError::npos)
    error.emplace_back("offset", static_cast<std::int64_t>(e.offset()));
  return json::Object{
      {"file", file_for_output(file)}, {"kind", kind}, {"accepted", false}, {"error", error}};
}

/// The second read's sink: each item written as it closes.
class WriteItems : public xml::ItemSink {
 public:
  explicit WriteItems(json::DocumentJsonWriter& writer) : writer_(writer) {}
  void item(const model::FieldDef& list, const void* item, std::size_t) override {
    writer_.item(list, item);
  }

 private:
  json::DocumentJsonWriter& writer_;
};

}  // namespace

std::string detail_for_output(std::string_view detail) {
  std::size_t end = 0;
  while (end < detail.size()) {
    const std::size_t len = unit_length(detail, end);
    if (end + len > kMaxDetailBytes) break;
    end += len;
  }
  std::string out = log::escape_line(detail.substr(0, end));
  if (end < detail.size()) out += "...";
  return out;
}

int run_inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  xml::ReadOptions options;
  model::MessageKind forced = model::MessageKind::unknown;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--kind" && i + 1 < args.size()) {
      forced = model::kind_from_name(args[++i]);
      if (forced == model::MessageKind::unknown) {
        err << "onshi-admin inspect: " << tr("unknown kind \"{1}\"", args[i]) << '\n' << tr(kUsage);
        return kExitUsage;
      }
    } else if (a == "--max-bytes" && i + 1 < args.size()) {
      try {
        options.max_bytes = std::stoul(args[++i]);
      } catch (const std::exception&) {
        err << "onshi-admin inspect: " << tr("{1} needs a number", "--max-bytes") << '\n';
        return kExitUsage;
      }
    } else if (a == "--no-validate") {
      options.validate = false;
    } else if (a == "--help" || a == "-h") {
      out << tr(kUsage);
      return 0;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      err << "onshi-admin inspect: " << tr("unknown option \"{1}\"", a) << '\n' << tr(kUsage);
      return kExitUsage;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    err << tr(kUsage);
    return kExitUsage;
  }

  int status = 0;
  for (const std::string& file : files) {
    model::MessageKind kind = forced;
    if (kind == model::MessageKind::unknown)
      kind = model::classify_file_name(model::base_name(file)).kind;
    try {
      // First read: every check and refusal, the bulk units (or a single answer's results)
      // checked one by one and not kept. An accepted file's units are then read again and
      // written one by one: the bytes are held once, the view never whole (README, "Big files").
      xml::DropItems drop;
      xml::ReadOptions first = options;
      first.items = &drop;
      std::string bytes;
      model::Document doc;
      if (forced != model::MessageKind::unknown) {
        bytes = xml::read_file_bytes(
            file, options.max_bytes ? options.max_bytes : model::kind_info(forced).max_bytes);
        doc = xml::read_document(bytes, forced, file, first);
      } else {
        doc = xml::read_file(file, first, &bytes);
      }
      const model::FieldDef* list = doc.is_pdf ? nullptr : xml::streamed_list(doc.kind);
      if (!list) std::string().swap(bytes);
      json::DocumentJsonWriter writer(out);
      writer.begin({{"file", file_for_output(file)}, {"accepted", true}}, doc, list);
      if (list) {
        WriteItems write(writer);
        xml::ReadOptions again = options;
        again.validate = false;  // checked by the first read
        again.items = &write;
        (void)xml::read_document(bytes, doc.kind, file, again);
        std::string().swap(bytes);
      }
      writer.end();
      out << '\n';
    } catch (const RefusedError& e) {
      status = kExitRefused;
      out << json::dump(refused_json(file, model::kind_name(kind), e)) << '\n';
      err << log::escape_line(e.what()) << '\n';
    } catch (const Error& e) {
      status = kExitRefused;
      RefusedError wrapped(RefusalKind::structure, file, e.what());
      out << json::dump(refused_json(file, model::kind_name(kind), wrapped)) << '\n';
      err << log::escape_line(wrapped.what()) << '\n';
    }
  }
  out.flush();
  return status;
}

}  // namespace onshi::admin
