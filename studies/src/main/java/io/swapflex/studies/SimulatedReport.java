package io.swapflex.studies;

import io.swapflex.simulation.ClosedLoopStudy;
import io.swapflex.simulation.Simulation;
import io.swapflex.studies.report.CsvTable;
import io.swapflex.studies.report.Html;
import io.swapflex.studies.report.Svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.swapflex.studies.report.Html.cells;
import static io.swapflex.studies.report.Html.escape;
import static io.swapflex.studies.report.Html.legend;
import static io.swapflex.studies.report.Html.money;
import static io.swapflex.studies.report.Html.signed;

/**
 * The files of a {@code "mode": "simulate"} what-if study: {@code results.csv} (one row per scenario and arm),
 * {@code report.html} (self-contained XHTML: the figures, cost and service per scenario, each scenario's daily net
 * cost, and the policy's realised grid profile and SOC heatmap over the first days) and the terminal table. Nothing
 * in them is wall time, so with the deterministic solves they are the same whatever the number of threads.
 */
public final class SimulatedReport {

    /** Days of realised slots drawn in the profiles and heatmaps (a month of slots would make a huge file). */
    static final int DRAWN_DAYS = 2;

    private SimulatedReport() {
    }

    private static final String[] CSV_HEADER = {"index", "scenario", "arm", "days", "demanded", "served", "missed",
            "served_pct", "import_cost", "export_revenue", "degradation_cost", "net_cost", "penalty",
            "net_cost_plus_penalty", "delta_net_cost", "delta_missed", "vs_perfect_foresight_pct", "charged_kwh",
            "discharged_kwh", "exported_kwh", "peak_import_kw", "breaches", "end_stored_kwh", "plans",
            "checker_rejections", "rejected_plans_applied", "error", "variations"};

