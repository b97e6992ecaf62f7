-- Smart video supervision: cameras on the key areas of a business, observations from AI sources
-- (shian-vision, third-party AI boxes, Hikvision ISAPI pushes), rules that merge observations into
-- alerts, the review that turns an alert into a hazard (a rectification order), online patrols,
-- and the outbox from which SMS / WeChat gateways take the pushes.

-- The areas a camera may watch, and which of them every business of a kind must have on line
-- (data a bureau can change: 明厨亮灶 asks caterers for the kitchen, producers for processing ...).
CREATE TABLE camera_areas (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL
);
INSERT INTO camera_areas(code, label) VALUES
    ('raw_material', '原料粗加工区'), ('processing', '加工制作区'), ('packaging', '包装区'),
    ('kitchen', '后厨烹饪区'), ('cold_dish', '冷食专间'), ('washing', '清洗消毒区'),
    ('storage', '仓储区'), ('dining', '就餐区'), ('sales', '销售区'), ('other', '其他');

CREATE TABLE camera_required_areas (
    kind TEXT NOT NULL,       -- business kind (entities.kind)
    area TEXT NOT NULL REFERENCES camera_areas(code),
    PRIMARY KEY (kind, area)
);
INSERT INTO camera_required_areas(kind, area) VALUES
    ('producer', 'raw_material'), ('producer', 'processing'), ('producer', 'packaging'),
    ('workshop', 'processing'),
    ('caterer', 'kitchen'),
    ('school_canteen', 'raw_material'), ('school_canteen', 'kitchen'), ('school_canteen', 'washing'),
    ('unit_canteen', 'kitchen'),
    ('central_kitchen', 'raw_material'), ('central_kitchen', 'processing'), ('central_kitchen', 'packaging');

