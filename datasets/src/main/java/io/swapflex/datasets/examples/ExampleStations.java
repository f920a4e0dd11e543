package io.swapflex.datasets.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.tariff.ThaiTouTariff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic generator of the example station problems (contract format v1) shipped under
 * {@code /examples/} on the classpath. Every random draw comes from a {@link SplittableRandom} with a fixed seed and
 * every transcendental function is {@link StrictMath}, so the output is the same, byte for byte, on every JVM;
 * {@code ExamplesTest} fails when the committed JSON drifts from what this class produces.
 *
 * <p>Regenerate after a change with {@code main} (from the repository root):
 * <pre>
 * ./mvnw -q -o -pl datasets compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp datasets/target/classes:$(cat /tmp/cp.txt) io.swapflex.datasets.examples.ExampleStations
 * </pre>
 * The numbers and where they come from are in {@code examples/README.md}.
 */
public final class ExampleStations {

    /** The examples in the order of {@code index.txt}. */
    public static final List<String> NAMES =
            List.of("demo-3bay-hourly", "thai-2w-12", "mixed-2w3w-21", "van-truck-depot");

    /** Default output folder, relative to the repository root. */
    public static final String OUTPUT_DIR = "datasets/src/main/resources/examples";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    // --- tariff (Thai TOU, see datasets/thailand-tou-tariff/SOURCE.md) ---------------------------------------------
    /** Thailand has no V2G export tariff; the residential rooftop-solar buy-back rate (10-year contracts) is used. */
    static final double THAI_EXPORT_THB_PER_KWH = 2.20;

    // --- pack types ------------------------------------------------------------------------------------------------
    /** 2W motorbike swap pack: 72 V × 25 Ah = 1.8 kWh LFP. */
    static final PackSpec PACK_2W = new PackSpec("2W-1.8", 1.8, 1.5, 1.0, 0.95, 0.95, 0.10, 1.0, 0.95, 0.20,
            degradation(11_000, 3_000, 1.8), 150.0, endValue(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, 0.95));
    /** 3W (tuk-tuk) swap pack: 51.2 V × 105 Ah = 5.376 kWh LFP. */
    static final PackSpec PACK_3W = new PackSpec("3W-5.4", 5.376, 2.5, 2.5, 0.95, 0.95, 0.10, 1.0, 0.95, 0.20,
            degradation(32_800, 3_000, 5.376), 250.0, endValue(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, 0.95));
    /** Light-van pack: 50 kWh LFP, 30 kW DC charger/inverter per bay. */
    static final PackSpec PACK_VAN = new PackSpec("VAN-50", 50.0, 30.0, 30.0, 0.96, 0.96, 0.10, 1.0, 0.95, 0.25,
            degradation(220_000, 4_000, 50.0), 3_000.0, endValue("5.2.2", 0.96));
    /** Heavy-truck swap pack: 282 kWh LFP, 120 kW per bay. */
    static final PackSpec PACK_TRUCK = new PackSpec("TRUCK-282", 282.0, 120.0, 120.0, 0.96, 0.96, 0.10, 1.0, 0.95,
            0.20, degradation(1_240_000, 5_000, 282.0), 8_000.0, endValue("5.2.2", 0.96));

    /** Expected 2W swaps per hour of the day (relative), commuter peaks 07–09 and 17–20, delivery riders at noon. */
    static final double[] PROFILE_2W = {0.6, 0.4, 0.2, 0.2, 0.3, 0.8, 2.5, 7.5, 8.0, 4.5, 3.0, 3.5,
            4.0, 3.0, 2.5, 2.8, 3.5, 6.5, 7.5, 6.0, 4.0, 3.0, 2.0, 1.2};
    /** Expected 3W (tuk-tuk) swaps per hour (relative): shift start 06–08, then steady until late evening. */
    static final double[] PROFILE_3W = {0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 1.8, 1.2, 0.8, 0.8, 1.0,
            1.4, 1.2, 1.0, 1.0, 1.3, 1.6, 1.4, 1.2, 0.9, 0.7, 0.4, 0.2};
    /** Expected van swaps per hour (relative): departures 05–08, second shift 11–14, vans out the rest of the day. */
    static final double[] PROFILE_VAN = {0, 0, 0, 0, 0.5, 3.0, 4.5, 4.0, 1.5, 0.5, 0.5, 1.5,
            2.0, 1.5, 0.8, 0.5, 0.5, 0.8, 1.0, 0.6, 0.3, 0, 0, 0};
    /** Expected truck swaps per hour (relative): multi-trip trucks, round the clock, fewer at night. */
    static final double[] PROFILE_TRUCK = {0.2, 0.2, 0.2, 0.2, 0.5, 0.8, 0.8, 0.6, 0.4, 0.4, 0.4, 0.4,
            0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.3, 0.3};

