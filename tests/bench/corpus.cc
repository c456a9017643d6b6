// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The generator's data tables. Japanese text is written as \u escapes (sources stay ASCII); every
// string is JIS X 0208 or half-width kana, so strict Shift_JIS converters agree with CP932 on it.
// People, employers and drug makers are invented; insurer numbers carry a correct check digit.
#include "corpus.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "model/kind.h"
#include "xml/writer.h"

namespace onshi::bench {
namespace {

struct Name {
  const char* kanji;
  const char* kana;  ///< half-width katakana, as NameKana carries it
};
struct Town {
  const char* name;
  const char* post;
};
struct Insurer {
  const char* law;   ///< 法別番号
  const char* pref;  ///< 都道府県番号
  const char* name;
};
struct Region {
  const char* pref;
  const char* name;
};
struct Drug {
  const char* name;
  const char* ingredient;
  const char* unit;
  const char* usage;
  const char* treatment_class;  ///< MeTrIdCl (21 internal, 22 as needed, 23 external)
};
struct Clinic {
  const char* org;  ///< DiOrg: 1 医科, 3 調剤
  const char* name;
};
struct CheckupItem {
  const char* code;
  const char* name;
  const char* type;
  const char* unit;
  int lo, hi;  ///< value range, in tenths when decimals is 1
  int decimals;
};
struct Question {
  const char* code;
  const char* name;
};

const Name kFamilies[] = {
    {"\u4F50\u85E4", "\uFF7B\uFF84\uFF73"},                    // Sato
    {"\u9234\u6728", "\uFF7D\uFF7D\uFF9E\uFF77"},              // Suzuki
    {"\u9AD8\u6A4B", "\uFF80\uFF76\uFF8A\uFF7C"},              // Takahashi
    {"\u7530\u4E2D", "\uFF80\uFF85\uFF76"},                    // Tanaka
    {"\u4F0A\u85E4", "\uFF72\uFF84\uFF73"},                    // Ito
    {"\u6E21\u8FBA", "\uFF9C\uFF80\uFF85\uFF8D\uFF9E"},        // Watanabe
    {"\u5C71\u672C", "\uFF94\uFF8F\uFF93\uFF84"},              // Yamamoto
    {"\u4E2D\u6751", "\uFF85\uFF76\uFF91\uFF97"},              // Nakamura
    {"\u5C0F\u6797", "\uFF7A\uFF8A\uFF9E\uFF94\uFF7C"},        // Kobayashi
    {"\u52A0\u85E4", "\uFF76\uFF84\uFF73"},                    // Kato
    {"\u5409\u7530", "\uFF96\uFF7C\uFF80\uFF9E"},              // Yoshida
    {"\u5C71\u7530", "\uFF94\uFF8F\uFF80\uFF9E"},              // Yamada
    {"\u4F50\u3005\u6728", "\uFF7B\uFF7B\uFF77"},              // Sasaki
    {"\u5C71\u53E3", "\uFF94\uFF8F\uFF78\uFF9E\uFF81"},        // Yamaguchi
    {"\u677E\u672C", "\uFF8F\uFF82\uFF93\uFF84"},              // Matsumoto
    {"\u4E95\u4E0A", "\uFF72\uFF89\uFF73\uFF74"},              // Inoue
    {"\u6728\u6751", "\uFF77\uFF91\uFF97"},                    // Kimura
    {"\u6797", "\uFF8A\uFF94\uFF7C"},                          // Hayashi
    {"\u658E\u85E4", "\uFF7B\uFF72\uFF84\uFF73"},              // Saito
    {"\u6E05\u6C34", "\uFF7C\uFF90\uFF7D\uFF9E"},              // Shimizu
    {"\u5C71\u5D0E", "\uFF94\uFF8F\uFF7B\uFF9E\uFF77"},        // Yamazaki
    {"\u68EE", "\uFF93\uFF98"},                                // Mori
    {"\u6C60\u7530", "\uFF72\uFF79\uFF80\uFF9E"},              // Ikeda
    {"\u6A4B\u672C", "\uFF8A\uFF7C\uFF93\uFF84"},              // Hashimoto
    {"\u963F\u90E8", "\uFF71\uFF8D\uFF9E"},                    // Abe
    {"\u77F3\u5DDD", "\uFF72\uFF7C\uFF76\uFF9C"},              // Ishikawa
    {"\u524D\u7530", "\uFF8F\uFF74\uFF80\uFF9E"},              // Maeda
    {"\u85E4\u7530", "\uFF8C\uFF7C\uFF9E\uFF80"},              // Fujita
    {"\u5F8C\u85E4", "\uFF7A\uFF9E\uFF84\uFF73"},              // Goto
    {"\u9577\u8C37\u5DDD", "\uFF8A\uFF7E\uFF76\uFF9E\uFF9C"},  // Hasegawa
    {"\u6751\u4E0A", "\uFF91\uFF97\uFF76\uFF90"},              // Murakami
    {"\u8FD1\u85E4", "\uFF7A\uFF9D\uFF84\uFF9E\uFF73"},        // Kondo
    {"\u5742\u672C", "\uFF7B\uFF76\uFF93\uFF84"},              // Sakamoto
    {"\u9060\u85E4", "\uFF74\uFF9D\uFF84\uFF9E\uFF73"},        // Endo
    {"\u9752\u6728", "\uFF71\uFF75\uFF77"},                    // Aoki
    {"\u85E4\u4E95", "\uFF8C\uFF7C\uFF9E\uFF72"},              // Fujii
    {"\u897F\u6751", "\uFF86\uFF7C\uFF91\uFF97"},              // Nishimura
    {"\u798F\u7530", "\uFF8C\uFF78\uFF80\uFF9E"},              // Fukuda
    {"\u592A\u7530", "\uFF75\uFF75\uFF80"},                    // Ota
    {"\u4E09\u6D66", "\uFF90\uFF73\uFF97"},                    // Miura
    {"\u5CA1\u672C", "\uFF75\uFF76\uFF93\uFF84"},              // Okamoto
    {"\u677E\u7530", "\uFF8F\uFF82\uFF80\uFF9E"},              // Matsuda
    {"\u4E2D\u5DDD", "\uFF85\uFF76\uFF76\uFF9E\uFF9C"},        // Nakagawa
    {"\u539F\u7530", "\uFF8A\uFF97\uFF80\uFF9E"},              // Harada
    {"\u5C0F\u91CE", "\uFF75\uFF89"},                          // Ono
    {"\u7AF9\u5185", "\uFF80\uFF79\uFF73\uFF81"},              // Takeuchi
    {"\u91D1\u5B50", "\uFF76\uFF88\uFF7A"},                    // Kaneko
    {"\u548C\u7530", "\uFF9C\uFF80\uFF9E"},                    // Wada
    {"\u4E2D\u91CE", "\uFF85\uFF76\uFF89"},                    // Nakano
    {"\u4ECA\u4E95", "\uFF72\uFF8F\uFF72"},                    // Imai
};
const Name kMaleNames[] = {
    {"\u592A\u90CE", "\uFF80\uFF9B\uFF73"},              // Taro
    {"\u5065\u4E00", "\uFF79\uFF9D\uFF72\uFF81"},        // Ken'ichi
    {"\u7FD4\u592A", "\uFF7C\uFF6E\uFF73\uFF80"},        // Shota
    {"\u5927\u8F14", "\uFF80\uFF9E\uFF72\uFF7D\uFF79"},  // Daisuke
    {"\u8AA0", "\uFF8F\uFF7A\uFF84"},                    // Makoto
    {"\u6D69", "\uFF8B\uFF9B\uFF7C"},                    // Hiroshi
    {"\u9686", "\uFF80\uFF76\uFF7C"},                    // Takashi
    {"\u84EE", "\uFF9A\uFF9D"},                          // Ren
    {"\u60A0\u771F", "\uFF95\uFF73\uFF8F"},              // Yuma
    {"\u6E4A", "\uFF90\uFF85\uFF84"},                    // Minato
    {"\u967D\u7FD4", "\uFF8A\uFF99\uFF84"},              // Haruto
    {"\u4E00\u90CE", "\uFF72\uFF81\uFF9B\uFF73"},        // Ichiro
    {"\u4FEE", "\uFF75\uFF7B\uFF91"},                    // Osamu
    {"\u8302", "\uFF7C\uFF79\uFF9E\uFF99"},              // Shigeru
    {"\u52C7\u6C17", "\uFF95\uFF73\uFF77"},              // Yuki
    {"\u62D3\u4E5F", "\uFF80\uFF78\uFF94"},              // Takuya
    {"\u76F4\u6A39", "\uFF85\uFF75\uFF77"},              // Naoki
    {"\u548C\u592B", "\uFF76\uFF7D\uFF9E\uFF75"},        // Kazuo
    {"\u6E05", "\uFF77\uFF96\uFF7C"},                    // Kiyoshi
    {"\u535A\u4E4B", "\uFF8B\uFF9B\uFF95\uFF77"},        // Hiroyuki
};
const Name kFemaleNames[] = {
    {"\u82B1\u5B50", "\uFF8A\uFF85\uFF7A"},        // Hanako
    {"\u967D\u5B50", "\uFF96\uFF73\uFF7A"},        // Yoko
    {"\u7F8E\u54B2", "\uFF90\uFF7B\uFF77"},        // Misaki
    {"\u7D50\u8863", "\uFF95\uFF72"},              // Yui
    {"\u6075\u5B50", "\uFF79\uFF72\uFF7A"},        // Keiko
    {"\u5E78\u5B50", "\uFF7B\uFF81\uFF7A"},        // Sachiko
    {"\u7531\u7F8E", "\uFF95\uFF90"},              // Yumi
    {"\u3055\u304F\u3089", "\uFF7B\uFF78\uFF97"},  // Sakura
    {"\u967D\u8475", "\uFF8B\uFF8F\uFF98"},        // Himari
    {"\u51DB", "\uFF98\uFF9D"},                    // Rin
    {"\u82BD\u4F9D", "\uFF92\uFF72"},              // Mei
    {"\u667A\u5B50", "\uFF84\uFF93\uFF7A"},        // Tomoko
    {"\u4E45\u7F8E\u5B50", "\uFF78\uFF90\uFF7A"},  // Kumiko
    {"\u548C\u5B50", "\uFF76\uFF7D\uFF9E\uFF7A"},  // Kazuko
    {"\u5343\u5C0B", "\uFF81\uFF8B\uFF9B"},        // Chihiro
    {"\u771F\u7531\u7F8E", "\uFF8F\uFF95\uFF90"},  // Mayumi
    {"\u611B", "\uFF71\uFF72"},                    // Ai
    {"\u8475", "\uFF71\uFF75\uFF72"},              // Aoi
    {"\u7BC0\u5B50", "\uFF7E\uFF82\uFF7A"},        // Setsuko
    {"\u7F8E\u7A42", "\uFF90\uFF8E"},              // Miho
};
const Town kTowns[] = {
    {"\u6771\u4EAC\u90FD\u4E16\u7530\u8C37\u533A\u685C\u65B0\u753A", "154-0015"},
    {"\u6771\u4EAC\u90FD\u6749\u4E26\u533A\u963F\u4F50\u8C37\u5317", "166-0001"},
    {"\u6771\u4EAC\u90FD\u7DF4\u99AC\u533A\u8C4A\u7389\u5317", "176-0012"},
    {"\u6771\u4EAC\u90FD\u5927\u7530\u533A\u84B2\u7530", "144-0052"},
    {"\u6771\u4EAC\u90FD\u6C5F\u6238\u5DDD\u533A\u897F\u845B\u897F", "134-0088"},
    {"\u6771\u4EAC\u90FD\u8DB3\u7ACB\u533A\u5343\u4F4F", "120-0034"},
    {"\u6771\u4EAC\u90FD\u54C1\u5DDD\u533A\u5927\u4E95", "140-0014"},
    {"\u6771\u4EAC\u90FD\u4E2D\u91CE\u533A\u4E2D\u592E", "164-0011"},
    {"\u6771\u4EAC\u90FD\u677F\u6A4B\u533A\u5927\u5C71\u753A", "173-0023"},
    {"\u6771\u4EAC\u90FD\u5317\u533A\u8D64\u7FBD", "115-0045"},
    {"\u795E\u5948\u5DDD\u770C\u5DDD\u5D0E\u5E02\u4E2D\u539F\u533A\u5C0F\u6749\u753A", "211-0063"},
    {"\u795E\u5948\u5DDD\u770C\u6A2A\u6D5C\u5E02\u6E2F\u5317\u533A\u65E5\u5409", "223-0061"},
    {"\u57FC\u7389\u770C\u3055\u3044\u305F\u307E\u5E02\u6D66\u548C\u533A\u9AD8\u7802", "330-0063"},
    {"\u5343\u8449\u770C\u5E02\u5DDD\u5E02\u516B\u5E61", "272-0021"},
    {"\u6771\u4EAC\u90FD\u5E9C\u4E2D\u5E02\u5BAE\u897F\u753A", "183-0022"},
    {"\u6771\u4EAC\u90FD\u516B\u738B\u5B50\u5E02\u65ED\u753A", "192-0083"},
};
const char* const kBuildings[] = {"",
                                  "",
                                  "",
                                  "",
                                  "\u30B0\u30EA\u30FC\u30F3\u30CF\u30A4\u30C4",
                                  "\u30E1\u30BE\u30F3\u685C",
                                  "\u30B5\u30F3\u30B7\u30E3\u30A4\u30F3\u7B2C\uFF12\u30D3\u30EB",
                                  "\u30D1\u30FC\u30AF\u30B5\u30A4\u30C9\u6771",
                                  "\u30B3\u30FC\u30DD\u677E\u98A8"};
const Insurer kInsurers[] = {
    {"01", "13", "\u5168\u56FD\u5065\u5EB7\u4FDD\u967A\u5354\u4F1A\u6771\u4EAC\u652F\u90E8"},
    {"01", "14", "\u5168\u56FD\u5065\u5EB7\u4FDD\u967A\u5354\u4F1A\u795E\u5948\u5DDD\u652F\u90E8"},
    {"01", "11", "\u5168\u56FD\u5065\u5EB7\u4FDD\u967A\u5354\u4F1A\u57FC\u7389\u652F\u90E8"},
    {"06", "13", "\u6771\u4EAC\u67B6\u7A7A\u7523\u696D\u5065\u5EB7\u4FDD\u967A\u7D44\u5408"},
    {"06", "13", "\u65E5\u672C\u6A21\u64EC\u96FB\u6A5F\u5065\u5EB7\u4FDD\u967A\u7D44\u5408"},
    {"06", "13", "\u9996\u90FD\u570F\u8A66\u9A13\u904B\u8F38\u5065\u5EB7\u4FDD\u967A\u7D44\u5408"},
    {"06", "27", "\u95A2\u897F\u67B6\u7A7A\u5546\u4E8B\u5065\u5EB7\u4FDD\u967A\u7D44\u5408"},
    {"31", "13",
     "\u56FD\u5BB6\u516C\u52D9\u54E1\u5171\u6E08\u7D44\u5408\uFF08\u67B6\u7A7A\u7701\uFF09"},
    {"32", "13", "\u5730\u65B9\u8077\u54E1\u5171\u6E08\u7D44\u5408\u6771\u4EAC\u90FD\u652F\u90E8"},
    {"34", "13", "\u516C\u7ACB\u5B66\u6821\u5171\u6E08\u7D44\u5408\u6771\u4EAC\u652F\u90E8"},
};
const Region kKokuho[] = {
    {"13", "\u4E16\u7530\u8C37\u533A"},
    {"13", "\u6749\u4E26\u533A"},
    {"13", "\u7DF4\u99AC\u533A"},
    {"13", "\u5927\u7530\u533A"},
    {"13", "\u6C5F\u6238\u5DDD\u533A"},
    {"13", "\u8DB3\u7ACB\u533A"},
    {"14", "\u5DDD\u5D0E\u5E02"},
    {"11", "\u3055\u3044\u305F\u307E\u5E02"},
    {"12", "\u5E02\u5DDD\u5E02"},
    {"13", "\u6771\u4EAC\u90FD\u533B\u5E2B\u56FD\u6C11\u5065\u5EB7\u4FDD\u967A\u7D44\u5408"},
};
const Region kKoki[] = {
    {"13", "\u6771\u4EAC\u90FD\u5F8C\u671F\u9AD8\u9F62\u8005\u533B\u7642\u5E83\u57DF\u9023\u5408"},
    {"14",
     "\u795E\u5948\u5DDD\u770C\u5F8C\u671F\u9AD8\u9F62\u8005\u533B\u7642\u5E83\u57DF\u9023\u5408"},
    {"11", "\u57FC\u7389\u770C\u5F8C\u671F\u9AD8\u9F62\u8005\u533B\u7642\u5E83\u57DF\u9023\u5408"},
    {"12", "\u5343\u8449\u770C\u5F8C\u671F\u9AD8\u9F62\u8005\u533B\u7642\u5E83\u57DF\u9023\u5408"},
};
const Drug kDrugs[] = {
    {"\u30A2\u30E0\u30ED\u30B8\u30D4\u30F3\u9320\uFF15\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30A2\u30E0\u30ED\u30B8\u30D4\u30F3\u30D9\u30B7\u30EB\u9178\u5869", "\u9320",
     "\uFF11\u65E5\uFF11\u56DE\u671D\u98DF\u5F8C", "21"},
    {"\u30ED\u30B9\u30D0\u30B9\u30BF\u30C1\u30F3\u9320\uFF12\uFF0E\uFF15\uFF4D\uFF47\u300C\u67B6"
     "\u7A7A\u300D",
     "\u30ED\u30B9\u30D0\u30B9\u30BF\u30C1\u30F3\u30AB\u30EB\u30B7\u30A6\u30E0", "\u9320",
     "\uFF11\u65E5\uFF11\u56DE\u5915\u98DF\u5F8C", "21"},
    {"\u30E1\u30C8\u30DB\u30EB\u30DF\u30F3\u5869\u9178\u5869\u9320\uFF12\uFF15\uFF10\uFF4D\uFF47"
     "\uFF2D\uFF34\u300C\u67B6\u7A7A\u300D",
     "\u30E1\u30C8\u30DB\u30EB\u30DF\u30F3\u5869\u9178\u5869", "\u9320",
     "\uFF11\u65E5\uFF12\u56DE\u671D\u5915\u98DF\u5F8C", "21"},
    {"\u30E9\u30F3\u30BD\u30D7\u30E9\u30BE\u30FC\u30EB\uFF2F\uFF24\u9320\uFF11\uFF15\uFF4D\uFF47"
     "\u300C\u67B6\u7A7A\u300D",
     "\u30E9\u30F3\u30BD\u30D7\u30E9\u30BE\u30FC\u30EB", "\u9320",
     "\uFF11\u65E5\uFF11\u56DE\u671D\u98DF\u5F8C", "21"},
    {"\u30ED\u30AD\u30BD\u30D7\u30ED\u30D5\u30A7\u30F3\uFF2E\uFF41\u9320\uFF16\uFF10\uFF4D\uFF47"
     "\u300C\u67B6\u7A7A\u300D",
     "\u30ED\u30AD\u30BD\u30D7\u30ED\u30D5\u30A7\u30F3\u30CA\u30C8\u30EA\u30A6\u30E0\u6C34\u548C"
     "\u7269",
     "\u9320", "\uFF11\u65E5\uFF13\u56DE\u6BCE\u98DF\u5F8C", "21"},
    {"\u30EC\u30D0\u30DF\u30D4\u30C9\u9320\uFF11\uFF10\uFF10\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30EC\u30D0\u30DF\u30D4\u30C9", "\u9320", "\uFF11\u65E5\uFF13\u56DE\u6BCE\u98DF\u5F8C",
     "21"},
    {"\u30AB\u30F3\u30C7\u30B5\u30EB\u30BF\u30F3\u9320\uFF18\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30AB\u30F3\u30C7\u30B5\u30EB\u30BF\u30F3\u30B7\u30EC\u30AD\u30BB\u30C1\u30EB", "\u9320",
     "\uFF11\u65E5\uFF11\u56DE\u671D\u98DF\u5F8C", "21"},
    {"\u30A2\u30C8\u30EB\u30D0\u30B9\u30BF\u30C1\u30F3\u9320\uFF11\uFF10\uFF4D\uFF47\u300C\u67B6"
     "\u7A7A\u300D",
     "\u30A2\u30C8\u30EB\u30D0\u30B9\u30BF\u30C1\u30F3\u30AB\u30EB\u30B7\u30A6\u30E0\u6C34\u548C"
     "\u7269",
     "\u9320", "\uFF11\u65E5\uFF11\u56DE\u5915\u98DF\u5F8C", "21"},
    {"\u30D5\u30A1\u30E2\u30C1\u30B8\u30F3\u9320\uFF12\uFF10\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30D5\u30A1\u30E2\u30C1\u30B8\u30F3", "\u9320",
     "\uFF11\u65E5\uFF12\u56DE\u671D\u98DF\u5F8C\u30FB\u5C31\u5BDD\u524D", "21"},
    {"\u9178\u5316\u30DE\u30B0\u30CD\u30B7\u30A6\u30E0\u9320\uFF13\uFF13\uFF10\uFF4D\uFF47\u300C"
     "\u67B6\u7A7A\u300D",
     "\u9178\u5316\u30DE\u30B0\u30CD\u30B7\u30A6\u30E0", "\u9320",
     "\uFF11\u65E5\uFF13\u56DE\u6BCE\u98DF\u5F8C", "21"},
    {"\u30E2\u30F3\u30C6\u30EB\u30AB\u30B9\u30C8\u9320\uFF11\uFF10\uFF4D\uFF47\u300C\u67B6\u7A7A"
     "\u300D",
     "\u30E2\u30F3\u30C6\u30EB\u30AB\u30B9\u30C8\u30CA\u30C8\u30EA\u30A6\u30E0", "\u9320",
     "\uFF11\u65E5\uFF11\u56DE\u5C31\u5BDD\u524D", "21"},
    {"\u30D5\u30A7\u30AD\u30BD\u30D5\u30A7\u30CA\u30B8\u30F3\u5869\u9178\u5869\u9320\uFF16\uFF10"
     "\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30D5\u30A7\u30AD\u30BD\u30D5\u30A7\u30CA\u30B8\u30F3\u5869\u9178\u5869", "\u9320",
     "\uFF11\u65E5\uFF12\u56DE\u671D\u5915\u98DF\u5F8C", "21"},
    {"\u30AB\u30EB\u30DC\u30B7\u30B9\u30C6\u30A4\u30F3\u9320\uFF15\uFF10\uFF10\uFF4D\uFF47\u300C"
     "\u67B6\u7A7A\u300D",
     "L-\u30AB\u30EB\u30DC\u30B7\u30B9\u30C6\u30A4\u30F3", "\u9320",
     "\uFF11\u65E5\uFF13\u56DE\u6BCE\u98DF\u5F8C", "21"},
    {"\u30A2\u30BB\u30C8\u30A2\u30DF\u30CE\u30D5\u30A7\u30F3\u9320\uFF12\uFF10\uFF10\uFF4D\uFF47"
     "\u300C\u67B6\u7A7A\u300D",
     "\u30A2\u30BB\u30C8\u30A2\u30DF\u30CE\u30D5\u30A7\u30F3", "\u9320", "\u75BC\u75DB\u6642",
     "22"},
    {"\u30ED\u30AD\u30BD\u30D7\u30ED\u30D5\u30A7\u30F3\uFF2E\uFF41\u30C6\u30FC\u30D7\uFF11\uFF10"
     "\uFF10\uFF4D\uFF47\u300C\u67B6\u7A7A\u300D",
     "\u30ED\u30AD\u30BD\u30D7\u30ED\u30D5\u30A7\u30F3\u30CA\u30C8\u30EA\u30A6\u30E0\u6C34\u548C"
     "\u7269",
     "\u679A", "\uFF11\u65E5\uFF11\u56DE", "23"},
    {"\u30D8\u30D1\u30EA\u30F3\u985E\u4F3C\u7269\u8CEA\u6CB9\u6027\u30AF\u30EA\u30FC\u30E0\uFF10"
     "\uFF0E\uFF13\uFF05\u300C\u67B6\u7A7A\u300D",
     "\u30D8\u30D1\u30EA\u30F3\u985E\u4F3C\u7269\u8CEA", "\uFF47", "\uFF11\u65E5\uFF12\u56DE",
     "23"},
};
const char* const kSpecialInstructions[] = {
    "\u8170\u90E8\u306B\u8CBC\u4ED8", "\u60A3\u90E8\u306B\u5857\u5E03",
    "\u98DF\u6B32\u306E\u306A\u3044\u6642\u306F\u670D\u7528\u3057\u306A\u3044\u3053\u3068"};
const Clinic kClinics[] = {
    {"1", "\u67B6\u7A7A\u5185\u79D1\u30AF\u30EA\u30CB\u30C3\u30AF"},
    {"1", "\u3055\u304F\u3089\u901A\u308A\u6574\u5F62\u5916\u79D1"},
    {"1", "\u307F\u3069\u308A\u306E\u68EE\u8033\u9F3B\u54BD\u5589\u79D1"},
    {"1", "\u6A21\u64EC\u7DCF\u5408\u75C5\u9662"},
    {"3", "\u67B6\u7A7A\u8ABF\u5264\u85AC\u5C40"},
    {"3", "\u3072\u307E\u308F\u308A\u85AC\u5C40\u99C5\u524D\u5E97"},
    {"3", "\u9752\u8449\u8ABF\u5264\u85AC\u5C40"},
};
const CheckupItem kCheckupItems[] = {
    {"9N001000000000001", "\u8EAB\u9577", "PQ", "cm", 1450, 1850, 1},
    {"9N006000000000001", "\u4F53\u91CD", "PQ", "kg", 400, 1000, 1},
    {"9N011000000000001", "BMI", "PQ", "kg/m2", 170, 320, 1},
    {"9N016160100000001", "\u8179\u56F2\uFF08\u5B9F\u6E2C\uFF09", "PQ", "cm", 650, 1100, 1},
    {"9A755000000000001", "\u53CE\u7E2E\u671F\u8840\u5727\uFF08\u305D\u306E\u4ED6\uFF09", "PQ",
     "mmHg", 100, 170, 0},
    {"9A765000000000001", "\u62E1\u5F35\u671F\u8840\u5727\uFF08\u305D\u306E\u4ED6\uFF09", "PQ",
     "mmHg", 60, 105, 0},
    {"3F015000002327101",
     "\u4E2D\u6027\u8102\u80AA\uFF08\u30C8\u30EA\u30B0\u30EA\u30BB\u30EA\u30C9\uFF09", "PQ",
     "mg/dL", 40, 300, 0},
    {"3F070000002327101", "\uFF28\uFF24\uFF2C\u30B3\u30EC\u30B9\u30C6\u30ED\u30FC\u30EB", "PQ",
     "mg/dL", 35, 95, 0},
    {"3F077000002327101", "\uFF2C\uFF24\uFF2C\u30B3\u30EC\u30B9\u30C6\u30ED\u30FC\u30EB", "PQ",
     "mg/dL", 70, 190, 0},
    {"3B035000002327201", "\uFF27\uFF2F\uFF34\uFF08\uFF21\uFF33\uFF34\uFF09", "PQ", "U/L", 12, 60,
     0},
    {"3B045000002327201", "\uFF27\uFF30\uFF34\uFF08\uFF21\uFF2C\uFF34\uFF09", "PQ", "U/L", 8, 70,
     0},
    {"3B090000002327101", "\u03B3-GT\uFF08\u03B3-GTP\uFF09", "PQ", "U/L", 10, 120, 0},
    {"3D010000001926101", "\u7A7A\u8179\u6642\u8840\u7CD6", "PQ", "mg/dL", 75, 140, 0},
    {"3D046000001906202", "HbA1c\uFF08NGSP\u5024\uFF09", "PQ", "%", 48, 72, 1},
};
const Question kQuestions[] = {
    {"9N701000000000011", "\u670D\u85AC1\uFF08\u8840\u5727\uFF09"},
    {"9N706000000000011", "\u670D\u85AC2\uFF08\u8840\u7CD6\uFF09"},
    {"9N711000000000011", "\u670D\u85AC3\uFF08\u8102\u8CEA\uFF09"},
    {"9N736000000000011", "\u55AB\u7159"},
};
const char* const kHalfSpace = " ";
const char* const kIdeoSpace = "\u3000";
const char* const kYes = "\u306F\u3044";
const char* const kNo = "\u3044\u3044\u3048";
const char* const kErrInsurer =
    "\u5165\u529B\u3055\u308C\u305F\u4FDD\u967A\u8005\u756A\u53F7\u306B\u8A72\u5F53\u3059\u308B"
    "\u4FDD\u967A\u8005\u304C\u5B58\u5728\u3057\u307E\u305B\u3093\u3002";
const char* const kErrQuery =
    "\u7167\u4F1A\u6761\u4EF6\u306B\u8AA4\u308A\u304C\u3042\u308A\u307E\u3059\u3002\u5165\u529B"
    "\u5185\u5BB9\u3092\u78BA\u8A8D\u3057\u3066\u304F\u3060\u3055\u3044\u3002";
const char* const kErrRegister =
    "\u767B\u9332\u5BFE\u8C61\u306E\u8CC7\u683C\u60C5\u5831\u304C\u5B58\u5728\u3057\u307E\u305B"
    "\u3093\u3002";
const char* const kErrSystem =
    "\u30B7\u30B9\u30C6\u30E0\u30A8\u30E9\u30FC\u304C\u767A\u751F\u3057\u307E\u3057\u305F\u3002"
    "\u3057\u3070\u3089\u304F\u5F85\u3063\u3066\u304B\u3089\u518D\u5EA6\u5B9F\u884C\u3057\u3066"
    "\u304F\u3060\u3055\u3044\u3002";
const char* const kNoConsent =
    "\u85AC\u5264\u60C5\u5831\u7B49\u306E\u95B2\u89A7\u306B\u95A2\u3059\u308B\u540C\u610F\u304C"
    "\u5F97\u3089\u308C\u3066\u3044\u306A\u3044\u305F\u3081\u3001\u60C5\u5831\u3092\u63D0\u4F9B"
    "\u3067\u304D\u307E\u305B\u3093\u3002";
const char* const kNoCheckupConsent =
    "\u7279\u5B9A\u5065\u8A3A\u60C5\u5831\u306E\u95B2\u89A7\u306B\u95A2\u3059\u308B\u540C\u610F"
    "\u304C\u5F97\u3089\u308C\u3066\u3044\u306A\u3044\u305F\u3081\u3001\u60C5\u5831\u3092\u63D0"
    "\u4F9B\u3067\u304D\u307E\u305B\u3093\u3002";
const char* const kWelfareOffice = "\u798F\u7949\u4E8B\u52D9\u6240";
const char* const kInjury = "\u9AD8\u8840\u5727\u75C7";

const char kMic[] = "1312345678";  // this clinic (as in the fixtures)

template <class T, std::size_t N>
const T& pick(Rng& rng, const T (&table)[N]) {
  return table[static_cast<std::size_t>(rng.between(0, static_cast<int>(N) - 1))];
}

// --- calendar (days since 1970-01-01, proleptic Gregorian) -----------------------------------
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = static_cast<int>(y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

std::string date8(std::int64_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

std::string month6(std::int64_t days) {
  return date8(days).substr(0, 6);
}

std::string datetime14(std::int64_t secs) {
  std::int64_t days = secs / 86400;
  int s = static_cast<int>(secs % 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", s / 3600, s / 60 % 60, s % 60);
  return date8(days) + buf;
}

/// First day of the month `months` after the month of `days` (negative: before).
std::int64_t month_start(std::int64_t days, int months) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  int total = y * 12 + (m - 1) + months;
  return days_from_civil(total / 12, total % 12 + 1, 1);
}

/// A fiscal-year end (yyyy0331 / yyyy0731 style) on or after `days`.
std::int64_t next_month_end(std::int64_t days, int month) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  if (m > month) ++y;
  static const int last[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days_from_civil(y, month, last[month - 1]);
}

// --- identifiers -----------------------------------------------------------------------------
std::string digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.between(0, 9));
  return s;
}

std::string number(Rng& rng, int lo, int hi) {
  return std::to_string(rng.between(lo, hi));
}

std::string hex(Rng& rng, int n) {
  static const char k[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < n; ++i) s += k[rng.between(0, 15)];
  return s;
}

/// A 16-character base64 token like the terminal's ArbitraryFileIdentifier ("dL2Qi312iJWoNj8=").
std::string token(Rng& rng) {
  static const char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (int i = 0; i < 15; ++i) s += k[rng.between(0, 63)];
  return s + "=";
}

/// Appends the 検証番号: digits weighted 2,1,2,... from the right, digit sums, 10's complement.
std::string with_check_digit(const std::string& body) {
  int sum = 0, w = 2;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    int p = (*it - '0') * w;
    sum += p / 10 + p % 10;
    w = 3 - w;
  }
  return body + static_cast<char>('0' + (10 - sum % 10) % 10);
}

/// A fixed 3-digit 保険者別番号 per table entry, so one insurer always has one number.
std::string serial3(std::size_t index, int salt) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d",
                static_cast<int>((index * 137 + static_cast<std::size_t>(salt) * 59 + 11) % 1000));
  return buf;
}

