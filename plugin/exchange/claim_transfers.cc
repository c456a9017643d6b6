// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/claim_transfers.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "common/i18n.h"
#include "common/log.h"
#include "common/message_ids.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "host/claims.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "match/linker.h"
#include "model/validate.h"
#include "store/medical_info.h"
#include "text/encoding.h"
#include "text/normalize.h"

namespace onshi::exchange {

// The layout (tests/fixtures/claims/README.md: the source of every row). IR, RE and HO follow the
// records of the electronic claim (記録条件仕様, オンライン又は光ディスク等による請求) at their
// positions there; SK carries what the review body decided and is our own; GO closes the file
// with the number of results.
const std::vector<ClaimField>& claim_layout() {
  using T = ClaimFieldType;
  using R = ClaimRequired;
  static const std::vector<ClaimField> layout = {
      // 医療機関情報レコード: once, first.
      {"IR", "review_body", "審査支払機関", 2, T::code, R::always, 0, 0, "1|2"},
      {"IR", "prefecture", "都道府県", 3, T::digits, R::always, 2, 2, nullptr},
      {"IR", "point_table", "点数表", 4, T::code, R::always, 0, 0, "1"},
      {"IR", "institution_code", "医療機関コード", 5, T::digits, R::always, 7, 7, nullptr},
      {"IR", "institution_name", "医療機関名称", 7, T::text, R::optional, 0, 100, nullptr},
      {"IR", "billing_month", "請求年月", 8, T::month, R::always, 0, 0, nullptr},
      // レセプト共通レコード: starts one result (one claim).
      {"RE", "receipt_number", "レセプト番号", 2, T::digits, R::always, 1, 6, nullptr},
      {"RE", "receipt_kind", "レセプト種別", 3, T::digits, R::optional, 4, 4, nullptr},
      {"RE", "claim_month", "診療年月", 4, T::month, R::always, 0, 0, nullptr},
      {"RE", "name", "氏名", 5, T::text, R::always, 0, 40, nullptr},
      {"RE", "sex", "男女区分", 6, T::code, R::always, 0, 0, "1|2"},
      {"RE", "birthdate", "生年月日", 7, T::date, R::always, 0, 0, nullptr},
      {"RE", "chart_number", "カルテ番号等", 14, T::text, R::optional, 0, 20, nullptr},
      {"RE", "kana", "カタカナ氏名", 37, T::text, R::optional, 0, 40, nullptr},
      // 保険者レコード: the card the claim was billed on.
      {"HO", "old_insurer", "保険者番号", 2, T::digits, R::always, 6, 8, nullptr},
      {"HO", "old_symbol", "被保険者証等の記号", 3, T::text, R::optional, 0, 38, nullptr},
      {"HO", "old_number", "被保険者証等の番号", 4, T::text, R::always, 0, 38, nullptr},
      {"HO", "points", "合計点数", 6, T::digits, R::optional, 1, 8, nullptr},
      // 資格確認結果レコード (ours): what the review body did.
      {"SK", "result_class", "処理区分", 2, T::code, R::always, 0, 0, "1|2|3"},
      {"SK", "old_branch", "枝番(請求)", 3, T::digits, R::optional, 2, 2, nullptr},
      {"SK", "new_insurer", "新保険者番号", 4, T::digits, R::transfer, 6, 8, nullptr},
      {"SK", "new_symbol", "新記号", 5, T::text, R::optional, 0, 38, nullptr},
      {"SK", "new_number", "新番号", 6, T::text, R::transfer, 0, 38, nullptr},
      {"SK", "new_branch", "新枝番", 7, T::digits, R::optional, 2, 2, nullptr},
      {"SK", "new_acquired", "資格取得年月日", 8, T::date, R::optional, 0, 0, nullptr},
      {"SK", "old_lost", "資格喪失年月日", 9, T::date, R::optional, 0, 0, nullptr},
      {"SK", "split_date", "分割年月日", 10, T::date, R::split, 0, 0, nullptr},
      {"SK", "new_points", "分割後点数(新)", 11, T::digits, R::optional, 1, 8, nullptr},
      // 件数レコード: last, the number of results.
      {"GO", "count", "件数", 2, T::digits, R::always, 1, 6, nullptr},
  };
  return layout;
}

namespace {

const char* const kComponent = "claims";

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// The first year of each era of the receipt's era code (1 明治 .. 5 令和).
int era_base(char code) {
  switch (code) {
    case '1':
      return 1868;
    case '2':
      return 1912;
    case '3':
      return 1926;
    case '4':
      return 1989;
    case '5':
      return 2019;
  }
  return 0;
}

/// GYYMM[DD] -> YYYYMM[DD]; "" when the era is unknown.
std::string western(const std::string& v) {
  const int base = era_base(v[0]);
  if (base == 0) return {};
  const int year = base + std::stoi(v.substr(1, 2)) - 1;
  return std::to_string(year) + v.substr(3);
}

std::string month_value(const std::string& v) {
  std::string m;
  if (all_digits(v) && v.size() == 5) m = western(v);
  if (all_digits(v) && v.size() == 6) m = v;
  if (m.size() != 6 || !model::is_valid_date8(m + "01") || m < "190001") return {};
  return m;
}

std::string date_value(const std::string& v) {
  std::string d;
  if (all_digits(v) && v.size() == 7) d = western(v);
  if (all_digits(v) && v.size() == 8) d = v;
  if (d.size() != 8 || !model::is_valid_date8(d) || d < "19000101") return {};
  return d;
}

/// One line's fields by the layout: name -> checked value ("" = empty).
using Values = std::map<std::string, std::string>;

[[noreturn]] void refuse_field(int line, const ClaimField& f, const std::string& problem) {
  throw ClaimFileError(line, f.record, f.name,
                       tr("line {1}: record {2}, field {3} ({4}, column {5}): {6}", line, f.record,
                          f.name, f.label, f.position, problem));
}

Values read_record(int line, const std::string& type, const std::vector<std::string>& cols,
                   const std::string& result_class) {
  Values out;
  for (const ClaimField& f : claim_layout()) {
    if (type != f.record) continue;
    const std::size_t i = static_cast<std::size_t>(f.position - 1);
    const std::string raw = i < cols.size() ? cols[i] : std::string();
    const bool needed =
        f.required == ClaimRequired::always ||
        (f.required == ClaimRequired::transfer && (result_class == "1" || result_class == "2")) ||
        (f.required == ClaimRequired::split && result_class == "2");
    if (raw.empty()) {
      if (needed) refuse_field(line, f, tr("required, but empty"));
      out[f.name] = "";
      continue;
    }
    std::string value = raw;
    switch (f.type) {
      case ClaimFieldType::code: {
        const std::string allowed = f.allowed;
        bool ok = false;
        std::size_t pos = 0;
        while (pos <= allowed.size()) {
          std::size_t end = allowed.find('|', pos);
          if (end == std::string::npos) end = allowed.size();
          if (allowed.compare(pos, end - pos, raw) == 0 && end - pos == raw.size()) ok = true;
          pos = end + 1;
        }
        if (!ok)
          refuse_field(line, f, tr("\"{1}\" is not one of {2}", raw, std::string(f.allowed)));
        break;
      }
      case ClaimFieldType::digits:
        if (!all_digits(raw) || raw.size() < static_cast<std::size_t>(f.min_len) ||
            raw.size() > static_cast<std::size_t>(f.max_len))
          refuse_field(
              line, f,
              tr("\"{1}\" is not a number of {2} to {3} digits", raw, f.min_len, f.max_len));
        break;
      case ClaimFieldType::text:
        for (unsigned char c : raw)
          if (c < 0x20 || c == 0x7F) refuse_field(line, f, tr("contains a control character"));
        if (utf8_chars(raw) > static_cast<std::size_t>(f.max_len))
          refuse_field(line, f, tr("longer than {1} characters", f.max_len));
        break;
      case ClaimFieldType::month:
        value = month_value(raw);
        if (value.empty())
          refuse_field(line, f, tr("\"{1}\" is not a month (YYYYMM or era GYYMM)", raw));
        break;
      case ClaimFieldType::date:
        value = date_value(raw);
        if (value.empty())
          refuse_field(line, f, tr("\"{1}\" is not a date (YYYYMMDD or era GYYMMDD)", raw));
        break;
    }
    out[f.name] = value;
  }
  return out;
}

std::optional<std::string> opt(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::optional<long long> opt_number(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<long long>(std::stoll(s));
}

/// The bytes as UTF-8 text, and which encoding they were.
std::string decode(std::string_view bytes, model::Encoding& encoding) {
  if (bytes.empty()) throw ClaimFileError(0, "", "", tr("the file is empty"));
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos)
    throw ClaimFileError(0, "", "",
                         tr("the file is neither UTF-8 nor Shift_JIS text (a NUL byte at offset "
                            "{1})",
                            static_cast<long long>(nul)));
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t bad = text::find_invalid_utf8(bytes);
  if (bad == std::string_view::npos) {
    encoding = model::Encoding::utf8;
    return std::string(bytes);
  }
  try {
    encoding = model::Encoding::cp932;
    return text::cp932_to_utf8(bytes, "claims");
  } catch (const RefusedError& e) {
    throw ClaimFileError(
        0, "", "",
        tr("the file is neither UTF-8 nor Shift_JIS text (undecodable bytes at "
           "offset {1})",
           static_cast<long long>(e.offset() == RefusedError::npos ? bad : e.offset())));
  }
}

std::vector<std::string> split_columns(const std::string& line) {
  std::vector<std::string> cols;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = line.find(',', pos);
    if (end == std::string::npos) {
      cols.push_back(line.substr(pos));
      return cols;
    }
    cols.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
}

const char* result_class_name(const std::string& code) {
  return code == "1" ? "transferred" : code == "2" ? "split" : "unconfirmed";
}

}  // namespace

ParsedClaimFile parse_claim_file(std::string_view bytes) {
  ParsedClaimFile out;
  const std::string text = decode(bytes, out.encoding);
  bool header = false, trailer = false;
  std::optional<store::ClaimTransfer> current;
  bool has_ho = false, has_sk = false;
  auto out_of_place = [](int line, const std::string& type, const char* why) {
    throw ClaimFileError(line, type, "",
                         tr("line {1}: record {2} out of place ({3})", line, type, tr(why)));
  };
  auto close_result = [&](int line, const std::string& type) {
    if (!current) return;
    if (!has_ho)
      out_of_place(line, type, N_("the claim of the previous RE record has no HO record"));
    if (!has_sk)
      out_of_place(line, type, N_("the claim of the previous RE record has no SK record"));
    out.results.push_back(std::move(*current));
    current.reset();
  };
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line == "\x1a") continue;  // blank line, DOS end-of-file mark
    const std::vector<std::string> cols = split_columns(line);
    const std::string& type = cols.front();
    bool known = false;
    for (const ClaimField& f : claim_layout()) known = known || type == f.record;
    if (!known)
      throw ClaimFileError(line_no, type, "",
                           tr("line {1}: unknown record type \"{2}\"", line_no, type));
    if (trailer) out_of_place(line_no, type, N_("after the GO record"));
    if (!header && type != "IR") out_of_place(line_no, type, N_("the file must start with IR"));
    if (type == "IR") {
      if (header) out_of_place(line_no, type, N_("a second IR record"));
      const Values v = read_record(line_no, type, cols, "");
      header = true;
      out.header_line = line_no;
      out.review_body = v.at("review_body");
      out.institution_code = v.at("prefecture") + v.at("point_table") + v.at("institution_code");
      out.institution_name = v.at("institution_name");
      out.billing_month = v.at("billing_month");
    } else if (type == "RE") {
      close_result(line_no, type);
      const Values v = read_record(line_no, type, cols, "");
      store::ClaimTransfer t;
      t.line = line_no;
      t.billing_month = out.billing_month;
      t.receipt_number = v.at("receipt_number");
      t.receipt_kind = opt(v.at("receipt_kind"));
      t.claim_month = v.at("claim_month");
      t.name = v.at("name");
      t.sex = v.at("sex");
      t.birthdate = v.at("birthdate");
      t.chart_number = opt(v.at("chart_number"));
      t.kana = opt(v.at("kana"));
      current = std::move(t);
      has_ho = has_sk = false;
    } else if (type == "HO") {
      if (!current) out_of_place(line_no, type, N_("no RE record before it"));
      if (has_ho) out_of_place(line_no, type, N_("a second HO record for one claim"));
      const Values v = read_record(line_no, type, cols, "");
      current->old_insurer = v.at("old_insurer");
      current->old_symbol = opt(v.at("old_symbol"));
      current->old_number = v.at("old_number");
      current->points = opt_number(v.at("points"));
      has_ho = true;
    } else if (type == "SK") {
      if (!current) out_of_place(line_no, type, N_("no RE record before it"));
      if (has_sk) out_of_place(line_no, type, N_("a second SK record for one claim"));
      // The class decides which other fields are required: read it first.
      const std::string cls =
          read_record(line_no, type, {cols.front(), cols.size() > 1 ? cols[1] : std::string()}, "")
              .at("result_class");
      const Values v = read_record(line_no, type, cols, cls);
      current->result_class = result_class_name(cls);
      current->old_branch = opt(v.at("old_branch"));
      current->new_insurer = opt(v.at("new_insurer"));
      current->new_symbol = opt(v.at("new_symbol"));
      current->new_number = opt(v.at("new_number"));
      current->new_branch = opt(v.at("new_branch"));
      current->new_acquired = opt(v.at("new_acquired"));
      current->old_lost = opt(v.at("old_lost"));
      current->split_date = opt(v.at("split_date"));
      current->new_points = opt_number(v.at("new_points"));
      has_sk = true;
    } else if (type == "GO") {
      close_result(line_no, type);
      const Values v = read_record(line_no, type, cols, "");
      const long long count = std::stoll(v.at("count"));
      if (count != static_cast<long long>(out.results.size()))
        throw ClaimFileError(line_no, type, "count",
                             tr("line {1}: the GO record counts {2} results, the file holds {3}",
                                line_no, count, static_cast<long long>(out.results.size())));
      trailer = true;
    }
  }
  if (!header) throw ClaimFileError(0, "IR", "", tr("the file has no IR record"));
  if (!trailer)
    throw ClaimFileError(line_no, "GO", "", tr("the file ends without its GO record (cut short?)"));
  return out;
}

