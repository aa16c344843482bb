package io.pulseboard.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses a {@code PULSEBOARD_*} environment variable that no key and no launcher setting reads, so
 * a misspelt variable fails at start instead of being silently ignored.
 */
final class EnvironmentNames {

    static final String PREFIX = "PULSEBOARD_";

    /**
     * Variables the launcher script, the logging config and the app read that are not keys (see
     * AppDirectories.DATA_HOME_ENV, logback.xml and the {@code pulseboard} script).
     */
    static final Set<String> OTHER_VARIABLES =
            Set.of("PULSEBOARD_DATA_HOME", "PULSEBOARD_LOG", "PULSEBOARD_CDS", "PULSEBOARD_JAVA_OPTS");

    private EnvironmentNames() {}

    /**
     * @param environment the variables, usually {@code System.getenv()}
     * @param keys every known key
     * @throws ConfigException naming the first unknown variable (in name order) and the closest known one
     */
    static void check(Map<String, String> environment, Collection<String> keys) {
        Set<String> known = new TreeSet<>(OTHER_VARIABLES);
        keys.forEach(key -> known.add(ConfigLoader.envName(key)));
        new TreeSet<>(environment.keySet())
                .stream()
                        .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
                        .findFirst()
                        .ifPresent(name -> {
                            throw new ConfigException(message(name, known));
                        });
    }

    private static String message(String name, Set<String> known) {
        String clientVariable = ConfigLoader.envName(ConfigLoader.CLIENT_PREFIX);
        if (name.startsWith(clientVariable)) {
            return "Environment variable " + name + " is not read: Kafka client properties ("
                    + ConfigLoader.CLIENT_PREFIX + "*) come from the config file or the command line only. Set it"
                    + " with --config FILE or -D " + ConfigLoader.CLIENT_PREFIX + "<property>=VALUE, and unset "
                    + name + ".";
        }
        String suggestion = closest(name, known)
                .map(variable -> " Did you mean " + variable + "?")
                .orElse("");
        return "Unknown environment variable " + name + ": no pulseboard.* key reads it." + suggestion
                + " A key's variable is the key upper-cased with dots and dashes as underscores"
                + " (pulseboard.generator.rate is PULSEBOARD_GENERATOR_RATE; the keys are listed in the README);"
                + " the launcher also reads " + String.join(", ", new TreeSet<>(OTHER_VARIABLES))
                + ". Rename or unset " + name + ".";
    }

    /** The known variable nearest by edit distance, if it is near enough to be a likely typo. */
    private static Optional<String> closest(String name, Set<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String variable) -> distance(name, variable))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(variable -> distance(name, variable) <= Math.max(2, name.length() / 4));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