template <class T, std::size_t N>
std::size_t pick_index(Rng& rng, const T (&)[N]) {
  return static_cast<std::size_t>(rng.between(0, static_cast<int>(N) - 1));
}

// --- people and insurance --------------------------------------------------------------------
struct Person {
  std::string name, kana, sex, family_kanji, family_kana;
  std::int64_t birth = 0;
  int age = 0;
};

Person make_person(Rng& rng, std::int64_t today, int min_age, int max_age, const Name* family,
                   const char* sex = nullptr) {
  Person p;
  const Name& fam = family ? *family : pick(rng, kFamilies);
  p.sex = sex ? sex : rng.chance(50) ? "1" : "2";
  const Name& given = p.sex == "1" ? pick(rng, kMaleNames) : pick(rng, kFemaleNames);
  p.family_kanji = fam.kanji;
  p.family_kana = fam.kana;
  p.name = std::string(fam.kanji) + kIdeoSpace + given.kanji;  // U+3000 between the names
  p.kana = std::string(fam.kana) + kHalfSpace + given.kana;    // ASCII space in NameKana
  p.age = rng.between(min_age, max_age);
  p.birth = today - p.age * 365 - p.age / 4 - rng.between(1, 364);
  return p;
}

/// The insured person a dependent is covered through: a parent for a child, else the spouse.
Person make_insured(Rng& rng, std::int64_t today, const Person& dependent) {
  const Name fam{dependent.family_kanji.c_str(), dependent.family_kana.c_str()};
  const bool child = dependent.age < 20;
  const int lo = child ? dependent.age + 22 : std::max(dependent.age - 3, 20);
  const int hi = child ? dependent.age + 40 : dependent.age + 8;
  const char* sex = child ? nullptr : dependent.sex == "1" ? "2" : "1";
  for (;;) {
    Person p = make_person(rng, today, lo, hi, &fam, sex);
    if (p.name != dependent.name) return p;
  }
}

