package io.swapflex.studies;

import io.swapflex.datasets.series.Csv;
import io.swapflex.studies.whatif.Kpis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One small study (the 12-bay example, three scenarios, the deterministic flow scheduler on a 300 ms budget) run with
 * one thread and with two: the same CSV and HTML, and what they say checked against the outcomes.
 */
class StudyRunTest {

    private static final String STUDY = """
            {"name": "small", "example": "thai-2w-12", "solver": "flow", "timeLimit": "300ms", "scenarios": [
              {"name": "import prices x1.3", "importPriceScale": 1.3},
              {"name": "demand x1.25, 4 more bays", "demandScale": 1.25,
               "addBays": [{"packType": "2W-1.8", "count": 4, "soc": 0.6}]},
              {"name": "export limit 0", "exportLimitKw": 0}
            ]}""";

    private static Study study;
    private static List<Outcome> one;
    private static List<Outcome> two;
    private static String csv;
    private static String html;

    @BeforeAll
    static void runTwice() {
        study = StudyReader.read(STUDY, Path.of("."), "small");
        List<Integer> order = new ArrayList<>();
        one = StudyRunner.run(study, 1, (done, total, o) -> order.add(o.run().index()));
        two = StudyRunner.run(study, 2, (done, total, o) -> { });
        csv = CsvReport.write(study, one);
        html = HtmlReport.write(study, one);
        assertEquals(List.of(0, 1, 2, 3), order.stream().sorted().toList());
    }

    @Test
    void theSameResultsWithOneThreadAndWithTwo() {
        assertEquals(csv, CsvReport.write(study, two));
        assertEquals(html, HtmlReport.write(study, two));
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).planJson().replaceAll("\"solveMillis\" : \\d+", ""),
                    two.get(i).planJson().replaceAll("\"solveMillis\" : \\d+", ""));
        }
    }

    @Test
    void everyPlanIsCheckedAndTheVerdictWritten() {
        for (Outcome o : one) {
            assertNull(o.error());
            assertTrue(o.feasible(), () -> o.run().name() + ": " + o.findings());
        }
        List<String[]> rows = rows(csv);
        int verdict = Arrays.asList(rows.get(0)).indexOf("verdict");
        for (int r = 1; r < rows.size(); r++) {
            assertEquals("ok", rows.get(r)[verdict]);
        }
    }

    /** Every numeric figure of Kpis has its delta column, equal to the figure minus the base's. */
    @Test
    void theCsvDeltasAreTheFigureDifferences() {
        List<String[]> rows = rows(csv);
        List<String> header = Arrays.asList(rows.get(0));
        assertEquals(one.size() + 1, rows.size());
        int checked = 0;
        for (RecordComponent c : Kpis.class.getRecordComponents()) {
            if (CsvReport.LEFT_OUT.contains(c.getName())) {
                assertFalse(header.contains(CsvReport.snake(c.getName())));
                continue;
            }
            int value = header.indexOf(CsvReport.snake(c.getName()));
            assertTrue(value >= 0, c.getName());
            if (!CsvReport.numeric(c)) {
                continue;
            }
            int delta = header.indexOf("delta_" + CsvReport.snake(c.getName()));
            assertTrue(delta >= 0, c.getName());
            for (int r = 1; r < rows.size(); r++) {
                double expected = ((Number) CsvReport.value(c, one.get(r - 1).kpis())).doubleValue()
                        - ((Number) CsvReport.value(c, one.get(0).kpis())).doubleValue();
                assertEquals(expected, Double.parseDouble(rows.get(r)[delta]), 1e-6, c.getName());
                assertEquals(Double.parseDouble(rows.get(r)[value]) - Double.parseDouble(rows.get(1)[value]),
                        Double.parseDouble(rows.get(r)[delta]), 2e-6, c.getName());
                checked++;
            }
        }
        assertTrue(checked >= 4 * 15);
    }

    /** Well-formed XHTML; one bar per figure and scenario, one line per series with a point per slot, heatmaps. */
    @Test
    void theHtmlReportIsWellFormedWithTheDeclaredCharts() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        int bars = 0;
        int lines = 0;
        int heatmaps = 0;
        int slots = study.runs().get(0).station().slots();
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            switch (svg.getAttribute("data-chart")) {
                case "bars" -> {
                    bars++;
                    assertEquals(4 * one.size(), svg.getElementsByTagNameNS("*", "rect").getLength());
                }
                case "lines" -> {
                    lines++;
                    NodeList polylines = svg.getElementsByTagNameNS("*", "polyline");
                    boolean base = svg.getAttribute("id").equals("grid-0");
                    assertEquals(base ? 2 : 3, polylines.getLength());
                    for (int p = 0; p < polylines.getLength(); p++) {
                        String points = ((Element) polylines.item(p)).getAttribute("points");
                        assertEquals(slots, points.split(" ").length);
                    }
                }
                case "heatmap" -> {
                    int index = Integer.parseInt(svg.getAttribute("id").substring("soc-".length()));
                    NodeList rows = svg.getElementsByTagNameNS("*", "g");
                    assertEquals(one.get(index).socLabels().size(), rows.getLength());
                    for (int r = 0; r < rows.getLength(); r++) {
                        assertEquals(Integer.toString(slots), ((Element) rows.item(r)).getAttribute("data-points"));
                    }
                    heatmaps++;
                }
                default -> throw new AssertionError("unexpected chart " + svg.getAttribute("data-chart"));
            }
        }
        assertEquals(1, bars);
        assertEquals(one.size(), lines);
        assertEquals(one.size(), heatmaps);
        assertEquals(one.size() + 1, doc.getElementById("kpis") == null
                ? byId(doc, "kpis").getElementsByTagNameNS("*", "tr").getLength()
                : doc.getElementById("kpis").getElementsByTagNameNS("*", "tr").getLength());
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/", "").contains("http://"),
                "nothing fetched");
    }

    private static Element byId(Document doc, String id) {
        NodeList tables = doc.getElementsByTagNameNS("*", "table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element e = (Element) tables.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no #" + id);
    }

    /** The CSV's rows split into cells. */
    static List<String[]> rows(String csv) {
        return Arrays.stream(csv.split("\n")).map(Csv::split).toList();
    }
}
