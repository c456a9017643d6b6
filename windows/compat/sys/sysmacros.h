// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// <sys/sysmacros.h> for the Windows build (windows/compat/ is on its include path): empty; the
/// code that uses major()/minor() is Linux-only.
