package dev.breaker.sample.downstream;

/** A downstream call that answered an error status or could not be made. */
public class DownstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DownstreamException(String message) {
        super(message);
    }

    public DownstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
