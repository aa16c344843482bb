package io.pulseboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pulseboard.runtime.PipelineRuntime;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * pipeline-core's layering, over every one of its packages: no cycles between them, no arrow from a
 * lower package up, headless, topology pure, no dependency on the local stack.
 */
class LayeringTest {

    /** pipeline-core's top-level packages (under {@code io.pulseboard}), roughly lowest first. */
    private static final List<String> PACKAGES = List.of(
            "config",
            "event",
            "serde",
            "topic",
            "reference",
            "alert",
            "topology",
            "produce",
            "generate",
            "history",
            "feed",
            "postgres",
            "sink",
            "runtime",
            "service");

    /** The packages that hold plain data and its encoding; they use nothing above them. */
    private static final String[] LOW = {"config", "event", "serde", "topic", "reference", "alert"};

    private static final JavaClasses core = importMainClasses();

    /**
     * pipeline-core's own main classes, from the directory (or jar) they were loaded from: the test
     * classpath also holds local-stack and the test classes, which must not be swept in.
     */
    private static JavaClasses importMainClasses() {
        try {
            Path classes = Path.of(PipelineRuntime.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return new ClassFileImporter().importPath(classes);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate pipeline-core's classes", e);
        }
    }

    @Test
    void coversEveryPackageOfPipelineCoreAndNothingElse() {
        Set<String> found = core.stream()
                .map(JavaClass::getPackageName)
                .map(LayeringTest::topLevel)
                .collect(Collectors.toCollection(java.util.TreeSet::new));

        assertThat(found)
                .as("every top-level package has a place in PACKAGES and the rules below")
                .containsExactlyInAnyOrderElementsOf(PACKAGES);
    }

    @Test
    void hasNoCyclesBetweenItsPackages() {
        slices().matching("io.pulseboard.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void keepsConfigEventSerdeAndTopicsFreeOfEverythingAbove() {
        for (String low : LOW) {
            assertUsesNone(
                    low,
                    "topology",
                    "produce",
                    "generate",
                    "history",
                    "feed",
                    "postgres",
                    "sink",
                    "runtime",
                    "service");
        }
    }

    @Test
    void keepsConfigPlainRecordsOwningNoNativeResource() {
        assertUsesNone("config", "event", "serde", "topic");
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.rocksdb..", "org.duckdb..")
                .check(core);
    }

    @Test
    void keepsTheTopologyFreeOfRuntimeSinksAndProducers() {
        assertUsesNone("topology", "runtime", "sink", "produce", "generate", "service", "history", "feed", "postgres");
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.topology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka.clients.producer..", "org.apache.kafka.clients.admin..")
                .check(core);
    }

    @Test
    void keepsProducerAndGeneratorFreeOfTheTopologySinksAndRuntime() {
        assertUsesNone("produce", "generate", "topology", "history", "feed", "sink", "runtime", "service");
        assertUsesNone("generate", "topology", "history", "feed", "sink", "runtime", "service");
    }

    @Test
    void keepsHistoryStoresFreeOfSinksFeedAndRuntime() {
        assertUsesNone("history", "sink", "feed", "runtime", "service", "topology", "produce", "generate");
    }

    @Test
    void keepsTheFeedFreeOfWhatPublishesIt() {
        assertUsesNone("feed", "runtime", "service", "sink", "history", "topology", "produce", "generate");
    }

    @Test
    void keepsThePostgresReaderFreeOfTheTopologySinksAndRuntime() {
        assertUsesNone("postgres", "topology", "sink", "runtime", "service", "history", "produce", "generate");
    }

    @Test
    void keepsSinksFreeOfRuntimeAndService() {
        assertUsesNone("sink", "runtime", "service");
    }

    @Test
    void letsNothingButTheServiceUseTheService() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pulseboard.service..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pulseboard.service..")
                .check(core);
    }

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
    void keepsEventsFreeOfKafka() {
        noClasses()
                .that()
                .resideInAPackage("io.pulseboard.event..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(core);
    }

    /** No class of {@code io.pulseboard.<from>..} uses one of {@code io.pulseboard.<to>..}. */
    private static void assertUsesNone(String from, String... to) {
        noClasses()
                .that()
                .resideInAPackage(pattern(from))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(Arrays.stream(to).map(LayeringTest::pattern).toArray(String[]::new))
                .check(core);
    }

    private static String pattern(String topLevel) {
        if (!PACKAGES.contains(topLevel)) {
            throw new IllegalArgumentException(topLevel + " is not a package of pipeline-core: " + PACKAGES);
        }
        return "io.pulseboard." + topLevel + "..";
    }

    /** {@code io.pulseboard.sink.redis} -> {@code sink}; a class outside io.pulseboard keeps its package. */
    private static String topLevel(String packageName) {
        if (!packageName.startsWith("io.pulseboard.")) {
            return packageName;
        }
        String rest = packageName.substring("io.pulseboard.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
