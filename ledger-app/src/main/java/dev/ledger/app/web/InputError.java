package dev.ledger.app.web;

/**
 * One offending piece of a request, as an item of a problem's {@code errors} array (an RFC 9457 extension member).
 *
 * @param in     where the piece was: {@code body}, {@code query}, {@code path} or {@code header}
 * @param field  its name: a body field as a dotted path such as {@code amount} or {@code items.0.currency} (empty for
 *               the whole body), or the parameter's or header's name
 * @param reason a sentence saying what is wrong with it, never an echo of a library's message
 */
public record InputError(String in, String field, String reason) {

    public static InputError body(String field, String reason) {
        return new InputError("body", field, reason);
    }

    public static InputError query(String name, String reason) {
        return new InputError("query", name, reason);
    }

    public static InputError path(String name, String reason) {
        return new InputError("path", name, reason);
    }

    public static InputError header(String name, String reason) {
        return new InputError("header", name, reason);
    }
}
