package io.swapflex.service.common.jobs;

/** Where a background job is: waiting, running, or finished (DONE, or FAILED with its error). */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED;

    /** QUEUED or RUNNING: a job a stop interrupts and the next start queues again. */
    public boolean unfinished() {
        return this == QUEUED || this == RUNNING;
    }
}
