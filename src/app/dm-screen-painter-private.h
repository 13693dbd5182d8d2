/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-route-highlight.h"
#include "dm-screen-painter.h"

G_BEGIN_DECLS

G_END_DECLS
