package io.swapflex.service.station;

/** A request that contradicts the current state: a stale version, a pack into an occupied bay (answered 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