std::string claim_card_text(const std::string& insurer, const std::optional<std::string>& symbol,
                            const std::string& number, const std::optional<std::string>& branch) {
  std::string s = insurer;
  for (const std::optional<std::string>& part :
       {symbol, std::optional<std::string>(number), branch})
    if (part && !part->empty()) s += " / " + *part;
  return s;
}

void decide_claim_action(db::Connection& conn, int hospnum, store::ClaimTransfer& t) {
  t.billed_hknid.reset();
  t.new_hknid.reset();
  if (!t.ptid) {
    t.action = "link";
    return;
  }
  if (std::optional<int> h =
          host::insurance_in_month_by_card(conn, hospnum, *t.ptid, t.claim_month, t.old_insurer,
                                           t.old_symbol.value_or(""), t.old_number))
    t.billed_hknid = *h;
  if (t.result_class == "unconfirmed" || !t.new_insurer || !t.new_number) {
    t.action = "undecided";
    return;
  }
  const std::optional<host::RegisteredInsurance> reg = host::registered_insurance_by_card(
      conn, hospnum, *t.ptid, std::string(text::strip_insurer_padding(*t.new_insurer)),
      *t.new_number, t.new_symbol.value_or(""));
  if (reg) t.new_hknid = reg->hknid;
  t.action = reg ? "none" : "change";
}

