-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Reference host schema: ORCA 5.2's shape (jma-receipt 5.2.0, an upgraded 5.2 database) for every
-- host table onshi-link reads or writes. TEST AND DEMO DATA ONLY: never load this into a real host.
--
-- Written for this project from the facts in ../shared/spec/orca52-host.md (sections 0, 1, 3, 7):
-- column names, types, nullability, defaults, primary keys and indexes, columns in the physical
-- order of an upgraded 5.2 database (columns added by later updates sit at the end, e.g.
-- tbl_pthkninf.edaban after hospnum, tbl_ptkohinf.tekedchkkbn after hospnum). No ORCA file was
-- copied. Only the tables the plugin touches are here (plus tbl_hknnum with the columns the
-- fact sheet names; its burden columns are left out).
--
-- How ORCA stores values (apply when writing test rows, see host_seed.cc):
--  * ORCA never writes NULL into its columns: a blank char(n) is spaces, a blank varchar is '',
--    numeric counters are 0; flags are SPACE for "off" and '1' for "on" (no defaults here, as in
--    ORCA: flags are nullable and have no default).
--  * dates char(8) YYYYMMDD ('99999999' = open end), times char(6) HHMMSS; reservation and
--    accounting times numeric(4,0) HHMM.
--  * key types differ per table, exactly as in ORCA: hospnum is smallint in the patient tables but
--    numeric(2,0) in tbl_uketuke, tbl_yyk, tbl_syskanri, tbl_sysuser and tbl_sysbase; ptid is
--    bigint but numeric(10,0) in tbl_uketuke and tbl_yyk.
-- The ORCA 5.1 variant used by migration tests is this schema without tbl_pthkninf.edaban
-- (tests/db/pg_test_support.cc: HostSchema::orca51).

-- 1.1 patient
CREATE TABLE tbl_ptinf (
    ptid bigint NOT NULL,
    kananame character varying(100),
    name character varying(100),
    nickname character varying(100),
    sex character(1),
    birthday character(8),
    deathkbn character(1),
    home_post character varying(7),
    home_adrs character varying(200),
    home_banti character varying(200),
    home_tel1 character varying(15),
    home_tel2 character varying(15),
    setainusi character varying(100),
    zokugara character varying(60),
    job character varying(40),
    keitai_tel character varying(15),
    fax character varying(15),
    email character varying(50),
    discount character(2),
    discount_rate character(2),
    condition_1 character(2),
    condition_2 character(2),
    condition_3 character(2),
    comment_1 character varying(200),
    comment_2 character varying(200),
    taboo_1 character varying(200),
    taboo_2 character varying(200),
    allergy_1 character varying(200),
    allergy_2 character varying(200),
    kansensyo_1 character varying(200),
    kansensyo_2 character varying(200),
    renraku_name character varying(100),
    renraku_zokugara character varying(60),
    renraku_post character varying(7),
    renraku_adrs character varying(200),
    renraku_banti character varying(200),
    renraku_tel1 character varying(15),
    renraku_tel2 character varying(15),
    office_name character varying(100),
    office_post character varying(7),
    office_adrs character varying(200),
    office_banti character varying(200),
    office_tel character varying(15),
    kisei_name character varying(100),
    kisei_post character varying(7),
    kisei_adrs character varying(200),
    kisei_banti character varying(200),
    kisei_tel character varying(15),
    tstptnumkbn character(1),
    nyukin_hoho character(2),
    maxzainum integer DEFAULT 0,
    rrknum smallint DEFAULT 0,
    rrkedanum smallint DEFAULT 0,
    skyprtflg character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    CONSTRAINT tbl_ptinf_primary_key PRIMARY KEY (hospnum, ptid)
);
CREATE INDEX idx_ptinf_birthday ON tbl_ptinf (birthday);
CREATE INDEX idx_ptinf_kananame ON tbl_ptinf (hospnum, kananame);
CREATE INDEX idx_ptinf_name ON tbl_ptinf (hospnum, name);

-- 1.2 patient number and per-patient counters (ptnum is NOT unique by constraint)
CREATE TABLE tbl_ptnum (
    ptid bigint NOT NULL,
    ptnum character(20) NOT NULL,
    hknid bigint DEFAULT 0,
    kohid bigint DEFAULT 0,
    autocombinum smallint DEFAULT 0,
    manucombinum smallint DEFAULT 0,
    tstptnumkbn character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    CONSTRAINT tbl_ptnum_primary_key PRIMARY KEY (hospnum, ptid)
);
CREATE INDEX idx_ptnum_ptnum ON tbl_ptnum (hospnum, ptnum);

