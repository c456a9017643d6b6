// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/inspect.h"

#include <ostream>

#include "common/error.h"
#include "common/i18n.h"
#include "json/document_json.h"
#include "xml/reader.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin inspect [--kind KIND] [--max-bytes N] [--no-validate] FILE...\n");

json::Value refused_json(const std::string& file, const std::string& kind,
                         const RefusedError& e) {
  json::Object error{{"reason", refusal_kind_name(e.kind())}, {"detail", e.detail()}};
  if (e.offset() != RefusedError::npos)
    error.emplace_back("offset", static_cast<std::int64_t>(e.offset()));
  return json::Object{{"file", file}, {"kind", kind}, {"accepted", false}, {"error", error}};
}

}  // namespace

int run_inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  xml::ReadOptions options;
  model::MessageKind forced = model::MessageKind::unknown;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--kind" && i + 1 < args.size()) {
      forced = model::kind_from_name(args[++i]);
      if (forced == model::MessageKind::unknown) {
        err << "onshi-admin inspect: " << tr("unknown kind \"{1}\"", args[i]) << '\n'
            << tr(kUsage);
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
      model::Document doc;
      if (forced != model::MessageKind::unknown) {
        std::string bytes = xml::read_file_bytes(
            file, options.max_bytes ? options.max_bytes : model::kind_info(forced).max_bytes);
        doc = xml::read_document(bytes, forced, file, options);
      } else {
        doc = xml::read_file(file, options);
      }
      json::Value v = json::document_to_json(doc);
      json::Object line{{"file", file}, {"accepted", true}};
      for (auto& member : v.as_object()) line.push_back(std::move(member));
      out << json::dump(line) << '\n';
    } catch (const RefusedError& e) {
      status = kExitRefused;
      out << json::dump(refused_json(file, model::kind_name(kind), e)) << '\n';
      err << e.what() << '\n';
    } catch (const Error& e) {
      status = kExitRefused;
      RefusedError wrapped(RefusalKind::structure, file, e.what());
      out << json::dump(refused_json(file, model::kind_name(kind), wrapped)) << '\n';
      err << wrapped.what() << '\n';
    }
  }
  out.flush();
  return status;
}

}  // namespace onshi::admin
