package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.studies.CsvReport;
import io.swapflex.studies.Outcome;
import io.swapflex.studies.Study;
import io.swapflex.studies.StudyReader;
import io.swapflex.studies.StudyRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three embedded members on 127.0.0.1 in this JVM (free ports, a cluster name of its own) run a small station study
 * (the 12-bay example, a base and three scenarios, the deterministic flow scheduler on a 300 ms budget): the CSV is the
 * single-machine run's to the byte, every plan too (but its wall time), and the scenarios ran on more than one member.
 */
@Timeout(180)
class ClusterStudyRunnerTest {

    private static final String STUDY = """
            {"name": "cluster", "example": "thai-2w-12", "solver": "flow", "timeLimit": "300ms", "scenarios": [
              {"name": "import prices x1.3", "importPriceScale": 1.3},
              {"name": "demand x1.25, 4 more bays", "demandScale": 1.25,
               "addBays": [{"packType": "2W-1.8", "count": 4, "soc": 0.6}]},
              {"name": "export limit 0", "exportLimitKw": 0}
            ]}""";

    private static List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        long start = System.nanoTime();
        members = ClusterMembers.startLocal(3, "swapflex-test-" + UUID.randomUUID(), 1, Duration.ofSeconds(60));
        System.out.printf("3 members up in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopMembers() {
        ClusterMembers.shutdown(members);
    }

    @Test
    void theClusterGivesTheSingleMachineResults() {
        Study study = StudyReader.read(STUDY, Path.of("."), "cluster");
        long t0 = System.nanoTime();
        List<Outcome> alone = StudyRunner.run(study, 1, (done, total, o) -> { });
        long t1 = System.nanoTime();
        List<Integer> told = new ArrayList<>();
        ClusterStudyRunner.Result spread = ClusterStudyRunner.run(members.get(0), study, 1,
                (done, total, o) -> told.add(o.run().index()));
        long t2 = System.nanoTime();
        System.out.printf("one machine, 1 thread: %.2f s; 3 members: %.2f s; ran on %s%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, spread.members());

        assertEquals(List.of(0, 1, 2, 3), told.stream().sorted().toList());
        assertEquals(CsvReport.write(study, alone), CsvReport.write(study, spread.outcomes()));
        for (int i = 0; i < alone.size(); i++) {
            Outcome o = spread.outcomes().get(i);
            assertEquals(i, o.run().index());
            assertNull(o.error());
            assertTrue(o.feasible(), () -> o.run().name() + ": " + o.findings());
            assertEquals(withoutWallTime(alone.get(i).planJson()), withoutWallTime(o.planJson()));
        }
        Set<String> used = new HashSet<>(spread.members());
        assertTrue(used.size() > 1, "the scenarios ran on " + used);
    }

    private static String withoutWallTime(String planJson) {
        return planJson.replaceAll("\"solveMillis\" : \\d+", "");
    }
}
