package dev.ledger.app.review;

import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;

/**
 * An extra source for a test's application context: debits and credits sent to the accounts a test names are lost
 * on the way, answered with nothing and never seen by the account, as with a partition that outlasts every retry.
 * With a short step timeout the saga gives up on them quickly and the transfer stops in manual review, its account
 * streams showing exactly which legs were taken.
 *
 * <p>A ledger started in a process of its own, which a test cannot call into, names its unreachable accounts by
 * prefix instead, in the environment variable {@value #UNREACHABLE_PREFIX}: legs for every account whose id starts
 * with it are lost, on whichever node handles them.
 */
public class LegsThatNeverArrive {

    /** The environment variable that names the prefix of unreachable accounts' ids, for a ledger in a process. */
    public static final String UNREACHABLE_PREFIX = "LEGS_NEVER_ARRIVE_AT";

    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final String unreachablePrefix = System.getenv(UNREACHABLE_PREFIX);

    /** From now on, legs for {@code accountId} are lost. */
    public void at(String accountId) {
        unreachable.add(accountId);
    }

    /** From now on, legs for {@code accountId} arrive again. */
    public void arriveAgainAt(String accountId) {
        unreachable.remove(accountId);
    }

    @Bean
    ConfigurerModule loseLegsToUnreachableAccounts() {
        MessageHandlerInterceptor<CommandMessage<?>> lose = (unitOfWork, chain) -> {
            Object payload = unitOfWork.getMessage().getPayload();
            String account = payload instanceof CreditAccount credit ? credit.accountId().value()
                    : payload instanceof DebitAccount debit ? debit.accountId().value() : null;
            boolean lost = account != null && (unreachable.contains(account)
                    || unreachablePrefix != null && !unreachablePrefix.isBlank() && account.startsWith(unreachablePrefix));
            return lost ? null : chain.proceed();
        };
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                () -> configuration.commandBus().registerHandlerInterceptor(lose)));
    }
}
