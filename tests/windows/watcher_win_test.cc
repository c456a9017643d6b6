// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The watcher tests built for Windows (ReadDirectoryChangesW and polling), run under wine by
// tests/windows/run_windows_tests.sh: the cases of tests/unit/watcher_cases.h, which the Linux
// CppUnit suite runs too. Usage: watcher_win_tests.exe [CASE]
#include "windows/mini_unit.h"
// (the macros above first: the shared cases use them)
#include "unit/watcher_cases.h"

int main(int argc, char** argv) {
  using namespace onshi::test::watcher_cases;
  const std::string only = argc > 1 ? argv[1] : "";
  // Run only when named: under wine 8 it stalls in about one run of seven after the overflow
  // (ERROR_NOTIFY_ENUM_DIR is reported and the folder listed, yet some files are never handed
  // out); not understood yet, so kept out of `make check` (README, "Windows side").
  // 3,000 names: more changes than the 64 KiB buffer holds.
  if (only == "overflowListsAgain")
    return onshi::test::mini::run_cases({{only, [] { overflowListsAgain(3000); }}});
  return onshi::test::mini::run_cases(
      {
          {"trackerNeedsTwoEqualLooks", trackerNeedsTwoEqualLooks},
          {"trackerBusyEntryWaits", trackerBusyEntryWaits},
          {"trackerKeepsBoundedBatches", trackerKeepsBoundedBatches},
          {"backlogDeliveredOnceInBoundedBatches", backlogDeliveredOnceInBoundedBatches},
          {"backlogLeftInPlaceDeliveredOnce", backlogLeftInPlaceDeliveredOnce},
          {"fileAddedDuringDrainGoesFirst", fileAddedDuringDrainGoesFirst},
          {"fileRemovedBeforeItsTurnIsNotDelivered", fileRemovedBeforeItsTurnIsNotDelivered},
          {"reportsClosedAndRenamedFiles", reportsClosedAndRenamedFiles},
          {"waitsForClose", waitsForClose},
          {"rescanFindsExistingFiles", rescanFindsExistingFiles},
          {"pollingReportsStableFilesOnce", pollingReportsStableFilesOnce},
          {"pollingWaitsWhileFileGrows", pollingWaitsWhileFileGrows},
          {"reportsFoldersButNotDotFiles", reportsFoldersButNotDotFiles},
          {"ownFoldersAreNeverReported",
           [] {
             ownFoldersAreNeverReported([](const std::string& archive) {
               std::string alias = archive;  // the same folder spelled with backslashes
               for (char& c : alias)
                 if (c == '/') c = '\\';
               return alias;
             });
           }},
          {"lostFolderLoggedOnceAndWatchedWhenBack", lostFolderLoggedOnceAndWatchedWhenBack},
          {"replacedFolderIsWatchedAnew", replacedFolderIsWatchedAnew},
          {"removedFilesAreForgotten", removedFilesAreForgotten},
          {"automaticPicksEventBackendOnLocalDisk", automaticPicksEventBackendOnLocalDisk},
      },
      only);
}
