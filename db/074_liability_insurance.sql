-- Food-safety liability insurance (食品安全责任保险; 食品安全法 Art 43: the state encourages businesses to
-- take it out): policies per business, recorded by the business itself or an official in scope. A policy
-- is in force on a day between starts_on and ends_on (both inclusive) unless cancelled. kinds: what it
-- covers, a comma-separated list of codes (people/insurance.c has the labels). One policy number per
-- insurer. The business's to-do list shows a policy ending within 30 days that no later policy follows.
CREATE TABLE fs_insurance (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    insurer       TEXT NOT NULL,
    policy_no     TEXT NOT NULL,
    starts_on     TEXT NOT NULL,
    ends_on       TEXT NOT NULL,
    coverage_yuan INTEGER NOT NULL,    -- the limit for the period
    per_person_yuan INTEGER,           -- the limit per injured person, when the policy has one
    kinds         TEXT NOT NULL,
    cancelled_on  TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX fs_insurance_policy ON fs_insurance(insurer, policy_no);
CREATE INDEX fs_insurance_entity ON fs_insurance(entity_id, ends_on);
