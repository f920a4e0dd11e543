package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.openadr.VtnClient.VtnException;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SwapFlex as a VEN of a grid operator's VTN (OpenADR 3.0.1): each {@link #round()} reads the VTN's programs and their
 * events, applies every event it has not applied yet exactly as an event POSTed to the service is applied
 * ({@link Events#apply}, i.e. {@link OpenAdrService#submitFromVtn}: the same reader, mapping, signals, dispatch
 * requests and re-plans), waits for the targeted stations' re-plans, and posts each station's report about the event
 * to the VTN's {@code /reports} (the same report {@code GET /api/v1/openadr3/reports} gives). It answers how long to
 * wait before the next round: the poll interval after a good round, a doubling back-off (from {@code firstRetry} up to
 * {@code maxRetry}) after failed ones. A VTN that is down, refuses the credentials or answers garbage is logged and
 * tried again later; nothing here throws out of a round.
 *
 * <p>An event is applied once, by its VTN id: the stored events say which were (so a restart does not apply them
 * again), and this VEN remembers the ones it could not use (a target that is no station here, a malformed interval)
 * so that each is logged once. A changed event (a later {@code modificationDateTime}) is not applied again: logged.
 * Reports not yet accepted by the VTN are tried again each round (a station without a plan yet, the next round; a
 * station deleted since, none).
 */
public final class Ven {

    private static final Logger LOG = Logger.getLogger(Ven.class);

    /** How long a round waits for a station's re-plan before reporting on the plan it has. */
    static final Duration REPLAN_WAIT = Duration.ofSeconds(60);

    /** What the VEN does with events: the service's own event path (an interface so the VEN is tested alone too). */
    public interface Events {
        /**
         * Applies an event read from the VTN; the stations it was applied to (empty when wholly declined).
         *
         * @throws InvalidProblemException when the event cannot be used, every fault named
         */
        List<String> apply(JsonNode event, String vtn);

        /** Whether the event (by its VTN id) was applied before. */
        boolean known(String eventId);

        /** The station's report about the event, on its plan once the re-plans the event asked for have ended. */
        JsonNode report(String stationId, String eventId) throws InterruptedException;
    }

    /**
     * The VEN's settings.
     *
     * @param venName      the VEN's name at the VTN ({@code clientName} of its reports and subscriptions)
     * @param programs     the program names to follow; empty: every program the VTN lists
     * @param pollInterval the time between rounds
     * @param firstRetry   the wait after a first failed round (doubled after each further one)
     * @param maxRetry     the longest wait after failed rounds
     * @param callback     the service's URL the VTN may notify ({@code POST /subscriptions}); empty: polling only
     * @param callbackToken the bearer token the VTN is to present at the callback
     */
    public record Settings(String venName, Set<String> programs, Duration pollInterval, Duration firstRetry,
                           Duration maxRetry, Optional<URI> callback, String callbackToken) {
    }

    /** What the last rounds came to. */
    public record Status(String vtn, Instant lastRound, boolean lastOk, String lastError, int failuresInARow,
                         long nextRoundInSeconds, int programs, int eventsApplied, int reportsPosted,
                         int reportsWaiting, int subscriptions) {
    }

    private record PendingReport(String eventId, String stationId) {
    }

    private final VtnClient vtn;
    private final Events events;
    private final Settings settings;
    private final Clock clock;
    private final Set<String> seen = new LinkedHashSet<>();
    private final Map<String, String> modified = new LinkedHashMap<>();
    private final Set<PendingReport> pending = new LinkedHashSet<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private int failures;
    private int programCount;
    private int applied;
    private int posted;
    private Instant lastRound;
    private String lastError;
    private Duration next = Duration.ZERO;
    private volatile Status status;

    public Ven(VtnClient vtn, Events events, Settings settings, Clock clock) {
        this.vtn = vtn;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.status = snapshot();
    }

    /**
     * One round: programs, events, reports. Never throws (but for an {@link Error}).
     *
     * @return the wait before the next round
     */
    public synchronized Duration round() {
        lastRound = clock.instant();
        try {
            List<JsonNode> programs = followed(vtn.programs());
            programCount = programs.size();
            subscribe(programs);
            for (JsonNode program : programs) {
                for (JsonNode event : vtn.events(program.path("id").asText())) {
                    take(event);
                }
            }
            report();
            if (failures > 0) {
                LOG.infof("OpenADR VEN: the VTN at %s answers again after %d failed rounds", vtn.base(), failures);
            }
            failures = 0;
            lastError = null;
            next = settings.pollInterval();
        } catch (VtnException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed("interrupted");
        } catch (RuntimeException e) {
            // A fault of ours (or a document nobody foresaw): logged with its trace, and the VEN goes on.
            LOG.errorf(e, "OpenADR VEN: a round against %s failed", vtn.base());
            failed(e.toString());
        }
        status = snapshot();
        return next;
    }

    /** What the last round came to (without waiting for a round that is running). */
    public Status status() {
        return status;
    }

    private Status snapshot() {
        return new Status(vtn.base().toString(), lastRound, lastRound != null && lastError == null, lastError,
                failures, next.toSeconds(), programCount, applied, posted, pending.size(), subscribed.size());
    }

    private void failed(String why) {
        failures++;
        lastError = why;
        long factor = 1L << Math.min(failures - 1, 20);
        Duration wait = settings.firstRetry().multipliedBy(factor);
        next = wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
        LOG.warnf("OpenADR VEN: round %d in a row failed, next try in %s: %s", failures, next, why);
    }

    private List<JsonNode> followed(List<JsonNode> programs) {
        if (settings.programs().isEmpty()) {
            return programs;
        }
        return programs.stream().filter(p -> settings.programs().contains(p.path("programName").asText())).toList();
    }

    /** Applies an event not applied (nor refused) before. */
    private void take(JsonNode event) {
        String id = event.path("id").asText("");
        String version = event.path("modificationDateTime").asText("");
        if (seen.contains(id)) {
            String before = modified.get(id);
            if (before != null && !before.equals(version)) {
                LOG.warnf("OpenADR VEN: event %s was modified at the VTN (%s); a modified event is not applied "
                        + "again", id, version);
                modified.put(id, version);
            }
            return;
        }
        seen.add(id);
        modified.put(id, version);
        if (!id.isEmpty() && events.known(id)) {
            return;
        }
        try {
            List<String> stations = events.apply(event, "VTN " + vtn.base());
            if (stations.isEmpty()) {
                LOG.infof("OpenADR VEN: event %s (program %s) declined by every station it targets", id,
                        event.path("programID").asText());
                return;
            }
            applied++;
            LOG.infof("OpenADR VEN: event %s (program %s) applied to %s", id, event.path("programID").asText(),
                    stations);
            stations.forEach(s -> pending.add(new PendingReport(id, s)));
        } catch (InvalidProblemException e) {
            LOG.warnf("OpenADR VEN: event %s from the VTN cannot be used: %s", id, String.join("; ", e.errors()));
        }
    }

    /** Posts the reports not yet accepted. */
    private void report() throws VtnException, InterruptedException {
        for (PendingReport r : new ArrayList<>(pending)) {
            JsonNode report;
            try {
                report = events.report(r.stationId(), r.eventId());
            } catch (NotFoundException gone) {
                pending.remove(r);
                LOG.warnf("OpenADR VEN: no report on event %s for station %s: %s", r.eventId(), r.stationId(),
                        gone.getMessage());
                continue;
            } catch (NotReadyException later) {
                continue;
            }
            JsonNode stored = vtn.postReport(report);
            pending.remove(r);
            posted++;
            LOG.infof("OpenADR VEN: report on event %s for station %s posted (VTN report id %s)", r.eventId(),
                    r.stationId(), stored.path("id").asText("?"));
        }
    }

    private static boolean callsBack(JsonNode subscription, String callback) {
        for (JsonNode operation : subscription.path("objectOperations")) {
            if (callback.equals(operation.path("callbackUrl").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Subscribes to each program's events once, when a callback URL is configured. */
    private void subscribe(List<JsonNode> programs) throws VtnException {
        if (settings.callback().isEmpty()) {
            return;
        }
        for (JsonNode program : programs) {
            String programId = program.path("id").asText();
            if (subscribed.contains(programId)) {
                continue;
            }
            ObjectNode subscription = OpenAdrService.JSON.createObjectNode();
            subscription.put("clientName", settings.venName());
            subscription.put("programID", programId);
            ArrayNode operations = subscription.putArray("objectOperations");
            ObjectNode operation = operations.addObject();
            operation.putArray("objects").add("EVENT");
            operation.putArray("operations").add("CREATE").add("UPDATE");
            String callback = settings.callback().get().toString();
            operation.put("callbackUrl", callback);
            operation.put("bearerToken", settings.callbackToken());
            // A subscription of an earlier start (same program, name and callback) is updated with this start's
            // token rather than a second one made beside it.
            Optional<String> earlier = vtn.subscriptions(programId, settings.venName()).stream()
                    .filter(s -> callsBack(s, callback)).map(s -> s.path("id").asText()).findFirst();
            JsonNode stored = earlier.isPresent() ? vtn.putSubscription(earlier.get(), subscription)
                    : vtn.postSubscription(subscription);
            subscribed.add(programId);
            LOG.infof("OpenADR VEN: %s to the events of program %s (VTN subscription %s)",
                    earlier.isPresent() ? "subscription renewed" : "subscribed", programId,
                    stored.path("id").asText("?"));
        }
    }
}
