/**
 * A Vite plugin that gives the server the fit worker's code as a string: the module
 * `virtual:trustline/fit-worker` exports the CommonJS bundle of src/lib/server/charts/fit-worker.ts
 * (the state-space model and its message loop), which server/charts/fit-pool.ts runs in worker
 * threads with `eval`. The server's build is one ES module graph with the model inside its
 * chunks, and a worker needs a file or a text of its own: esbuild makes that text from the same
 * TypeScript sources in about 25 ms, so worker and server always run the same model.
 *
 * Benches run under tsx, without Vite: they call `bundleFitWorker` themselves.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const FIT_WORKER_MODULE = 'virtual:trustline/fit-worker';
const RESOLVED = `\0${FIT_WORKER_MODULE}`;
const ENTRY = resolve(
	fileURLToPath(new URL('.', import.meta.url)),
	'../../src/lib/server/charts/fit-worker.ts'
);

/** The worker's code, and the source files it was built from (watched in dev). */
export async function bundleFitWorker(): Promise<{ code: string; inputs: string[] }> {
	const out = await build({
		entryPoints: [ENTRY],
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		write: false,
		metafile: true,
		// Readable stack traces in the rare error it reports; it is 19 kB either way.
		minify: false,
		legalComments: 'none',
		logLevel: 'silent'
	});
	const inputs = Object.keys(out.metafile.inputs).map((file) => resolve(file));
	return { code: out.outputFiles[0].text, inputs };
}

export function fitWorker(): Plugin {
	return {
		name: 'trustline:fit-worker',
		// Filters, so that Vite calls these hooks for this one module only.
		resolveId: {
			filter: { id: new RegExp(`^${FIT_WORKER_MODULE}$`) },
			handler: () => RESOLVED
		},
		load: {
			filter: { id: new RegExp(`^\0${FIT_WORKER_MODULE}$`) },
			async handler() {
				const { code, inputs } = await bundleFitWorker();
				for (const file of inputs) this.addWatchFile(file);
				return `export default ${JSON.stringify(code)};`;
			}
		}
	};
}
