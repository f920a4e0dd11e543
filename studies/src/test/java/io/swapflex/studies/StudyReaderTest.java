package io.swapflex.studies;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.studies.whatif.Scenarios;
import io.swapflex.studies.whatif.WhatIfRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyReaderTest {

    static final Path STUDIES = Path.of("..", "datasets", "src", "main", "resources", "examples", "studies");

    private static List<String> errors(String json) {
        InvalidProblemException e = assertThrows(InvalidProblemException.class,
                () -> StudyReader.read(json, STUDIES, "test"));
        return e.errors();
    }

    private static void assertError(String json, String expected) {
        List<String> errors = errors(json);
        assertTrue(errors.stream().anyMatch(m -> m.contains(expected)), () -> "no '" + expected + "' in " + errors);
    }

    @Test
    void theExampleStationStudyIsReadWithTheBaseFirstAndTheFilesOrder() throws Exception {
        Study study = StudyReader.read(STUDIES.resolve("thai-2w-12-whatif.json"));
        assertEquals(8, study.runs().size());
        assertEquals("base", study.runs().get(0).name());
        assertEquals("import prices x1.3", study.runs().get(1).name());
        for (int i = 0; i < study.runs().size(); i++) {
            assertEquals(i, study.runs().get(i).index());
            assertNotNull(study.runs().get(i).station());
        }
        assertEquals("auto", study.runs().get(0).solver());
        assertEquals(3000, study.runs().get(0).timeLimit().toMillis());
        assertEquals(Study.PLAN, study.mode());
        assertNotNull(study.request(), "a station study is also the service's POST body");
        assertEquals(7, study.request().scenarios().size());
    }

    /** Every scenario's problem is the service's own Scenarios.apply of the same variations. */
    @Test
    void scenariosAreAppliedByTheSharedScenarios() throws Exception {
        Study study = StudyReader.read(STUDIES.resolve("thai-2w-12-whatif.json"));
        Problem base = ContractJson.readProblem(Examples.json("thai-2w-12"));
        for (int i = 1; i < study.runs().size(); i++) {
            WhatIfRequest.Scenario s = study.request().scenarios().get(i - 1);
            List<String> errors = new ArrayList<>();
            Problem expected = Scenarios.apply(base, s, "x", errors);
            assertTrue(errors.isEmpty(), errors::toString);
            assertEquals(ContractJson.write(expected), ContractJson.write(study.runs().get(i).station()),
                    study.runs().get(i).name());
        }
        Problem scaled = study.runs().get(1).station();
        assertEquals(1.3 * base.tariff().importPricePerKwh()[40], scaled.tariff().importPricePerKwh()[40], 1e-12);
        assertEquals(16, study.runs().get(4).station().bays().size());
        assertEquals(12.0, study.runs().get(5).station().site().gridImportLimitKw());
    }

    @Test
    void fleetScenariosScaleEveryStationAndTheFleetsOwnRows() throws Exception {
        Study study = StudyReader.read(STUDIES.resolve("fleet-4-whatif.json"));
        assertTrue(study.fleet());
        assertNull(study.request(), "the service's what-if jobs take one station");
        FleetProblem base = study.runs().get(0).fleet();
        FleetProblem prices = study.runs().get(1).fleet();
        for (int s = 0; s < base.stations().size(); s++) {
            double[] before = base.stations().get(s).tariff().importPricePerKwh();
            double[] after = prices.stations().get(s).tariff().importPricePerKwh();
            for (int t = 0; t < before.length; t++) {
                assertEquals(1.3 * before[t], after[t], 1e-12);
            }
        }
        FleetProblem feeders = study.runs().get(3).fleet();
        assertEquals(0.8 * base.feeders().get(0).importLimitKw(), feeders.feeders().get(0).importLimitKw(), 1e-12);
        FleetProblem request = study.runs().get(4).fleet();
        assertEquals(1.5 * base.dispatchRequests().get(0).exportKw(),
                request.dispatchRequests().get(0).exportKw(), 1e-12);
        assertArrayEquals(base.stations().get(0).tariff().importPricePerKwh(),
                request.stations().get(0).tariff().importPricePerKwh());
    }

    @Test
    void badFilesAreRefusedWithTheFieldNamed() {
        String ok = "\"example\": \"thai-2w-12\"";
        assertError("{" + ok + ", \"scenario\": []}", "unknown field 'scenario'");
        assertError("{\"example\": \"thai-2w-12\", \"problemFile\": \"x.json\", \"scenarios\": [{\"name\": \"a\"}]}",
                "$ needs one base, has example and problemFile");
        assertError("{\"scenarios\": [{\"name\": \"a\"}]}", "$ needs one base, has none");
        assertError("{\"example\": \"nowhere\", \"scenarios\": [{\"name\": \"a\"}]}",
                "example: unknown example 'nowhere'");
        assertError("{\"problemFile\": \"missing.json\", \"scenarios\": [{\"name\": \"a\"}]}",
                "problemFile: cannot read");
        assertError("{" + ok + "}", "scenarios is required");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"demandScale\": \"lots\"}]}",
                "scenarios[0].demandScale");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"demandScale\": -1}]}",
                "scenarios[0].demandScale must be ≥ 0, is -1");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"bays\": 3}]}",
                "scenarios[0]: unknown field 'bays'");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
                "scenarios[1].name 'a' is used by another scenario");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"base\"}]}", "scenarios[0].name 'base' is the base");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"feederLimitScale\": 0.5}]}",
                "scenarios[0].feederLimitScale applies to a fleet base only");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"addBays\": [{\"packType\": \"VAN\", "
                + "\"count\": 2, \"soc\": 0.5}]}]}", "scenarios[0].addBays[0].packType 'VAN' is not a pack type");
        assertError("{" + ok + ", \"solver\": \"magic\", \"scenarios\": [{\"name\": \"a\"}]}",
                "solver 'magic' is unknown");
        assertError("{" + ok + ", \"timeLimit\": \"soon\", \"scenarios\": [{\"name\": \"a\"}]}",
                "timeLimit 'soon' is not a duration");
        assertError("{" + ok + ", \"scenarios\": [{\"name\": \"a\", \"timeLimit\": \"20m\"}]}",
                "scenarios[0].timeLimit must be in (0, PT10M], is 20m");
        assertError("{" + ok + ", \"mode\": \"simulate\", \"scenarios\": [{\"name\": \"a\"}]}",
                "mode 'simulate' studies are read by SimulatedStudy");
        assertError("{\"fleetFile\": \"fleet-4.json\", \"scenarios\": [{\"name\": \"a\", \"fleetRequestScale\": 0}]}",
                "scenarios[0].fleetRequestScale must be > 0");
        assertError("{\"problem\": {\"formatVersion\": 1}, \"scenarios\": [{\"name\": \"a\"}]}", "problem.");
        assertError("{\"example\": ", "not valid JSON");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        List<String> errors = errors("{\"example\": \"thai-2w-12\", \"solver\": \"magic\", \"scenarios\": ["
                + "{\"name\": \"a\", \"importPriceScale\": -2}, {\"name\": \"b\", \"exportLimitKw\": -1}]}");
        assertEquals(3, errors.size(), errors::toString);
    }
}
