/* (being written) */
#include "http/http.h"

const sh_route sh_routes_alerts[] = {
    {0},
};
