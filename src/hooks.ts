/** Hooks run on the server and in the browser. */
import type { Transport } from '@sveltejs/kit';
import { renderOnlyTransport } from '$lib/render-only';
import { packedColumnsTransport } from '$lib/chart/poll-columns';

/** How page data that is not plain JSON crosses to the browser (or, here, does not). */
export const transport: Transport = {
	RenderOnly: renderOnlyTransport,
	PackedColumns: packedColumnsTransport
};