-- 1.3 patient insurance; edaban added by the 5.2.0-1 update (last, no default)
CREATE TABLE tbl_pthkninf (
    ptid bigint NOT NULL,
    hknid bigint NOT NULL,
    hknnum character(3),
    hknjanum character(8),
    hihknjaname character varying(100),
    honkzkkbn character(1),
    hojokbn character(1),
    contkbn character(1),
    kigo character varying(80),
    num character varying(80),
    skkgetymd character(8),
    tekstymd character(8),
    tekedymd character(8),
    kakuninymd character(8),
    sakjokbn character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    edaban character varying(2),
    CONSTRAINT tbl_pthkninf_primary_key PRIMARY KEY (hospnum, ptid, hknid)
);
CREATE INDEX idx_pthkninf_hoken ON tbl_pthkninf (hknjanum, kigo, num);

-- 1.4 previous insurance confirmation dates (since 4.7)
CREATE TABLE tbl_pthknrrk (
    hospnum smallint NOT NULL,
    ptid bigint NOT NULL,
    hknid bigint NOT NULL,
    rennum integer DEFAULT 0 NOT NULL,
    kakuninymd character(8),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    CONSTRAINT tbl_pthknrrk_primary_key PRIMARY KEY (hospnum, ptid, hknid, rennum)
);

-- 1.5 patient public expense; tekedchkkbn added by a 3.5 update (last)
CREATE TABLE tbl_ptkohinf (
    ptid bigint NOT NULL,
    kohid bigint NOT NULL,
    kohnum character(3),
    paykbn character(2),
    ftnjanum character(8),
    jkysnum character(20),
    tekstymd character(8),
    tekedymd character(8),
    kakuninymd character(8),
    sakjokbn character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    tekedchkkbn character(1),
    CONSTRAINT tbl_ptkohinf_primary_key PRIMARY KEY (hospnum, ptid, kohid)
);

-- monthly recipient numbers of a public expense (月代り受給者番号; ORCA sql/schema/tbl_monthlynum.sql,
-- numeric keys as there). kofunum (交付番号, char(15) in record/tbl_monthlynum.db) came with ORCA's
-- public-assistance update of 2024-01 (CPMONTHLYNUM.INC 05.02.01), whose script is not in ORCA's
-- repository: added last, as an ALTER would.
CREATE TABLE tbl_monthlynum (
    ptid numeric(10,0) NOT NULL,
    kohnum character(3) NOT NULL,
    sryym character(6) NOT NULL,
    nyugaikbn character(1) NOT NULL,
    jkysnum character(20),
    termid character varying(32),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    kohid numeric(10,0) DEFAULT 0 NOT NULL,
    hospnum numeric(2,0) NOT NULL,
    kofunum character(15),
    CONSTRAINT tbl_monthlynum_primary_key PRIMARY KEY (hospnum, ptid, kohnum, kohid, sryym, nyugaikbn)
);

