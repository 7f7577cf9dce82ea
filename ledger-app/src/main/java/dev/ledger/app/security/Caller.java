package dev.ledger.app.security;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountOpened;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authenticated caller of a request: its principal, which is the owner id of the accounts it opens, and
 * its roles. Controllers take it as a parameter and ask it what the caller may see and move.
 *
 * @param principal the opaque id the caller authenticated as (a demo user's name, or the JWT's subject)
 * @param roles     the caller's roles; a caller with none may read nothing
 */
public record Caller(String principal, Set<Role> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller an authentication stands for: its name, and those of its authorities that are roles here. */
    public static Caller of(Authentication authentication) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            Arrays.stream(Role.values())
                    .filter(role -> role.authority().equals(granted.getAuthority()))
                    .forEach(roles::add);
        }
        return new Caller(authentication.getName(), roles);
    }

    /** Tellers, auditors and admins read every account and transfer; a customer only what it owns. */
    public boolean mayRead(String owner) {
        return readsEverything() || principal.equals(owner);
    }

    /** Whether the caller may see this account at all: to a customer, another's account is as absent as none. */
    public boolean maySee(AccountOpened account) {
        return mayRead(account.owner());
    }

    /** Whether the caller reads beyond its own accounts. */
    public boolean readsEverything() {
        return roles.contains(Role.TELLER) || roles.contains(Role.AUDITOR) || roles.contains(Role.ADMIN);
    }

    /** Whether the caller acts for the bank on any account's money, rather than as an owner of its own. */
    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** The requester that the accounts hold a transfer's debit against: staff for an admin, else an owner. */
    public Requester requester() {
        return isAdmin() ? Requester.staff(principal) : Requester.owner(principal);
    }

    /**
     * The requester that an account holds its opening against: staff, who open for any owner with an overdraft and
     * under any id, for a teller or an admin, else an owner. A teller is staff here and not in {@link #requester()}:
     * tellers do not request transfers, and a caller who is both a teller and a customer transfers as a customer.
     */
    public Requester opener() {
        return roles.contains(Role.TELLER) || isAdmin() ? Requester.staff(principal) : Requester.owner(principal);
    }
}
