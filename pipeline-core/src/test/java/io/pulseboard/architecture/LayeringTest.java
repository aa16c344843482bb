package io.pulseboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** pipeline-core's layering: headless, topology pure, no dependency on the local stack. */
class LayeringTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                    "io.pulseboard.config",
                    "io.pulseboard.event",
                    "io.pulseboard.serde",
                    "io.pulseboard.topic",
                    "io.pulseboard.topology",
                    "io.pulseboard.produce",
                    "io.pulseboard.generate",
                    "io.pulseboard.runtime",
                    "io.pulseboard.service");

    @Test
    void neverUsesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(core);
    }

    @Test
    void neverDependsOnTheLocalStack() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pulseboard.stack..")
                .check(core);
    }

    @Test
    void keepsTheTopologyFreeOfRuntimeAndProducers() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.topology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pulseboard.runtime..",
                        "io.pulseboard.produce..",
                        "io.pulseboard.service..",
                        "org.apache.kafka.clients.producer..",
                        "org.apache.kafka.clients.admin..")
                .check(core);
    }

    @Test
    void keepsEventsFreeOfKafka() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.event..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(core);
    }
}
