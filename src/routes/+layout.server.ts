import { servedCopiesFor } from '$lib/chart/small-screen';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, request }) => ({
	user: locals.user ? { email: locals.user.email } : null,
	// Which served copies of a chart the page's InteractiveCharts send (small-screen.ts).
	servedCharts: servedCopiesFor(request.headers.get('sec-ch-ua-mobile'))
});
