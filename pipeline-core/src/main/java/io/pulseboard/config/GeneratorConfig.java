package io.pulseboard.config;

/**
 * The demo event generator.
 *
 * @param eventsPerSecond target rate of all events (sales and customer events together)
 * @param seed the same seed gives the same events
 * @param customers size of the simulated customer base
 */
public record GeneratorConfig(int eventsPerSecond, long seed, int customers) {
    public GeneratorConfig {
        if (eventsPerSecond < 1) {
            throw new ConfigException(
                    "pulseboard.generator.rate is " + eventsPerSecond + ": use 1 or more events per second");
        }
        if (customers < 1) {
            throw new ConfigException("pulseboard.generator.customers is " + customers + ": use 1 or more");
        }
    }
}