ClaimActionMessage claim_action(const store::ClaimTransfer& t) {
  const std::string card = t.new_insurer ? claim_card_text(*t.new_insurer, t.new_symbol,
                                                           t.new_number.value_or(""), t.new_branch)
                                         : std::string();
  if (t.action == "none")
    return {"ONSHI-S-6050", {card, t.new_hknid ? std::to_string(*t.new_hknid) : std::string()}};
  if (t.action == "change" && t.result_class == "split")
    return {"ONSHI-S-6052", {card, t.split_date.value_or("")}};
  if (t.action == "change")
    return {"ONSHI-S-6051", {card, t.new_acquired.value_or(t.claim_month + "01")}};
  if (t.action == "undecided") return {"ONSHI-S-6053", {}};
  return {"ONSHI-S-6054", {}};
}

ClaimImport import_claim_file(db::Connection& conn, const db::FacilitySettings& facility,
                              const std::string& path, const std::string& userid) {
  const std::string name = std::filesystem::path(path).filename().string();
  ClaimImport out;
  std::string bytes, sha;
  ParsedClaimFile parsed;
  try {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw ClaimFileError(0, "", "", tr("cannot read {1}: {2}", path, ec.message()));
    if (size > kMaxClaimFileBytes)
      throw ClaimFileError(
          0, "", "",
          tr("the file is too large ({1} bytes; at most {2})", static_cast<long long>(size),
             static_cast<long long>(kMaxClaimFileBytes)));
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
      throw ClaimFileError(0, "", "", tr("cannot read {1}: {2}", path, "I/O error"));
    sha = sha256_hex(bytes);
    if (std::optional<store::ClaimTransferFile> f =
            store::find_claim_file(conn, facility.hospnum, sha)) {
      out.duplicate = true;
      out.file = *f;
      log::write(log::Level::info, kComponent, msg::kClaimDuplicate,
                 tr("facility {1}: {2} was imported before as file {3} ({4}); nothing done",
                    facility.hospnum, name, f->file_id, f->imported_at),
                 facility.hospnum);
      return out;
    }
    parsed = parse_claim_file(bytes);
    if (parsed.institution_code != facility.institution_code &&
        parsed.institution_code != facility.predecessor_code.value_or(""))
      throw ClaimFileError(
          parsed.header_line, "IR", "institution_code",
          tr("line {1}: institution code {2} is neither this facility's ({3}) nor its "
             "predecessor's",
             parsed.header_line, parsed.institution_code, facility.institution_code));
  } catch (const ClaimFileError& e) {
    log::write(log::Level::warning, kComponent, msg::kClaimRefused,
               tr("facility {1}: {2} refused: {3}", facility.hospnum, name, e.what()),
               facility.hospnum);
    throw;
  }
  out.file.hospnum = facility.hospnum;
  out.file.sha256 = sha;
  out.file.file_name = name;
  out.file.file_size = static_cast<long long>(bytes.size());
  out.file.encoding = model::encoding_declaration_name(parsed.encoding);
  out.file.institution_code = parsed.institution_code;
  out.file.billing_month = parsed.billing_month;
  out.file.review_body = parsed.review_body;
  out.file.results = static_cast<int>(parsed.results.size());
  out.file.imported_by = userid;
  db::Transaction tx(conn);
  out.file.file_id = store::insert_claim_file(conn, out.file);
  host::PgPatientSource source(conn, facility.hospnum);
  for (store::ClaimTransfer& t : parsed.results) {
    t.file_id = out.file.file_id;
    match::ClaimPerson person;
    person.insurer = t.old_insurer;
    person.symbol = t.old_symbol.value_or("");
    person.number = t.old_number;
    person.branch = t.old_branch.value_or("");
    person.name = t.name;
    person.kana = t.kana.value_or("");
    person.birthdate = t.birthdate;
    person.sex = t.sex;
    const match::ResultLink link = match::link_claim(person, source, [&](const match::Coverage& c) {
      return host::insurance_valid_in_month(conn, facility.hospnum, c.patient.ptid, c.id,
                                            t.claim_month);
    });
    t.link_state = match::link_state_name(link.state);
    if (link.state == match::LinkState::linked) {
      t.ptid = link.ptid;
      t.linked_by = match::linked_by_name(link.by);
      ++out.linked;
    }
    t.candidates = link.candidates;
    decide_claim_action(conn, facility.hospnum, t);
    if (t.action != "none") ++out.todo;
    t.transfer_id = store::insert_claim_transfer(conn, facility.hospnum, t);
  }
  tx.commit();
  out.file.imported_at = store::find_claim_file(conn, facility.hospnum, sha)->imported_at;
  log::write(log::Level::info, kComponent, msg::kClaimImported,
             tr("facility {1}: {2} imported as file {3}: {4} result(s), {5} linked, {6} to "
                "change or decide",
                facility.hospnum, name, out.file.file_id, out.file.results, out.linked, out.todo),
             facility.hospnum);
  return out;
}

