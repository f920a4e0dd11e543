package io.swapflex.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.hazelcast.core.HazelcastInstance;
import io.swapflex.cluster.ClusterMembers;
import io.swapflex.cluster.ClusterStudyRunner;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.studies.CsvReport;
import io.swapflex.studies.HtmlReport;
import io.swapflex.studies.Outcome;
import io.swapflex.studies.ProgressBar;
import io.swapflex.studies.SimulatedReport;
import io.swapflex.studies.SimulatedStudy;
import io.swapflex.studies.Study;
import io.swapflex.studies.StudyReader;
import io.swapflex.studies.StudyRunner;
import io.swapflex.studies.report.Html;
import io.swapflex.studies.whatif.Kpis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code swapflex whatif}: runs a study file's scenarios in parallel and writes {@code results.csv},
 * {@code report.html}, each run's plan under {@code plans/} and, for a station base, {@code whatif-request.json} (the
 * same study as the service's POST body). The progress bar goes to stderr, the key figures table to stdout.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"Run a what-if study: a base and its scenarios, each planned and checked (or, with \"mode\": "
                + "\"simulate\", each a closed-loop simulation), into DIR: results.csv, report.html, plans/ and, for a "
                + "station base, whatif-request.json (the same study as the service's POST body).",
                "The progress bar goes to standard error, the key figures to standard output. docs/studies.md "
                        + "describes the study file."})
final class WhatIfCommand extends Edge {