    private ExampleStations() {
    }

    /** A pack type of the examples, in contract field order. */
    record PackSpec(String id, double capacityKwh, double maxChargeKw, double maxDischargeKw,
                    double chargeEfficiency, double dischargeEfficiency, double minSoc, double maxSoc,
                    double swapReadySoc, double returnSoc, double degradationCostPerKwh,
                    double unservedSwapPenalty, double endValuePerKwh) {

        ObjectNode toJson() {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("id", id);
            n.put("capacityKwh", capacityKwh);
            n.put("maxChargeKw", maxChargeKw);
            n.put("maxDischargeKw", maxDischargeKw);
            n.put("chargeEfficiency", chargeEfficiency);
            n.put("dischargeEfficiency", dischargeEfficiency);
            n.put("minSoc", minSoc);
            n.put("maxSoc", maxSoc);
            n.put("swapReadySoc", swapReadySoc);
            n.put("returnSoc", returnSoc);
            n.put("degradationCostPerKwh", degradationCostPerKwh);
            n.put("unservedSwapPenalty", unservedSwapPenalty);
            n.put("endValuePerKwh", endValuePerKwh);
            return n;
        }
    }

    /** Every example, by name, in {@link #NAMES} order. */
    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        for (String name : NAMES) {
            all.put(name, build(name));
        }
        return all;
    }

    /** Builds one example problem as a Jackson tree. */
    public static ObjectNode build(String name) {
        return switch (name) {
            case "demo-3bay-hourly" -> demo3BayHourly();
            case "thai-2w-12" -> thai2w12();
            case "mixed-2w3w-21" -> mixed2w3w21();
            case "van-truck-depot" -> vanTruckDepot();
            default -> throw new IllegalArgumentException("unknown example '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    /** The pretty JSON text of a problem tree as committed: two-space indent, LF line ends, final newline. */
    public static String toJson(ObjectNode problem) {
        try {
            return WRITER.writeValueAsString(problem) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code index.txt}: one name per line. */
    public static String indexText() {
        return String.join("\n", NAMES) + "\n";
    }

    /**
     * Writes every example as {@code <name>.json} and {@code index.txt} into the folder given as the only argument,
     * default {@value #OUTPUT_DIR} (run from the repository root).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : OUTPUT_DIR);
        Files.createDirectories(dir);
        for (Map.Entry<String, ObjectNode> example : all().entrySet()) {
            Path file = dir.resolve(example.getKey() + ".json");
            Files.writeString(file, toJson(example.getValue()), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
        Files.writeString(dir.resolve("index.txt"), indexText(), StandardCharsets.UTF_8);
    }

    // --- the examples ------------------------------------------------------------------------------------------------

    /** 3 bays of 2W packs, 24 hourly slots, 5 swaps, one non-firm offer: small enough for an exact MIP. */
    static ObjectNode demo3BayHourly() {
        int slots = 24;
        String start = "2026-11-26T00:00:00+07:00"; // Thursday, not a Thai public holiday
        ObjectNode p = header("demo-3bay", start, 60, slots);
        double[] base = new double[slots];
        for (int h = 0; h < slots; h++) {
            base[h] = h >= 6 && h < 18 ? 0.25 : h >= 18 && h < 22 ? 0.2 : 0.1; // cabinet fans by day, lights at night
        }
        p.set("site", site(3.0, 2.0, 2, base));
        p.set("packTypes", packTypes(new PackSpec[]{PACK_2W}, new int[]{1}));
        p.set("bays", bays(List.of(PACK_2W, PACK_2W, PACK_2W), new double[]{0.95, 0.60, 0.30}));
        int[] demand = new int[slots];
        demand[7] = 1;
        demand[8] = 1;
        demand[12] = 1;
        demand[17] = 1;
        demand[18] = 1;
        ObjectNode swapDemand = MAPPER.createObjectNode();
        swapDemand.set(PACK_2W.id(), ints(demand));
        p.set("swapDemand", swapDemand);
        p.set("tariff", thaiTariff(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, start, 60, slots));
        ArrayNode requests = MAPPER.createArrayNode();
        requests.add(request("offer-evening", 19, 21, 1.0, 4.0, false));
        p.set("dispatchRequests", requests);
        p.put("unservedSwapPenalty", 150.0);
        return p;
    }

    /** 12 bays of 2W packs, 96 × 15 min, Thai TOU, commuter-peaked demand (~85 swaps), no dispatch requests. */
    static ObjectNode thai2w12() {
        int slots = 96;
        String start = "2026-11-26T00:00:00+07:00"; // Thursday
        SplittableRandom rng = new SplittableRandom(20261126L);
        ObjectNode p = header("bkk-ladprao-2w-12", start, 15, slots);
        p.set("site", site(18.0, 8.0, 10, baseLoad(slots, 15, 0.5, 0.8, 0.2)));
        p.set("packTypes", packTypes(new PackSpec[]{PACK_2W}, new int[]{6}));
        List<PackSpec> bayTypes = repeat(PACK_2W, 12);
        p.set("bays", bays(bayTypes, initialSocs(rng, bayTypes)));
        ObjectNode swapDemand = MAPPER.createObjectNode();
        swapDemand.set(PACK_2W.id(), ints(poissonDemand(rng, PROFILE_2W, 85.0, 15, slots)));
        p.set("swapDemand", swapDemand);
        p.set("tariff", thaiTariff(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, start, 15, slots));
        p.put("unservedSwapPenalty", 150.0);
        return p;
    }

    /** 12 × 2W + 9 × 3W bays, Thai TOU, a firm evening request and an afternoon offer. */
    static ObjectNode mixed2w3w21() {
        int slots = 96;
        String start = "2026-11-25T00:00:00+07:00"; // Wednesday
        SplittableRandom rng = new SplittableRandom(20261125L);
        ObjectNode p = header("bkk-bangkapi-2w3w-21", start, 15, slots);
        p.set("site", site(28.0, 10.0, 18, baseLoad(slots, 15, 0.8, 1.2, 0.3)));
        p.set("packTypes", packTypes(new PackSpec[]{PACK_2W, PACK_3W}, new int[]{6, 4}));
        List<PackSpec> bayTypes = new ArrayList<>(repeat(PACK_2W, 12));
        bayTypes.addAll(repeat(PACK_3W, 9));
        p.set("bays", bays(bayTypes, initialSocs(rng, bayTypes)));
        ObjectNode swapDemand = MAPPER.createObjectNode();
        swapDemand.set(PACK_2W.id(), ints(poissonDemand(rng, PROFILE_2W, 60.0, 15, slots)));
        swapDemand.set(PACK_3W.id(), ints(poissonDemand(rng, PROFILE_3W, 20.0, 15, slots)));
        p.set("swapDemand", swapDemand);
        p.set("tariff", thaiTariff(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, start, 15, slots));
        ArrayNode requests = MAPPER.createArrayNode();
        requests.add(request("dr-firm-evening", 72, 80, 3.0, 3.0, true)); // 18:00–20:00
        requests.add(request("offer-afternoon", 56, 60, 6.0, 4.5, false)); // 14:00–15:00
        p.set("dispatchRequests", requests);
        p.put("unservedSwapPenalty", 200.0);
        return p;
    }

    /** 8 van + 4 truck bays at a 22 kV depot on MEA TOU 5.2.2, ~34 swaps a day, an evening offer. */
    static ObjectNode vanTruckDepot() {
        int slots = 96;
        String start = "2026-11-24T00:00:00+07:00"; // Tuesday
        SplittableRandom rng = new SplittableRandom(20261124L);
        ObjectNode p = header("bkk-bangna-depot-01", start, 15, slots);
        p.set("site", site(800.0, 400.0, null, baseLoad(slots, 15, 15.0, 20.0, 5.0)));
        p.set("packTypes", packTypes(new PackSpec[]{PACK_VAN, PACK_TRUCK}, new int[]{4, 2}));
        List<PackSpec> bayTypes = new ArrayList<>(repeat(PACK_VAN, 8));
        bayTypes.addAll(repeat(PACK_TRUCK, 4));
        p.set("bays", bays(bayTypes, initialSocs(rng, bayTypes)));
        ObjectNode swapDemand = MAPPER.createObjectNode();
        swapDemand.set(PACK_VAN.id(), ints(poissonDemand(rng, PROFILE_VAN, 24.0, 15, slots)));
        swapDemand.set(PACK_TRUCK.id(), ints(poissonDemand(rng, PROFILE_TRUCK, 10.0, 15, slots)));
        p.set("swapDemand", swapDemand);
        p.set("tariff", thaiTariff("5.2.2", start, 15, slots));
        ArrayNode requests = MAPPER.createArrayNode();
        requests.add(request("offer-evening", 76, 84, 300.0, 3.0, false)); // 19:00–21:00
        p.set("dispatchRequests", requests);
        p.put("unservedSwapPenalty", 5000.0);
        return p;
    }

    // --- building blocks ---------------------------------------------------------------------------------------------

    /**
     * Value of a kWh left in a pack at the horizon's end: what it costs to put it back tomorrow, the tariff's off-peak
     * retail price (energy charge + Ft, + VAT) over the charging efficiency, rounded to 4 decimals. The wear of that
     * charge is not counted, so a plan does not charge at night only to end full (the end readiness rule covers the
     * first riders of tomorrow), and never sells stored energy below what it costs to replace.
     */
    static double endValue(String tariffCode, double chargeEfficiency) {
        ThaiTouTariff.Rate rate = ThaiTouTariff.load().rate(tariffCode);
        return round(rate.retailPerKwh(false, ThaiTouTariff.FT_2026_THB_PER_KWH, ThaiTouTariff.VAT)
                / chargeEfficiency, 4);
    }

    /** The pack types as contract JSON, each with the bays of it that must end the horizon swap-ready. */
    private static ArrayNode packTypes(PackSpec[] types, int[] minReadyAtEnd) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < types.length; i++) {
            ObjectNode type = types[i].toJson();
            type.put("minReadyAtEnd", minReadyAtEnd[i]);
            array.add(type);
        }
        return array;
    }

    /** Degradation cost per kWh of throughput: pack cost / (cycles · capacity · 2), each cycle = charge + discharge. */
    static double degradation(double packCost, double cycles, double capacityKwh) {
        return round(packCost / (cycles * capacityKwh * 2.0), 2);
    }

    private static ObjectNode header(String stationId, String start, int slotMinutes, int slots) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("formatVersion", 1);
        p.put("stationId", stationId);
        ObjectNode horizon = p.putObject("horizon");
        horizon.put("start", start);
        horizon.put("slotMinutes", slotMinutes);
        horizon.put("slots", slots);
        return p;
    }

    private static ObjectNode site(double importKw, double exportKw, Integer maxActiveBays, double[] baseLoadKw) {
        ObjectNode site = MAPPER.createObjectNode();
        site.put("gridImportLimitKw", importKw);
        site.put("gridExportLimitKw", exportKw);
        if (maxActiveBays != null) {
            site.put("maxActiveBays", maxActiveBays);
        }
        site.set("baseLoadKw", doubles(baseLoadKw));
        return site;
    }

    private static ArrayNode bays(List<PackSpec> types, double[] socs) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < types.size(); i++) {
            ObjectNode bay = array.addObject();
            bay.put("id", String.format(Locale.ROOT, "bay-%02d", i + 1));
            bay.put("packType", types.get(i).id());
            bay.put("soc", socs[i]);
        }
        return array;
    }

    private static List<PackSpec> repeat(PackSpec type, int count) {
        List<PackSpec> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(type);
        }
        return list;
    }

    /**
     * Mixed start-of-day SOCs: 40 % of the packs swap-ready (uniform in [swapReadySoc, maxSoc]), the rest uniform
     * in [returnSoc, 0.90], rounded to 0.01.
     */
    static double[] initialSocs(SplittableRandom rng, List<PackSpec> types) {
        double[] socs = new double[types.size()];
        for (int i = 0; i < socs.length; i++) {
            PackSpec t = types.get(i);
            boolean full = rng.nextDouble() < 0.4;
            double lo = full ? t.swapReadySoc() : t.returnSoc();
            double hi = full ? t.maxSoc() : 0.90;
            socs[i] = round(lo + (hi - lo) * rng.nextDouble(), 2);
        }
        return socs;
    }

    /**
     * Swap demand per slot: Poisson draws whose hourly means follow {@code hourlyProfile} scaled to
     * {@code expectedPerDay} swaps a day, split evenly over the slots of each hour.
     */
    static int[] poissonDemand(SplittableRandom rng, double[] hourlyProfile, double expectedPerDay, int slotMinutes,
                               int slots) {
        double sum = 0;
        for (double v : hourlyProfile) {
            sum += v;
        }
        int[] demand = new int[slots];
        for (int t = 0; t < slots; t++) {
            int hour = (t * slotMinutes / 60) % 24;
            double mean = hourlyProfile[hour] * expectedPerDay / sum * slotMinutes / 60.0;
            demand[t] = poisson(rng, mean);
        }
        return demand;
    }

    /** Knuth's Poisson sampler (fine for the small means here), with StrictMath for reproducibility. */
    public static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-mean);
        int k = 0;
        double product = rng.nextDouble();
        while (product > limit) {
            k++;
            product *= rng.nextDouble();
        }
        return k;
    }

    /**
     * Site base load, kW: {@code night} all day, plus {@code dayExtra} · sin(π (h − 6) / 13) between 06:00 and 19:00
     * (cooling of the charging cabinets and the shop, peak early afternoon), plus {@code lights} from 18:00 to 06:00.
     */
    static double[] baseLoad(int slots, int slotMinutes, double night, double dayExtra, double lights) {
        double[] load = new double[slots];
        for (int t = 0; t < slots; t++) {
            double hour = (t * slotMinutes % 1440) / 60.0 + slotMinutes / 120.0; // middle of the slot
            double kw = night;
            if (hour > 6 && hour < 19) {
                kw += dayExtra * StrictMath.sin(StrictMath.PI * (hour - 6) / 13.0);
            }
            if (hour >= 18 || hour < 6) {
                kw += lights;
            }
            load[t] = round(kw, 3);
        }
        return load;
    }

    private static ObjectNode thaiTariff(String tariffCode, String start, int slotMinutes, int slots) {
        double[] importPrices = ThaiTouTariff.load().retailPricePerSlot(tariffCode, OffsetDateTime.parse(start),
                slotMinutes, slots, ThaiTouTariff.FT_2026_THB_PER_KWH, ThaiTouTariff.VAT, Set.of());
        double[] exportPrices = new double[slots];
        for (int t = 0; t < slots; t++) {
            importPrices[t] = round(importPrices[t], 4);
            exportPrices[t] = THAI_EXPORT_THB_PER_KWH;
        }
        ObjectNode tariff = MAPPER.createObjectNode();
        tariff.put("currency", "THB");
        tariff.set("importPricePerKwh", doubles(importPrices));
        tariff.set("exportPricePerKwh", doubles(exportPrices));
        return tariff;
    }

    private static ObjectNode request(String id, int fromSlot, int toSlot, double exportKw, double rewardPerKwh,
                                      boolean firm) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("id", id);
        r.put("fromSlot", fromSlot);
        r.put("toSlot", toSlot);
        r.put("exportKw", exportKw);
        r.put("rewardPerKwh", rewardPerKwh);
        r.put("firm", firm);
        return r;
    }

    private static ArrayNode doubles(double[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int v : values) {
            array.add(v);
        }
        return array;
    }

    static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
