package io.pulseboard.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pulseboard.stack.embedded.EmbeddedStack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * local-stack's layering: it only brings servers up and hands back endpoints, so it knows nothing of
 * pipeline-core or the app. Its providers (kafka, redis, clickhouse, postgres) stand side by side on the shared
 * classes of {@code io.pulseboard.stack} (endpoints, progress, the child-process plumbing); the
 * assemblers above them ({@code embedded}, {@code factory}) know the providers; no package cycle.
 */
class LocalStackLayeringTest {
    private static final String BASE = "io.pulseboard.stack";

    /** One package per way of running one server. */
    private static final List<String> PROVIDERS = List.of("kafka", "redis", "clickhouse", "postgres");

    // This module's production classes only: the test classes and other modules' classes stay out.
    private final JavaClasses classes = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void importedThisModulesClasses() {
        // Guards against a rule passing vacuously because the working directory was not the module's.
        assertThat(classes.contain(EmbeddedStack.class)).isTrue();
    }

    @Test
    void neverDependsOnPipelineCoreOrTheAppOrJavaFx() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pulseboard.config..",
                        "io.pulseboard.event..",
                        "io.pulseboard.serde..",
                        "io.pulseboard.topic..",
                        "io.pulseboard.topology..",
                        "io.pulseboard.produce..",
                        "io.pulseboard.sink..",
                        "io.pulseboard.runtime..",
                        "io.pulseboard.service..",
                        "io.pulseboard.history..",
                        "io.pulseboard.generate..",
                        "io.pulseboard.feed..",
                        "io.pulseboard.session..",
                        "io.pulseboard.ui..",
                        "io.pulseboard.cli..",
                        "io.pulseboard.bench..",
                        "javafx..")
                .check(classes);
    }

    @Test
    void providersNeverDependOnEachOther() {
        for (String provider : PROVIDERS) {
            noClasses()
                    .that()
                    .resideInAPackage(BASE + "." + provider + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(PROVIDERS.stream()
                            .filter(other -> !other.equals(provider))
                            .map(other -> BASE + "." + other + "..")
                            .toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void sharedClassesNeverDependOnTheProvidersOrTheAssemblers() {
        noClasses()
                .that()
                .resideInAPackage(BASE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".*..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.pulseboard.(**)").should().beFreeOfCycles().check(classes);
    }
}
