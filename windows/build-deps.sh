#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Builds the libraries the engine needs on Windows (issue 17, README "Windows side"): OpenSSL,
# libxml2, ICU and libpq (client library only, with TLS), for 64-bit Windows with Debian's
# mingw-w64 cross compiler (posix threads), from Debian's own source packages (`apt-get source`;
# deb-src entries are added when missing). Nothing is downloaded from anywhere else.
#
# Usage: sh windows/build-deps.sh [--check] [--check-only] [--no-tls] [-j N] [PREFIX]
#   PREFIX        where the results go (include/, lib/, bin/); default: windows/deps of the build
#                 tree ($ONSHI_BUILDDIR, else the current folder). Sources and build trees go to
#                 PREFIX-work (build trees removed after a successful install).
#   --check       after building, cross-build windows/check_deps.cc against the results and run it
#                 under wine (parses XML, converts Shift_JIS and EUC-JP, calls libpq; with
#                 ONSHI_CHECK_CONNINFO set, also connects to that server, e.g. sslmode=verify-full)
#   --check-only  only the check
#   --no-tls      libpq without OpenSSL (no sslmode=verify-full)
#   -j N          parallel make jobs (default 2)
# A library whose stamp (PREFIX/stamps/NAME) names the same source version and recipe is not
# built again, so CI builds each once per cache. Every compile runs under `nice -n 19`.
# Needs: g++-mingw-w64-x86-64-posix, icu-devtools, dpkg-dev, autoconf, automake, libtool, perl, make, wine64 (--check).
set -eu

check=no
build=yes
tls=yes
jobs=2
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=yes ;;
    --check-only) check=yes; build=no ;;
    --no-tls) tls=no ;;
    -j) jobs=$2; shift ;;
    -j*) jobs=${1#-j} ;;
    -h|--help) sed -n '3,22s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "build-deps.sh: unknown option $1" >&2; exit 64 ;;
    *) prefix=$1 ;;
  esac
  shift
done
here=$(cd "$(dirname "$0")" && pwd)
[ -n "$prefix" ] || prefix="${ONSHI_BUILDDIR:-.}/windows/deps"
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
work="$prefix-work"
mkdir -p "$work/src" "$prefix/stamps"

HOST=x86_64-w64-mingw32
CC_W="$HOST-gcc-posix"
CXX_W="$HOST-g++-posix"
NICE="nice -n 19"
# Bumped when a recipe below changes in a way the stamps must notice.
RECIPE=1

