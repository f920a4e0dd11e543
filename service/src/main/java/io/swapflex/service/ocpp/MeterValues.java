package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCPP 2.0.1 / 2.1 {@code MeterValuesRequest} read for what SwapFlex uses: the energy registers (measurands
 * {@code Energy.*}; {@code Energy.Active.Import.Register} when a sampled value names none, as OCPP defaults) and the
 * state of charge (measurand {@code SoC}, a percentage), each value scaled by its {@code unitOfMeasure.multiplier}
 * (a power of ten). Other measurands (power, current, voltage, temperature…) are kept with the message only.
 *
 * <p>Mapping: {@code evseId} n ≥ 1 is bay n (as everywhere in OCPP here), 0 the station's main meter. A bay's SoC
 * becomes the station's own {@code SOC} battery event ({@code socFraction} = SoC / 100) with the meter value's
 * timestamp: the last one in the message when it has several.
 */
public final class MeterValues {

    /** The default measurand of a sampled value (OCPP: "Energy.Active.Import.Register" when absent). */
    static final String DEFAULT_MEASURAND = "Energy.Active.Import.Register";

    /** What a request says, read. */
    public record Read(int evseId, List<OcppReports.MeterReading> energy, Double lastSocPercent, Instant socAt) {
    }

    private MeterValues() {
    }

    /** Reads a request; malformed fields are a FormatViolation naming each path. */
    public static Read read(JsonNode payload) {
        List<String> errors = new ArrayList<>();
        if (payload == null || !payload.isObject()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION,
                    List.of("$ must be a MeterValuesRequest object {evseId, meterValue}"));
        }
        JsonNode evse = payload.get("evseId");
        if (evse == null || !evse.canConvertToExactIntegral() || !evse.canConvertToInt() || evse.asInt() < 0) {
            errors.add("evseId must be an integer ≥ 0, is " + evse);
        }
        JsonNode values = payload.get("meterValue");
        if (values == null || !values.isArray() || values.isEmpty()) {
            errors.add("meterValue must be a non-empty array");
        }
        if (!errors.isEmpty()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION, errors);
        }
        int evseId = evse.asInt();
        List<OcppReports.MeterReading> energy = new ArrayList<>();
        Instant lastSocAt = null;
        Double lastSoc = null;
        for (int i = 0; i < values.size(); i++) {
            String path = "meterValue[" + i + "]";
            JsonNode mv = values.get(i);
            Instant at = instant(mv.path("timestamp"), path + ".timestamp", errors);
            JsonNode sampled = mv.path("sampledValue");
            if (!sampled.isArray() || sampled.isEmpty()) {
                errors.add(path + ".sampledValue must be a non-empty array");
                continue;
            }
            for (int j = 0; j < sampled.size(); j++) {
                String sp = path + ".sampledValue[" + j + "]";
                JsonNode s = sampled.get(j);
                JsonNode value = s.path("value");
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    errors.add(sp + ".value must be a number, is " + value);
                    continue;
                }
                String measurand = text(s.path("measurand"), DEFAULT_MEASURAND, sp + ".measurand", errors);
                JsonNode unit = s.path("unitOfMeasure");
                int multiplier = unit.path("multiplier").isMissingNode() ? 0 : unit.path("multiplier").asInt();
                if (!unit.path("multiplier").isMissingNode() && !unit.path("multiplier").canConvertToExactIntegral()) {
                    errors.add(sp + ".unitOfMeasure.multiplier must be an integer");
                    continue;
                }
                double scaled = value.asDouble() * Math.pow(10, multiplier);
                if (at == null) {
                    continue;
                }
                if (measurand.equals("SoC")) {
                    if (!(scaled >= 0 && scaled <= 100)) {
                        errors.add(sp + ".value must be a SoC in [0, 100] (percent), is " + scaled);
                        continue;
                    }
                    if (lastSocAt == null || !at.isBefore(lastSocAt)) {
                        lastSocAt = at;
                        lastSoc = scaled;
                    }
                } else if (measurand.startsWith("Energy.")) {
                    energy.add(new OcppReports.MeterReading(evseId, measurand, textOrNull(s.path("phase")),
                            textOrNull(s.path("location")), scaled,
                            text(unit.path("unit"), "Wh", sp + ".unitOfMeasure.unit", errors), at));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION, errors);
        }
        return new Read(evseId, energy, lastSoc, lastSocAt);
    }

    private static Instant instant(JsonNode node, String path, List<String> errors) {
        if (!node.isTextual()) {
            errors.add(path + " must be an RFC 3339 date-time, is " + node);
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(path + " must be an RFC 3339 date-time, is '" + node.asText() + "'");
            return null;
        }
    }

    private static String text(JsonNode node, String absent, String path, List<String> errors) {
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > 50) {
            errors.add(path + " must be a string of 1 to 50 characters, is " + node);
            return absent;
        }
        return node.asText();
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && node.asText().length() <= 16 ? node.asText() : null;
    }
}
