package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.plan.StoredPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.swapflex.service.standards.StandardSchemas.assertValidOcpp;
import static io.swapflex.service.standards.StandardSchemas.ocppErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans → OCPP charging profiles, without the container: schema-valid, and commanding the plan's power. */
class OcppChargingProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every example station, and each again with a firm evening export that makes the plan discharge. */
    static Stream<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (String name : Examples.names()) {
            Problem p = ContractJson.readProblem(Examples.json(name));
            out.add(p);
            out.add(withFirmExport(p));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("problems")
    void theProfilesValidateAndCommandThePlansPowerInEverySlot(Problem problem) {
        StoredPlan stored = planned(problem, 7);
        for (OcppVersion version : OcppVersion.values()) {
            ChargingProfileSet set = ChargingProfiles.of(stored, bayIds(problem), version);
            assertEquals(problem.bays().size(), set.profiles().size(), "one profile per bay");
            for (int b = 0; b < problem.bays().size(); b++) {
                JsonNode request = JSON.valueToTree(set.profiles().get(b));
                assertValidOcpp(version.label(), "SetChargingProfileRequest", request);
                if (version == OcppVersion.V2_0_1) { // charge-only: a 2.1 charger takes it as well
                    assertValidOcpp("2.1", "SetChargingProfileRequest", request);
                }
                assertEquals(b + 1, request.get("evseId").asInt());
                assertEquals(problem.bays().get(b).id(), set.evses().get(b).bayId());
                double[] powerKw = stored.plan().bays().get(b).powerKw();
                double[] watts = commandedWatts(request, problem.horizon().slotMinutes() * 60, powerKw.length);
                for (int t = 0; t < powerKw.length; t++) {
                    double expected = version == OcppVersion.V2_1 ? powerKw[t] * 1000 : Math.max(0, powerKw[t]) * 1000;
                    assertEquals(expected, watts[t], 1.0, problem.stationId() + " " + version.label() + " bay "
                            + problem.bays().get(b).id() + " slot " + t);
                }
            }
        }
    }

    @Test
    void aDischargingPlanIsCentralSetpointIn21AndLeftOutOf201WithTheEnergySaid() {
        Problem problem = withFirmExport(ContractJson.readProblem(Examples.json("demo-3bay-hourly")));
        StoredPlan stored = planned(problem, 3);
        double dischargedKwh = 0;
        for (BaySchedule bay : stored.plan().bays()) {
            for (double p : bay.powerKw()) {
                dischargedKwh += Math.max(0, -p) * problem.slotHours();
            }
        }
        assertTrue(dischargedKwh > 0, "the firm export makes the plan discharge");

        ChargingProfileSet v21 = ChargingProfiles.of(stored, bayIds(problem), OcppVersion.V2_1);
        assertFalse(v21.dischargeOmitted());
        assertEquals(0, v21.omittedDischargeKwh());
        List<SetChargingProfile.Period> setpoints = v21.profiles().stream()
                .flatMap(r -> r.chargingProfile().chargingSchedule().get(0).chargingSchedulePeriod().stream())
                .filter(p -> "CentralSetpoint".equals(p.operationMode())).toList();
        assertFalse(setpoints.isEmpty());
        for (SetChargingProfile.Period p : setpoints) {
            assertTrue(p.setpoint() < 0 && p.dischargeLimit() <= 0 && p.setpoint().equals(p.dischargeLimit()), p::toString);
        }

        ChargingProfileSet v201 = ChargingProfiles.of(stored, bayIds(problem), OcppVersion.V2_0_1);
        assertTrue(v201.dischargeOmitted());
        assertEquals(dischargedKwh, v201.omittedDischargeKwh(), 1e-6);
        assertTrue(v201.profiles().stream()
                .flatMap(r -> r.chargingProfile().chargingSchedule().get(0).chargingSchedulePeriod().stream())
                .allMatch(p -> p.limit() >= 0 && p.operationMode() == null && p.setpoint() == null));
    }

    /** The 2.0.1 schema must refuse what only 2.1 has: this is what makes the charge-only profile necessary. */
    @Test
    void a21DischargeProfileFailsThe201Schema() {
        Problem problem = withFirmExport(ContractJson.readProblem(Examples.json("demo-3bay-hourly")));
        ChargingProfileSet v21 = ChargingProfiles.of(planned(problem, 3), bayIds(problem), OcppVersion.V2_1);
        JsonNode discharging = v21.profiles().stream().map(r -> (JsonNode) JSON.valueToTree(r))
                .filter(n -> n.toString().contains("CentralSetpoint")).findFirst().orElseThrow();
        assertValidOcpp("2.1", "SetChargingProfileRequest", discharging);
        List<String> errors = ocppErrors("2.0.1", "SetChargingProfileRequest", discharging);
        assertFalse(errors.isEmpty(), "a 2.1 discharge profile must not pass the 2.0.1 schema");
        assertTrue(errors.stream().anyMatch(e -> e.contains("operationMode") || e.contains("setpoint")), errors::toString);
    }

    /** The validator is not a rubber stamp: a positive dischargeLimit and a missing schedule fail the 2.1 schema. */
    @Test
    void theSchemaCatchesABrokenProfile() {
        Problem problem = withFirmExport(ContractJson.readProblem(Examples.json("demo-3bay-hourly")));
        ChargingProfileSet v21 = ChargingProfiles.of(planned(problem, 3), bayIds(problem), OcppVersion.V2_1);
        ObjectNode broken = JSON.valueToTree(v21.profiles().get(0));
        ((ObjectNode) broken.at("/chargingProfile/chargingSchedule/0/chargingSchedulePeriod/0"))
                .put("dischargeLimit", 500.0);
        assertFalse(ocppErrors("2.1", "SetChargingProfileRequest", broken).isEmpty());
        ObjectNode noSchedule = JSON.valueToTree(v21.profiles().get(0));
        ((ObjectNode) noSchedule.get("chargingProfile")).remove("chargingSchedule");
        assertFalse(ocppErrors("2.1", "SetChargingProfileRequest", noSchedule).isEmpty());
    }

    @Test
    void equalSlotsMergeIntoOnePeriodAndEmptyBaysIdle() {
        double[] kw = {0.8, 0.8, 0, 0, -0.5, -0.5, -0.4, 0.8};
        List<SetChargingProfile.Period> v21 = ChargingProfiles.periods(kw, 900, OcppVersion.V2_1);
        assertEquals(List.of(
                new SetChargingProfile.Period(0, 800.0, null, null, null),
                new SetChargingProfile.Period(1800, 0.0, "Idle", null, null),
                new SetChargingProfile.Period(3600, null, "CentralSetpoint", -500.0, -500.0),
                new SetChargingProfile.Period(5400, null, "CentralSetpoint", -400.0, -400.0),
                new SetChargingProfile.Period(6300, 800.0, null, null, null)), v21);
        List<SetChargingProfile.Period> v201 = ChargingProfiles.periods(kw, 900, OcppVersion.V2_0_1);
        assertEquals(List.of(
                new SetChargingProfile.Period(0, 800.0, null, null, null),
                new SetChargingProfile.Period(1800, 0.0, null, null, null),
                new SetChargingProfile.Period(6300, 800.0, null, null, null)), v201);

        Problem problem = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        List<String> withEmpty = new ArrayList<>(bayIds(problem));
        withEmpty.add("bay-empty");
        ChargingProfileSet set = ChargingProfiles.of(planned(problem, 3), withEmpty, OcppVersion.V2_1);
        ChargingProfileSet.Evse empty = set.evses().get(3);
        assertEquals(4, empty.evseId());
        assertFalse(empty.planned());
        assertEquals(List.of(new SetChargingProfile.Period(0, 0.0, "Idle", null, null)),
                set.profiles().get(3).chargingProfile().chargingSchedule().get(0).chargingSchedulePeriod());
    }

    @Test
    void profileIdsAreStablePerStationAndBayAndTheScheduleIdIsThePlanVersion() {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        ChargingProfileSet v3 = ChargingProfiles.of(planned(problem, 3), bayIds(problem), OcppVersion.V2_1);
        ChargingProfileSet v7 = ChargingProfiles.of(planned(problem, 7), bayIds(problem), OcppVersion.V2_1);
        List<Integer> ids = v3.evses().stream().map(ChargingProfileSet.Evse::profileId).toList();
        assertEquals(ids, v7.evses().stream().map(ChargingProfileSet.Evse::profileId).toList());
        assertEquals(ids.size(), ids.stream().distinct().count(), "distinct within the station");
        assertNotEquals(ids, ChargingProfiles.profileIds("another-station", bayIds(problem)));
        assertEquals(7, v7.profiles().get(0).chargingProfile().chargingSchedule().get(0).id());
        assertEquals("TxDefaultProfile", v7.profiles().get(0).chargingProfile().chargingProfilePurpose());
        assertEquals(problem.horizon().startTime().toInstant().toString(), v7.startSchedule());
        assertEquals(problem.slots() * problem.horizon().slotMinutes() * 60, v7.duration());
    }

    /**
     * The example profile set of the issue note: thai-2w-12 (the firm-export variant, so 2.1 has discharge setpoints)
     * in both versions, written to target/ocpp-examples/ after validating every profile: the 2.1 set against the 2.1
     * schema, the 2.0.1 set against both.
     */
    @Test
    void writesTheExampleProfileSets() throws Exception {
        Problem problem = withFirmExport(ContractJson.readProblem(Examples.json("thai-2w-12")));
        StoredPlan stored = planned(problem, 1);
        Path dir = Path.of("target", "ocpp-examples");
        Files.createDirectories(dir);
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (OcppVersion version : OcppVersion.values()) {
            ChargingProfileSet set = ChargingProfiles.of(stored, bayIds(problem), version);
            for (SetChargingProfile.Request r : set.profiles()) {
                assertValidOcpp(version.label(), "SetChargingProfileRequest", JSON.valueToTree(r));
                if (version == OcppVersion.V2_0_1) {
                    assertValidOcpp("2.1", "SetChargingProfileRequest", JSON.valueToTree(r));
                }
            }
            Files.writeString(dir.resolve("thai-2w-12-profiles-" + version.label() + ".json"),
                    pretty.writeValueAsString(set));
        }
        Files.writeString(dir.resolve("thai-2w-12-plan.json"), ContractJson.write(stored.plan()));
    }

    /**
     * What a charging station does with a profile, read from the JSON alone (independent of the code that wrote it):
     * per slot, the period in force (greatest startPeriod ≤ the slot's start); CentralSetpoint → its setpoint, Idle →
     * 0, otherwise (ChargingOnly) → its limit.
     */
    static double[] commandedWatts(JsonNode request, int slotSeconds, int slots) {
        JsonNode schedule = request.at("/chargingProfile/chargingSchedule/0");
        JsonNode periods = schedule.get("chargingSchedulePeriod");
        double[] out = new double[slots];
        for (int t = 0; t < slots; t++) {
            JsonNode inForce = null;
            for (JsonNode p : periods) {
                if (p.get("startPeriod").asInt() <= t * slotSeconds) {
                    inForce = p;
                }
            }
            String mode = inForce.path("operationMode").asText("ChargingOnly");
            out[t] = switch (mode) {
                case "CentralSetpoint" -> inForce.get("setpoint").asDouble();
                case "Idle" -> 0;
                default -> inForce.get("limit").asDouble();
            };
        }
        assertTrue(schedule.get("duration").asInt() >= slots * slotSeconds);
        return out;
    }

    /** Solved with the rule of thumb (milliseconds, deterministic), checked by the plan checker. */
    static StoredPlan planned(Problem problem, long version) {
        Plan plan = Schedulers.byName("greedy").solve(problem, SolveOptions.defaults().withTimeLimit(Duration.ofSeconds(5)));
        assertTrue(PlanChecker.check(problem, plan).hardRulesMet(), () -> PlanChecker.check(problem, plan).summary());
        return new StoredPlan(problem.stationId(), version, 1, "test", Instant.parse("2026-11-26T00:00:00Z"), problem, plan);
    }

    static List<String> bayIds(Problem problem) {
        return problem.bays().stream().map(Bay::id).toList();
    }

    /** The problem with a firm export request over the last quarter of its horizon (the plan must discharge). */
    static Problem withFirmExport(Problem p) {
        int n = p.slots();
        List<DispatchRequest> requests = new ArrayList<>(p.requests());
        requests.add(new DispatchRequest("ocpp-test-export", n - n / 4, n - n / 4 + Math.max(1, n / 12),
                0.5, 5.0, true));
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), requests, p.unservedSwapPenalty());
    }
}
