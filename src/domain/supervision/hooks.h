/* What supervision/ plugs into the shared mechanisms: inspection photos as an attachment owner,
 * and inspection findings as risk factors. Called once from sh_domain_init. */
#ifndef SH_SUPERVISION_HOOKS_H
#define SH_SUPERVISION_HOOKS_H

/* 0, or -1 when a table is full. */
int sh_supervision_register_hooks(void);

#endif
