package io.swapflex.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules (docs/architecture.md): which module may use which, what the service's shared plumbing may see,
 * and no package cycles. It lives here because the command line's test class path holds every module's main code
 * (the tests of the modules are not imported).
 *
 * <pre>
 *   cli ──► tools ──► service ──► studies ──► optimizer ──► datasets
 *    │        │                      └──────► forecasting ─► datasets
 *    │        └─────► testkit ──────────────► optimizer
 *    └─────────────────────────────► studies
 * </pre>
 * (the service's tests use the test kit too, in test scope).
 */
@AnalyzeClasses(packages = "io.swapflex", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The modules, each by the packages it holds, and who may use each. */
    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.swapflex..")
            .layer("datasets").definedBy("io.swapflex.datasets..")
            .layer("forecasting").definedBy("io.swapflex.forecasting..")
            .layer("optimizer").definedBy("io.swapflex.optimizer..")
            .layer("studies").definedBy("io.swapflex.studies..", "io.swapflex.simulation..", "io.swapflex.cluster..",
                    "io.swapflex.planning..")
            .layer("service").definedBy("io.swapflex.service..")
            .layer("testkit").definedBy("io.swapflex.testkit..")
            .layer("tools").definedBy("io.swapflex.tools..")
            .layer("cli").definedBy("io.swapflex.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("service").mayOnlyBeAccessedByLayers("tools", "cli")
            .whereLayer("testkit").mayOnlyBeAccessedByLayers("tools", "cli")
            .whereLayer("studies").mayOnlyBeAccessedByLayers("service", "tools", "cli")
            .whereLayer("optimizer").mayOnlyBeAccessedByLayers("studies", "service", "testkit", "tools", "cli")
            .whereLayer("forecasting").mayOnlyBeAccessedByLayers("studies", "service", "tools", "cli")
            .whereLayer("datasets").mayOnlyBeAccessedByLayers("forecasting", "optimizer", "studies", "service", "testkit",
                    "tools", "cli");

    /** No package takes part in an import cycle, within a module or across. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.swapflex.(**)").should().beFreeOfCycles();

    /** The service's shared plumbing (jdbc, security) knows no feature. */
    @ArchTest
    static final ArchRule commonKnowsNoFeature = noClasses().that().resideInAPackage("io.swapflex.service.common..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swapflex.service.station..",
                    "io.swapflex.service.plan..", "io.swapflex.service.dispatch..", "io.swapflex.service.flex..",
                    "io.swapflex.service.forecast..", "io.swapflex.service.whatif..", "io.swapflex.service.fleet..",
                    "io.swapflex.service.ocpp..", "io.swapflex.service.openadr..", "io.swapflex.service.rest..",
                    "io.swapflex.service.config..");

    /** Features reach each other through their services, never through the REST edge or the wiring. */
    @ArchTest
    static final ArchRule featuresDoNotUseTheEdgeOrTheWiring = noClasses().that()
            .resideOutsideOfPackages("io.swapflex.service.rest..", "io.swapflex.service.config..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swapflex.service.rest..",
                    "io.swapflex.service.config..");
}
