package io.swapflex.service.fleet;

import java.time.Instant;

/** A fleet plan job as stored: who asked, when, how far it got. */
public record FleetJob(String id, State state, Instant createdAt, Instant startedAt, Instant finishedAt,
                       String createdBy, String fleetId, int stationCount, long timeLimitMillis, String error) {

    public enum State { QUEUED, RUNNING, DONE, FAILED }
}
