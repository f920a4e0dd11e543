package io.swapflex.studies.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The reports' CSV files, written by jackson-dataformat-csv: a header, then rows of cells the caller has formatted
 * (numbers to the digits the report promises, empty for none). A cell is quoted only when it holds a comma, a quote
 * or a line break, with its quotes doubled (RFC 4180); lines end with {@code \n}.
 */
public final class CsvTable {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private final List<List<String>> lines = new ArrayList<>();

    public CsvTable(List<String> header) {
        lines.add(List.copyOf(header));
    }

    /** One more row (null cells are written empty). */
    public CsvTable row(List<String> cells) {
        List<String> row = new ArrayList<>(cells.size());
        for (String cell : cells) {
            row.add(cell == null ? "" : cell);
        }
        lines.add(row);
        return this;
    }

    public String write() {
        try {
            return CSV.writer(CsvSchema.emptySchema()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }
}
