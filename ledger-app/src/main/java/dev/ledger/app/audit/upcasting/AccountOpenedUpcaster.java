package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * Reads revision 1 of {@code AccountOpened} as revision 2. Revision 1 was written before accounts had an
 * overdraft, so it may lack {@code overdraftLimit}: such an account was opened with none, which is a limit of
 * zero in the account's currency. A revision 1 event that already carries the field keeps it.
 */
@Component
class AccountOpenedUpcaster extends RevisionStep {

    AccountOpenedUpcaster() {
        super("dev.ledger.api.account.AccountOpened", "1", "2");
    }

    @Override
    void mend(ObjectNode opened) {
        JsonNode currency = opened.path("currency");
        // Without a currency the event cannot be mended; left alone, it fails where any reader would notice.
        if (currency.isTextual() && !opened.hasNonNull("overdraftLimit")) {
            opened.putObject("overdraftLimit")
                    .put("minorUnits", 0L)
                    .put("currency", currency.asText());
        }
    }
}
