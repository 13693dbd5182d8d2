/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#define DM_NATIVE_FORMAT_VERSION 1
