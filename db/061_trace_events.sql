-- Traceability events (issue 12): GS1 EPCIS 2.0 events captured by the businesses of the registry and by
-- devices, kept as sent (document: the event's JSON-LD, returned by queries) with the columns queries and
-- tracing need. A capture is all or nothing (epcis_capture_jobs). An event is never edited: an
-- errorDeclaration names it (corrected_by). Each event's canonical hash (CBV 2.0 event hash) is its
-- eventID when none is given, and goes into the ledger (db/060).
CREATE TABLE epcis_capture_jobs (
    id           INTEGER PRIMARY KEY,
    entity_id    INTEGER REFERENCES entities(id),  -- the capturing business; NULL: an official or a device of the bureau
    user_id      INTEGER REFERENCES users(id),
    division_code TEXT NOT NULL,                   -- the jurisdiction that sees the job
    status       TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    event_count  INTEGER NOT NULL,
    errors       TEXT,                             -- JSON [{index, field, message}] of a failed capture
    created_at   INTEGER NOT NULL
);

CREATE TABLE epcis_events (
    id             INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL UNIQUE,   -- as sent, or ni:///sha-256;<hex>?ver=CBV2.0
    event_hash     TEXT NOT NULL,          -- hex SHA-256 of the canonical pre-hash string (CBV 2.0)
    event_type     TEXT NOT NULL CHECK (event_type IN ('ObjectEvent', 'AggregationEvent', 'TransactionEvent',
                                                       'TransformationEvent', 'AssociationEvent')),
    action         TEXT CHECK (action IS NULL OR action IN ('ADD', 'OBSERVE', 'DELETE')),
    event_time     TEXT NOT NULL,          -- as sent: ISO 8601 with its offset
    event_time_ms  INTEGER NOT NULL,       -- the same instant as UTC epoch ms: order and GE_/LT_eventTime
    time_zone      TEXT NOT NULL,          -- eventTimeZoneOffset, e.g. +08:00
    record_time_ms INTEGER NOT NULL,       -- when the platform accepted it (the clock seam)
    biz_step       TEXT,                   -- CBV short name (shipping, receiving, killing, …) or a URI
    disposition    TEXT,
    read_point     TEXT,
    biz_location   TEXT,
    entity_id      INTEGER REFERENCES entities(id),  -- the business that captured it
    division_code  TEXT NOT NULL,          -- of that business (or of the official): who sees it
    capture_job_id INTEGER NOT NULL REFERENCES epcis_capture_jobs(id),
    corrected_by   TEXT,                   -- the eventID of an errorDeclaration naming this event
    error_reason   TEXT,                   -- for an event that declares an error: its reason
    document       TEXT NOT NULL           -- the event's JSON-LD, compact
);
CREATE INDEX epcis_events_time ON epcis_events(event_time_ms);
CREATE INDEX epcis_events_step ON epcis_events(biz_step, event_time_ms);
CREATE INDEX epcis_events_location ON epcis_events(biz_location, event_time_ms);
CREATE INDEX epcis_events_entity ON epcis_events(entity_id, event_time_ms);

-- Every identifier an event names, by its role: what MATCH_epc and tracing look up. epc is an instance
-- (urn:epc:id:sgtin:…), a class (urn:epc:class:lgtin:…: a lot), or one of the Chinese codes written as a
-- URI (ear tag urn:shian:eartag:<15 digits>, 承诺达标合格证 urn:shian:cert:<no>, 食安封签 urn:shian:seal:<no>,
-- a workshop product code urn:shian:product:<code>).
CREATE TABLE epcis_event_epcs (
    event_id INTEGER NOT NULL REFERENCES epcis_events(id),
    epc      TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output')),
    quantity REAL,                -- a class's quantity (quantityList …)
    uom      TEXT
);
CREATE INDEX epcis_event_epcs_epc ON epcis_event_epcs(epc, role);
CREATE INDEX epcis_event_epcs_event ON epcis_event_epcs(event_id);

-- Source and destination lists (CBV owning_party, possessing_party, location): who sent to whom. A party
-- written as urn:shian:uscc:<统一社会信用代码> or urn:shian:entity:<id> resolves to a registry business.
CREATE TABLE epcis_event_parties (
    event_id  INTEGER NOT NULL REFERENCES epcis_events(id),
    side      TEXT NOT NULL CHECK (side IN ('source', 'destination')),
    type      TEXT NOT NULL,
    party     TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id)
);
CREATE INDEX epcis_event_parties_event ON epcis_event_parties(event_id);
CREATE INDEX epcis_event_parties_entity ON epcis_event_parties(entity_id, side);
