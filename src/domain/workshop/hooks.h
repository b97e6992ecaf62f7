/* The workshop area's part in start-up wiring: the owner of an application's attached documents. */
#ifndef SH_WORKSHOP_HOOKS_H
#define SH_WORKSHOP_HOOKS_H

int sh_workshop_register_hooks(void);

#endif
