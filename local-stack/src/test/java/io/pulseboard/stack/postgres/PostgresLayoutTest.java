package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresLayoutTest {
    private static final Path ROOT_BASE = Path.of("/var/lib/pulseboard");

    @Test
    void aNormalUserKeepsEverythingUnderTheConfiguredDirectory() {
        PostgresLayout layout = PostgresLayout.forUser(Path.of("/home/ann/.local/share/pulseboard/postgres"));

        assertThat(layout.asRoot()).isFalse();
        assertThat(layout.baseDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres"));
        assertThat(layout.clusterDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres/data"));
        assertThat(layout.initdbDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres/data.initdb"));
        assertThat(layout.bundleRoot()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres/bin"));
        assertThat(layout.passwordFile())
                .isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres/postgres.password"));
        assertThat(layout.consoleLog()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/postgres/postgres.log"));
    }

    @Test
    void rootPutsTheClusterUnderVarLibNamedByTheHashOfTheConfiguredDirectory() {
        // printf '%s' /root/.local/share/pulseboard/postgres | sha256sum | cut -c1-12
        PostgresLayout layout = PostgresLayout.forRoot(Path.of("/root/.local/share/pulseboard/postgres"), ROOT_BASE);

        assertThat(layout.asRoot()).isTrue();
        assertThat(layout.baseDir()).isEqualTo(Path.of("/var/lib/pulseboard/postgres-93156bd4d704"));
        assertThat(layout.clusterDir()).isEqualTo(Path.of("/var/lib/pulseboard/postgres-93156bd4d704/data"));
        assertThat(layout.initdbPasswordFile())
                .isEqualTo(Path.of("/var/lib/pulseboard/postgres-93156bd4d704/initdb.pwfile"));
        assertThat(layout.bundleRoot()).isEqualTo(Path.of("/var/lib/pulseboard/bin"));
        // What this JVM writes stays with the configured directory.
        assertThat(layout.passwordFile())
                .isEqualTo(Path.of("/root/.local/share/pulseboard/postgres/postgres.password"));
        assertThat(layout.consoleLog()).isEqualTo(Path.of("/root/.local/share/pulseboard/postgres/postgres.log"));
    }

    @Test
    void eachConfiguredDirectoryGetsItsOwnClusterAndOneDirectoryAlwaysTheSame() {
        Path relative = Path.of("build", "..", "postgres");
        Path absolute = relative.toAbsolutePath().normalize();

        assertThat(PostgresLayout.forRoot(relative, ROOT_BASE).clusterDir())
                .isEqualTo(PostgresLayout.forRoot(absolute, ROOT_BASE).clusterDir());
        assertThat(PostgresLayout.forRoot(Path.of("/tmp/junit-1/postgres"), ROOT_BASE)
                        .baseDir())
                .isNotEqualTo(PostgresLayout.forRoot(Path.of("/tmp/junit-2/postgres"), ROOT_BASE)
                        .baseDir());
        assertThat(PostgresLayout.hash(Path.of("/home/ann/.local/share/pulseboard/postgres")))
                .isEqualTo("92f3e28162d9");
    }
}
