package io.pulseboard.session;

/** A part of a session that a user sees starting, one row each on the start-up screen. */
public enum SessionPart {
    KAFKA("Kafka"),
    REDIS("Redis"),
    POSTGRES("PostgreSQL"),
    HISTORY("History"),
    TOPOLOGY("Topology"),
    GENERATOR("Generator");

    private final String label;

    SessionPart(String label) {
        this.label = label;
    }

    /** @return the name shown to the user, e.g. {@code "Kafka"}; never null */
    public String label() {
        return label;
    }
}
