/* What sampling/ plugs into the shared mechanisms: the photos of a sampling record, and failed
 * samples as a risk factor (DOMAIN.md "Risk grading": failed samples are a dynamic factor). Called
 * once from sh_domain_init. */
#ifndef SH_SAMPLING_HOOKS_H
#define SH_SAMPLING_HOOKS_H

/* 0, or -1 when a table is full. */
int sh_sampling_register_hooks(void);

#endif
