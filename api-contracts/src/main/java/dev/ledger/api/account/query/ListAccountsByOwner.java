package dev.ledger.api.account.query;

/** Asks for every {@link AccountView} of one owner, oldest account first. */
public record ListAccountsByOwner(String owner) {
}
