/* What loop/ plugs into the shared mechanisms for its own records: rectification evidence as an
 * attachment owner, and overdue orders as a risk factor. Called once from sh_domain_init. */
#ifndef SH_LOOP_HOOKS_H
#define SH_LOOP_HOOKS_H

/* 0, or -1 when a table is full. */
int sh_loop_register_hooks(void);

#endif
