// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "xml/reader.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/stat_time.h"
#include "model/validate.h"
#include "text/encoding.h"

namespace onshi::xml {
namespace {

using model::FieldDef;
using model::FieldKind;
using model::Schema;
using model::Text;

/// Where the known structured elements of one message kind (blocks, list items, list wrappers,
/// the message's own parts) may appear: element name -> the parents that allow it, as printed.
using Placements = std::unordered_map<std::string_view, std::string>;

void add_placement(Placements& out, std::string_view name, std::string_view parent) {
  std::string& where = out[name];
  const std::string shown = parent.empty() ? "the document root" : "<" + std::string(parent) + ">";
  if (where.empty())
    where = shown;
  else if ((", " + where + ", ").find(", " + shown + ", ") == std::string::npos)
    where += ", " + shown;
}

void collect_placements(const Schema& schema, std::string_view parent, Placements& out, int depth) {
  if (depth > 32) return;  // the tables are trees; this only bounds a mistake in them
  for (const FieldDef& f : schema.fields) {
    if (f.kind == FieldKind::text) continue;
    std::string_view item_parent = parent;
    if (f.kind == FieldKind::list && !f.wrapper.empty()) {
      add_placement(out, f.wrapper, parent);
      item_parent = f.wrapper;
    }
    add_placement(out, f.name, item_parent);
    collect_placements(*f.child, f.name, out, depth + 1);
  }
}

/// The placements of the envelope and of `kind`'s body tables, built once per kind.
const Placements& placements_of(model::MessageKind kind) {
  constexpr auto kKinds = static_cast<std::size_t>(model::MessageKind::TKKsiquc01res) + 1;
  static const std::vector<Placements> table = [] {
    std::vector<Placements> t(kKinds);
    for (std::size_t k = 0; k < kKinds; ++k) {
      Placements& p = t[k];
      add_placement(p, "XmlMsg", "");
      add_placement(p, "MessageHeader", "XmlMsg");
      add_placement(p, "MessageBody", "XmlMsg");
      // The header's own blocks (QuaInf, QualificationsInfo: who the file is about) are not
      // listed: one public source puts QualificationsInfo into MessageBody, and such a copy
      // is ignored like any unknown element rather than refusing a whole drug-information file.
      const model::Document doc = model::Document::make(static_cast<model::MessageKind>(k));
      collect_placements(model::body_schema(doc.body), "MessageBody", p, 0);
    }
    return t;
  }();
  const auto k = static_cast<std::size_t>(kind);
  return table.at(k < kKinds ? k : 0);
}

/// An element path as shown in a refusal: element names only (never values), each cut to 64
/// bytes on a character boundary.
std::string shown_path(std::string_view path) {
  constexpr std::size_t kMaxName = 64;
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view name = path.substr(start, end - start);
    if (!out.empty()) out += '/';
    if (name.size() > kMaxName) {
      std::size_t cut = kMaxName;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      out.append(name.substr(0, cut));
      out += "...";
    } else {
      out.append(name);
    }
    start = end + 1;
  }
  return out;
}

/// One open element while streaming.
struct Frame {
  enum class Type : std::uint8_t { root, message, structure, wrapper, text, skip } type;
  const Schema* schema = nullptr;  ///< structure
  void* obj = nullptr;             ///< structure
  const FieldDef* list = nullptr;  ///< wrapper: the list its items go to
  void* list_owner = nullptr;      ///< wrapper: object holding that list
  Text* text = nullptr;            ///< text
  void* flat_item = nullptr;       ///< structure: item opened by a flat list's fields
  bool streamed = false;           ///< structure: an item of the streamed list
};

/// The document's UTF-8 text, handed to libxml2 a piece at a time through its input callback: its
/// memory parser would copy the whole input first, and CP932 input is converted as it is read.
struct TextSource {
  std::string_view utf8;               ///< UTF-8 input: what is left of it
  text::Cp932Reader* cp932 = nullptr;  ///< CP932 input, converted piece by piece
  std::string_view pending;            ///< converted, not handed over yet
  std::exception_ptr error;            ///< a conversion that failed (checked before: never)

