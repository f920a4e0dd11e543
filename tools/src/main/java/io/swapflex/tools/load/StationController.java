package io.swapflex.tools.load;

import io.swapflex.optimizer.contract.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A station's controller: its token, its last ETag, the bays as it knows them, and its stream of battery events,
 * sent one at a time and in order (a later event is queued while one is unanswered, and timed from when it was
 * due).
 */
final class StationController {

    final Problem problem;
    final String id;
    final String bearer;
    final SplittableRandom random;
    final boolean[] present;
    /** A bay whose last event went unanswered: its state is unknown, so no more events for it. */
    final boolean[] unknown;
    final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** Acknowledged events: {event id, station revision, acknowledged at (epoch ms)}. */
    final List<long[]> acks = new ArrayList<>();
    volatile String etag;
    volatile long startVersion;
    double maxPlanAgeSeconds;
    boolean inFlight;
    boolean sentAny;

    /** What a controller sends through and reports to: the run's connections, event threads and tallies. */
    interface Run {
        HttpConnection connection();

        void execute(Runnable task);

        Latencies events();

        void arrived(Latencies kind);

        boolean measured(long due);

        /** The drain's time is up: nothing more is sent. */
        boolean abandoned();
    }

    private final Run run;

    StationController(Run run, Problem problem, String token, long seed) {
        this.run = run;
        this.problem = problem;
        this.id = problem.stationId();
        this.bearer = LoadTest.bearer(token);
        this.random = new SplittableRandom(seed);
        this.present = new boolean[problem.bays().size()];
        this.unknown = new boolean[present.length];
        java.util.Arrays.fill(present, true);
    }

    Instant currentSlotStart(Instant now) {
        long start = problem.horizon().startTime().toEpochSecond();
        long slot = problem.horizon().slotMinutes() * 60L;
        return Instant.ofEpochSecond(start + Math.floorDiv(now.getEpochSecond() - start, slot) * slot);
    }

    synchronized void planAge(double seconds) {
        maxPlanAgeSeconds = Math.max(maxPlanAgeSeconds, seconds);
    }

    synchronized boolean idle() {
        return !inFlight && pending.isEmpty();
    }

    /** An event of this station is due: sent now, or after the ones before it. */
    synchronized void due(long due) {
        if (inFlight) {
            pending.add(due);
        } else {
            inFlight = true;
            run.execute(() -> stream(due));
        }
    }

    /** Sends this station's due events one after the other, until none is waiting. */
    private void stream(long first) {
        long due = first;
        while (true) {
            sendEvent(due);
            synchronized (this) {
                Long next = pending.poll();
                if (next == null) {
                    inFlight = false;
                    return;
                }
                due = next;
            }
        }
    }

