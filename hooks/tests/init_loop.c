/* onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT */
/* Loads onshi_link.so like the host (dlopen RTLD_GLOBAL | RTLD_LAZY) and runs init, a few
   calls and fini N times in one process (run under valgrind by valgrind_init.sh).
   usage: init_loop MODULE LOCALE_DIR N */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onshi_link_abi.h"

typedef int (*init_fn)(struct onshi_link_ctl_rec*, struct onshi_link_init_rec*);
typedef int (*fini_fn)(struct onshi_link_ctl_rec*);
typedef int (*staff_fn)(struct onshi_link_ctl_rec*, struct onshi_link_adm_staff_rec*);
typedef int (*poll_fn)(struct onshi_link_ctl_rec*, struct onshi_link_reg_poll_rec*);

static void put(char* field, size_t width, const char* value) {
  size_t n = strlen(value);
  memset(field, ' ', width);
  memcpy(field, value, n < width ? n : width);
}

int main(int argc, char** argv) {
  void* h;
  int i, n, failures = 0;
  if (argc != 4) {
    fprintf(stderr, "usage: init_loop MODULE LOCALE_DIR N\n");
    return 64;
  }
  n = atoi(argv[3]);
  h = dlopen(argv[1], RTLD_GLOBAL | RTLD_LAZY);
  if (!h) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  {
    init_fn init = (init_fn)dlsym(h, "onshi_link_init");
    fini_fn fini = (fini_fn)dlsym(h, "onshi_link_fini");
    staff_fn staff = (staff_fn)dlsym(h, "onshi_link_adm_staff");
    poll_fn poll = (poll_fn)dlsym(h, "onshi_link_reg_poll");
    for (i = 0; i < n; i++) {
      struct onshi_link_ctl_rec ctl;
      struct onshi_link_init_rec rec;
      struct onshi_link_adm_staff_rec s;
      struct onshi_link_reg_poll_rec p;
      memset(&ctl, ' ', sizeof ctl);
      memset(&rec, ' ', sizeof rec);
      put(ctl.hospnum, sizeof ctl.hospnum, "0001");
      put(ctl.userid, sizeof ctl.userid, "ormaster");
      put(ctl.lang, sizeof ctl.lang, i % 2 ? "en" : "ja");
      onshi_link_fill_init(&rec);
      put(rec.locale_dir, sizeof rec.locale_dir, argv[2]);
      if (init(&ctl, &rec) != 0) {
        fprintf(stderr, "init: %.60s\n", ctl.message);
        failures++;
      }
      memset(&s, ' ', sizeof s);
      put(s.action, sizeof s.action, "G");
      put(s.target_userid, sizeof s.target_userid, "clerk1");
      if (staff(&ctl, &s) != 0) failures++;
      memset(&p, ' ', sizeof p);
      put(p.request_id, sizeof p.request_id, "424242");
      if (poll(&ctl, &p) != 8) failures++; /* refused: no such request, translated */
      put(rec.abi_version, sizeof rec.abi_version, "0077");
      if (init(&ctl, &rec) != 16) failures++; /* refused, the session stays */
      if (fini(&ctl) != 0) failures++;
    }
  }
  dlclose(h);
  printf("%d init/fini cycles, %d failures\n", n, failures);
  return failures ? 1 : 0;
}
