package io.swapflex.service.station;

/** An unknown id in a request (answered 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
