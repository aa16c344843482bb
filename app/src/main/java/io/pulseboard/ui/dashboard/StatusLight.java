package io.pulseboard.ui.dashboard;

/** The state of one part of the stack, as a colour and a short text. */
public record StatusLight(Level level, String text) {

    public enum Level {
        OK,
        WARNING,
        FAILED,
        OFF
    }

    public static StatusLight off(String text) {
        return new StatusLight(Level.OFF, text);
    }
}