  static int read(void* ctx, char* buf, int len) {
    auto* self = static_cast<TextSource*>(ctx);
    const auto cap = static_cast<std::size_t>(len > 0 ? len : 0);
    std::size_t n = 0;
    try {
      while (n < cap) {
        if (self->pending.empty()) {
          if (self->cp932) {
            self->pending = self->cp932->next();
          } else {
            self->pending = self->utf8;
            self->utf8 = {};
          }
          if (self->pending.empty()) break;
        }
        const std::size_t k = std::min(cap - n, self->pending.size());
        std::memcpy(buf + n, self->pending.data(), k);
        self->pending.remove_prefix(k);
        n += k;
      }
    } catch (...) {
      self->error = std::current_exception();
      return -1;
    }
    return static_cast<int>(n);
  }
};

class SaxReader {
 public:
  SaxReader(model::Document& doc, std::string_view label, std::size_t max_depth)
      : doc_(doc), label_(label), max_depth_(max_depth), placements_(placements_of(doc.kind)) {}

  /// Hands the items of `list` (of the body) to `sink` and `checker` (either may be null)
  /// instead of keeping them.
  void stream(const FieldDef* list, ItemSink* sink, model::StreamedItems* checker) {
    streamed_ = list;
    sink_ = sink;
    checker_ = checker;
  }

  void parse(TextSource& source);

 private:
  static void on_start(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int,
                       const xmlChar**, int, int, const xmlChar**);
  static void on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*);
  static void on_chars(void* ctx, const xmlChar* ch, int len);
  static void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*);
  static void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*,
                             xmlChar*);
  static xmlEntityPtr on_get_entity(void* ctx, const xmlChar*);
  static void on_error(void* ctx, xmlErrorPtr error);

  void start(std::string_view name);
  void skip(std::string_view name);
  void refuse(RefusalKind kind, std::string detail);
  void open_text(Text* t, std::string_view name);
  void open_item(const FieldDef& f, void* owner, std::string_view name);
  bool check_count(const FieldDef& f, const void* owner, std::string_view name);
  void hand_on(const Frame& item);

  model::Document& doc_;
  std::string label_;
  std::size_t max_depth_;
  const Placements& placements_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  std::vector<Frame> stack_;
  std::string path_;  ///< names of the open elements, '/'-separated (for refusals)
  bool saw_root_ = false, saw_header_ = false;
  bool failed_ = false;
  RefusalKind fail_kind_ = RefusalKind::malformed;
  std::string fail_detail_;
  std::size_t fail_offset_ = RefusedError::npos;
  const FieldDef* streamed_ = nullptr;  ///< the body's list whose items are handed on
  ItemSink* sink_ = nullptr;
  model::StreamedItems* checker_ = nullptr;
  std::size_t handed_on_ = 0;  ///< items of streamed_ handed on so far
  std::exception_ptr sink_error_;
};

void SaxReader::refuse(RefusalKind kind, std::string detail) {
  if (!failed_) {
    failed_ = true;
    fail_kind_ = kind;
    fail_detail_ = std::move(detail);
    if (ctxt_) fail_offset_ = static_cast<std::size_t>(xmlByteConsumed(ctxt_));
  }
  if (ctxt_) xmlStopParser(ctxt_);
}

void SaxReader::open_text(Text* t, std::string_view name) {
  if (t->has_value()) {
    refuse(RefusalKind::structure, "element <" + std::string(name) + "> appears twice");
    return;
  }
  t->emplace();
  stack_.push_back({Frame::Type::text, nullptr, nullptr, nullptr, nullptr, t, nullptr});
}

bool SaxReader::check_count(const FieldDef& f, const void* owner, std::string_view name) {
  const std::size_t gone = &f == streamed_ && owner == model::body_ptr(doc_.body) ? handed_on_ : 0;
  if (f.max_items && gone + f.count(owner) >= f.max_items) {
    refuse(RefusalKind::limit,
           "more than " + std::to_string(f.max_items) + " <" + std::string(name) + "> elements");
    return false;
  }
  return true;
}

