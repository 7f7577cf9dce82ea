/**
 * Manual review: what an operator may do with a transfer that stopped in {@code MANUAL_REVIEW}, the evidence from
 * the accounts' own event streams that the choice is checked against, and the events that record who decided what.
 */
package dev.ledger.api.transfer.review;
