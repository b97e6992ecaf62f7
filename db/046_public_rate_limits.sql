-- Per-address limits on what the public may send without signing in (issue 14 "Abuse limits"): one
-- row per accepted request of a kind (bucket), the address kept only as a keyed hash
-- (domain/identity/rate_limit.c). Rows older than a day are pruned as new ones arrive.
CREATE TABLE public_hits (
    bucket TEXT NOT NULL,      -- complaint, vote, rating, verify …
    client TEXT NOT NULL,      -- keyed hash of the address (identity/secret.h)
    at     INTEGER NOT NULL    -- epoch ms
);
CREATE INDEX public_hits_client ON public_hits(bucket, client, at);

-- Requests an hour from one address, per bucket.
INSERT INTO settings(key, value) VALUES ('public_limit_complaint_per_hour', '5');
INSERT INTO settings(key, value) VALUES ('public_limit_vote_per_hour', '30');
INSERT INTO settings(key, value) VALUES ('public_limit_rating_per_hour', '10');
INSERT INTO settings(key, value) VALUES ('public_limit_verify_per_hour', '6');
INSERT INTO settings(key, value) VALUES ('public_limit_proposal_per_hour', '5');
INSERT INTO settings(key, value) VALUES ('public_limit_track_per_hour', '30');
