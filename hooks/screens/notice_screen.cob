      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the front desk's notice area through onshi_link.so:
      * shows the terminal's health, waits (bounded) for the notices
      * this workstation has not acknowledged, shows each one and
      * acknowledges it, until none is left.
      *
      * Run with COB_LIBRARY_PATH=<builddir>/hooks/.libs and
      * COB_PRE_LOAD=onshi_link. Parameters (environment):
      *   ONSHI_HOSPNUM (0001) ONSHI_USERID (clerk1) ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_WORKSTATION (desk1) ONSHI_WAIT_MS (02000)
      * Exit status 0 when every call succeeded; prints the number
      * of notices acknowledged.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. NTCSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-WORKSTATION           PIC X(32)  VALUE "desk1".
       01  WS-WAIT-MS               PIC X(5)   VALUE "02000".
       01  WS-AFTER                 PIC X(12)  VALUE "000000000000".
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-ACKED                 PIC 9(4)   VALUE 0.
       01  WS-DONE                  PIC X      VALUE "N".
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           PERFORM SHOW-HEALTH
           PERFORM SHOW-NOTICES UNTIL WS-DONE = "Y"
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           DISPLAY "acknowledged: " WS-ACKED
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "notice screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_WORKSTATION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-WORKSTATION END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_WAIT_MS"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-WAIT-MS END-IF.

       SHOW-HEALTH.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-TERM-HEALTH
           CALL "onshi_link_term_health" USING ONSHI-CTL
                ONSHI-TERM-HEALTH RETURNING WS-RC
           DISPLAY "terminal: silent=" THLT-SILENT
                   " waiting=" THLT-WAITING
                   " p50=" THLT-LATENCY-P50
                   " err%=" THLT-ERR-RATE
           DISPLAY "  " FUNCTION TRIM(THLT-TEXT TRAILING)
           IF WS-RC > 4
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
           END-IF.

       SHOW-NOTICES.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-NOTICES
           MOVE WS-WORKSTATION TO NOTC-WORKSTATION
           MOVE WS-AFTER TO NOTC-AFTER-ID
           MOVE WS-WAIT-MS TO NOTC-WAIT-MS
           CALL "onshi_link_notices" USING ONSHI-CTL ONSHI-NOTICES
                RETURNING WS-RC
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
              MOVE "Y" TO WS-DONE
           ELSE
              MOVE NOTC-LAST-ID TO WS-AFTER
              MOVE NOTC-NOTICE-COUNT TO WS-N
              IF WS-N = 0
                 DISPLAY "no notice"
                 MOVE "Y" TO WS-DONE
              END-IF
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "notice " NOTC-NOTICE-NOTICE-ID(WS-I) " "
                         FUNCTION TRIM(NOTC-NOTICE-KIND(WS-I) TRAILING)
                         " " NOTC-NOTICE-TIME(WS-I) " "
                         FUNCTION TRIM(NOTC-NOTICE-PTNUM(WS-I) TRAILING)
                 DISPLAY "  " NOTC-NOTICE-MSGID(WS-I) " "
                         FUNCTION TRIM(NOTC-NOTICE-TEXT(WS-I) TRAILING)
                 PERFORM ACKNOWLEDGE
              END-PERFORM
           END-IF.

       ACKNOWLEDGE.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-NOTICE-ACK
           MOVE WS-WORKSTATION TO NACK-WORKSTATION
           MOVE NOTC-NOTICE-NOTICE-ID(WS-I) TO NACK-NOTICE-ID
           CALL "onshi_link_notice_ack" USING ONSHI-CTL
                ONSHI-NOTICE-ACK RETURNING WS-RC
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-FAILED
           ELSE
              ADD 1 TO WS-ACKED
           END-IF.

       COPY "screen_calls.cpy".
