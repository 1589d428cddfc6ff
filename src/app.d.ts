// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** A heading for the error page, when the status alone would say little. */
			title?: string;
			/**
			 * A chart view with more polls than one chart draws (server/charts/drawable.ts): its
			 * first leaders that fit together, their names and points; the error page links there.
			 */
			fewer?: { leaders: string[]; names: string[]; points: number };
		}
		interface Locals {
			/** The signed-in editor (session cookie or API token), or null for readers. */
			user: import('$lib/server/auth/users').User | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
