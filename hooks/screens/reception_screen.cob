      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the reception list (11 uketsuke) through onshi_link.so:
      * lists today's card check-ins and results waiting for staff,
      * opens the first one with no matching patient, shows the
      * candidates (same name first) and the proposal, and creates the
      * new patient from it.
      *
      * Run with COB_LIBRARY_PATH=<builddir>/hooks/.libs and
      * COB_PRE_LOAD=onshi_link. Parameters (environment):
      *   ONSHI_HOSPNUM (0001) ONSHI_USERID (clerk1) ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_ENGINE_STEP (command run first, for tests)
      *   ONSHI_ACTION (N: create the patient (default; apply mode
      *   prefill: a pre-fill of the registration screen, line
      *   NEWPREFILL); L: link to ONSHI_LINK_PTID; D: dismiss; none:
      *   only list)
      * Exit status 0 when every step succeeded.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. RCPSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-ACTION                PIC X(4)   VALUE "N".
       01  WS-LINK-PTID             PIC X(10).
       01  WS-STEP                  PIC X(512).
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-PICK                  PIC 9(4)   VALUE 0.
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           IF WS-STEP NOT = SPACES
              CALL "SYSTEM" USING WS-STEP
           END-IF
           PERFORM PLUGIN-INIT
           PERFORM SHOW-LIST
           IF WS-ACTION NOT = "none"
              IF WS-PICK = 0
                 DISPLAY "nothing waits for staff"
                 MOVE "Y" TO WS-FAILED
              ELSE
                 PERFORM SHOW-DETAIL
                 PERFORM RESOLVE-ROW
              END-IF
           END-IF
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "reception screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           MOVE SPACES TO WS-STEP WS-LINK-PTID
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACTION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACTION END-IF
           ACCEPT WS-LINK-PTID FROM ENVIRONMENT "ONSHI_LINK_PTID"
           ACCEPT WS-STEP FROM ENVIRONMENT "ONSHI_ENGINE_STEP".

       SHOW-LIST.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RCP-LIST
           CALL "onshi_link_rcp_list" USING ONSHI-CTL ONSHI-RCP-LIST
                RETURNING WS-RC
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
              MOVE 0 TO WS-N
           ELSE
              MOVE FUNCTION NUMVAL(RLST-ROW-COUNT) TO WS-N
           END-IF
           DISPLAY "reception list: " WS-N " row(s)"
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
              DISPLAY "  " RLST-ROW-CONFIRMATION-ID(WS-I) " "
                 RLST-ROW-TIME(WS-I) " " RLST-ROW-SOURCE(WS-I) " staff:"
                 RLST-ROW-NEEDS-STAFF(WS-I) " "
                 FUNCTION TRIM(RLST-ROW-REASON(WS-I)) " "
                 FUNCTION TRIM(RLST-ROW-REASON-TEXT(WS-I) TRAILING) " "
                 FUNCTION TRIM(RLST-ROW-NAME(WS-I) TRAILING) " "
                 RLST-ROW-BIRTHDATE(WS-I)
              IF WS-PICK = 0 AND RLST-ROW-NEEDS-STAFF(WS-I) = "1"
                 AND RLST-ROW-REASON(WS-I) = "no_patient"
                 MOVE WS-I TO WS-PICK
              END-IF
           END-PERFORM.

       SHOW-DETAIL.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RCP-DETAIL
           MOVE RLST-ROW-CONFIRMATION-ID(WS-PICK)
             TO RDET-CONFIRMATION-ID
           CALL "onshi_link_rcp_detail" USING ONSHI-CTL ONSHI-RCP-DETAIL
                RETURNING WS-RC
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
           END-IF
           DISPLAY "detail " FUNCTION TRIM(RDET-CONFIRMATION-ID) ": "
                   FUNCTION TRIM(RDET-REASON-TEXT TRAILING)
           DISPLAY "  proposal: " FUNCTION TRIM(RDET-NAME TRAILING)
                   " / " FUNCTION TRIM(RDET-KANA TRAILING) " "
                   RDET-BIRTHDATE
                   " sex " RDET-SEX " post " RDET-POST
           DISPLAY "  insurance: " FUNCTION TRIM(RDET-INSURER) " "
                   FUNCTION TRIM(RDET-SYMBOL) " "
                   FUNCTION TRIM(RDET-NUMBER) " " RDET-BRANCH
                   "  can create: " RDET-CAN-CREATE
           MOVE FUNCTION NUMVAL(RDET-CAND-COUNT) TO WS-N
           DISPLAY "  candidates (same name first): " WS-N
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
              DISPLAY "    " FUNCTION TRIM(RDET-CAND-PTNUM(WS-I)) " "
                 FUNCTION TRIM(RDET-CAND-NAME(WS-I) TRAILING) " "
                 RDET-CAND-BIRTHDATE(WS-I) " same name: "
                 RDET-CAND-SAME-NAME(WS-I)
           END-PERFORM.

       RESOLVE-ROW.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RCP-RESOLVE
           MOVE RDET-CONFIRMATION-ID TO RRES-CONFIRMATION-ID
           MOVE WS-ACTION TO RRES-ACTION
           IF WS-ACTION = "L"
              MOVE WS-LINK-PTID TO RRES-PTID
           END-IF
           IF WS-ACTION = "D"
              MOVE "dismissed at the reception screen" TO RRES-REASON
           END-IF
           IF WS-ACTION = "N" AND RDET-CAN-CREATE NOT = "1"
              DISPLAY "no new-patient proposal for this row"
              MOVE "Y" TO WS-FAILED
           ELSE
              CALL "onshi_link_rcp_resolve"
                   USING ONSHI-CTL ONSHI-RCP-RESOLVE RETURNING WS-RC
              DISPLAY "resolve " FUNCTION TRIM(WS-ACTION) ": patient "
                      FUNCTION TRIM(RRES-RESULT-PTNUM) " (id "
                      FUNCTION TRIM(RRES-RESULT-PTID)
                      "), reference job "
                      FUNCTION TRIM(RRES-REFERENCE-JOB)
              IF RRES-PREFILL-ID NOT = SPACES
                 DISPLAY "NEWPREFILL|" FUNCTION TRIM(RRES-PREFILL-ID)
                         "|" FUNCTION TRIM(RRES-CONFIRMATION-ID)
              END-IF
              PERFORM SHOW-CTL
              IF WS-RC > 4
                 MOVE "Y" TO WS-FAILED
              END-IF
           END-IF.

       COPY "screen_calls.cpy".
