package io.swapflex.optimizer.contract;

import io.swapflex.optimizer.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule of {@link ProblemValidator}: a valid problem has no error; breaking one field yields exactly the one error
 * that names its JSON path; breaking several fields yields all their errors at once.
 */
class ProblemValidatorTest {

    private static final String START = "2026-11-26T00:00:00+07:00";

    /** packTypes[1] of the valid problem: band [0.1, 1.0], ready at 0.9, returned at 0.2. */
    private static final PackType B = Problems.pack("B", 1.6, 0.8, 0.8, 0.95, 0.1, 1.0, 0.9, 0.2, 0.4);

    /**
     * A valid problem of 3 hourly slots with two pack types A and B, bays bay-1 (A) and bay-2 (B), a base load, a
     * demand row per type and one firm dispatch request dr-1 over slots [1, 3).
     */
    private static Problem valid() {
        return new Problems.Builder(3, 60)
                .pack(Problems.simplePack("A"))
                .pack(B)
                .bay("bay-1", "A", 0.5)
                .bay("bay-2", "B", 0.5)
                .limits(10, 8)
                .maxActive(2)
                .baseLoad(0.5, 0.5, 0.5)
                .prices(new double[]{3, 4, 5}, new double[]{2, 2, 2})
                .demand("A", 0, 1, 0)
                .demand("B", 0, 0, 1)
                .request("dr-1", 1, 3, 1.0, 6.0, true)
                .penalty(200)
                .build();
    }

    /** The valid problem taken apart into mutable pieces, so that a test changes one field and rebuilds. */
    private static final class Parts {
        Integer formatVersion;
        String stationId;
        Horizon horizon;
        Site site;
        List<PackType> packTypes;
        List<Bay> bays;
        Map<String, int[]> swapDemand;
        Tariff tariff;
        List<DispatchRequest> dispatchRequests;
        Double unservedSwapPenalty;

        Parts(Problem p) {
            formatVersion = p.formatVersion();
            stationId = p.stationId();
            horizon = p.horizon();
            site = p.site();
            packTypes = new ArrayList<>(p.packTypes());
            bays = new ArrayList<>(p.bays());
            swapDemand = new LinkedHashMap<>(p.swapDemand());
            tariff = p.tariff();
            dispatchRequests = new ArrayList<>(p.dispatchRequests());
            unservedSwapPenalty = p.unservedSwapPenalty();
        }

        Problem build() {
            return new Problem(formatVersion, stationId, horizon, site, packTypes, bays, swapDemand, tariff,
                    dispatchRequests, unservedSwapPenalty);
        }

        /** Removes every reference to pack type B (its bay and its demand row), for tests that break B itself. */
        void dropUsesOfB() {
            bays.remove(1);
            swapDemand.remove("B");
        }
    }

    private static Problem change(Consumer<Parts> change) {
        Parts parts = new Parts(valid());
        change.accept(parts);
        return parts.build();
    }

    private static Horizon horizon(String start, Integer slotMinutes, Integer slots) {
        return new Horizon(start, slotMinutes, slots);
    }

    private static Site site(Double importKw, Double exportKw, Integer maxActive, double[] baseLoad) {
        return new Site(importKw, exportKw, maxActive, baseLoad);
    }

    /** Pack type B with one field replaced. */
    private static PackType b(String field, Double value) {
        return new PackType(B.id(),
                field.equals("capacityKwh") ? value : B.capacityKwh(),
                field.equals("maxChargeKw") ? value : B.maxChargeKw(),
                field.equals("maxDischargeKw") ? value : B.maxDischargeKw(),
                field.equals("chargeEfficiency") ? value : B.chargeEfficiency(),
                field.equals("dischargeEfficiency") ? value : B.dischargeEfficiency(),
                field.equals("minSoc") ? value : B.minSoc(),
                field.equals("maxSoc") ? value : B.maxSoc(),
                field.equals("swapReadySoc") ? value : B.swapReadySoc(),
                field.equals("returnSoc") ? value : B.returnSoc(),
                field.equals("degradationCostPerKwh") ? value : B.degradationCostPerKwh());
    }

    private static Consumer<Parts> packB(String field, Double value) {
        return p -> p.packTypes.set(1, b(field, value));
    }

    private static Consumer<Parts> packB(PackType type) {
        return p -> p.packTypes.set(1, type);
    }

    private static Consumer<Parts> bay1(Bay bay) {
        return p -> p.bays.set(1, bay);
    }

    private static Consumer<Parts> request0(DispatchRequest request) {
        return p -> p.dispatchRequests.set(0, request);
    }

