package io.swapflex.service.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan page at / in a real headless Chromium against the running service: what it draws is the station's current
 * plan, number for number, and it follows the station to its next plan version. The page gets its token from the
 * automatic sign-in (the browser is on the service's machine), as a newcomer's browser does (a new profile: nothing in
 * localStorage).
 */
@QuarkusTest
class PlanPageBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Replanner replanner;

    @Inject
    PlanningService planning;

    @Inject
    StationService stations;

    @TempDir
    Path dir;

    @Test
    void thePageDrawsTheStationsAndTheCurrentPlanNumberForNumber() throws Exception {
        String id = registerDemo("page");
        StoredPlan stored = planning.current(id).orElseThrow();
        Plan plan = stored.plan();
        Problem problem = stored.problem();
        int slots = problem.slots();
        // What is compared below is not all zeros: the demo day imports, hands out packs and prices vary.
        assertTrue(java.util.Arrays.stream(plan.grid().importKw()).filter(kw -> kw > 0.1).count() > 10);
        assertTrue(swapOuts(plan) >= 3);

        Dom dom = new Dom(Chromium.dumpDom(dir, pageUrl(id), 10_000));

        assertEquals(stations.list().stream().map(Station::id).sorted().toList(),
                dom.byClass("station").stream().map(e -> e.attr("data-station")).sorted().toList(),
                "stations listed; the page's banner says: " + dom.byId("banner").text());
        assertEquals(List.of(id), dom.byClass("selected").stream().map(e -> e.attr("data-station")).toList());
        assertEquals("automatic sign-in (analyst, read-only)", dom.byId("token-source").text());

        assertEquals(plan.status().name(), dom.byId("plan-status").attr("data-value"));
        assertEquals(plan.objective().total(), dom.byId("plan-total").number("data-value"), 1e-9);
        assertEquals(String.format(Locale.ROOT, "%.2f", plan.objective().total()), dom.byId("plan-total").text());
        assertEquals(stored.version(), dom.byId("plan-version").integer("data-value"));
        assertEquals("v" + stored.version(), dom.byId("plan-version").text());
        assertEquals("true", dom.byId("plan-check").attr("data-value"));
        assertEquals(problem.horizon().start(), dom.byId("plan-horizon").attr("data-value"));
        // the end of the horizon: the plan's end value, and per pack type the bays ending swap-ready and the rule
        assertEquals(plan.objective().endValue(), dom.byId("plan-end-value").number("data-value"), 1e-9);
        var demoType = problem.packTypes().get(0);
        long ready = plan.bays().stream().filter(b -> b.soc()[slots] >= demoType.swapReadySoc() - 1e-9).count();
        assertTrue(ready >= demoType.readyAtEnd());
        assertTrue(dom.byId("plan-end-ready").text().startsWith(demoType.id() + " " + ready + " of "
                + plan.bays().size() + (demoType.readyAtEnd() > 0 ? " (at least " + demoType.readyAtEnd() + ")" : "")),
                dom.byId("plan-end-ready").text());

        // The SOC heatmap: one cell per bay and slot, in plan order, each with the plan's SOC at the slot's start.
        List<Dom.Element> cells = dom.byClass("soc-cell");
        assertEquals(plan.bays().size() * slots, cells.size(), "heatmap cells");
        int i = 0;
        for (BaySchedule bay : plan.bays()) {
            for (int t = 0; t < slots; t++, i++) {
                Dom.Element cell = cells.get(i);
                assertEquals(bay.id(), cell.attr("data-bay"));
                assertEquals(t, cell.integer("data-slot"));
                assertEquals(bay.soc()[t], cell.number("data-soc"), 1e-12, bay.id() + " slot " + t);
            }
        }
        assertEquals(swapOuts(plan), dom.byClass("swap-out").size(), "swap-out marks on the heatmap");

        // Grid flows and prices, slot by slot.
        assertSeries(plan.grid().importKw(), dom.byClass("bar-import"), "data-kw");
        assertSeries(plan.grid().exportKw(), dom.byClass("bar-export"), "data-kw");
        assertSeries(problem.tariff().importPricePerKwh(), dom.byClass("price-import"), "data-price");
        assertSeries(problem.tariff().exportPricePerKwh(), dom.byClass("price-export"), "data-price");

        // Swaps served (the plan's swap-outs of bays of the type) and unserved, per pack type and slot.
        Map<String, String> typeOfBay = new HashMap<>();
        problem.bays().forEach(b -> typeOfBay.put(b.id(), b.packType()));
        for (var packType : problem.packTypes()) {
            String type = packType.id();
            double[] served = new double[slots];
            for (BaySchedule bay : plan.bays()) {
                for (int t = 0; t < slots; t++) {
                    if (type.equals(typeOfBay.get(bay.id())) && bay.swapOut()[t]) {
                        served[t]++;
                    }
                }
            }
            double[] unserved = new double[slots];
            int[] planUnserved = plan.unservedSwaps() == null ? null : plan.unservedSwaps().get(type);
            for (int t = 0; planUnserved != null && t < slots; t++) {
                unserved[t] = planUnserved[t];
            }
            assertSeries(served, of(dom.byClass("swap-served"), type), "data-count");
            assertSeries(unserved, of(dom.byClass("swap-unserved"), type), "data-count");
        }
    }

    @Test
    void thePagePollsWithItsETagAndFollowsTheStationToItsNextPlan() throws Exception {
        String id = registerDemo("page-live");
        String shown = """
                (() => {
                  const version = document.getElementById('plan-version');
                  const cells = [...document.querySelectorAll('.soc-cell')];
                  const polls = performance.getEntriesByType('resource').filter(e => e.name.includes('/schedule'));
                  return { version: version ? version.dataset.value : null, cells: cells.length,
                           bays: [...new Set(cells.map(c => c.dataset.bay))],
                           firstBaySoc: cells.filter(c => c.dataset.bay === cells[0].dataset.bay).map(c => Number(c.dataset.soc)),
                           notModified: polls.filter(e => e.responseStatus === 304).length,
                           unplanned: (document.getElementById('unplanned-bays') || {}).textContent || '' };
                })()""";
        try (DevTools browser = DevTools.launch(dir)) {
            browser.open(pageUrl(id));
            browser.await(shown, v -> v.path("version").asText().equals("1") && v.path("cells").asInt() == 3 * 24,
                    PATIENCE, "the page shows plan 1");
            // The page polls every 5 s with If-None-Match: the plan is unchanged, so the service answers 304.
            browser.await(shown, v -> v.path("notModified").asInt() >= 1, PATIENCE, "a 304 to the page's poll");

            RestAssured.given().header("Authorization", "Bearer " + io.swapflex.service.rest.Api.token("operator"))
                    .contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-02\"}")
                    .post("/api/v1/stations/" + id + "/events").then().statusCode(202);
            assertTrue(replanner.awaitIdle(id, PATIENCE), "re-plan of " + id);
            StoredPlan v2 = planning.current(id).orElseThrow();
            assertEquals(2, v2.version());

            JsonNode page = browser.await(shown, v -> v.path("version").asText().equals("2"), PATIENCE,
                    "the page shows plan 2");
            assertEquals(List.of("bay-01", "bay-03"), texts(page.path("bays")), "the emptied bay leaves the heatmap");
            assertEquals(2 * 24, page.path("cells").asInt());
            assertTrue(page.path("unplanned").asText().contains("bay-02"), page.path("unplanned").asText());
            double[] soc = v2.plan().bays().get(0).soc();
            for (int t = 0; t < 24; t++) {
                assertEquals(soc[t], page.path("firstBaySoc").get(t).asDouble(), 1e-12, "plan 2, bay-01, slot " + t);
            }
        }
    }

    private String registerDemo(String prefix) throws InterruptedException {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        String id = prefix + "-" + System.nanoTime() % 100_000;
        Problem mine = new Problem(demo.formatVersion(), id, demo.horizon(), demo.site(), demo.packTypes(), demo.bays(),
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        RestAssured.given().header("Authorization", "Bearer " + io.swapflex.service.rest.Api.token("operator"))
                .contentType(ContentType.JSON).body(ContractJson.write(mine)).post("/api/v1/stations")
                .then().statusCode(201);
        assertTrue(replanner.awaitIdle(id, PATIENCE), "first plan of " + id);
        return id;
    }

    private static String pageUrl(String stationId) {
        return "http://127.0.0.1:" + RestAssured.port + "/#station=" + stationId;
    }

    private static long swapOuts(Plan plan) {
        long n = 0;
        for (BaySchedule bay : plan.bays()) {
            for (boolean s : bay.swapOut()) {
                n += s ? 1 : 0;
            }
        }
        return n;
    }

    private static List<Dom.Element> of(List<Dom.Element> elements, String packType) {
        return elements.stream().filter(e -> packType.equals(e.attr("data-type"))).toList();
    }

    /** One element per slot, in slot order, each carrying the slot's value. */
    private static void assertSeries(double[] expected, List<Dom.Element> elements, String attribute) {
        assertEquals(expected.length, elements.size(), attribute + " elements");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(t, elements.get(t).integer("data-slot"));
            assertEquals(expected[t], elements.get(t).number(attribute), 1e-12, attribute + " at slot " + t);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
