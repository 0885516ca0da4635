package io.jwire.testing;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects what jwire logs (through {@link System.Logger}'s default {@code java.util.logging}
 * backend) for tests that assert on it: the records of one logger ({@code io.jwire} and below by
 * default) that match a filter, from any thread, in order.
 *
 * <p>Per test, as a JUnit extension (attached before each test, detached after):
 * <pre>{@code
 * @RegisterExtension
 * final LogCapture log = LogCapture.warnings("is stalled");
 * ...
 * assertEquals(1, log.messages().size());
 * }</pre>
 * or around a block: {@code try (LogCapture log = LogCapture.warnings("did not end").start()) { ... }}.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final Logger logger; // held strongly while the handler is attached
    private final Predicate<LogRecord> filter;
    private final Level loggerLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (filter.test(r)) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level savedLevel;

    private LogCapture(String loggerName, Predicate<LogRecord> filter, Level loggerLevel) {
        this.logger = Logger.getLogger(loggerName);
        this.filter = filter;
        this.loggerLevel = loggerLevel;
    }

    /** Records at {@code WARNING} or above whose message contains {@code text}, from {@code io.jwire}. */
    public static LogCapture warnings(String text) {
        return new LogCapture("io.jwire", r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                && r.getMessage() != null && r.getMessage().contains(text), null);
    }

    /**
     * Records of logger {@code loggerName} (and its children) that match {@code filter}, with the
     * logger's level set to {@code loggerLevel} while attached (null leaves it as it is; pass
     * {@link Level#ALL} to see {@code DEBUG} records).
     */
    public static LogCapture matching(String loggerName, Level loggerLevel, Predicate<LogRecord> filter) {
        return new LogCapture(loggerName, filter, loggerLevel);
    }

    /** Attaches the capture; returns this, for try-with-resources. */
    public LogCapture start() {
        if (loggerLevel != null) {
            savedLevel = logger.getLevel();
            logger.setLevel(loggerLevel);
        }
        logger.addHandler(handler);
        return this;
    }

    /** Detaches the capture and restores the logger's level; what was captured stays readable. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        if (loggerLevel != null) {
            logger.setLevel(savedLevel);
        }
    }

    /** The matching records so far, live, in the order they were logged. */
    public List<LogRecord> records() {
        return records;
    }

    /** The matching records' messages, a live read-only view of {@link #records()}. */
    public List<String> messages() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return records.get(index).getMessage();
            }

            @Override
            public int size() {
                return records.size();
            }
        };
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
