package dev.breaker.spring.aop;

/** How a protected method delivers its outcome, which decides when the outcome is recorded. */
enum ReturnKind {

    /** A value, or {@code void}: when the method returns or throws. */
    VALUE,

    /** A {@code CompletionStage} or {@code CompletableFuture}: when the stage completes. */
    STAGE,

    /** A Reactor {@code Mono}: when it terminates, per subscription. */
    MONO,

    /** A Reactor {@code Flux}: when it terminates, per subscription. */
    FLUX
}