void SaxReader::open_item(const FieldDef& f, void* owner, std::string_view name) {
  if (!check_count(f, owner, name)) return;
  stack_.push_back(
      {Frame::Type::structure, f.child, f.open(owner), nullptr, nullptr, nullptr, nullptr});
  stack_.back().streamed = &f == streamed_ && owner == model::body_ptr(doc_.body);
}

void SaxReader::hand_on(const Frame& item) {
  try {
    if (checker_) checker_->check(item.obj);
    if (sink_) sink_->item(*streamed_, item.obj, handed_on_);
  } catch (...) {
    sink_error_ = std::current_exception();
    if (ctxt_) xmlStopParser(ctxt_);
    failed_ = true;  // nothing else is recorded; parse() rethrows
  }
  ++handed_on_;
  streamed_->clear(model::body_ptr(doc_.body));
}

void SaxReader::skip(std::string_view name) {
  // doc/decisions.md 1: an unknown element is ignored with its subtree. A known block of this
  // message out of its place (a result outside ResultList, ...) would be dropped with it: refused.
  if (auto it = placements_.find(name); it != placements_.end()) {
    refuse(RefusalKind::structure, "element <" + std::string(name) + "> out of place at " +
                                       shown_path(path_) + " (allowed in " + it->second +
                                       "): refused rather than dropped");
    return;
  }
  stack_.push_back({Frame::Type::skip});
}

void SaxReader::start(std::string_view name) {
  if (stack_.size() >= max_depth_) {
    refuse(RefusalKind::limit, "elements nested deeper than " + std::to_string(max_depth_));
    return;
  }
  if (stack_.empty()) {
    if (name != "XmlMsg") {
      refuse(RefusalKind::structure, "root element is <" + std::string(name) + ">, not <XmlMsg>");
      return;
    }
    saw_root_ = true;
    stack_.push_back({Frame::Type::message});
    return;
  }
  Frame& top = stack_.back();
  switch (top.type) {
    case Frame::Type::message:
      if (name == "MessageHeader") {
        saw_header_ = true;
        stack_.push_back({Frame::Type::structure, &model::MessageHeader::schema(), &doc_.header});
      } else if (name == "MessageBody") {
        stack_.push_back(
            {Frame::Type::structure, &model::body_schema(doc_.body), model::body_ptr(doc_.body)});
      } else {
        skip(name);
      }
      return;
    case Frame::Type::wrapper:
      if (name == top.list->name)
        open_item(*top.list, top.list_owner, name);
      else
        skip(name);
      return;
    case Frame::Type::structure: {
      const FieldDef* f = top.schema->find(name);
      if (f) {
        switch (f->kind) {
          case FieldKind::text:
            open_text(f->text(top.obj), name);
            return;
          case FieldKind::block:
            stack_.push_back({Frame::Type::structure, f->child, f->open(top.obj)});
            return;
          case FieldKind::list:
            if (!f->wrapper.empty() && name == f->wrapper) {
              Frame w{Frame::Type::wrapper};
              w.list = f;
              w.list_owner = top.obj;
              stack_.push_back(w);
            } else {
              open_item(*f, top.obj, name);
            }
            return;
        }
      }
      // A flat list: an item's own field met directly in this element starts/continues an item.
      for (const FieldDef& lf : top.schema->fields) {
        if (!lf.flat) continue;
        const FieldDef* item_field = lf.child->find(name);
        if (!item_field || item_field->kind != FieldKind::text) continue;
        if (!top.flat_item) {
          if (!check_count(lf, top.obj, lf.name)) return;
          top.flat_item = lf.open(top.obj);
        }
        void* item = top.flat_item;  // `top` may move when the stack grows
        open_text(item_field->text(item), name);
        return;
      }
      skip(name);  // unknown element: ignored with its subtree
      return;
    }
    case Frame::Type::text:  // markup inside a text element: ignored, the text is kept
    case Frame::Type::skip:
    case Frame::Type::root:
      skip(name);
      return;
  }
}

void SaxReader::on_start(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int,
                         const xmlChar**, int, int, const xmlChar**) {
  auto* self = static_cast<SaxReader*>(ctx);
  if (self->failed_) return;
  const std::string_view name = reinterpret_cast<const char*>(localname);
  if (!self->path_.empty()) self->path_ += '/';
  self->path_.append(name);
  self->start(name);
}