int clinic_age(Rng& rng) {
  int r = rng.between(0, 99);
  if (r < 8) return rng.between(0, 5);
  if (r < 18) return rng.between(6, 19);
  if (r < 55) return rng.between(20, 64);
  if (r < 62) return rng.between(65, 69);
  if (r < 75) return rng.between(70, 74);
  return rng.between(75, 98);
}

struct Card {
  std::string insurer_number, insurer_name, number;
  model::Text symbol, branch;
  std::string family;  ///< PersonalFamilyClassification
  bool late_elderly = false, elderly = false, kokuho = false;
};

Card make_card(Rng& rng, const Person& p, bool dependent) {
  Card c;
  if (p.age >= 75) {  // 後期高齢者: 39xxxxxx, no symbol, no branch, no family classification
    std::size_t i = pick_index(rng, kKoki);
    c.late_elderly = true;
    c.insurer_number = with_check_digit(std::string("39") + kKoki[i].pref + serial3(i, 39));
    c.insurer_name = kKoki[i].name;
    c.number = digits(rng, 8);
    c.family = "1";
    return c;
  }
  c.elderly = p.age >= 70;
  if (!dependent && rng.chance(40)) {  // 国保: 6-digit insurer number, written space-padded
    std::size_t i = pick_index(rng, kKokuho);
    c.kokuho = true;
    c.insurer_number = with_check_digit(std::string(kKokuho[i].pref) + serial3(i, 13));
    c.insurer_name = kKokuho[i].name;
    c.symbol =
        rng.chance(50) ? number(rng, 1, 99) + "-" + number(rng, 1, 99) : number(rng, 1, 9999);
    c.number = number(rng, 1, 9999999);
    c.branch = "0" + std::to_string(rng.between(0, 2));
    c.family = "1";
    return c;
  }
  std::size_t i = pick_index(rng, kInsurers);
  const Insurer& ins = kInsurers[i];
  c.insurer_number = with_check_digit(std::string(ins.law) + ins.pref + serial3(i, 6));
  c.insurer_name = ins.name;
  c.symbol = std::string(ins.law) == "01" ? digits(rng, 8) : number(rng, 1, 9999);
  c.number = number(rng, 1, 999999);
  c.family = dependent ? "2" : "1";
  c.branch = dependent ? "0" + std::to_string(rng.between(1, 5)) : std::string("00");
  return c;
}

