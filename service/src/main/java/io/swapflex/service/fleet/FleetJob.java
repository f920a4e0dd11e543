package io.swapflex.service.fleet;

import io.swapflex.service.common.jobs.JobState;

import java.time.Instant;

/** A fleet plan job as stored: who asked, when, how far it got. */
public record FleetJob(String id, JobState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                       String createdBy, String fleetId, int stationCount, long timeLimitMillis, String error) {
}
