/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: dm_time_parse() on any text, in UTC and in two zones, then everything that writes
 * a time: what parses must be writable and read back to the same start, end and precision
 * (docs/SECURITY.md). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dm-time.h"
#include "dm-time-format.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GTimeZone *zones[3];
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (zones[0] == NULL)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      zones[0] = g_time_zone_new_utc ();
      zones[1] = g_time_zone_new_identifier ("Pacific/Kiritimati");
      /* summer time began at midnight there until 2019: days that start at 01:00 */
      zones[2] = g_time_zone_new_identifier ("America/Sao_Paulo");
    }
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      DmTime time, back;
      g_autofree char *iso = NULL, *utc = NULL, *shown = NULL, *text_shown = NULL;

      if (!dm_time_parse (text, zones[i], &time, NULL))
        continue;
      iso = dm_time_to_iso (&time, zones[i]);
      utc = dm_time_format_utc_iso (time.earliest);
      shown = dm_time_format_utc_iso (time.latest);
      /* every writer writes these: none may be missing */
      g_assert (iso != NULL && utc != NULL && shown != NULL);
      g_assert (dm_time_parse (iso, zones[i], &back, NULL));
      /* whatever we read, written out, reads again the same */
      g_assert (back.earliest == time.earliest && back.latest == time.latest);
      g_assert (back.precision == time.precision && back.approximate == time.approximate);
      /* and shown to a person, in any year */
      text_shown = dm_time_format_local (&time, zones[i]);
      g_assert (text_shown != NULL);
    }
  return 0;
}