    @Parameters(paramLabel = "STUDY.json", description = "The study file.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "results",
            description = "Where the files go (default ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        PrintStream out = out();
        PrintStream err = err();
        cluster.validate();
        int cores = Runtime.getRuntime().availableProcessors();
        if (SimulatedStudy.isSimulate(Files.readString(input, StandardCharsets.UTF_8))) {
            if (cluster.spread()) {
                throw new IllegalArgumentException("a simulate study runs on this machine: --cluster and "
                        + "--cluster-members are for plan studies");
            }
            return simulate(SimulatedStudy.read(input), dir, cluster.threads != null ? cluster.threads : cores,
                    out, err);
        }
        Study study = StudyReader.read(input);
        List<Outcome> outcomes;
        if (!cluster.spread()) {
            int threads = cluster.threads(cores);
            err.printf(Locale.ROOT, "study %s: %s, %d runs, mode %s, %d threads%n", study.name(), study.baseLabel(),
                    study.runs().size(), study.mode(), threads);
            ProgressBar bar = new ProgressBar(err, System::nanoTime);
            bar.begin(study.runs().size());
            outcomes = StudyRunner.run(study, threads, bar);
        } else {
            // members started here share this machine's cores; a member of its own has them all
            int threads = cluster.threads(cores);
            long start = System.nanoTime();
            List<HazelcastInstance> members = cluster.startOrJoin(threads);
            try {
                int size = members.get(0).getCluster().getMembers().size();
                err.printf(Locale.ROOT, "study %s: %s, %d runs, mode %s, on a cluster of %d members (up in %.1f s), "
                        + "%d scenarios at once on each%n", study.name(), study.baseLabel(), study.runs().size(),
                        study.mode(), size, (System.nanoTime() - start) / 1e9, threads);
                ProgressBar bar = new ProgressBar(err, System::nanoTime);
                bar.begin(study.runs().size());
                ClusterStudyRunner.Result result = ClusterStudyRunner.run(members.get(0), study, threads, bar);
                outcomes = result.outcomes();
                err.printf(Locale.ROOT, "runs per member: %s%n", result.members().stream()
                        .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting())));
            } finally {
                ClusterMembers.shutdown(members);
            }
        }
        write(dir, study, outcomes);
        out.print(table(outcomes));
        out.printf(Locale.ROOT, "wrote %s, %s and %d plans in %s%n", dir.resolve("results.csv"),
                dir.resolve("report.html"), outcomes.stream().filter(o -> o.planJson() != null).count(),
                dir.resolve("plans"));
        return Main.OK;
    }

    /** A {@code "mode": "simulate"} study: every scenario a closed-loop simulation. */
    private static int simulate(SimulatedStudy study, Path dir, int threads, PrintStream out, PrintStream err)
            throws IOException {
        var base = study.runs().get(0).study();
        err.printf(Locale.ROOT, "study %s: %s, %d runs × arms %s, mode simulate (%d days each), %d threads%n",
                study.name(), study.base(), study.runs().size(), study.arms(), base.days(), threads);
        long start = System.nanoTime();
        int total = study.runs().size();
        List<SimulatedStudy.Outcome> outcomes = study.run(threads, (done, all, o) -> {
            double s = (System.nanoTime() - start) / 1e9;
            int width = 24;
            int filled = (int) Math.round(width * (double) done / all);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d runs  elapsed %d:%02d  ETA %d:%02d  %s: %s", "#".repeat(filled),
                    "-".repeat(width - filled), done, all, (int) s / 60, (int) s % 60,
                    (int) (s / done * (all - done)) / 60, (int) (s / done * (all - done)) % 60, o.run().name(),
                    o.error() == null ? "ok" : "failed");
            if (done == all) {
                err.println();
            }
        });
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), SimulatedReport.csv(study, outcomes), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), SimulatedReport.html(study, outcomes), StandardCharsets.UTF_8);
        out.print(SimulatedReport.table(outcomes));
        out.printf(Locale.ROOT, "(%d runs, %d threads, %.0f s)%nwrote %s and %s%n", total, threads,
                (System.nanoTime() - start) / 1e9, dir.resolve("results.csv"), dir.resolve("report.html"));
        return outcomes.stream().anyMatch(o -> o.error() != null) ? Main.FAILED : Main.OK;
    }

    /** Writes the study's files into {@code dir}. */
    static void write(Path dir, Study study, List<Outcome> outcomes) throws IOException {
        Path plans = dir.resolve("plans");
        Files.createDirectories(plans);
        Files.writeString(dir.resolve("results.csv"), CsvReport.write(study, outcomes), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), HtmlReport.write(study, outcomes), StandardCharsets.UTF_8);
        for (Outcome o : outcomes) {
            if (o.planJson() != null) {
                Files.writeString(plans.resolve(fileName(o.run()) + (study.fleet() ? ".fleet-plan.json"
                        : ".plan.json")), o.planJson() + "\n", StandardCharsets.UTF_8);
            }
        }
        if (study.request() != null) {
            // without the nulls (stationId, unset options): the body as one would write it
            Files.writeString(dir.resolve("whatif-request.json"), ContractJson.mapper().copy()
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(study.request()) + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    static String fileName(Study.Run run) {
        return String.format(Locale.ROOT, "%02d-%s", run.index(), run.name().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %-10s %-10s %8s %12s %10s %10s %9s "
                + "%9s %7s%n", "scenario", "checker", "status", "gap", "total", "Δ total", "V2G rev", "unserved",
                "peak kW", "solve s"));
        Kpis base = outcomes.get(0).kpis();
        for (Outcome o : outcomes) {
            Kpis k = o.kpis();
            if (k == null) {
                s.append(String.format(Locale.ROOT, "%-28s %-10s %s%n", o.run().name(), o.verdict(), o.error()));
                continue;
            }
            s.append(String.format(Locale.ROOT, "%-28s %-10s %-10s %8s %12.2f %10s %10.2f %9d %9.1f %7.1f%n",
                    o.run().name(), o.verdict(), k.status(),
                    k.gap() == null ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * k.gap()), k.totalCost(),
                    base == null ? "" : Html.signed(k.totalCost() - base.totalCost()),
                    k.exportRevenue(), k.swapsUnserved(), k.peakImportKw(), k.solveMillis() / 1000.0));
        }
        return s.toString();
    }
}
