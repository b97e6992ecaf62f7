/* What enforcement/ plugs into the shared mechanisms: penalties decided as a risk factor (DOMAIN.md
 * "Risk grading": penalties are a dynamic factor). Called once from sh_domain_init. */
#ifndef SH_ENFORCEMENT_HOOKS_H
#define SH_ENFORCEMENT_HOOKS_H

int sh_enforcement_register_hooks(void);

#endif
