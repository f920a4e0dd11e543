package io.swapflex.optimizer.contract;

/** Energy prices per slot in {@code currency} per kWh; import is paid, export is earned. Prices may be negative. */
public record Tariff(String currency, double[] importPricePerKwh, double[] exportPricePerKwh) {
}
