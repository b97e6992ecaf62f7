/* Lingering close (as nginx does it) for requests refused before their body was read.
 * libmicrohttpd answers such a request at once and closes the connection; a socket closed with
 * unread input makes the kernel send a reset, which destroys the answer in the client's buffer
 * before a client that writes its whole body first (fetch, curl) has read it. So the socket is kept
 * here a little longer (a dup of it) and its input read and thrown away, never stored, until the
 * client closes, stays quiet for 5 s, or 30 s have passed. Lifecycle: start, add, stop. */
#ifndef SH_LINGER_H
#define SH_LINGER_H

int sh_linger_start(void);
/* Takes over fd (closes it in every case). */
void sh_linger_add(int fd);
void sh_linger_stop(void);

#endif
