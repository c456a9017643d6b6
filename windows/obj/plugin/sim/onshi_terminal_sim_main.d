windows/obj/plugin/sim/onshi_terminal_sim_main.o: \
 plugin/sim/onshi_terminal_sim_main.cc windows/compat/onshi_posix_win.h \
 plugin/common/error.h plugin/sim/responder.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/kind.h plugin/model/schema.h \
 plugin/sim/scenario.h plugin/json/json.h plugin/sim/util.h \
 plugin/sim/terminal.h
windows/compat/onshi_posix_win.h:
plugin/common/error.h:
plugin/sim/responder.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/sim/scenario.h:
plugin/json/json.h:
plugin/sim/util.h:
plugin/sim/terminal.h:
