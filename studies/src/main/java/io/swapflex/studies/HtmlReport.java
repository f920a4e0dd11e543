package io.swapflex.studies;

import io.swapflex.studies.report.Html;
import io.swapflex.studies.report.Svg;
import io.swapflex.studies.whatif.Kpis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.swapflex.studies.report.Html.cells;
import static io.swapflex.studies.report.Html.escape;
import static io.swapflex.studies.report.Html.legend;
import static io.swapflex.studies.report.Html.money;
import static io.swapflex.studies.report.Html.signed;

/**
 * The study's report: one self-contained XHTML file (inline CSS and SVG, no script, nothing fetched) with the key
 * figures table, the cost and revenue bars per scenario, each scenario's meter profile (import and export over the
 * slots, the base's import dashed beside it) and each scenario's SOC heatmap (bays × slots; a fleet: stations × slots,
 * each its bays' mean). It holds no wall time, so it is the same file whatever the number of threads.
 */
public final class HtmlReport {

    /** Rows of a heatmap drawn at most (a fleet of 1 000 stations shows its first ones and says so). */
    static final int MAX_HEATMAP_ROWS = 60;

    private HtmlReport() {
    }

    public static String write(Study study, List<Outcome> outcomes) {
        StringBuilder h = Html.page("What-if study: " + study.name(), Html.FIRST_COLUMN);
        Kpis base = outcomes.get(0).kpis();
        String currency = currency(study);
        h.append("<h1>").append(escape("What-if study: " + study.name())).append("</h1>\n<p>")
                .append(escape("Base: " + study.baseLabel() + ". Mode: " + study.mode() + ". " + outcomes.size()
                        + " runs (the base and " + (outcomes.size() - 1) + " scenarios), seed " + study.seed()
                        + ". Money in " + currency + ", power in kW, energy in kWh. Each plan checked by the "
                        + (study.fleet() ? "fleet checker (FleetChecker)" : "independent plan checker (PlanChecker)")
                        + "." + (study.fleet() ? " Fleet plans are not reproducible run to run: the fleet planner's "
                        + "rounds stop on the wall clock." : " The plans are reproducible: deterministic schedulers, "
                        + "the time limit a work budget (the reference MIP: when it proves its optimum).")))
                .append("</p>\n");
        table(h, outcomes, base);
        costBars(h, outcomes, currency);
        profiles(h, outcomes);
        heatmaps(h, study, outcomes);
        findings(h, outcomes);
        return Html.end(h);
    }

