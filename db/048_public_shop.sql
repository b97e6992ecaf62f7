-- The public portal's shop page (issue 14): whether a business shows its kitchen camera's latest
-- picture to the public (it or an official of its jurisdiction decides; off until then), and the
-- residents' ratings of a shop, one per address, shop and Beijing day (domain/portal/rating.c).
ALTER TABLE entities ADD COLUMN public_camera INTEGER NOT NULL DEFAULT 0 CHECK (public_camera IN (0, 1));

CREATE TABLE shop_ratings (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    rater      TEXT NOT NULL,      -- keyed hash of the address (identity/secret.h): the address is never stored
    day        TEXT NOT NULL,      -- YYYY-MM-DD, Beijing
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    created_at INTEGER NOT NULL,   -- epoch ms
    PRIMARY KEY (entity_id, rater, day)
);
