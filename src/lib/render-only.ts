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
 * hook (src/hooks.ts) writes it as an empty placeholder. On a page with JavaScript the browser
 * would find that placeholder instead of the data, so decoding it throws: use this on pages
 * with `csr = false` only.
 */
export class RenderOnly<T> {
	constructor(readonly value: T) {}
}

/** The transport for `RenderOnly` (installed in src/hooks.ts). */
export const renderOnlyTransport = {
	encode: (value: unknown) => value instanceof RenderOnly && [],
	decode: (): never => {
		throw new Error('Data meant for the server render reached the browser (RenderOnly).');
	}
};