void SaxReader::on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* self = static_cast<SaxReader*>(ctx);
  if (!self->stack_.empty()) {
    const Frame top = self->stack_.back();
    self->stack_.pop_back();
    if (top.streamed && !self->failed_) self->hand_on(top);
  }
  const std::size_t slash = self->path_.rfind('/');
  self->path_.resize(slash == std::string::npos ? 0 : slash);
}

void SaxReader::on_chars(void* ctx, const xmlChar* ch, int len) {
  auto* self = static_cast<SaxReader*>(ctx);
  if (self->failed_ || self->stack_.empty()) return;
  Frame& top = self->stack_.back();
  if (top.type != Frame::Type::text) return;
  if ((*top.text)->size() + static_cast<std::size_t>(len) > model::kMaxTextBytes) {
    self->refuse(RefusalKind::limit,
                 "element text longer than " + std::to_string(model::kMaxTextBytes) + " bytes");
    return;
  }
  (*top.text)->append(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
}

void SaxReader::on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  static_cast<SaxReader*>(ctx)->refuse(
      RefusalKind::forbidden,
      "DOCTYPE declaration: never legitimate in exchange files, refused "
      "before any entity is read or expanded");
}

void SaxReader::on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*,
                               xmlChar*) {
  static_cast<SaxReader*>(ctx)->refuse(RefusalKind::forbidden, "entity declaration");
}

xmlEntityPtr SaxReader::on_get_entity(void*, const xmlChar*) {
  return nullptr;  // predefined entities (&amp; ...) are resolved by the parser before this
}

void SaxReader::on_error(void* ctx, xmlErrorPtr error) {
  auto* self = static_cast<SaxReader*>(ctx);
  if (!error || error->level < XML_ERR_ERROR || self->failed_) return;
  std::string msg = error->message ? error->message : "XML error";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  msg = "not well-formed XML at line " + std::to_string(error->line) + ", column " +
        std::to_string(error->int2) + ": " + msg;
  self->refuse(RefusalKind::malformed, std::move(msg));
}

void SaxReader::parse(TextSource& source) {
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = &SaxReader::on_start;
  sax.endElementNs = &SaxReader::on_end;
  sax.characters = &SaxReader::on_chars;
  sax.cdataBlock = &SaxReader::on_chars;
  sax.internalSubset = &SaxReader::on_doctype;
  sax.externalSubset = &SaxReader::on_doctype;
  sax.entityDecl = &SaxReader::on_entity_decl;
  sax.getEntity = &SaxReader::on_get_entity;
  sax.getParameterEntity = &SaxReader::on_get_entity;
  sax.serror = &SaxReader::on_error;

  // What xmlCreateMemoryParserCtxt() does, with the text read through TextSource::read (empty
  // text is refused before: read_document).
  if (!source.cp932 && source.utf8.empty()) throw Error("libxml2: cannot create a parser context");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(),
                                                                  &xmlFreeParserCtxt);
  if (!ctxt) throw Error("libxml2: cannot create a parser context");
  xmlParserInputBufferPtr buffer =
      xmlParserInputBufferCreateIO(&TextSource::read, nullptr, &source, XML_CHAR_ENCODING_NONE);
  if (!buffer) throw Error("libxml2: cannot create an input buffer");
  xmlParserInputPtr input = xmlNewIOInputStream(ctxt.get(), buffer, XML_CHAR_ENCODING_NONE);
  if (!input) {
    xmlFreeParserInputBuffer(buffer);
    throw Error("libxml2: cannot create an input stream");
  }
  inputPush(ctxt.get(), input);
  xmlSAXHandlerPtr old_sax = ctxt->sax;
  ctxt->sax = &sax;
  ctxt->userData = this;
  xmlCtxtUseOptions(ctxt.get(), parser_options() | XML_PARSE_IGNORE_ENC);
  ctxt_ = ctxt.get();
  xmlParseDocument(ctxt.get());
  const bool well_formed = ctxt->wellFormed != 0;
  ctxt->sax = old_sax;
  ctxt->userData = ctxt.get();
  ctxt_ = nullptr;

  if (sink_error_) std::rethrow_exception(sink_error_);
  if (source.error) std::rethrow_exception(source.error);
  if (!failed_ && !well_formed) refuse(RefusalKind::malformed, "not well-formed XML");
  if (!failed_ && !saw_root_) refuse(RefusalKind::malformed, "no root element (not XML)");
  if (!failed_ && !saw_header_) refuse(RefusalKind::structure, "no <MessageHeader>");
  if (failed_) throw RefusedError(fail_kind_, label_, fail_detail_, fail_offset_);
}

}  // namespace

