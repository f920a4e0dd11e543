package io.swapflex.service.common.jobs;

/** Too many jobs of a kind waiting: the caller may try again when some have run (429). */
public final class BusyException extends RuntimeException {
    public BusyException(String message) {
        super(message);
    }
}
