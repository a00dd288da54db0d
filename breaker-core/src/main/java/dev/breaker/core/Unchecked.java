package dev.breaker.core;

/** Rethrows what a checked call throws without wrapping it. */
final class Unchecked {

    private Unchecked() {
    }

    static <T> T get(CheckedSupplier<T> call) {
        try {
            return call.get();
        }
        catch (Throwable ex) {
            throw Unchecked.<RuntimeException>sneaky(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable ex) throws E {
        throw (E) ex;
    }
}