void initialize() {
  xmlInitParser();
}

const FieldDef* streamed_list(model::MessageKind kind) {
  if (kind == model::MessageKind::unknown) return nullptr;
  const model::Document doc = model::Document::make(kind);
  for (const FieldDef& f : model::body_schema(doc.body).fields)
    if (f.kind == FieldKind::list && f.hoist && !f.flat && !f.alias) return &f;
  return nullptr;
}

int parser_options() {
  // NONET: never fetch anything; no NOENT (no substitution), no DTDLOAD/DTDATTR/DTDVALID.
  return XML_PARSE_NONET | XML_PARSE_NOCDATA;
}

model::Document read_document(std::string_view bytes, model::MessageKind kind,
                              std::string_view label, const ReadOptions& options) {
  const model::KindInfo& info = model::kind_info(kind);
  const std::size_t max = options.max_bytes ? options.max_bytes : info.max_bytes;
  if (bytes.size() > max)
    throw RefusedError(RefusalKind::too_large, std::string(label),
                       std::to_string(bytes.size()) + " bytes, limit " + std::to_string(max));
  if (bytes.empty())
    throw RefusedError(RefusalKind::empty, std::string(label), "zero-byte file (not ready?)");

  model::Document doc = model::Document::make(kind);
  if (bytes.substr(0, 5) == "%PDF-") {
    if (!info.may_be_pdf)
      throw RefusedError(RefusalKind::structure, std::string(label),
                         "PDF content where an XML message is expected", 0);
    // A complete PDF ends with %%EOF (possibly followed by a line end).
    std::string_view tail = bytes.substr(bytes.size() > 32 ? bytes.size() - 32 : 0);
    if (tail.find("%%EOF") == std::string_view::npos)
      throw RefusedError(RefusalKind::malformed, std::string(label),
                         "PDF without %%EOF trailer (truncated or still being written)");
    doc.is_pdf = true;
    doc.pdf.assign(bytes.data(), bytes.size());
    return doc;
  }

  // The text goes to the parser a piece at a time. CP932 is converted as a whole when small
  // (one conversion); a large file is checked first (the same refusals, converted output
  // dropped) and converted again as the parser reads, never held converted as a whole.
  constexpr std::size_t kConvertWhole = std::size_t{1} << 20;
  const bool whole = bytes.size() <= kConvertWhole;
  text::Decoded decoded =
      whole ? text::decode_xml_bytes(bytes, label) : text::check_xml_bytes(bytes, label);
  doc.encoding = decoded.encoding;
  doc.had_bom = decoded.had_bom;
  TextSource source;
  std::optional<text::Cp932Reader> cp932;
  if (decoded.encoding == model::Encoding::cp932 && !whole)
    source.cp932 = &cp932.emplace(bytes, label);
  else
    source.utf8 = decoded.text(bytes);
  // Nothing after a byte-order mark: an empty file (the importer waits for the rest, then
  // refuses it), never an internal error that would leave it on the share for ever.
  if (!source.cp932 && source.utf8.empty())
    throw RefusedError(RefusalKind::empty, std::string(label),
                       "nothing after the byte-order mark (not ready?)");
  std::optional<model::StreamedItems> streamed;
  const FieldDef* list = options.items ? streamed_list(kind) : nullptr;
  if (list) streamed.emplace(kind, *list);
  try {
    SaxReader reader(doc, label, options.max_depth);
    if (list) reader.stream(list, options.items, options.validate ? &*streamed : nullptr);
    reader.parse(source);
  } catch (const RefusedError& e) {
    // Offsets are into the decoded UTF-8 text: shift past a BOM; for CP932 input they do not
    // map back to file bytes, so only the line and column in the detail remain.
    std::size_t offset = e.offset();
    if (offset != RefusedError::npos)
      offset = doc.encoding == model::Encoding::utf8 ? offset + (doc.had_bom ? 3 : 0)
                                                     : RefusedError::npos;
    throw RefusedError(e.kind(), e.file(), e.detail(), offset);
  }

  // doc/decisions.md 2: declaration (checked by the decoder against the bytes) and
  // CharacterCodeIdentifier must agree.
  if (const auto& cci = doc.header.CharacterCodeIdentifier; cci && !cci->empty()) {
    const char* expected = doc.encoding == model::Encoding::utf8 ? "0" : "1";
    if (*cci != expected)
      throw RefusedError(
          RefusalKind::inconsistent, std::string(label),
          std::string("the file is ") + model::encoding_declaration_name(doc.encoding) +
              " but CharacterCodeIdentifier is \"" + *cci + "\" (expected " + expected + ")");
  }
  if (options.validate) {
    try {
      model::validate(doc, streamed ? &*streamed : nullptr);
    } catch (const ValidationError& e) {
      throw RefusedError(RefusalKind::invalid, std::string(label), e.what());
    }
  }
  return doc;
}

