package dev.ledger.account;

import static org.hamcrest.Matchers.equalTo;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

/** Matches the rule a request broke, by its stable code. */
final class RuleViolations {

    private RuleViolations() {
    }

    static Matcher<LedgerRuleViolation> withCode(LedgerErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a LedgerRuleViolation with code", "code") {
            @Override
            protected LedgerErrorCode featureValueOf(LedgerRuleViolation actual) {
                return actual.code();
            }
        };
    }
}
