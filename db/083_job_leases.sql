-- Periodic jobs run once across several `shian serve` instances on one database (issue: several instances):
-- a job's round is led by the instance that holds its lease, taken with one UPDATE when the lease ran out or
-- is already its own (src/jobs/lease.c), the row added by the first taker. holder: host, process id and start time of
-- the instance; expires_at: platform clock, epoch ms, 0 when released (a server that stops hands the next round on).
CREATE TABLE job_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
