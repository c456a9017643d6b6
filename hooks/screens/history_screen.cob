      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the patient's confirmation history (ORCA P032: one
      * patient's results, newest first, with what differed from the
      * registration and what was written into it) through
      * onshi_link.so, page by page (20 rows a page) until every row
      * was shown. With ONSHI_RECHECK=1 the first call is the screen's
      * forced re-check: a new insurance-number check of the patient
      * is queued (its request id is shown; poll it with reg_poll).
      *
      * Run with COB_LIBRARY_PATH=<builddir>/hooks/.libs and
      * COB_PRE_LOAD=onshi_link. Parameters (environment):
      *   ONSHI_PTID (the patient, required)  ONSHI_RECHECK (1)
      *   ONSHI_HOSPNUM (0001) ONSHI_USERID (clerk1) ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_EXPECT (00): the status the first call must end with
      * Prints "PATIENT|ptid|ptnum|name|total|request id|" and per row
      *   HIST|id|date|received|source|validity|status|insurer|
      *   symbol|number|branch|ratio|differed|differences|
      *   host updates|
      * then "rows shown: N of T in P pages".
      * Exit status 0 when the calls ended with ONSHI_EXPECT.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. HISTSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       01  WS-PTID                  PIC X(10)  VALUE SPACES.
       01  WS-RECHECK               PIC X(1)   VALUE SPACES.
       01  WS-START                 PIC 9(4)   VALUE 0.
       01  WS-TOTAL                 PIC 9(6)   VALUE 0.
       01  WS-SHOWN                 PIC 9(6)   VALUE 0.
       01  WS-PAGES                 PIC 9(4)   VALUE 0.
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-DONE                  PIC X      VALUE "N".
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           PERFORM LIST-PAGE UNTIL WS-DONE = "Y"
           IF WS-FAILED = "N" AND WS-PAGES > 0
              DISPLAY "rows shown: " WS-SHOWN " of " WS-TOTAL
                      " in " WS-PAGES " pages"
           END-IF
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "history screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_RECHECK"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-RECHECK END-IF
           ACCEPT WS-PTID FROM ENVIRONMENT "ONSHI_PTID"
           IF WS-PTID = SPACES
              DISPLAY "history screen: ONSHI_PTID is required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF.

      * The re-check goes with the first page only (the screen's
      * button), the later pages only read.
       LIST-PAGE.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-PT-HISTORY
           MOVE WS-PTID TO PHIS-PTID
           MOVE WS-START TO PHIS-START
           IF WS-PAGES = 0
              MOVE WS-RECHECK TO PHIS-RECHECK
           END-IF
           CALL "onshi_link_pt_history" USING ONSHI-CTL
                ONSHI-PT-HISTORY RETURNING WS-RC
           IF WS-PAGES = 0 OR WS-RC NOT = 0
              PERFORM SHOW-CTL
           END-IF
           IF WS-PAGES = 0 AND CTL-STATUS NOT = WS-EXPECT
              DISPLAY "expected status " WS-EXPECT
              MOVE "Y" TO WS-FAILED
           END-IF
           IF WS-PAGES > 0 AND WS-RC NOT = 0
              MOVE "Y" TO WS-FAILED
           END-IF
           IF WS-RC NOT = 0
              MOVE "Y" TO WS-DONE
           ELSE
              IF WS-PAGES = 0
                 MOVE FUNCTION NUMVAL(PHIS-TOTAL) TO WS-TOTAL
                 DISPLAY "PATIENT|" FUNCTION TRIM(WS-PTID) "|"
                         FUNCTION TRIM(PHIS-PTNUM) "|"
                         FUNCTION TRIM(PHIS-NAME) "|"
                         PHIS-TOTAL "|"
                         FUNCTION TRIM(PHIS-REQUEST-ID) "|"
              END-IF
              ADD 1 TO WS-PAGES
              MOVE FUNCTION NUMVAL(PHIS-ROW-COUNT) TO WS-N
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 PERFORM SHOW-ROW
                 ADD 1 TO WS-SHOWN
              END-PERFORM
              ADD WS-N TO WS-START
              IF WS-N = 0 OR WS-START >= WS-TOTAL
                 MOVE "Y" TO WS-DONE
              END-IF
           END-IF.

       SHOW-ROW.
           DISPLAY "HIST|" FUNCTION TRIM(PHIS-ROW-CONFIRMATION-ID(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-DATE(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-RECEIVED(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-SOURCE(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-VALIDITY(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-STATUS(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-INSURER(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-SYMBOL(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-NUMBER(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-BRANCH(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-RATIO(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-DIFFERED(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-DIFFERENCES(WS-I))
              "|" FUNCTION TRIM(PHIS-ROW-HOST-UPDATES(WS-I))
              "|"
           DISPLAY "     " FUNCTION TRIM(PHIS-ROW-VALIDITY-TEXT(WS-I)
                   TRAILING) " / "
                   FUNCTION TRIM(PHIS-ROW-STATUS-TEXT(WS-I) TRAILING).

       COPY "screen_calls.cpy".
