package dev.ledger.api.account;

import org.axonframework.serialization.Revision;

/**
 * A freeze was lifted.
 */
@Revision("1")
public record AccountUnfrozen(AccountId accountId) {
}
