/* MAC addresses and the device ids built from them, written one way wherever a device is named: at
 * camera registration (domain/video/camera.c) and at ingestion (adapters/isapi.c, observations and
 * heartbeats by device_id). Hikvision devices and the people typing their labels write the same
 * address as AA:BB:CC:DD:EE:FF, aa-bb-cc-dd-ee-ff, AABBCCDDEEFF or aabb.ccdd.eeff, and the channel
 * as 1 or 01. */
#ifndef SH_MAC_H
#define SH_MAC_H

#include <stddef.h>

#define SH_MAC_LEN 17 /* "aa:bb:cc:dd:ee:ff" */

/* Reads a MAC address at the start of s: 12 hex digits in either case, with ':' or '-' between every
 * pair (the same one throughout), '.' between groups of four, or nothing. Writes it as lower-case
 * pairs joined by ':' to out (at least SH_MAC_LEN + 1 bytes) and returns how many characters of s it
 * took, or 0 when s does not start with one. */
size_t sh_mac_parse(const char *s, char out[SH_MAC_LEN + 1]);

/* Whether s is exactly one MAC address; its canonical form in out. */
int sh_mac_normalize(const char *s, char out[SH_MAC_LEN + 1]);

/* The canonical form of a device id, into out (n bytes; the input is copied unchanged, truncated to
 * n - 1, when it is not of these forms):
 *   a MAC address                          -> "aa:bb:cc:dd:ee:ff"
 *   a MAC, one of : - _ / # ., a channel   -> "aa:bb:cc:dd:ee:ff:N" (N without leading zeros)
 * so "AA-BB-CC-DD-EE-FF-01", "aabbccddeeff:1" and "aa:bb:cc:dd:ee:ff:1" are one device id. Any other
 * id (a box's own naming) is the caller's and stays as it is. Returns out. */
char *sh_device_id_normalize(const char *s, char *out, size_t n);

#endif
