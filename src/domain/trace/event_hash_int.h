/* Internal to the event hash: the GS1 Digital Link normaliser (event_hash_dl.c). */
#ifndef SH_EVENT_HASH_INT_H
#define SH_EVENT_HASH_INT_H

/* The canonical GS1 Digital Link URI of an EPC URI, EPC class or pattern URI or GS1 DL URI
 * (malloc'ed), or NULL when uri is none of them and is to be kept as it is. */
char *sh_epcis_dl_normalise(const char *uri);

#endif
