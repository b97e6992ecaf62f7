/* (being written) */
#include "http/http.h"

const sh_route sh_routes_ingest[] = {
    {0},
};
