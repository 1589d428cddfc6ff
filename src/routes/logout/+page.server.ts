import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions } from './$types';

export const actions: Actions = {
	default: ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) endSession(getDb(), token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
