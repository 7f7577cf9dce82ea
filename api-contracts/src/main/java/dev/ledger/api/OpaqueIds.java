package dev.ledger.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The one rule every client-visible identifier follows: {@code [A-Za-z0-9_-]{1,64}}. */
public final class OpaqueIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private OpaqueIds() {
    }

    /** Returns {@code value} if it is a valid identifier, otherwise throws {@link IllegalArgumentException}. */
    public static String requireValid(String value, String kind) {
        Objects.requireNonNull(value, kind);
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must match [A-Za-z0-9_-]{1,64}");
        }
        return value;
    }
}
