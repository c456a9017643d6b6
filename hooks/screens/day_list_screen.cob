      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the day's results list (ORCA P031: every result of one
      * day, consents per type, limit/specific-disease certificates,
      * copay, card end, reference number) through onshi_link.so:
      * lists one day page by page (20 rows a page) until every row
      * was shown, then, with ONSHI_GO, the day before or after (the
      * screen's prev/next buttons) the same way.
      *
      * Run with COB_LIBRARY_PATH=<builddir>/hooks/.libs and
      * COB_PRE_LOAD=onshi_link. Parameters (environment):
      *   ONSHI_DAY (YYYYMMDD; blank = today)
      *   ONSHI_FILTER (A or blank every result, S only those that
      *   wait for staff)
      *   ONSHI_GO (P: then the previous day, N: then the next day)
      *   ONSHI_HOSPNUM (0001) ONSHI_USERID (clerk1) ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_EXPECT (00): the status every call must end with
      * Every day shown prints a line
      *   DAY|day|filter|total|prev day|next day|
      * and every row a line
      *   ROW|id|time|source|needs staff|status|validity|ptid|ptnum|
      *   drug|drug until|checkup|checkup until|diagnosis|
      *   diagnosis until|operation|operation until|limit consent|
      *   disease consent|limit|limit class|disease|ratio|card end|
      *   reference number|birthdate|name|
      * then "rows shown: N of T in P pages".
      * Exit status 0 when every call ended with ONSHI_EXPECT.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DAYSCREEN.
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
       01  WS-DAY                   PIC X(8)   VALUE SPACES.
       01  WS-FILTER                PIC X(1)   VALUE SPACES.
       01  WS-GO                    PIC X(1)   VALUE SPACES.
       01  WS-PREV                  PIC X(8)   VALUE SPACES.
       01  WS-NEXT                  PIC X(8)   VALUE SPACES.
       01  WS-START                 PIC 9(4).
       01  WS-TOTAL                 PIC 9(6).
       01  WS-SHOWN                 PIC 9(6).
       01  WS-PAGES                 PIC 9(4).
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-DONE                  PIC X      VALUE "N".
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           PERFORM LIST-DAY
           IF WS-FAILED = "N" AND WS-GO = "P"
              IF WS-PREV = SPACES
                 DISPLAY "no earlier day with results"
              ELSE
                 MOVE WS-PREV TO WS-DAY
                 PERFORM LIST-DAY
              END-IF
           END-IF
           IF WS-FAILED = "N" AND WS-GO = "N"
              IF WS-NEXT = SPACES
                 DISPLAY "no later day with results"
              ELSE
                 MOVE WS-NEXT TO WS-DAY
                 PERFORM LIST-DAY
              END-IF
           END-IF
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "day list screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_DAY"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-DAY END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_FILTER"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-FILTER END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_GO"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-GO END-IF.

      * One day: page after page until every row was shown.
       LIST-DAY.
           MOVE 0 TO WS-START WS-SHOWN WS-PAGES WS-TOTAL
           MOVE "N" TO WS-DONE
           PERFORM LIST-PAGE UNTIL WS-DONE = "Y"
           IF WS-FAILED = "N"
              DISPLAY "rows shown: " WS-SHOWN " of " WS-TOTAL
                      " in " WS-PAGES " pages"
           END-IF.

       LIST-PAGE.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-DAY-LIST
           MOVE WS-DAY TO DLST-DAY
           MOVE WS-FILTER TO DLST-FILTER
           MOVE WS-START TO DLST-START
           CALL "onshi_link_day_list" USING ONSHI-CTL ONSHI-DAY-LIST
                RETURNING WS-RC
           IF CTL-STATUS NOT = WS-EXPECT
              PERFORM SHOW-CTL
              DISPLAY "expected status " WS-EXPECT
              MOVE "Y" TO WS-FAILED
           END-IF
           IF WS-RC NOT = 0
              PERFORM SHOW-CTL
              MOVE "Y" TO WS-DONE
           ELSE
              IF WS-PAGES = 0
                 MOVE FUNCTION NUMVAL(DLST-TOTAL) TO WS-TOTAL
                 MOVE DLST-PREV-DAY TO WS-PREV
                 MOVE DLST-NEXT-DAY TO WS-NEXT
                 DISPLAY "DAY|" FUNCTION TRIM(WS-DAY) "|"
                         FUNCTION TRIM(WS-FILTER) "|"
                         DLST-TOTAL "|"
                         FUNCTION TRIM(DLST-PREV-DAY) "|"
                         FUNCTION TRIM(DLST-NEXT-DAY) "|"
              END-IF
              ADD 1 TO WS-PAGES
              MOVE FUNCTION NUMVAL(DLST-ROW-COUNT) TO WS-N
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
           DISPLAY "ROW|" FUNCTION TRIM(DLST-ROW-CONFIRMATION-ID(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-TIME(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-SOURCE(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-NEEDS-STAFF(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-STATUS(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-VALIDITY(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-PTID(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-PTNUM(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DRUG(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DRUG-UNTIL(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-CHECKUP(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-CHECKUP-UNTIL(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DIAGNOSIS(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DIAGNOSIS-UNTIL(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-OPERATION(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-OPERATION-UNTIL(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-LIMIT-CONSENT(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DISEASE-CONSENT(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-LIMIT(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-LIMIT-CLASS(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-DISEASE(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-RATIO(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-CARD-END(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-REFERENCE-NUMBER(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-BIRTHDATE(WS-I))
              "|" FUNCTION TRIM(DLST-ROW-NAME(WS-I))
              "|"
           DISPLAY "     " FUNCTION TRIM(DLST-ROW-STATUS-TEXT(WS-I)
                   TRAILING).

       COPY "screen_calls.cpy".
