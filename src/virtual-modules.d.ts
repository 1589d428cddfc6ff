// Modules that Vite plugins make at build time (scripts/vite/).

declare module 'virtual:trustline/fit-worker' {
	/** The fit worker's CommonJS code (scripts/vite/fit-worker.ts). */
	const code: string;
	export default code;
}
