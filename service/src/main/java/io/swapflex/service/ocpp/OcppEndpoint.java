package io.swapflex.service.ocpp;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;

/**
 * The OCPP-J endpoint a charging station (a swap station's controller) connects to as to its CSMS:
 * {@code ws://host:port/ocpp/{stationId}}, subprotocol {@code ocpp2.1} or {@code ocpp2.0.1}, with its bearer token
 * on the upgrade request ({@link OcppUpgradeCheck}). Thin: {@link CsmsSession} speaks the protocol.
 */
@WebSocket(path = "/ocpp/{stationId}", endpointId = OcppEndpoint.ID)
public class OcppEndpoint {

    static final String ID = "ocpp";

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
}
