package io.pulseboard.log;

import org.slf4j.LoggerFactory;

/** Test program: logs {@code args[0]} at INFO through logback's {@code logback.xml}, and exits. */
public final class LogOneLine {

    private LogOneLine() {}

    public static void main(String[] args) {
        LoggerFactory.getLogger(LogOneLine.class).info(args[0]);
    }
}