std::string address(Rng& rng, const Town& town) {
  std::string a = std::string(town.name) + number(rng, 1, 5) + "-" + number(rng, 1, 30) + "-" +
                  number(rng, 1, 20);
  const char* building = pick(rng, kBuildings);
  if (*building)
    a += std::string(kHalfSpace) + building + number(rng, 1, 5) + "0" + number(rng, 1, 9);
  return a;
}

/// One consent as the terminal writes it: flag; for 1 also the consent time and available-until
/// (+24 h); a flag 0 is written without times.
void consent(Rng& rng, std::int64_t now, unsigned yes_percent, model::Text& flag, model::Text& time,
             model::Text* available) {
  if (rng.chance(yes_percent)) {
    flag = "1";
    std::int64_t at = now - rng.between(3, 40);
    time = datetime14(at);
    if (available) *available = datetime14(at + 86400);
  } else {
    flag = rng.chance(97) ? "0" : "2";
  }
}

model::ResultOfQualificationConfirmation make_result(Rng& rng, std::int64_t now, const Person& p,
                                                     const Card& c, const Person* insured,
                                                     bool card_consents, bool limit_consent) {
  const std::int64_t today = now / 86400;
  model::ResultOfQualificationConfirmation r;
  r.InsuredCardClassification = "01";
  r.InsurerNumber = c.insurer_number;  // unpadded: the writer pads a 6-digit 国保 number
  r.InsuredCardSymbol = c.symbol;
  r.InsuredIdentificationNumber = c.number;
  r.InsuredBranchNumber = c.branch;
  if (!c.late_elderly) r.PersonalFamilyClassification = c.family;
  if (insured) r.InsuredName = insured->name;
  r.Name = p.name;
  r.NameKana = p.kana;
  r.Sex1 = p.sex;
  r.Birthdate = date8(p.birth);
  const Town& town = pick(rng, kTowns);
  r.Address = address(rng, town);
  r.PostNumber = rng.chance(90) ? std::string(town.post)
                                : std::string(town.post).erase(3, 1);  // both forms occur
  const std::int64_t qualified = c.late_elderly
                                     ? p.birth + 75 * 365 + 19
                                     : std::max(p.birth + 1, today - rng.between(40, 9000));
  r.QualificationDate = date8(qualified);
  r.InsuredCertificateIssuanceDate = date8(qualified + rng.between(0, 20));
  r.InsuredCardValidDate = date8(qualified);
  if (c.late_elderly) {
    r.InsuredCardExpirationDate = date8(next_month_end(today, 7));
    r.InsuredPartialContributionRatio = rng.chance(80) ? "010" : rng.chance(50) ? "020" : "030";
  } else if (p.age < 6) {
    r.InsuredPartialContributionRatio = "020";
    r.PreschoolClassification = "1";
  } else if (rng.chance(60)) {
    r.InsuredPartialContributionRatio = c.elderly ? "020" : "030";
  }
  r.InsurerName = c.insurer_name;
  if (c.elderly) {
    model::ElderlyRecipientCertificateInfo e;
    std::int64_t start = month_start(p.birth + 70 * 365 + 18, 1);
    e.ElderlyRecipientCertificateDate = date8(start - rng.between(10, 25));
    e.ElderlyRecipientValidStartDate =
        date8(std::max(start, month_start(today, -rng.between(0, 11))));
    e.ElderlyRecipientValidEndDate = date8(next_month_end(today, 7));
    e.ElderlyRecipientContributionRatio = rng.chance(85) ? "020" : "030";
    r.ElderlyRecipientCertificateInfo = e;
  }
  if (limit_consent) {
    r.LimitApplicationCertificateRelatedConsFlg = "1";
    if (card_consents)
      r.LimitApplicationCertificateRelatedConsTime = datetime14(now - rng.between(3, 40));
    model::LimitApplicationCertificateRelatedInfo l;
    static const char* const kUnder70[] = {"A01", "A02", "A03", "A04", "A05"};
    static const char* const kOver70[] = {"B01", "B02", "B03", "B05", "B06", "B09", "B10"};
    l.LimitApplicationCertificateClassification = "01";
    l.LimitApplicationCertificateClassificationFlag =
        p.age >= 70 ? pick(rng, kOver70) : pick(rng, kUnder70);
    std::int64_t start = month_start(today, -rng.between(0, 11));
    l.LimitApplicationCertificateDate = date8(start);
    l.LimitApplicationCertificateValidStartDate = date8(start);
    l.LimitApplicationCertificateValidEndDate =
        date8(next_month_end(start, c.elderly || c.late_elderly ? 7 : 3));
    if (rng.chance(3)) l.LimitApplicationCertificateLongTermDate = date8(month_start(today, -1));
    r.LimitApplicationCertificateRelatedInfo = l;
  } else if (card_consents || rng.chance(50)) {
    r.LimitApplicationCertificateRelatedConsFlg = "0";
  }
  if (!card_consents) return r;

  // Card check-in: the patient answered the consent screens at the reader.
  if (rng.chance(4)) {
    r.SpecificDiseasesCertificateRelatedConsFlg = "1";
    r.SpecificDiseasesCertificateRelatedConsTime = datetime14(now - rng.between(3, 40));
    model::SpecificDiseasesCertificateList list;
    model::SpecificDiseasesCertificateInfo info;
    std::int64_t start = month_start(today, -rng.between(1, 30));
    info.SpecificDiseasesDiseaseCategory = rng.chance(85) ? "1" : rng.chance(50) ? "2" : "3";
    info.SpecificDiseasesCertificateDate = date8(start);
    info.SpecificDiseasesValidStartDate = date8(start);
    info.SpecificDiseasesSelfPay = rng.chance(70) ? "10000" : "20000";
    list.SpecificDiseasesCertificateInfo.push_back(info);
    r.SpecificDiseasesCertificateList = list;
  } else {
    r.SpecificDiseasesCertificateRelatedConsFlg = "0";
  }
  consent(rng, now, 55, r.SpecificHealthCheckupsInfoConsFlg, r.SpecificHealthCheckupsInfoConsTime,
          &r.SpecificHealthCheckupsInfoAvailableTime);
  consent(rng, now, 65, r.PharmacistsInfoConsFlg, r.PharmacistsInfoConsTime,
          &r.PharmacistsInfoAvailableTime);
  consent(rng, now, 45, r.DiagnosisInfoConsFlg, r.DiagnosisInfoConsTime,
          &r.DiagnosisInfoAvailableTime);
  consent(rng, now, 40, r.OperationInfoConsFlg, r.OperationInfoConsTime,
          &r.OperationInfoAvailableTime);
  return r;
}

