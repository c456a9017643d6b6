      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the "returned vs registered" screen (ORCA P033) through
      * onshi_link.so: shows every returned field beside the host's
      * value (onshi_link_returned) and the results of the same answer,
      * then its apply buttons (保険変更なし / 保険変更 / 保険追加):
      * apply a result's card to the patient's insurance, or undo an
      * apply of today, then list the result's applies.
      *
      * The module is found by the COBOL runtime: run with
      *   COB_LIBRARY_PATH=<builddir>/hooks/.libs
      *   COB_PRE_LOAD=onshi_link
      * Parameters (environment):
      *   ONSHI_ACTION A (apply, default) or U (undo)
      *   ONSHI_RESULT (A: the result id)  ONSHI_PTID (A: the patient)
      *   ONSHI_MODE (A: nochange, change or add; a certificate of
      *   the result: limit, disease, elderly or certs; pubassist)
      *   ONSHI_AUDIT (U: the apply's audit id)
      *   ONSHI_HOSPNUM (0001)   ONSHI_USERID (clerk1)  ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_EXPECT (status expected, default 00)
      * Exit status 0 when the call ended with the expected status.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. APPLYSCREEN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-ACTION                PIC X      VALUE "A".
       01  WS-RESULT                PIC X(12).
       01  WS-PTID                  PIC X(10).
       01  WS-MODE                  PIC X(10).
       01  WS-AUDIT                 PIC X(12).
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "clerk1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-FAILED                PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           DISPLAY "init (plugin " FUNCTION TRIM(INIT-PLUGIN-VERSION)
                   ", ABI " ONSHI-ABI-VERSION ")"
           IF WS-ACTION = "A"
              PERFORM SHOW-RETURNED
           END-IF
           PERFORM CALL-APPLY
           PERFORM PLUGIN-FINI
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "apply screen: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           MOVE SPACES TO WS-RESULT WS-PTID WS-MODE WS-AUDIT
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACTION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACTION END-IF
           ACCEPT WS-RESULT FROM ENVIRONMENT "ONSHI_RESULT"
           ACCEPT WS-PTID FROM ENVIRONMENT "ONSHI_PTID"
           ACCEPT WS-MODE FROM ENVIRONMENT "ONSHI_MODE"
           ACCEPT WS-AUDIT FROM ENVIRONMENT "ONSHI_AUDIT"
           IF WS-ACTION = "A" AND (WS-RESULT = SPACES OR
              WS-PTID = SPACES OR WS-MODE = SPACES)
              DISPLAY "apply screen: ONSHI_RESULT, ONSHI_PTID and "
                      "ONSHI_MODE are required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF
           IF WS-ACTION = "U" AND WS-AUDIT = SPACES
              DISPLAY "apply screen: ONSHI_AUDIT is required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF
           PERFORM READ-CALL-PARAMETERS
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_EXPECT"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-EXPECT END-IF.

       SHOW-RETURNED.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-RETURNED
           MOVE WS-RESULT TO RRET-CONFIRMATION-ID
           CALL "onshi_link_returned" USING ONSHI-CTL ONSHI-RETURNED
                RETURNING WS-RC
           PERFORM SHOW-CTL
           IF WS-RC NOT = 0
              MOVE "Y" TO WS-FAILED
           ELSE
              MOVE FUNCTION NUMVAL(RRET-ITEM-COUNT) TO WS-N
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "RETURNED|" FUNCTION TRIM(RRET-ITEM-ITEM(WS-I))
                    "|" FUNCTION TRIM(RRET-ITEM-LABEL(WS-I))
                    "|" FUNCTION TRIM(RRET-ITEM-RETURNED(WS-I))
                    "|" FUNCTION TRIM(RRET-ITEM-MEANING(WS-I))
                    "|" FUNCTION TRIM(RRET-ITEM-REGISTERED(WS-I))
                    "|" RRET-ITEM-DIFFERS(WS-I)
              END-PERFORM
              MOVE FUNCTION NUMVAL(RRET-RESULT-COUNT) TO WS-N
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "ANSWER|"
                    FUNCTION TRIM(RRET-RESULT-CONFIRMATION-ID(WS-I))
                    "|" RRET-RESULT-CHOSEN(WS-I)
                    "|" FUNCTION TRIM(RRET-RESULT-CARD-CLASS-TEXT(WS-I))
                    "|" FUNCTION TRIM(RRET-RESULT-NUMBER(WS-I))
              END-PERFORM
           END-IF.

       CALL-APPLY.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-INS-APPLY
           MOVE WS-ACTION TO IAPL-ACTION
           IF WS-ACTION = "A"
              MOVE WS-RESULT TO IAPL-CONFIRMATION-ID
              MOVE WS-PTID TO IAPL-PTID
              MOVE WS-MODE TO IAPL-MODE
              DISPLAY "apply " FUNCTION TRIM(WS-MODE) ": result "
                      FUNCTION TRIM(WS-RESULT) ", patient "
                      FUNCTION TRIM(WS-PTID)
           ELSE
              MOVE WS-AUDIT TO IAPL-AUDIT-ID
              DISPLAY "undo: apply " FUNCTION TRIM(WS-AUDIT)
           END-IF
           CALL "onshi_link_ins_apply" USING ONSHI-CTL ONSHI-INS-APPLY
                RETURNING WS-RC
           PERFORM SHOW-CTL
           IF CTL-STATUS NOT = WS-EXPECT
              DISPLAY "expected status " WS-EXPECT
              MOVE "Y" TO WS-FAILED
           END-IF
           IF WS-RC = 0
              DISPLAY "audit " FUNCTION TRIM(IAPL-AUDIT-ID)
                      ", insurance " FUNCTION TRIM(IAPL-HKNID)
                      ", ended " FUNCTION TRIM(IAPL-ENDED-HKNID)
                      " " FUNCTION TRIM(IAPL-ENDED-ON)
                      ", combination " FUNCTION TRIM(IAPL-HKNCOMBINUM)
              DISPLAY "copay rate " IAPL-COPAY-BEFORE " -> "
                      IAPL-COPAY-AFTER ", limit category "
                      FUNCTION TRIM(IAPL-LIMIT-BEFORE) " -> "
                      FUNCTION TRIM(IAPL-LIMIT-AFTER)
              MOVE FUNCTION NUMVAL(IAPL-APPLY-COUNT) TO WS-N
              DISPLAY "applies of the result (" WS-N "):"
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "  " FUNCTION TRIM(IAPL-APPLY-ID(WS-I)) " "
                    FUNCTION TRIM(IAPL-APPLY-MODE(WS-I)) " by "
                    FUNCTION TRIM(IAPL-APPLY-STAFF(WS-I)) " at "
                    IAPL-APPLY-AT(WS-I) " undo "
                    FUNCTION TRIM(IAPL-APPLY-UNDO-ID(WS-I)) " undoable "
                    IAPL-APPLY-UNDOABLE(WS-I)
              END-PERFORM
           END-IF.

       PLUGIN-FINI.
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC.

       COPY "screen_calls.cpy".
