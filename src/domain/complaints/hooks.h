/* What complaints/ plugs into the shared mechanisms: the photos sent with a complaint, and
 * complaints accepted or reports that led to a case as a risk factor (issue 14: "a complaint feeds
 * the business's risk grade"). Called once from sh_domain_init. */
#ifndef SH_COMPLAINTS_HOOKS_H
#define SH_COMPLAINTS_HOOKS_H

/* 0, or -1 when a table is full. */
int sh_complaints_register_hooks(void);

#endif