/// 医療扶助 (public assistance) check-in: card class A1, validity 6, one medical ticket.
model::ResultOfQualificationConfirmation make_welfare_result(Rng& rng, std::int64_t now,
                                                             const Person& p) {
  const std::int64_t today = now / 86400;
  model::ResultOfQualificationConfirmation r;
  std::size_t i = pick_index(rng, kKokuho);
  r.InsuredCardClassification = "A1";
  r.InsurerNumber = with_check_digit(std::string("12") + kKokuho[i].pref + serial3(i, 12));
  r.InsuredIdentificationNumber = digits(rng, 7);
  r.Name = p.name;
  r.NameKana = p.kana;
  r.Sex1 = p.sex;
  r.Birthdate = date8(p.birth);
  r.QualificationDate = date8(month_start(today, -rng.between(1, 24)));
  r.InsurerName = std::string(kKokuho[i].name) + kWelfareOffice;
  model::MedicalTicketInfo t;
  t.TicketType = "01";
  t.MedicalTicketValidDate = date8(month_start(today, 0));
  t.IssueNumber = digits(rng, 7);
  t.MedicalTreatmentMonth = month6(today);
  t.DesignatedMedicalInstitutionCode = kMic;
  t.DesignatedMedicalInstitutionFlag = "0";
  t.InjuryName1 = kInjury;
  t.MedicalTreatmentType = "02";
  t.SingleOrCombinedUse = "01";
  t.StatusOfSocialInsurance = "02";
  t.StatusOfInfecton = "02";
  t.StatusOfElderlyMedicalCare = "02";
  t.StatusOfPrefecturalExpenses = "02";
  model::PublicExpenseResultList list;
  list.MedicalTicketInfo.push_back(t);
  r.PublicExpenseResultList = list;
  consent(rng, now, 50, r.PharmacistsInfoConsFlg, r.PharmacistsInfoConsTime,
          &r.PharmacistsInfoAvailableTime);
  return r;
}

