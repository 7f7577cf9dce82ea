package dev.ledger.app.audit;

import java.util.List;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reading a books report as the audit endpoints answer it, the same way in every audit test. */
final class BooksReports {

    private BooksReports() {
    }

    /** One account's mismatches, each as {@code field: events expected, read model actual}. */
    static List<String> mismatchesOf(JsonNode report, String accountId) {
        return StreamSupport.stream(report.path("mismatches").spliterator(), false)
                .filter(mismatch -> accountId.equals(mismatch.path("accountId").asString()))
                .map(mismatch -> mismatch.path("field").asString() + ": events " + mismatch.path("expected").asString()
                        + ", read model " + mismatch.path("actual").asString())
                .toList();
    }

    /** One currency in the report; before its first use, a conserved entry with every total zero. */
    static JsonNode conservation(JsonNode report, String currency) {
        return StreamSupport.stream(report.path("conservation").spliterator(), false)
                .filter(entry -> currency.equals(entry.path("currency").asString()))
                .findFirst()
                .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("ok", true));
    }

    /** How much one total of one currency grew from one report to a later one. */
    static long grown(JsonNode before, JsonNode after, String currency, String total) {
        return conservation(after, currency).path(total).asLong() - conservation(before, currency).path(total).asLong();
    }
}
