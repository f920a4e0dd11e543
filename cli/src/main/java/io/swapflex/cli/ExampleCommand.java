package io.swapflex.cli;

import io.swapflex.datasets.examples.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swapflex example NAME | --list}. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Print an example problem (contract v1), or list the examples' names.")
final class ExampleCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The example to print.")
    String name;

    @Option(names = "--list", description = "List the names, one a line.")
    boolean list;

    @Override
    public Integer call() {
        if (list == (name != null)) {
            throw new IllegalArgumentException("example needs a NAME or --list");
        }
        if (list) {
            Examples.names().forEach(out()::println);
        } else {
            out().print(Examples.json(name));
        }
        return Main.OK;
    }
}