model::QualificationConfirmSearchInfo search_echo(Rng& rng, const Person& p, const Card& c,
                                                  bool limit) {
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = c.insurer_number;
  s.InsuredCardSymbol = c.symbol;
  s.InsuredIdentificationNumber = c.number;
  // Clinics often leave the branch empty when they do not know it.
  s.InsuredBranchNumber = c.branch ? (rng.chance(85) ? *c.branch : std::string()) : c.branch;
  s.Birthdate = date8(p.birth);
  s.LimitApplicationCertificateRelatedConsFlg = limit ? "1" : "0";
  return s;
}

std::string patient_id(Rng& rng) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", rng.between(1, 30000));
  return buf;
}

/// Marks a result as lost: validity 2 (無効) or 3 (無効・新しい資格あり).
void disqualify(Rng& rng, model::ResultOfQualificationConfirmation& r, std::int64_t today,
                bool new_one) {
  std::int64_t lost = today - rng.between(5, 200);
  r.DisqualificationDate = date8(lost);
  r.InsuredCardExpirationDate = date8(lost);
  static const char* const kReasons[] = {"01", "02", "03", "03", "03", "99"};
  r.ReasonOfLoss = new_one ? "03" : pick(rng, kReasons);
}

}  // namespace

// --- Rng -------------------------------------------------------------------------------------
std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

