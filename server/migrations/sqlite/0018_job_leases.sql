-- Periodic jobs (the 30-second tick, the daily purge) run on one instance at a time: an instance
-- claims a job for a lease and renews it at each run while it lives; when the lease runs out
-- (the instance died or stopped), the next instance to ask takes the job over. The jobs are
-- idempotent, so one cut short by a death runs again whole.
CREATE TABLE job_leases (
    name   TEXT    PRIMARY KEY,
    holder TEXT    NOT NULL,
    until  INTEGER NOT NULL
);
