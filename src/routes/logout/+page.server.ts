import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await queueWrite(() => endSession(getDb(), token));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