    private static DispatchRequest request(String id, Integer from, Integer to, Double kw, Double reward, Boolean firm) {
        return new DispatchRequest(id, from, to, kw, reward, firm);
    }

    private static Arguments rule(String expectedError, Consumer<Parts> change) {
        return Arguments.of(expectedError, change);
    }

    static Stream<Arguments> singleRuleBroken() {
        return Stream.of(
                // formatVersion, stationId
                rule("formatVersion is required (1)", p -> p.formatVersion = null),
                rule("formatVersion is 2, this engine reads format 1", p -> p.formatVersion = 2),
                rule("stationId is required", p -> p.stationId = null),
                rule("stationId is required", p -> p.stationId = "  "),

                // horizon
                rule("horizon is required", p -> p.horizon = null),
                rule("horizon.start is required (RFC 3339 with offset, e.g. 2026-11-26T00:00:00+07:00)",
                        p -> p.horizon = horizon(null, 60, 3)),
                rule("horizon.start '2026-11-26T00:00:00' is not an RFC 3339 time with offset",
                        p -> p.horizon = horizon("2026-11-26T00:00:00", 60, 3)),
                rule("horizon.start 'tomorrow' is not an RFC 3339 time with offset",
                        p -> p.horizon = horizon("tomorrow", 60, 3)),
                rule("horizon.slotMinutes is required", p -> p.horizon = horizon(START, null, 3)),
                rule("horizon.slotMinutes must be in [1, 1440], is 0", p -> p.horizon = horizon(START, 0, 3)),
                rule("horizon.slotMinutes must be in [1, 1440], is 1441", p -> p.horizon = horizon(START, 1441, 3)),
                rule("horizon.slots is required", p -> p.horizon = horizon(START, 60, null)),
                rule("horizon.slots must be in [1, 105120], is 0", p -> p.horizon = horizon(START, 60, 0)),
                rule("horizon.slots is 105121, at most 105120 allowed (swapflex.limits.max-slots)", p -> p.horizon = horizon(START, 60, 105_121)),

                // site
                rule("site is required", p -> p.site = null),
                rule("site.gridImportLimitKw is required",
                        p -> p.site = site(null, 8.0, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.gridImportLimitKw must be ≥ 0, is -10.0",
                        p -> p.site = site(-10.0, 8.0, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.gridImportLimitKw must be a finite number, is Infinity",
                        p -> p.site = site(Double.POSITIVE_INFINITY, 8.0, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.gridExportLimitKw is required",
                        p -> p.site = site(10.0, null, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.gridExportLimitKw must be ≥ 0, is -8.0",
                        p -> p.site = site(10.0, -8.0, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.gridExportLimitKw must be a finite number, is NaN",
                        p -> p.site = site(10.0, Double.NaN, 2, new double[]{0.5, 0.5, 0.5})),
                rule("site.maxActiveBays must be ≥ 0, is -1",
                        p -> p.site = site(10.0, 8.0, -1, new double[]{0.5, 0.5, 0.5})),
                rule("site.baseLoadKw has 2 values, horizon has 3 slots",
                        p -> p.site = site(10.0, 8.0, 2, new double[]{0.5, 0.5})),
                rule("site.baseLoadKw[1] must be ≥ 0, is -0.5",
                        p -> p.site = site(10.0, 8.0, 2, new double[]{0.5, -0.5, 0.5})),
                rule("site.baseLoadKw[2] must be a finite number, is NaN",
                        p -> p.site = site(10.0, 8.0, 2, new double[]{0.5, 0.5, Double.NaN})),

                // packTypes
                rule("packTypes needs at least one pack type", p -> {
                    p.packTypes = null;
                    p.bays.clear();
                    p.swapDemand.clear();
                }),
                rule("packTypes needs at least one pack type", p -> {
                    p.packTypes.clear();
                    p.bays.clear();
                    p.swapDemand.clear();
                }),
                rule("packTypes[1] is null", p -> {
                    p.packTypes.set(1, null);
                    p.dropUsesOfB();
                }),
                rule("packTypes[1].id is required", p -> {
                    p.packTypes.set(1, Problems.pack(" ", 1.6, 0.8, 0.8, 0.95, 0.1, 1.0, 0.9, 0.2, 0.4));
                    p.dropUsesOfB();
                }),
                rule("packTypes[1].id 'A' is used by another pack type", p -> {
                    p.packTypes.set(1, Problems.pack("A", 1.6, 0.8, 0.8, 0.95, 0.1, 1.0, 0.9, 0.2, 0.4));
                    p.dropUsesOfB();
                }),
                rule("packTypes[1].capacityKwh is required", packB("capacityKwh", null)),
                rule("packTypes[1].capacityKwh must be a finite number > 0, is 0.0", packB("capacityKwh", 0.0)),
                rule("packTypes[1].capacityKwh must be a finite number > 0, is -1.6", packB("capacityKwh", -1.6)),
                rule("packTypes[1].capacityKwh must be a finite number > 0, is NaN", packB("capacityKwh", Double.NaN)),
                rule("packTypes[1].capacityKwh must be a finite number > 0, is Infinity",
                        packB("capacityKwh", Double.POSITIVE_INFINITY)),
                rule("packTypes[1].maxChargeKw is required", packB("maxChargeKw", null)),
                rule("packTypes[1].maxChargeKw must be ≥ 0, is -0.8", packB("maxChargeKw", -0.8)),
                rule("packTypes[1].maxDischargeKw is required", packB("maxDischargeKw", null)),
                rule("packTypes[1].maxDischargeKw must be ≥ 0, is -0.8", packB("maxDischargeKw", -0.8)),
                rule("packTypes[1].maxDischargeKw must be a finite number, is Infinity",
                        packB("maxDischargeKw", Double.POSITIVE_INFINITY)),
                rule("packTypes[1].chargeEfficiency is required", packB("chargeEfficiency", null)),
                rule("packTypes[1].chargeEfficiency must be in (0, 1], is 0.0", packB("chargeEfficiency", 0.0)),
                rule("packTypes[1].chargeEfficiency must be in (0, 1], is 1.2", packB("chargeEfficiency", 1.2)),
                rule("packTypes[1].chargeEfficiency must be in (0, 1], is -0.95", packB("chargeEfficiency", -0.95)),
                rule("packTypes[1].dischargeEfficiency is required", packB("dischargeEfficiency", null)),
                rule("packTypes[1].dischargeEfficiency must be in (0, 1], is 0.0", packB("dischargeEfficiency", 0.0)),
                rule("packTypes[1].dischargeEfficiency must be in (0, 1], is 1.2", packB("dischargeEfficiency", 1.2)),
                rule("packTypes[1].dischargeEfficiency must be in (0, 1], is NaN",
                        packB("dischargeEfficiency", Double.NaN)),
                rule("packTypes[1].minSoc is required", packB("minSoc", null)),
                rule("packTypes[1].minSoc must be in [0, 1], is -0.1", packB("minSoc", -0.1)),
                rule("packTypes[1].maxSoc is required", packB("maxSoc", null)),
                rule("packTypes[1].maxSoc must be in [0, 1], is 1.1", packB("maxSoc", 1.1)),
                rule("packTypes[1].swapReadySoc is required", packB("swapReadySoc", null)),
                rule("packTypes[1].swapReadySoc must be in [0, 1], is 1.5", packB("swapReadySoc", 1.5)),
                rule("packTypes[1].returnSoc is required", packB("returnSoc", null)),
                rule("packTypes[1].returnSoc must be in [0, 1], is -0.2", packB("returnSoc", -0.2)),
                rule("packTypes[1].returnSoc must be in [0, 1], is NaN", packB("returnSoc", Double.NaN)),
                rule("packTypes[1].minSoc must be < maxSoc (0.9 ≥ 0.5)",
                        packB(Problems.pack("B", 1.6, 0.8, 0.8, 0.95, 0.9, 0.5, 0.5, 0.2, 0.4))),
                rule("packTypes[1].minSoc must be < maxSoc (0.9 ≥ 0.9)",
                        packB(Problems.pack("B", 1.6, 0.8, 0.8, 0.95, 0.9, 0.9, 0.9, 0.2, 0.4))),
                rule("packTypes[1].swapReadySoc must be ≤ maxSoc (0.9 > 0.8): no pack could be charged to swap-ready",
                        packB("maxSoc", 0.8)),
                rule("packTypes[1].degradationCostPerKwh must be ≥ 0, is -0.4", packB("degradationCostPerKwh", -0.4)),

                // bays
                rule("bays is required (a list, may be empty)", p -> p.bays = null),
                rule("bays[1] is null", bay1(null)),
                rule("bays[1].id is required", bay1(new Bay(null, "B", 0.5))),
                rule("bays[1].id is required", bay1(new Bay("", "B", 0.5))),
                rule("bays[1].id 'bay-1' is used by another bay", bay1(new Bay("bay-1", "B", 0.5))),
                rule("bays[1].packType is required", bay1(new Bay("bay-2", null, 0.5))),
                rule("bays[1].packType 'C' is not a pack type of packTypes", bay1(new Bay("bay-2", "C", 0.5))),
                rule("bays[1].soc is required", bay1(new Bay("bay-2", "B", null))),
                rule("bays[1].soc must be in [0, 1], is 1.3", bay1(new Bay("bay-2", "B", 1.3))),
                rule("bays[1].soc must be in [0, 1], is -0.1", bay1(new Bay("bay-2", "B", -0.1))),

                // swapDemand
                rule("swapDemand.C 'C' is not a pack type of packTypes", p -> p.swapDemand.put("C", new int[3])),
                rule("swapDemand.B has 2 values, horizon has 3 slots", p -> p.swapDemand.put("B", new int[]{0, 1})),
                rule("swapDemand.B has 4 values, horizon has 3 slots", p -> p.swapDemand.put("B", new int[4])),
                rule("swapDemand.B[2] must be ≥ 0, is -1", p -> p.swapDemand.put("B", new int[]{0, 1, -1})),
                rule("swapDemand.B is null", p -> p.swapDemand.put("B", null)),

                // tariff
                rule("tariff is required", p -> p.tariff = null),
                rule("tariff.importPricePerKwh is required (one price per slot)",
                        p -> p.tariff = new Tariff("THB", null, new double[]{2, 2, 2})),
                rule("tariff.exportPricePerKwh is required (one price per slot)",
                        p -> p.tariff = new Tariff("THB", new double[]{3, 4, 5}, null)),
                rule("tariff.importPricePerKwh has 2 values, horizon has 3 slots",
                        p -> p.tariff = new Tariff("THB", new double[]{3, 4}, new double[]{2, 2, 2})),
                rule("tariff.exportPricePerKwh has 4 values, horizon has 3 slots",
                        p -> p.tariff = new Tariff("THB", new double[]{3, 4, 5}, new double[]{2, 2, 2, 2})),
                rule("tariff.importPricePerKwh[1] must be a finite number, is NaN",
                        p -> p.tariff = new Tariff("THB", new double[]{3, Double.NaN, 5}, new double[]{2, 2, 2})),
                rule("tariff.exportPricePerKwh[0] must be a finite number, is -Infinity",
                        p -> p.tariff = new Tariff("THB", new double[]{3, 4, 5},
                                new double[]{Double.NEGATIVE_INFINITY, 2, 2})),

                // dispatchRequests
                rule("dispatchRequests[0] is null", request0(null)),
                rule("dispatchRequests[0].id is required", request0(request(null, 1, 3, 1.0, 6.0, true))),
                rule("dispatchRequests[1].id 'dr-1' is used by another request",
                        p -> p.dispatchRequests.add(request("dr-1", 0, 1, 2.0, 0.0, false))),
                rule("dispatchRequests[0].fromSlot is required", request0(request("dr-1", null, 3, 1.0, 6.0, true))),
                rule("dispatchRequests[0].toSlot is required", request0(request("dr-1", 1, null, 1.0, 6.0, true))),
                rule("dispatchRequests[0].fromSlot must be ≥ 0, is -1",
                        request0(request("dr-1", -1, 3, 1.0, 6.0, true))),
                rule("dispatchRequests[0].toSlot is 4, beyond the horizon of 3 slots",
                        request0(request("dr-1", 1, 4, 1.0, 6.0, true))),
                rule("dispatchRequests[0].toSlot must be > fromSlot (2 ≤ 2)",
                        request0(request("dr-1", 2, 2, 1.0, 6.0, true))),
                rule("dispatchRequests[0].toSlot must be > fromSlot (1 ≤ 2)",
                        request0(request("dr-1", 2, 1, 1.0, 6.0, true))),
                rule("dispatchRequests[0].exportKw is required", request0(request("dr-1", 1, 3, null, 6.0, true))),
                rule("dispatchRequests[0].exportKw must be ≥ 0, is -40.0",
                        request0(request("dr-1", 1, 3, -40.0, 6.0, true))),
                rule("dispatchRequests[0].rewardPerKwh must be ≥ 0, is -6.0",
                        request0(request("dr-1", 1, 3, 1.0, -6.0, true))),
                rule("dispatchRequests[0].firm is required (true: must be met; false: an offer the plan may decline)",
                        request0(request("dr-1", 1, 3, 1.0, 6.0, null))),

                // unservedSwapPenalty
                rule("unservedSwapPenalty is required (money per unserved swap, ≥ 0) unless every pack type has its own"
                        + " packTypes[].unservedSwapPenalty", p -> p.unservedSwapPenalty = null),
                rule("unservedSwapPenalty must be ≥ 0, is -1.0", p -> p.unservedSwapPenalty = -1.0),
                rule("unservedSwapPenalty must be a finite number, is NaN", p -> p.unservedSwapPenalty = Double.NaN));
    }

    @Test
    void validProblemHasNoErrors() {
        Problem problem = valid();
        assertEquals(List.of(), ProblemValidator.errors(problem));
        assertSame(problem, ProblemValidator.requireValid(problem));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        Problem problem = change(p -> {
            p.site = site(10.0, 8.0, null, null); // no active-bay limit, no base load
            p.packTypes.set(1, b("degradationCostPerKwh", null));
            p.swapDemand = null;
            p.dispatchRequests = null;
        });
        assertEquals(List.of(), ProblemValidator.errors(problem));
    }

    @Test
    void edgeValuesInsideTheRulesAreAccepted() {
        Problem problem = change(p -> {
            p.site = site(0.0, 0.0, 0, new double[]{0, 0, 0});
            p.packTypes.set(1, Problems.pack("B", 1.6, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0));
            p.bays.set(0, new Bay("bay-1", "A", 0.0));
            p.bays.set(1, new Bay("bay-2", "B", 1.0));
            p.tariff = new Tariff("THB", new double[]{-1, 0, 5}, new double[]{-2, 0, 2}); // prices may be negative
            p.dispatchRequests.set(0, request("dr-1", 0, 3, 0.0, null, false)); // the whole horizon
            p.unservedSwapPenalty = 0.0;
        });
        assertEquals(List.of(), ProblemValidator.errors(problem));
    }

    @Test
    void noBaysIsValid() {
        assertEquals(List.of(), ProblemValidator.errors(change(p -> p.bays.clear())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleRuleBroken")
    void eachBrokenRuleYieldsItsErrorWithItsPath(String expectedError, Consumer<Parts> change) {
        Problem problem = change(change);
        assertEquals(List.of(expectedError), ProblemValidator.errors(problem));
        InvalidProblemException e = assertThrows(InvalidProblemException.class,
                () -> ProblemValidator.requireValid(problem));
        assertEquals(List.of(expectedError), e.errors());
        assertEquals(expectedError, e.getMessage());
    }

    @Test
    void nullProblemIsEmpty() {
        assertEquals(List.of("$ is empty"), ProblemValidator.errors(null));
    }

    @Test
    void dispatchWindowStartingAfterTheHorizonNamesBothEnds() {
        Problem problem = change(request0(request("dr-1", 3, 5, 1.0, 6.0, true)));
        assertEquals(List.of(
                "dispatchRequests[0].fromSlot is 3, outside the horizon of 3 slots",
                "dispatchRequests[0].toSlot is 5, beyond the horizon of 3 slots"), ProblemValidator.errors(problem));
    }

    @Test
    void perSlotLengthsAreNotCheckedAgainstAnInvalidHorizon() {
        // with the slot count unknown, only the horizon itself is reported, not every array as of the wrong length
        Problem problem = change(p -> {
            p.horizon = horizon(START, 60, -96);
            p.site = site(10.0, 8.0, 2, new double[]{0.5});
        });
        assertEquals(List.of("horizon.slots must be in [1, 105120], is -96"), ProblemValidator.errors(problem));
    }

    @Test
    void fiveBrokenFieldsYieldFiveErrorsAtOnce() {
        Problem problem = change(p -> {
            p.packTypes.set(1, Problems.pack("B", 1.6, 0.8, 0.8, 0.95, 0.9, 0.5, 0.5, 0.2, 0.4));
            p.swapDemand.put("B", new int[]{0, 1});
            p.bays.set(0, new Bay("bay-1", "2W", 0.5));
            p.site = site(-5.0, 8.0, 2, new double[]{0.5, 0.5, 0.5});
            p.dispatchRequests.set(0, request("dr-1", 1, 4, 1.0, 6.0, true));
        });
        List<String> errors = ProblemValidator.errors(problem);
        List<String> expected = List.of(
                "site.gridImportLimitKw must be ≥ 0, is -5.0",
                "packTypes[1].minSoc must be < maxSoc (0.9 ≥ 0.5)",
                "bays[0].packType '2W' is not a pack type of packTypes",
                "swapDemand.B has 2 values, horizon has 3 slots",
                "dispatchRequests[0].toSlot is 4, beyond the horizon of 3 slots");
        assertEquals(expected, errors);

        InvalidProblemException e = assertThrows(InvalidProblemException.class,
                () -> ProblemValidator.requireValid(problem));
        assertEquals(expected, e.errors());
        for (String error : expected) {
            assertTrue(e.getMessage().contains(error), e.getMessage());
        }
    }
}
