package io.pulseboard.session;

import io.pulseboard.settings.ConnectionProfile;

/** What the user chose on the first screen. */
public sealed interface SessionChoice {

    /** Start the local stack, the topology and the generator on this machine. */
    record LocalDemo() implements SessionChoice {}

    /**
     * Connect to a remote Kafka (and optionally Redis and PostgreSQL) with a saved profile.
     *
     * @param password the SASL password, empty when the profile needs none; never logged
     */
    record Remote(ConnectionProfile profile, String password, String postgresPassword) implements SessionChoice {
        /** A remote choice without a PostgreSQL password. */
        public Remote(ConnectionProfile profile, String password) {
            this(profile, password, "");
        }

        @Override
        public String toString() {
            return "Remote[" + profile.name() + "]";
        }
    }
}
