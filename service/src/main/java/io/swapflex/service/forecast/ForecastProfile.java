package io.swapflex.service.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forecast of a station's profile: per slot of the registration's horizon (slot 0 at its {@code horizon.start}, the
 * profile repeating like the registration's), any of swap demand per pack type, import and export prices and base
 * load. What it leaves out (a field, or a pack type's demand row) stays the registration's.
 *
 * @param swapDemand        riders per slot wanting a full pack, per pack type (integers ≥ 0)
 * @param importPricePerKwh import price per slot, the tariff's currency per kWh
 * @param exportPricePerKwh export price per slot, the tariff's currency per kWh
 * @param baseLoadKw        the site's own consumption per slot, kW (≥ 0)
 * @param note              free text: where the forecast comes from (optional, at most 500 characters)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForecastProfile(Map<String, int[]> swapDemand, double[] importPricePerKwh, double[] exportPricePerKwh,
                              double[] baseLoadKw, String note) {

    public static final int MAX_NOTE = 500;

    /** Every error of the forecast against the station's registration, each beginning with its JSON path. */
    public List<String> errors(Problem registration) {
        List<String> errors = new ArrayList<>();
        int slots = registration.slots();
        if (swapDemand == null && importPricePerKwh == null && exportPricePerKwh == null && baseLoadKw == null) {
            errors.add("$ gives no forecast: give at least one of swapDemand, importPricePerKwh, exportPricePerKwh, "
                    + "baseLoadKw");
        }
        if (swapDemand != null) {
            if (swapDemand.isEmpty()) {
                errors.add("swapDemand is empty: give a row per pack type forecast, or leave swapDemand out");
            }
            List<String> known = registration.packTypes().stream().map(PackType::id).toList();
            for (Map.Entry<String, int[]> row : swapDemand.entrySet()) {
                String path = "swapDemand." + row.getKey();
                if (!known.contains(row.getKey())) {
                    errors.add(path + " is not a pack type of station " + registration.stationId() + " (its types: "
                            + String.join(", ", known) + ")");
                    continue;
                }
                int[] values = row.getValue();
                if (values == null) {
                    errors.add(path + " is null: give one count per slot");
                    continue;
                }
                length(errors, path, values.length, slots);
                for (int t = 0; t < values.length; t++) {
                    if (values[t] < 0) {
                        errors.add(path + "[" + t + "] must be ≥ 0, is " + values[t]);
                    }
                }
            }
        }
        prices(errors, "importPricePerKwh", importPricePerKwh, slots);
        prices(errors, "exportPricePerKwh", exportPricePerKwh, slots);
        if (baseLoadKw != null) {
            length(errors, "baseLoadKw", baseLoadKw.length, slots);
            for (int t = 0; t < baseLoadKw.length; t++) {
                if (!(baseLoadKw[t] >= 0) || Double.isInfinite(baseLoadKw[t])) {
                    errors.add("baseLoadKw[" + t + "] must be a finite number ≥ 0, is " + baseLoadKw[t]);
                }
            }
        }
        if (note != null && note.length() > MAX_NOTE) {
            errors.add("note must be at most " + MAX_NOTE + " characters, has " + note.length());
        }
        return errors;
    }

    /** Why the forecast no longer fits the registration (it changed its slots or pack types since), or null. */
    public String misfit(Problem registration) {
        List<String> errors = errors(registration);
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    /** The registration with this forecast's rows in place of its own. */
    public Problem applyTo(Problem registration) {
        Map<String, int[]> demand = registration.swapDemand();
        if (swapDemand != null) {
            demand = new LinkedHashMap<>();
            for (PackType type : registration.packTypes()) {
                int[] row = swapDemand.containsKey(type.id()) ? swapDemand.get(type.id())
                        : registration.swapDemand() == null ? null : registration.swapDemand().get(type.id());
                if (row != null) {
                    demand.put(type.id(), row.clone());
                }
            }
        }
        Tariff t = registration.tariff();
        Tariff tariff = new Tariff(t.currency(),
                importPricePerKwh == null ? t.importPricePerKwh() : importPricePerKwh.clone(),
                exportPricePerKwh == null ? t.exportPricePerKwh() : exportPricePerKwh.clone());
        Site s = registration.site();
        Site site = new Site(s.gridImportLimitKw(), s.gridExportLimitKw(), s.maxActiveBays(),
                baseLoadKw == null ? s.baseLoadKw() : baseLoadKw.clone(), s.gridImportLimitKwBySlot(),
                s.gridExportLimitKwBySlot());
        return new Problem(registration.formatVersion(), registration.stationId(), registration.horizon(), site,
                registration.packTypes(), registration.bays(), demand, tariff, registration.dispatchRequests(),
                registration.unservedSwapPenalty());
    }

    /** The fields the forecast gives ({@code swapDemand.2W-1.6}, {@code importPricePerKwh}...). */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        if (swapDemand != null) {
            swapDemand.keySet().forEach(type -> fields.add("swapDemand." + type));
        }
        if (importPricePerKwh != null) {
            fields.add("importPricePerKwh");
        }
        if (exportPricePerKwh != null) {
            fields.add("exportPricePerKwh");
        }
        if (baseLoadKw != null) {
            fields.add("baseLoadKw");
        }
        return fields;
    }

    private static void prices(List<String> errors, String path, double[] values, int slots) {
        if (values == null) {
            return;
        }
        length(errors, path, values.length, slots);
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                errors.add(path + "[" + t + "] must be a finite number, is " + values[t]);
            }
        }
    }

    private static void length(List<String> errors, String path, int length, int slots) {
        if (length != slots) {
            errors.add(path + " has " + length + " values, the station's horizon has " + slots + " slots");
        }
    }
}
