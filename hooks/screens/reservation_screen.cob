      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the reservation screen's pre-check panel (予約患者の
      *一括事前確認) through onshi_link.so: the summary of one day
      * (reserved, requested, answered, valid, invalid, error, not
      * yet) with every reserved patient, a page at a time; or "run
      * now" (the bulk pre-check of that day queued) followed by the
      * summary.
      *
      * The module is found by the COBOL runtime: run with
      *   COB_LIBRARY_PATH=<builddir>/hooks/.libs
      *   COB_PRE_LOAD=onshi_link
      * Parameters (environment):
      *   ONSHI_DAY (required: the reservation day YYYYMMDD)
      *   ONSHI_ACTION S (summary, default) or R (run now, then the
      *     summary)
      *   ONSHI_HOSPNUM (0001)   ONSHI_USERID (clerk1)  ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_EXPECT (status of the first call expected, default
      *     00; when it is not 00 the program stops after that call)
      * Exit status 0 when every call ended as expected.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. RSVSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-ACTION                PIC X      VALUE "S".
       01  WS-DAY                   PIC X(8).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       01  WS-FIRST                 PIC X      VALUE "Y".
       01  WS-FAILED                PIC X      VALUE "N".
       01  WS-STOP                  PIC X      VALUE "N".
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-START                 PIC 9(4).
       01  WS-RESERVED              PIC 9(6).
       01  WS-SHOWN                 PIC 9(6)   VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           IF WS-ACTION = "R"
              PERFORM CALL-RUN
           END-IF
           IF WS-STOP = "N"
              PERFORM SHOW-SUMMARY
           END-IF
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "reservation screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           MOVE SPACES TO WS-DAY
           ACCEPT WS-DAY FROM ENVIRONMENT "ONSHI_DAY"
           IF WS-DAY = SPACES
              DISPLAY "reservation screen: ONSHI_DAY is required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACTION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACTION END-IF
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF.

      * The first call's status is compared with ONSHI_EXPECT (a
      * refusal expected stops the program there); every later call
      * must succeed.
       CHECK-STATUS.
           IF WS-FIRST = "Y"
              MOVE "N" TO WS-FIRST
              IF CTL-STATUS NOT = WS-EXPECT
                 DISPLAY "expected status " WS-EXPECT
                 MOVE "Y" TO WS-FAILED
                 MOVE "Y" TO WS-STOP
              END-IF
              IF WS-EXPECT NOT = "00"
                 MOVE "Y" TO WS-STOP
              END-IF
           ELSE
              IF WS-RC NOT = 0
                 MOVE "Y" TO WS-FAILED
                 MOVE "Y" TO WS-STOP
              END-IF
           END-IF.

       CALL-RUN.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RSV-RUN
           MOVE WS-DAY TO RRUN-DAY
           DISPLAY "run now: pre-check of " WS-DAY
           CALL "onshi_link_rsv_run" USING ONSHI-CTL ONSHI-RSV-RUN
                RETURNING WS-RC
           PERFORM SHOW-CTL
           PERFORM CHECK-STATUS
           IF WS-RC = 0
              DISPLAY "request " FUNCTION TRIM(RRUN-REQUEST-ID)
                      ": patients " RRUN-PATIENTS
           END-IF.

      * Every reserved patient, 30 a call.
       SHOW-SUMMARY.
           MOVE 0 TO WS-START
           MOVE 1 TO WS-RESERVED
           PERFORM UNTIL WS-STOP = "Y" OR WS-START >= WS-RESERVED
              PERFORM SET-CTL
              MOVE SPACES TO ONSHI-RSV-SUMMARY
              MOVE WS-DAY TO RSUM-DAY
              MOVE WS-START TO RSUM-START
              CALL "onshi_link_rsv_summary" USING ONSHI-CTL
                   ONSHI-RSV-SUMMARY RETURNING WS-RC
              PERFORM CHECK-STATUS
              IF WS-RC NOT = 0
                 PERFORM SHOW-CTL
              ELSE
                 MOVE RSUM-RESERVED TO WS-RESERVED
                 IF WS-START = 0
                    DISPLAY "day " WS-DAY ": reserved " RSUM-RESERVED
                       " requested " RSUM-REQUESTED
                       " done " RSUM-DONE
                       " valid " RSUM-VALID
                       " invalid " RSUM-INVALID
                       " error " RSUM-ERROR
                       " not-yet " RSUM-NOT-YET
                 END-IF
                 MOVE RSUM-ROW-COUNT TO WS-N
                 PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                    DISPLAY "patient "
                       FUNCTION TRIM(RSUM-ROW-PTNUM(WS-I)) " "
                       RSUM-ROW-TIME(WS-I) " "
                       FUNCTION TRIM(RSUM-ROW-STATUS(WS-I)) " "
                       FUNCTION TRIM(RSUM-ROW-CONFIRMATION-ID(WS-I))
                       " " FUNCTION TRIM(RSUM-ROW-NAME(WS-I) TRAILING)
                       ": "
                       FUNCTION TRIM(RSUM-ROW-STATUS-TEXT(WS-I)
                                     TRAILING)
                 END-PERFORM
                 ADD WS-N TO WS-START WS-SHOWN
                 IF WS-N = 0
                    MOVE WS-RESERVED TO WS-START
                 END-IF
              END-IF
           END-PERFORM
           DISPLAY "patients shown: " WS-SHOWN.

       COPY "screen_calls.cpy".
