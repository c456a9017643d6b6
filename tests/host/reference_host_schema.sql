-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Reference host schema: the subset of an ORCA-style receipt program's tables that onshi-link
-- reads or extends (../shared/spec/orca-host.md), same names, columns and types. Test and demo data
-- only: never load this into a production host. It is an OLDER host: tbl_pthkninf has no edaban
-- (migration 0001 adds it). Dates are char(8) YYYYMMDD, times char(6) HHMMSS.
-- Every table carries hospnum and the audit columns termid, opid, creymd, upymd, uphms.

CREATE TABLE tbl_ptinf (
  hospnum     integer      NOT NULL,
  ptid        bigint       NOT NULL,
  kananame    varchar(100),          -- full-width kana, family U+3000 given
  name        varchar(100),
  sex         char(1),               -- '1' male, '2' female
  birthday    char(8),
  home_post   char(7),
  home_adrs   varchar(200),
  home_banti  varchar(200),
  tstptnumkbn char(1)      NOT NULL DEFAULT '0',   -- '1' = test patient
  deathkbn    char(1)      NOT NULL DEFAULT '0',
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, ptid)
);

CREATE TABLE tbl_ptnum (
  hospnum     integer      NOT NULL,
  ptid        bigint       NOT NULL,
  ptnum       char(20)     NOT NULL,             -- the patient number staff see
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, ptid),
  UNIQUE (hospnum, ptnum)
);

CREATE TABLE tbl_pthkninf (
  hospnum     integer      NOT NULL,
  ptid        bigint       NOT NULL,
  hknid       integer      NOT NULL,
  hknnum      char(3),               -- insurance kind; '039' late-elderly, '060' national
  hknjanum    char(8),               -- insurer number (6 digits for national insurance)
  kigo        varchar(80),           -- symbol
  num         varchar(80),           -- number
  honkzkkbn   char(1),               -- '1' insured person, '2' dependent
  hihknjaname varchar(100),          -- insured person's name
  skkgetymd   char(8),               -- qualification acquired
  tekstymd    char(8),
  tekedymd    char(8),
  kakuninymd  char(8),               -- last confirmation date
  sakjokbn    char(1)      NOT NULL DEFAULT '0',   -- '1' deleted
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, ptid, hknid)
);

CREATE TABLE tbl_ptkohinf (
  hospnum     integer      NOT NULL,
  ptid        bigint       NOT NULL,
  kohid       integer      NOT NULL,
  kohnum      char(3),               -- public expense kind ('012' public assistance)
  ftnjanum    char(8),               -- payer number
  jkysnum     char(20),              -- recipient number
  tekstymd    char(8),
  tekedymd    char(8),
  kakuninymd  char(8),
  sakjokbn    char(1)      NOT NULL DEFAULT '0',
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, ptid, kohid)
);

CREATE TABLE tbl_uketuke (
  hospnum     integer      NOT NULL,
  ukeymd      char(8)      NOT NULL,
  ukeid       integer      NOT NULL,
  uketime     char(6),
  ptid        bigint,
  name        varchar(100),
  sryka       char(2),               -- department
  drcd        char(5),               -- doctor
  hkncombi    char(4),               -- insurance combination
  yyktime     char(6),
  yykid       integer,
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, ukeymd, ukeid)
);

CREATE TABLE tbl_yyk (
  hospnum     integer      NOT NULL,
  srynaiyo    char(2)      NOT NULL,
  drcd        char(5)      NOT NULL,
  yykymd      char(8)      NOT NULL,
  keyyyktime  char(6)      NOT NULL,
  yykid       integer      NOT NULL,
  ptid        bigint,
  name        varchar(100),
  sryka       char(2),
  yykkbn      char(1),
  raiinzumi   char(1)      NOT NULL DEFAULT '0',   -- '1' already came
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid)
);

-- kanricd 1001: facility info; kanritbl starts with the 10-digit medical institution code
-- (prefecture 2, fee table 1, institution 7), then the facility name. 1010: staff.
-- 1051: online-qualification settings.
CREATE TABLE tbl_syskanri (
  hospnum     integer      NOT NULL,
  kanricd     char(4)      NOT NULL,
  kbncd       char(8)      NOT NULL,
  styukymd    char(8)      NOT NULL,
  edyukymd    char(8)      NOT NULL,
  kanritbl    text,
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, kanricd, kbncd, styukymd, edyukymd)
);

-- Operators (login accounts).
CREATE TABLE tbl_passwd (
  hospnum     integer      NOT NULL,
  userid      varchar(16)  NOT NULL,
  password    varchar(128),
  name        varchar(100),
  termid      varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6),
  PRIMARY KEY (hospnum, userid)
);
