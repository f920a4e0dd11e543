package io.swapflex.optimizer.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad input: a document that cannot be read or a problem that breaks the contract. Each error names its JSON path.
 *
 * <p>At most {@link ProblemValidator#MAX_ERRORS} errors are kept (the rest counted in one last line): a reader that
 * finds a fault in each of a million array entries must not answer with a message of a million lines.
 */
public class InvalidProblemException extends RuntimeException {

    private final List<String> errors;

    public InvalidProblemException(List<String> errors) {
        this(capped(errors), true);
    }

    private InvalidProblemException(List<String> errors, boolean capped) {
        super(String.join("; ", errors));
        this.errors = errors;
    }

    public List<String> errors() {
        return errors;
    }

    private static List<String> capped(List<String> errors) {
        int max = ProblemValidator.MAX_ERRORS;
        if (errors.size() <= max + 1) {
            return List.copyOf(errors);
        }
        List<String> kept = new ArrayList<>(errors.subList(0, max));
        kept.add("$ has " + (errors.size() - max) + " more errors (the first " + max + " are listed)");
        return List.copyOf(kept);
    }
}
