-- SwapFlex service schema, version 5: fleet plans. Portable SQL (H2 and PostgreSQL). (Version 4 is another change's.)

-- A fleet job: a fleet problem (stations, feeders, fleet requests) planned in the background.
-- state: QUEUED, RUNNING, DONE or FAILED. A job found QUEUED or RUNNING at start-up is queued again (and planned anew).
-- figures: the fleet plan without its station plans (total, bound, gap, the fleet's rows), once DONE.
CREATE TABLE fleet_job (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    state            VARCHAR(20)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    created_by       VARCHAR(200)             NOT NULL,
    fleet_id         VARCHAR(200)             NOT NULL,
    station_count    INTEGER                  NOT NULL,
    time_limit_ms    BIGINT                   NOT NULL,
    problem          TEXT                     NOT NULL,
    figures          TEXT,
    error            TEXT
);
CREATE INDEX fleet_job_state ON fleet_job (state, created_at);

-- Each station's contract-v1 plan of a DONE fleet job, in the order of the fleet problem.
CREATE TABLE fleet_station_plan (
    job_id           VARCHAR(64)              NOT NULL REFERENCES fleet_job (id),
    position         INTEGER                  NOT NULL,
    station_id       VARCHAR(200)             NOT NULL,
    plan             TEXT                     NOT NULL,
    PRIMARY KEY (job_id, position)
);
CREATE INDEX fleet_station_plan_station ON fleet_station_plan (job_id, station_id);
