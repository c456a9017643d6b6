      * onshi-link - Copyright (c) 2026 the onshi-link authors.
      * SPDX-License-Identifier: MIT
      *
      * Plays the drug-information viewer (薬剤情報の閲覧) through
      * onshi_link.so: request a patient's drug (or checkup, or
      * diagnosis) information, or show what is stored: the list of
      * the patient's answers, the rows of one answer a page at a
      * time, and its PDF in chunks, decoded from base64 and written
      * into a file byte for byte. The plugin checks the staff
      * member's permission and audits every view; a refusal is
      * shown with its message.
      *
      * The module is found by the COBOL runtime: run with
      *   COB_LIBRARY_PATH=<builddir>/hooks/.libs
      *   COB_PRE_LOAD=onshi_link
      * Parameters (environment):
      *   ONSHI_PTID (required)  ONSHI_KIND (D drug, C checkup,
      *     T diagnosis and surgery; default D)
      *   ONSHI_ACTION R (request) or V (view, default)
      *   ONSHI_FROM, ONSHI_TO (R: months YYYYMM; blank: default)
      *   ONSHI_INFO (V: the answer to open; blank: the newest)
      *   ONSHI_PDF_OUT (V: file the PDF is written to; blank: the
      *     PDF is read and counted only)
      *   ONSHI_HOSPNUM (0001)   ONSHI_USERID (doctor1)  ONSHI_LANG (ja)
      *   ONSHI_CONNINFO, ONSHI_LOCALE_DIR (blank: PG* / installed)
      *   ONSHI_EXPECT (status of the first call expected, default
      *     00; when it is not 00 the program stops after that call)
      * Exit status 0 when every call ended as expected.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. MEDSCREEN.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT PDF-FILE ASSIGN TO WS-PDF-OUT
                  ORGANIZATION IS SEQUENTIAL
                  FILE STATUS IS WS-FILE-STATUS.
       DATA DIVISION.
       FILE SECTION.
      * One byte a record: a sequential file of fixed one-byte records
      * is the bytes themselves.
       FD  PDF-FILE.
       01  PDF-BYTE                 PIC X.
       WORKING-STORAGE SECTION.
       COPY "onshi-abi.cpy".
       COPY "onshi-all.cpy".
       01  WS-RC                    PIC S9(9) COMP-5.
       01  WS-ENV                   PIC X(256).
       01  WS-ACTION                PIC X      VALUE "V".
       01  WS-PTID                  PIC X(10).
       01  WS-KIND                  PIC X      VALUE "D".
       01  WS-FROM                  PIC X(6).
       01  WS-TO                    PIC X(6).
       01  WS-INFO                  PIC X(12).
       01  WS-FORMAT                PIC X(3).
       01  WS-PDF-OUT               PIC X(256).
       01  WS-FILE-STATUS           PIC XX.
       01  WS-HOSPNUM               PIC X(4)   VALUE "0001".
       01  WS-USERID                PIC X(16)  VALUE "doctor1".
       01  WS-LANG                  PIC X(2)   VALUE "ja".
       01  WS-EXPECT                PIC X(2)   VALUE "00".
       01  WS-FIRST                 PIC X      VALUE "Y".
       01  WS-I                     PIC 9(4).
       01  WS-N                     PIC 9(4).
       01  WS-FAILED                PIC X      VALUE "N".
       01  WS-STOP                  PIC X      VALUE "N".
      * Paging through the rows and the PDF.
       01  WS-START                 PIC 9(6).
       01  WS-TOTAL                 PIC 9(6).
       01  WS-SHOWN                 PIC 9(6)   VALUE 0.
       01  WS-PAGES                 PIC 9(4)   VALUE 0.
       01  WS-OFFSET                PIC 9(10).
       01  WS-PDF-TOTAL             PIC 9(10).
       01  WS-PDF-BYTES             PIC 9(10)  VALUE 0.
       01  WS-CHUNKS                PIC 9(4)   VALUE 0.
       01  WS-LENGTH                PIC 9(6).
      * base64 (RFC 4648): the value of every character, by ordinal.
       01  WS-B64-ALPHABET.
           05  FILLER               PIC X(32)  VALUE
               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef".
           05  FILLER               PIC X(32)  VALUE
               "ghijklmnopqrstuvwxyz0123456789+/".
       01  WS-B64-TABLE.
           05  WS-B64-VAL           PIC 9(3)   OCCURS 256 TIMES.
       01  WS-CHARS                 PIC 9(4).
       01  WS-P                     PIC 9(4).
       01  WS-Q                     PIC 9(4).
       01  WS-C                     PIC 9(3)   OCCURS 4 TIMES.
       01  WS-PAD                   PIC 9.
       01  WS-V                     PIC 9(9).
       01  WS-W                     PIC 9(9).
       01  WS-ORD                   PIC 9(4).
       01  WS-B                     PIC 9(3)   OCCURS 3 TIMES.
       01  WS-DECODED               PIC 9(6).
       01  WS-BAD                   PIC X      VALUE "N".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-PARAMETERS
           PERFORM PLUGIN-INIT
           IF WS-ACTION = "R"
              PERFORM CALL-REQUEST
           ELSE
              PERFORM CALL-LIST
              IF WS-STOP = "N" AND WS-INFO NOT = SPACES
                 IF WS-FORMAT = "pdf"
                    PERFORM READ-PDF
                 ELSE
                    PERFORM READ-ROWS
                 END-IF
              END-IF
           END-IF
           PERFORM PLUGIN-FINI
           IF WS-FAILED = "Y"
              MOVE 1 TO RETURN-CODE
           ELSE
              DISPLAY "drug-information viewer: OK"
              MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.

       READ-PARAMETERS.
           MOVE SPACES TO WS-PTID WS-FROM WS-TO WS-INFO WS-PDF-OUT
           MOVE SPACES TO WS-FORMAT
           ACCEPT WS-PTID FROM ENVIRONMENT "ONSHI_PTID"
           IF WS-PTID = SPACES
              DISPLAY "drug-information viewer: ONSHI_PTID is required"
              MOVE 64 TO RETURN-CODE
              STOP RUN
           END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_ACTION"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-ACTION END-IF
           MOVE SPACES TO WS-ENV
           ACCEPT WS-ENV FROM ENVIRONMENT "ONSHI_KIND"
           IF WS-ENV NOT = SPACES MOVE WS-ENV TO WS-KIND END-IF
           ACCEPT WS-FROM FROM ENVIRONMENT "ONSHI_FROM"
           ACCEPT WS-TO FROM ENVIRONMENT "ONSHI_TO"
           ACCEPT WS-INFO FROM ENVIRONMENT "ONSHI_INFO"
           ACCEPT WS-PDF-OUT FROM ENVIRONMENT "ONSHI_PDF_OUT"
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

       CALL-REQUEST.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-MED-REQUEST
           MOVE WS-PTID TO MREQ-PTID
           MOVE WS-KIND TO MREQ-KIND
           MOVE WS-FROM TO MREQ-MONTH-FROM
           MOVE WS-TO TO MREQ-MONTH-TO
           DISPLAY "request: patient " FUNCTION TRIM(WS-PTID)
                   ", kind " WS-KIND
           CALL "onshi_link_med_request" USING ONSHI-CTL
                ONSHI-MED-REQUEST RETURNING WS-RC
           PERFORM SHOW-CTL
           PERFORM CHECK-STATUS
           IF WS-RC = 0
              DISPLAY "request " FUNCTION TRIM(MREQ-REQUEST-ID)
                      " queued, consent until " MREQ-CONSENT-UNTIL
           END-IF.

       CALL-LIST.
           PERFORM SET-CTL
           MOVE SPACES TO ONSHI-MED-LIST
           MOVE WS-PTID TO MLST-PTID
           MOVE WS-KIND TO MLST-KIND
           CALL "onshi_link_med_list" USING ONSHI-CTL ONSHI-MED-LIST
                RETURNING WS-RC
           PERFORM SHOW-CTL
           PERFORM CHECK-STATUS
           IF WS-RC = 0
              MOVE MLST-ROW-COUNT TO WS-N
              DISPLAY "stored answers of patient "
                      FUNCTION TRIM(WS-PTID) ": " WS-N
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 DISPLAY "answer " MLST-ROW-INFO-ID(WS-I) " "
                    MLST-ROW-RECEIVED(WS-I) " "
                    MLST-ROW-FORMAT(WS-I) " "
                    MLST-ROW-MONTH-FROM(WS-I) "-"
                    MLST-ROW-MONTH-TO(WS-I) " rows "
                    MLST-ROW-ROWS(WS-I) " result "
                    FUNCTION TRIM(MLST-ROW-RESULT-CODE(WS-I))
                    " " FUNCTION TRIM(MLST-ROW-MESSAGE(WS-I) TRAILING)
              END-PERFORM
      *       The answer to open: the one asked for, or the newest.
              IF WS-INFO = SPACES AND WS-N > 0
                 MOVE MLST-ROW-INFO-ID(1) TO WS-INFO
              END-IF
              PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                 IF FUNCTION NUMVAL(MLST-ROW-INFO-ID(WS-I)) =
                    FUNCTION NUMVAL(WS-INFO)
                    MOVE MLST-ROW-FORMAT(WS-I) TO WS-FORMAT
                 END-IF
              END-PERFORM
              IF WS-INFO NOT = SPACES AND WS-FORMAT = SPACES
                 DISPLAY "answer " FUNCTION TRIM(WS-INFO)
                         " is not in the list"
                 MOVE "Y" TO WS-FAILED
                 MOVE "Y" TO WS-STOP
              END-IF
           END-IF.

      * The rows of the answer, a page (at most 20 rows) a call.
       READ-ROWS.
           MOVE 0 TO WS-START
           MOVE 1 TO WS-TOTAL
           PERFORM UNTIL WS-STOP = "Y" OR WS-START >= WS-TOTAL
              PERFORM SET-CTL
              MOVE SPACES TO ONSHI-MED-ROWS
              MOVE WS-INFO TO MROW-INFO-ID
              MOVE WS-KIND TO MROW-KIND
              MOVE WS-START TO MROW-START
              CALL "onshi_link_med_rows" USING ONSHI-CTL
                   ONSHI-MED-ROWS RETURNING WS-RC
              PERFORM CHECK-STATUS
              IF WS-RC NOT = 0
                 PERFORM SHOW-CTL
              ELSE
                 MOVE MROW-TOTAL TO WS-TOTAL
                 MOVE MROW-ROW-COUNT TO WS-N
                 ADD 1 TO WS-PAGES
                 DISPLAY "page " WS-PAGES ": rows from " WS-START
                         " of " WS-TOTAL
                 PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > WS-N
                    DISPLAY "row " MROW-ROW-SEQ(WS-I) " "
                       MROW-ROW-MONTH(WS-I) " " MROW-ROW-DATE(WS-I) " "
                       FUNCTION TRIM(MROW-ROW-CODE(WS-I)) " "
                       FUNCTION TRIM(MROW-ROW-NAME(WS-I) TRAILING) " "
                       FUNCTION TRIM(MROW-ROW-QUANTITY(WS-I)) " "
                       FUNCTION TRIM(MROW-ROW-UNIT(WS-I) TRAILING) " x"
                       FUNCTION TRIM(MROW-ROW-TIMES(WS-I)) " / "
                       FUNCTION TRIM(MROW-ROW-INSTITUTION(WS-I)
                                     TRAILING)
                 END-PERFORM
                 ADD WS-N TO WS-START WS-SHOWN
                 IF WS-N = 0
                    MOVE WS-TOTAL TO WS-START
                 END-IF
              END-IF
           END-PERFORM
           DISPLAY "rows shown: " WS-SHOWN " of " WS-TOTAL
                   " in " WS-PAGES " pages".

      * The PDF, 3000 bytes (4000 base64 characters) a call, decoded
      * and written into ONSHI_PDF_OUT.
       READ-PDF.
           PERFORM INIT-BASE64
           IF WS-PDF-OUT NOT = SPACES
              OPEN OUTPUT PDF-FILE
              IF WS-FILE-STATUS NOT = "00"
                 DISPLAY "cannot write " FUNCTION TRIM(WS-PDF-OUT)
                         " (" WS-FILE-STATUS ")"
                 MOVE "Y" TO WS-FAILED
                 MOVE "Y" TO WS-STOP
              END-IF
           END-IF
           MOVE 0 TO WS-OFFSET
           MOVE 1 TO WS-PDF-TOTAL
           PERFORM UNTIL WS-STOP = "Y" OR WS-OFFSET >= WS-PDF-TOTAL
              PERFORM SET-CTL
              MOVE SPACES TO ONSHI-MED-PDF
              MOVE WS-INFO TO MPDF-INFO-ID
              MOVE WS-KIND TO MPDF-KIND
              MOVE WS-OFFSET TO MPDF-OFFSET
              CALL "onshi_link_med_pdf" USING ONSHI-CTL
                   ONSHI-MED-PDF RETURNING WS-RC
              PERFORM CHECK-STATUS
              IF WS-RC NOT = 0
                 PERFORM SHOW-CTL
              ELSE
                 MOVE MPDF-TOTAL TO WS-PDF-TOTAL
                 MOVE MPDF-LENGTH TO WS-LENGTH
                 ADD 1 TO WS-CHUNKS
                 PERFORM DECODE-CHUNK
                 DISPLAY "chunk " WS-CHUNKS ": bytes from " WS-OFFSET
                         ", " WS-DECODED " of " WS-PDF-TOTAL
                 IF WS-BAD = "Y" OR WS-DECODED NOT = WS-LENGTH
                    DISPLAY "the chunk does not decode to "
                            WS-LENGTH " bytes"
                    MOVE "Y" TO WS-FAILED
                    MOVE "Y" TO WS-STOP
                 END-IF
                 ADD WS-LENGTH TO WS-OFFSET WS-PDF-BYTES
                 IF WS-LENGTH = 0
                    MOVE WS-PDF-TOTAL TO WS-OFFSET
                 END-IF
              END-IF
           END-PERFORM
           IF WS-PDF-OUT NOT = SPACES AND WS-FILE-STATUS = "00"
              CLOSE PDF-FILE
           END-IF
           DISPLAY "PDF bytes read: " WS-PDF-BYTES " of "
                   WS-PDF-TOTAL " in " WS-CHUNKS " chunks".

       INIT-BASE64.
           INITIALIZE WS-B64-TABLE
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 64
              COMPUTE WS-ORD = FUNCTION ORD(WS-B64-ALPHABET(WS-I:1))
              MOVE WS-I TO WS-B64-VAL(WS-ORD)
           END-PERFORM.

      * MPDF-DATA holds (length + 2) / 3 * 4 characters; every group of
      * four gives three bytes ("=" pads the last group).
       DECODE-CHUNK.
           MOVE 0 TO WS-DECODED
           MOVE "N" TO WS-BAD
           COMPUTE WS-CHARS = (WS-LENGTH + 2) / 3
           MULTIPLY 4 BY WS-CHARS
           PERFORM VARYING WS-P FROM 1 BY 4
                   UNTIL WS-P > WS-CHARS OR WS-BAD = "Y"
              MOVE 0 TO WS-PAD
              PERFORM VARYING WS-Q FROM 1 BY 1 UNTIL WS-Q > 4
                 IF MPDF-DATA(WS-P + WS-Q - 1:1) = "="
                    MOVE 0 TO WS-C(WS-Q)
                    ADD 1 TO WS-PAD
                 ELSE
                    COMPUTE WS-ORD =
                       FUNCTION ORD(MPDF-DATA(WS-P + WS-Q - 1:1))
                    MOVE WS-B64-VAL(WS-ORD) TO WS-C(WS-Q)
                    IF WS-C(WS-Q) = 0
                       MOVE "Y" TO WS-BAD
                    ELSE
                       SUBTRACT 1 FROM WS-C(WS-Q)
                    END-IF
                 END-IF
              END-PERFORM
              COMPUTE WS-V = WS-C(1) * 262144 + WS-C(2) * 4096
                           + WS-C(3) * 64 + WS-C(4)
              COMPUTE WS-B(1) = WS-V / 65536
              COMPUTE WS-W = WS-V / 256
              COMPUTE WS-B(2) = FUNCTION MOD(WS-W, 256)
              COMPUTE WS-B(3) = FUNCTION MOD(WS-V, 256)
              PERFORM VARYING WS-Q FROM 1 BY 1 UNTIL WS-Q > 3 - WS-PAD
                 ADD 1 TO WS-DECODED
                 IF WS-PDF-OUT NOT = SPACES
                    MOVE FUNCTION CHAR(WS-B(WS-Q) + 1) TO PDF-BYTE
                    WRITE PDF-BYTE
                 END-IF
              END-PERFORM
           END-PERFORM.

       PLUGIN-FINI.
           PERFORM SET-CTL
           CALL "onshi_link_fini" USING ONSHI-CTL RETURNING WS-RC.

       COPY "screen_calls.cpy".
