package dev.ledger.app.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.Test;

class TokenStoreIdentifierTest {

    /** A token store whose first callers lose the race to create the identifier, as on a fresh shared database. */
    private static final class RacedTokenStore extends InMemoryTokenStore {
        private final List<String> attempts = new ArrayList<>();
        private int racesLost;

        RacedTokenStore(int racesLost) {
            this.racesLost = racesLost;
        }

        @Override
        public Optional<String> retrieveStorageIdentifier() {
            attempts.add("attempt");
            if (racesLost-- > 0) {
                throw new UnableToRetrieveIdentifierException("It may have been concurrently initialized.", null);
            }
            return Optional.of("the winner's identifier");
        }
    }

    @Test
    void aNodeThatLosesTheRaceToCreateTheIdentifierReadsTheWinnersAndStarts() {
        RacedTokenStore tokens = new RacedTokenStore(1);

        TokenStoreIdentifier.ensure(tokens, NoTransactionManager.INSTANCE);

        assertThat(tokens.attempts).hasSize(2);
    }

    @Test
    void aNodeThatFindsTheIdentifierReadsItOnce() {
        RacedTokenStore tokens = new RacedTokenStore(0);

        TokenStoreIdentifier.ensure(tokens, NoTransactionManager.INSTANCE);

        assertThat(tokens.attempts).hasSize(1);
    }

    @Test
    void aStoreThatCannotGiveAnIdentifierAtAllStillStopsTheNode() {
        RacedTokenStore tokens = new RacedTokenStore(2);

        assertThatThrownBy(() -> TokenStoreIdentifier.ensure(tokens, NoTransactionManager.INSTANCE))
                .isInstanceOf(UnableToRetrieveIdentifierException.class);
    }
}
