/**
 * Limits on guessing passwords: failed sign-ins are counted per account and per network
 * address over 15 minutes. Past the limit, sign-in is refused (429) even with the right
 * password, so a guesser learns nothing. Unknown emails count like real ones, so the limit does
 * not reveal which accounts exist. A successful sign-in clears its account's count and does not
 * count against its address. Counts live in the server process (see rate-limit.ts).
 */
import { describeWait, RateLimiter, type RateLimitState } from '../security/rate-limit';
import { normaliseEmail } from './users';

const WINDOW_MS = 15 * 60_000;

/** Failed sign-ins allowed per account, and per address, in 15 minutes. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: WINDOW_MS } as const;

const byAccount = new RateLimiter({ limit: LOGIN_LIMITS.perAccount, windowMs: WINDOW_MS });
const byAddress = new RateLimiter({ limit: LOGIN_LIMITS.perAddress, windowMs: WINDOW_MS });

/**
 * Count a sign-in attempt before the password is checked (so parallel guesses cannot all slip
 * in while scrypt runs); returns why it is refused, or null when it may go ahead.
 */
export function startLoginAttempt(
	email: string,
	address: string
): (RateLimitState & { message: string }) | null {
	const key = normaliseEmail(email);
	const network = byAddress.hit(address);
	if (!network.allowed) return refusal(network, 'from your network address');
	const account = byAccount.hit(key);
	if (!account.allowed) {
		byAddress.release(address);
		return refusal(account, 'for this account');
	}
	return null;
}

/** A successful sign-in does not count: the account starts again from zero. */
export function loginSucceeded(email: string, address: string): void {
	byAccount.reset(normaliseEmail(email));
	byAddress.release(address);
}

function refusal(state: RateLimitState, who: string) {
	const wait = describeWait(state.retryAfterSeconds);
	return { ...state, message: `Too many failed sign-ins ${who}. Try again in ${wait}.` };
}
