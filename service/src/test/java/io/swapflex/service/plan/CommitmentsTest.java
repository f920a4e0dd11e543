package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitmentsTest {

    private static DispatchRequest find(Problem p, String id) {
        return p.requests().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void operatorRequestsAddUpOnTopOfTheFirmRequestsBeneath() {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Problem registered = new Problem(demo.formatVersion(), demo.stationId(), demo.horizon(), demo.site(),
                demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(),
                List.of(new DispatchRequest("reg-firm", 2, 6, 0.3, 1.0, true),
                        new DispatchRequest("reg-offer", 0, 8, 1.5, 9.0, false)), demo.unservedSwapPenalty());
        Problem a = Commitments.addOnTop(registered, "dr-a", 0, 4, 0.2, 4.0, true);
        assertEquals(0.2, find(a, "dr-a").exportKw(), 1e-12, "slots 0–1: nothing firm beneath (an offer is not)");
        assertEquals(2, find(a, "dr-a").toSlot());
        assertEquals(0.5, find(a, "dr-a@2").exportKw(), 1e-12, "slots 2–3: on top of reg-firm's 0.3");
        assertEquals(4.0 * 0.2 / 0.5, find(a, "dr-a@2").rewardPerKwh(), 1e-12, "pays the request's own reward only");
        Problem b = Commitments.addOnTop(a, "dr-b", 3, 5, 0.1, 0.0, false);
        assertEquals(0.6, find(b, "dr-b").exportKw(), 1e-12, "slot 3: 0.3 + 0.2 firm beneath");
        assertFalse(find(b, "dr-b").isFirm());
        assertEquals(0.4, find(b, "dr-b@4").exportKw(), 1e-12, "slot 4: 0.3 firm beneath");
        assertEquals(List.of("dr-b", "dr-b@4"), Commitments.runs(b, "dr-b"));
        assertEquals(0.5, Commitments.firmLevel(b, 3), 1e-12, "an offer is no firm level");
        assertTrue(ProblemValidator.errors(b).isEmpty(), () -> ProblemValidator.errors(b).toString());
    }
}
