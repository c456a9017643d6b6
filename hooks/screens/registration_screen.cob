      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the registration header screen (12 touroku, atamagaki)
      * through onshi_link.so: ask by insurance number for a patient,
      * poll until the answer is there, show status and "returned vs
      * registered", accept one proposed update, check it took.
      *
      * The module is found by the COBOL runtime: run with
      *   COB_LIBRARY_PATH=<builddir>/hooks/.libs
      *   COB_PRE_LOAD=onshi_link
      * Parameters (environment):
      *   ONSHI_PTID (required)  ONSHI_DATE (visit date, default today)
      *   ONSHI_HOSPNUM (0001)   ONSHI_USERID (clerk1)  ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_ACCEPT (item to accept, default branch; "none": none)
      *   ONSHI_ENGINE_STEP (command run before each poll, for tests;
      *   blank: wait one second, the exchange engine runs elsewhere)
      *   ONSHI_POLL_MAX (default 30)
      *   ONSHI_PREFILL: "load" shows the patient's pending pre-fill
      *   (apply mode prefill) as the screen is filled from it, with a
      *   line "PREFILL|..." of its fields for the test that saves the
      *   rows as the receipt program's registration does; "saved"
      *   then tells onshi-link what registration wrote
      *   (ONSHI_SAVED_HKNID, ONSHI_SAVED_KOHID) and shows the
      *   differences; ONSHI_EXPECT: the status expected (00).
      *   A new patient (新規患者 in prefill mode): "load" with
      *   ONSHI_RESULT (the result) also shows "PATIENT|..." (name, kana,
      *   sex, birthdate, post, address, first public expense); "saved"
      *   with ONSHI_PREFILL_ID and ONSHI_PTID = the patient
      *   registration numbered shows "NEWPATIENT|ptid|reference job".
      * Exit status 0 when every step succeeded.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. REGSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-PTID                  PIC X(10).
       01  WS-DATE                  PIC X(8).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-ACCEPT                PIC X(16)  VALUE "branch".
       01  WS-STEP                  PIC X(512).
       01  WS-POLL-MAX              PIC 9(4)   VALUE 30.
       01  WS-TRY                   PIC 9(4).
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-FOUND                 PIC X      VALUE "N".
       01  WS-FAILED                PIC X      VALUE "N".
       01  WS-REQUEST               PIC X(12).
       01  WS-CONFIRMATION          PIC X(12).
       01  WS-PREFILL               PIC X(8).
       01  WS-SAVED-HKNID           PIC X(4).
       01  WS-SAVED-KOHID           PIC X(4).
       01  WS-RESULT                PIC X(12).
       01  WS-PREFILL-ID            PIC X(12).
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           DISPLAY "init (plugin " FUNCTION TRIM(INIT-PLUGIN-VERSION)
                   ", ABI " ONSHI-ABI-VERSION ")"
           IF WS-PREFILL NOT = SPACES
              PERFORM PREFILL-STEP
              PERFORM PLUGIN-FINI
              IF WS-FAILED = "Y"
                 MOVE 1 TO RETURN-CODE
              ELSE
                 DISPLAY "registration screen (pre-fill): OK"
                 MOVE 0 TO RETURN-CODE
              END-IF
              STOP RUN
           END-IF
           PERFORM ASK-BY-INSURANCE-NUMBER
           PERFORM POLL-UNTIL-DONE
           PERFORM SHOW-RESULT
           IF WS-ACCEPT NOT = "none"
              PERFORM ACCEPT-UPDATE
              PERFORM CHECK-UPDATE-TOOK
           END-IF
           PERFORM PLUGIN-FINI
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "registration screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           MOVE SPACES TO WS-PTID WS-DATE WS-STEP
           ACCEPT WS-PTID FROM ENVIRONMENT "ONSHI_PTID"
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_RESULT"
           IF WS-PTID = SPACES AND WS-ENV = SPACES
              DISPLAY "registration screen: ONSHI_PTID (or ONSHI_RESULT"
                      " for a new patient's pre-fill) is required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF
           ACCEPT WS-DATE FROM ENVIRONMENT "ONSHI_DATE"
           IF WS-DATE = SPACES
              MOVE FUNCTION CURRENT-DATE(1:8) TO WS-DATE
           END-IF
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACCEPT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACCEPT END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_POLL_MAX"
           IF WS-ENV NOT = SPACES
              MOVE FUNCTION NUMVAL(WS-ENV) TO WS-POLL-MAX
           END-IF
           ACCEPT WS-STEP FROM ENVIRONMENT "ONSHI_ENGINE_STEP"
           MOVE SPACES TO WS-PREFILL WS-SAVED-HKNID WS-SAVED-KOHID
           MOVE SPACES TO WS-RESULT WS-PREFILL-ID
           ACCEPT WS-RESULT FROM ENVIRONMENT "ONSHI_RESULT"
           ACCEPT WS-PREFILL-ID FROM ENVIRONMENT "ONSHI_PREFILL_ID"
           ACCEPT WS-PREFILL FROM ENVIRONMENT "ONSHI_PREFILL"
           ACCEPT WS-SAVED-HKNID FROM ENVIRONMENT "ONSHI_SAVED_HKNID"
           ACCEPT WS-SAVED-KOHID FROM ENVIRONMENT "ONSHI_SAVED_KOHID"
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF.

      * Apply mode prefill: the screen filled from the pre-fill, or
      * the rows registration saved reported back.
       PREFILL-STEP.
           PERFORM SET-CTL
           IF WS-PREFILL = "load"
              MOVE SPACES TO ONSHI-PREFILL
              MOVE "G" TO PFIL-ACTION
              IF WS-RESULT NOT = SPACES
                 MOVE WS-RESULT TO PFIL-CONFIRMATION-ID
              ELSE
                 MOVE WS-PTID TO PFIL-PTID
              END-IF
              CALL "onshi_link_prefill" USING ONSHI-CTL ONSHI-PREFILL
                   RETURNING WS-RC
              PERFORM SHOW-CTL
              DISPLAY "pre-fill " FUNCTION TRIM(PFIL-PREFILL-ID)
                      " (" FUNCTION TRIM(PFIL-MODE) ", "
                      FUNCTION TRIM(PFIL-STATE) ") of result "
                      FUNCTION TRIM(PFIL-CONFIRMATION-ID)
              DISPLAY "PREFILL|" FUNCTION TRIM(PFIL-PREFILL-ID) "|"
                      PFIL-INS-ACTION "|" FUNCTION TRIM(PFIL-HKNID) "|"
                      FUNCTION TRIM(PFIL-HKNNUM) "|"
                      FUNCTION TRIM(PFIL-INSURER) "|"
                      FUNCTION TRIM(PFIL-SYMBOL) "|"
                      FUNCTION TRIM(PFIL-NUMBER) "|"
                      FUNCTION TRIM(PFIL-BRANCH) "|" PFIL-FAMILY "|"
                      PFIL-HOJOKBN "|"
                      FUNCTION TRIM(PFIL-ACQUIRED) "|"
                      PFIL-VALID-FROM "|" PFIL-VALID-TO "|"
                      PFIL-CONFIRM-DATE "|" PFIL-END-COUNT "|"
                      FUNCTION TRIM(PFIL-ENDED-HKNID(1)) "|"
                      FUNCTION TRIM(PFIL-ENDED-VALID-TO(1)) "|"
                      PFIL-KOH-COUNT "|"
                      FUNCTION TRIM(PFIL-INSURED-NAME) "|"
              IF PFIL-MODE = "new"
                 DISPLAY "PATIENT|" FUNCTION TRIM(PFIL-PT-NAME) "|"
                         FUNCTION TRIM(PFIL-PT-KANA) "|" PFIL-PT-SEX "|"
                         PFIL-PT-BIRTHDAY "|"
                         FUNCTION TRIM(PFIL-PT-POST) "|"
                         FUNCTION TRIM(PFIL-PT-ADDRESS) "|"
                         FUNCTION TRIM(PFIL-KOH-KOHNUM(1)) "|"
                         FUNCTION TRIM(PFIL-KOH-FTNJANUM(1)) "|"
                         FUNCTION TRIM(PFIL-KOH-JKYSNUM(1)) "|"
              END-IF
              IF CTL-STATUS NOT = WS-EXPECT
                 DISPLAY "expected status " WS-EXPECT
                 MOVE "Y" TO WS-FAILED
              END-IF
           ELSE
              MOVE SPACES TO ONSHI-INSURANCE-SAVED
              MOVE WS-PTID TO ISAV-PTID
              MOVE WS-PREFILL-ID TO ISAV-PREFILL-ID
              MOVE WS-SAVED-HKNID TO ISAV-HKNID
              MOVE "0" TO ISAV-KOH-COUNT
              IF WS-SAVED-KOHID NOT = SPACES
                 MOVE "1" TO ISAV-KOH-COUNT
                 MOVE WS-SAVED-KOHID TO ISAV-KOHID-KOHID(1)
              END-IF
              CALL "onshi_link_insurance_saved"
                   USING ONSHI-CTL ONSHI-INSURANCE-SAVED
                   RETURNING WS-RC
              PERFORM SHOW-CTL
              DISPLAY "saved: result "
                      FUNCTION TRIM(ISAV-CONFIRMATION-ID) " "
                      FUNCTION TRIM(ISAV-MODE) ", apply "
                      FUNCTION TRIM(ISAV-AUDIT-ID)
              IF ISAV-RESULT-PTID NOT = SPACES
                 DISPLAY "NEWPATIENT|" FUNCTION TRIM(ISAV-RESULT-PTID)
                         "|" FUNCTION TRIM(ISAV-REFERENCE-JOB)
              END-IF
              MOVE 0 TO WS-N
              IF ISAV-DIFF-COUNT NOT = SPACES
                 MOVE FUNCTION NUMVAL(ISAV-DIFF-COUNT) TO WS-N
              END-IF
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "  differs: "
                    FUNCTION TRIM(ISAV-DIFF-TABLE(WS-I)) " "
                    FUNCTION TRIM(ISAV-DIFF-KEY(WS-I)) " "
                    FUNCTION TRIM(ISAV-DIFF-COLUMN(WS-I)) ": ["
                    FUNCTION TRIM(ISAV-DIFF-PROPOSED(WS-I) TRAILING)
                    "] saved ["
                    FUNCTION TRIM(ISAV-DIFF-SAVED(WS-I) TRAILING) "]"
              END-PERFORM
              IF CTL-STATUS NOT = WS-EXPECT
                 DISPLAY "expected status " WS-EXPECT
                 MOVE "Y" TO WS-FAILED
              END-IF
           END-IF.

       ASK-BY-INSURANCE-NUMBER.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-REG-ASK
           MOVE WS-PTID TO RASK-PTID
           MOVE WS-DATE TO RASK-CONFIRM-DATE
           MOVE "1" TO RASK-LIMIT-CONSENT
           CALL "onshi_link_reg_ask" USING ONSHI-CTL ONSHI-REG-ASK
                RETURNING WS-RC
           DISPLAY "ask by insurance number: patient "
                   FUNCTION TRIM(WS-PTID) ", visit date " WS-DATE
           PERFORM SHOW-CTL
           IF WS-RC NOT = 0
              PERFORM PLUGIN-FINI
              MOVE 1 TO RETURN-CODE
              STOP RUN
           END-IF
           MOVE RASK-REQUEST-ID TO WS-REQUEST.

       POLL-UNTIL-DONE.
           MOVE 0 TO WS-TRY
           MOVE SPACES TO RPOL-DONE
           PERFORM UNTIL RPOL-DONE = "1" OR WS-TRY >= WS-POLL-MAX
              ADD 1 TO WS-TRY
              IF WS-STEP NOT = SPACES
                 CALL "SYSTEM" USING WS-STEP
              ELSE
                 CALL "C$SLEEP" USING 1
              END-IF
              PERFORM SET-CTL
              MOVE SPACES TO ONSHI-REG-POLL
              MOVE WS-REQUEST TO RPOL-REQUEST-ID
              CALL "onshi_link_reg_poll" USING ONSHI-CTL ONSHI-REG-POLL
                   RETURNING WS-RC
              DISPLAY "poll " WS-TRY ": " FUNCTION TRIM(RPOL-STATUS)
                      " / " FUNCTION TRIM(RPOL-JOB-STATE)
              IF WS-RC > 4
                 PERFORM SHOW-CTL
                 MOVE "Y" TO WS-FAILED
                 MOVE "1" TO RPOL-DONE
              END-IF
           END-PERFORM
           IF RPOL-DONE NOT = "1"
              DISPLAY "no answer after " WS-TRY " polls"
              MOVE "Y" TO WS-FAILED
           END-IF
           MOVE RPOL-CONFIRMATION-ID TO WS-CONFIRMATION.

       SHOW-RESULT.
           DISPLAY "status:   " FUNCTION TRIM(RPOL-STATUS) " "
                   FUNCTION TRIM(RPOL-STATUS-TEXT TRAILING)
           DISPLAY "validity: " RPOL-VALIDITY " "
                   FUNCTION TRIM(RPOL-VALIDITY-TEXT TRAILING)
           DISPLAY "returned: " FUNCTION TRIM(RPOL-NAME TRAILING) " / "
                   FUNCTION TRIM(RPOL-KANA TRAILING) " "
                   RPOL-BIRTHDATE " " FUNCTION TRIM(RPOL-INSURER) " "
                   FUNCTION TRIM(RPOL-SYMBOL) " "
                   FUNCTION TRIM(RPOL-NUMBER) " "
                   RPOL-BRANCH
           MOVE FUNCTION NUMVAL(RPOL-DIFF-COUNT) TO WS-N
           DISPLAY "returned vs registered (" WS-N "):"
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
              DISPLAY "  " FUNCTION TRIM(RPOL-DIFF-ITEM(WS-I)) " "
                 FUNCTION TRIM(RPOL-DIFF-LABEL(WS-I) TRAILING) ": ["
                 FUNCTION TRIM(RPOL-DIFF-REGISTERED(WS-I) TRAILING)
                 "] -> ["
                 FUNCTION TRIM(RPOL-DIFF-RETURNED(WS-I) TRAILING)
                 "] proposed " RPOL-DIFF-PROPOSED(WS-I)
           END-PERFORM.

       ACCEPT-UPDATE.
           MOVE "N" TO WS-FOUND
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
              IF RPOL-DIFF-ITEM(WS-I) = WS-ACCEPT
                 AND RPOL-DIFF-PROPOSED(WS-I) = "1"
                 MOVE "Y" TO WS-FOUND
              END-IF
           END-PERFORM
           IF WS-FOUND NOT = "Y"
              DISPLAY "no proposed update of " FUNCTION TRIM(WS-ACCEPT)
              MOVE "Y" TO WS-FAILED
           ELSE
              PERFORM SET-CTL
              MOVE SPACES TO ONSHI-REG-ACCEPT
              MOVE WS-CONFIRMATION TO RACC-CONFIRMATION-ID
              MOVE "01" TO RACC-ITEM-COUNT
              MOVE WS-ACCEPT TO RACC-ITEM-CODE(1)
              CALL "onshi_link_reg_accept"
                   USING ONSHI-CTL ONSHI-REG-ACCEPT RETURNING WS-RC
              DISPLAY "accept " FUNCTION TRIM(WS-ACCEPT) ": applied "
                      RACC-APPLIED-COUNT
              PERFORM SHOW-CTL
              IF WS-RC NOT = 0
                 MOVE "Y" TO WS-FAILED
              END-IF
           END-IF.

       CHECK-UPDATE-TOOK.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-REG-POLL
           MOVE WS-REQUEST TO RPOL-REQUEST-ID
           CALL "onshi_link_reg_poll" USING ONSHI-CTL ONSHI-REG-POLL
                RETURNING WS-RC
           MOVE FUNCTION NUMVAL(RPOL-DIFF-COUNT) TO WS-N
           DISPLAY "after accept: " FUNCTION TRIM(RPOL-STATUS) " "
                   FUNCTION TRIM(RPOL-STATUS-TEXT TRAILING)
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
              IF RPOL-DIFF-ITEM(WS-I) = WS-ACCEPT
                 DISPLAY "still differs: " FUNCTION TRIM(WS-ACCEPT)
                 MOVE "Y" TO WS-FAILED
              END-IF
           END-PERFORM.

       PLUGIN-FINI.
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC.

       COPY "screen_calls.cpy".
