package io.swapflex.datasets.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example station problems (contract format v1 JSON) shipped on the classpath under {@code /examples/}:
 * {@code index.txt} lists the names, {@code <name>.json} holds each problem. They are produced by
 * {@link ExampleStations}; {@code examples/README.md} explains every number.
 */
public final class Examples {

    /** Classpath folder of the examples. */
    public static final String RESOURCE_DIR = "/examples/";

    private Examples() {
    }

    /** The example names, in the order of {@code index.txt}. */
    public static List<String> names() {
        String index = read(RESOURCE_DIR + "index.txt");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The JSON text of one example problem.
     *
     * @throws IllegalArgumentException for a name not in {@link #names()}; the message lists the known names
     */
    public static String json(String name) {
        List<String> names = names();
        if (!names.contains(name)) {
            throw new IllegalArgumentException("unknown example '" + name + "'; known: " + String.join(", ", names));
        }
        return read(RESOURCE_DIR + name + ".json");
    }

    private static String read(String resource) {
        try (InputStream in = Examples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
