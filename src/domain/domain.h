/* The one place above the areas that wires them together: each area registers what it plugs into
 * the shared mechanisms below it (attachment owners, risk factors, order escalation, registry
 * change hooks), so that no lower area includes a higher one. */
#ifndef SH_DOMAIN_H
#define SH_DOMAIN_H

/* Registers every area's hooks, once per process (later calls do nothing and return the first
 * result). Call it at start-up before any thread that uses the domain starts. 0, or -1 when a hook
 * table is full (a programming error: the caller stops). */
int sh_domain_init(void);

#endif
