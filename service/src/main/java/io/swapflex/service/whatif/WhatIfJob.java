package io.swapflex.service.whatif;

import io.swapflex.service.common.jobs.JobState;

import java.time.Instant;

/**
 * A what-if job as stored.
 *
 * @param stationId     the station the base came from, or the inline problem's station id
 * @param baseSource    {@code station} (the station's problem at submission) or {@code inline}
 * @param scenarioCount scenarios including the base (scenario 0)
 * @param done          scenarios solved (or failed) so far
 * @param error         why the job failed, or null
 */
public record WhatIfJob(String id, JobState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                        String createdBy, String stationId, String baseSource, int scenarioCount, int done,
                        String error) {
}
