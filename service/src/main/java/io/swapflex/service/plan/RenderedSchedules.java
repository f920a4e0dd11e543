package io.swapflex.service.plan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Schedules as sent, kept per station for its current plan version: every controller of a station pulls the same
 * window (from its current slot) until the slot or the plan changes, so the slots are cut from the plan and written
 * as JSON once, not on every pull. A newer plan version replaces a station's entries; a station keeps at most
 * {@value #WINDOWS_PER_STATION} windows (controllers asking odd windows cannot grow it without bound).
 *
 * <p>A pull finds its entry by the query's {@code from} and {@code to} exactly as sent: a pull of a window already
 * written (most of them, answered 304) parses no date, formats none and writes no JSON — the profile under load had
 * the parse of {@code from}, the horizon's start ({@code Horizon.startTime()} parses it on every call) and the ETag's
 * two formatted instants as the largest costs of a pull in the service's own code. Only a query that was read
 * and checked is kept (a bad one throws before).
 */
public final class RenderedSchedules {

    static final int WINDOWS_PER_STATION = 8;

    /** A schedule written out: the body and its validator. */
    public record Rendered(String etag, byte[] body) {
    }

    /** A window as asked: the query's {@code from} and {@code to} as sent (null when absent). */
    public record Query(String from, String to) {
    }

    private record Entry(long version, Map<Query, Rendered> windows) {
    }

    private final Map<String, Entry> stations = new ConcurrentHashMap<>();
    private final Function<Schedule, byte[]> writer;

    /** @param writer writes a schedule as the API sends it (the REST layer's JSON mapper) */
    public RenderedSchedules(Function<Schedule, byte[]> writer) {
        this.writer = writer;
    }

    /**
     * The schedule of the plan over the window asked, written once per plan version and query.
     *
     * @param window reads and checks the query (called only when it is not known yet)
     * @throws io.swapflex.optimizer.contract.InvalidProblemException what {@code window} throws for a bad query
     */
    public Rendered of(StoredPlan plan, Query query, Supplier<Schedule.Window> window) {
        Entry entry = stations.compute(plan.stationId(), (id, known) ->
                known == null || known.version() < plan.version() ? new Entry(plan.version(), new ConcurrentHashMap<>())
                        : known);
        if (entry.version() != plan.version()) {
            // a pull still holding an older plan than the one cached: answer it without caching
            return render(plan, window.get());
        }
        Rendered rendered = entry.windows().get(query);
        if (rendered == null) {
            Schedule.Window checked = window.get(); // a bad query throws here, and is not kept
            if (entry.windows().size() >= WINDOWS_PER_STATION) {
                entry.windows().clear();
            }
            rendered = entry.windows().computeIfAbsent(query, q -> render(plan, checked));
        }
        return rendered;
    }

    private Rendered render(StoredPlan plan, Schedule.Window window) {
        Schedule schedule = Schedule.of(plan, window.from(), window.to());
        return new Rendered(schedule.etag(), writer.apply(schedule));
    }
}