say() { printf '%s build-deps: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf 'build-deps: %s\n' "$*" >&2; exit 1; }

for t in "$CC_W" "$CXX_W" "$HOST-windres" "$HOST-ar"; do
  command -v "$t" >/dev/null 2>&1 || die "missing $t (Debian: g++-mingw-w64-x86-64-posix)"
done

# --- Debian source packages ----------------------------------------------------------------------

# deb-src entries next to every deb entry, when apt knows no source package yet (a fresh machine).
ensure_deb_src() {
  if apt-cache showsrc libxml2 2>/dev/null | grep -q '^Package:'; then return 0; fi
  [ "$(id -u)" = 0 ] || die "apt has no deb-src entries; run once as root (or add them yourself)"
  say "adding deb-src entries (/etc/apt/sources.list.d/onshi-deb-src.*) and running apt-get update"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in */onshi-deb-src.sources) continue ;; esac
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
      /(^|\n)Types:[^\n]*deb( |\n|$)/ && !/Enabled: *no/ {
        gsub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f"
  done > /etc/apt/sources.list.d/onshi-deb-src.sources
  [ -s /etc/apt/sources.list.d/onshi-deb-src.sources ] || rm -f /etc/apt/sources.list.d/onshi-deb-src.sources
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' > /etc/apt/sources.list.d/onshi-deb-src.list
  [ -s /etc/apt/sources.list.d/onshi-deb-src.list ] || rm -f /etc/apt/sources.list.d/onshi-deb-src.list
  apt-get update -qq
  apt-cache showsrc libxml2 2>/dev/null | grep -q '^Package:' || die "still no source packages after apt-get update"
}

# The source package's versions apt knows, newest first.
src_versions() {
  vs=$(apt-cache showsrc --only-source "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -u)
  sorted=""
  for v in $vs; do
    out=""; placed=no
    for s in $sorted; do
      if [ $placed = no ] && dpkg --compare-versions "$v" gt "$s"; then out="$out $v"; placed=yes; fi
      out="$out $s"
    done
    [ $placed = yes ] || out="$out $v"
    sorted=$out
  done
  echo $sorted
}

# fetch_source SRCPKG: the newest version whose files the mirror has (a security update may be
# listed before the mirror carries it), downloaded once into $work/src. Sets $version and $dsc.
fetch_source() {
  for v in $(src_versions "$1"); do
    upstream=${v#*:}
    dsc="$work/src/$1_${upstream}.dsc"
    if [ -f "$dsc" ]; then version=$v; return 0; fi
    if (cd "$work/src" && apt-get source -qq --download-only "$1=$v" >"$work/src/apt.log" 2>&1); then
      version=$v
      return 0
    fi
    # What apt got of it before the 404 (an orig tarball another revision may share comes again).
    rm -f "$work/src/$1_${upstream}".* "$work/src/$1_${upstream%-*}".orig*
    say "$1 $v: not on the mirror, trying an older version"
  done
  die "no version of source package $1 could be downloaded (apt-get source $1)"
}

# unpack DIR: a fresh tree of $dsc (Debian's patches applied) at $work/DIR.
unpack() {
  rm -rf "${work:?}/$1"
  dpkg-source -x "$dsc" "$work/$1" >"$work/$1.unpack.log" 2>&1 ||
    die "dpkg-source -x $dsc failed, see $work/$1.unpack.log"
}

# up_to_date NAME SRCPKG STAMPTEXT-WITHOUT-VERSION: true (and a message) if the stamp shows this
# build, first for the newest version without asking the mirror, then for the one fetched.
up_to_date() {
  newest=$(src_versions "$2" | cut -d' ' -f1)
  [ -n "$newest" ] || die "apt knows no source package $2"
  if [ "$(cat "$prefix/stamps/$1" 2>/dev/null)" = "$1 $2 $newest $3" ]; then
    say "$1: up to date ($2 $newest)"
    return 0
  fi
  fetch_source "$2"
  if [ "$(cat "$prefix/stamps/$1" 2>/dev/null)" = "$1 $2 $version $3" ]; then
    say "$1: up to date ($2 $version)"
    return 0
  fi
  return 1
}

stamp() { printf '%s\n' "$1 $2 $version $3" > "$prefix/stamps/$1"; }

# run LOG CMD...: a build step with its output in LOG, the log's tail shown when it fails.
run() {
  log=$1; shift
  if ! "$@" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "failed: $* (whole log: $log)"
  fi
}

# CPU seconds (user + system) of the commands this script waited for so far.
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{ print int(($16 + $17) / t) }' "/proc/$$/stat"; }

# timed NAME FUNCTION: runs it and says how long it took (wall clock and CPU).
timed() {
  t0=$(date +%s); c0=$(cpu_seconds)
  "$2"
  say "$1: built in $(( $(date +%s) - t0 )) s ($(( $(cpu_seconds) - c0 )) s of CPU time)"
}

# --- OpenSSL (only for libpq's TLS) --------------------------------------------------------------

OPENSSL_OPTS="mingw64 no-shared no-tests no-dso no-engine no-module no-legacy no-comp no-capieng"
build_openssl() {
  unpack openssl-src
  log="$work/openssl.log"; : >"$log"
  cd "$work/openssl-src"
  # Static libraries only (libssl.a, libcrypto.a), no programs.
  run "$log" $NICE env CC="$CC_W" CXX="$CXX_W" AR="$HOST-ar" RANLIB="$HOST-ranlib" RC="$HOST-windres" \
    perl ./Configure $OPENSSL_OPTS --prefix="$prefix" --libdir=lib
  run "$log" $NICE make -j"$jobs" build_libs
  run "$log" make install_dev
  cd "$work"
  rm -rf "$work/openssl-src"
}

# --- libxml2 -------------------------------------------------------------------------------------

LIBXML2_OPTS="--enable-static --disable-shared --without-python --without-http --without-ftp
  --without-iconv --without-icu --without-lzma --without-zlib --without-readline --without-history
  --without-debug --without-catalog"
build_libxml2() {
  unpack libxml2-src
  log="$work/libxml2.log"; : >"$log"
  cd "$work/libxml2-src"
  # Debian's patches touch Makefile.am (Debian's own build runs dh_autoreconf too).
  run "$log" $NICE autoreconf -fi
  # shellcheck disable=SC2086
  run "$log" $NICE ./configure --host=$HOST CC="$CC_W" --prefix="$prefix" $LIBXML2_OPTS
  # The library, its headers and pkg-config file; not xmllint nor the test programs.
  run "$log" $NICE make -j"$jobs" libxml2.la
  run "$log" make install-libLTLIBRARIES install-pkgconfigDATA install-m4dataDATA
  run "$log" make -C include install
  cd "$work"
  rm -rf "$work/libxml2-src"
}

# --- ICU -----------------------------------------------------------------------------------------

# plugin/text uses ICU's converters only (ucnv, ustring: the common library, icu-uc); the i18n
# library (collation, transliteration, formatting) is not built. ICU's tools for the build
# machine (icupkg, genccode) are Debian's own (package icu-devtools, the same upstream version as
# the source package, checked below) instead of a second, native ICU build.
# The data kept (Debian's source carries ICU's prebuilt data, icudt72l.dat, not the sources the
# data filter works on; icupkg cuts the package instead): the converters plugin/text opens
# (windows-31j = ibm-943_P15A-2003, EUC-JP = euc-jp-2007; UTF-8 and UTF-16 are algorithmic),
# the alias table, and NFKC (unused today, 100 KB). Everything else (locales, collation,
# transliteration, break iteration) would be 30 MB in every program.
ICU_DATA_ITEMS="cnvalias.icu ibm-943_P15A-2003.cnv euc-jp-2007.cnv nfkc.nrm nfkc_cf.nrm"
ICU_OPTS="--enable-static --disable-shared --disable-tests --disable-samples --disable-extras
  --disable-layoutex --disable-icuio --disable-tools --disable-icu-config --with-data-packaging=static"
# In the stamp: how ICU is built (the common library only, the data through Debian's tools).
ICU_RECIPE="common-only icu-devtools"
build_icu() {
  unpack icu-src
  log="$work/icu.log"; : >"$log"
  src="$work/icu-src/source"
  upstream=${version#*:}; upstream=${upstream%%-*}
  tools=$(dpkg-query -W -f='${Version}' icu-devtools 2>/dev/null || true)
  [ "${tools%%-*}" = "$upstream" ] ||
    die "ICU's tools: package icu-devtools ${tools:-not installed} is not ICU $upstream of the source package (apt-get install icu-devtools)"
  # 1. The cut data package (icupkg), as an object for Windows (genccode's assembly, assembled
  #    by the cross compiler): the static data library libsicudt.a.
  dat=$(ls "$src"/data/in/icudt*l.dat)
  base=$(basename "$dat" .dat)
  printf '%s\n' $ICU_DATA_ITEMS > "$work/icu-data.txt"
  rm -rf "$work/icu-data"; mkdir -p "$work/icu-data"
  run "$log" icupkg -x "$work/icu-data.txt" -d "$work/icu-data" "$dat"
  run "$log" icupkg -tl -s "$work/icu-data" -a "$work/icu-data.txt" new "$work/icu-data/$base.dat"
  run "$log" genccode -a gcc-mingw64 --skip-dll-export -e "${base%l}" -d "$work/icu-data" \
    "$work/icu-data/$base.dat"
  run "$log" "$CC_W" -c -o "$work/icu-data/${base}_dat.o" "$work/icu-data/${base}_dat.S"
  # 2. The common library for Windows. --with-cross-build wants a native build's folder; only
  #    its config/icucross.mk is read, and only by the data and tools builds, which are not run.
  rm -rf "$work/icu-native"; mkdir -p "$work/icu-native/config"
  printf 'TOOLBINDIR=%s\nTOOLLIBDIR=\nINVOKE=\nPKGDATA_INVOKE=\n' "$(dirname "$(command -v icupkg)")" \
    > "$work/icu-native/config/icucross.mk"
  : > "$work/icu-native/config/icucross.inc"
  rm -rf "$work/icu-cross"; mkdir -p "$work/icu-cross/lib" "$work/icu-cross/bin"
  cd "$work/icu-cross"
  # shellcheck disable=SC2086
  run "$log" $NICE "$src/configure" --host=$HOST CC="$CC_W" CXX="$CXX_W" --prefix="$prefix" \
    --with-cross-build="$work/icu-native" $ICU_OPTS
  run "$log" $NICE make -j"$jobs" -C common
  run "$log" make -C common install
  mkdir -p "$prefix/lib"
  rm -f "$prefix/lib/libsicudt.a"
  run "$log" "$HOST-ar" rcs "$prefix/lib/libsicudt.a" "$work/icu-data/${base}_dat.o"
  # What an earlier recipe installed and nothing links any more.
  rm -f "$prefix/lib/libsicuin.a" "$prefix"/lib/pkgconfig/icu-*.pc
  cd "$work"
  rm -rf "$work/icu-src" "$work/icu-native" "$work/icu-cross" "$work/icu-data" "$work/icu-data.txt"
}

# --- libpq ---------------------------------------------------------------------------------------

PG_OPTS="--without-readline --without-zlib --without-icu --without-gssapi --without-ldap
  --disable-nls"
build_libpq() {
  unpack libpq-src
  log="$work/libpq.log"; : >"$log"
  cd "$work/libpq-src"
  ssl=""
  libs=""
  if [ "$tls" = yes ]; then
    ssl="--with-ssl=openssl"
    libs="-lcrypt32 -lws2_32 -lgdi32 -luser32 -ladvapi32"
  fi
  # shellcheck disable=SC2086
  run "$log" $NICE ./configure --host=$HOST CC="$CC_W" --prefix="$prefix" $PG_OPTS $ssl \
    CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" LIBS="$libs"
  # The client library only: its headers, libpgcommon/libpgport parts, libpq.
  run "$log" $NICE make -j"$jobs" -C src/include
  run "$log" $NICE make -j"$jobs" -C src/common
  run "$log" $NICE make -j"$jobs" -C src/port
  run "$log" $NICE make -j"$jobs" -C src/interfaces/libpq
  run "$log" make -C src/include install
  run "$log" make -C src/interfaces/libpq install
  cd "$work"
  rm -rf "$work/libpq-src"
}

# --- the check: the three libraries in one Windows program, under wine ----------------------------

check_deps() {
  exe="$work/check_deps.exe"
  say "check: building $exe"
  # Static ICU, libxml2 and OpenSSL; libpq is a DLL (libpq.dll, next to the program).
  run "$work/check.log" $NICE "$CXX_W" -std=c++17 -O1 -o "$exe" "$here/check_deps.cc" \
    -DU_STATIC_IMPLEMENTATION -DLIBXML_STATIC -I"$prefix/include" -I"$prefix/include/libxml2" \
    -L"$prefix/lib" -lxml2 -lsicuuc -lsicudt -lpq -lws2_32 -static
  cp "$prefix/bin/libpq.dll" "$work/" 2>/dev/null || cp "$prefix/lib/libpq.dll" "$work/"
  wine=""
  for w in wine64 wine /usr/lib/wine/wine64; do
    if command -v "$w" >/dev/null 2>&1; then wine=$(command -v "$w"); break; fi
  done
  [ -n "$wine" ] || die "check: no wine64 or wine (Debian package wine64)"
  # libpq must have OpenSSL when it was built so (its stamp says), or when asked to be.
  tlsarg=""
  if [ -f "$prefix/stamps/libpq" ]; then
    grep -q ' tls=yes ' "$prefix/stamps/libpq" && tlsarg=--tls
  elif [ "$tls" = yes ]; then
    tlsarg=--tls
  fi
  winepfx=$(mktemp -d "${TMPDIR:-/tmp}/onshi-wine.XXXXXX")
  say "check: running it under $wine (a new wine prefix takes about 20 s)"
  rc=0
  WINEPREFIX=$winepfx WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    "$wine" "$exe" ${tlsarg:+"$tlsarg"} ${ONSHI_CHECK_CONNINFO:+"$ONSHI_CHECK_CONNINFO"} \
    2>"$work/check-wine.log" || rc=$?
  server="$(dirname "$wine")/wineserver"
  [ -x "$server" ] || server=$(command -v wineserver 2>/dev/null || true)
  [ -n "$server" ] && WINEPREFIX=$winepfx "$server" -k >/dev/null 2>&1
  rm -rf "$winepfx"
  [ $rc = 0 ] || die "check failed (exit $rc); wine's messages: $work/check-wine.log"
  say "check: passed"
}

# --- main ----------------------------------------------------------------------------------------

if [ "$build" = yes ]; then
  ensure_deb_src
  say "prefix $prefix, work folder $work, make -j$jobs"
  if ! up_to_date libxml2 libxml2 "r$RECIPE $(echo $LIBXML2_OPTS)"; then
    timed libxml2 build_libxml2
    stamp libxml2 libxml2 "r$RECIPE $(echo $LIBXML2_OPTS)"
  fi
  if ! up_to_date icu icu "r$RECIPE $ICU_RECIPE $(echo $ICU_OPTS $ICU_DATA_ITEMS)"; then
    timed icu build_icu
    stamp icu icu "r$RECIPE $ICU_RECIPE $(echo $ICU_OPTS $ICU_DATA_ITEMS)"
  fi
  ossl_stamp="none"
  if [ "$tls" = yes ]; then
    if ! up_to_date openssl openssl "r$RECIPE $OPENSSL_OPTS"; then
      timed openssl build_openssl
      stamp openssl openssl "r$RECIPE $OPENSSL_OPTS"
    fi
    ossl_stamp=$(tr ' \n' '+ ' <"$prefix/stamps/openssl" | cut -c1-200)
  fi
  # libpq comes from the source package that builds libpq5 (postgresql-15 on Debian 12).
  pgsrc=$(apt-cache showsrc libpq5 2>/dev/null | sed -n 's/^Package: //p' | sort -V | tail -n 1)
  [ -n "$pgsrc" ] || die "apt knows no source package building libpq5"
  if ! up_to_date libpq "$pgsrc" "r$RECIPE $(echo $PG_OPTS) tls=$tls $ossl_stamp"; then
    timed libpq build_libpq
    stamp libpq "$pgsrc" "r$RECIPE $(echo $PG_OPTS) tls=$tls $ossl_stamp"
  fi
fi
# The license texts of what is linked into the programs (Debian's copyright file of each source
# package, from its debian.tar.xz) for the release zip (make dist-windows).
if [ "$build" = yes ]; then
  mkdir -p "$prefix/licenses"
  for f in "$prefix"/stamps/*; do
    set -- $(cat "$f")
    deb=$(ls "$work/src/$2_${3#*:}".debian.tar.* 2>/dev/null | head -n 1)
    if [ -z "$deb" ]; then  # (the sources' folder was emptied since the build)
      fetch_source "$2"
      deb=$(ls "$work/src/$2_${3#*:}".debian.tar.* 2>/dev/null | head -n 1)
    fi
    [ -n "$deb" ] || die "no Debian source of $2 $3 in $work/src for its copyright file"
    tar -xOf "$deb" debian/copyright > "$prefix/licenses/$2.copyright" ||
      die "no debian/copyright in $deb"
  done
fi
[ "$check" = yes ] && check_deps
say "done: $prefix"
