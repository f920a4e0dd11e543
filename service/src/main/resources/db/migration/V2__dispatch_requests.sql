-- SwapFlex service schema, version 2: the grid operator's dispatch requests. Portable SQL (H2 and PostgreSQL).
-- Only accepted requests are stored (a declined one changes nothing). A request keeps its absolute window; every
-- re-plan of a station it was allocated to includes it (as a firm request of the allocated kW) until the window has
-- passed.
CREATE TABLE dispatch_request (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    window_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    export_kw        DOUBLE PRECISION         NOT NULL,
    reward_per_kwh   DOUBLE PRECISION         NOT NULL,
    firm             BOOLEAN                  NOT NULL,
    requested_by     VARCHAR(200)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The share of a request each station delivers, and the plan version that first met it.
CREATE TABLE dispatch_allocation (
    request_id       VARCHAR(64)              NOT NULL REFERENCES dispatch_request (id),
    station_id       VARCHAR(200)             NOT NULL REFERENCES station (id),
    export_kw        DOUBLE PRECISION         NOT NULL,
    plan_version     BIGINT                   NOT NULL,
    cost_increase    DOUBLE PRECISION         NOT NULL,
    PRIMARY KEY (request_id, station_id)
);
CREATE INDEX dispatch_allocation_station ON dispatch_allocation (station_id, request_id);
CREATE INDEX dispatch_request_window ON dispatch_request (window_to);
