package io.swapflex.datasets.series;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Session start instants of one EV-charging dataset (the stand-in for swap arrivals), sorted, plus the periods in
 * which the source recorded nothing (so they count as gaps, not as zero arrivals).
 *
 * @param dataset   dataset folder name
 * @param localZone where the chargers are, for local-time calendar features
 * @param startsUtc session starts, sorted ascending
 * @param gaps      half-open periods {@code [from, to)} with no recording
 */
public record SessionLog(String dataset, ZoneId localZone, Instant[] startsUtc, List<Instant[]> gaps) {

    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId DENVER = ZoneId.of("America/Denver");

    public static SessionLog perthKinross() {
        return fromLocal("ev-sessions-perth-kinross", "/datasets/ev-sessions-perth-kinross/sessions_2017-09_2019-08.csv",
                "start_local", LONDON, List.of());
    }

    /** Dundee: the source holds almost nothing from 2017-12-01 to 2018-02-22 (see its SOURCE.md): a gap. */
    public static SessionLog dundee() {
        Instant gapFrom = LocalDateTime.of(2017, 12, 1, 0, 0).atZone(LONDON).toInstant();
        Instant gapTo = LocalDateTime.of(2018, 2, 22, 0, 0).atZone(LONDON).toInstant();
        return fromLocal("ev-sessions-dundee", "/datasets/ev-sessions-dundee/sessions_2017-09_2018-09.csv",
                "start_local", LONDON, List.<Instant[]>of(new Instant[] {gapFrom, gapTo}));
    }

    /** Boulder stamps are UTC in the file (see its SOURCE.md); local behaviour follows America/Denver. */
    public static SessionLog boulder() {
        List<String[]> rows = Csv.readResource("/datasets/ev-sessions-boulder/sessions_2018-01_2021-03.csv");
        int col = column(rows.get(0), "start_utc");
        Instant[] starts = new Instant[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            starts[r - 1] = OffsetDateTime.parse(rows.get(r)[col]).toInstant();
        }
        Arrays.sort(starts);
        return new SessionLog("ev-sessions-boulder", DENVER, starts, List.of());
    }

    static SessionLog fromLocal(String dataset, String resource, String startColumn, ZoneId zone, List<Instant[]> gaps) {
        List<String[]> rows = Csv.readResource(resource);
        int col = column(rows.get(0), startColumn);
        Instant[] starts = new Instant[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            starts[r - 1] = localToInstant(rows.get(r)[col], zone);
        }
        Arrays.sort(starts);
        return new SessionLog(dataset, zone, starts, gaps);
    }

    /**
     * Wall-clock {@code yyyy-MM-dd HH:mm} without offset → instant. In the spring gap (e.g. 01:30 on the last
     * Sunday of March in London, which never happens on a clock) the time is moved forward by the gap length, the
     * reading a clock that was not yet changed would give; in the autumn overlap the earlier (summer) offset is used,
     * as nothing in the files tells the two 01:xx hours apart.
     */
    public static Instant localToInstant(String wallClock, ZoneId zone) {
        return LocalDateTime.parse(wallClock.trim(), LOCAL_MINUTES).atZone(zone).toInstant();
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + String.join(",", header));
    }

    /** First full step at or after the first session (on the step grid aligned to the UTC epoch). */
    public Instant firstStep(Duration step) {
        long s = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(startsUtc[0].toEpochMilli(), s) * s);
    }

    /**
     * Session starts per step in {@code [from, from + n*step)}; steps overlapping a recording gap are NaN.
     */
    public TimeSeries arrivals(Instant from, Duration step, int n) {
        double[] counts = new double[n];
        Instant to = from.plus(step.multipliedBy(n));
        int i = lowerBound(from);
        long stepMillis = step.toMillis();
        for (; i < startsUtc.length && startsUtc[i].isBefore(to); i++) {
            counts[(int) ((startsUtc[i].toEpochMilli() - from.toEpochMilli()) / stepMillis)]++;
        }
        for (Instant[] gap : gaps) {
            for (int k = 0; k < n; k++) {
                Instant a = from.plus(step.multipliedBy(k));
                Instant b = a.plus(step);
                if (a.isBefore(gap[1]) && b.isAfter(gap[0])) {
                    counts[k] = Double.NaN;
                }
            }
        }
        return new TimeSeries("arrivals", "count", from, step, counts);
    }

    /** Arrivals per step over the whole recorded range (first to last session, whole steps). */
    public TimeSeries arrivals(Duration step) {
        Instant from = firstStep(step);
        long last = startsUtc[startsUtc.length - 1].toEpochMilli();
        int n = (int) ((last - from.toEpochMilli()) / step.toMillis()) + 1;
        return arrivals(from, step, n);
    }

    private int lowerBound(Instant t) {
        int lo = 0;
        int hi = startsUtc.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startsUtc[mid].isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
