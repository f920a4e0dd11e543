-- SwapFlex service schema, version 4: OpenADR 3 events from the grid operator. Portable SQL (H2 and PostgreSQL).
-- An event is stored when at least one of its payloads was applied to a station (a wholly declined event changes
-- nothing). body: the OpenADR 3.0.1 event as stored (the sender's, with the VTN-assigned id, createdDateTime and
-- modificationDateTime); outcome: what each targeted station made of each payload (JSON).
CREATE TABLE openadr_event (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    program_id       VARCHAR(128)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(200)             NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    body             TEXT                     NOT NULL,
    outcome          TEXT                     NOT NULL
);
CREATE INDEX openadr_event_created ON openadr_event (created_at);

-- The stations an event targets.
CREATE TABLE openadr_event_station (
    event_id         VARCHAR(64)              NOT NULL REFERENCES openadr_event (id),
    station_id       VARCHAR(200)             NOT NULL REFERENCES station (id),
    PRIMARY KEY (event_id, station_id)
);
CREATE INDEX openadr_event_station_station ON openadr_event_station (station_id, event_id);

-- The price and limit overrides an event put on a station, each over its absolute window: every re-plan of the
-- station applies those whose window ends after the plan's start (kind: IMPORT_PRICE, EXPORT_PRICE, IMPORT_LIMIT,
-- EXPORT_LIMIT; signal_value: per kWh in the station's currency, or kW). Dispatch setpoints are dispatch requests
-- (version 2's tables).
CREATE TABLE openadr_signal (
    event_id         VARCHAR(64)              NOT NULL,
    station_id       VARCHAR(200)             NOT NULL,
    position         INTEGER                  NOT NULL,
    kind             VARCHAR(20)              NOT NULL,
    window_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    signal_value     DOUBLE PRECISION         NOT NULL,
    PRIMARY KEY (event_id, station_id, position),
    FOREIGN KEY (event_id, station_id) REFERENCES openadr_event_station (event_id, station_id)
);
CREATE INDEX openadr_signal_station ON openadr_signal (station_id, window_to);
