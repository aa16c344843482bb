package io.pulseboard.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * The one JSON convention of the settings files (profiles.json, preferences.json): Optionals,
 * absent values left out, indented for a human, and unknown keys ignored so that an older version
 * reads a newer file.
 */
final class SettingsJson {

    private SettingsJson() {}

    /** @return a new mapper with that convention */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
