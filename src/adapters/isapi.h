/* Hikvision ISAPI alarm pushes: an EventNotificationAlert in XML or in JSON, read into the fields an
 * observation needs. The XML is read the same in every namespace the firmware families use
 * (http://www.hikvision.com/ver20/XMLSchema, http://www.isapi.org/ver20/XMLSchema,
 * http://www.std-cgi.com/ver20/XMLSchema, their ver10 spellings, urn:psialliance-org) and with none;
 * it is parsed with libxml2 without network access, entity substitution or DTD loading, and a document
 * with a DTD is refused.
 *
 * The structure followed is ISAPI's event notification (EventNotificationAlert: ipAddress, portNo,
 * protocol, macAddress, channelID / dynChannelID, dateTime, activePostCount, eventType, eventState,
 * eventDescription, DetectionRegionList/DetectionRegionEntry with RegionCoordinatesList (the zone,
 * 0..1000) and, for smart events, TargetRect {X, Y, width, height} of the detected target). */
#ifndef SH_ISAPI_H
#define SH_ISAPI_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mac.h"
#include "domain/video/observe.h"

typedef struct sh_isapi_event {
    char mac[SH_MAC_LEN + 1];  /* macAddress, canonical: aa:bb:cc:dd:ee:ff (core/mac.h) */
    char channel[17];          /* channelID (or dynChannelID) without leading zeros; "" for a device-wide heartbeat */
    char date_time[41];        /* dateTime as sent ("" only for a heartbeat without one) */
    char event_type[129];      /* eventType as sent */
    char event_state[33];      /* active | inactive ("" only for a heartbeat without one) */
    char post_count[21];       /* activePostCount as sent ("" when absent) */
    int active;                /* eventState is "active" */
    int heartbeat;             /* heartBeat, or videoloss inactive (what an idle camera sends to say it is
                                  alive): keeps the camera on line, never an alert */
    int has_confidence;
    double confidence;         /* 0..100 as sent */
    int has_box;
    int box_from_target;       /* the box is the target's (TargetRect), not the zone's polygon */
    double box[4];             /* x, y, w, h in 0..1 */
    /* derived by the parser */
    char device_id[64];        /* sh_device_id_normalize(mac:channel): how the camera is registered;
                                  the bare MAC for a device-wide heartbeat */
    char label[129];           /* eventType in lower case */
    char idempotency_key[72];  /* "hik-" + SHA-256 of mac, channel, dateTime, eventType, activePostCount */
    int64_t observed_at;       /* epoch ms (0 for a heartbeat without dateTime) */
} sh_isapi_event;

/* Reads an EventNotificationAlert from XML bytes. SH_EINVAL naming the element when the document
 * is not well-formed, carries a DTD, is another document, or lacks or garbles a required field.
 *
 * The box: for line crossing (linedetection) and field / region detection (fielddetection,
 * regionEntrance, regionExiting) the detected target's rectangle (TargetRect, or a Rect inside a
 * target element) and never the zone's polygon, which is where the rule was drawn, not where the
 * person is; for other events the target's rectangle when sent, else the bounding box of the first
 * RegionCoordinatesList. Coordinates 0..1000 (or fractions 0..1) become the platform's 0..1. */
int sh_isapi_parse_xml(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* The same from the JSON form (the fields at the top level, or inside "EventNotificationAlert"). */
int sh_isapi_parse_json(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* Either form, told apart by its first non-blank character. */
int sh_isapi_parse(const char *data, size_t len, sh_isapi_event *ev, sh_err *err);

/* The observation the event stands for (source hikvision, score confidence/100 or 1.0); strings
 * point into ev. */
void sh_isapi_observation(const sh_isapi_event *ev, sh_observation_in *in);

#endif
