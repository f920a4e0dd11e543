package io.swapflex.service.ocpp;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.swapflex.service.plan.StoredPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open OCPP-J sessions (one {@link CsmsSession} per WebSocket connection) and the last closed ones, kept for their
 * transcripts. When a station's plan is committed, its booted sessions are sent the new profiles.
 */
@ApplicationScoped
public class OcppSessions {

    private static final Logger LOG = Logger.getLogger(OcppSessions.class.getName());
    /** Closed sessions kept for their transcripts. */
    private static final int CLOSED_KEPT = 20;

    @Inject
    OpenConnections connections;

    @Inject
    OcppService ocpp;

    @Inject
    Clock clock;

    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final Deque<Entry> closed = new ArrayDeque<>();

    /** A session with its connection's id and times. */
    public record Entry(String connectionId, Instant openedAt, CsmsSession session, Instant closedAt) {
    }

    void opened(WebSocketConnection connection, String stationId, OcppVersion version) {
        open.put(connection.id(), new Entry(connection.id(), clock.instant(),
                new CsmsSession(stationId, version, ocpp, clock), null));
    }

    void received(WebSocketConnection connection, String text) {
        Entry entry = open.get(connection.id());
        if (entry == null) {
            return;
        }
        for (String frame : entry.session().received(text)) {
            connection.sendTextAndAwait(frame);
        }
    }

    void closed(WebSocketConnection connection) {
        Entry entry = open.remove(connection.id());
        if (entry != null) {
            synchronized (closed) {
                closed.addFirst(new Entry(entry.connectionId(), entry.openedAt(), entry.session(), clock.instant()));
                while (closed.size() > CLOSED_KEPT) {
                    closed.removeLast();
                }
            }
        }
    }

    /** A plan was committed: its station's booted sessions get its profiles (in their OCPP version). */
    void planned(@Observes StoredPlan plan) {
        for (Entry entry : open.values()) {
            CsmsSession session = entry.session();
            if (!session.stationId().equals(plan.stationId()) || !session.booted()) {
                continue;
            }
            try {
                session.planned(ocpp.profiles(plan, session.version())).ifPresent(frame ->
                        connections.findByConnectionId(entry.connectionId()).ifPresent(c -> c.sendText(frame)
                                .subscribe().with(ok -> { }, failure -> LOG.log(Level.WARNING,
                                        "cannot send to OCPP session " + entry.connectionId(), failure))));
            } catch (RuntimeException e) {
                // A failed push must not fail the commit of the plan that caused it.
                LOG.log(Level.WARNING, "cannot push plan v" + plan.version() + " to " + plan.stationId(), e);
            }
        }
    }

    /** The station's open sessions, then its recently closed ones (newest first). */
    public List<Entry> of(String stationId) {
        List<Entry> out = new ArrayList<>();
        open.values().stream().filter(e -> e.session().stationId().equals(stationId)).forEach(out::add);
        synchronized (closed) {
            closed.stream().filter(e -> e.session().stationId().equals(stationId)).forEach(out::add);
        }
        return out;
    }
}
