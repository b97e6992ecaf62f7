/* The caller's own to-do list: GET /api/v1/me/todo (a business). */
#include "domain/home/todo.h"
#include "http/http.h"

static int todo(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_todo_of(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_todo[] = {
    {"GET", "/api/v1/me/todo", todo, 0},
    {0},
};
