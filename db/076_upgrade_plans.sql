-- Upgrade plans (提升改造) of parks, clusters and model units (db/067; issue 17): a county or township
-- official sets a place a goal, the checklist it will be accepted against and the steps to get there,
-- each with its deadline (a date, or so many working days from the plan's start through the calendar
-- engine). Started for acceptance, the plan opens a four-level acceptance campaign (db/009) of exactly
-- the place's workshops; whether it is accepted is read from that campaign, never stored here.
CREATE TABLE upgrade_plans (
    id           INTEGER PRIMARY KEY,
    place_id     INTEGER NOT NULL REFERENCES workshop_places(id),
    name         TEXT NOT NULL,
    goal         TEXT NOT NULL,
    checklist_id INTEGER NOT NULL REFERENCES checklists(id),
    starts_on    TEXT NOT NULL,                        -- the day working-day deadlines count from
    campaign_id  INTEGER REFERENCES campaigns(id),     -- set once, when started for acceptance
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX upgrade_plans_place ON upgrade_plans(place_id);

CREATE TABLE upgrade_plan_steps (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES upgrade_plans(id),
    title        TEXT NOT NULL,
    owner_note   TEXT,                                 -- who carries it out, in words
    due_on       TEXT NOT NULL,
    due_workdays INTEGER,                              -- when the deadline was given as working days from starts_on
    done_on      TEXT,
    done_note    TEXT,
    done_by      INTEGER REFERENCES users(id),
    done_at      INTEGER
);
CREATE INDEX upgrade_plan_steps_plan ON upgrade_plan_steps(plan_id);
CREATE INDEX upgrade_plan_steps_open ON upgrade_plan_steps(due_on) WHERE done_on IS NULL;
