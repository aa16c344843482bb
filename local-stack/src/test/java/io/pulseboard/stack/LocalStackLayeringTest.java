package io.pulseboard.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * local-stack's layering: it only brings servers up and hands back endpoints, so it knows nothing of
 * pipeline-core or the app, and its providers (kafka, redis, clickhouse) stand side by side on the
 * shared classes of {@code io.pulseboard.stack}; only the assemblers there know the providers.
 */
class LocalStackLayeringTest {
    private static final String BASE = "io.pulseboard.stack";

    /** The classes of {@code io.pulseboard.stack} that assemble the providers into a stack. */
    private static final Set<String> ASSEMBLERS = Set.of("EmbeddedStack", "LocalStackFactory");

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
        slices().matching(BASE + ".(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void hasNoCycleBetweenTheSharedClassesTheProvidersAndTheAssemblers() {
        slices().assignedFrom(new Layers()).should().beFreeOfCycles().check(classes);
    }

    /**
     * Each provider package is a slice; {@code io.pulseboard.stack} itself is two, its assemblers and
     * the shared rest (endpoints, progress, exceptions, the child-process plumbing), because the
     * providers use the shared classes and the assemblers use the providers.
     */
    private static final class Layers implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.startsWith(BASE + ".")) {
                return SliceIdentifier.of(pkg.substring(BASE.length() + 1).split("\\.")[0]);
            }
            if (pkg.equals(BASE)) {
                String topLevel =
                        javaClass.getName().substring(BASE.length() + 1).split("\\$")[0];
                return SliceIdentifier.of(ASSEMBLERS.contains(topLevel) ? "assemblers" : "shared");
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the providers, the shared classes and the assemblers of " + BASE;
        }
    }
}
