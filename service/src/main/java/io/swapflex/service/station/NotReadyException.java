package io.swapflex.service.station;

/** Something that exists but is not ready yet, such as the first plan of a station just registered (answered 503). */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