-- 1.7 insurance combinations (109 columns)
CREATE TABLE tbl_hkncombi (
    ptid bigint NOT NULL,
    hkncombinum smallint NOT NULL,
    hknid bigint,
    hknnum character(3),
    honkzkkbn character(1),
    hojokbn character(1),
    contkbn character(1),
    koh1id bigint,
    koh1hknnum character(3),
    koh1paykbn character(2),
    koh2id bigint,
    koh2hknnum character(3),
    koh2paykbn character(2),
    koh3id bigint,
    koh3hknnum character(3),
    koh3paykbn character(2),
    koh4id bigint,
    koh4hknnum character(3),
    koh4paykbn character(2),
    tekstymd character(8),
    tekedymd character(8),
    syu_tanseidoname character varying(40),
    syu_hknkohsbtkbn character(1),
    syu_gaijgnkbn character(1),
    syu_nyujgnkbn character(1),
    koh1_tanseidoname character varying(20),
    koh1_hknkohsbtkbn character(1),
    koh1_gaijgnkbn character(1),
    koh1_nyujgnkbn character(1),
    koh2_tanseidoname character varying(20),
    koh2_hknkohsbtkbn character(1),
    koh2_gaijgnkbn character(1),
    koh2_nyujgnkbn character(1),
    koh3_tanseidoname character varying(20),
    koh3_hknkohsbtkbn character(1),
    koh3_gaijgnkbn character(1),
    koh3_nyujgnkbn character(1),
    koh4_tanseidoname character varying(20),
    koh4_hknkohsbtkbn character(1),
    koh4_gaijgnkbn character(1),
    koh4_nyujgnkbn character(1),
    gai_ftnkbn character(1),
    gai_kftnrate smallint DEFAULT 0,
    gai_kkotgak integer DEFAULT 0,
    gai_kjgngak integer DEFAULT 0,
    gai_djgngak integer DEFAULT 0,
    gai_djgncnt smallint DEFAULT 0,
    gai_mnaijgngak integer DEFAULT 0,
    gai_mgaijgngak integer DEFAULT 0,
    gai_mjgncnt smallint DEFAULT 0,
    gai_ykzftnkbn character(1),
    nyu_ftnkbn character(1),
    nyu_kftnrate smallint DEFAULT 0,
    nyu_kkotgak integer DEFAULT 0,
    nyu_kjgngak integer DEFAULT 0,
    nyu_djgngak integer DEFAULT 0,
    nyu_djgncnt smallint DEFAULT 0,
    nyu_mjgngak integer DEFAULT 0,
    nyu_mjgncnt smallint DEFAULT 0,
    nyu_skjryokbn character(1),
    tsy_gaiftnkbn character(1),
    tsy_gaikftnrate smallint DEFAULT 0,
    tsy_gaikkotgak integer DEFAULT 0,
    tsy_gaikjgngak integer DEFAULT 0,
    tsy_gaidjgngak integer DEFAULT 0,
    tsy_gaidjgncnt smallint DEFAULT 0,
    tsy_gaimnaijgngak integer DEFAULT 0,
    tsy_gaimgaijgngak integer DEFAULT 0,
    tsy_gaimjgncnt smallint DEFAULT 0,
    tsy_gaiykzftnkbn character(1),
    tsy_nyuftnkbn character(1),
    tsy_nyukftnrate smallint DEFAULT 0,
    tsy_nyukkotgak integer DEFAULT 0,
    tsy_nyukjgngak integer DEFAULT 0,
    tsy_nyudjgngak integer DEFAULT 0,
    tsy_nyudjgncnt smallint DEFAULT 0,
    tsy_nyumjgngak integer DEFAULT 0,
    tsy_nyumjgncnt smallint DEFAULT 0,
    tsy_nyuskjryokbn character(1),
    tnk_gaiftnkbn character(1),
    tnk_gaikftnrate smallint DEFAULT 0,
    tnk_gaikkotgak integer DEFAULT 0,
    tnk_gaikjgngak integer DEFAULT 0,
    tnk_gaidjgngak integer DEFAULT 0,
    tnk_gaidjgncnt smallint DEFAULT 0,
    tnk_gaimnaijgngak integer DEFAULT 0,
    tnk_gaimgaijgngak integer DEFAULT 0,
    tnk_gaimjgncnt smallint DEFAULT 0,
    tnk_gaiykzftnkbn character(1),
    tnk_nyuftnkbn character(1),
    tnk_nyukftnrate smallint DEFAULT 0,
    tnk_nyukkotgak integer DEFAULT 0,
    tnk_nyukjgngak integer DEFAULT 0,
    tnk_nyudjgngak integer DEFAULT 0,
    tnk_nyudjgncnt smallint DEFAULT 0,
    tnk_nyumjgngak integer DEFAULT 0,
    tnk_nyumjgncnt smallint DEFAULT 0,
    tnk_nyuskjryokbn character(1),
    tentnk smallint DEFAULT 0,
    taxkbn character(1),
    chgkbn character(1),
    delkbn character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    hyojikbn character(1),
    CONSTRAINT tbl_hkncombi_primary_key PRIMARY KEY (hospnum, ptid, hkncombinum)
);

-- 1.8 / 7.2 reception: header row per day with ukeid 0 (ptid = last used ukeid)
CREATE TABLE tbl_uketuke (
    ukeymd character(8) NOT NULL,
    ukeid numeric(5,0) NOT NULL,
    uketime character(6),
    ptid numeric(10,0),
    name character varying(100),
    sryka character(2),
    drcd character(5),
    srynaiyo character(2),
    hkncombi numeric(4,0) DEFAULT 0,
    kaikeitime numeric(4,0) DEFAULT 0,
    keyyyktime numeric(4,0) DEFAULT 0,
    yyktime numeric(4,0) DEFAULT 0,
    yykid numeric(2,0) DEFAULT 0,
    hyojijun numeric(4,0) DEFAULT 0,
    kakren character(2),
    srflg character(2),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum numeric(2,0) NOT NULL,
    CONSTRAINT tbl_uketuke_primary_key PRIMARY KEY (hospnum, ukeymd, ukeid)
);

-- 1.9 / 7.1 reservations: header row per hour band with yykid 0, ptid 0
CREATE TABLE tbl_yyk (
    srynaiyo character(2) NOT NULL,
    drcd character(5) NOT NULL,
    yykymd character(8) NOT NULL,
    keyyyktime numeric(4,0) NOT NULL,
    yykid numeric(2,0) NOT NULL,
    yykmaxcnt numeric(3,0) DEFAULT 0,
    yykcnt numeric(3,0) DEFAULT 0,
    yyktime numeric(4,0) DEFAULT 0,
    ptid numeric(10,0) DEFAULT 0,
    name character varying(100),
    sryka character(2),
    yykkbn character(2),
    kakren character(2),
    raiinzumi character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum numeric(2,0) NOT NULL,
    CONSTRAINT tbl_yyk_primary_key PRIMARY KEY (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid)
);