CREATE TABLE cameras (
    id                INTEGER PRIMARY KEY,
    entity_id         INTEGER NOT NULL REFERENCES entities(id),
    name              TEXT NOT NULL,
    area              TEXT NOT NULL REFERENCES camera_areas(code),
    stream_url        TEXT NOT NULL,         -- rtsp://, http(s)://, or file: (tests); without credentials
    stream_user       TEXT,                  -- credentials: never returned by the public API
    stream_secret     TEXT,                  -- sealed with the server's secret key (libsodium secretbox), base64
    device_id         TEXT,                  -- the id an AI box or NVR reports (e.g. Hikvision MAC/serial + ":" + channel)
    schedule          TEXT NOT NULL DEFAULT '[]', -- working hours: [{"days":[1..7], "from":"HH:MM", "to":"HH:MM"}]; [] = always
    zones             TEXT NOT NULL DEFAULT '[]', -- [{"name", "type":"include"|"mask", "points":[[x,y],...]}], x,y in 0..1
    rules             TEXT NOT NULL DEFAULT '[]', -- enabled violation codes; [] = every enabled rule
    enabled           INTEGER NOT NULL DEFAULT 1,
    last_heartbeat_at INTEGER,               -- epoch ms of the last heartbeat (or observation)
    offline_since     INTEGER,               -- set when a sweep finds it silent, cleared by a heartbeat
    last_snapshot_id  INTEGER,               -- the newest picture of this camera (attachments.id)
    health            TEXT,                  -- the last heartbeat's figures: {"decode_fps", "detect_fps", ...}
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX cameras_entity ON cameras(entity_id);
CREATE UNIQUE INDEX cameras_device ON cameras(device_id) WHERE device_id IS NOT NULL;

-- What a source may call a thing, and the violation it stands for (data: a vendor's labels go here).
CREATE TABLE violation_types (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,                   -- shown to people
    requirement TEXT NOT NULL               -- what the business must do, copied into the order
);
INSERT INTO violation_types(code, label, requirement) VALUES
    ('no_mask', '未佩戴口罩', '从业人员在加工制作区应规范佩戴口罩，整改后上传规范着装照片'),
    ('no_hat', '未佩戴工作帽', '从业人员应规范佩戴工作帽，头发不外露，整改后上传照片'),
    ('no_uniform', '未穿工作服', '从业人员应穿戴清洁的工作服，整改后上传照片'),
    ('smoking', '吸烟', '食品处理区禁止吸烟，对相关人员进行教育并上传培训记录'),
    ('phone', '玩手机', '加工操作时不得使用手机，对相关人员进行教育并上传记录'),
    ('animal', '动物出没', '采取防鼠防虫防宠物措施（挡鼠板、纱窗、灭蝇灯等），上传整改照片'),
    ('stranger', '非工作时间人员闯入', '核实非工作时间进入人员身份，完善出入管理，上传说明'),
    ('open_bin', '垃圾桶未加盖', '垃圾桶应加盖并及时清理，上传整改照片');

CREATE TABLE label_map (
    source    TEXT NOT NULL,                -- '*' for every source, or shian_vision, ai_box, hikvision
    label     TEXT NOT NULL,                -- the source's label or event type, lower case
    violation TEXT NOT NULL REFERENCES violation_types(code),
    PRIMARY KEY (source, label)
);
INSERT INTO label_map(source, label, violation) VALUES
    ('*', 'no_mask', 'no_mask'), ('*', 'no_hat', 'no_hat'), ('*', 'no_uniform', 'no_uniform'),
    ('*', 'smoking', 'smoking'), ('*', 'phone', 'phone'), ('*', 'cell phone', 'phone'),
    ('*', 'cat', 'animal'), ('*', 'dog', 'animal'), ('*', 'rat', 'animal'),
    -- an AI box's 'mouse' is the animal; COCO's (shian-vision's NanoDet) is a computer mouse
    ('ai_box', 'mouse', 'animal'), ('hikvision', 'mouse', 'animal'),
    ('*', 'bird', 'animal'), ('*', 'cockroach', 'animal'), ('*', 'animal', 'animal'),
    ('*', 'person_after_hours', 'stranger'), ('*', 'stranger', 'stranger'), ('*', 'open_bin', 'open_bin'),
    -- Hikvision 明厨亮灶 / behaviour analysis event types
    ('hikvision', 'nomaskdetection', 'no_mask'), ('hikvision', 'mask', 'no_mask'),
    ('hikvision', 'chefhatdetection', 'no_hat'), ('hikvision', 'nochefhat', 'no_hat'),
    ('hikvision', 'chefclothesdetection', 'no_uniform'), ('hikvision', 'smokedetection', 'smoking'),
    ('hikvision', 'smoking', 'smoking'), ('hikvision', 'playcellphone', 'phone'),
    ('hikvision', 'calling', 'phone'), ('hikvision', 'mousedetection', 'animal'),
    ('hikvision', 'ratdetection', 'animal'), ('hikvision', 'trashcannotcovered', 'open_bin'),
    ('hikvision', 'intrusion', 'stranger'), ('hikvision', 'fielddetection', 'stranger');

-- How observations of a violation become alerts (like Frigate's review items and ZoneMinder's
-- alarm/alert states): a minimum score, a minimum duration of presence, where and when it counts,
-- and a cooldown that merges a burst into one alert.
CREATE TABLE alert_rules (
    violation       TEXT PRIMARY KEY REFERENCES violation_types(code),
    enabled         INTEGER NOT NULL DEFAULT 1,
    min_score       REAL NOT NULL DEFAULT 0.5 CHECK (min_score BETWEEN 0 AND 1),
    min_duration_s  INTEGER NOT NULL DEFAULT 0 CHECK (min_duration_s >= 0),
    cooldown_s      INTEGER NOT NULL DEFAULT 300 CHECK (cooldown_s >= 0),
    schedule        TEXT NOT NULL DEFAULT 'always' CHECK (schedule IN ('always', 'working', 'after_hours')),
    use_zones       INTEGER NOT NULL DEFAULT 1,   -- the box's bottom centre must be in an include zone, not in a mask
    deadline_wd     INTEGER NOT NULL DEFAULT 3 CHECK (deadline_wd BETWEEN 1 AND 60)
);
INSERT INTO alert_rules(violation, min_score, min_duration_s, cooldown_s, schedule, deadline_wd) VALUES
    ('no_mask', 0.6, 10, 600, 'working', 3), ('no_hat', 0.6, 10, 600, 'working', 3),
    ('no_uniform', 0.6, 10, 600, 'working', 3), ('smoking', 0.5, 0, 600, 'always', 3),
    ('phone', 0.6, 10, 600, 'working', 3), ('animal', 0.45, 0, 900, 'always', 5),
    ('stranger', 0.6, 0, 1800, 'after_hours', 3), ('open_bin', 0.6, 60, 3600, 'always', 3);

-- One row per thing a source saw: camera, time, label, score, box, snapshot.
CREATE TABLE observations (
    id              INTEGER PRIMARY KEY,
    camera_id       INTEGER NOT NULL REFERENCES cameras(id),
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    source          TEXT NOT NULL CHECK (source IN ('shian_vision', 'ai_box', 'hikvision')),
    idempotency_key TEXT NOT NULL,
    observed_at     INTEGER NOT NULL,           -- epoch ms
    label           TEXT NOT NULL,
    violation       TEXT REFERENCES violation_types(code), -- NULL: a label no rule maps
    score           REAL NOT NULL,
    box             TEXT,                       -- [x, y, w, h] in 0..1 of the picture, or NULL
    snapshot_id     INTEGER,                    -- attachments.id
    alert_id        INTEGER REFERENCES alerts(id), -- NULL when it did not pass the rule
    outcome         TEXT NOT NULL,              -- merged, alert, below_score, outside_zone, off_schedule, unmapped, rule_off
    created_by      INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX observations_idem ON observations(source, created_by, idempotency_key);
CREATE INDEX observations_camera ON observations(camera_id, observed_at);

CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    camera_id       INTEGER NOT NULL REFERENCES cameras(id),
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    violation       TEXT NOT NULL REFERENCES violation_types(code),
    first_at        INTEGER NOT NULL,           -- first and last observation, epoch ms
    last_at         INTEGER NOT NULL,
    observations    INTEGER NOT NULL DEFAULT 1,
    max_score       REAL NOT NULL,
    box             TEXT,                       -- of the best observation
    snapshot_id     INTEGER,                    -- of the best observation
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'open', 'confirmed', 'false_positive')),
                    -- pending: not yet present for the rule's minimum duration; open: awaiting review
    reviewed_by     INTEGER REFERENCES users(id),
    reviewed_at     INTEGER,
    review_note     TEXT,
    rectification_id INTEGER REFERENCES rectifications(id), -- the hazard, once confirmed
    created_at      INTEGER NOT NULL
);
CREATE INDEX alerts_camera ON alerts(camera_id, violation, last_at);
CREATE INDEX alerts_status ON alerts(status, id);
CREATE INDEX alerts_entity ON alerts(entity_id, id);

-- Online patrols: each week an official is given cameras of the jurisdiction, drawn at random.
CREATE TABLE patrol_tasks (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    week        TEXT NOT NULL,                  -- Monday of the week, YYYY-MM-DD
    camera_id   INTEGER NOT NULL REFERENCES cameras(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    outcome     TEXT CHECK (outcome IN ('normal', 'problem', 'offline')),
    findings    TEXT,
    rectification_id INTEGER REFERENCES rectifications(id),
    snapshot_id INTEGER,                        -- the camera's newest picture when the patrol was recorded
    done_at     INTEGER,
    created_at  INTEGER NOT NULL,
    UNIQUE (user_id, week, camera_id)
);
CREATE INDEX patrol_tasks_week ON patrol_tasks(week, user_id);

-- Each official's weekly draw, kept so that it can be replayed: the seed (from the user and the
-- week) and the candidate cameras in id order; the tasks are the first `picked` of the shuffle.
CREATE TABLE patrol_draws (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    week        TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    candidates  TEXT NOT NULL,                  -- JSON array of camera ids
    picked      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, week)
);

-- Pushes waiting for a gateway (SMS, WeChat) to take them: the gateway polls and acknowledges.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER REFERENCES entities(id),
    topic       TEXT NOT NULL,                  -- hazard.created, hazard.overdue ...
    payload     TEXT NOT NULL,                  -- JSON
    created_at  INTEGER NOT NULL,
    delivered_at INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox(delivered_at, id);

-- Snapshots are attachments owned by an observation: the owner types grow by one.
CREATE TABLE attachments_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification', 'observation', 'camera')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
INSERT INTO attachments_new SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);

INSERT INTO settings(key, value) VALUES
    ('camera_offline_after_s', '300'),  -- a camera silent this long is offline
    ('patrol_cameras_per_week', '5'),   -- cameras each official patrols online a week
    ('max_snapshot_bytes', '2097152'),  -- largest snapshot an observation may carry (2 MiB)
    ('patrol_rectify_days', '3'),       -- working days to rectify a problem found on an online patrol
    -- dynamic risk points for each confirmed video hazard (last two years); one not rectified in
    -- time also counts as an escalated order (risk_order_escalated), like any other order
    ('risk_video_hazard', '2');
