package com.example.shop;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A downstream failed; web callers get {@code 502 Bad Gateway}. */
@ResponseStatus(HttpStatus.BAD_GATEWAY)
public class DownstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DownstreamException(String message) {
        super(message);
    }

}
