package dev.ledger.api.account;

import org.axonframework.serialization.Revision;

/**
 * The account was frozen: no debit or credit until it is unfrozen.
 */
@Revision("1")
public record AccountFrozen(AccountId accountId) {
}
