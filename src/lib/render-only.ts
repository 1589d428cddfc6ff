/**
 * Data a page renders on the server and never sends to the browser.
 *
 * SvelteKit serialises every server `load` result into the page for hydration, and it does so
 * even for a page with `csr = false`, which never reads it. The embed pages ship no app
 * JavaScript, yet over 10,000 polls serialising their chart layouts (every dot with its poll)
 * took ~280 ms of a ~650 ms first request, several megabytes thrown away
 * (docs/performance.md, "Embeds of big series").
 *
 * Wrapped in `RenderOnly`, a value is still there for the server's render, but the transport
 * hook (src/hooks.ts) writes it as an empty placeholder, which the browser reads as `null`. The
 * embeds never hydrate; the explorer hydrates keeping the server's chart as served, and lays
 * the chart out itself only when it needs to (`servedOnly` below, lib/chart/explorer-chart.ts).
 */
export class RenderOnly<T> {
	constructor(readonly value: T) {}
}

/** The transport for `RenderOnly` (installed in src/hooks.ts). */
export const renderOnlyTransport = {
	encode: (value: unknown) => value instanceof RenderOnly && [],
	decode: (): null => null
};

/**
 * The value on the server; `undefined` in the browser, where the page must compute it itself
 * when it needs it. Types page data as it really arrives (SvelteKit types it as the server's).
 */
export function servedOnly<T>(wrapped: RenderOnly<T> | null): T | undefined {
	return wrapped?.value;
}
