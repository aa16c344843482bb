package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriPasswordsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "redis://:s3cret@127.0.0.1:6379|redis://:***@127.0.0.1:6379",
                "rediss://user:s3cret@cache:6380/0|rediss://user:***@cache:6380/0",
                "redis://s3cret@cache:6379|redis://***@cache:6379",
                "http://u:secret@h:1|http://u:***@h:1",
                "pulseboard.redis.uri is 'http://u:secret@h:1': use redis://host:port|"
                        + "pulseboard.redis.uri is 'http://u:***@h:1': use redis://host:port",
                "redis://:p@ss/w:rd@host:1 and redis://:x@y:2|redis://:***@host:1 and redis://:***@y:2",
                "u:secret@kafka1:9092,v:other@kafka2:9092|u:***@kafka1:9092,v:***@kafka2:9092",
                "value 'u:secret@kafka:9092' from -D|value 'u:***@kafka:9092' from -D",
                "value 'jdbc:postgresql://db/pb?password=hunter2' from -D|value 'jdbc:postgresql://db/pb?password=***' from -D",
                "jdbc:postgresql://db/pb?user=a&Password=h&ssl=true|jdbc:postgresql://db/pb?user=a&Password=***&ssl=true",
            })
    void hidesEveryPasswordAndKeepsTheRest(String text, String shown) {
        assertThat(UriPasswords.mask(text)).isEqualTo(shown);
        assertThat(UriPasswords.mask(shown)).as("masking twice changes nothing").isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "redis://127.0.0.1:6379",
                "Unable to connect to 127.0.0.1/<unresolved>:6379",
                "kafka1:9092,kafka2:9092",
                "io.pulseboard.Thing@5e2de80c at 13:34:17",
                "mail me: someone@example.com",
                "http://[::1]:8123/?query=1",
            })
    void leavesTextWithoutCredentialsAlone(String text) {
        assertThat(UriPasswords.mask(text)).isEqualTo(text);
    }
}
