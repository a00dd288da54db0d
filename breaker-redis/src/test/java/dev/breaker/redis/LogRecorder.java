package dev.breaker.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the store logs (System.Logger goes to java.util.logging by default). */
final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger(RedisStateStore.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogRecorder() {
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** @return the messages logged at the level, with their parameters filled in */
    List<String> messages(Level level) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