store::ClaimTransfer resolve_claim_transfer(db::Connection& conn, int hospnum,
                                            long long transfer_id, long long ptid,
                                            const std::string& userid) {
  db::Transaction tx(conn);
  std::optional<store::ClaimTransfer> t =
      store::find_claim_transfer(conn, hospnum, transfer_id, true);
  if (!t)
    throw ClaimLinkRefused(
        ClaimLinkRefusal::no_such_result,
        tr("facility {1} has no claim transfer result {2}", hospnum, transfer_id));
  if (t->link_state == "linked")
    throw ClaimLinkRefused(
        ClaimLinkRefusal::already_linked,
        tr("result {1} is linked to patient id {2} already", transfer_id, t->ptid.value_or(0)));
  const std::optional<std::string> test = host::test_patient_flag(conn, hospnum, ptid);
  if (!test)
    throw ClaimLinkRefused(ClaimLinkRefusal::no_such_patient,
                           tr("facility {1} has no patient id {2}", hospnum, ptid));
  if (*test == "1")
    throw ClaimLinkRefused(ClaimLinkRefusal::test_patient,
                           tr("patient id {1} is a test patient", ptid));
  const std::string was = t->link_state;
  t->ptid = ptid;
  t->link_state = "linked";
  t->linked_by = "staff";
  decide_claim_action(conn, hospnum, *t);
  store::link_claim_transfer(conn, hospnum, transfer_id, ptid, t->billed_hknid, t->new_hknid,
                             t->action, userid);
  store::insert_audit(
      conn, hospnum, userid, "change", "claim", ptid, transfer_id,
      "claim transfer result linked by staff (was " + was + "); action " + t->action);
  tx.commit();
  log::write(log::Level::info, kComponent, msg::kClaimLinked,
             tr("facility {1}: claim transfer result {2} linked to patient id {3} by {4}", hospnum,
                transfer_id, ptid, userid),
             hospnum);
  return *store::find_claim_transfer(conn, hospnum, transfer_id);
}

}  // namespace onshi::exchange
