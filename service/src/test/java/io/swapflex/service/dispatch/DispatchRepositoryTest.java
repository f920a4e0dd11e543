package io.swapflex.service.dispatch;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;
import io.swapflex.service.plan.ActiveDispatch;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.TestPlanning;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accepted dispatch requests are stored, survive a restart, and every re-plan includes them until their window passes. */
class DispatchRepositoryTest implements SurvivesRestart {

    private static final Clock CLOCK = TestPlanning.DEMO_MORNING;

    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        String id = demo.stationId();
        {
            Jdbc jdbc = new Jdbc(first.get());
            new StationService(new StationRepository(jdbc), CLOCK, (s, r) -> { }).register(demo, null);
            DispatchRepository repository = new DispatchRepository(jdbc);
            repository.insert(new StoredDispatch("dr-one", Instant.parse("2026-11-26T05:00:00Z"),
                    Instant.parse("2026-11-26T07:00:00Z"), 0.8, 3.5, false, "dev-operator", CLOCK.instant(),
                    List.of(new StoredDispatch.Allocation(id, 0.8, 2, 12.5))));
            repository.insert(new StoredDispatch("dr-past", Instant.parse("2026-11-26T01:00:00Z"),
                    Instant.parse("2026-11-26T03:00:00Z"), 0.5, 0, true, "dev-admin", CLOCK.instant(),
                    List.of(new StoredDispatch.Allocation(id, 0.5, 1, 0))));
        }
        Jdbc jdbc = new Jdbc(again.get());
        DispatchRepository repository = new DispatchRepository(jdbc);
        StoredDispatch one = repository.find("dr-one").orElseThrow();
        assertEquals(Instant.parse("2026-11-26T05:00:00Z"), one.from());
        assertEquals(0.8, one.exportKw());
        assertEquals(3.5, one.rewardPerKwh());
        assertEquals(false, one.firm());
        assertEquals(List.of(new StoredDispatch.Allocation(id, 0.8, 2, 12.5)), one.allocations());
        assertEquals("UPCOMING", one.phase(CLOCK.instant()));
        assertEquals(2, repository.list(id).size());
        assertEquals(0, repository.list("another-station").size());
        List<ActiveDispatch> active = repository.active(id, CLOCK.instant());
        assertEquals(List.of(new ActiveDispatch("dr-one", one.from(), one.to(), 0.8, 3.5)), active);

        StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (s, r) -> { });
        PlanningService planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                PlanningService.Inputs.defaults().dispatches(repository::active));
        StoredPlan plan = planning.planNow(id, "test");
        DispatchRequest request = plan.problem().requests().stream().filter(r -> r.id().equals("dr-one"))
                .findFirst().orElseThrow();
        assertEquals(2, request.fromSlot());
        assertEquals(4, request.toSlot());
        assertTrue(request.isFirm(), "an accepted request is planned as firm");
        assertTrue(plan.problem().requests().stream().noneMatch(r -> r.id().equals("dr-past")));
        assertTrue(PlanChecker.check(plan.problem(), plan.plan()).hardRulesMet());
    }
}
