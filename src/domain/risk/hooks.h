/* What risk/ plugs into the areas below it: a business whose kind, categories or scale changed
 * is regraded. Called once from sh_domain_init. */
#ifndef SH_RISK_HOOKS_H
#define SH_RISK_HOOKS_H

/* 0, or -1 when a hook table is full. */
int sh_risk_register_hooks(void);

#endif
