package io.swapflex.studies;

import io.swapflex.studies.report.CsvTable;
import io.swapflex.studies.whatif.Kpis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The study's results as CSV: one row per run (the base first), every figure of {@link Kpis} — read from the record
 * itself, so a figure added there appears here — then each numeric figure's difference to the base
 * ({@code delta_*}), the checker's verdict and the gap. Only {@code solveMillis} is left out: it is wall time, and the
 * file must be the same whatever the number of threads.
 */
public final class CsvReport {

    /** The figures of {@link Kpis} left out of the file (wall time). */
    static final List<String> LEFT_OUT = List.of("solveMillis");

    private CsvReport() {
    }

    /** The Kpis components written, in the record's order. */
    static List<RecordComponent> figures() {
        return Arrays.stream(Kpis.class.getRecordComponents()).filter(c -> !LEFT_OUT.contains(c.getName())).toList();
    }

    static boolean numeric(RecordComponent c) {
        return c.getType() == double.class || c.getType() == int.class;
    }

    /** The value of a figure (boxed), or null. */
    static Object value(RecordComponent c, Kpis kpis) {
        if (kpis == null) {
            return null;
        }
        try {
            return c.getAccessor().invoke(kpis);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read Kpis." + c.getName(), e);
        }
    }

    public static String write(Study study, List<Outcome> outcomes) {
        List<RecordComponent> figures = figures();
        List<String> header = new ArrayList<>(List.of("index", "scenario", "base", "run_solver", "time_limit_ms",
                "gap_target", "verdict", "findings", "first_finding"));
        for (RecordComponent c : figures) {
            header.add(snake(c.getName()));
        }
        for (RecordComponent c : figures) {
            if (numeric(c)) {
                header.add("delta_" + snake(c.getName()));
            }
        }
        header.add("variations");
        CsvTable out = new CsvTable(header);
        Kpis base = outcomes.get(0).kpis();
        for (Outcome o : outcomes) {
            Study.Run run = o.run();
            List<String> row = new ArrayList<>(List.of(Integer.toString(run.index()), run.name(),
                    study.baseLabel(), run.solver(), Long.toString(run.timeLimit().toMillis()),
                    number(run.gapTarget()), o.verdict(), Integer.toString(o.findings().size()),
                    o.error() != null ? o.error() : o.findings().isEmpty() ? "" : o.findings().get(0)));
            for (RecordComponent c : figures) {
                row.add(cell(value(c, o.kpis())));
            }
            for (RecordComponent c : figures) {
                if (numeric(c)) {
                    Object v = value(c, o.kpis());
                    Object b = value(c, base);
                    row.add(v == null || b == null ? "" : cell(delta(v, b)));
                }
            }
            row.add(run.variations().toString());
            out.row(row);
        }
        return out.write();
    }

    /** This figure minus the base's (an int stays an int). */
    static Object delta(Object value, Object base) {
        if (value instanceof Integer i) {
            return i - (Integer) base;
        }
        return ((Double) value) - ((Double) base);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return value.toString();
    }

    /** Six decimals, enough for money and kWh and stable across runs of the same plan. */
    static String number(double value) {
        String s = String.format(Locale.ROOT, "%.6f", value);
        return s.equals("-0.000000") ? "0.000000" : s;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

}
