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
  return onshi::test::mini::run_cases(
      {
          // 3,000 names: more changes than the 64 KiB buffer holds.
          {"overflowListsAgain", [] { overflowListsAgain(3000); }},
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