-- 1.10 system management; kanritbl is fixed-position text, trailing spaces stripped
CREATE TABLE tbl_syskanri (
    kanricd character(4) NOT NULL,
    kbncd character(8) NOT NULL,
    styukymd character(8) NOT NULL,
    edyukymd character(8) NOT NULL,
    kanritbl character varying(500),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum numeric(2,0) NOT NULL,
    CONSTRAINT tbl_syskanri_primary_key PRIMARY KEY (hospnum, kanricd, kbncd, styukymd, edyukymd)
);

-- 1.11 login user -> facility (supervisor 'T' / 'F')
CREATE TABLE tbl_sysuser (
    userid character varying(16) NOT NULL,
    hospnum numeric(2,0) NOT NULL,
    supervisor character(1),
    upymd character(8),
    CONSTRAINT tbl_sysuser_primary_key PRIMARY KEY (userid)
);

-- 1.12 login passwords (since 4.8): only userid and password
CREATE TABLE tbl_passwd (
    userid character varying(16) NOT NULL,
    password character varying(256),
    CONSTRAINT tbl_passwd_primary_key PRIMARY KEY (userid)
);

-- 1.13 database version bookkeeping (one row ORCADB00)
CREATE TABLE tbl_dbkanri (
    kanricd character(8) NOT NULL,
    version character varying(64),
    dbsversion1 character varying(64),
    dbsversion2 character varying(64),
    termid character varying(32),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    CONSTRAINT tbl_dbkanri_primary_key PRIMARY KEY (kanricd)
);

-- 1.14 facilities of this database
CREATE TABLE tbl_sysbase (
    grpnum numeric(2,0) NOT NULL,
    hospnum numeric(2,0) NOT NULL,
    hospname character varying(120),
    kigen character(8) DEFAULT '99999999',
    honbungrp numeric(2,0) DEFAULT 0,
    honbunkbn character(1) DEFAULT '0',
    creymd character(8),
    upymd character(8),
    uphms character(6),
    CONSTRAINT tbl_sysbase_primary_key PRIMARY KEY (grpnum)
);

-- 1.14 master of insurance / public-expense kinds (only the columns the fact sheet names;
-- the burden columns of the real master are not modelled)
CREATE TABLE tbl_hknnum (
    hknnum character(3) NOT NULL,
    tekstymd character(8) NOT NULL,
    paykbn character(2) NOT NULL,
    tekedymd character(8),
    hbtnum character(2),
    seidoname character varying(100),
    tanseidoname character varying(20),
    hknkohsbtkbn character(1),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    CONSTRAINT tbl_hknnum_primary_key PRIMARY KEY (hospnum, hknnum, tekstymd, paykbn)
);

-- 1.6 low-income category II (低所得者Ⅱ, 限度額適用・標準負担額減額認定証); kyoukaisoukbn added by
-- a 5.1 update (last)
CREATE TABLE tbl_tsyrrk (
    ptid bigint NOT NULL,
    ninstymd character(8) NOT NULL,
    ninedymd character(8),
    skjgnstymd character(8),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    skjninstymd character(8),
    hkntekkbn character(1),
    kyoukaisoukbn character(1),
    CONSTRAINT tbl_tsyrrk_primary_key PRIMARY KEY (hospnum, ptid, ninstymd)
);

-- 1.6 low-income category I (低所得者Ⅰ); kyoukaisoukbn added by a 5.1 update (last)
CREATE TABLE tbl_tnkrrk (
    ptid bigint NOT NULL,
    stymd character(8) NOT NULL,
    edymd character(8) NOT NULL,
    rri_fukushi_kbn character(1) NOT NULL,
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    hospnum smallint NOT NULL,
    skjninstymd character(8),
    hkntekkbn character(1),
    kyoukaisoukbn character(1),
    CONSTRAINT tbl_tnkrrk_primary_key PRIMARY KEY (hospnum, ptid, stymd)
);

-- 1.6 per-patient settings and consents (since 4.8), e.g. ONSGENDO01..99
CREATE TABLE tbl_ptconf (
    hospnum smallint DEFAULT 0 NOT NULL,
    ptid bigint DEFAULT 0 NOT NULL,
    ckey character varying(25) NOT NULL,
    cdata character varying(10),
    termid character varying(16),
    opid character varying(16),
    creymd character(8),
    upymd character(8),
    uphms character(6),
    CONSTRAINT tbl_ptconf_primary_key PRIMARY KEY (hospnum, ptid, ckey)
);
