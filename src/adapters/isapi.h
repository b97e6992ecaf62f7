/* Hikvision ISAPI alarm pushes: an EventNotificationAlert in XML (namespace
 * http://www.hikvision.com/ver20/XMLSchema, or the isapi.org / std-cgi.org spellings of newer
 * firmware) or in JSON, read into the fields an observation needs. XML is parsed with libxml2
 * without network access, entity substitution or DTD loading; a document with a DTD is refused. */
#ifndef SH_ISAPI_H
#define SH_ISAPI_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/video/observe.h"

typedef struct sh_isapi_event {
    char mac[33];              /* macAddress, lower case */
    char channel[17];          /* channelID (or dynChannelID) */
    char date_time[41];        /* dateTime as sent */
    char event_type[129];      /* eventType as sent */
    char event_state[33];      /* active | inactive */
    char post_count[21];       /* activePostCount as sent ("" when absent) */
    int active;                /* eventState is "active" */
    int has_confidence;
    double confidence;         /* 0..100 as sent */
    int has_box;
    double box[4];             /* from the first RegionCoordinatesList, 0..1 */
    /* derived by the parser */
    char device_id[64];        /* mac ":" channel: how the camera is registered */
    char label[129];           /* eventType in lower case */
    char idempotency_key[72];  /* "hik-" + SHA-256 of mac, channel, dateTime, eventType, activePostCount */
    int64_t observed_at;       /* epoch ms */
} sh_isapi_event;

/* Reads an EventNotificationAlert from XML bytes. SH_EINVAL naming the element when the document
 * is not well-formed, carries a DTD, is another document, or lacks or garbles a required field. */
int sh_isapi_parse_xml(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* The same from the JSON form (the fields at the top level, or inside "EventNotificationAlert"). */
int sh_isapi_parse_json(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* Either form, told apart by its first non-blank character. */
int sh_isapi_parse(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* The observation the event stands for (source hikvision, score confidence/100 or 1.0); strings
 * point into ev. */
void sh_isapi_observation(const sh_isapi_event *ev, sh_observation_in *in);

#endif