#ifndef _WIN32
std::string read_file_bytes(const std::string& path, std::size_t max_bytes, FileIdentity* opened) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    throw RefusedError(
        RefusalKind::structure, path,
        std::string("cannot open: ") +
            (err == ELOOP ? "is a symbolic link (not followed)" : std::strerror(err)));
  }
  std::unique_ptr<int, void (*)(int*)> guard(&fd, [](int* f) { ::close(*f); });
  struct stat st;
  if (::fstat(fd, &st) != 0) throw Error(path + ": fstat: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw RefusedError(RefusalKind::structure, path, "not a regular file");
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    throw RefusedError(RefusalKind::too_large, path,
                       std::to_string(st.st_size) + " bytes, limit " + std::to_string(max_bytes));
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path + ": read: " + std::strerror(errno));
    if (n == 0) break;  // shrank while reading: parse what is there; a retry sees the rest
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  // Grew while reading: at most one extra byte tells; refuse rather than read unbounded.
  char extra;
  if (::read(fd, &extra, 1) == 1)
    throw RefusedError(RefusalKind::too_large, path, "file grew while being read (not ready?)");
  struct stat after;
  if (::fstat(fd, &after) != 0) throw Error(path + ": fstat: " + std::strerror(errno));
  if (after.st_size != st.st_size || mtime_ns(after) != mtime_ns(st))
    throw RefusedError(RefusalKind::too_large, path, "file changed while being read (not ready?)");
  if (opened) *opened = file_identity(after);
  return bytes;
}
#endif

model::Document read_file(const std::string& path, const ReadOptions& options,
                          std::string* bytes_out) {
  model::FileName name = model::classify_file_name(model::base_name(path));
  if (name.kind == model::MessageKind::unknown)
    throw RefusedError(RefusalKind::unknown_kind, path,
                       "file name matches no known message kind and naming rule");
  const std::size_t max =
      options.max_bytes ? options.max_bytes : model::kind_info(name.kind).max_bytes;
  std::string bytes = read_file_bytes(path, max);
  if (name.pdf && bytes.substr(0, 5) != "%PDF-")
    throw RefusedError(RefusalKind::structure, path, "named .pdf but the content is not a PDF", 0);
  model::Document doc = read_document(bytes, name.kind, path, options);
  if (name.kind == model::MessageKind::OQSsiquc01res_face) {
    // The terminal names card results after the institution; content and name must agree.
    std::string_view mic = std::string_view(name.id).substr(0, 10);
    const auto& h = doc.header.MedicalInstitutionCode;
    if (h && *h != mic)
      throw RefusedError(
          RefusalKind::inconsistent, path,
          "MedicalInstitutionCode " + *h + " differs from the file name's " + std::string(mic));
  }
  if (bytes_out) *bytes_out = std::move(bytes);
  return doc;
}

}  // namespace onshi::xml
