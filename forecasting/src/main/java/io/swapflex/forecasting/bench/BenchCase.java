package io.swapflex.forecasting.bench;

import io.swapflex.forecasting.backtest.SeriesSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark series: the validation days choose the auto method and the ensemble members, the test days are
 * scored; both are rolling-origin day-ahead backtests. The validation period is cut into folds by calendar month.
 */
record BenchCase(String table, SeriesSpec spec, LocalDate validationFrom, LocalDate validationTo, LocalDate testFrom,
        LocalDate testTo) {

    /** The validation period's calendar months (clipped to it), oldest first, each as {@code {first day, last day}}. */
    List<LocalDate[]> folds() {
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate from = validationFrom; !from.isAfter(validationTo); ) {
            LocalDate monthEnd = from.withDayOfMonth(from.lengthOfMonth());
            LocalDate to = monthEnd.isBefore(validationTo) ? monthEnd : validationTo;
            out.add(new LocalDate[] {from, to});
            from = to.plusDays(1);
        }
        return out;
    }
}
