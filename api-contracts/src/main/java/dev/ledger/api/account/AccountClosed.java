package dev.ledger.api.account;

import org.axonframework.serialization.Revision;

/**
 * The account was closed at a zero balance. Nothing moves in or out of it again.
 */
@Revision("1")
public record AccountClosed(AccountId accountId) {
}
