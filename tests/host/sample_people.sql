-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Fixed part of the reference host seed (test/demo data only), loaded by tests/host/seed_host
-- before the generated patients: ORCA's own bookkeeping rows (tbl_dbkanri, tbl_sysbase), the
-- insurance-kind master rows the plugin needs (tbl_hknnum), login users (tbl_sysuser, tbl_passwd)
-- and the sample people of ../shared/fixtures/oqs (so those files link).
--
-- The sample people go into the staging tables seed_ptinf, seed_pthkninf, seed_ptkohinf (temp
-- copies of the host tables made by the generator): only the meaningful columns are listed here,
-- the generator then writes the host rows with EVERY column given, blanks the way ORCA writes
-- them (char flags ' ', varchar '', counters 0) and the audit columns filled. tbl_ptnum,
-- tbl_hkncombi and syskanri 1001/1009/1010/1051 are written by the generator too.
--
-- Patient number (ptnum) = the 6-digit serial = ptid; ORCA uses the patient number as the
-- reference number, so 000123..000130 are the fixtures' reference numbers, and 101/102 the
-- patient ids in the drug/checkup request names.
-- Insurance kinds (hknnum): 001 kyokai kenpo, 006 union, 060 national (6-digit insurer number,
-- left-justified in char(8)), 039 late-elderly (no symbol: kigo '', no branch number: edaban '').
-- hojokbn: '7' 3割 / '8' 2割 (employees'), '3' 3割 / '2' 2割 (national), '1' 1割 / '2' 2割 (039).
-- edaban '' = branch number not known (rows from before the 5.2 update): every sample person's,
-- so that the tests see the branch-number flows (a test sets a known one where it needs it); the twins' (115, 116)
-- are unknown on purpose. Public assistance: tbl_ptkohinf kohnum 012.

-- ORCA 5.2.0 database version row (a fresh 5.2.0-1 install with one applied update).
INSERT INTO tbl_dbkanri (kanricd, version, dbsversion1, dbsversion2, termid, opid, creymd, upymd, uphms) VALUES
  ('ORCADB00', '050200-1', 'S-050200-1-20250401-1', 'S-050200-1-20250401-1', 'orcasv', 'ormaster', '20250401', '20250401', '093000');

-- Two facilities share the database.
INSERT INTO tbl_sysbase (grpnum, hospnum, hospname, kigen, honbungrp, honbunkbn, creymd, upymd, uphms) VALUES
  (1, 1, '架空内科クリニック', '99999999', 0, '0', '20250401', '20250401', '093000'),
  (2, 2, '模擬第二クリニック', '99999999', 0, '0', '20250401', '20250401', '093000');

-- Insurance-kind master rows (hbtnum = 法別番号 -> hknnum; hknkohsbtkbn '1' = main insurance,
-- '2' = public expense here). Real values come from ORCA's master update.
INSERT INTO tbl_hknnum (hknnum, tekstymd, paykbn, tekedymd, hbtnum, seidoname, tanseidoname, hknkohsbtkbn,
                        termid, opid, creymd, upymd, uphms, hospnum)
  SELECT v.hknnum, v.tekstymd, '01', '99999999', v.hbtnum, v.seidoname, v.tanseidoname, v.sbt,
         'orcasv', 'ormaster', '20250401', '20250401', '093000', b.hospnum
    FROM (VALUES
      ('001', '00000000', '01', '協会けんぽ', '協会', '1'),
      ('002', '00000000', '02', '船員保険', '船員', '1'),
      ('003', '00000000', '03', '日雇特例被保険者', '日雇', '1'),
      ('006', '00000000', '06', '組合管掌健康保険', '組合', '1'),
      ('031', '00000000', '31', '国家公務員共済組合', '国共済', '1'),
      ('032', '00000000', '32', '地方公務員等共済組合', '地共済', '1'),
      ('033', '00000000', '33', '警察共済組合', '警察', '1'),
      ('034', '00000000', '34', '公立学校共済組合', '学校', '1'),
      ('039', '20080401', '39', '後期高齢者医療', '後期高齢', '1'),
      ('060', '00000000', '  ', '国民健康保険', '国保', '1'),
      ('067', '00000000', '67', '退職者医療', '退職', '1'),
      ('012', '00000000', '12', '生活保護', '生保', '2'),
      ('946', '20180801', '  ', '７０歳以上現役並み所得', '現役並み', '2'),
      ('966', '20150101', '  ', '限度額適用認定（ア・イ）', '限度額アイ', '2'),
      ('967', '20150101', '  ', '限度額適用認定（ウ・エ・オ）', '限度額ウエオ', '2'),
      ('972', '00000000', '  ', '特定疾病（１万円）', '長１', '2'),
      ('974', '00000000', '  ', '特定疾病（２万円）', '長２', '2'))
      AS v (hknnum, tekstymd, hbtnum, seidoname, tanseidoname, sbt)
   CROSS JOIN tbl_sysbase b;

-- Login users. A userid is unique over all facilities (PK userid); supervisor 'T' only for the
-- staff row 1010 kbncd 00001. Passwords are MD5-crypt strings ($1$salt$hash) of the userid
-- itself (demo only).
INSERT INTO tbl_sysuser (userid, hospnum, supervisor, upymd) VALUES
  ('ormaster', 1, 'T', '20250401'),
  ('doctor1', 1, 'F', '20250401'),
  ('clerk1', 1, 'F', '20250401'),
  ('ormaster2', 2, 'T', '20250401'),
  ('doctor2', 2, 'F', '20250401'),
  ('clerk2', 2, 'F', '20250401');
INSERT INTO tbl_passwd (userid, password) VALUES
  ('ormaster', '$1$5ba39ea4$O2uLgemZgOr2WGFqMACbY1'),
  ('doctor1', '$1$2563a501$KW1eh7IqvB441VUQpY2su1'),
  ('clerk1', '$1$f9884d2d$CTduAhr6SKen2EGdLtBG10'),
  ('ormaster2', '$1$fa73da72$yI2kDnddAOZmAM01TNlQC.'),
  ('doctor2', '$1$b6253dcb$jnUDx82U9JXW7.A5bEXX3/'),
  ('clerk2', '$1$6f7d556d$5yFy.Tm/3KajF8V5o.VYV.');

-- Sample people. 128's name in the fixtures is U+20BB7 (tsuchi-yoshi, JIS X 0213 only) + 田: it does not exist
-- in EUC-JP, ORCA's database encoding, so staff registered him as 吉田 (the usual substitute);
-- the online result shows ●田 (the national system could not represent it either).
INSERT INTO seed_ptinf (hospnum, ptid, kananame, name, sex, birthday, deathkbn, home_post, home_adrs,
                        home_banti, tstptnumkbn) VALUES
  (1, 101, 'テスト　タロウ', 'テスト　太郎', '1', '19800415', ' ', '1000001', '東京都架空区一丁目', '1-1', '0'),
  (1, 102, 'カクウ　ハナコ', '架空　花子', '2', '19850707', ' ', '1000002', '東京都架空区二丁目', '2-2', '0'),
  (1, 103, 'カクウ　イチロウ', '架空　一郎', '1', '19830303', ' ', '1000002', '東京都架空区二丁目', '2-2', '0'),
  (1, 104, 'シケン　マツコ', '試験　松子', '2', '19440310', ' ', '1000003', '東京都架空区三丁目', '3-3', '0'),
  (1, 105, 'モギ　サブロウ', '模擬　三郎', '1', '19600101', ' ', '1000004', '東京都架空区四丁目', '4-4', '0'),
  (1, 106, 'カクウ　ムツコ', '架空　六子', '2', '19700505', ' ', '1000005', '東京都架空区五丁目', '5-5', '0'),
  (1, 107, 'シケン　ハチロウ', '試験　八郎', '1', '19881212', ' ', '1000006', '東京都架空区六丁目', '6-6', '0'),
  (1, 108, 'カクウ　ユリ', '架空　百合', '2', '19960601', ' ', '1000007', '東京都架空区七丁目', '7-7', '0'),
  (1, 109, 'カクウ　サクラ', '架空　桜', '2', '19940402', ' ', '1000007', '東京都架空区七丁目', '7-8', '0'),
  (1, 110, 'シケン　ウメコ', '試験　梅子', '2', '19400120', ' ', '1000008', '東京都架空区八丁目', '8-8', '0'),
  (1, 111, 'モギ　カズミ', '模擬　一美', '2', '19900303', ' ', '1000009', '東京都架空区九丁目', '9-9', '0'),
  (1, 112, 'カクウ　サツキ', '架空　五月', '2', '19650606', ' ', '1000010', '東京都架空区十丁目', '10-1', '0'),
  (1, 113, 'ケンショウ　ロクロウ', '検証　六郎', '1', '19550505', ' ', '1000011', '東京都架空区十一丁目', '11-1', '0'),
  (1, 114, 'テスト　イチロウ', 'テスト　一郎', '1', '19830909', ' ', '1000012', '東京都架空区十二丁目', '12-1', '0'),
  (1, 115, 'テスト　イチコ', 'テスト　一子', '2', '20150505', ' ', '1000012', '東京都架空区十二丁目', '12-1', '0'),
  (1, 116, 'テスト　ジロウ', 'テスト　二郎', '1', '20150505', ' ', '1000012', '東京都架空区十二丁目', '12-1', '0'),
  (1, 123, 'ケンショウ　ゴロウ', '検証　五郎', '1', '19751111', ' ', '1000013', '東京都架空区十三丁目', '13-1', '0'),
  (1, 124, 'カクウ　ケンイチ', '架空　健一', '1', '19780808', ' ', '1000014', '東京都架空区十四丁目', '14-1', '0'),
  (1, 125, 'シケン　キクコ', '試験　菊子', '2', '19380303', ' ', '1000015', '東京都架空区十五丁目', '15-1', '0'),
  (1, 126, 'カクウ　ナナミ', '架空　七海', '2', '19920202', ' ', '1000016', '東京都架空区十六丁目', '16-1', '0'),
  (1, 127, 'カクウ　サンタ', '架空　三太', '1', '19810101', ' ', '1000017', '東京都架空区十七丁目', '17-1', '0'),
  (1, 128, 'ヨシダ　シロウ', '吉田　四郎', '1', '19701225', ' ', '1000018', '東京都架空区十八丁目', '18-1', '0'),
  (1, 129, 'カクウ　ジロウ', '架空　次郎', '1', '19520920', ' ', '1000019', '東京都架空区十九丁目', '19-1', '0'),
  (1, 130, 'シケン　タケコ', '試験　竹子', '2', '19420808', ' ', '1000020', '東京都架空区二十丁目', '20-1', '0'),
  (1, 199, 'テスト　カンジャ', 'テスト　患者', '1', '19800415', ' ', '1000001', '東京都架空区一丁目', '1-1', '1'),
  (2, 101, 'テスト　タロウ', 'テスト　太郎', '1', '19800415', ' ', '1000001', '東京都架空区一丁目', '1-1', '0');

-- Insurance (hknid 1 = the current card). 113's hknid 2 carries 129's card: registered on the
-- wrong patient and then logically deleted (sakjokbn '1'), so lookups must skip deleted rows.
INSERT INTO seed_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, hihknjaname, honkzkkbn, hojokbn, kigo,
                           num, skkgetymd, tekstymd, tekedymd, kakuninymd, sakjokbn, edaban) VALUES
  (1, 101, 1, '006', '06139999', 'テスト　太郎', '1', '7', '1234', '56789', '20180401', '20180401', '99999999', '        ', ' ', ''),
  (1, 102, 1, '001', '01130012', '架空　一郎', '2', '7', '40110203', '1122', '20150401', '20150401', '99999999', '        ', ' ', ''),
  (1, 103, 1, '001', '01130012', '架空　一郎', '1', '7', '40110203', '1122', '20150401', '20150401', '99999999', '        ', ' ', ''),
  (1, 104, 1, '039', '39139999', '試験　松子', '1', '2', '', '00123456', '20190310', '20190310', '99999999', '        ', ' ', ''),
  (1, 105, 1, '006', '06139999', '模擬　三郎', '1', '7', '1234', '77001', '20000401', '20000401', '99999999', '        ', ' ', ''),
  (1, 107, 1, '001', '01130012', '試験　八郎', '1', '7', '40110203', '3344', '20110401', '20110401', '99999999', '        ', ' ', ''),
  (1, 108, 1, '006', '06139999', '架空　百合', '1', '7', '1234', '12010', '20200401', '20200401', '99999999', '        ', ' ', ''),
  (1, 109, 1, '006', '06139999', '架空　桜', '1', '7', '1234', '12011', '20200401', '20200401', '99999999', '        ', ' ', ''),
  (1, 110, 1, '039', '39139999', '試験　梅子', '1', '1', '', '00654321', '20150120', '20150120', '99999999', '        ', ' ', ''),
  (1, 111, 1, '001', '01130012', '模擬　一美', '1', '7', '40110203', '5566', '20120401', '20120401', '99999999', '        ', ' ', ''),
  (1, 112, 1, '060', '138999', '架空　五月', '1', '3', '千架', '909', '20100401', '20100401', '99999999', '        ', ' ', ''),
  (1, 113, 1, '060', '138999', '検証　六郎', '1', '2', '千架', '303', '20150401', '20150401', '99999999', '        ', ' ', ''),
  (1, 114, 1, '006', '06139999', 'テスト　一郎', '1', '7', '1234', '99001', '20100401', '20100401', '99999999', '        ', ' ', ''),
  (1, 115, 1, '006', '06139999', 'テスト　一郎', '2', '7', '1234', '99001', '20150505', '20150505', '99999999', '        ', ' ', ''),
  (1, 116, 1, '006', '06139999', 'テスト　一郎', '2', '7', '1234', '99001', '20150505', '20150505', '99999999', '        ', ' ', ''),
  (1, 123, 1, '060', '138999', '検証　五郎', '1', '3', '千架', '202', '20050401', '20050401', '99999999', '        ', ' ', ''),
  (1, 124, 1, '006', '06139999', '架空　健一', '1', '7', '5678', '1001', '20010401', '20010401', '99999999', '        ', ' ', ''),
  (1, 125, 1, '039', '39139999', '試験　菊子', '1', '1', '', '00998877', '20130303', '20130303', '99999999', '        ', ' ', ''),
  (1, 126, 1, '006', '06139999', '架空　七海', '1', '7', '1234', '88002', '20150401', '20150401', '99999999', '        ', ' ', ''),
  (1, 127, 1, '001', '01130012', '架空　三太', '1', '7', '40110203', '9999', '20030401', '20030401', '99999999', '        ', ' ', ''),
  (1, 128, 1, '001', '01130012', '吉田　四郎', '1', '7', '40110203', '2233', '20100401', '20100401', '99999999', '        ', ' ', ''),
  (1, 129, 1, '060', '138999', '架空　次郎', '1', '2', '千架', '101', '20120401', '20120401', '99999999', '        ', ' ', ''),
  (1, 130, 1, '039', '39139999', '試験　竹子', '1', '1', '', '00777777', '20170808', '20170808', '99999999', '        ', ' ', ''),
  (1, 199, 1, '006', '06139999', 'テスト　患者', '1', '7', '1234', '56789', '20180401', '20180401', '99999999', '        ', ' ', ''),
  (2, 101, 1, '006', '06139999', 'テスト　太郎', '1', '7', '1234', '56789', '20180401', '20180401', '99999999', '        ', ' ', ''),
  (1, 113, 2, '060', '138999', '架空　次郎', '1', '2', '千架', '101', '20120401', '20120401', '99999999', '        ', '1', '');

-- Public assistance (医療扶助): payer 12139999, recipient 1234567.
INSERT INTO seed_ptkohinf (hospnum, ptid, kohid, kohnum, paykbn, ftnjanum, jkysnum, tekstymd, tekedymd,
                           kakuninymd, sakjokbn, tekedchkkbn) VALUES
  (1, 106, 1, '012', '01', '12139999', '1234567', '20250301', '99999999', '        ', ' ', ' ');
