package io.swapflex.service.common.jobs;

/** Too many jobs or writes of a kind waiting: the caller may try again when some have run (429 with Retry-After). */
public final class BusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public BusyException(String message) {
        this(message, 5);
    }

    /** @param retryAfterSeconds when to try again (the Retry-After header) */
    public BusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