    /** Decides the next event from the bays' state, sends it and records the answer. */
    private void sendEvent(long due) {
        String body;
        int bay;
        boolean packIn = false;
        boolean packOut = false;
        synchronized (this) {
            int bays = present.length;
            int packs = 0;
            for (int i = 0; i < bays; i++) {
                packs += present[i] && !unknown[i] ? 1 : 0;
            }
            double r = random.nextDouble();
            int empty = pick(false);
            if (r < 0.15 && packs > bays / 2 && (bay = pick(true)) >= 0) {
                body = "{\"kind\":\"PACK_OUT\",\"bayId\":\"" + problem.bays().get(bay).id() + "\"}";
                packOut = true;
            } else if (r < 0.30 && empty >= 0) {
                bay = empty;
                body = String.format(Locale.ROOT, "{\"kind\":\"PACK_IN\",\"bayId\":\"%s\",\"socFraction\":%.2f}",
                        problem.bays().get(bay).id(), 0.15 + 0.15 * random.nextDouble());
                packIn = true;
            } else if ((bay = pick(true)) >= 0) {
                body = String.format(Locale.ROOT, "{\"kind\":\"SOC\",\"bayId\":\"%s\",\"socFraction\":%.2f}",
                        problem.bays().get(bay).id(), 0.2 + 0.8 * random.nextDouble());
            } else {
                return; // every bay unknown: this controller has nothing it can truthfully report
            }
            sentAny = true;
        }
        HttpConnection.Response r;
        while (true) {
            try {
                r = run.connection().send("POST", "/api/v1/stations/" + id + "/events",
                        body.getBytes(StandardCharsets.UTF_8), bearer, "Content-Type: application/json");
            } catch (IOException e) {
                synchronized (this) {
                    unknown[bay] = true; // applied or not: nobody knows, so this bay is left alone from now on
                }
                run.events().transportFailed("event " + id + ": " + e);
                return;
            }
            String retryAfter = r.header("Retry-After");
            if (r.status() != 429 || retryAfter == null || run.abandoned()) {
                break;
            }
            // refused for now, not stored: the same event again after the time asked, still timed from when it was due
            run.events().busy();
            try {
                Thread.sleep(retryAfterMillis(retryAfter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long latency = System.nanoTime() - due;
        run.arrived(run.events());
        synchronized (this) {
            if (r.status() != 202) {
                unknown[bay] = true;
                run.events().failed(r.status(), "event " + id + " " + body + ": " + r.text());
                return;
            }
            if (packIn) {
                present[bay] = true;
            } else if (packOut) {
                present[bay] = false;
            }
            String answer = r.text();
            acks.add(new long[]{LoadTest.number(LoadTest.EVENT_ID, answer), LoadTest.number(LoadTest.REVISION, answer), System.currentTimeMillis()});
        }
        if (run.measured(due)) {
            run.events().ok(202, latency);
        }
    }

    /**
     * What became of this controller's acknowledged events after the load.
     *
     * @param lags      for each event a plan includes: seconds from its acknowledgement to the first such plan
     * @param unplanned events no plan includes yet; the oldest of them {@code oldestUnplanned} seconds old at the end
     */
    record Ledger(long acknowledged, long found, long storedUnacknowledged, long plans, List<Double> lags,
                  long unplanned, double oldestUnplanned) {
    }

    /**
     * @param stored  the ids of this station's events the service stored
     * @param planned the station's plans since the load began: {revision, created at (epoch ms)}
     * @param end     when the load ended
     */
    Ledger ledger(Set<Long> stored, List<long[]> planned, Instant end) {
        List<long[]> acknowledged;
        synchronized (this) {
            acknowledged = List.copyOf(acks);
        }
        long found = 0;
        for (long[] ack : acknowledged) {
            if (stored.contains(ack[0])) {
                found++;
            }
        }
        List<Double> lags = new ArrayList<>();
        long unplanned = 0;
        double oldestUnplanned = 0;
        for (long[] ack : acknowledged) {
            long covered = Long.MAX_VALUE;
            for (long[] p : planned) {
                if (p[0] >= ack[1]) {
                    covered = Math.min(covered, p[1]);
                }
            }
            if (covered == Long.MAX_VALUE) {
                unplanned++;
                oldestUnplanned = Math.max(oldestUnplanned, (end.toEpochMilli() - ack[2]) / 1000.0);
            } else {
                lags.add(Math.max(0, covered - ack[2]) / 1000.0);
            }
        }
        return new Ledger(acknowledged.size(), found, Math.max(0, stored.size() - acknowledged.size()), planned.size(),
                lags, unplanned, oldestUnplanned);
    }

    /** Retry-After in seconds (RFC 9110 also allows a date: then one second), at least 100 ms. */
    static long retryAfterMillis(String header) {
        try {
            return Math.max(100, (long) (Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException date) {
            return 1000;
        }
    }

    /** A random bay with (or without) a pack whose state is known, or -1. */
    private int pick(boolean withPack) {
        int n = present.length;
        int offset = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int b = (offset + i) % n;
            if (present[b] == withPack && !unknown[b]) {
                return b;
            }
        }
        return -1;
    }
}
