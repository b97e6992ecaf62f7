/* Who is calling, as the connection tells (or the trusted proxy in front of it). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "domain/identity/rate_limit.h"
#include "http/http.h"

static void peer_address(sh_req *req, char out[64])
{
    out[0] = '\0';
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (!sa)
        return;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 64);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, 64);
}

void sh_client_address(sh_req *req, char out[64])
{
    peer_address(req, out);
    if (!out[0] || !req->cfg || !req->cfg->trusted_proxy[0] || strcmp(out, req->cfg->trusted_proxy) != 0)
        return;
    /* The proxy appends the address it saw last; earlier entries are the client's own word. */
    const char *xff = sh_header(req, "X-Forwarded-For");
    if (!xff || !*xff)
        return;
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ')
        last++;
    size_t n = strcspn(last, " ");
    if (n == 0 || n >= 64)
        return;
    snprintf(out, 64, "%.*s", (int)n, last);
}

int sh_limited(sh_req *req, const char *bucket, sh_limited_fn fn, void *ctx, json_t **out, sh_err *err)
{
    char address[64];
    sh_client_address(req, address);
    int rc = sh_rate_limit_check(req->db, bucket, address, err);
    if (rc == 0)
        rc = fn(req, address, ctx, out, err);
    if (rc == 0)
        sh_rate_limit_record(req->db, bucket, address, NULL); /* done is done: a lost count only lets one more through */
    return rc;
}

void sh_public_url(sh_req *req, const char *fragment, char *out, size_t size)
{
    const char *base = req->cfg->public_url;
    char host[300];
    if (!base[0]) {
        const char *h = sh_header(req, "Host");
        int plain = h && *h && strlen(h) < 256;
        for (const char *p = h; plain && *p; p++)
            plain = isalnum((unsigned char)*p) || strchr(".-:[]", *p);
        if (plain)
            snprintf(host, sizeof host, "http://%s", h);
        else
            snprintf(host, sizeof host, "http://%s:%d", req->cfg->listen, req->cfg->port);
        base = host;
    }
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    snprintf(out, size, "%.*s/%s", (int)n, base, fragment);
}