int Rng::between(int lo, int hi) {
  const std::uint64_t span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo) + 1;
  return static_cast<int>(lo + static_cast<std::int64_t>(next() % span));
}

bool Rng::chance(unsigned percent) {
  return next() % 100 < percent;
}

// --- CorpusGenerator -------------------------------------------------------------------------
CorpusGenerator::CorpusGenerator(std::uint64_t seed)
    : rng_(seed * 0x2545F4914F6CDD1DULL + 1),
      clock_(days_from_civil(2025, 4, 1) * 86400 + 8 * 3600 + 30 * 60) {}

model::MessageKind CorpusGenerator::next_kind() {
  using K = model::MessageKind;
  int r = rng_.between(0, 999);
  if (r < 640) return K::OQSsiquc01res_face;
  if (r < 820) return K::OQSsiquc01res;
  if (r < 870) return K::OQSsiimm01res;
  if (r < 940) return K::YZKsiquc01res;
  if (r < 990) return K::TKKsiquc01res;
  return K::OQSmuquc02res;
}

CorpusItem CorpusGenerator::next() {
  CorpusItem item;
  item.kind = next_kind();
  item.encoding = rng_.chance(30) ? model::Encoding::cp932 : model::Encoding::utf8;
  model::Document doc = make(item.kind, item.encoding, item.name);
  item.bytes = xml::write_document(doc, item.encoding);
  return item;
}