    public static String csv(SimulatedStudy study, List<SimulatedStudy.Outcome> outcomes) {
        CsvTable out = new CsvTable(List.of(CSV_HEADER));
        SimulatedStudy.Outcome base = outcomes.get(0);
        for (SimulatedStudy.Outcome o : outcomes) {
            double penalty = penalty(o);
            Simulation.Kpis pf = SimulatedStudy.reference(o);
            if (o.arms().isEmpty()) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(o.run().index()), o.run().name()));
                while (row.size() < CSV_HEADER.length - 2) {
                    row.add("");
                }
                row.add(o.error());
                row.add(o.run().variations().toString());
                out.row(row);
                continue;
            }
            for (ClosedLoopStudy.Arm a : o.arms()) {
                Simulation.Kpis k = a.result().total();
                ClosedLoopStudy.Arm same = base.arm(a.name());
                Simulation.Kpis b = same == null ? null : same.result().total();
                var plans = a.result().plans();
                List<String> row = new ArrayList<>(List.of(String.valueOf(o.run().index()),
                        o.run().name(), a.name(), String.valueOf(a.result().days().size()),
                        String.valueOf(k.demanded()), String.valueOf(k.served()), String.valueOf(k.missed()),
                        num(k.servedPercent()), num(k.importCost()), num(k.exportRevenue()), num(k.degradationCost()),
                        num(k.netCost()), num(penalty * k.missed()), num(k.netCost() + penalty * k.missed()),
                        b == null ? "" : num(k.netCost() - b.netCost()),
                        b == null ? "" : String.valueOf(k.missed() - b.missed()),
                        pf == null ? "" : num(100 * (k.netCost() - pf.netCost()) / Math.abs(pf.netCost())),
                        num(k.chargedKwh()), num(k.dischargedKwh()), num(k.exportedKwh()), num(k.peakImportKw()),
                        String.valueOf(k.breaches()), num(k.endStoredKwh()), String.valueOf(plans.plans()),
                        String.valueOf(plans.checkerFailures()), String.valueOf(plans.appliedFailures()),
                        o.error() == null ? "" : o.error(), o.run().variations().toString()));
                out.row(row);
            }
        }
        return out.write();
    }

    /** The terminal table: one line per scenario and arm. */
    public static String table(List<SimulatedStudy.Outcome> outcomes) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %-18s %7s %6s %8s %10s %10s %8s %10s "
                + "%8s %6s%n", "scenario", "arm", "demand", "missed", "served%", "net", "Δ net", "vs PF", "net+pen",
                "peak kW", "rej"));
        SimulatedStudy.Outcome base = outcomes.get(0);
        for (SimulatedStudy.Outcome o : outcomes) {
            if (o.error() != null) {
                s.append(String.format(Locale.ROOT, "%-28s failed: %s%n", o.run().name(), o.error()));
            }
            Simulation.Kpis pf = SimulatedStudy.reference(o);
            for (ClosedLoopStudy.Arm a : o.arms()) {
                Simulation.Kpis k = a.result().total();
                ClosedLoopStudy.Arm same = base.arm(a.name());
                s.append(String.format(Locale.ROOT, "%-28s %-18s %7d %6d %8.2f %10.1f %10s %8s %10.1f %8.2f %6d%n",
                        o.run().name(), a.name(), k.demanded(), k.missed(), k.servedPercent(), k.netCost(),
                        same == null ? "" : signed(k.netCost() - same.result().total().netCost()),
                        pf == null ? "" : String.format(Locale.ROOT, "%+.1f%%",
                                100 * (k.netCost() - pf.netCost()) / Math.abs(pf.netCost())),
                        k.netCost() + penalty(o) * k.missed(), k.peakImportKw(),
                        a.result().plans().checkerFailures()));
            }
        }
        return s.toString();
    }

    public static String html(SimulatedStudy study, List<SimulatedStudy.Outcome> outcomes) {
        StringBuilder h = Html.page("What-if study: " + study.name(), Html.FIRST_COLUMN + ",td:nth-child(2)");
        SimulatedStudy.Outcome base = outcomes.get(0);
        var baseStudy = base.run().study();
        String currency = currency(outcomes);
        h.append("<h1>").append(escape("What-if study: " + study.name())).append("</h1>\n<p>")
                .append(escape(String.format(Locale.ROOT, "Mode: simulate. Base: %s. Each scenario is a "
                                + "closed-loop simulation of %d days from %s (seed %d, %d warm-up days): every slot "
                                + "the station re-plans from a forecast made with the data it had then (%s, P%.0f "
                                + "demand, %s rule), applies the first slot and meets the riders that really came. "
                                + "Arms: %s. Scenarios with the same demand see the same riders. Money in %s; net = "
                                + "import − export + degradation; the penalty is the station's per missed swap; vs "
                                + "PF = net cost against the scenario's perfect-foresight arm. Every plan applied "
                                + "passed the independent plan checker (a rejected one is replaced, and counted). "
                                + "Solves %s.", study.base(), baseStudy.days(), baseStudy.startDate(),
                        baseStudy.seed(), baseStudy.warmupDays(), baseStudy.forecaster(),
                        100 * baseStudy.serviceLevel(), baseStudy.serviceLevelRule(), String.join(", ", study.arms()),
                        currency, baseStudy.deterministic() ? "deterministic (the same results whatever the threads)"
                                : "on the wall clock (reruns differ slightly)")))
                .append("</p>\n");
        // table
        h.append("<h2>Key figures</h2>\n<table id=\"kpis\"><tr><th>scenario</th><th>arm</th><th>swaps</th>")
                .append("<th>missed</th><th>served</th><th>import cost</th><th>export revenue</th>")
                .append("<th>degradation</th><th>net cost</th><th>Δ net</th><th>vs PF</th><th>net + penalty</th>")
                .append("<th>energy cycled</th><th>peak import</th><th>checker rejections</th></tr>\n");
        for (SimulatedStudy.Outcome o : outcomes) {
            Simulation.Kpis pf = SimulatedStudy.reference(o);
            if (o.error() != null) {
                h.append("<tr class=\"bad\"><td>").append(escape(o.run().name())).append("</td><td>")
                        .append(escape("failed: " + o.error())).append("</td></tr>\n");
            }
            for (ClosedLoopStudy.Arm a : o.arms()) {
                Simulation.Kpis k = a.result().total();
                ClosedLoopStudy.Arm same = base.arm(a.name());
                h.append(a.result().plans().appliedFailures() > 0 ? "<tr class=\"bad\">" : "<tr>");
                cells(h, o.run().name(), a.name(), String.valueOf(k.demanded()), String.valueOf(k.missed()),
                        String.format(Locale.ROOT, "%.2f %%", k.servedPercent()), money(k.importCost()),
                        money(k.exportRevenue()), money(k.degradationCost()), money(k.netCost()),
                        same == null ? "" : signed(k.netCost() - same.result().total().netCost()),
                        pf == null ? "" : String.format(Locale.ROOT, "%+.1f %%",
                                100 * (k.netCost() - pf.netCost()) / Math.abs(pf.netCost())),
                        money(k.netCost() + penalty(o) * k.missed()),
                        String.format(Locale.ROOT, "%.1f kWh", k.cycledKwh()),
                        String.format(Locale.ROOT, "%.2f kW", k.peakImportKw()),
                        String.valueOf(a.result().plans().checkerFailures()));
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");
        // bars: net cost (+ penalty) and served per scenario, one bar per arm
        List<SimulatedStudy.Outcome> ok = outcomes.stream().filter(o -> o.error() == null).toList();
        List<String> names = ok.stream().map(o -> o.run().name()).toList();
        List<Svg.Series> cost = new ArrayList<>();
        List<Svg.Series> served = new ArrayList<>();
        for (int i = 0; i < study.arms().size(); i++) {
            String arm = study.arms().get(i);
            String color = Svg.PALETTE[i % Svg.PALETTE.length];
            cost.add(new Svg.Series(arm + ": net cost", color, ok.stream()
                    .mapToDouble(o -> o.arm(arm).result().total().netCost()).toArray(), false));
            served.add(new Svg.Series(arm + ": missed swaps", color, ok.stream()
                    .mapToDouble(o -> o.arm(arm).result().total().missed()).toArray(), false));
        }
        int width = Math.max(480, 130 * names.size() + 80);
        h.append("<h2>Net cost per scenario</h2>\n").append(legend(cost)).append("<div>")
                .append(Svg.bars("net-cost", names, cost, width, 280, currency)).append("</div>\n");
        h.append("<h2>Missed swaps per scenario</h2>\n").append(legend(served)).append("<div>")
                .append(Svg.bars("missed", names, served, width, 240, "swaps")).append("</div>\n");
        // daily net cost of the first arm, one line per scenario
        String lead = study.arms().get(0);
        List<Svg.Series> daily = new ArrayList<>();
        double hi = 0;
        for (int i = 0; i < ok.size(); i++) {
            double[] d = ok.get(i).arm(lead).result().days().stream().mapToDouble(Simulation.Kpis::netCost).toArray();
            for (double x : d) {
                hi = Math.max(hi, x);
            }
            daily.add(new Svg.Series(ok.get(i).run().name(), Svg.PALETTE[i % Svg.PALETTE.length], d, i > 5));
        }
        if (baseStudy.days() > 1) {
            h.append("<h2>Net cost per day (").append(escape(lead)).append(")</h2>\n")
                    .append(legend(daily)).append("<div>").append(Svg.lines("daily", daily, 620, 220, hi, currency))
                    .append("</div>\n");
        }
        // realised grid profile and SOC heatmap of the first arm over the first days
        h.append("<h2>Realised grid profile and state of charge (").append(escape(lead))
                .append(", the first ").append(DRAWN_DAYS).append(" days)</h2>\n<p class=\"legend\"><span style=\"")
                .append("background:").append(Svg.PALETTE[0]).append("\"></span>import kW<span style=\"background:")
                .append(Svg.PALETTE[1]).append("\"></span>export kW. Heatmap rows are bays, columns slots; red is ")
                .append("empty, yellow half, green full.</p>\n");
        for (SimulatedStudy.Outcome o : ok) {
            Simulation.Trace tr = o.arm(lead).result().trace();
            int slots = Math.min(tr.importKw().length,
                    DRAWN_DAYS * Math.max(1, tr.importKw().length / Math.max(1, o.arm(lead).result().days().size())));
            double[] in = java.util.Arrays.copyOf(tr.importKw(), slots);
            double[] out = java.util.Arrays.copyOf(tr.exportKw(), slots);
            double top = 0;
            for (int t = 0; t < slots; t++) {
                top = Math.max(top, Math.max(in[t], out[t]));
            }
            double[][] soc = new double[tr.soc().length][];
            List<String> rows = new ArrayList<>();
            var bays = io.swapflex.simulation.World.templateOf(o.run().study()).bays();
            for (int b = 0; b < soc.length; b++) {
                soc[b] = java.util.Arrays.copyOf(tr.soc()[b], slots);
                rows.add(bays.get(b).id());
            }
            h.append("<figure><figcaption>").append(escape(o.run().name())).append("</figcaption>")
                    .append(Svg.lines("grid-" + o.run().index(), List.of(
                            new Svg.Series("import", Svg.PALETTE[0], in, false),
                            new Svg.Series("export", Svg.PALETTE[1], out, false)), 460, 150, top, "kW"))
                    .append("<br/>")
                    .append(Svg.heatmap("soc-" + o.run().index(), rows, soc, 460, 8))
                    .append("</figure>\n");
        }
        // the plan checker
        h.append("<h2>Plan checker</h2>\n");
        int plans = 0;
        int rejected = 0;
        int applied = 0;
        for (SimulatedStudy.Outcome o : outcomes) {
            for (ClosedLoopStudy.Arm a : o.arms()) {
                plans += a.result().plans().plans();
                rejected += a.result().plans().checkerFailures();
                applied += a.result().plans().appliedFailures();
            }
        }
        h.append(applied == 0 ? "<p class=\"ok\">" : "<p class=\"bad\">").append(escape(String.format(
                Locale.ROOT, "%d plans made, %d rejected by the plan checker and replaced (a cold solve, then the "
                        + "greedy rule), %d rejected plans applied.", plans, rejected, applied))).append("</p>\n");
        return Html.end(h);
    }

    private static double penalty(SimulatedStudy.Outcome o) {
        return io.swapflex.simulation.World.templateOf(o.run().study()).unservedSwapPenalty();
    }

    private static String currency(List<SimulatedStudy.Outcome> outcomes) {
        return io.swapflex.simulation.World.templateOf(outcomes.get(0).run().study()).tariff().currency();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
