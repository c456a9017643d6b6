/* onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT */
/* A "host screen" module as the receipt program's middleware would load it: built against
   whichever onshi_link_abi.h the include path gives (the real one, or a deliberately wrong view
   of the ABI), it calls onshi_link_init from the already loaded onshi_link.so (RTLD_GLOBAL). */
#include <stdio.h>
#include <string.h>

#include "onshi_link_abi.h"

static void put(char* field, size_t width, const char* value) {
  size_t n = strlen(value);
  memset(field, ' ', width);
  memcpy(field, value, n < width ? n : width);
}

static size_t trimmed(const char* field, size_t width) {
  while (width > 0 && field[width - 1] == ' ') width--;
  return width;
}

/* Initialises the plugin; writes "<msgid> <message>" into out. Returns the status. */
int host_screen_init(const char* conninfo, const char* locale_dir, char* out, int out_len) {
  struct onshi_link_ctl_rec ctl;
  struct onshi_link_init_rec init;
  int rc;
  memset(&ctl, ' ', sizeof ctl);
  memset(&init, ' ', sizeof init);
  put(ctl.lang, sizeof ctl.lang, "en");
  onshi_link_fill_init(&init);
  put(init.conninfo, sizeof init.conninfo, conninfo);
  put(init.locale_dir, sizeof init.locale_dir, locale_dir);
  rc = onshi_link_init(&ctl, &init);
  snprintf(out, (size_t)out_len, "%.*s %.*s", (int)trimmed(ctl.msgid, sizeof ctl.msgid), ctl.msgid,
           (int)trimmed(ctl.message, sizeof ctl.message), ctl.message);
  return rc;
}
