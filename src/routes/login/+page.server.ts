import { fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { checkCredentials } from '$lib/server/auth/users';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { loginSucceeded, startLoginAttempt } from '$lib/server/auth/login-limits';
import { retryAfterHeaders } from '$lib/server/security/rate-limit';
import { safeNextPath } from '$lib/server/http/next-path';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	user: locals.user,
	next: safeNextPath(url.searchParams.get('next'), url.origin)
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const address = getClientAddress();
		const refusal = startLoginAttempt(email, address);
		if (refusal) {
			setHeaders(retryAfterHeaders(refusal));
			return fail(429, { email, message: refusal.message });
		}
		const user = await checkCredentials(getDb(), email, password);
		if (!user) return fail(400, { email, message: 'Wrong email or password.' });
		loginSucceeded(email, address);
		const { token, expires } = await queueWrite(() => createSession(getDb(), user.id));
		cookies.set(SESSION_COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: !dev && url.protocol === 'https:',
			expires
		});
		redirect(303, safeNextPath(String(form.get('next') ?? '/'), url.origin));
	}
};
