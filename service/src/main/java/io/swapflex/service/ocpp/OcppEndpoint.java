package io.swapflex.service.ocpp;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The OCPP-J endpoint a charging station (a swap station's controller) connects to as to its CSMS:
 * {@code ws://host:port/ocpp/{stationId}}, subprotocol {@code ocpp2.1} or {@code ocpp2.0.1}, with its bearer token
 * on the upgrade request ({@link OcppUpgradeCheck}). Thin: {@link CsmsSession} speaks the protocol.
 */
@WebSocket(path = "/ocpp/{stationId}", endpointId = OcppEndpoint.ID)
public class OcppEndpoint {

    static final String ID = "ocpp";
    private static final Logger LOG = Logger.getLogger(OcppEndpoint.class);

    @Inject
    OcppSessions sessions;

    @OnOpen
    void open(WebSocketConnection connection) {
        OcppVersion version = OcppVersion.ofSubprotocol(connection.subprotocol());
        if (version == null) { // the upgrade check lets none through; kept as a guard
            connection.closeAndAwait(new CloseReason(1002, "subprotocol ocpp2.1 or ocpp2.0.1 required"));
            return;
        }
        sessions.opened(connection, connection.pathParam("stationId"), version);
    }

    @OnTextMessage
    void text(String frame, WebSocketConnection connection) {
        sessions.received(connection, frame);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }

    /**
     * A message over {@code quarkus.websockets-next.server.max-message-size} (Vert.x stops aggregating its frames) or
     * any other failure of the socket: the connection is closed, 1009 Message Too Big or 1011, without the stack
     * trace the default handler logs for every oversized frame a station (or an attacker with its token) sends.
     */
    @OnError
    Uni<Void> failed(Throwable e, WebSocketConnection connection) {
        boolean tooBig = e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size");
        if (connection.isClosed()) {
            // The station went away while an answer was being sent: nothing to close, nothing to report.
            LOG.debugf("OCPP-J %s: closed while sending: %s", connection.id(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (tooBig) {
            LOG.debugf("OCPP-J %s: %s", connection.id(), e.getMessage());
        } else {
            LOG.warnf(e, "OCPP-J %s failed", connection.id());
        }
        return connection.close(tooBig ? new CloseReason(1009, "message too big") : new CloseReason(1011, "error"));
    }
}
