      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * The paragraphs every reference screen shares (COPY at the end
      * of its PROCEDURE DIVISION): the facility, user and language
      * from ONSHI_HOSPNUM, ONSHI_USERID and ONSHI_LANG when set
      * (READ-CALL-PARAMETERS), the call control of each call
      * (SET-CTL), its outcome (SHOW-CTL) and onshi_link_init with
      * this plugin's record sizes (PLUGIN-INIT; stops the program
      * when it fails). They use WS-RC, WS-ENV, WS-HOSPNUM, WS-USERID
      * and WS-LANG of the screen's WORKING-STORAGE.

       READ-CALL-PARAMETERS.
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_HOSPNUM"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-HOSPNUM END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_USERID"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-USERID END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_LANG"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-LANG END-IF.

       SET-CTL.
           MOVE SPACES TO ONSHI-CTL
           MOVE WS-HOSPNUM TO CTL-HOSPNUM
           MOVE WS-USERID TO CTL-USERID
           MOVE WS-LANG TO CTL-LANG.

       SHOW-CTL.
           DISPLAY "  [" CTL-STATUS "] " CTL-MSGID " "
                   FUNCTION TRIM(CTL-MESSAGE TRAILING).

       PLUGIN-INIT.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-INIT
           COPY "onshi-sizes.cpy".
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_CONNINFO"
           MOVE WS-ENV TO INIT-CONNINFO
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_LOCALE_DIR"
           MOVE WS-ENV TO INIT-LOCALE-DIR
           MOVE WS-LANG TO INIT-DEFAULT-LANG
           CALL "onshi_link_init" USING ONSHI-CTL ONSHI-INIT
                RETURNING WS-RC
           PERFORM SHOW-CTL
           IF WS-RC NOT = 0
              MOVE 1 TO RETURN-CODE
              STOP RUN
           END-IF.
