package dev.ledger.api.account.query;

/** Asks for every {@link AccountView} of one owner, oldest account first; answered with an {@link AccountListView}. */
public record ListAccountsByOwner(String owner) {
}
