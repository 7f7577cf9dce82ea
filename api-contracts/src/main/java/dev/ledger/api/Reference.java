package dev.ledger.api;

/**
 * The rule for a client's free-text {@code reference} on a transfer, deposit or withdrawal, kept in one place: it
 * is optional (null), at most {@value #MAX_LENGTH} characters, and printable. A reference is shown on statements,
 * in the history and on the public Kafka events, so control characters (line breaks, escapes), invisible format
 * characters (such as bidirectional overrides, which make text read differently from what it holds), separators
 * and unassigned or private-use code points are refused rather than passed on to every reader.
 */
public final class Reference {

    /** The most UTF-16 characters a reference may hold; the read models' columns hold as many. */
    public static final int MAX_LENGTH = 140;

    private Reference() {
    }

    /**
     * Returns {@code reference} when it keeps the rule.
     *
     * @throws IllegalArgumentException naming the field {@code reference} when it does not
     */
    public static String requireValid(String reference) {
        if (reference == null) {
            return null;
        }
        if (reference.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("reference must be at most " + MAX_LENGTH + " characters");
        }
        if (!reference.codePoints().allMatch(Reference::isPrintable)) {
            throw new IllegalArgumentException("reference must hold printable characters only: no control, format "
                    + "or line separator characters");
        }
        return reference;
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
