package io.pulseboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The app's packages: no cycles, views reach the pipeline and the stack only through sessions, and
 * settings and probes stay free of the UI. Imports the app's own main classes only (the module's
 * {@code target/classes}), not pipeline-core's or local-stack's, nor the tests.
 */
class AppLayeringTest {

    private static final JavaClasses APP = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.pulseboard.(**)").should().beFreeOfCycles().check(APP);
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pulseboard")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pulseboard")
                .check(APP);
    }

    @Test
    void viewsReachThePipelineAndTheStackOnlyThroughSessions() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pulseboard.runtime..",
                        "io.pulseboard.stack..",
                        "io.pulseboard.sink..",
                        "io.pulseboard.topology..",
                        "io.pulseboard.produce..",
                        "io.pulseboard.generate..",
                        "io.pulseboard.service..")
                .because("views read the feed's snapshots and the session's history store; only sessions "
                        + "start and reach the pipeline and the local stack")
                .check(APP);
    }

    @Test
    void sessionsNeverReachUpIntoTheUiOrTheCommands() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.pulseboard.ui..", "io.pulseboard.cli..", "io.pulseboard.bench..", "javafx..")
                .check(APP);
    }

    @Test
    void viewsNeverUseTheCommandLineOrTheBenchmarks() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.pulseboard.cli..", "io.pulseboard.bench..")
                .check(APP);
    }

    @Test
    void settingsAndProbesStayFreeOfTheUi() {
        noClasses()
                .that()
                .resideInAnyPackage("io.pulseboard.settings..", "io.pulseboard.probe..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..", "eu.hansolo..", "org.controlsfx..", "org.kordamp.ikonli..", "io.pulseboard.ui..")
                .check(APP);
    }
}
