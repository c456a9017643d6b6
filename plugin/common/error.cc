// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/error.h"

namespace onshi {

const char* refusal_kind_name(RefusalKind kind) {
  switch (kind) {
    case RefusalKind::too_large:
      return "too_large";
    case RefusalKind::empty:
      return "empty";
    case RefusalKind::encoding:
      return "encoding";
    case RefusalKind::inconsistent:
      return "inconsistent";
    case RefusalKind::forbidden:
      return "forbidden";
    case RefusalKind::malformed:
      return "malformed";
    case RefusalKind::limit:
      return "limit";
    case RefusalKind::structure:
      return "structure";
    case RefusalKind::invalid:
      return "invalid";
    case RefusalKind::unknown_kind:
      return "unknown_kind";
  }
  return "unknown";
}

namespace {
std::string refusal_message(RefusalKind kind, const std::string& file, const std::string& detail,
                            std::size_t offset) {
  std::string msg = file.empty() ? std::string("<input>") : file;
  msg += ": refused (";
  msg += refusal_kind_name(kind);
  msg += ")";
  if (offset != RefusedError::npos) {
    msg += " at byte offset ";
    msg += std::to_string(offset);
  }
  msg += ": ";
  msg += detail;
  return msg;
}
}  // namespace

RefusedError::RefusedError(RefusalKind kind, std::string file, std::string detail,
                           std::size_t offset)
    : Error(refusal_message(kind, file, detail, offset)),
      kind_(kind),
      file_(std::move(file)),
      detail_(std::move(detail)),
      offset_(offset) {}

std::string RefusedError::located_detail() const {
  if (offset_ == npos) return detail_;
  return detail_ + " (byte offset " + std::to_string(offset_) + ")";
}

ValidationError::ValidationError(std::string element, std::string detail)
    : Error(element + ": " + detail), element_(std::move(element)) {}

}  // namespace onshi
