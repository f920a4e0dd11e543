-- SwapFlex service schema, version 3: what-if studies and uploaded forecasts. Portable SQL (H2 and PostgreSQL).
-- (Version 2 is another change's.) Documents are JSON text: contract-v1 problems and plans as the API speaks them.

-- A what-if job: a base problem (a station's problem at submission, or an inline one) and its named scenarios.
-- state: QUEUED, RUNNING, DONE or FAILED. A job found QUEUED or RUNNING at start-up is queued again and goes on with
-- the scenarios that have no plan yet.
CREATE TABLE whatif_job (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    state            VARCHAR(20)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    created_by       VARCHAR(200)             NOT NULL,
    station_id       VARCHAR(200),
    base_source      VARCHAR(20)              NOT NULL,
    scenario_count   INTEGER                  NOT NULL,
    error            TEXT
);
CREATE INDEX whatif_job_state ON whatif_job (state, created_at);

-- One scenario of a job (position 0 is the base): its variations as submitted, the problem they make, the solver
-- settings, and once solved its contract-v1 plan (or the error that stopped its solve).
CREATE TABLE whatif_scenario (
    job_id           VARCHAR(64)              NOT NULL REFERENCES whatif_job (id),
    position         INTEGER                  NOT NULL,
    name             VARCHAR(100)             NOT NULL,
    variations       TEXT                     NOT NULL,
    solver           VARCHAR(40)              NOT NULL,
    time_limit_ms    BIGINT                   NOT NULL,
    gap_target       DOUBLE PRECISION         NOT NULL,
    problem          TEXT                     NOT NULL,
    plan             TEXT,
    error            TEXT,
    solved_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, position)
);

-- Every forecast uploaded (or computed) for a station; the newest is the one planning uses while it fits the
-- registration. body: swap demand per pack type and/or import/export prices and/or base load, per profile slot.
CREATE TABLE station_forecast (
    station_id       VARCHAR(200)             NOT NULL REFERENCES station (id),
    version          BIGINT                   NOT NULL,
    revision         BIGINT                   NOT NULL,
    source           VARCHAR(20)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(200)             NOT NULL,
    body             TEXT                     NOT NULL,
    PRIMARY KEY (station_id, version)
);
