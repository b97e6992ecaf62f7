/* What video/ plugs into the shared mechanisms: who sees an observation's picture, confirmed
 * hazards as a risk factor, and a video order run late pushed again. Called once from
 * sh_domain_init. */
#ifndef SH_VIDEO_HOOKS_H
#define SH_VIDEO_HOOKS_H

/* 0, or -1 when a table is full. */
int sh_video_register_hooks(void);

#endif