model::Document CorpusGenerator::make(model::MessageKind kind, model::Encoding encoding,
                                      std::string& name) {
  using K = model::MessageKind;
  Rng& rng = rng_;
  // Terminal clock: a file every few seconds to minutes during clinic hours, Monday to Saturday.
  clock_ += rng.between(5, 240);
  if (clock_ % 86400 >= 18 * 3600) {
    std::int64_t day = clock_ / 86400 + 1;
    if ((day + 4) % 7 == 0) ++day;  // 1970-01-01 was a Thursday: (day + 4) % 7 == 0 is Sunday
    clock_ = day * 86400 + 8 * 3600 + 30 * 60 + rng.between(0, 600);
  }
  const std::int64_t now = clock_;
  const std::int64_t today = now / 86400;
  if (today != day_) {
    day_ = static_cast<int>(today);
    daily_seq_ = 0;
  }
  const std::string request_id = date8(today) + [&] {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04u", ++daily_seq_ % 10000);
    return std::string(buf);
  }();
  const bool oqs = kind != K::YZKsiquc01res && kind != K::TKKsiquc01res;

  model::Document doc = model::Document::make(kind);
  model::MessageHeader& h = doc.header;
  h.MedicalInstitutionCode = kMic;
  if (oqs) {
    h.ProcessExecutionTime = datetime14(now);
    h.SegmentOfResult = "1";
    h.CharacterCodeIdentifier = encoding == model::Encoding::utf8 ? "0" : "1";
  }
  name = kind_info(kind).prefix;

  switch (kind) {
    case K::OQSsiquc01res_face: {
      name += std::string(kMic) + hex(rng, 20) + "_" + datetime14(now) + ".xml";
      h.QualificationConfirmationDate = date8(today);
      h.ReferenceClassification = "1";
      h.ArbitraryFileIdentifier = token(rng);
      if (rng.chance(1)) {  // terminal-side failure: SegmentOfResult 9, empty body
        h.SegmentOfResult = "9";
        h.ErrorCode = "EOQS0901";
        h.ErrorMessage = kErrSystem;
        break;
      }
      auto& b = doc.as<model::QualificationResultBody>();
      b.ProcessingResultStatus = "1";
      const int age = clinic_age(rng);
      Person p = make_person(rng, today, age, age, nullptr);
      if (rng.chance(1)) {
        b.QualificationValidity = "6";
        b.Results.push_back(make_welfare_result(rng, now, p));
        break;
      }
      b.QualificationValidity = "1";
      if (rng.chance(50)) b.PrescriptionIssueSelect = rng.chance(60) ? "1" : "2";
      const bool dependent = p.age < 20 ? rng.chance(85) : p.age < 70 && rng.chance(20);
      Person insured;
      if (dependent) {
        insured = make_insured(rng, today, p);
      }
      Card c = make_card(rng, p, dependent);
      b.Results.push_back(make_result(
          rng, now, p, c, dependent && c.family == "2" ? &insured : nullptr, true, rng.chance(30)));
      break;
    }
    case K::OQSsiquc01res: {
      name += request_id + ".xml";
      h.QualificationConfirmationDate = date8(today);
      h.ReferenceClassification = "2";
      h.ArbitraryFileIdentifier = request_id;
      auto& b = doc.as<model::QualificationResultBody>();
      // Outcome first: 複数該当 (5) is the twins case, so it decides who is looked up.
      const bool failed = rng.chance(5);
      const int v = rng.between(0, 99);
      const char validity = v < 82 ? '1' : v < 88 ? '2' : v < 92 ? '3' : v < 96 ? '4' : '5';
      const bool twins = !failed && validity == '5';
      const int age = twins ? rng.between(0, 15) : clinic_age(rng);
      Person p = make_person(rng, today, age, age, nullptr);
      const bool dependent = twins || (p.age < 20 && rng.chance(85));
      Card c = make_card(rng, p, dependent);
      const bool limit = rng.chance(25);
      b.QualificationConfirmSearchInfo = search_echo(rng, p, c, limit);
      if (twins) b.QualificationConfirmSearchInfo->InsuredBranchNumber = "";  // unknown branch
      if (failed) {  // the request itself was wrong: status 2, no validity, no results
        b.ProcessingResultStatus = "2";
        b.ProcessingResultCode = rng.chance(50) ? "EOQS2001" : "EOQS2002";
        b.ProcessingResultMessage = *b.ProcessingResultCode == "EOQS2001" ? kErrInsurer : kErrQuery;
        break;
      }
      b.ProcessingResultStatus = "1";
      b.QualificationValidity = std::string(1, validity);
      if (validity == '4') break;  // 該当資格なし: no ResultList at all
      Person insured;
      if (dependent) {
        insured = make_insured(rng, today, p);
      }
      if (twins) {  // two results on the same card, branch 01 and 02, same birth date
        std::string first_twin;
        for (int twin = 0; twin < 2; ++twin) {
          const Name fam{p.family_kanji.c_str(), p.family_kana.c_str()};
          Person t;
          do t = make_person(rng, today, p.age, p.age, &fam);
          while (t.name == insured.name || t.name == first_twin);
          first_twin = t.name;
          t.birth = p.birth;
          c.branch = twin == 0 ? "01" : "02";
          b.Results.push_back(make_result(rng, now, t, c, &insured, false, false));
        }
        break;
      }
      auto r = make_result(rng, now, p, c, c.family == "2" ? &insured : nullptr, false, limit);
      if (validity == '2' || validity == '3') disqualify(rng, r, today, validity == '3');
      b.Results.push_back(std::move(r));
      break;
    }
    case K::OQSsiimm01res: {
      name += request_id + ".xml";
      h.ArbitraryFileIdentifier = request_id;
      auto& b = doc.as<model::ReferenceRegistrationResultBody>();
      const int age = clinic_age(rng);
      Person p = make_person(rng, today, age, age, nullptr);
      Card c = make_card(rng, p, false);
      model::ReferenceNumberRegistrationInfo reg;
      reg.ReferenceNumber = patient_id(rng);
      reg.InsurerNumber = c.insurer_number;
      reg.InsuredCardSymbol = c.symbol;
      reg.InsuredIdentificationNumber = c.number;
      reg.InsuredBranchNumber = c.branch;
      b.ReferenceNumberRegistrationInfo = reg;
      if (rng.chance(8)) {
        b.ProcessingResultStatus = "2";
        b.ProcessingResultCode = "EOQS3001";
        b.ProcessingResultMessage = kErrRegister;
      } else {
        b.ProcessingResultStatus = "1";
      }
      break;
    }
    case K::OQSmuquc02res: {
      name += request_id + ".xml";
      h.QualificationConfirmationDate = date8(today + 1);  // bulk checks run for the next day
      h.ArbitraryFileIdentifier = request_id;
      h.ReceptionNumber =
          datetime14(now - rng.between(600, 7200)) + digits(rng, 3) + "_" + digits(rng, 4);
      auto& b = doc.as<model::BulkConfirmBody>();
      const int units = rng.between(20, 100);
      int errors = 0;
      for (int u = 0; u < units; ++u) {
        model::BulkConfirmUnit unit;
        const int age = clinic_age(rng);
        Person p = make_person(rng, today, age, age, nullptr);
        const bool dependent = p.age < 20 && rng.chance(85);
        Card c = make_card(rng, p, dependent);
        const bool limit = rng.chance(30);
        const std::string pid = patient_id(rng);
        auto search = search_echo(rng, p, c, limit);
        search.ArbitraryIdentifier = pid + "_1";
        unit.QualificationConfirmSearchInfo = search;
        if (rng.chance(4)) {
          ++errors;
          unit.ProcessingResultStatus = "2";
          unit.ProcessingResultCode = "EOQS2002";
          unit.ProcessingResultMessage = kErrQuery;
          b.BulkConfirmUnit.push_back(std::move(unit));
          continue;
        }
        unit.ProcessingResultStatus = "1";
        const int v = rng.between(0, 99);
        unit.QualificationValidity = v < 90 ? "1" : v < 97 ? "2" : "3";
        Person insured;
        if (dependent) {
          insured = make_insured(rng, today, p);
        }
        auto r = make_result(rng, now, p, c, dependent && c.family == "2" ? &insured : nullptr,
                             false, limit);
        if (*unit.QualificationValidity != "1")
          disqualify(rng, r, today, *unit.QualificationValidity == "3");
        r.ArbitraryIdentifier = pid + "_1";
        if (limit) r.LimitApplicationCertificateChanged = rng.chance(90) ? "0" : "1";
        unit.Results.push_back(std::move(r));
        if (rng.chance(60)) unit.ReferenceNumber = pid;
        b.BulkConfirmUnit.push_back(std::move(unit));
      }
      h.NumberOfProcessingResult = std::to_string(units);
      h.NumberOfNormalProcessing = std::to_string(units - errors);
      h.NumberOfError = std::to_string(errors);
      break;
    }
    case K::YZKsiquc01res:
    case K::TKKsiquc01res: {
      const std::string pid = std::to_string(rng.between(1, 30000));
      name += "02" + date8(today).substr(2) + datetime14(now).substr(8, 4) + pid + ".xml";
      h.ArbitraryFileIdentifier = pid;
      const int age = rng.between(40, 90);
      Person p = make_person(rng, today, age, age, nullptr);
      const bool drug = kind == K::YZKsiquc01res;
      if (rng.chance(6)) {  // no consent: ResultCode 2 and a message, no data
        h.ResultCode = "2";
        h.MessageContents = drug ? kNoConsent : kNoCheckupConsent;
        break;
      }
      h.ResultCode = "1";
      if (drug) {
        model::QuaInf q;
        q.Name = p.name;
        q.KanaName = p.kana;
        q.Birth = date8(p.birth);
        q.AdmGendCode = p.sex;
        h.QuaInf = q;
        auto& b = doc.as<model::DrugInfoBody>();
        const int months = rng.between(1, 6);
        for (int m = months; m >= 1; --m) {
          if (!rng.chance(70)) continue;
          model::MeTrMonthInf mi;
          const Clinic& cl = pick(rng, kClinics);
          const std::int64_t first = month_start(today, -m);
          mi.DiOrg = cl.org;
          mi.MeTrDiHCd = std::string(*cl.org == '3' ? "134" : "131") + digits(rng, 7);
          mi.MeTrDiHNm = cl.name;
          mi.MeTrMonth = month6(first);
          if (*cl.org == '3') {
            mi.PrlsHCd = "131" + digits(rng, 7);
            mi.PrlsHNm = kClinics[rng.between(0, 3)].name;
          } else {
            mi.PrlsHCd = *mi.MeTrDiHCd;
            mi.PrlsHNm = cl.name;
          }
          mi.PrIsOrg = rng.chance(30) ? "1" : "2";
          mi.InOut = "2";
          model::DiDateInfs dates;
          const int n_dates = rng.between(1, 3);
          for (int d = 0; d < n_dates; ++d) {
            model::DiDateInf di;
            std::int64_t day = first + rng.between(0, 27);
            di.DiDate = date8(day);
            di.PrDate = date8(day - (*cl.org == '3' ? rng.between(0, 3) : 0));
            model::DrugInfs drugs;
            const int n_drugs = rng.between(1, 5);
            for (int k = 0; k < n_drugs; ++k) {
              std::size_t i = pick_index(rng, kDrugs);
              const Drug& dr = kDrugs[i];
              model::DrugInf x;
              char code[16];
              std::snprintf(code, sizeof code, "6999%05d", static_cast<int>(i * 101 + 101));
              x.DrugC = code;
              x.DrugN = dr.name;
              x.IngreN = dr.ingredient;
              x.Qua1 = number(rng, 1, 3);
              x.Unit = dr.unit;
              x.UsageN = dr.usage;
              if (*dr.treatment_class == '2' && dr.treatment_class[1] == '3' && rng.chance(60))
                x.SpInst = pick(rng, kSpecialInstructions);
              x.Times = dr.treatment_class[1] == '1' ? number(rng, 7, 56) : number(rng, 1, 10);
              x.MeTrIdCl = dr.treatment_class;
              drugs.DrugInf.push_back(std::move(x));
            }
            di.DrugInfs = std::move(drugs);
            dates.DiDateInf.push_back(std::move(di));
          }
          mi.DiDateInfs = std::move(dates);
          b.MeTrMonthInf.push_back(std::move(mi));
        }
      } else {
        model::QualificationsInfo q;
        q.Name = p.name;
        q.KanasName = p.kana;
        q.Birthday = date8(p.birth);
        q.AdministrativeGenderCode = p.sex;
        h.QualificationsInfo = q;
        auto& b = doc.as<model::CheckupInfoBody>();
        const int years = rng.between(1, 3);
        for (int y = years; y >= 1; --y) {
          model::SpecificHealthCheckupInfo info;
          info.EffectiveTime =
              date8(month_start(today, -12 * y + rng.between(0, 5)) + rng.between(0, 27));
          model::HealthCheckupResultAndQuestionInfos items;
          for (const CheckupItem& it : kCheckupItems) {
            model::HealthCheckupResultAndQuestionInfo x;
            x.ItemCode = it.code;
            x.ItemName = it.name;
            x.DataType = it.type;
            const int v = rng.between(it.lo, it.hi);
            x.DataValue = it.decimals ? std::to_string(v / 10) + "." + std::to_string(v % 10)
                                      : std::to_string(v);
            x.Unit = it.unit;
            items.HealthCheckupResultAndQuestionInfo.push_back(std::move(x));
          }
          for (const Question& qu : kQuestions) {
            if (!rng.chance(80)) continue;
            model::HealthCheckupResultAndQuestionInfo x;
            const bool yes = rng.chance(30);
            x.ItemCode = qu.code;
            x.ItemName = qu.name;
            x.DataType = "CD";
            x.DataValue = yes ? "1" : "2";
            x.Oid = "1.2.392.200119.6.9999";
            x.DataValueName = yes ? kYes : kNo;
            items.HealthCheckupResultAndQuestionInfo.push_back(std::move(x));
          }
          info.HealthCheckupResultAndQuestionInfos = std::move(items);
          b.SpecificHealthCheckupInfo.push_back(std::move(info));
        }
      }
      break;
    }
    default:
      throw std::invalid_argument(std::string("corpus: no generator for ") + kind_name(kind));
  }
  return doc;
}

std::vector<CorpusItem> generate_corpus(std::uint64_t seed, std::size_t n) {
  CorpusGenerator gen(seed);
  std::vector<CorpusItem> items;
  items.reserve(n);
  for (std::size_t i = 0; i < n; ++i) items.push_back(gen.next());
  return items;
}

}  // namespace onshi::bench
