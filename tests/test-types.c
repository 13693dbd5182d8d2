/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dm-types.h"

static void
test_status_round_trip (void)
{
  for (DmStatus s = DM_STATUS_UNKNOWN; s <= DM_STATUS_CANCELLED; s++)
    {
      DmStatus back = DM_STATUS_UNKNOWN;
      g_assert_true (dm_status_from_string (dm_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  DmStatus st;
  g_assert_false (dm_status_from_string ("maybe", &st));
  g_assert_true (dm_status_from_string ("Canceled", &st));
  g_assert_cmpint (st, ==, DM_STATUS_CANCELLED);
}

static void
test_kind_round_trip (void)
{
  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    {
      DmEventKind back = DM_EVENT_KIND_TRIP;
      g_assert_true (dm_event_kind_from_string (dm_event_kind_to_string (k), &back));
      g_assert_cmpint (back, ==, k);
    }
  DmEventKind k;
  g_assert_false (dm_event_kind_from_string ("party", &k));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/types/status", test_status_round_trip);
  g_test_add_func ("/model/types/kind", test_kind_round_trip);
  return g_test_run ();
}