    private static void table(StringBuilder h, List<Outcome> outcomes, Kpis base) {
        h.append("<h2>Key figures</h2>\n<table id=\"kpis\"><tr><th>scenario</th><th>checker</th><th>status</th>")
                .append("<th>gap</th><th>total cost</th><th>Δ total</th><th>import cost</th><th>export revenue</th>")
                .append("<th>dispatch reward</th><th>degradation</th><th>swaps served</th><th>unserved</th>")
                .append("<th>Δ unserved</th><th>energy cycled</th><th>peak import</th><th>peak export</th>")
                .append("<th>bays</th></tr>\n");
        for (Outcome o : outcomes) {
            Kpis k = o.kpis();
            h.append("<tr").append(o.feasible() ? "" : " class=\"bad\"").append("><td>")
                    .append(escape(o.run().name())).append("</td><td").append(o.feasible() ? " class=\"ok\"" : "")
                    .append('>').append(o.verdict()).append("</td>");
            if (k == null) {
                h.append("<td colspan=\"15\">").append(escape(String.valueOf(o.error()))).append("</td></tr>\n");
                continue;
            }
            boolean withBase = base != null;
            cells(h, k.status(), k.gap() == null ? "–" : pct(k.gap()), money(k.totalCost()),
                    withBase ? signed(k.totalCost() - base.totalCost()) : "", money(k.importCost()),
                    money(k.exportRevenue()), money(k.dispatchReward()), money(k.degradationCost()),
                    Integer.toString(k.swapsServed()), Integer.toString(k.swapsUnserved()),
                    withBase ? String.format(Locale.ROOT, "%+d", k.swapsUnserved() - base.swapsUnserved()) : "",
                    money(k.energyCycledKwh()), money(k.peakImportKw()), money(k.peakExportKw()),
                    Integer.toString(k.bays()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void costBars(StringBuilder h, List<Outcome> outcomes, String currency) {
        List<Outcome> solved = outcomes.stream().filter(o -> o.kpis() != null).toList();
        List<String> names = solved.stream().map(o -> o.run().name()).toList();
        List<Svg.Series> series = List.of(
                new Svg.Series("total cost", Svg.PALETTE[0], values(solved, Kpis::totalCost), false),
                new Svg.Series("import cost", Svg.PALETTE[3], values(solved, Kpis::importCost), false),
                new Svg.Series("export revenue (V2G)", Svg.PALETTE[2], values(solved, Kpis::exportRevenue), false),
                new Svg.Series("dispatch reward", Svg.PALETTE[4], values(solved, Kpis::dispatchReward), false));
        h.append("<h2>Cost and revenue per scenario</h2>\n").append(legend(series)).append("<div>")
                .append(Svg.bars("cost-revenue", names, series, Math.max(480, 130 * names.size() + 80), 280,
                        currency))
                .append("</div>\n");
    }

    private static void profiles(StringBuilder h, List<Outcome> outcomes) {
        double hi = 0;
        for (Outcome o : outcomes) {
            if (o.kpis() != null) {
                hi = Math.max(hi, Math.max(o.kpis().peakImportKw(), o.kpis().peakExportKw()));
            }
        }
        Outcome base = outcomes.get(0);
        h.append("<h2>Grid profile per scenario</h2>\n<p class=\"legend\"><span style=\"background:")
                .append(Svg.PALETTE[0]).append("\"></span>import kW<span style=\"background:").append(Svg.PALETTE[1])
                .append("\"></span>export kW<span style=\"background:#999\"></span>the base's import (dashed)</p>\n");
        for (Outcome o : outcomes) {
            if (o.kpis() == null) {
                continue;
            }
            List<Svg.Series> series = new ArrayList<>();
            series.add(new Svg.Series("import", Svg.PALETTE[0], o.importKw(), false));
            series.add(new Svg.Series("export", Svg.PALETTE[1], o.exportKw(), false));
            if (o != base && base.kpis() != null) {
                series.add(new Svg.Series("base import", "#999", base.importKw(), true));
            }
            h.append("<figure><figcaption>").append(escape(o.run().name())).append("</figcaption>")
                    .append(Svg.lines("grid-" + o.run().index(), series, 460, 170, hi, "kW"))
                    .append("</figure>\n");
        }
    }

    private static void heatmaps(StringBuilder h, Study study, List<Outcome> outcomes) {
        h.append("<h2>State of charge per scenario</h2>\n<p>")
                .append(escape(study.fleet() ? "Rows are stations (the mean SOC of their bays), columns slots."
                        : "Rows are bays, columns slots; the SOC at the start of each slot."))
                .append(" Red is empty, yellow half, green full.</p>\n");
        for (Outcome o : outcomes) {
            if (o.kpis() == null) {
                continue;
            }
            int rows = Math.min(MAX_HEATMAP_ROWS, o.socLabels().size());
            String note = rows < o.socLabels().size() ? " (the first " + rows + " of " + o.socLabels().size() + ")"
                    : "";
            double[][] values = new double[rows][];
            System.arraycopy(o.soc(), 0, values, 0, rows);
            h.append("<figure><figcaption>").append(escape(o.run().name() + note)).append("</figcaption>")
                    .append(Svg.heatmap("soc-" + o.run().index(), o.socLabels().subList(0, rows), values, 460, 12))
                    .append("</figure>\n");
        }
    }

    private static void findings(StringBuilder h, List<Outcome> outcomes) {
        h.append("<h2>Checker findings</h2>\n");
        boolean any = false;
        for (Outcome o : outcomes) {
            if (!o.findings().isEmpty() || o.error() != null) {
                any = true;
                h.append("<h3>").append(escape(o.run().name())).append("</h3><ul>");
                if (o.error() != null) {
                    h.append("<li>").append(escape("solve failed: " + o.error())).append("</li>");
                }
                o.findings().stream().limit(20).forEach(f -> h.append("<li>").append(escape(f)).append("</li>"));
                h.append("</ul>\n");
            }
        }
        if (!any) {
            h.append("<p class=\"ok\">Every plan passed the checker.</p>\n");
        }
    }

    private static double[] values(List<Outcome> outcomes, java.util.function.ToDoubleFunction<Kpis> figure) {
        return outcomes.stream().mapToDouble(o -> figure.applyAsDouble(o.kpis())).toArray();
    }

    private static String currency(Study study) {
        Study.Run base = study.runs().get(0);
        return base.station() != null ? base.station().tariff().currency()
                : base.fleet().stations().get(0).tariff().currency();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
}
