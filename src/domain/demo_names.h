/* Word lists of the demo county: place names, business names, people. */
#ifndef SH_DEMO_NAMES_H
#define SH_DEMO_NAMES_H

#include <stddef.h>

#define DEMO_LIST(name) extern const char *const name[]; extern const size_t name##_n

DEMO_LIST(demo_place_first);
DEMO_LIST(demo_place_second);
DEMO_LIST(demo_roads);
DEMO_LIST(demo_surnames);
DEMO_LIST(demo_given);
DEMO_LIST(demo_brands);
DEMO_LIST(demo_products);
DEMO_LIST(demo_workshop_items);
DEMO_LIST(demo_shops);
DEMO_LIST(demo_dish_owner);
DEMO_LIST(demo_dishes);
DEMO_LIST(demo_dish_suffix);
DEMO_LIST(demo_schools);
DEMO_LIST(demo_units);
DEMO_LIST(demo_stall_items);

#endif
