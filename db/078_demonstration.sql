-- 示范创建 (issue 17): a county's creation campaign (e.g. 国家食品安全示范城市创建) with its tasks (title, the
-- owning department and township or official, a deadline, status and progress notes), the dispatch
-- meetings (调度会) whose decisions each become a task, the 一票否决 items (a major food-safety incident or
-- other event recorded against the campaign marks it vetoed), and the model units (示范街区, 示范食堂 …) with
-- their status. The county edits; a township official sees and reports on the tasks its township or it owns.
CREATE TABLE demonstration_campaigns (
    id            INTEGER PRIMARY KEY,
    division_code TEXT NOT NULL REFERENCES divisions(code),   -- the county running it
    name          TEXT NOT NULL,
    starts_on     TEXT NOT NULL,
    ends_on       TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX demonstration_campaigns_division ON demonstration_campaigns(division_code, id);

CREATE TABLE demonstration_meetings (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES demonstration_campaigns(id),
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    attendees   TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX demonstration_meetings_campaign ON demonstration_meetings(campaign_id, held_on);

CREATE TABLE demonstration_tasks (
    id               INTEGER PRIMARY KEY,
    campaign_id      INTEGER NOT NULL REFERENCES demonstration_campaigns(id),
    meeting_id       INTEGER REFERENCES demonstration_meetings(id),  -- a decision of this meeting
    title            TEXT NOT NULL,
    owner_department TEXT NOT NULL,                                  -- 牵头部门 / 责任单位
    owner_division   TEXT NOT NULL REFERENCES divisions(code),      -- the county, or the township that carries it
    owner_user_id    INTEGER REFERENCES users(id),                   -- the official in charge, when named
    due_on           TEXT NOT NULL,
    due_rule         TEXT,                                           -- 'N working days' when computed by the calendar engine
    status           TEXT NOT NULL CHECK (status IN ('open', 'done')),
    progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    done_on          TEXT,
    created_by       INTEGER REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX demonstration_tasks_campaign ON demonstration_tasks(campaign_id, status, due_on);
CREATE INDEX demonstration_tasks_owner ON demonstration_tasks(owner_division, status, due_on);

CREATE TABLE demonstration_task_notes (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES demonstration_tasks(id),
    note     TEXT NOT NULL,
    progress INTEGER NOT NULL,
    by_user  INTEGER REFERENCES users(id),
    at_ms    INTEGER NOT NULL
);
CREATE INDEX demonstration_task_notes_task ON demonstration_task_notes(task_id, id);

-- 一票否决: any row vetoes the campaign.
CREATE TABLE demonstration_vetoes (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES demonstration_campaigns(id),
    kind        TEXT NOT NULL CHECK (kind IN ('incident', 'other')),
    occurred_on TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX demonstration_vetoes_campaign ON demonstration_vetoes(campaign_id, id);

CREATE TABLE demonstration_units (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES demonstration_campaigns(id),
    kind          TEXT NOT NULL CHECK (kind IN ('street', 'canteen', 'market', 'other')),
    name          TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions(code),      -- the township it lies in
    status        TEXT NOT NULL CHECK (status IN ('building', 'accepted', 'named')),
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX demonstration_units_campaign ON demonstration_units(campaign_id, id);
