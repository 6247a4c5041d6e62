/* Internal: what the names module counts for its tests. */
#ifndef WA_NAMES_INTERNAL_H
#define WA_NAMES_INTERNAL_H

#include <stddef.h>
#include "wirealign/names.h"

/* Pairs of names the last wa_names_cluster() compared (wa_tl_compare
 * calls): the work that blocking keeps from growing with the square of the
 * names. */
size_t wa_names_compared(const wa_names *nm);

#endif
