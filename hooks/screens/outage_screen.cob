      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the reception desk while the terminal is down, and the
      * reception itself, through onshi_link.so:
      *   ONSHI_ACTION R  record a patient's statement (outage)
      *                K  link statement ONSHI_STATEMENT to ONSHI_PTID
      *                C  cancel statement ONSHI_STATEMENT
      *                Q  the patient ONSHI_PTID was received: the
      *                   automatic check (rcp_received), its state
      *                G  only show that state
      *                L  (default) list every statement, page by
      *                   page, with what the re-check changed
      * Run with COB_LIBRARY_PATH=<builddir>/hooks/.libs and
      * COB_PRE_LOAD=onshi_link. Parameters (environment):
      *   ONSHI_HOSPNUM (0001) ONSHI_USERID (clerk1) ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_NAME ONSHI_KANA ONSHI_SEX ONSHI_BIRTHDATE
      *   ONSHI_ADDRESS ONSHI_INSURER ONSHI_VISIT_DATE (R)
      *   ONSHI_PTID (R optional, K, Q, G) ONSHI_STATEMENT (K, C)
      *   ONSHI_OPEN (L: 1 = only the open ones)
      *   ONSHI_EXPECT (00): the status the action must end with
      * Exit status 0 when the action ended with ONSHI_EXPECT.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. OUTSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-ACTION                PIC X(1)   VALUE "L".
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       01  WS-PTID                  PIC X(10)  VALUE SPACES.
       01  WS-STATEMENT             PIC X(12)  VALUE SPACES.
       01  WS-OPEN                  PIC X(1)   VALUE SPACES.
       01  WS-BEFORE                PIC X(12)  VALUE SPACES.
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-SHOWN                 PIC 9(4)   VALUE 0.
       01  WS-DONE                  PIC X      VALUE "N".
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           EVALUATE WS-ACTION
              WHEN "R"
              WHEN "K"
              WHEN "C"
                 PERFORM CHANGE-STATEMENT
              WHEN "Q"
              WHEN "G"
                 PERFORM RECEIVED
              WHEN OTHER
                 PERFORM LIST-PAGE UNTIL WS-DONE = "Y"
                 DISPLAY "statements shown: " WS-SHOWN
           END-EVALUATE
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "outage screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACTION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACTION END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_PTID"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-PTID END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_STATEMENT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-STATEMENT END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_OPEN"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-OPEN END-IF.

       CHECK-EXPECTED.
           PERFORM SHOW-CTL
           IF CTL-STATUS NOT = WS-EXPECT
              DISPLAY "expected status " WS-EXPECT
              MOVE "Y" TO WS-FAILED
           END-IF.

      * R, K, C: one call; the changed statement comes back.
       CHANGE-STATEMENT.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-OUTAGE
           MOVE WS-ACTION TO OUTG-ACTION
           MOVE WS-STATEMENT TO OUTG-STATEMENT-ID
           MOVE WS-PTID TO OUTG-PTID
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_NAME"
           MOVE WS-ENV TO OUTG-NAME
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_KANA"
           MOVE WS-ENV TO OUTG-KANA
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_SEX"
           MOVE WS-ENV TO OUTG-SEX
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_BIRTHDATE"
           MOVE WS-ENV TO OUTG-BIRTHDATE
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ADDRESS"
           MOVE WS-ENV TO OUTG-ADDRESS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_INSURER"
           MOVE WS-ENV TO OUTG-INSURER
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_VISIT_DATE"
           MOVE WS-ENV TO OUTG-VISIT-DATE
           CALL "onshi_link_outage" USING ONSHI-CTL ONSHI-OUTAGE
                RETURNING WS-RC
           PERFORM CHECK-EXPECTED
           IF WS-RC = 0
              DISPLAY "statement " OUTG-STATEMENT-ID
              MOVE 1 TO WS-I
              PERFORM SHOW-STATEMENT
           END-IF.

       SHOW-STATEMENT.
           DISPLAY "statement " OUTG-STATEMENT-STATEMENT-ID(WS-I)
                   " visit " OUTG-STATEMENT-VISIT-DATE(WS-I)
                   " by " FUNCTION TRIM(
                      OUTG-STATEMENT-RECORDED-BY(WS-I) TRAILING)
                   " patient "
                   FUNCTION TRIM(OUTG-STATEMENT-PTNUM(WS-I) TRAILING)
                   " state "
                   FUNCTION TRIM(OUTG-STATEMENT-STATE(WS-I) TRAILING)
           DISPLAY "  " FUNCTION TRIM(OUTG-STATEMENT-NAME(WS-I)
                   TRAILING) " " OUTG-STATEMENT-SEX(WS-I) " "
                   OUTG-STATEMENT-BIRTHDATE(WS-I)
                   " result " OUTG-STATEMENT-CONFIRMATION-ID(WS-I)
                   " validity " OUTG-STATEMENT-VALIDITY(WS-I)
                   " changed ["
                   FUNCTION TRIM(OUTG-STATEMENT-CHANGES(WS-I) TRAILING)
                   "]".

      * L: 10 a page, newest first; the next page before the last.
       LIST-PAGE.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-OUTAGE
           MOVE "L" TO OUTG-ACTION
           MOVE WS-OPEN TO OUTG-OPEN-ONLY
           MOVE WS-BEFORE TO OUTG-BEFORE-ID
           CALL "onshi_link_outage" USING ONSHI-CTL ONSHI-OUTAGE
                RETURNING WS-RC
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
              MOVE "Y" TO WS-DONE
           ELSE
              MOVE OUTG-STATEMENT-COUNT TO WS-N
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 PERFORM SHOW-STATEMENT
                 ADD 1 TO WS-SHOWN
                 MOVE OUTG-STATEMENT-STATEMENT-ID(WS-I) TO WS-BEFORE
              END-PERFORM
              IF WS-N < 10
                 MOVE "Y" TO WS-DONE
              END-IF
           END-IF.

      * Q, G: the reception's automatic check.
       RECEIVED.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RCP-RECEIVED
           MOVE WS-ACTION TO RCVD-ACTION
           MOVE WS-PTID TO RCVD-PTID
           CALL "onshi_link_rcp_received" USING ONSHI-CTL
                ONSHI-RCP-RECEIVED RETURNING WS-RC
           PERFORM CHECK-EXPECTED
           DISPLAY "received " FUNCTION TRIM(WS-PTID TRAILING)
                   " state " FUNCTION TRIM(RCVD-STATE TRAILING)
                   " source " FUNCTION TRIM(RCVD-SOURCE TRAILING)
                   " result " RCVD-CONFIRMATION-ID
                   " request " RCVD-JOB-ID.

       COPY "screen_calls.cpy".
